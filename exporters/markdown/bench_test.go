package markdown

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/tree"
)

func runBench(b *testing.B, doc *tree.Document, size int) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	e := New()
	for b.Loop() {
		if err := e.Export(io.Discard, doc, exporters.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNotice writes the PyPI privacy notice back as Markdown.
func BenchmarkNotice(b *testing.B) {
	src, err := os.ReadFile(corpustest.Path(b, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	runBench(b, read(b, src, "notice.md"), len(src))
}

// BenchmarkOneMB writes a 1 MB document made of the golden-test inputs.
func BenchmarkOneMB(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.md")
	var unit bytes.Buffer
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		unit.Write(bytes.ReplaceAll(src, []byte("---\ntitle: Terms of Service\n---\n"), nil))
		unit.WriteString("\n\n")
	}
	var src bytes.Buffer
	for src.Len() < 1<<20 {
		src.Write(unit.Bytes())
	}
	runBench(b, read(b, src.Bytes(), "big.md"), src.Len())
}
