package markdown

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Redlines are written in CriticMarkup (criticmarkup.com), which many
// Markdown tools read: {++inserted++}, {--deleted--}, and a deletion right
// before an insertion of the same change as a substitution,
// {~~old~>new~~}. Whole blocks inserted or deleted carry the marks inside
// each block (`## {++Heading++}`, `- {--item--}`), since CriticMarkup does
// not span paragraphs; a code block or rule gets the marks on lines of
// their own around it.

// writeMark writes an Insert or Delete, or a substitution when a Delete is
// followed by an Insert of the same change. It returns how many inlines of
// list (from i) it wrote.
func (w *writer) writeMark(sb *strings.Builder, list []tree.Inline, i int, c ctx) int {
	switch in := list[i].(type) {
	case *tree.Delete:
		if i+1 < len(list) {
			if ins, ok := list[i+1].(*tree.Insert); ok && ins.Change == in.Change {
				sb.WriteString("{~~")
				w.writeInlines(sb, in.Content, c)
				sb.WriteString("~>")
				w.writeInlines(sb, ins.Content, c)
				sb.WriteString("~~}")
				return 2
			}
		}
		sb.WriteString("{--")
		w.writeInlines(sb, in.Content, c)
		sb.WriteString("--}")
	case *tree.Insert:
		sb.WriteString("{++")
		w.writeInlines(sb, in.Content, c)
		sb.WriteString("++}")
	}
	return 1
}

// changeBlock writes a BlockChange: its blocks with the marks inside.
func (w *writer) changeBlock(b *tree.BlockChange) []string {
	return w.blocks(markBlocks(b.Blocks, b.Inserted, b.Change), false)
}

// markBlocks returns copies of blocks whose inline content is wrapped in
// Insert (ins) or Delete nodes.
func markBlocks(blocks []tree.Block, ins bool, change int) []tree.Block {
	wrap := func(list []tree.Inline) []tree.Inline {
		if len(list) == 0 {
			return list
		}
		if ins {
			return []tree.Inline{&tree.Insert{Change: change, Content: list}}
		}
		return []tree.Inline{&tree.Delete{Change: change, Content: list}}
	}
	open, close := "{--", "--}"
	if ins {
		open, close = "{++", "++}"
	}
	var out []tree.Block
	for _, b := range blocks {
		switch b := b.(type) {
		case *tree.Heading:
			h := *b
			h.Content = wrap(b.Content)
			out = append(out, &h)
		case *tree.Paragraph:
			p := *b
			p.Content = wrap(b.Content)
			out = append(out, &p)
		case *tree.List:
			l := *b
			l.Items = make([]*tree.ListItem, len(b.Items))
			for i, it := range b.Items {
				n := *it
				n.Blocks = markBlocks(it.Blocks, ins, change)
				l.Items[i] = &n
			}
			out = append(out, &l)
		case *tree.Quote:
			q := *b
			q.Blocks = markBlocks(b.Blocks, ins, change)
			out = append(out, &q)
		case *tree.Admonition:
			a := *b
			a.Blocks = markBlocks(b.Blocks, ins, change)
			out = append(out, &a)
		case *tree.Tabs:
			t := *b
			t.Tabs = make([]*tree.Tab, len(b.Tabs))
			for i, tb := range b.Tabs {
				n := *tb
				n.Blocks = markBlocks(tb.Blocks, ins, change)
				t.Tabs[i] = &n
			}
			out = append(out, &t)
		case *tree.Table:
			t := *b
			t.Head, t.Body = markRows(b.Head, ins, change), markRows(b.Body, ins, change)
			out = append(out, &t)
		case *tree.HTMLBlock:
			if len(b.Blocks) > 0 {
				out = append(out, markBlocks(b.Blocks, ins, change)...)
			} else {
				out = append(out, b)
			}
		case *tree.BlockChange:
			out = append(out, markBlocks(b.Blocks, ins, change)...)
		default:
			// Code blocks and rules cannot hold marks: the marks stand on
			// lines of their own around them.
			out = append(out, &tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: open}}}, b,
				&tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: close}}})
		}
	}
	return out
}

func markRows(rows []*tree.Row, ins bool, change int) []*tree.Row {
	out := make([]*tree.Row, len(rows))
	for i, r := range rows {
		n := &tree.Row{Cells: make([]*tree.Cell, len(r.Cells))}
		for j, c := range r.Cells {
			nc := *c
			nc.Blocks = markBlocks(c.Blocks, ins, change)
			n.Cells[j] = &nc
		}
		out[i] = n
	}
	return out
}
