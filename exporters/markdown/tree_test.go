package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

func txt(s string) *tree.Text { return &tree.Text{Text: s} }

func para(in ...tree.Inline) *tree.Paragraph { return &tree.Paragraph{Content: in} }

// handBuilt holds the nodes the Markdown reader rarely produces.
func handBuilt() *tree.Document {
	return &tree.Document{
		Meta: tree.Meta{Title: "Hand-built notice"},
		Blocks: []tree.Block{
			&tree.Heading{Level: 2, Content: []tree.Inline{txt("Ends in C#")}},
			para(txt("Effective "), &tree.Date{Time: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), Text: "May 4, 2026", Source: tree.FromDocument},
				txt(" and "), &tree.Date{Time: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}, txt(".")),
			para(&tree.Emphasis{Content: []tree.Inline{txt(" spaced ")}}, txt("and"), &tree.Strong{Content: []tree.Inline{}},
				&tree.Strikethrough{Content: []tree.Inline{txt("gone")}}, &tree.LineBreak{}),
			para(&tree.Link{URL: "a b(c).md", Title: `say "hi"`, Content: []tree.Inline{txt("odd destination")}}, txt(" "),
				&tree.Link{URL: "", Content: []tree.Inline{txt("no destination")}}, txt(" "),
				&tree.Link{URL: "https://www.example.com", Autolink: true, Content: []tree.Inline{txt("www.example.com")}}),
			&tree.List{Items: []*tree.ListItem{{Blocks: []tree.Block{para(txt("one"))}}}, Tight: true},
			&tree.List{Items: []*tree.ListItem{{Blocks: []tree.Block{para(txt("separate list"))}}}, Tight: true},
			&tree.List{Ordered: true, Start: 7, Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(txt("seven")), &tree.List{Ordered: true, Start: 3, Tight: true,
					Items: []*tree.ListItem{{Blocks: []tree.Block{para(txt("nested three"))}}}}}},
				{}, {Blocks: []tree.Block{&tree.CodeBlock{Text: "x\n"}}},
			}},
			&tree.Admonition{Kind: "danger", Title: []tree.Inline{}, Blocks: []tree.Block{para(txt("No title bar."))}},
			&tree.Admonition{Collapsible: true, Open: true, Title: []tree.Inline{txt(`Say "when"`)}, Blocks: []tree.Block{para(txt("Open."))}},
			&tree.Admonition{Blocks: []tree.Block{para(txt("No kind, no title."))}},
			&tree.Tabs{Tabs: []*tree.Tab{
				{Title: []tree.Inline{txt("macOS")}, Blocks: []tree.Block{para(txt("Press Cmd."))}},
				{Title: []tree.Inline{txt("Windows")}, Blocks: []tree.Block{para(txt("Press Ctrl."))}},
			}},
			&tree.HTMLBlock{HTML: "<div class=\"x\">\n  <p>raw</p>\n</div>\n", Blocks: []tree.Block{para(txt("raw"))}},
			&tree.Table{Body: []*tree.Row{{Cells: []*tree.Cell{
				{Blocks: []tree.Block{para(txt("no header"), &tree.LineBreak{}, &tree.Code{Text: "a|b"})}},
				{Blocks: []tree.Block{&tree.CodeBlock{Text: "l1\nl2\n"}}},
			}}}},
			&tree.CodeBlock{Info: "python title=\"`x`\"", Language: "python", Text: "print(1)"},
			&tree.Quote{},
			para(txt("ref"), &tree.FootnoteRef{ID: "a b", Index: 1}),
		},
		Footnotes: []*tree.Footnote{{ID: "a b", Index: 1, Blocks: []tree.Block{para(txt("first")), para(txt("second"))}}},
	}
}

func TestHandBuilt(t *testing.T) {
	doc := handBuilt()
	got := write(t, doc)
	path := "testdata/hand-built.golden"
	if *update {
		if err := writeFile(path, got); err != nil {
			t.Fatal(err)
		}
	} else if want, err := readFile(path); err != nil {
		t.Fatalf("%v (run go test -update)", err)
	} else if got != want {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
	// Raw HTML blocks give way to what the HTML reader made of them under
	// --raw-html drop.
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, exporters.Options{RawHTML: exporters.RawDrop}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<div") || !strings.Contains(buf.String(), "\nraw\n") {
		t.Errorf("drop mode kept the HTML block:\n%s", buf.String())
	}
}

func TestNoMutationConcurrent(t *testing.T) {
	doc := handBuilt()
	before, _ := json.Marshal(doc)
	want := write(t, doc)
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, exporters.Options{}); err == nil {
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
	if after, _ := json.Marshal(doc); !bytes.Equal(before, after) {
		t.Errorf("export modified the tree")
	}
}

func TestEdgeCases(t *testing.T) {
	if err := New().Export(&bytes.Buffer{}, nil, exporters.Options{}); err == nil {
		t.Error("nil document: no error")
	}
	docs := []*tree.Document{
		{},
		{Blocks: []tree.Block{nil, &tree.Paragraph{}, &tree.List{}, &tree.Table{}, &tree.Tabs{Tabs: []*tree.Tab{nil}}}},
		{Blocks: []tree.Block{&tree.Table{Head: []*tree.Row{nil}, Body: []*tree.Row{nil, {Cells: []*tree.Cell{nil, {ColSpan: 3, RowSpan: 2}}}}}}},
		{Blocks: []tree.Block{&tree.Heading{Level: 9}, &tree.Heading{Level: -1, Content: []tree.Inline{txt("#")}}}},
		{Footnotes: []*tree.Footnote{nil, {}}},
		{Meta: tree.Meta{FrontMatter: map[string]any{"title": "T", "tags": []any{"a", "b"}}}},
	}
	for _, d := range docs {
		var buf bytes.Buffer
		if err := New().Export(&buf, d, exporters.Options{}); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

func readFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
