package markdown

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/galleydoc/galley/pipeline/tree"
)

// FuzzRead checks that any input either reads into a tree or fails with a
// SyntaxError, never panics, and that all text in the tree is valid UTF-8.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/constructs/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("!!! note\n    !!! note\n        === \"x\"\n            > - [x] {: #a }\n"))
	f.Add([]byte("| a |\n|---|\n| <a id=\"x\"></a>{{ git_revision_date_localized }} |\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := NewReader(WithMaxNesting(32)).Read(src, "fuzz.md")
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		check := func(list []tree.Inline) {
			tree.WalkInlines(list, func(in tree.Inline) {
				if tx, ok := in.(*tree.Text); ok && !utf8.ValidString(tx.Text) {
					t.Fatalf("invalid UTF-8 in text %q", tx.Text)
				}
			})
		}
		tree.Walk(doc.Blocks, func(b tree.Block) bool {
			for _, l := range tree.InlineLists(b) {
				check(*l)
			}
			return true
		})
	})
}
