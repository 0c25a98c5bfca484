package tree

import "strings"

// Walk calls fn for every block of blocks in document order, depth first,
// including blocks nested in list items, quotes, admonitions, tabs and table
// cells. If fn returns false the block's children are skipped.
func Walk(blocks []Block, fn func(Block) bool) {
	for _, b := range blocks {
		if !fn(b) {
			continue
		}
		for _, children := range Children(b) {
			Walk(children, fn)
		}
	}
}

// Children returns the nested block lists of b (none for leaf blocks).
func Children(b Block) [][]Block {
	switch b := b.(type) {
	case *List:
		out := make([][]Block, len(b.Items))
		for i, it := range b.Items {
			out[i] = it.Blocks
		}
		return out
	case *Quote:
		return [][]Block{b.Blocks}
	case *BlockChange:
		return [][]Block{b.Blocks}
	case *Admonition:
		return [][]Block{b.Blocks}
	case *HTMLBlock:
		if b.Blocks != nil {
			return [][]Block{b.Blocks}
		}
	case *Tabs:
		out := make([][]Block, len(b.Tabs))
		for i, t := range b.Tabs {
			out[i] = t.Blocks
		}
		return out
	case *Table:
		var out [][]Block
		for _, rows := range [][]*Row{b.Head, b.Body} {
			for _, r := range rows {
				for _, c := range r.Cells {
					out = append(out, c.Blocks)
				}
			}
		}
		return out
	}
	return nil
}

// InlineLists returns pointers to the inline lists held directly by b (the
// content of a heading or paragraph, an admonition's or tab's title), so a
// stage can rewrite them in place.
func InlineLists(b Block) []*[]Inline {
	switch b := b.(type) {
	case *Heading:
		return []*[]Inline{&b.Content}
	case *Paragraph:
		return []*[]Inline{&b.Content}
	case *Admonition:
		if b.Title != nil {
			return []*[]Inline{&b.Title}
		}
	case *Tabs:
		out := make([]*[]Inline, len(b.Tabs))
		for i, t := range b.Tabs {
			out[i] = &t.Title
		}
		return out
	}
	return nil
}

// MapInlines replaces every inline of the document, at any depth (inside
// emphasis, links, footnotes, tables, …), by f's result. f sees the
// innermost inlines first; returning the argument keeps it.
func MapInlines(doc *Document, f func(Inline) Inline) {
	visit := func(b Block) bool {
		for _, list := range InlineLists(b) {
			*list = mapInlineList(*list, f)
		}
		return true
	}
	Walk(doc.Blocks, visit)
	for _, fn := range doc.Footnotes {
		Walk(fn.Blocks, visit)
	}
}

func mapInlineList(list []Inline, f func(Inline) Inline) []Inline {
	for i, in := range list {
		if inner := inlineChildren(in); inner != nil {
			*inner = mapInlineList(*inner, f)
		}
		list[i] = f(in)
	}
	return list
}

// inlineChildren returns a pointer to the inline list nested in in, if any.
func inlineChildren(in Inline) *[]Inline {
	switch in := in.(type) {
	case *Emphasis:
		return &in.Content
	case *Strong:
		return &in.Content
	case *Strikethrough:
		return &in.Content
	case *Link:
		return &in.Content
	case *Insert:
		return &in.Content
	case *Delete:
		return &in.Content
	}
	return nil
}

// WalkInlines calls fn for every inline in list, depth first.
func WalkInlines(list []Inline, fn func(Inline)) {
	for _, in := range list {
		fn(in)
		if inner := inlineChildren(in); inner != nil {
			WalkInlines(*inner, fn)
		}
	}
}

// PlainText returns the text content of inlines: text, code, link text and
// image alt text, with breaks as spaces and dates as their localized text (or
// ISO date before localization). Raw HTML is left out, and so are a
// redline's deleted words (its text is the new version's).
func PlainText(list []Inline) string {
	var sb strings.Builder
	writePlain(&sb, list)
	return sb.String()
}

func writePlain(sb *strings.Builder, list []Inline) {
	for _, in := range list {
		switch in := in.(type) {
		case *Text:
			sb.WriteString(in.Text)
		case *Code:
			sb.WriteString(in.Text)
		case *SoftBreak, *LineBreak:
			sb.WriteByte(' ')
		case *Image:
			sb.WriteString(in.Alt)
		case *Macro:
			sb.WriteString(in.Raw)
		case *Delete:
			// A redline's deleted words are not in the text it shows.
		case *Date:
			if in.Text != "" {
				sb.WriteString(in.Text)
			} else {
				sb.WriteString(in.Time.Format("2006-01-02"))
			}
		default:
			if inner := inlineChildren(in); inner != nil {
				writePlain(sb, *inner)
			}
		}
	}
}
