package treejson

import (
	"os"
	"testing"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
)

func benchJSON(b *testing.B) map[string][]byte {
	src, err := os.ReadFile(corpustest.Path(b, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	if err != nil {
		b.Skipf("shared corpus not found (%v); skipping", err)
	}
	var large []byte
	for len(large) < 1<<20 {
		large = append(append(large, src...), '\n')
	}
	out := map[string][]byte{}
	for name, md := range map[string][]byte{"notice": src, "1MB": large} {
		doc, err := markdown.Read(md, "bench.md")
		if err != nil {
			b.Fatal(err)
		}
		js, err := Encode(doc)
		if err != nil {
			b.Fatal(err)
		}
		out[name] = js
	}
	return out
}

func BenchmarkDecode(b *testing.B) {
	docs := benchJSON(b)
	for _, name := range []string{"notice", "1MB"} {
		js := docs[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(js)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Decode(js); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	docs := benchJSON(b)
	for _, name := range []string{"notice", "1MB"} {
		doc, err := Decode(docs[name])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(docs[name])))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Encode(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
