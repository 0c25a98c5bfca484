package pdf

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Tables: columns are sized from their content (the widest word and the
// whole text on one line, as HTML's automatic table layout does), cells are
// laid out as small flows, and each row becomes a box so that rows break
// across pages with the header row repeated. A row taller than a page is
// cut into strips.

const cellPad = 4.0

func (l *layouter) table(t *tree.Table, x, w float64) {
	ncol := len(t.Aligns)
	for _, rows := range [][]*tree.Row{t.Head, t.Body} {
		for _, r := range rows {
			n := 0
			for _, c := range r.Cells {
				n += span1(c.ColSpan)
			}
			if n > ncol {
				ncol = n
			}
		}
	}
	if ncol == 0 {
		return
	}
	saved := l.body
	l.body = saved * 0.88
	defer func() { l.body = saved }()

	head := t.Head
	if allEmpty(head) {
		head = nil
	}
	// Measure.
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	measure := func(rows []*tree.Row, bold bool) {
		for _, r := range rows {
			col := 0
			for _, c := range r.Cells {
				if col >= ncol {
					break
				}
				mn, mx := l.measureBlocks(c.Blocks, bold)
				if span1(c.ColSpan) == 1 {
					minW[col] = max(minW[col], mn+2*cellPad)
					maxW[col] = max(maxW[col], mx+2*cellPad)
				}
				col += span1(c.ColSpan)
			}
		}
	}
	measure(head, true)
	measure(t.Body, false)
	widths := fitColumns(minW, maxW, w)

	var headBox *box
	if len(head) > 0 {
		l.line = t.Line
		for _, r := range head {
			b := l.rowBox(r, widths, x, t.Aligns, true)
			if headBox == nil {
				headBox = b[0]
			}
			for _, bb := range b {
				bb.keep = true
				l.add(bb)
			}
		}
	}
	for _, r := range t.Body {
		for _, bb := range l.rowBox(r, widths, x, t.Aligns, false) {
			bb.header = headBox
			l.add(bb)
		}
	}
}

func span1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func allEmpty(rows []*tree.Row) bool {
	for _, r := range rows {
		for _, c := range r.Cells {
			for _, b := range c.Blocks {
				if p, ok := b.(*tree.Paragraph); ok && strings.TrimSpace(tree.PlainText(p.Content)) == "" {
					continue
				}
				return false
			}
		}
	}
	return true
}

// fitColumns chooses column widths: natural widths when they fit, else the
// minimum widths plus a share of the rest in proportion to what each column
// wants, else the minimum widths scaled down (words then break anywhere).
func fitColumns(minW, maxW []float64, avail float64) []float64 {
	n := len(minW)
	out := make([]float64, n)
	var sumMin, sumMax float64
	for i := range minW {
		if minW[i] < 2*cellPad+6 {
			minW[i] = 2*cellPad + 6
		}
		if maxW[i] < minW[i] {
			maxW[i] = minW[i]
		}
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	switch {
	case sumMax <= avail:
		// Spread the spare room over the columns so the table spans the text width.
		extra := (avail - sumMax) / float64(n)
		for i := range out {
			out[i] = maxW[i] + extra
		}
	case sumMin <= avail:
		k := (avail - sumMin) / (sumMax - sumMin)
		for i := range out {
			out[i] = minW[i] + (maxW[i]-minW[i])*k
		}
	default:
		for i := range out {
			out[i] = minW[i] * avail / sumMin
		}
	}
	return out
}

// measureBlocks returns the widest unbreakable unit and the one-line width
// of the blocks' content.
func (l *layouter) measureBlocks(blocks []tree.Block, bold bool) (mn, mx float64) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *tree.Paragraph, *tree.Heading:
			st := l.bodyStyle()
			st.bold = bold
			var content []tree.Inline
			if p, ok := b.(*tree.Paragraph); ok {
				content = p.Content
			} else {
				content = b.(*tree.Heading).Content
				st.bold = true
			}
			a, z := l.measureInlines(content, st)
			mn, mx = max(mn, a), max(mx, z)
		case *tree.CodeBlock:
			st := tstyle{mono: true, size: l.body * 0.86}
			for _, line := range strings.Split(b.Text, "\n") {
				f := st.chain().Face('0')
				wd := f.Width(line, st.size) + 14
				mx = max(mx, wd)
				mn = max(mn, min(wd, 120))
			}
		case *tree.List:
			for _, it := range b.Items {
				a, z := l.measureBlocks(it.Blocks, bold)
				mn, mx = max(mn, a+l.body*1.7), max(mx, z+l.body*1.7)
			}
		default:
			for _, ch := range tree.Children(b) {
				a, z := l.measureBlocks(ch, bold)
				mn, mx = max(mn, a+16), max(mx, z+16)
			}
		}
	}
	return mn, mx
}

