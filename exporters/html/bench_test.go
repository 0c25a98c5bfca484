package html

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/tree"
)

// benchDocs returns a notice-sized document (the PyPI privacy notice from the
// corpus) and a 1 MB one made by repeating it.
func benchDocs(b *testing.B) (notice, big *tree.Document) {
	b.Helper()
	src, err := os.ReadFile(corpustest.Path(b, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	if err != nil {
		b.Skipf("shared corpus not found (%v); skipping", err)
	}
	notice, err = pipelineDoc(src, "pypi.org/Privacy-Notice.md")
	if err != nil {
		b.Fatal(err)
	}
	var large []byte
	for len(large) < 1<<20 {
		large = append(large, src...)
		large = append(large, '\n')
	}
	big, err = pipelineDoc(large, "big.md")
	if err != nil {
		b.Fatal(err)
	}
	return notice, big
}

func benchExport(b *testing.B, doc *tree.Document, opts exporters.Options) {
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, opts); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := New().Export(io.Discard, doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExport(b *testing.B) {
	notice, big := benchDocs(b)
	b.Run("notice", func(b *testing.B) { benchExport(b, notice, exporters.Options{}) })
	b.Run("notice-trusted", func(b *testing.B) { benchExport(b, notice, exporters.Options{RawHTML: exporters.RawTrusted}) })
	b.Run("1MB", func(b *testing.B) { benchExport(b, big, exporters.Options{}) })
}
