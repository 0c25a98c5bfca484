package htmlreader

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/markdown"
)

// largePage builds a policy-like page of about 1 MB: sections of headings,
// paragraphs with inline markup, lists and Mozilla-style tables.
func largePage() []byte {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Large notice</title></head><body><nav><a href="/">Home</a></nav><main>`)
	sb.WriteString(`<h1>Large notice</h1><p>Effective <time datetime="2025-12-16">December 16, 2025</time></p>`)
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, `<h2 id="s%d">Section %d</h2>`, i, i)
		fmt.Fprintf(&sb, `<p>We process <strong>personal data</strong> to provide the service, see <a href="#s%d">section %d</a>
		and our <a href="https://example.com/terms">terms</a>. <em>Retention</em> is limited.<sup id="fnref:%d"><a href="#fn:%d">%d</a></sup></p>`, i, i, i, i, i)
		sb.WriteString(`<ul><li>Technical data</li><li>Location</li><li>Interaction data</li></ul>`)
		sb.WriteString(`<table><thead><tr><th>Purpose</th><th>Data</th><th>Basis</th></tr></thead><tbody>`)
		for r := 0; r < 3; r++ {
			fmt.Fprintf(&sb, `<tr><td><a id="b%d-%d"></a>Purpose %d</td><td><ul><li>Settings data</li><li>Unique identifiers</li></ul></td>
			<td><p><strong>Contract</strong> to provide functionality.</p><p><strong>Legitimate interest</strong> in improvements.</p></td></tr>`, i, r, r)
		}
		sb.WriteString(`</tbody></table>`)
	}
	sb.WriteString(`<div class="footnotes"><ol>`)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, `<li id="fn:%d"><p>Footnote %d.</p></li>`, i, i)
	}
	sb.WriteString(`</ol></div></main></body></html>`)
	return []byte(sb.String())
}

func BenchmarkRead(b *testing.B) {
	src := largePage()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(src, "large.html", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBlocksMozillaTable(b *testing.B) {
	files := corpusFiles(b, "mozilla-legal/firefox_privacy_notice/en.md")
	reader := markdown.NewReader(markdown.WithHTMLBlocks(BlockReader(Options{})))
	src := mustRead(b, files[0])
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reader.Read(src, "en.md"); err != nil {
			b.Fatal(err)
		}
	}
}
