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
	"github.com/galleydoc/galley/internal/corpustest"
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

// squash keeps letters and digits: the PDF draws words apart without
// space characters, and the HTML's whitespace is not the PDF's.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
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
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
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
				heads = append(heads, squash(text(n)))
			case "li":
				items++
			case "tr":
				rows++
			case "a":
				if attr(n, "href") != "" && !strings.Contains(attr(n, "class"), "footnote-backref") {
					links = append(links, squash(text(n)))
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

// TestStructureMatchesHTML is the independent reader's view: poppler's
// pdfinfo -struct-text of a corpus document's PDF shows the headings (same
// texts, in order), list items and table rows of its HTML export, and its
// links are links there too.
func TestStructureMatchesHTML(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not installed; skipping the structure comparison")
	}
	files := corpusFiles(t)
	for _, f := range files {
		rel := corpustest.Rel(t, f)
		// poppler's -struct-text reads the page once per marked-content
		// sequence (seconds for a page): two documents keep it short.
		if !strings.HasPrefix(rel, "pypi-docs") && rel != "mozilla-legal/firefox_privacy_notice/en.md" {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			locale := ""
			if strings.Contains(f, "mozilla-legal") {
				locale = strings.TrimSuffix(filepath.Base(f), ".md")
			}
			data, doc, _ := convert(t, f, locale, false)
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
					t.Errorf("PDF link %q is not a link in the HTML", l)
				}
				have[l]--
			}
			if len(pLinks) == 0 && len(links) > 0 {
				t.Errorf("no links in the PDF, %d in the HTML", len(links))
			}
			t.Logf("%d headings, %d list items, %d table rows, %d of %d links", len(pHeads), pItems, pRows, len(pLinks), len(links))
		})
	}
}
