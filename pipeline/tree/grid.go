package tree

// The table grid rule. Cells may span rows and columns (tables read from
// HTML carry rowspan and colspan); every exporter lays a table out on the
// grid Grid computes, so a cell under a spanned one lands in the same
// column in every format.

// GridCell is one position of a table's grid.
type GridCell struct {
	// Cell is the cell that starts at this position; nil for a position
	// covered by a span (Covered) or left empty by a short row.
	Cell *Cell
	// ColSpan and RowSpan are the columns and rows a starting cell covers,
	// at least 1 and clamped to the grid (a row span past the last row
	// ends there; a span never crosses from the header into the body).
	ColSpan, RowSpan int
	// Covered marks a position taken by the span of a cell to its left or
	// above; Origin is then that cell's grid position (row, column).
	Covered bool
	Origin  [2]int
}

// Grid is a table laid out on rows × columns positions.
type Grid struct {
	// Rows holds the header rows first, then the body rows; every row has
	// Cols positions.
	Rows [][]GridCell
	// Head is the number of header rows.
	Head int
	// Cols is the number of columns: the widest row, and at least the
	// number of column alignments.
	Cols int
}

// Grid lays t out: cells fill the positions of their row from the left,
// skipping positions that a row span from above covers, as an HTML table
// does; short rows are padded with empty positions.
func (t *Table) Grid() Grid {
	all := make([]*Row, 0, len(t.Head)+len(t.Body))
	all = append(append(all, t.Head...), t.Body...)
	g := Grid{Head: len(t.Head), Rows: make([][]GridCell, len(all))}
	// pending[col] is the number of rows below the current one that a row
	// span still covers at col, and origin[col] the cell covering it.
	var pending []int
	var origin [][2]int
	for ri, row := range all {
		// A span from the header does not reach into the body.
		limit := len(all)
		if ri < g.Head {
			limit = g.Head
		}
		var cells []GridCell
		col := 0
		covered := func() {
			for col < len(pending) && pending[col] > 0 {
				cells = append(cells, GridCell{Covered: true, Origin: origin[col]})
				col++
			}
		}
		if row != nil {
			for _, c := range row.Cells {
				covered()
				if c == nil {
					cells = append(cells, GridCell{ColSpan: 1, RowSpan: 1})
					col++
					continue
				}
				cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
				rs = min(rs, limit-ri)
				// A column span may not run into a row span from above: it
				// stops at the first covered position.
				for s := 1; s < cs && col+s < len(pending); s++ {
					if pending[col+s] > 0 {
						cs = s
						break
					}
				}
				for len(pending) < col+cs {
					pending = append(pending, 0)
					origin = append(origin, [2]int{})
				}
				cells = append(cells, GridCell{Cell: c, ColSpan: cs, RowSpan: rs})
				for s := 1; s < cs; s++ {
					cells = append(cells, GridCell{Covered: true, Origin: [2]int{ri, col}})
				}
				if rs > 1 {
					for s := 0; s < cs; s++ {
						pending[col+s] = rs // decremented below, after the row
						origin[col+s] = [2]int{ri, col}
					}
				}
				col += cs
			}
		}
		// Positions at the end of the row that spans from above still cover.
		for col < len(pending) {
			if pending[col] > 0 {
				cells = append(cells, GridCell{Covered: true, Origin: origin[col]})
			} else {
				cells = append(cells, GridCell{ColSpan: 1, RowSpan: 1})
			}
			col++
		}
		for c := range pending {
			if pending[c] > 0 {
				pending[c]--
			}
		}
		// A cell that started in this row covers the rows below it:
		// pending holds its span minus the row just finished.
		g.Rows[ri] = cells
		g.Cols = max(g.Cols, len(cells))
	}
	g.Cols = max(g.Cols, len(t.Aligns))
	for ri := range g.Rows {
		for len(g.Rows[ri]) < g.Cols {
			g.Rows[ri] = append(g.Rows[ri], GridCell{ColSpan: 1, RowSpan: 1})
		}
	}
	return g
}

// Align returns the alignment of column col, AlignDefault past the last.
func (t *Table) Align(col int) Align {
	if col >= 0 && col < len(t.Aligns) {
		return t.Aligns[col]
	}
	return AlignDefault
}
