package html

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtureJSON is the fixture tree (every node type; built from a
// hand-written Markdown document by package treejson's tests), in its
// galley/v1 JSON form.
var fixtureJSON = filepath.Join("..", "..", "pipeline", "treejson", "testdata", "fixture.golden.json")

func fixture(t testing.TB) *tree.Document {
	t.Helper()
	b, err := os.ReadFile(fixtureJSON)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := treejson.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func export(t testing.TB, doc *tree.Document, opts exporters.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d (run go test -update after checking):\nwant %s\n got %s", path, i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("%s differs in length (run go test -update after checking)", path)
	}
}

func TestGolden(t *testing.T) {
	doc := fixture(t)
	for _, tc := range []struct {
		name string
		opts exporters.Options
	}{
		{"page.golden.html", exporters.Options{Producer: "galley test"}},
		{"fragment-sanitize.golden.html", exporters.Options{Fragment: true}},
		{"fragment-trusted.golden.html", exporters.Options{Fragment: true, RawHTML: exporters.RawTrusted}},
		{"fragment-drop.golden.html", exporters.Options{Fragment: true, RawHTML: exporters.RawDrop}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, export(t, doc, tc.opts))
		})
	}
}

func TestPageShape(t *testing.T) {
	doc := fixture(t)
	doc.Meta.Locale, doc.Meta.Direction = "ar", "rtl"
	page := export(t, doc, exporters.Options{})
	for _, want := range []string{
		"<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">",
		`<meta charset="utf-8">`,
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		"<title>Fixture Privacy Notice</title>",
		"<style>\n:root",
		`<h1 id="notice" class="policy">Fixture Privacy Notice</h1>`,
		`<time datetime="2025-12-16">December 16, 2025</time>`,
		`<time datetime="2026-01-02T15:04:05Z">January 2, 2026 at 3:04 PM</time>`,
		`<aside class="admonition note">` + "\n" + `<p class="admonition-title">Note</p>`,
		`<p class="admonition-title">Mind the gap</p>`,
		`<details class="admonition danger" open>` + "\n<summary>Open collapsible</summary>",
		`<details class="admonition">` + "\n<summary>Closed collapsible</summary>",
		`<section class="tab" id="python">` + "\n" + `<p class="tab-title">Python</p>`,
		`<section class="footnotes" role="doc-endnotes">`,
		`<li><input type="checkbox" disabled="" checked="" aria-label="done task"> done task</li>`,
		`<a id="bookmark-contact"></a>`,
		`<img src="../assets/diagram.png" alt="A diagram" title="Diagram" loading="lazy" width="100">`,
		`<a href="../PSF-Privacy-Notice.html#scope">sibling</a>`,
		`<th style="text-align: center">Center</th>`,
		`<td style="text-align: center" colspan="2"></td>`,
		"</main>\n</body>\n</html>\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// No title block: the document has its own H1.
	if strings.Count(page, "<h1") != 1 {
		t.Errorf("page has %d h1 elements, want 1", strings.Count(page, "<h1"))
	}
	// An empty non-nil admonition title writes no title bar.
	if strings.Contains(page, `<p class="admonition-title"></p>`) {
		t.Error("empty admonition title written")
	}
}

func TestTitleWithoutH1(t *testing.T) {
	doc := &tree.Document{Meta: tree.Meta{Title: "Terms & Conditions", Locale: "en"},
		Blocks: []tree.Block{&tree.Heading{Level: 2, Content: []tree.Inline{&tree.Text{Text: "Scope"}}}}}
	page := export(t, doc, exporters.Options{})
	if !strings.Contains(page, "<main>\n<h1 class=\"doc-title\">Terms &amp; Conditions</h1>\n<h2>Scope</h2>") {
		t.Errorf("no title heading on a page without h1:\n%s", page)
	}
	if strings.Contains(export(t, doc, exporters.Options{Fragment: true}), "<h1>") {
		t.Error("fragment got a title heading")
	}
	// No title at all: the file name.
	doc = &tree.Document{Meta: tree.Meta{Source: tree.Source{Path: "legal/privacy.md"}}}
	if page := export(t, doc, exporters.Options{}); !strings.Contains(page, "<title>privacy</title>") || !strings.Contains(page, `dir="ltr"`) {
		t.Errorf("untitled page:\n%s", page)
	}
}

func TestTemplate(t *testing.T) {
	doc := fixture(t)
	tmpl := `<!DOCTYPE html><html lang="{{.Lang}}" dir="{{.Dir}}"><head><title>{{.Title}}</title>` +
		`<style>{{.CSS}}</style></head><body data-src="{{.Meta.Source.Path}}">{{.Body}}</body></html>`
	got := export(t, doc, exporters.Options{Template: tmpl})
	body := Render(doc, exporters.Options{})
	want := `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Fixture Privacy Notice</title>`
	if !strings.HasPrefix(got, want) || !strings.Contains(got, body) || !strings.Contains(got, `data-src="policies/fixture.md"`) || !strings.Contains(got, ".admonition") {
		t.Errorf("template output:\n%.400s", got)
	}
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, exporters.Options{Template: "{{.Nope"}); err == nil || !strings.Contains(err.Error(), "parse template") {
		t.Errorf("bad template: err %v", err)
	}
	if err := New().Export(&buf, doc, exporters.Options{Template: "{{.Nope}}"}); err == nil || !strings.Contains(err.Error(), "execute template") {
		t.Errorf("bad field: err %v", err)
	}
}

