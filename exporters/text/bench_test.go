package text

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// benchDoc reads src (Markdown) into a tree, outside the timed loop.
func benchDoc(b *testing.B, src []byte) *tree.Document {
	b.Helper()
	doc, err := markdown.Read(src, "bench.md")
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func runBench(b *testing.B, doc *tree.Document, size int) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	e := New()
	for b.Loop() {
		if err := e.Export(io.Discard, doc, exporters.Options{Wrap: exporters.DefaultWrap}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNotice exports the PyPI privacy notice (about 6 kB of Markdown).
func BenchmarkNotice(b *testing.B) {
	p := corpustest.Path(b, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md")
	src, err := os.ReadFile(p)
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	runBench(b, benchDoc(b, src), len(src))
}

// BenchmarkOneMB exports a 1 MB document made of the golden-test inputs
// (every construct: lists, tables, CJK, links, footnotes) repeated.
func BenchmarkOneMB(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.md")
	var unit bytes.Buffer
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		src = bytes.ReplaceAll(src, []byte("---\ntitle: Terms of Service\n---\n"), nil)
		unit.Write(src)
		unit.WriteString("\n\n")
	}
	var src bytes.Buffer
	for src.Len() < 1<<20 {
		src.Write(unit.Bytes())
	}
	runBench(b, benchDoc(b, src.Bytes()), src.Len())
}

// BenchmarkNestedTables exports tables nested 32 deep (HTML allows it): the
// cell cache keeps this polynomial in the depth.
func BenchmarkNestedTables(b *testing.B) {
	src := strings.Repeat("<table><tr><td>a b c</td><td>", 32) + "x" + strings.Repeat("</td></tr></table>", 32) + "\n"
	doc, err := mdReader.Read([]byte(src), "nested.md")
	if err != nil {
		b.Fatal(err)
	}
	runBench(b, doc, len(src))
}
