package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// export runs the exporter on doc with wrap width w.
func export(t testing.TB, doc *tree.Document, w int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, exporters.Options{Wrap: w}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func read(t testing.TB, path string) *tree.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markdown.Read(src, filepath.Base(path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// golden compares got with testdata/name.golden, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test -update after checking):\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// TestGoldenMarkdown exports every testdata/*.md (one construct each) at 72
// columns, and at 30 columns where a file name ends in "-narrow".
func TestGoldenMarkdown(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			w := 72
			if strings.HasSuffix(name, "-narrow") {
				w = 30
			}
			doc := read(t, f)
			got := export(t, doc, w)
			checkShape(t, got, w)
			golden(t, name, got)
		})
	}
}

// checkShape checks the invariants of every export: NFC, LF, no trailing
// spaces, a final newline, and no line wider than w except code lines and
// lines holding one word.
func checkShape(t testing.TB, out string, w int) {
	t.Helper()
	if out == "" {
		return
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("no final newline")
	}
	if strings.ContainsRune(out, '\r') {
		t.Errorf("CR in output")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.TrimRight(l, " \t") != l {
			t.Errorf("line %d has trailing space: %q", i+1, l)
		}
		if w > 0 && width(l) > w && !isCodeLine(l) && len(strings.Fields(l)) > 1 && !oneWord(l) {
			t.Errorf("line %d is %d cells wide (> %d): %q", i+1, width(l), w, l)
		}
	}
}

// isCodeLine reports whether l is (probably) a line of a code block: four
// spaces of indentation beyond any list, quote or admonition prefix. The
// property test uses it loosely; code lines are never wrapped.
func isCodeLine(l string) bool {
	return strings.HasPrefix(strings.TrimLeft(l, "> "), "    ") || strings.Contains(l, "        ")
}

// oneWord reports whether l holds a single word after its list, quote and
// reference markers.
func oneWord(l string) bool {
	f := strings.Fields(l)
	n := 0
	for _, x := range f {
		if strings.Trim(x, "-*>#.0123456789[]x") == "" && len(x) <= 6 {
			continue
		}
		n++
	}
	return n <= 1
}
