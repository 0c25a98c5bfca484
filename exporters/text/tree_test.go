package text

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

func txt(s string) *tree.Text { return &tree.Text{Text: s} }

func para(in ...tree.Inline) *tree.Paragraph { return &tree.Paragraph{Content: in} }

// handBuilt is a document with the nodes the Markdown reader rarely or
// never produces: dates, macros, spans, tabs, titles, anchors, raw HTML.
func handBuilt() *tree.Document {
	yes := true
	return &tree.Document{
		Meta: tree.Meta{Title: "Hand-built notice", Locale: "en"},
		Blocks: []tree.Block{
			para(txt("Last updated "), &tree.Date{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Text: "December 16, 2025"},
				txt(", created "), &tree.Date{Time: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)},
				txt(", macro "), &tree.Macro{Name: "git_creation_date_localized", Raw: "{{git_creation_date_localized}}"}, txt(".")),
			para(&tree.Anchor{ID: "postal"}, txt("Mozilla Corporation"), &tree.RawHTML{HTML: "<br/>"},
				txt("149 New Montgomery St"), &tree.RawHTML{HTML: "<span>"}, txt(", 4th Floor"), &tree.RawHTML{HTML: "</span>"}),
			para(&tree.Link{URL: "privacy.md", Target: "privacy.txt", Content: []tree.Inline{txt("relative")}},
				txt(", "), &tree.Link{URL: "#top", Target: "#top", Internal: true, Content: []tree.Inline{txt("internal")}},
				txt(", "), &tree.Link{URL: "https://example.com/empty"},
				txt(", "), &tree.Link{URL: "javascript:alert(1)", Content: []tree.Inline{txt("script link")}},
				txt(", "), &tree.Image{URL: "x.png"}, txt(" and a missing footnote"), &tree.FootnoteRef{ID: "nope"}),
			&tree.Admonition{Kind: "danger", Title: []tree.Inline{}, Blocks: []tree.Block{para(txt("No title bar, so the kind labels it."))}},
			&tree.Admonition{Kind: "", Collapsible: true, Open: true, Blocks: []tree.Block{para(txt("Collapsible without kind."))}},
			&tree.Admonition{Kind: "tip", Title: []tree.Inline{txt("Why?")}, Blocks: []tree.Block{para(txt("Titles ending a sentence get no colon."))}},
			&tree.Tabs{Tabs: []*tree.Tab{
				{Title: []tree.Inline{txt("macOS")}, Blocks: []tree.Block{para(txt("Press Cmd."))}},
				{Title: []tree.Inline{txt("Windows")}, Blocks: []tree.Block{para(txt("Press Ctrl."))}},
			}},
			&tree.HTMLBlock{HTML: "<!-- comment -->"},
			&tree.HTMLBlock{HTML: "<p>From <b>HTML</b></p>", Blocks: []tree.Block{para(txt("From HTML"))}},
			&tree.Table{
				Aligns: []tree.Align{tree.AlignLeft, tree.AlignRight, tree.AlignCenter},
				Head: []*tree.Row{{Cells: []*tree.Cell{
					{Blocks: []tree.Block{para(txt("Spanning header"))}, ColSpan: 2},
					{Blocks: []tree.Block{para(txt("C"))}},
				}}},
				Body: []*tree.Row{
					{Cells: []*tree.Cell{
						{Blocks: []tree.Block{para(txt("tall"))}, RowSpan: 2},
						{Blocks: []tree.Block{para(txt("1"))}},
						{Blocks: []tree.Block{&tree.List{Items: []*tree.ListItem{
							{Blocks: []tree.Block{para(txt("a"))}}, {Task: &yes, Blocks: []tree.Block{para(txt("b"))}}}, Tight: true}}},
					}},
					{Cells: []*tree.Cell{
						{Blocks: []tree.Block{para(txt("22"))}},
						{Blocks: []tree.Block{para(txt("short"))}},
					}},
				},
			},
			&tree.ThematicBreak{},
			&tree.List{Ordered: true, Start: 0, Marker: ")", Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(txt("zero"))}}, {}, {Blocks: []tree.Block{&tree.CodeBlock{Text: "code\tin item\r\n"}}},
			}},
			&tree.Quote{Blocks: []tree.Block{&tree.Quote{Blocks: []tree.Block{para(txt("nested quote"))}}}},
			para(txt("Control\x1b[31m characters\x00 are dropped; \u0065\u0301 is composed.")),
		},
		Footnotes: []*tree.Footnote{{ID: "unused", Index: 1, Blocks: []tree.Block{para(txt("Never referenced, still kept."))}}},
	}
}

func TestHandBuilt(t *testing.T) {
	doc := handBuilt()
	got := export(t, doc, 72)
	checkShape(t, "hand-built", markedExport(doc, 72), 72)
	golden(t, "hand-built", got)
	golden(t, "hand-built-nowrap", export(t, doc, 0))
}

