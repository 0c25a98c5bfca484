package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/pipeline/tree"
)

// htmlWords returns the words of an HTML page's <main> (and its footnotes),
// as a reader gets them: text of block elements and line breaks apart,
// footnote back-links left out.
func htmlWords(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "main":
				inMain = true
			case "script", "style", "head":
				return
			case "a":
				for _, a := range n.Attr {
					if a.Key == "class" && strings.Contains(a.Val, "footnote-backref") {
						return
					}
				}
			}
			switch n.Data {
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "div", "aside",
				"blockquote", "pre", "figure", "figcaption", "section", "table", "ul", "ol", "dl",
				"dt", "dd", "details", "summary", "hr", "br":
				b.WriteByte('\n')
			}
		}
		if n.Type == html.TextNode && inMain {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	return strings.Fields(strings.ToLower(b.String()))
}

// structWords returns the words of poppler's pdfinfo -struct-text listing:
// the text of each element's marked content joined as written, with block
// elements apart and inline ones (links, references, spans) run in, as a
// screen reader reads them. A space between two words must be in the PDF.
func structWords(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-struct-text", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	var b strings.Builder
	for _, line := range strings.Split(string(out), "\n") {
		s := strings.TrimSpace(line)
		switch {
		case s == "/Placement /Block":
			b.WriteByte('\n') // an inline element type set as a block (a code block)
		case s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "Object "):
		case strings.HasPrefix(s, `"`):
			b.WriteString(strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`))
		case strings.Contains(s, "(inline)"):
		default:
			b.WriteByte('\n') // a block or grouping element
		}
	}
	return strings.Fields(strings.ToLower(b.String()))
}

// textWords returns the words of pdftotext -raw's text of file.
func textWords(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Fields(strings.ToLower(string(out)))
}

// missingWords returns the words of want (in order) that are not words of
// got in the same order, with where they were looked for. Extra words in
// got (list labels, running headers) are allowed. With joinLines a word
// may also be several consecutive words of got (a word too long for a line
// is cut between lines without a space, which plain text cannot tell from
// one), so got may have more separators than want but never fewer.
func missingWords(want, got []string, joinLines bool) []string {
	var bad []string
	pos := 0
	for i, w := range want {
		found := -1
	search:
		for k := pos; k < len(got); k++ {
			if got[k] == w {
				found = k + 1
				break
			}
			if joinLines && strings.HasPrefix(w, got[k]) {
				acc := got[k]
				for j := k + 1; j < len(got) && len(acc) < len(w); j++ {
					acc += got[j]
					if acc == w {
						found = j + 1
						break search
					}
				}
			}
		}
		if found < 0 {
			ctx := strings.Join(want[max(0, i-3):i], " ")
			var near []string
			for _, g := range got[pos:min(len(got), pos+6)] {
				if len(g) > 40 {
					g = g[:40] + "…"
				}
				near = append(near, g)
			}
			bad = append(bad, "\""+w+"\" after \""+ctx+"\"; the PDF has here: "+strings.Join(near, " "))
			continue
		}
		pos = found
	}
	return bad
}

// spacesDoc has what puts words apart and what must not: spaces a line
// break replaced, links and emphasis at word edges and inside words, inline
// code, a hard line break, a code block of several lines, table cells and
// a footnote.
func spacesDoc() *tree.Document {
	txt := func(s string) tree.Inline { return &tree.Text{Text: s} }
	p := func(in ...tree.Inline) tree.Block { return &tree.Paragraph{Content: in} }
	long := strings.Repeat("Every word of this sentence must reach a screen reader apart from its neighbours. ", 6)
	return &tree.Document{
		Meta: tree.Meta{Title: "Spaces", Locale: "en", Source: tree.Source{Path: "spaces.md", Format: "markdown"}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, ID: "spaces", Content: []tree.Inline{txt("Words and spaces")}},
			p(txt(long)),
			p(txt("Read "), &tree.Link{URL: "https://example.org/terms", Target: "https://example.org/terms", Content: []tree.Inline{txt("the full terms")}},
				txt(" and "), &tree.Emphasis{Content: []tree.Inline{txt("then")}}, txt(" un"), &tree.Strong{Content: []tree.Inline{txt("believ")}}, txt("able "),
				&tree.Code{Text: "User-Agent"}, txt(" strings"), &tree.FootnoteRef{ID: "1", Index: 1}, txt("."),
				&tree.LineBreak{}, txt("After a hard break.")),
			&tree.CodeBlock{Language: "text", Text: "first line of code\nsecond line\n"},
			&tree.Table{Aligns: []tree.Align{"", ""},
				Head: []*tree.Row{{Cells: []*tree.Cell{{Blocks: []tree.Block{p(txt("Right to ask"))}}, {Blocks: []tree.Block{p(txt("How to ask"))}}}}},
				Body: []*tree.Row{{Cells: []*tree.Cell{{Blocks: []tree.Block{p(txt("Access to data"))}}, {Blocks: []tree.Block{p(txt("Write to the support team of the registry, who answer within thirty days of your request"))}}}}}},
		},
		Footnotes: []*tree.Footnote{{ID: "1", Index: 1, Blocks: []tree.Block{p(txt("A footnote with several words."))}}},
	}
}

// TestWordSpaces: the text a screen reader and text extraction get from a
// PDF has its words apart. galley draws text as glyph ids and words apart
// by a gap, so the space glyph must be drawn (and mapped to U+0020) in the
// gaps and where a line break replaced a space. Every word of the HTML
// export of the same document is a word of poppler's structure text
// (pdfinfo -struct-text) and of pdftotext, in order.
func TestWordSpaces(t *testing.T) {
	if !hasTool("pdfinfo") || !hasTool("pdftotext") {
		t.Skip("pdfinfo and pdftotext (poppler-utils) not installed; skipping the word comparison")
	}
	// The example notice goes through the real pipeline (dates resolved).
	notice, noticeDoc, _ := convert(t, "../../example/notices/privacy-notice.md", "", false)
	cases := []struct {
		name string
		doc  *tree.Document
		data []byte
	}{
		{"spaces", spacesDoc(), nil},
		{"oracle", oracleDoc(), nil},
		{"example notice", noticeDoc, notice},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data
			if data == nil {
				var buf bytes.Buffer
				if err := pdf.New().Export(&buf, c.doc, exporters.Options{}); err != nil {
					t.Fatal(err)
				}
				data = buf.Bytes()
			}
			var page bytes.Buffer
			if err := htmlexp.New().Export(&page, c.doc, exporters.Options{}); err != nil {
				t.Fatal(err)
			}
			want := htmlWords(t, page.Bytes())
			if len(want) < 10 {
				t.Fatalf("only %d words in the HTML export", len(want))
			}
			file := filepath.Join(t.TempDir(), "w.pdf")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, r := range []struct {
				reader string
				got    []string
				join   bool
			}{
				{"pdfinfo -struct-text", structWords(t, file), false},
				{"pdftotext -raw", textWords(t, file), true},
			} {
				bad := missingWords(want, r.got, r.join)
				for i, m := range bad {
					if i == 8 {
						t.Errorf("%s: … %d more words missing", r.reader, len(bad)-i)
						break
					}
					t.Errorf("%s: HTML word %s", r.reader, m)
				}
				t.Logf("%s: %d of %d HTML words found apart, in order", r.reader, len(want)-len(bad), len(want))
			}
		})
	}
}

func hasTool(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}
