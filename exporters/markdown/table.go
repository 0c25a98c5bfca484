package markdown

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/rivo/uniseg"
)

// maxPaddedWidth is the widest table whose columns are padded to align.
const maxPaddedWidth = 120

// table writes a GFM pipe table, its columns padded to the same width when
// it is at most maxPaddedWidth wide.
func (w *writer) table(t *tree.Table) []string {
	g := t.Grid()
	rows := make([][]string, len(g.Rows))
	for ri, row := range g.Rows {
		cells := make([]string, len(row))
		for ci, gc := range row {
			if gc.Cell != nil {
				cells[ci] = w.cellText(gc.Cell.Blocks)
			}
		}
		rows[ri] = cells
	}
	if len(t.Head) == 0 {
		rows = append([][]string{nil}, rows...) // GFM needs a header row
	}
	ncols := len(t.Aligns)
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	if ncols == 0 {
		return nil
	}
	widths := make([]int, ncols)
	for i := range rows {
		for len(rows[i]) < ncols {
			rows[i] = append(rows[i], "")
		}
		for ci, c := range rows[i] {
			widths[ci] = max(widths[ci], uniseg.StringWidth(c), 3)
		}
	}
	// Columns are padded to align when the table is narrow enough to read
	// that way; a wide table is written unpadded.
	pad := 1
	for _, cw := range widths {
		pad += cw + 3
	}
	padded := pad <= maxPaddedWidth
	if !padded {
		for ci := range widths {
			widths[ci] = 3
		}
	}
	line := func(cells []string) string {
		var sb strings.Builder
		sb.WriteString("|")
		for ci, c := range cells {
			sb.WriteString(" " + c)
			if padded {
				sb.WriteString(strings.Repeat(" ", widths[ci]-uniseg.StringWidth(c)))
			}
			sb.WriteString(" |")
		}
		return sb.String()
	}
	out := []string{line(rows[0])}
	delims := make([]string, ncols)
	for ci := range delims {
		a := tree.AlignDefault
		if ci < len(t.Aligns) {
			a = t.Aligns[ci]
		}
		d := strings.Repeat("-", widths[ci])
		switch a {
		case tree.AlignLeft:
			d = ":" + d[1:]
		case tree.AlignRight:
			d = d[1:] + ":"
		case tree.AlignCenter:
			d = ":" + d[2:] + ":"
		}
		delims[ci] = d
	}
	out = append(out, line(delims))
	for _, r := range rows[1:] {
		out = append(out, line(r))
	}
	return out
}

// cellText flattens a cell's blocks onto one line, joined with " <br> "
// (the spaces keep the words apart for readers that drop the tag).
func (w *writer) cellText(bs []tree.Block) string {
	return strings.Join(w.flatten(bs), " <br> ")
}

// flatten writes blocks as one-line pieces for a table cell.
func (w *writer) flatten(bs []tree.Block) []string {
	var out []string
	for _, b := range bs {
		switch b := b.(type) {
		case *tree.Paragraph:
			if s := trimBlank(w.inlines(b.Content, ctxTable)); s != "" {
				out = append(out, s)
			}
		case *tree.Heading:
			if s := trimBlank(w.inlines(b.Content, ctxTable)); s != "" {
				out = append(out, s)
			}
		case *tree.List:
			for i, it := range b.Items {
				mark := "- "
				if b.Ordered {
					mark = strconv.Itoa(b.Start+i) + ". "
				}
				out = append(out, mark+strings.Join(w.flatten(it.Blocks), " "))
			}
		case *tree.CodeBlock:
			for _, l := range strings.Split(strings.TrimRight(b.Text, "\n"), "\n") {
				if s := codeSpan(l, false, ctxTable); s != "" {
					out = append(out, s)
				}
			}
		case *tree.Table:
			for _, rows := range [][]*tree.Row{b.Head, b.Body} {
				for _, r := range rows {
					var cells []string
					for _, c := range r.Cells {
						if c != nil {
							cells = append(cells, w.flatten(c.Blocks)...)
						}
					}
					out = append(out, strings.Join(cells, " "))
				}
			}
		case *tree.HTMLBlock:
			out = append(out, w.flatten(b.Blocks)...)
		default:
			for _, children := range tree.Children(b) {
				out = append(out, w.flatten(children)...)
			}
		}
	}
	return out
}