// TestLabels checks that the words the exporter adds are translated
// through Options.Labels.
func TestLabels(t *testing.T) {
	cat := catalog.NewBuilder()
	de := language.German
	for k, v := range map[string]string{"References": "Verweise", "Note": "Hinweis", "Image": "Bild", "Danger": "Gefahr"} {
		if err := cat.SetString(de, k, v); err != nil {
			t.Fatal(err)
		}
	}
	p := message.NewPrinter(de, message.Catalog(cat))
	doc := &tree.Document{Blocks: []tree.Block{
		&tree.Admonition{Kind: "note", Blocks: []tree.Block{para(txt("x"))}},
		&tree.Admonition{Kind: "danger", Blocks: []tree.Block{para(txt("y"))}},
		para(&tree.Image{Alt: "Logo"}, &tree.Link{URL: "https://example.de", Content: []tree.Inline{txt("Link")}}),
	}}
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, exporters.Options{Labels: p, Wrap: 72}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Hinweis:\n", "Gefahr:\n", "[Bild: Logo]", "Verweise\n--------\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("missing %q in\n%s", want, buf.String())
		}
	}
}

// TestNoMutationConcurrent exports one tree from several goroutines (run
// with -race) and checks that the tree is unchanged and every output is
// the same.
func TestNoMutationConcurrent(t *testing.T) {
	doc := handBuilt()
	before, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := export(t, doc, 72)
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, exporters.Options{Wrap: 72}); err == nil {
				outs[i] = buf.String()
			}
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if o != want {
			t.Errorf("export %d differs", i)
		}
	}
	after, _ := json.Marshal(doc)
	if !bytes.Equal(before, after) {
		t.Errorf("export modified the tree")
	}
}

// TestEdgeCases: empty and degenerate documents do not panic.
func TestEdgeCases(t *testing.T) {
	if err := New().Export(&bytes.Buffer{}, nil, exporters.Options{}); err == nil {
		t.Error("nil document: no error")
	}
	docs := []*tree.Document{
		{},
		{Blocks: []tree.Block{nil, &tree.Paragraph{}, &tree.List{}, &tree.Table{}, &tree.Tabs{Tabs: []*tree.Tab{nil}}}},
		{Blocks: []tree.Block{&tree.Table{Body: []*tree.Row{nil, {Cells: []*tree.Cell{nil}}}}}},
		{Blocks: []tree.Block{&tree.Heading{Level: 9, Content: []tree.Inline{txt("deep")}}, &tree.Heading{Level: 0}}},
		{Footnotes: []*tree.Footnote{nil, {ID: "x"}}},
	}
	for _, w := range []int{-1, 0, 1, 2, 72} {
		for _, d := range docs {
			var buf bytes.Buffer
			if err := New().Export(&buf, d, exporters.Options{Wrap: w}); err != nil {
				t.Errorf("wrap %d: %v", w, err)
			}
		}
	}
	if got := export(t, &tree.Document{}, 72); got != "" {
		t.Errorf("empty document: %q", got)
	}
}

// TestInlineBlockTags: a list or paragraphs written inline in a table cell
// (GitHub-style pipe tables do this) keep their items on lines of their own,
// as a browser shows them, instead of running together.
func TestInlineBlockTags(t *testing.T) {
	raw := func(h string) tree.Inline { return &tree.RawHTML{HTML: h} }
	cell := func(in ...tree.Inline) *tree.Cell { return &tree.Cell{Blocks: []tree.Block{para(in...)}} }
	doc := &tree.Document{Meta: tree.Meta{Title: "Cells", Locale: "en"}, Blocks: []tree.Block{
		&tree.Table{
			Head: []*tree.Row{{Cells: []*tree.Cell{cell(txt("Purpose")), cell(txt("Data"))}}},
			Body: []*tree.Row{
				{Cells: []*tree.Cell{cell(txt("Sign in")), cell(raw("<ul>"), raw("<li>"), txt("Email address"), raw("</li>"), raw("<li>"), txt("Password hash"), raw("</li>"), raw("</ul>"))}},
				{Cells: []*tree.Cell{cell(txt("Billing")), cell(raw("<ol>"), raw("<li>"), txt("Card"), raw("</li>"), raw("<li>"), txt("Address"), raw("</li>"), raw("</ol>"))}},
				{Cells: []*tree.Cell{cell(txt("Notes")), cell(raw("<p>"), txt("First para"), raw("</p>"), raw("<p>"), txt("Second para"), raw("</p>"))}},
			},
		},
	}}
	got := export(t, doc, 72)
	for _, want := range []string{"• Email address\n", "• Password hash\n", "1. Card\n", "2. Address\n", "First para\n", "Second para\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	for _, bad := range []string{"addressPassword", "CardAddress", "paraSecond"} {
		if strings.Contains(got, bad) {
			t.Errorf("items ran together (%q) in\n%s", bad, got)
		}
	}
}