func TestRawHTMLModes(t *testing.T) {
	para := func(in ...tree.Inline) *tree.Document {
		return &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: in}}}
	}
	block := &tree.Document{Blocks: []tree.Block{&tree.HTMLBlock{
		HTML:   `<table><tr><td><a href="javascript:alert(1)" id="x">a</a></td><td onclick="x()" colspan="2">b<br/>c</td></tr></table>` + "\n<script>alert(1)</script><style>p{}</style>\n<img src=\"data:image/png;base64,AAAA\" alt=\"ok\"><img src=\"data:text/html;base64,AAAA\" alt=\"bad\">",
		Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: "read by the HTML reader"}}}},
	}}}
	frag := func(doc *tree.Document, mode exporters.RawHTMLMode) string {
		return export(t, doc, exporters.Options{Fragment: true, RawHTML: mode})
	}
	s := frag(block, "")
	for _, bad := range []string{"javascript:", "onclick", "<script", "alert", "<style", "data:text"} {
		if strings.Contains(s, bad) {
			t.Errorf("sanitized block keeps %q:\n%s", bad, s)
		}
	}
	for _, good := range []string{`<a id="x">a</a>`, `colspan="2"`, "<br/>", `src="data:image/png;base64,AAAA"`} {
		if !strings.Contains(s, good) {
			t.Errorf("sanitized block lost %q:\n%s", good, s)
		}
	}
	if s := frag(block, exporters.RawTrusted); !strings.Contains(s, "<script>alert(1)</script>") {
		t.Errorf("trusted block changed:\n%s", s)
	}
	if s := frag(block, exporters.RawDrop); s != "<p>read by the HTML reader</p>\n" {
		t.Errorf("dropped block: %q", s)
	}

	inline := para(&tree.Text{Text: "a "}, &tree.RawHTML{HTML: `<span onmouseover="x()">`}, &tree.Text{Text: "b"},
		&tree.RawHTML{HTML: "</span>"}, &tree.RawHTML{HTML: "<br>"}, &tree.Anchor{ID: "here"},
		&tree.RawHTML{HTML: `<a name="old"></a>`}, &tree.RawHTML{HTML: `<script>`}, &tree.Text{Text: "alert(1)"}, &tree.RawHTML{HTML: `</script>`})
	if s := frag(inline, ""); s != `<p>a <span>b</span><br><a id="here"></a><a name="old"></a></p>`+"\n" {
		t.Errorf("sanitized inline: %q", s)
	}
	if s := frag(inline, exporters.RawDrop); s != `<p>a b<a id="here"></a>alert(1)</p>`+"\n" {
		t.Errorf("dropped inline: %q", s)
	}

	links := para(&tree.Link{URL: "javascript:alert(1)", Content: []tree.Inline{&tree.Text{Text: "x"}}},
		&tree.Link{URL: " JavaScript:alert(1)", Content: []tree.Inline{&tree.Text{Text: "y"}}},
		&tree.Image{URL: "vbscript:x", Alt: "v"}, &tree.Image{URL: "data:image/gif;base64,R0", Alt: "g"},
		&tree.Link{URL: "page.md", Target: "page.html", Content: []tree.Inline{&tree.Text{Text: "p"}}},
		&tree.Link{URL: "https://x.org/a b<\"ü", Content: []tree.Inline{&tree.Text{Text: "u"}}})
	want := `<p><a href="">x</a><a href="">y</a><img src="" alt="v"><img src="data:image/gif;base64,R0" alt="g"><a href="page.html">p</a><a href="https://x.org/a%20b%3C%22%C3%BC">u</a></p>` + "\n"
	if s := frag(links, ""); s != want {
		t.Errorf("links:\n got %s\nwant %s", s, want)
	}
	if s := frag(links, exporters.RawTrusted); !strings.Contains(s, `href="javascript:alert(1)"`) {
		t.Errorf("trusted links: %s", s)
	}
}

