package bench

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/internal/cputime"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/localize"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

// The inputs of the benchmarks: the example notice, a 1 MB document and a
// batch of 1,000 notices (500 organisations × privacy notice and cookie
// policy).
const (
	largeBytes = 1 << 20
	batchDocs  = 1000
)

// reader is the Markdown reader as the engine builds it (raw HTML blocks
// read into the tree).
var reader = markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))

var revision = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

// inputs are the sources of the per-stage benchmarks.
func inputs() []struct {
	name string
	src  []byte
} {
	return []struct {
		name string
		src  []byte
	}{{"notice", Notice()}, {"1MB", Large(largeBytes)}}
}

// prepare reads, resolves and localizes src as the engine does.
func prepare(tb testing.TB, src []byte) *tree.Document {
	tb.Helper()
	doc, err := reader.Read(src, "privacy-notice.md")
	if err != nil {
		tb.Fatal(err)
	}
	if err := resolve.Document(doc, resolveOptions(&diag.Sink{})); err != nil {
		tb.Fatal(err)
	}
	localize.Document(doc, locales.MustParse("en"), nil)
	return doc
}

func resolveOptions(sink *diag.Sink) resolve.Options {
	return resolve.Options{
		Dates:   resolve.Dates{Revision: &tree.DateInfo{Time: revision, Source: tree.FromFrontMatter}},
		LinkExt: "html",
		Diag:    sink,
	}
}

// reportCPU starts counting the process's CPU time; the returned function
// reports it per operation as cpu-ms/op. Call it right before the timed
// loop and the function right after it.
func reportCPU(b *testing.B) func() { return cputime.Report(b) }

// BenchmarkRead measures the Markdown reader (goldmark parse and tree
// building).
func BenchmarkRead(b *testing.B) {
	for _, in := range inputs() {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			done := reportCPU(b)
			for b.Loop() {
				if _, err := reader.Read(in.src, "privacy-notice.md"); err != nil {
					b.Fatal(err)
				}
			}
			done()
		})
	}
}

// BenchmarkResolve measures the resolve stage (ids, date macros, links) on
// a freshly read tree each time; reading is not timed.
func BenchmarkResolve(b *testing.B) {
	for _, in := range inputs() {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				doc, err := reader.Read(in.src, "privacy-notice.md")
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := resolve.Document(doc, resolveOptions(&diag.Sink{})); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLocalize measures rendering the dates of a resolved tree in a
// locale (run once per locale per document).
func BenchmarkLocalize(b *testing.B) {
	for _, in := range inputs() {
		b.Run(in.name, func(b *testing.B) {
			doc := prepare(b, in.src)
			de := locales.MustParse("de")
			b.ReportAllocs()
			for b.Loop() {
				localize.Document(doc, de, nil)
			}
		})
	}
}

// BenchmarkExport measures each exporter on a prepared tree, with the
// options the engine passes for English.
func BenchmarkExport(b *testing.B) {
	reg := builtin.Registry()
	en := locales.MustParse("en")
	for _, format := range []string{"html", "pdf", "txt", "json"} {
		exp, ok := reg.Lookup(format)
		if !ok {
			b.Fatalf("no exporter %q", format)
		}
		for _, in := range inputs() {
			b.Run(format+"/"+in.name, func(b *testing.B) {
				doc := prepare(b, in.src)
				opts := exporters.Options{Labels: en.Printer(), Paper: en.Paper(), Wrap: exporters.DefaultWrap,
					RawHTML: exporters.RawSanitize, Diag: &diag.Sink{}, Producer: "galley bench"}
				var buf bytes.Buffer
				if err := exp.Export(&buf, doc, opts); err != nil {
					b.Fatal(err)
				}
				outBytes := buf.Len()
				b.SetBytes(int64(len(in.src)))
				b.ReportAllocs()
				done := reportCPU(b)
				for b.Loop() {
					buf.Reset()
					if err := exp.Export(&buf, doc, opts); err != nil {
						b.Fatal(err)
					}
				}
				done()
				b.ReportMetric(float64(outBytes), "out-bytes")
			})
		}
	}
}

// BenchmarkConvert measures `galley convert` without the process: one
// document through every stage into one format.
func BenchmarkConvert(b *testing.B) {
	for _, format := range []string{"html", "pdf", "txt", "json"} {
		e, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{format}})
		if err != nil {
			b.Fatal(err)
		}
		for _, in := range inputs() {
			b.Run(format+"/"+in.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.src)))
				b.ReportAllocs()
				done := reportCPU(b)
				for b.Loop() {
					if err := e.Convert(context.Background(), in.src, "privacy-notice.md", "markdown", "", io.Discard, &diag.Sink{}); err != nil {
						b.Fatal(err)
					}
				}
				done()
			})
		}
	}
}

// exportRun runs `galley export` (all four formats, --force) over inputs
// into a fresh output directory per iteration and checks that nothing
// failed.
func exportRun(b *testing.B, paths []string, wantDocs int) {
	b.Helper()
	e, err := pipeline.New(builtin.Registry(), pipeline.Options{Force: true})
	if err != nil {
		b.Fatal(err)
	}
	ins, err := pipeline.Discover(paths)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ReportAllocs()
	i := 0
	done := reportCPU(b)
	for b.Loop() {
		i++
		res, err := e.Export(context.Background(), ins, filepath.Join(out, "run", string(rune('a'+i%26))), nil)
		if err != nil {
			b.Fatal(err)
		}
		if res.Failed > 0 || res.Documents != wantDocs || res.Exported != 4*wantDocs {
			b.Fatalf("exported %d outputs of %d documents, %d failed (want %d documents × 4 formats): %v",
				res.Exported, res.Documents, res.Failed, wantDocs, res.Manifest.Failures)
		}
	}
	// CPU time (all threads) is steadier than wall time on a shared
	// machine, and shows how much of it the run could use in parallel.
	done()
	b.ReportMetric(float64(wantDocs), "docs/op")
}

// writeFile writes src as dir/name and returns its path.
func writeFile(b *testing.B, dir, name string, src []byte) string {
	b.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkEndToEnd runs the engine's export (read, resolve, localize,
// every format, atomic writes, manifest) on the notice (target: under
// 20 ms), the 1 MB document (under 1 s) and the 1,000-notice batch (under
// 10 s).
func BenchmarkEndToEnd(b *testing.B) {
	b.Run("notice", func(b *testing.B) {
		dir := b.TempDir()
		writeFile(b, dir, "cookie-policy.md", Cookie())
		exportRun(b, []string{writeFile(b, dir, "privacy-notice.md", Notice())}, 1)
	})
	b.Run("1MB", func(b *testing.B) {
		exportRun(b, []string{writeFile(b, b.TempDir(), "large.md", Large(largeBytes))}, 1)
	})
	b.Run("batch1000", func(b *testing.B) {
		batch, err := WriteBatch(b.TempDir(), batchDocs)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(batch.Bytes)
		exportRun(b, []string{batch.Dir}, batchDocs)
	})
}
