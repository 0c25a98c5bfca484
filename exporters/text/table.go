package text

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// colSep separates table columns.
const colSep = "  "

// tableCell is one position of the laid-out grid. span is the number of
// columns the cell covers: 1 for an ordinary or empty cell, more for a
// column span, 0 for a position covered by the span on its left.
type tableCell struct {
	blocks []tree.Block
	span   int
}

// grid lays the table out on the tree's grid (tree.Table.Grid): a cell
// spanning several columns is laid out over their combined width; a cell
// spanning several rows keeps its content in its first row and leaves the
// positions below empty.
func grid(t *tree.Table) (rows [][]tableCell, head int) {
	g := t.Grid()
	rows = make([][]tableCell, len(g.Rows))
	for ri, row := range g.Rows {
		cells := make([]tableCell, len(row))
		for ci, gc := range row {
			switch {
			case gc.Cell != nil:
				cells[ci] = tableCell{blocks: gc.Cell.Blocks, span: gc.ColSpan}
			case gc.Covered && gc.Origin[0] == ri:
				cells[ci] = tableCell{} // covered by the span on its left
			default:
				cells[ci] = tableCell{span: 1}
			}
		}
		rows[ri] = cells
	}
	return rows, g.Head
}

// table lays a table out as aligned columns that fit w, or as records when
// even one word per line does not fit.
func (r *renderer) table(t *tree.Table, w int) []string {
	rows, head := grid(t)
	ncols := 0
	for _, row := range rows {
		ncols = max(ncols, len(row))
	}
	if ncols == 0 {
		return nil
	}
	for i := range rows {
		for len(rows[i]) < ncols {
			rows[i] = append(rows[i], tableCell{span: 1})
		}
	}
	// A header row with no text (the Mozilla notices have one) is left out.
	emptyHead := true
	for _, row := range rows[:head] {
		for _, c := range row {
			if len(r.cellLines(c, 0)) > 0 {
				emptyHead = false
			}
		}
	}
	if emptyHead {
		rows, head = rows[head:], 0
	}
	if len(rows) == 0 {
		return nil
	}

	natural := make([]int, ncols)
	minimum := make([]int, ncols)
	type spanning struct{ col, span, natural, minimum int }
	var spans []spanning
	for _, row := range rows {
		for ci, c := range row {
			if c.span == 0 {
				continue
			}
			nat, mn := maxWidth(r.cellLines(c, 0)), 0
			if w > 0 {
				mn = maxWidth(r.cellLines(c, 1))
			}
			if c.span > 1 {
				spans = append(spans, spanning{ci, c.span, nat, mn})
				continue
			}
			natural[ci] = max(natural[ci], nat)
			minimum[ci] = max(minimum[ci], mn)
		}
	}
	for ci := range natural {
		natural[ci] = max(natural[ci], 1)
		minimum[ci] = max(minimum[ci], 1)
	}
	// A spanning cell wider than the columns it covers widens the last.
	for _, sp := range spans {
		widen(natural, sp.col, sp.span, sp.natural)
		widen(minimum, sp.col, sp.span, sp.minimum)
	}
	cols := natural
	if w > 0 {
		avail := w - len(colSep)*(ncols-1)
		switch {
		case sum(natural) <= avail:
		case sum(minimum) <= avail:
			cols = distribute(minimum, natural, avail)
		default:
			return r.records(rows, head, w)
		}
	}

	var out []string
	multi := false
	rendered := make([][][]string, len(rows))
	for ri, row := range rows {
		rendered[ri] = make([][]string, ncols)
		for ci, c := range row {
			if c.span == 0 {
				continue
			}
			rendered[ri][ci] = r.cellLines(c, spanWidth(cols, ci, c.span))
			if len(rendered[ri][ci]) > 1 {
				multi = true
			}
		}
	}
	for ri := range rows {
		if ri > head && multi {
			out = append(out, "")
		}
		out = append(out, r.rowLines(rows[ri], rendered[ri], cols, t.Aligns)...)
		if ri == head-1 {
			parts := make([]string, ncols)
			for ci, cw := range cols {
				parts[ci] = strings.Repeat("-", cw)
			}
			out = append(out, strings.Join(parts, colSep))
		}
	}
	return out
}

// cellLines renders a cell's blocks at width w (0: natural width, 1: one
// word per line), tight.
// Lines are cached per cell and width: layout renders each cell at several
// widths, and without the cache nested tables (HTML allows them) would cost
// exponential time in their depth.
func (r *renderer) cellLines(c tableCell, w int) []string {
	if len(c.blocks) == 0 {
		return nil
	}
	key := cellKey{&c.blocks[0], len(c.blocks), w}
	if lines, ok := r.cells[key]; ok {
		return lines
	}
	lines := r.blocks(c.blocks, w, true)
	if r.cells == nil {
		r.cells = map[cellKey][]string{}
	}
	r.cells[key] = lines
	return lines
}

