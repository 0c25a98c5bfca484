package htmlreader

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzRead checks that no input makes Read or Blocks panic, that errors are
// the documented ones, and that reading is deterministic. The seed corpus is
// testdata/fuzz/FuzzRead plus the golden fixtures.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.html")
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Read(src, "fuzz.html", Options{MaxBytes: 1 << 20})
		if err != nil {
			if doc != nil {
				t.Fatal("document and error both returned")
			}
		} else {
			again, err2 := Read(src, "fuzz.html", Options{MaxBytes: 1 << 20})
			if err2 != nil || dump(doc) != dump(again) {
				t.Fatalf("second read differs: %v", err2)
			}
		}
		if utf8.Valid(src) {
			checkAnnotation(t, string(src))
		}
		if _, err := Blocks(string(src)); err != nil && !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, ErrTooDeep) {
			t.Fatalf("Blocks: unexpected error %v", err)
		}
	})
}
