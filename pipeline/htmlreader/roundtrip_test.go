package htmlreader

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

const roundTripMarkdown = `# Privacy notice

Effective date placeholder.

Some *emphasis*, **strong**, ~~struck~~, ` + "`code`" + `, a [link](https://example.com/ "T") and an anchor <a id="here"></a>there.
Line one\
line two with a note[^n].

- tight
- list

1. loose

2. list

| Left | Center | Right |
|:-----|:------:|------:|
| a    | b      | c     |

!!! warning "Careful"
    Admonition body.

??? note "Collapsed"
    Hidden.

> Quoted.

` + "```go\nfunc main() {}\n```" + `

---

Text that looks like a macro: \{\{ not a macro \}\}.

[^n]: The footnote.
`

// TestRoundTripGalleyHTML exports a Markdown document with galley's HTML
// exporter and reads the page back: the tree must come back the same.
func TestRoundTripGalleyHTML(t *testing.T) {
	md, err := markdown.Read([]byte(roundTripMarkdown), "rt.md")
	if err != nil {
		t.Fatal(err)
	}
	// A date, as the localize stage leaves it.
	p := md.Blocks[1].(*tree.Paragraph)
	p.Content = []tree.Inline{&tree.Text{Text: "Effective "}, &tree.Date{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC),
		Style: tree.StyleDate, Source: tree.FromDocument, Text: "December 16, 2025"}}
	page := htmlexp.Render(md, exporters.Options{})
	back, err := Read([]byte(page), "rt.html", Options{})
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, page)
	}
	want := body(dump(md))
	got := body(dump(back))
	if got != want {
		t.Errorf("round trip differs:\n--- markdown tree\n%s--- read back\n%s--- page\n%s", want, got, page)
	}
	if back.Meta.Revision == nil || !back.Meta.Revision.Time.Equal(time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("revision %+v", back.Meta.Revision)
	}
}

// body drops the meta and revision lines of a dump and writes soft breaks as the spaces
// they become in HTML.
func body(d string) string {
	_, rest, _ := strings.Cut(d, "\n")
	if strings.HasPrefix(rest, "revision=") {
		_, rest, _ = strings.Cut(rest, "\n")
	}
	rest = strings.ReplaceAll(rest, `" softbreak "`, " ")
	return rest
}

// TestRoundTripTitleStaysTitle reads back a page galley wrote for a
// document whose title is not a heading of its body (front matter `title`):
// the title the page shows above the body comes back as the title, not as
// a body heading, and the body is as it was.
func TestRoundTripTitleStaysTitle(t *testing.T) {
	md, err := markdown.Read([]byte("---\ntitle: Terms & Conditions\n---\n## Scope\n\nThese terms apply.\n"), "terms.md")
	if err != nil {
		t.Fatal(err)
	}
	md.Meta.Title = "Terms & Conditions" // as the resolve stage sets it
	page := renderPage(t, md)
	if !strings.Contains(page, `<h1 class="`+TitleClass+`">Terms &amp; Conditions</h1>`) {
		t.Fatalf("the page does not show its title:\n%s", page)
	}
	back, err := Read([]byte(page), "terms.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Title != md.Meta.Title {
		t.Errorf("title %q, want %q", back.Meta.Title, md.Meta.Title)
	}
	if got, want := body(dump(back)), body(dump(md)); got != want {
		t.Errorf("body differs:\n--- written\n%s--- read back\n%s", want, got)
	}
	// Written again, the page is the same.
	back.Meta.FrontMatter = md.Meta.FrontMatter
	if again := renderPage(t, back); again != page {
		t.Errorf("the page read back renders differently")
	}
}

// renderPage writes doc as galley's HTML export does: the whole page.
func renderPage(t *testing.T, doc *tree.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := htmlexp.New().Export(&buf, doc, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