func TestImageAttributes(t *testing.T) {
	doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{&tree.Image{URL: "a.png", Alt: "a",
		Attr: tree.Attr{Classes: []string{"checked"}, Pairs: []tree.KeyValue{{Key: "loading", Value: "lazy"}, {Key: "width", Value: "100"},
			{Key: "height", Value: "1e9x"}, {Key: "onerror", Value: "x()"}, {Key: "style", Value: "x"}}}}}}}}
	got := export(t, doc, exporters.Options{Fragment: true})
	if got != `<p><img src="a.png" alt="a" class="checked" loading="lazy" width="100"></p>`+"\n" {
		t.Errorf("image: %s", got)
	}
}

func TestExporter(t *testing.T) {
	var e exporters.Exporter = New()
	if e.Name() != "html" || e.Extension() != "html" {
		t.Errorf("Name %q Extension %q", e.Name(), e.Extension())
	}
}

func TestLabels(t *testing.T) {
	doc := &tree.Document{Blocks: []tree.Block{&tree.Admonition{Kind: "warning"}, &tree.Admonition{Kind: "", Collapsible: true}, &tree.Admonition{Kind: "tip", Collapsible: true, Title: []tree.Inline{}},
		&tree.Admonition{Kind: "x<y", Title: []tree.Inline{}}}}
	got := export(t, doc, exporters.Options{Fragment: true})
	want := `<aside class="admonition warning">` + "\n" + `<p class="admonition-title">Warning</p>` + "\n</aside>\n" +
		`<details class="admonition">` + "\n<summary>Note</summary>\n</details>\n" +
		`<details class="admonition tip">` + "\n<summary>Tip</summary>\n</details>\n" +
		`<aside class="admonition xy">` + "\n</aside>\n"
	if got != want {
		t.Errorf("admonitions:\n got %q\nwant %q", got, want)
	}
	cat := catalog.NewBuilder()
	_ = cat.SetString(language.German, "Warning", "Warnung")
	de := message.NewPrinter(language.German, message.Catalog(cat))
	if got := export(t, doc, exporters.Options{Fragment: true, Labels: de}); !strings.Contains(got, `<p class="admonition-title">Warnung</p>`) {
		t.Errorf("German labels:\n%s", got)
	}
}

// TestNoMutationConcurrent exports one tree from many goroutines (run with
// -race) and checks the tree is unchanged and the output identical.
func TestNoMutationConcurrent(t *testing.T) {
	doc := fixture(t)
	before, _ := treejson.Encode(doc)
	want := export(t, doc, exporters.Options{})
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, exporters.Options{}); err != nil || buf.String() != want {
				errs <- "concurrent export differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	after, _ := treejson.Encode(doc)
	if !bytes.Equal(before, after) {
		t.Error("Export modified the tree")
	}
}

func TestNilAndEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := New().Export(&buf, nil, exporters.Options{}); err == nil {
		t.Error("nil document accepted")
	}
	// Degenerate nodes do not panic.
	doc := &tree.Document{Blocks: []tree.Block{
		&tree.Heading{Level: 0}, &tree.Heading{Level: 9}, &tree.List{Ordered: true, Start: 0, Items: []*tree.ListItem{{}}},
		&tree.Table{Head: []*tree.Row{{Cells: []*tree.Cell{{}}}}}, &tree.Tabs{Tabs: []*tree.Tab{{}}},
		&tree.Paragraph{Content: []tree.Inline{&tree.FootnoteRef{Index: 1}, &tree.FootnoteRef{Index: 1}, &tree.Date{}, &tree.Link{}}},
	}, Footnotes: []*tree.Footnote{{Index: 1}, {ID: "a b", Index: 2, Blocks: []tree.Block{&tree.Quote{}}}}}
	got := export(t, doc, exporters.Options{Fragment: true})
	for _, want := range []string{"<h1></h1>", "<h6></h6>", `<ol start="0">`, `<sup id="fnref2:1">`, `<li id="fn:a-b">`, `<time datetime="0001-01-01">0001-01-01</time>`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestSanitizeKeepsGalleyMarkup checks that sanitizing a paragraph with raw
// HTML keeps the markup galley itself writes around it.
func TestSanitizeKeepsGalleyMarkup(t *testing.T) {
	content := []tree.Inline{
		&tree.RawHTML{HTML: "<b>"}, &tree.Text{Text: "bold"}, &tree.RawHTML{HTML: "</b>"},
		&tree.FootnoteRef{ID: "n", Index: 1}, &tree.Date{Time: fixture(t).Meta.Revision.Time, Style: tree.StyleDateTime, Text: "then"},
		&tree.Image{URL: "a.png", Alt: "a", Title: "t", Attr: tree.Attr{Pairs: []tree.KeyValue{{Key: "loading", Value: "lazy"}, {Key: "width", Value: "10"}}}},
		&tree.Link{URL: "https://x.org/?a=1&b=2", Title: "T", Content: []tree.Inline{&tree.Code{Text: "c"}}},
		&tree.Anchor{ID: "a1"}, &tree.Strikethrough{Content: []tree.Inline{&tree.Text{Text: "s"}}},
		&tree.Emphasis{Content: []tree.Inline{&tree.Strong{Content: []tree.Inline{&tree.Text{Text: "x"}}}}}, &tree.LineBreak{},
	}
	doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: content}}}
	trusted := export(t, doc, exporters.Options{Fragment: true, RawHTML: exporters.RawTrusted})
	sanitized := export(t, doc, exporters.Options{Fragment: true})
	if normalizeHTML(trusted) != normalizeHTML(sanitized) {
		t.Errorf("sanitizing changed galley's markup:\ntrusted   %s\nsanitized %s", trusted, sanitized)
	}
}

// TestFallbackBodyLanguage: a locale without a translation shows the
// default body; the page is in the locale, <main> in the body's language,
// so that a screen reader reads English as English on a Japanese page.
func TestFallbackBodyLanguage(t *testing.T) {
	doc := &tree.Document{Meta: tree.Meta{Title: "Privacy", Locale: "ja",
		Translation: &tree.Translation{Fallback: true, SourceLocale: "en", SourcePath: "privacy.md"}},
		Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: "We respect your privacy."}}}}}
	page := export(t, doc, exporters.Options{})
	if !strings.Contains(page, `<html lang="ja" dir="ltr">`) || !strings.Contains(page, "<main lang=\"en\">\n") {
		t.Errorf("fallback page:\n%s", page)
	}
	// A translation (no fallback) and a body already in the locale's
	// language write no lang of their own.
	for _, tr := range []*tree.Translation{nil, {SourceLocale: "ja"}, {Fallback: true, SourceLocale: "ja"}} {
		doc.Meta.Translation = tr
		if page := export(t, doc, exporters.Options{}); !strings.Contains(page, "<main>\n") {
			t.Errorf("translation %+v: <main> has attributes:\n%s", tr, page)
		}
	}
}
