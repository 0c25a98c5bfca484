package pdf

import (
	"strconv"
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
	g := t.Grid()
	ncol := g.Cols
	if ncol == 0 || len(g.Rows) == 0 {
		return
	}
	saved := l.body
	l.body = saved * 0.88
	defer func() { l.body = saved }()

	rows, head := g.Rows, g.Head
	if allEmpty(t.Head) {
		rows, head = rows[head:], 0
	}
	// Measure.
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	for ri, r := range rows {
		for ci, gc := range r {
			if gc.Cell == nil || gc.ColSpan != 1 {
				continue
			}
			mn, mx := l.measureBlocks(gc.Cell.Blocks, ri < head)
			minW[ci] = max(minW[ci], mn+2*cellPad)
			maxW[ci] = max(maxW[ci], mx+2*cellPad)
		}
	}
	widths := fitColumns(minW, maxW, w)

	var headBox *box
	l.line = t.Line
	_, tblDone := l.push("Table")
	defer tblDone()
	var part func() // the open THead or TBody
	for ri := range rows {
		header := ri < head
		switch {
		case ri == 0 && header:
			_, part = l.push("THead")
		case ri == head:
			if part != nil {
				part()
			}
			_, part = l.push("TBody")
		}
		for _, bb := range l.rowBox(rows, ri, widths, x, t, header) {
			if header {
				if headBox == nil {
					headBox = bb
				}
				bb.keep = true
			} else {
				bb.header = headBox
			}
			l.add(bb)
		}
	}
	if part != nil {
		part()
	}
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
	saved := l.measuring
	l.measuring = true
	spans := l.flatten(content, st, nil)
	line := 0.0
	l.eachUnit(spans, l.rtl, false, l.line, func(u unit) {
		if u.brk {
			mx = max(mx, line)
			line = 0
			return
		}
		mn = max(mn, min(u.w, 160)) // very long words (URLs) may break anywhere
		if u.hasGlue && line > 0 {
			line += u.glue
		}
		line += u.w
	})
	l.measuring = saved
	return mn, max(mx, line)
}

