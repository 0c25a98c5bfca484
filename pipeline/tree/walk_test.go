package tree

import "testing"

func sample() *Document {
	return &Document{
		Blocks: []Block{
			&Heading{Level: 1, Content: []Inline{&Text{Text: "Title "}, &Emphasis{Content: []Inline{&Text{Text: "here"}}}}},
			&List{Items: []*ListItem{{Blocks: []Block{&Paragraph{Content: []Inline{&Macro{Name: "m", Raw: "{{m}}"}}}}}}},
			&Table{Body: []*Row{{Cells: []*Cell{{Blocks: []Block{&Paragraph{Content: []Inline{&Link{Content: []Inline{&Macro{Name: "m"}}}}}}}}}}},
			&HTMLBlock{HTML: "<p>x</p>", Blocks: []Block{&Paragraph{Content: []Inline{&Code{Text: "code"}}}}},
			&Admonition{Title: []Inline{&Strong{Content: []Inline{&Macro{Name: "m"}}}}, Blocks: []Block{&Quote{}}},
		},
		Footnotes: []*Footnote{{ID: "n", Blocks: []Block{&Paragraph{Content: []Inline{&Macro{Name: "m"}}}}}},
	}
}

func TestWalkVisitsNestedBlocks(t *testing.T) {
	n := 0
	Walk(sample().Blocks, func(Block) bool { n++; return true })
	// heading, list, para, table, para, html, para, admonition, quote
	if n != 9 {
		t.Errorf("visited %d blocks, want 9", n)
	}
	n = 0
	Walk(sample().Blocks, func(b Block) bool { n++; _, isList := b.(*List); return !isList })
	if n != 8 {
		t.Errorf("visited %d blocks when skipping the list's children, want 8", n)
	}
}

func TestMapInlinesReachesEveryDepth(t *testing.T) {
	doc := sample()
	n := 0
	MapInlines(doc, func(in Inline) Inline {
		if _, ok := in.(*Macro); ok {
			n++
			return &Text{Text: "X"}
		}
		return in
	})
	// in a list item, inside a link in a table cell, in an admonition title, in a footnote
	if n != 4 {
		t.Errorf("replaced %d macros, want 4", n)
	}
	if got := PlainText(doc.Blocks[0].(*Heading).Content); got != "Title here" {
		t.Errorf("PlainText = %q", got)
	}
}
