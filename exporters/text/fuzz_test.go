package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/tree"
)

// FuzzExport reads arbitrary Markdown and exports it at several widths:
// no panic, and the line invariants hold.
func FuzzExport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, p := range files {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src), 72)
		}
	}
	f.Add("| a |\n|---|\n| b |", 1)
	f.Add("- [ ] x\n  > y\n    z", 3)
	f.Fuzz(func(t *testing.T, src string, w int) {
		doc := readOrNil(src)
		if doc == nil {
			return
		}
		w = w % 200
		out := export(t, doc, w)
		if out != "" && !strings.HasSuffix(out, "\n") {
			t.Fatalf("no final newline")
		}
		checkShape(t, "fuzz", markedExport(doc, w), w)
		checkWords(t, "fuzz", doc)
	})
}

// readOrNil reads src, or returns nil when the Markdown reader fails or
// panics (a reader bug, not this package's).
func readOrNil(src string) (doc *tree.Document) {
	defer func() {
		if recover() != nil {
			doc = nil
		}
	}()
	doc, err := mdReader.Read([]byte(src), "fuzz.md")
	if err != nil {
		return nil
	}
	return doc
}