// rowBox lays out row ri of the grid rows and returns its box, or several
// strips when the row is taller than a page. A cell spanning rows shows
// its content in its first row; the rule between the rows it spans is left
// out, so it reads as one cell.
func (l *layouter) rowBox(rows [][]tree.GridCell, ri int, widths []float64, x float64, t *tree.Table, header bool) []*box {
	type cellOut struct {
		x, w      float64
		boxes     []*box
		h         float64
		top, bott bool // draw the rule above, below
	}
	var cells []cellOut
	// Right-to-left tables run their columns from the right edge.
	// offs[i] is the sum of the widths before column i, so placing a cell
	// costs the same wherever it is: summing the widths before each cell
	// made a row of many empty or spanning positions quadratic (a 2.4 KB
	// table of 100 cells of colspan=1000 took 8 s).
	offs := columnOffsets(widths)
	total := offs[len(widths)]
	colX := func(col, span int) (float64, float64) {
		end := min(col+span, len(widths))
		off := offs[col]
		// Summed as the columns were summed one by one before, so that
		// the positions, and the PDF, stay the same to the last bit.
		cw := 0.0
		for i := col; i < end; i++ {
			cw += widths[i]
		}
		if l.rtl {
			return x + total - off - cw, cw
		}
		return x + off, cw
	}
	spans := func(r, c int) int { // the rows the cell at (r, c) spans
		if r < 0 || r >= len(rows) || c >= len(rows[r]) {
			return 1
		}
		return max(rows[r][c].RowSpan, 1)
	}
	_, rowDone := l.push("TR")
	defer rowDone()
	savedFl, savedBold, savedAlign, savedLists := l.fl, l.boldText, l.align, l.cellLists
	l.cellLists = l.lists
	row := rows[ri]
	for col := 0; col < len(row) && col < len(widths); col++ {
		gc := row[col]
		switch {
		case gc.Cell != nil:
			cellX, cw := colX(col, gc.ColSpan)
			l.fl = &flow{}
			l.boldText = header
			l.align = string(t.Align(col))
			cellDone := l.cellTag(header, gc.ColSpan, gc.RowSpan)
			if len(gc.Cell.Blocks) == 1 {
				_, l.bareText = gc.Cell.Blocks[0].(*tree.Paragraph)
			}
			l.blocks(gc.Cell.Blocks, cellX+cellPad, cw-2*cellPad, true)
			l.bareText = false
			cellDone()
			l.trimSpace()
			co := cellOut{x: cellX, w: cw, boxes: l.fl.boxes, top: true, bott: gc.RowSpan <= 1} // a cell's flow keeps its boxes
			// Decorations inside cells (code backgrounds) become ops on their boxes.
			for _, d := range l.fl.closedDecos() {
				if d.kind == decoFill && d.from < d.to {
					hsum := 0.0
					for _, b := range l.fl.boxes[d.from:d.to] {
						hsum += b.h
					}
					fb := l.fl.boxes[d.from]
					fb.ops = append([]op{{kind: opFill, x: d.x, y: 0, w: d.w, h: hsum, color: d.color, se: artifactTag}}, fb.ops...)
				}
			}
			for _, b := range co.boxes {
				co.h += b.h
			}
			cells = append(cells, co)
			col += gc.ColSpan - 1
		case gc.Covered && gc.Origin[0] < ri && gc.Origin[1] == col:
			// Under a row span: an empty frame as wide as the spanning
			// cell, open above, closed below on the span's last row.
			o := rows[gc.Origin[0]][gc.Origin[1]]
			cellX, cw := colX(col, max(o.ColSpan, 1))
			last := gc.Origin[0]+spans(gc.Origin[0], gc.Origin[1])-1 <= ri
			cells = append(cells, cellOut{x: cellX, w: cw, bott: last})
			col += max(o.ColSpan, 1) - 1
		case gc.Covered:
			// Covered from the left: drawn by the cell it belongs to.
		default:
			cellX, cw := colX(col, 1)
			cells = append(cells, cellOut{x: cellX, w: cw, top: true, bott: true})
		}
	}
	l.fl, l.boldText, l.align, l.cellLists = savedFl, savedBold, savedAlign, savedLists

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
				bg = append(bg, op{kind: opFill, x: c.x, y: 0, w: c.w, h: h, color: colHeadBg, se: artifactTag})
			}
			if c.top && c.bott {
				bg = append(bg, op{kind: opStroke, x: c.x, y: 0, w: c.w, h: h, lw: 0.5, color: colRule, se: artifactTag})
				continue
			}
			line := func(x0, y0, x1, y1 float64) {
				bg = append(bg, op{kind: opLine, x: x0, y: y0, w: x1 - x0, h: y1 - y0, lw: 0.5, color: colRule, se: artifactTag})
			}
			line(c.x, 0, c.x, h)
			line(c.x+c.w, 0, c.x+c.w, h)
			if c.top {
				line(c.x, 0, c.x+c.w, 0)
			}
			if c.bott {
				line(c.x, h, c.x+c.w, h)
			}
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

// columnOffsets returns the sum of the widths before each column, and
// their total last, added up in column order.
func columnOffsets(widths []float64) []float64 {
	offs := make([]float64, len(widths)+1)
	off := 0.0
	for i, w := range widths {
		offs[i] = off
		off += w
	}
	offs[len(widths)] = off
	return offs
}

// cellTag opens the TH or TD element of a cell and returns its closer:
// header cells scope their column; spans are attributes.
func (l *layouter) cellTag(header bool, colSpan, rowSpan int) func() {
	typ := "TD"
	if header {
		typ = "TH"
	}
	cell, done := l.push(typ)
	if cell == nil {
		return done
	}
	var a []string
	if header {
		a = append(a, "/Scope /Column")
	}
	if colSpan > 1 {
		a = append(a, "/ColSpan "+strconv.Itoa(colSpan))
	}
	if rowSpan > 1 {
		a = append(a, "/RowSpan "+strconv.Itoa(rowSpan))
	}
	if len(a) > 0 {
		cell.setAttrs("/O /Table " + strings.Join(a, " "))
	}
	return done
}
