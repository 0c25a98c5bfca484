package redline

import "github.com/galleydoc/galley/pipeline/tree"

// Accept returns the version a redline shows with every change accepted:
// the new version. Reject returns it with every change rejected: the old
// version. Both build new nodes where the redline has marks and share the
// others; the Redline field of the result is nil.
func Accept(doc *tree.Document) *tree.Document { return apply(doc, true) }

// Reject returns the old version of a redline (see Accept).
func Reject(doc *tree.Document) *tree.Document { return apply(doc, false) }

func apply(doc *tree.Document, accept bool) *tree.Document {
	a := applier{accept: accept}
	out := &tree.Document{Meta: doc.Meta}
	out.Blocks = a.blocks(doc.Blocks)
	for _, f := range doc.Footnotes {
		if a.drops(f.Blocks) {
			continue
		}
		nf := *f
		nf.Blocks = a.blocks(f.Blocks)
		out.Footnotes = append(out.Footnotes, &nf)
	}
	return out
}

type applier struct{ accept bool }

// keeps reports whether a BlockChange's side is the version being made.
func (a applier) keeps(bc *tree.BlockChange) bool { return bc.Inserted == a.accept }

// drops reports whether a container (list item, cell, footnote) holding
// blocks is absent from the version being made: it holds a Whole
// BlockChange of the other side.
func (a applier) drops(blocks []tree.Block) bool {
	for _, b := range blocks {
		if bc, ok := b.(*tree.BlockChange); ok && bc.Whole && !a.keeps(bc) {
			return true
		}
	}
	return false
}

func (a applier) blocks(list []tree.Block) []tree.Block {
	var out []tree.Block
	for _, b := range list {
		if bc, ok := b.(*tree.BlockChange); ok {
			if a.keeps(bc) {
				out = append(out, a.blocks(bc.Blocks)...)
			}
			continue
		}
		out = append(out, a.block(b))
	}
	return out
}

func (a applier) block(b tree.Block) tree.Block {
	switch b := b.(type) {
	case *tree.Heading:
		h := *b
		h.Content = a.inlines(b.Content)
		return &h
	case *tree.Paragraph:
		p := *b
		p.Content = a.inlines(b.Content)
		return &p
	case *tree.List:
		l := *b
		l.Items = nil
		for _, it := range b.Items {
			if a.drops(it.Blocks) {
				continue
			}
			n := *it
			n.Blocks = a.blocks(it.Blocks)
			l.Items = append(l.Items, &n)
		}
		return &l
	case *tree.Quote:
		q := *b
		q.Blocks = a.blocks(b.Blocks)
		return &q
	case *tree.Table:
		t := *b
		t.Head, t.Body = a.rows(b.Head), a.rows(b.Body)
		// Columns that are gone: a column is gone when every row that had
		// a cell there dropped it; the alignments follow the cells.
		t.Aligns = a.aligns(b)
		return &t
	case *tree.Admonition:
		ad := *b
		if b.Title != nil {
			ad.Title = a.inlines(b.Title)
		}
		ad.Blocks = a.blocks(b.Blocks)
		return &ad
	case *tree.Tabs:
		t := *b
		t.Tabs = make([]*tree.Tab, len(b.Tabs))
		for i, tb := range b.Tabs {
			n := *tb
			n.Title = a.inlines(tb.Title)
			n.Blocks = a.blocks(tb.Blocks)
			t.Tabs[i] = &n
		}
		return &t
	case *tree.HTMLBlock:
		h := *b
		if b.Blocks != nil {
			h.Blocks = a.blocks(b.Blocks)
		}
		return &h
	}
	return b
}

func (a applier) rows(rows []*tree.Row) []*tree.Row {
	var out []*tree.Row
	for _, r := range rows {
		n := &tree.Row{}
		for _, cell := range r.Cells {
			if a.drops(cell.Blocks) {
				continue
			}
			nc := *cell
			nc.Blocks = a.blocks(cell.Blocks)
			n.Cells = append(n.Cells, &nc)
		}
		if len(n.Cells) > 0 || len(r.Cells) == 0 {
			out = append(out, n)
		}
	}
	return out
}

// aligns keeps the alignment of the columns that remain: those where some
// row keeps its cell.
func (a applier) aligns(t *tree.Table) []tree.Align {
	var out []tree.Align
	for col, al := range t.Aligns {
		keep, seen := false, false
		for _, rows := range [][]*tree.Row{t.Head, t.Body} {
			for _, r := range rows {
				if col < len(r.Cells) {
					seen = true
					if !a.drops(r.Cells[col].Blocks) {
						keep = true
					}
				}
			}
		}
		if keep || !seen {
			out = append(out, al)
		}
	}
	return out
}

func (a applier) inlines(list []tree.Inline) []tree.Inline {
	var out []tree.Inline
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Insert:
			if a.accept {
				out = append(out, a.inlines(in.Content)...)
			}
		case *tree.Delete:
			if !a.accept {
				out = append(out, a.inlines(in.Content)...)
			}
		case *tree.Emphasis:
			out = append(out, &tree.Emphasis{Content: a.inlines(in.Content)})
		case *tree.Strong:
			out = append(out, &tree.Strong{Content: a.inlines(in.Content)})
		case *tree.Strikethrough:
			out = append(out, &tree.Strikethrough{Content: a.inlines(in.Content)})
		case *tree.Link:
			l := *in
			l.Content = a.inlines(in.Content)
			out = append(out, &l)
		default:
			out = append(out, in)
		}
	}
	return out
}
