package pdf

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/internal/cputime"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

const pypiNotice = "../../../shared/corpus/pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"

// noticeDoc returns the PyPI privacy notice (about 10 KB of Markdown) or,
// without the corpus, the hand-built kitchen-sink document.
func noticeDoc(b *testing.B) *tree.Document {
	src, err := os.ReadFile(pypiNotice)
	if err != nil {
		b.Logf("corpus not available (%v): using the kitchen-sink document", err)
		return kitchenSink()
	}
	doc, err := markdown.Read(src, "Privacy-Notice.md")
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkNotice exports a notice-sized document (target: under 15 ms).
func BenchmarkNotice(b *testing.B) {
	doc := noticeDoc(b)
	e := New()
	var buf bytes.Buffer
	if err := e.Export(&buf, doc, exporters.Options{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := e.Export(io.Discard, doc, exporters.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLarge exports a document of about 1 MB of Markdown (the notice
// repeated; target: under 1 s).
func BenchmarkLarge(b *testing.B) {
	doc := noticeDoc(b)
	src, err := os.ReadFile(pypiNotice)
	n := 100
	if err == nil {
		n = (1 << 20) / len(src)
	}
	big := &tree.Document{Meta: doc.Meta, Footnotes: doc.Footnotes}
	for range n {
		big.Blocks = append(big.Blocks, doc.Blocks...)
	}
	e := New()
	b.ReportAllocs()
	for b.Loop() {
		if err := e.Export(io.Discard, big, exporters.Options{TOC: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCJK exports the Japanese Firefox notice: the Droid Sans Fallback
// face (4 MB) is registered with fpdf, which parses it for every document.
func BenchmarkCJK(b *testing.B) {
	src, err := os.ReadFile(corpustest.Path(b, "mozilla-legal/firefox_privacy_notice/ja.md"))
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	doc, err := markdown.Read(src, "ja.md")
	if err != nil {
		b.Fatal(err)
	}
	e := New()
	for b.Loop() {
		if err := e.Export(io.Discard, doc, exporters.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScripts exports the same notice (a title, then its paragraph and
// list item twelve times) in English, Hindi and Arabic, to compare the cost
// of shaping complex scripts with Latin (target: within 2× English).
func BenchmarkScripts(b *testing.B) {
	samples := map[string]scriptSample{
		"en": {"en", "Privacy notice", "We respect your privacy. This notice explains what data we collect, why we need it, how long we keep it and how you can control it at any time from your account settings.",
			"You can delete your account at any time.", nil},
		"hi": scriptSamples[3],
		"ar": {"ar", "إشعار الخصوصية", "نحن نحترم خصوصيتك. يشرح هذا الإشعار كيف نجمع بياناتك ونستخدمها، ولماذا نحتاج إليها، وكيف يمكنك التحكم فيها في أي وقت من خلال إعدادات الحساب.",
			"يمكنك حذف حسابك في أي وقت.", nil},
	}
	for _, name := range []string{"en", "hi", "ar"} {
		s := samples[name]
		doc := sampleDoc(s)
		if name == "ar" {
			doc.Meta.Direction = "rtl"
		}
		base := doc.Blocks[1:]
		for i := 0; i < 11; i++ {
			doc.Blocks = append(doc.Blocks, base...)
		}
		b.Run(name, func(b *testing.B) {
			e := New()
			b.ReportAllocs()
			done := cputime.Report(b)
			for b.Loop() {
				if err := e.Export(io.Discard, doc, exporters.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			done()
		})
	}
}

// exampleNotice is the built-in example privacy notice (example/notices).
func exampleNotice(b *testing.B) *tree.Document {
	src, err := os.ReadFile("../../example/notices/privacy-notice.md")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := markdown.Read(src, "privacy-notice.md")
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkTagging exports the example notice tagged (the default) and
// with NoTags, reporting each file's size: the structure tree's cost in
// time and bytes.
func BenchmarkTagging(b *testing.B) {
	doc := exampleNotice(b)
	for _, c := range []struct {
		name string
		opts exporters.Options
	}{{"tagged", exporters.Options{}}, {"untagged", exporters.Options{NoTags: true}}} {
		b.Run(c.name, func(b *testing.B) {
			e := New()
			var buf bytes.Buffer
			if err := e.Export(&buf, doc, c.opts); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := e.Export(io.Discard, doc, c.opts); err != nil {
					b.Fatal(err)
				}
			}
			// After the loop: b.Loop drops metrics reported before it.
			b.ReportMetric(float64(buf.Len()), "file-bytes")
		})
	}
	// The cost of tags in time and size: each iteration exports tagged
	// and untagged in turn, timing each by the process's CPU time (run
	// with -cpu 1), so that neither the order nor the load from the rest
	// of a busy machine favours one; time-cost-% is how much more CPU the
	// tagged export takes.
	b.Run("cost", func(b *testing.B) {
		e := New()
		var tagged, plain bytes.Buffer
		var tTagged, tPlain time.Duration
		i := 0
		for b.Loop() {
			tagged.Reset()
			plain.Reset()
			first, second := exporters.Options{}, exporters.Options{NoTags: true}
			if i%2 == 1 {
				first, second = second, first
			}
			t0 := cputime.Process()
			if err := e.Export(&tagged, doc, first); err != nil {
				b.Fatal(err)
			}
			t1 := cputime.Process()
			if err := e.Export(&plain, doc, second); err != nil {
				b.Fatal(err)
			}
			t2 := cputime.Process()
			if i%2 == 1 {
				tagged, plain = plain, tagged
				tTagged += t2 - t1
				tPlain += t1 - t0
			} else {
				tTagged += t1 - t0
				tPlain += t2 - t1
			}
			i++
		}
		b.ReportMetric(100*(float64(tTagged)/float64(tPlain)-1), "time-cost-%")
		b.ReportMetric(100*(float64(tagged.Len())/float64(plain.Len())-1), "size-cost-%")
	})
}
