package json

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

func benchDoc(b *testing.B, src []byte) *tree.Document {
	doc, err := mdReader.Read(src, "bench.md")
	if err != nil {
		b.Fatal(err)
	}
	rev := &tree.DateInfo{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Source: tree.FromFlag}
	if err := resolve.Document(doc, resolve.Options{Dates: resolve.Dates{Revision: rev}}); err != nil {
		b.Fatal(err)
	}
	return doc
}

func BenchmarkExport(b *testing.B) {
	src, err := os.ReadFile(corpustest.Path(b, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	if err != nil {
		b.Skipf("shared corpus not found (%v); skipping", err)
	}
	var large []byte
	for len(large) < 1<<20 {
		large = append(append(large, src...), '\n')
	}
	for _, tc := range []struct {
		name string
		src  []byte
	}{{"notice", src}, {"1MB", large}} {
		doc := benchDoc(b, tc.src)
		b.Run(tc.name, func(b *testing.B) {
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, exporters.Options{}); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := New().Export(io.Discard, doc, exporters.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