// cellKey identifies a cell's block list rendered at a width.
type cellKey struct {
	first *tree.Block
	n     int
	width int
}

// rowLines writes the lines of one row, each cell padded to its column
// width according to its alignment.
func (r *renderer) rowLines(row []tableCell, cells [][]string, cols []int, aligns []tree.Align) []string {
	height := 1
	for _, c := range cells {
		height = max(height, len(c))
	}
	out := make([]string, height)
	for li := range height {
		var sb strings.Builder
		for ci, c := range cells {
			if row[ci].span == 0 {
				continue
			}
			if ci > 0 {
				sb.WriteString(colSep)
			}
			s := ""
			if li < len(c) {
				s = c[li]
			}
			align := tree.AlignDefault
			if ci < len(aligns) {
				align = aligns[ci]
			}
			sb.WriteString(pad(s, spanWidth(cols, ci, row[ci].span), align))
		}
		out[li] = strings.TrimRight(sb.String(), " ")
	}
	return out
}

// pad pads s to w cells.
func pad(s string, w int, a tree.Align) string {
	gap := w - width(s)
	if gap <= 0 {
		return s
	}
	switch a {
	case tree.AlignRight:
		return strings.Repeat(" ", gap) + s
	case tree.AlignCenter:
		left := gap / 2
		return strings.Repeat(" ", left) + s + strings.Repeat(" ", gap-left)
	}
	return s + strings.Repeat(" ", gap)
}

// distribute gives each column its minimum width and shares the rest of
// avail in proportion to what each column lacks of its natural width.
func distribute(minimum, natural []int, avail int) []int {
	cols := append([]int(nil), minimum...)
	extra := avail - sum(minimum)
	want := 0
	for i := range cols {
		want += natural[i] - minimum[i]
	}
	if want <= 0 || extra <= 0 {
		return cols
	}
	given := 0
	for i := range cols {
		add := extra * (natural[i] - minimum[i]) / want
		cols[i] += add
		given += add
	}
	// Hand out what rounding left, one cell at a time, left to right.
	for given < extra {
		progress := false
		for i := range cols {
			if given < extra && cols[i] < natural[i] {
				cols[i]++
				given++
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	return cols
}

// records writes a table too wide for w as one block per row, each cell
// under its header's label ("Column N" where there is no header).
func (r *renderer) records(rows [][]tableCell, head int, w int) []string {
	if head >= len(rows) {
		head = 0 // header rows only: write them as records too
	}
	labels := make([]string, len(rows[0]))
	for ci := range labels {
		var parts []string
		for _, row := range rows[:head] {
			owner := ci // a position covered by a column span takes its label
			for owner > 0 && row[owner].span == 0 {
				owner--
			}
			if s := strings.Join(r.cellLines(row[owner], 0), " "); s != "" {
				parts = append(parts, s)
			}
		}
		labels[ci] = strings.Join(parts, " ")
		if labels[ci] == "" {
			labels[ci] = r.label(locales.LabelColumn) + " " + strconv.Itoa(ci+1)
		}
	}
	// A headed column empty in every row still shows its label, once, in
	// the first record, so that no header text is lost.
	filled := make([]bool, len(labels))
	for _, row := range rows[head:] {
		for ci, c := range row {
			filled[ci] = filled[ci] || len(r.cellLines(c, inner(w, 2))) > 0
		}
	}
	var out []string
	for ri, row := range rows[head:] {
		var rec []string
		for ci, c := range row {
			body := r.cellLines(c, inner(w, 2))
			if len(body) == 0 {
				if ri == 0 && !filled[ci] && head > 0 && r.headed(rows[:head], ci) {
					rec = append(rec, wrap(labels[ci]+":", w)...)
				}
				continue
			}
			rec = append(rec, wrap(labels[ci]+":", w)...)
			for _, l := range body {
				if l != "" {
					l = "  " + l
				}
				rec = append(rec, l)
			}
		}
		out = joinBlocks(out, rec)
	}
	return out
}

// headed reports whether column ci has a header cell of its own with text
// (not a position covered by a span).
func (r *renderer) headed(headRows [][]tableCell, ci int) bool {
	for _, row := range headRows {
		if ci < len(row) && row[ci].span > 0 && len(r.cellLines(row[ci], 0)) > 0 {
			return true
		}
	}
	return false
}

// spanWidth is the width of span columns from col, separators included.
func spanWidth(cols []int, col, span int) int {
	w := 0
	for i := col; i < col+span && i < len(cols); i++ {
		if i > col {
			w += len(colSep)
		}
		w += cols[i]
	}
	return w
}

// widen makes the span columns from col at least need wide together,
// widening the last of them.
func widen(cols []int, col, span, need int) {
	last := min(col+span, len(cols)) - 1
	if have := spanWidth(cols, col, span); need > have {
		cols[last] += need - have
	}
}

func maxWidth(lines []string) int {
	m := 0
	for _, l := range lines {
		m = max(m, width(l))
	}
	return m
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