func (l *layouter) measureInlines(content []tree.Inline, st tstyle) (mn, mx float64) {
	units := l.tokenize(l.flatten(content, st, nil))
	line := 0.0
	for _, u := range units {
		if u.brk {
			mx = max(mx, line)
			line = 0
			continue
		}
		mn = max(mn, min(u.w, 160)) // very long words (URLs) may break anywhere
		if u.hasGlue && line > 0 {
			line += u.glue
		}
		line += u.w
	}
	return mn, max(mx, line)
}

// rowBox lays out one row and returns its box, or several strips when the
// row is taller than a page.
func (l *layouter) rowBox(r *tree.Row, widths []float64, x float64, aligns []tree.Align, header bool) []*box {
	type cellOut struct {
		x, w  float64
		boxes []*box
		h     float64
	}
	var cells []cellOut
	col := 0
	// Right-to-left tables run their columns from the right edge.
	total := 0.0
	for _, w := range widths {
		total += w
	}
	cx := x
	if l.rtl {
		cx = x + total
	}
	// place returns the x of a cell of width cw and moves past it.
	place := func(cw float64) float64 {
		if l.rtl {
			cx -= cw
			return cx
		}
		cx += cw
		return cx - cw
	}
	savedFl, savedBold, savedAlign := l.fl, l.boldText, l.align
	for _, c := range r.Cells {
		if col >= len(widths) {
			break
		}
		n := span1(c.ColSpan)
		cw := 0.0
		for i := col; i < col+n && i < len(widths); i++ {
			cw += widths[i]
		}
		l.fl = &flow{}
		l.boldText = header
		l.align = ""
		if col < len(aligns) {
			l.align = string(aligns[col])
		}
		cellX := place(cw)
		l.blocks(c.Blocks, cellX+cellPad, cw-2*cellPad, true)
		l.trimSpace()
		co := cellOut{x: cellX, w: cw, boxes: l.fl.boxes}
		// Decorations inside cells (code backgrounds) become ops on their boxes.
		for _, d := range l.fl.decos {
			if d.kind == decoFill && d.from < d.to {
				hsum := 0.0
				for _, b := range l.fl.boxes[d.from:d.to] {
					hsum += b.h
				}
				fb := l.fl.boxes[d.from]
				fb.ops = append([]op{{kind: opFill, x: d.x, y: 0, w: d.w, h: hsum, color: d.color}}, fb.ops...)
			}
		}
		for _, b := range co.boxes {
			co.h += b.h
		}
		cells = append(cells, co)
		col += n
	}
	// Cells missing at the end of a short row still get their borders.
	for ; col < len(widths); col++ {
		cells = append(cells, cellOut{x: place(widths[col]), w: widths[col]})
	}
	l.fl, l.boldText, l.align = savedFl, savedBold, savedAlign

	rowH := 0.0
	for _, c := range cells {
		rowH = max(rowH, c.h)
	}
	rowH += 2 * cellPad
	limit := (l.pageH - l.top - l.bott) * 0.85
	frame := func(b *box, h float64) {
		var bg []op
		for _, c := range cells {
			if header {
				bg = append(bg, op{kind: opFill, x: c.x, y: 0, w: c.w, h: h, color: colHeadBg})
			}
			bg = append(bg, op{kind: opStroke, x: c.x, y: 0, w: c.w, h: h, lw: 0.5, color: colRule})
		}
		b.ops = append(bg, b.ops...)
	}
	if rowH <= limit {
		b := &box{h: rowH}
		for _, c := range cells {
			y := cellPad
			for _, cb := range c.boxes {
				for _, o := range cb.ops {
					o.y += y
					b.ops = append(b.ops, o)
				}
				y += cb.h
			}
		}
		frame(b, rowH)
		return []*box{b}
	}
	// Strips: each takes from every cell the boxes that fit in limit.
	var out []*box
	idx := make([]int, len(cells))
	for {
		done := true
		b := &box{}
		stripH := 0.0
		for ci, c := range cells {
			y := cellPad
			for idx[ci] < len(c.boxes) {
				cb := c.boxes[idx[ci]]
				if y+cb.h > limit && y > cellPad {
					break
				}
				for _, o := range cb.ops {
					o.y += y
					b.ops = append(b.ops, o)
				}
				y += cb.h
				idx[ci]++
			}
			if idx[ci] < len(c.boxes) {
				done = false
			}
			stripH = max(stripH, y)
		}
		b.h = stripH + cellPad
		frame(b, b.h)
		out = append(out, b)
		if done {
			return out
		}
	}
}
