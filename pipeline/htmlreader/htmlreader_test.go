package htmlreader

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden reads every testdata/golden/*.html page and compares the tree's
// outline with the .golden file next to it (go test -update rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(src, filepath.Base(f), Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			got := dump(doc)
			golden := strings.TrimSuffix(f, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("tree differs from %s (go test -update to accept):\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func read(t *testing.T, src string) *tree.Document {
	t.Helper()
	doc, err := Read([]byte(src), "t.html", Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return doc
}

func readFixture(t *testing.T, name string) *tree.Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata/golden", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(src, name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// allInlines returns every inline of the document, at any depth.
func allInlines(doc *tree.Document) []tree.Inline {
	var out []tree.Inline
	visit := func(b tree.Block) bool {
		for _, l := range tree.InlineLists(b) {
			tree.WalkInlines(*l, func(in tree.Inline) { out = append(out, in) })
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, f := range doc.Footnotes {
		tree.Walk(f.Blocks, visit)
	}
	return out
}

func TestMeta(t *testing.T) {
	doc := readFixture(t, "page.html")
	if doc.Meta.Title != "Datenschutzhinweis – Beispiel" {
		t.Errorf("title %q", doc.Meta.Title)
	}
	if doc.Meta.Locale != "de-DE" || doc.Meta.Direction != "ltr" || doc.Meta.Source.Format != "html" || doc.Meta.Source.Path != "page.html" {
		t.Errorf("meta %+v", doc.Meta)
	}
	if len(doc.Meta.Source.SHA256) != 64 {
		t.Errorf("sha256 %q", doc.Meta.Source.SHA256)
	}
	if doc.Meta.Revision == nil || doc.Meta.Revision.Time.Format("2006-01-02") != "2025-12-16" || doc.Meta.Revision.Source != tree.FromDocument {
		t.Errorf("revision %+v", doc.Meta.Revision)
	}
	// Title from the first <h1> without <title>.
	doc = read(t, "<body><h1>Only <em>heading</em></h1><p>x</p></body>")
	if doc.Meta.Title != "Only heading" {
		t.Errorf("h1 title %q", doc.Meta.Title)
	}
	// A date that is not in an effective/updated line is no revision.
	doc = read(t, "<p>Founded <time datetime=2001-02-03>2001</time>.</p>")
	if doc.Meta.Revision != nil {
		t.Errorf("revision from an unrelated date: %+v", doc.Meta.Revision)
	}
}

func TestLandmarksDropped(t *testing.T) {
	text := plain(readFixture(t, "page.html"))
	for _, gone := range []string{"Skip", "Example Corp", "Privacy", "Terms", "Related links", "©", "tracking", "color"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q reached the tree: %s", gone, text)
		}
	}
	for _, kept := range []string{"Datenschutzhinweis", "Wir verarbeiten Ihre Daten.", "Wichtig."} {
		if !strings.Contains(text, kept) {
			t.Errorf("%q missing: %s", kept, text)
		}
	}
	// <main> wins over the page around it, and keeps its own header.
	text = plain(readFixture(t, "main.html"))
	if strings.Contains(text, "Site title") || strings.Contains(text, "Pied") || !strings.Contains(text, "Avis de confidentialité") {
		t.Errorf("main selection: %s", text)
	}
}

// plain returns all text of a document, blocks separated by newlines.
func plain(doc *tree.Document) string {
	var sb strings.Builder
	visit := func(b tree.Block) bool {
		for _, l := range tree.InlineLists(b) {
			sb.WriteString(tree.PlainText(*l))
			sb.WriteByte('\n')
		}
		if cb, ok := b.(*tree.CodeBlock); ok {
			sb.WriteString(cb.Text)
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, f := range doc.Footnotes {
		tree.Walk(f.Blocks, visit)
	}
	return sb.String()
}

func TestSelect(t *testing.T) {
	src := `<body><div class="nav">menu</div><div class="doc"><p>one</p></div><div class="doc"><p>two</p><div class="doc"><p>three</p></div></div></body>`
	doc, err := Read([]byte(src), "s.html", Options{Select: "div.doc"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(doc); got != "one\ntwo\nthree\n" {
		t.Errorf("selected %q", got)
	}
	// A selected table is read as a table.
	doc, err = Read([]byte(`<p>x</p><table class="t"><tr><td>a</td></tr></table>`), "s.html", Options{Select: "table.t"})
	if err != nil || len(doc.Blocks) != 1 {
		t.Fatalf("table selection: %v", err)
	}
	if _, ok := doc.Blocks[0].(*tree.Table); !ok {
		t.Errorf("selected table read as %T", doc.Blocks[0])
	}
	// An SVG <title> is no page title.
	doc = read(t, `<body><svg><title>icon</title></svg><h1>Real</h1></body>`)
	if doc.Meta.Title != "Real" {
		t.Errorf("title %q", doc.Meta.Title)
	}
	if _, err := Read([]byte(src), "s.html", Options{Select: "article"}); !errors.Is(err, ErrNoMatch) {
		t.Errorf("no match: %v", err)
	}
	if _, err := Read([]byte(src), "s.html", Options{Select: "div[["}); err == nil {
		t.Error("bad selector accepted")
	}
	// [role=main] before the <body> fallback.
	doc = read(t, `<body><header>h</header><div role="main"><header><p>kept header</p></header></div></body>`)
	if got := plain(doc); got != "kept header\n" {
		t.Errorf("role=main: %q", got)
	}
}

func TestUnsafeNeverReachesTree(t *testing.T) {
	doc := readFixture(t, "unsafe.html")
	text := plain(doc)
	for _, bad := range []string{"alert", "steal", "template content", "noscript content", "display", "hidden paragraph", "input value", "Button text", "Option text", "svg text", "js image"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q reached the tree:\n%s", bad, text)
		}
	}
	var links, images int
	for _, in := range allInlines(doc) {
		switch in := in.(type) {
		case *tree.Link:
			links++
			t.Errorf("unsafe link kept: %q", in.URL)
		case *tree.Image:
			images++
			if strings.HasPrefix(in.URL, "javascript") {
				t.Errorf("unsafe image kept: %q", in.URL)
			}
		}
	}
	if images != 2 {
		t.Errorf("want the data: PNG and x.png kept, got %d images", images)
	}
	for _, kept := range []string{"Click here or there or vb or data.", "Safe text"} {
		if !strings.Contains(text, kept) {
			t.Errorf("link text %q lost: %s", kept, text)
		}
	}
}

func TestLiteralText(t *testing.T) {
	doc := readFixture(t, "literal.html")
	for _, in := range allInlines(doc) {
		switch in.(type) {
		case *tree.Macro, *tree.Emphasis, *tree.Link, *tree.Code, *tree.RawHTML:
			t.Errorf("text read as markup: %T %+v", in, in)
		}
	}
	for _, b := range doc.Blocks {
		if _, ok := b.(*tree.Paragraph); !ok {
			t.Errorf("block read as markup: %T", b)
		}
	}
	text := plain(doc)
	for _, lit := range []string{"{{git_revision_date_localized}}", "{{ git_creation_date_localized }}", `git\_revision\_date\_localized`,
		"{: #not-an-id .cls }", "!!! note", "*not emphasis*", "<script>alert(1)</script> is text"} {
		if !strings.Contains(text, lit) {
			t.Errorf("%q not kept literally:\n%s", lit, text)
		}
	}
}

func TestTables(t *testing.T) {
	doc := readFixture(t, "tables.html")
	var tables []*tree.Table
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		if tb, ok := b.(*tree.Table); ok {
			tables = append(tables, tb)
		}
		return true
	})
	if len(tables) != 4 {
		t.Fatalf("want 4 tables (one nested), got %d", len(tables))
	}
	simple := tables[0]
	if want := []tree.Align{tree.AlignLeft, tree.AlignCenter, tree.AlignRight}; !equalAligns(simple.Aligns, want) {
		t.Errorf("aligns %v, want %v", simple.Aligns, want)
	}
	if len(simple.Head) != 1 || len(simple.Body) != 2 {
		t.Errorf("simple rows: head %d body %d", len(simple.Head), len(simple.Body))
	}
	// A simple cell holds one paragraph, as a GFM cell does.
	if c := simple.Body[0].Cells[0]; len(c.Blocks) != 1 {
		t.Errorf("simple cell blocks: %d", len(c.Blocks))
	} else if p, ok := c.Blocks[0].(*tree.Paragraph); !ok || tree.PlainText(p.Content) != "Apple" {
		t.Errorf("simple cell: %#v", c.Blocks[0])
	}

	rich := tables[1]
	if len(rich.Head) != 1 || len(rich.Body) != 4 {
		t.Fatalf("th row without thead is the head: head %d body %d", len(rich.Head), len(rich.Body))
	}
	first := rich.Body[0].Cells
	if first[0].RowSpan != 2 {
		t.Errorf("rowspan %d", first[0].RowSpan)
	}
	if p := first[0].Blocks[0].(*tree.Paragraph); len(p.Content) == 0 || !isAnchor(p.Content[0], "bookmark-x") {
		t.Errorf("anchor in cell lost: %s", dumpInlines(p.Content))
	}
	if _, ok := first[1].Blocks[0].(*tree.List); !ok {
		t.Errorf("list in cell: %T", first[1].Blocks[0])
	}
	if n := len(rich.Body[1].Cells[0].Blocks); n != 2 {
		t.Errorf("two paragraphs in cell, got %d blocks", n)
	}
	if rich.Body[2].Cells[0].ColSpan != 2 {
		t.Errorf("colspan %d", rich.Body[2].Cells[0].ColSpan)
	}
	if len(rich.Aligns) != 2 {
		t.Errorf("columns %d", len(rich.Aligns))
	}
	// tfoot rows come last in the body.
	outer := tables[2]
	if last := outer.Body[len(outer.Body)-1]; tree.PlainText(last.Cells[0].Blocks[0].(*tree.Paragraph).Content) != "Total" {
		t.Errorf("tfoot row not last")
	}
}

func isAnchor(in tree.Inline, id string) bool {
	a, ok := in.(*tree.Anchor)
	return ok && a.ID == id
}

func equalAligns(a, b []tree.Align) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFootnotes(t *testing.T) {
	doc := readFixture(t, "footnotes-goldmark.html")
	if len(doc.Footnotes) != 3 {
		t.Fatalf("footnotes: %d", len(doc.Footnotes))
	}
	// Numbered by first reference: b, a, then the unreferenced c.
	for i, want := range []string{"b", "a", "c"} {
		if f := doc.Footnotes[i]; f.ID != want || f.Index != i+1 {
			t.Errorf("footnote %d: %q #%d, want %q", i, f.ID, f.Index, want)
		}
	}
	var refs []string
	for _, in := range allInlines(doc) {
		if r, ok := in.(*tree.FootnoteRef); ok {
			refs = append(refs, r.ID)
		}
	}
	if strings.Join(refs, ",") != "b,a,b" {
		t.Errorf("refs %v", refs)
	}
	if text := plain(doc); strings.Contains(text, "↩") || strings.Contains(text, "\u00a0\n") {
		t.Errorf("back-links kept: %q", text)
	}
	// A "footnotes" section without item ids is ordinary content.
	if got := plain(read(t, `<section class="footnotes"><ol><li>kept</li></ol></section>`)); got != "kept\n" {
		t.Errorf("id-less footnote section: %q", got)
	}
	doc = readFixture(t, "footnotes-pandoc.html")
	if len(doc.Footnotes) != 1 || doc.Footnotes[0].ID != "1" || plain(doc) != "Text.\nThe footnote.\n" {
		t.Errorf("pandoc footnotes: %s", dump(doc))
	}
}

func TestBlocksFragment(t *testing.T) {
	blocks, err := Blocks("<!-- more -->")
	if err != nil || blocks != nil {
		t.Errorf("comment: %v %v", blocks, err)
	}
	blocks, err = Blocks(`<blockquote class="twitter-tweet"><p>Tweet text</p><script async src="https://platform.twitter.com/widgets.js"></script></blockquote>`)
	if err != nil || len(blocks) != 1 {
		t.Fatalf("tweet: %v %v", blocks, err)
	}
	if q, ok := blocks[0].(*tree.Quote); !ok || len(q.Blocks) != 1 {
		t.Errorf("tweet quote: %#v", blocks[0])
	}
	read := BlockReader(Options{MaxBytes: 10})
	if _, err := read("<p>longer than ten bytes</p>", 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("size limit: %v", err)
	}
	blocks, err = BlockReader(Options{})("<p>x</p><table><tr><td>a</td></tr></table>", 42)
	if err != nil || len(blocks) != 2 || blocks[0].SourceLine() != 42 || blocks[1].SourceLine() != 42 {
		t.Errorf("positions: %v %v", blocks, err)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Read([]byte("<p>1234567890</p>"), "big.html", Options{MaxBytes: 8}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	for _, src := range []string{"", "   ", "<html><head><title>T</title></head><body><script>x()</script></body></html>", "<!-- only -->"} {
		if _, err := Read([]byte(src), "e.html", Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("empty %q: %v", src, err)
		}
	}
	_, err := Read([]byte("<p>ok</p>\n<p>caf\xe9</p>"), "bad.html", Options{})
	var se *markdown.SyntaxError
	if !errors.Is(err, ErrInvalidUTF8) || !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if _, err := Blocks("<p>\xff</p>"); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("fragment invalid UTF-8: %v", err)
	}
	deep := strings.Repeat("<div>", 2000) + "x" + strings.Repeat("</div>", 2000)
	if _, err := Read([]byte(deep), "deep.html", Options{}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("deep: %v", err)
	}
}

func TestCharset(t *testing.T) {
	latin1 := []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Gr\xfc\xdfe \x80</p></body></html>")
	doc, err := Read(latin1, "l.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "Café" || plain(doc) != "Grüße €\n" {
		t.Errorf("latin1 (read as windows-1252): %q %q", doc.Meta.Title, plain(doc))
	}
	win := []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>` + "\x93quoted\x94</p>")
	doc, err = Read(win, "w.html", Options{})
	if err != nil || plain(doc) != "\u201cquoted\u201d\n" {
		t.Errorf("windows-1252: %v %q", err, plain(doc))
	}
	// A BOM is accepted; valid UTF-8 wins over a wrong declaration.
	doc, err = Read([]byte("\xef\xbb\xbf<meta charset=latin1><p>café</p>"), "u.html", Options{})
	if err != nil || plain(doc) != "café\n" {
		t.Errorf("utf-8 with bom: %v %q", err, plain(doc))
	}
	utf16 := []byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 'h', 0, 'i', 0}
	doc, err = Read(utf16, "u16.html", Options{})
	if err != nil || plain(doc) != "hi\n" {
		t.Errorf("utf-16: %v", err)
	}
	// Bytes that are not the declared charset fail with their line, as
	// invalid UTF-8 does; they were replaced by U+FFFD silently.
	sjis := []byte("<meta charset=\"shift_jis\">\n<p>\x93\xfa\x96\x7b</p>\n<p>bad \xff\xfe here</p>")
	if _, err := Read(sjis, "s.html", Options{}); err == nil || !strings.Contains(err.Error(), "line 3: bytes that are not shift_jis, the charset the page declares") {
		t.Errorf("undecodable shift_jis: %v", err)
	}
	// A declaration past the first 1024 bytes is not read, and the
	// message says so.
	late := []byte("<p>" + strings.Repeat("x", 1100) + "</p><meta charset=\"windows-1252\"><p>\x93q\x94</p>")
	if _, err := Read(late, "late.html", Options{}); err == nil || !strings.Contains(err.Error(), "after the first 1024 bytes") {
		t.Errorf("late charset: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range []string{"tables.html", "footnotes-goldmark.html", "admonitions.html"} {
		a, b := dump(readFixture(t, name)), dump(readFixture(t, name))
		if a != b {
			t.Errorf("%s: two reads differ", name)
		}
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	inputs := []string{
		"<table><td colspan=99999999 rowspan=-4>x", "<ol start=-5><li>x", "<ol start=99999999999999999999><li>x",
		"<time datetime='9999-99-99'>later</time>", "<a href>empty href</a>", "<details><summary></summary></details>",
		"<div class=admonition></div><p>x</p>", "<pre></pre><p>x</p>", "<p><a id=''></a>x</p>",
		"<sup><a href='#'>1</a></sup>", "<section class=footnotes><ol><li>no id</li></ol></section>",
		"<section class=tabs><p>not a tab</p></section>", strings.Repeat("<b>", 600) + "x",
		"<table>" + strings.Repeat("<tr><td colspan=1000>x</td>", 30) + "</table>",
	}
	for _, in := range inputs {
		if _, err := Read([]byte(in), "odd.html", Options{}); err != nil && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrTooDeep) {
			t.Errorf("%.40q: %v", in, err)
		}
		if _, err := Blocks(in); err != nil && !errors.Is(err, ErrTooDeep) {
			t.Errorf("fragment %.40q: %v", in, err)
		}
	}
}

func TestBlocksMatchRead(t *testing.T) {
	src := `<p>a <b>b</b></p><ul><li>c</li></ul>`
	blocks, err := Blocks(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString(dump(&tree.Document{Blocks: blocks}))
	if got, want := buf.String(), dump(&tree.Document{Blocks: read(t, src).Blocks}); got != want {
		t.Errorf("fragment and page differ:\n%s\n%s", got, want)
	}
}

func TestRowspanGrid(t *testing.T) {
	// Column positions follow rowspans: the right-aligned cells all start in
	// column 2 although the rows below the rowspan have fewer cells.
	doc := read(t, `<table>
<tr><td rowspan="3">a</td><td>b</td><td align="right">1</td></tr>
<tr><td>c</td><td align="right">2</td></tr>
<tr><td>d</td><td align="right">3</td></tr>
<tr><td>e</td><td>f</td><td align="right">4</td></tr>
</table>`)
	tb := doc.Blocks[0].(*tree.Table)
	if want := []tree.Align{"", "", tree.AlignRight}; !equalAligns(tb.Aligns, want) {
		t.Errorf("aligns %v, want %v", tb.Aligns, want)
	}
}

func TestWideTableManyRowsIsCheap(t *testing.T) {
	src := "<table><tr>" + strings.Repeat(`<td colspan="1000">x</td>`, 20) + "</tr>" + strings.Repeat("<tr>", 50000) + "</table>"
	doc := read(t, src)
	tb := doc.Blocks[0].(*tree.Table)
	if len(tb.Aligns) != maxCols || len(tb.Body) != 50001 {
		t.Errorf("columns %d rows %d", len(tb.Aligns), len(tb.Body))
	}
}

func TestMarkdownInHTML(t *testing.T) {
	// The <figure markdown> of the PyPI blog: the image is Markdown.
	blocks, err := BlockReader(Options{})(`<figure markdown>
  ![Sample notice email](../assets/email.png)
  <figcaption>
      A sample notice email sent when users upload.
  </figcaption>
</figure>`, 28)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(&tree.Document{Blocks: blocks})
	want := "title=\"\" locale=\"\" dir=\"\" format=\"\"\npara: img(\"../assets/email.png\" alt=\"Sample notice email\")\npara: \"A sample notice email sent when users upload.\"\n"
	if got != want {
		t.Errorf("figure markdown:\n%s\nwant\n%s", got, want)
	}
	if l := blocks[0].SourceLine(); l != 29 {
		t.Errorf("image paragraph at line %d, want 29", l)
	}
	// Block Markdown in a <div markdown="1">; without the attribute text stays literal.
	blocks, _ = Blocks("<div markdown=\"1\">\n\n- one\n- two\n\n</div><div>\n- literal\n</div>")
	if len(blocks) != 2 {
		t.Fatalf("blocks: %s", dump(&tree.Document{Blocks: blocks}))
	}
	if _, ok := blocks[0].(*tree.List); !ok {
		t.Errorf("markdown div: %T", blocks[0])
	}
	if p, ok := blocks[1].(*tree.Paragraph); !ok || tree.PlainText(p.Content) != "- literal" {
		t.Errorf("plain div: %s", dump(&tree.Document{Blocks: blocks[1:]}))
	}
}
