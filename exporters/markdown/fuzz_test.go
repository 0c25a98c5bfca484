package markdown

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRoundTrip reads arbitrary Markdown, writes it, reads it back and
// writes it again: no panic, the outline is kept and the second writing
// equals the first.
func FuzzRoundTrip(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, p := range files {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src))
		}
	}
	f.Add("*a* _b_ `c` [d](e) <f@g.h> ~~i~~\n\n1) j\n2) k")
	f.Add("**重要：**请阅读\n这是**“引用”**的，葛\U000E0100**(正式)**城市 *更多：*在\n\n太郎は__「こ」__といった。~~删（除）~~后 **스크립트(script)**라고")
	f.Fuzz(func(t *testing.T, src string) {
		if !readable(src) {
			return
		}
		roundTripStable(t, "fuzz.md", []byte(src), false)
	})
}

// readable reports whether the Markdown reader accepts src. Inputs on which
// the reader fails, or panics (a reader bug, not this package's), are
// skipped.
func readable(src string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := mdReader.Read([]byte(src), "fuzz.md")
	return err == nil
}
