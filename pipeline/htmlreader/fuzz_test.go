package htmlreader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galleydoc/galley/pipeline/tree"
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
			// Line breaks in text are resolved (a space, or nothing
			// between CJK characters): none reaches the tree.
			tree.Walk(doc.Blocks, func(b tree.Block) bool {
				for _, l := range tree.InlineLists(b) {
					tree.WalkInlines(*l, func(in tree.Inline) {
						if x, ok := in.(*tree.Text); ok && strings.ContainsAny(x.Text, "\n\r") {
							t.Fatalf("a line break left in text %q", x.Text)
						}
					})
				}
				return true
			})
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
