package pdf_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/tree"
)

// structNode is an element of poppler's `pdfinfo -struct-text` listing.
type structNode struct {
	typ  string
	text strings.Builder
}

// popplerStruct runs pdfinfo -struct-text and returns the elements in
// order with the text under each.
func popplerStruct(t *testing.T, data []byte) []*structNode {
	t.Helper()
	file := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pdfinfo", "-struct-text", file).Output()
	if err != nil {
		if ctx.Err() != nil {
			t.Skipf("pdfinfo -struct-text took over %v (poppler reads a page per marked-content sequence); skipping", 3*time.Minute)
		}
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	var all []*structNode
	type open struct {
		n      *structNode
		indent int
	}
	var stack []open
	for _, line := range strings.Split(string(out), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if trimmed == "" {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if strings.HasPrefix(trimmed, `"`) {
			for _, o := range stack {
				o.n.text.WriteString(strings.Trim(trimmed, `"`))
			}
			continue
		}
		f := strings.Fields(strings.TrimSuffix(trimmed, ":"))
		if len(f) == 0 || strings.HasPrefix(f[0], "/") || f[0] == "Object" {
			continue
		}
		n := &structNode{typ: strings.TrimSuffix(f[0], ":")}
		all = append(all, n)
		stack = append(stack, open{n, indent})
	}
	return all
}

// squash keeps letters and digits: the HTML's whitespace and punctuation
// around elements are not the PDF's (TestWordSpaces compares words).
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nodeText returns the text of an HTML node and its descendants.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

// htmlOutline returns the texts of the headings, the number of list items
// and table rows, and the texts of the links of an HTML page's <main>.
func htmlOutline(t *testing.T, page []byte) (heads []string, items, rows int, links []string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				heads = append(heads, squash(nodeText(n)))
			case "li":
				// Footnotes are a list in HTML, Note elements in the PDF.
				if !strings.HasPrefix(attr(n, "id"), "fn") {
					items++
				}
			case "tr":
				rows++
			case "a":
				if attr(n, "href") != "" && !strings.Contains(attr(n, "class"), "footnote-backref") {
					links = append(links, squash(nodeText(n)))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return
}

// oracleDoc is a small document with every structure the comparison
// counts: headings with a skipped level, nested and numbered lists, a
// table with a header row and a row span, links and a footnote.
func oracleDoc() *tree.Document {
	txt := func(s string) tree.Inline { return &tree.Text{Text: s} }
	p := func(in ...tree.Inline) tree.Block { return &tree.Paragraph{Content: in} }
	cell := func(s string) *tree.Cell { return &tree.Cell{Blocks: []tree.Block{p(txt(s))}} }
	return &tree.Document{
		Meta: tree.Meta{Title: "Oracle notice", Locale: "en", Source: tree.Source{Path: "oracle.md", Format: "markdown"}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, ID: "oracle-notice", Content: []tree.Inline{txt("Oracle notice")}},
			p(txt("Read "), &tree.Link{URL: "https://example.org/terms", Target: "https://example.org/terms", Content: []tree.Inline{txt("the terms")}},
				txt(" or "), &tree.Link{URL: "#rights", Target: "#rights", Internal: true, Content: []tree.Inline{txt("your rights")}}, txt("."),
				&tree.FootnoteRef{ID: "1", Index: 1}),
			&tree.Heading{Level: 2, ID: "data", Content: []tree.Inline{txt("Data we keep")}},
			&tree.List{Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{p(txt("Account data"))}},
				{Blocks: []tree.Block{p(txt("Usage data")), &tree.List{Ordered: true, Start: 1, Tight: true, Items: []*tree.ListItem{
					{Blocks: []tree.Block{p(txt("Pages seen"))}}, {Blocks: []tree.Block{p(txt("Errors"))}}}}}},
			}},
			&tree.Heading{Level: 4, ID: "deep", Content: []tree.Inline{txt("A skipped level")}},
			&tree.Heading{Level: 2, ID: "rights", Content: []tree.Inline{txt("Your rights")}},
			&tree.Table{Aligns: []tree.Align{"", ""},
				Head: []*tree.Row{{Cells: []*tree.Cell{cell("Right"), cell("How")}}},
				Body: []*tree.Row{
					{Cells: []*tree.Cell{{RowSpan: 2, Blocks: []tree.Block{p(txt("Access"))}}, cell("Write to us")}},
					{Cells: []*tree.Cell{cell("Or use the form")}},
					{Cells: []*tree.Cell{cell("Erasure"), cell("Ask support")}},
				}},
		},
		Footnotes: []*tree.Footnote{{ID: "1", Index: 1, Blocks: []tree.Block{p(txt("A footnote."))}}},
	}
}

// TestStructureMatchesHTML is the independent reader's view: poppler's
// pdfinfo -struct-text of a document's PDF shows the headings (same texts,
// in order), list items and table rows of its HTML export, and its links
// are links there too. poppler reads a page once per marked-content
// sequence (seconds a page on a busy machine), so it runs on a small
// document of every structure and on the PyPI privacy notice.
func TestStructureMatchesHTML(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not installed; skipping the structure comparison")
	}
	compare := func(t *testing.T, data []byte, doc *tree.Document) {
		var page bytes.Buffer
		if err := htmlexp.New().Export(&page, doc, exporters.Options{}); err != nil {
			t.Fatal(err)
		}
		heads, items, rows, links := htmlOutline(t, page.Bytes())
		var pHeads, pLinks []string
		pItems, pRows := 0, 0
		for _, n := range popplerStruct(t, data) {
			switch {
			case len(n.typ) == 2 && n.typ[0] == 'H' && n.typ[1] >= '1' && n.typ[1] <= '6':
				pHeads = append(pHeads, squash(n.text.String()))
			case n.typ == "LI":
				pItems++
			case n.typ == "TR":
				pRows++
			case n.typ == "Link":
				pLinks = append(pLinks, squash(n.text.String()))
			}
		}
		if strings.Join(pHeads, "|") != strings.Join(heads, "|") {
			t.Errorf("headings differ:\n pdf  %q\n html %q", pHeads, heads)
		}
		if pItems != items {
			t.Errorf("%d list items in the PDF, %d in the HTML", pItems, items)
		}
		if pRows != rows {
			t.Errorf("%d table rows in the PDF, %d in the HTML", pRows, rows)
		}
		have := map[string]int{}
		for _, l := range links {
			have[l]++
		}
		for _, l := range pLinks {
			if have[l] == 0 {
				t.Errorf("PDF link %q is not a link in the HTML %q", l, links)
			}
			have[l]--
		}
		if len(pLinks) == 0 && len(links) > 0 {
			t.Errorf("no links in the PDF, %d in the HTML", len(links))
		}
		t.Logf("%d headings, %d list items, %d table rows, %d of %d links", len(pHeads), pItems, pRows, len(pLinks), len(links))
	}
	t.Run("oracle", func(t *testing.T) {
		doc := oracleDoc()
		var buf bytes.Buffer
		if err := pdf.New().Export(&buf, doc, exporters.Options{}); err != nil {
			t.Fatal(err)
		}
		compare(t, buf.Bytes(), doc)
	})
	if testing.Short() {
		return
	}
	f := corpustest.Path(t, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md")
	t.Run(corpustest.Rel(t, f), func(t *testing.T) {
		data, doc, _ := convert(t, f, "", false)
		compare(t, data, doc)
	})
}
