package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// mdReader reads Markdown with its raw HTML blocks read into tree blocks,
// as the pipeline does.
var mdReader = markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))

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
	doc, err := mdReader.Read(src, filepath.Base(path))
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
			checkShape(t, name, markedExport(doc, w), w)
			golden(t, name, got)
		})
	}
}

// markedExport renders doc with code lines marked by codeMark.
func markedExport(doc *tree.Document, w int) string {
	r := &renderer{opts: exporters.Options{Wrap: w}, doc: doc, byURL: map[string]int{}, byFootnote: map[*tree.Footnote]int{}, markCode: true}
	lines := r.render()
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// checkShape checks the invariants of every export (out rendered with code
// lines marked): NFC, LF, no trailing spaces, a final newline, and no line
// wider than w except code lines and lines holding one unbreakable segment
// after their list, quote and reference markers.
func checkShape(t testing.TB, name, out string, w int) {
	t.Helper()
	if out == "" {
		return
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("%s: no final newline", name)
	}
	if strings.ContainsRune(out, '\r') {
		t.Errorf("%s: CR in output", name)
	}
	if !norm.NFC.IsNormalString(out) {
		t.Errorf("%s: output is not NFC", name)
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.Contains(l, codeMark) {
			continue
		}
		if strings.TrimRight(l, " \t") != l {
			t.Errorf("%s: line %d has trailing space: %q", name, i+1, l)
		}
		if w > 0 && width(l) > w && len(wrapLine(refMarks.ReplaceAllString(markers.ReplaceAllString(l, ""), ""), 1)) > 1 {
			t.Errorf("%s: line %d is %d cells wide (> %d): %q", name, i+1, width(l), w, l)
		}
	}
}

// refMarks matches reference marks, glued to the word before them.
var refMarks = regexp.MustCompile(` \[\d+\]`)

// markers matches the prefixes the exporter puts before a line's text.
var markers = regexp.MustCompile(`^(?:[ >]|-|#+|\d+[.)]|\[[ x0-9]+\])*\s*`)
