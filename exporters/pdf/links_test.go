package pdf

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestPageLinks: a link to another page of the set points at that page's
// PDF, clickable; other relative links are text only.
func TestPageLinks(t *testing.T) {
	link := func(url, target, ext, text string) tree.Inline {
		return &tree.Link{URL: url, Target: target, PageExt: ext, Content: []tree.Inline{txt(text)}}
	}
	doc := &tree.Document{Blocks: []tree.Block{para(1,
		link("terms.md#use", "terms.html#use", "html", "Terms"), txt(" and "),
		link("notes.txt", "notes.txt", "", "notes"))}}
	data, _ := export(t, doc, exporters.Options{})
	if !bytes.Contains(data, []byte("/URI (terms.pdf#use)")) {
		t.Error("no link to terms.pdf#use")
	}
	if bytes.Contains(data, []byte("terms.html")) || bytes.Contains(data, []byte("/URI (notes.txt)")) {
		t.Error("a link points at the HTML export or at a file outside the set")
	}
}

// TestLongLinkLinear: a link costs output in proportion to its length
// (hostile report F02). Each word of a link was an annotation holding the
// whole link text (/Contents) and URL, so a 2,000-word link to a
// 1,000-character URL (11 KB of Markdown) made a 42 MB PDF. Now the pieces
// of a link side by side on a line share one annotation, and a long text
// or URL that several annotations have is one object they refer to: the
// URL is in the file once, every annotation still has the whole text as
// /Contents and the URI as its action, and is a kid (OBJR) of the Link
// element, which galley's PDF/UA check and qpdf, pdfcpu and poppler pass.
func TestLongLinkLinear(t *testing.T) {
	words := strings.TrimSpace(strings.Repeat("word ", 2000))
	url := "https://example.com/" + strings.Repeat("c", 1000)
	src := "# Links\n\nA [three word link](https://example.org/) here.\n\n[" + words + "](" + url + ")\n"
	doc, err := markdown.Read([]byte(src), "links.md")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := export(t, doc, exporters.Options{})
	save(t, "long-link.pdf", data)
	if n := bytes.Count(data, []byte(url)); n != 1 {
		t.Errorf("the URL is written %d times, want once", n)
	}
	if len(data) > 200_000 {
		t.Errorf("%d bytes for %d bytes of Markdown", len(data), len(src))
	}
	vs, err := pdfcheck.Check(data, pdfcheck.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
	CheckPDF(t, "long link", data, doc)
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	utf16be := func(s string) string {
		b := []byte{0xFE, 0xFF}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return string(b)
	}
	count := map[string]int{}
	pages, _ := f.Pages()
	for _, pg := range pages {
		for _, a := range f.Array(pg["Annots"]) {
			d := f.Dict(a)
			uri, _ := f.Resolve(f.Dict(d["A"])["URI"]).(pdfcheck.String)
			contents, _ := f.Resolve(d["Contents"]).(pdfcheck.String)
			switch string(uri) {
			case "https://example.org/":
				if string(contents) != utf16be("three word link") {
					t.Errorf("the short link's /Contents is %q", contents)
				}
			case url:
				if string(contents) != utf16be(words) {
					t.Errorf("an annotation of the long link has /Contents of %d bytes, not the link's text", len(contents))
				}
			default:
				t.Errorf("an annotation goes to %.40q", uri)
			}
			count[string(uri)]++
		}
	}
	// One annotation for the three words on one line; one per line for
	// the long link: about 16 words a line, never one per word.
	if count["https://example.org/"] != 1 {
		t.Errorf("%d annotations for a three-word link on one line, want 1", count["https://example.org/"])
	}
	if n := count[url]; n < 50 || n > 2000/8 {
		t.Errorf("%d annotations for a 2,000-word link, want one per line", n)
	}
}
