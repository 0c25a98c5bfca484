package redline

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// table merges two tables cell by cell: columns are aligned by their header
// (or content), rows like blocks; cells of rows and columns in both are
// compared, and cells of added or removed rows and columns are marked
// whole. Tables with merged cells (spans) keep their column positions.
func (c *comparer) table(a, b *tree.Table) *tree.Table {
	cols := c.columns(a, b)
	t := &tree.Table{Pos: b.Pos}
	for _, cm := range cols {
		switch {
		case cm[1] >= 0 && cm[1] < len(b.Aligns):
			t.Aligns = append(t.Aligns, b.Aligns[cm[1]])
		case cm[0] >= 0 && cm[0] < len(a.Aligns):
			t.Aligns = append(t.Aligns, a.Aligns[cm[0]])
		default:
			t.Aligns = append(t.Aligns, tree.AlignDefault)
		}
	}
	saved := c.columnCells // a table in a cell of a table
	c.columnCells = map[int][]*tree.BlockChange{}
	t.Head = c.rows(a.Head, b.Head, cols, 0)
	t.Body = c.rows(a.Body, b.Body, cols, max(len(a.Head), len(b.Head)))
	// The cells of an added or removed column are one change.
	for x := range cols {
		bcs := c.columnCells[x]
		if len(bcs) == 0 {
			continue
		}
		first := bcs[0]
		c.groups[first].block = "table column " + strconv.Itoa(x+1)
		for _, bc := range bcs[1:] {
			c.dropGroup(bc, first)
			c.groups[bc] = c.groups[first]
		}
	}
	c.columnCells = saved
	return t
}

// width is the number of columns of a table.
func width(t *tree.Table) int {
	n := len(t.Aligns)
	for _, rows := range [][]*tree.Row{t.Head, t.Body} {
		for _, r := range rows {
			w := 0
			for _, cell := range r.Cells {
				w += max(cell.ColSpan, 1)
			}
			n = max(n, w)
		}
	}
	return n
}

func hasSpans(t *tree.Table) bool {
	for _, rows := range [][]*tree.Row{t.Head, t.Body} {
		for _, r := range rows {
			for _, cell := range r.Cells {
				if cell.ColSpan > 1 || cell.RowSpan > 1 {
					return true
				}
			}
		}
	}
	return false
}

// columns aligns the columns of two tables: pairs of old and new column
// indexes, -1 where a column is in one table only.
func (c *comparer) columns(a, b *tree.Table) [][2]int {
	wa, wb := width(a), width(b)
	if hasSpans(a) || hasSpans(b) || wa == wb {
		var out [][2]int
		for i := 0; i < max(wa, wb); i++ {
			oi, nj := i, i
			if i >= wa {
				oi = -1
			}
			if i >= wb {
				nj = -1
			}
			out = append(out, [2]int{oi, nj})
		}
		return out
	}
	colKey := func(t *tree.Table, w int) ([]string, []map[string]int) {
		keys := make([]string, w)
		texts := make([]strings.Builder, w)
		for _, r := range t.Head {
			for i, cell := range r.Cells {
				if i < w {
					keys[i] += "<th>" + c.cellKey(cell)
				}
			}
		}
		for _, r := range t.Body {
			for i, cell := range r.Cells {
				if i < w {
					if len(t.Head) == 0 {
						keys[i] += "<td>" + c.cellKey(cell)
					}
					texts[i].WriteString(blockText(cell.Blocks) + "\n")
				}
			}
		}
		bags := make([]map[string]int, w)
		for i := range bags {
			bags[i] = wordBag(texts[i].String())
			if len(t.Head) > 0 {
				// Headers weigh as much as the rest of the column.
				for _, r := range t.Head {
					if i < len(r.Cells) {
						for k, n := range wordBag(blockText(r.Cells[i].Blocks)) {
							bags[i][k] += n * 4
						}
					}
				}
			}
		}
		return keys, bags
	}
	ka, ba := colKey(a, wa)
	kb, bb := colKey(b, wb)
	var out [][2]int
	for _, st := range c.in.align(ka, kb, func(i, j int) float64 { return dice(ba[i], bb[j]) }) {
		switch st.op {
		case opEqual, opPair:
			out = append(out, [2]int{st.i, st.j})
		case opDelete:
			out = append(out, [2]int{st.i, -1})
		case opInsert:
			out = append(out, [2]int{-1, st.j})
		}
	}
	return out
}

func (c *comparer) cellKey(cell *tree.Cell) string {
	var sb strings.Builder
	c.blocksKey(&sb, cell.Blocks)
	return sb.String()
}

// rows merges two lists of rows over the merged columns.
func (c *comparer) rows(a, b []*tree.Row, cols [][2]int, offset int) []*tree.Row {
	ka := make([]string, len(a))
	for i, r := range a {
		ka[i] = rowKey(c, r)
	}
	kb := make([]string, len(b))
	for j, r := range b {
		kb[j] = rowKey(c, r)
	}
	var out []*tree.Row
	ab := make([]map[string]int, len(a))
	for i, r := range a {
		ab[i] = wordBag(rowText(r))
	}
	bb := make([]map[string]int, len(b))
	for j, r := range b {
		bb[j] = wordBag(rowText(r))
	}
	steps := c.in.align(ka, kb, func(i, j int) float64 { return dice(ab[i], bb[j]) })
	for _, st := range steps {
		var oldRow, newRow *tree.Row
		if st.i >= 0 {
			oldRow = a[st.i]
		}
		if st.j >= 0 {
			newRow = b[st.j]
		}
		if st.op == opEqual && !mapped(cols) {
			out = append(out, newRow)
			continue
		}
		out = append(out, c.row(oldRow, newRow, cols, offset+max(st.i, st.j)))
	}
	return out
}

// mapped reports whether the column alignment is other than the identity.
func mapped(cols [][2]int) bool {
	for i, cm := range cols {
		if cm[0] != i || cm[1] != i {
			return true
		}
	}
	return false
}

func rowText(r *tree.Row) string {
	var parts []string
	for _, cell := range r.Cells {
		parts = append(parts, blockText(cell.Blocks))
	}
	return strings.Join(parts, " ")
}

func cellAt(r *tree.Row, i int) *tree.Cell {
	if r == nil || i < 0 || i >= len(r.Cells) {
		return nil
	}
	return r.Cells[i]
}

// row merges one row (old or new may be nil: a deleted or inserted row).
func (c *comparer) row(oldRow, newRow *tree.Row, cols [][2]int, index int) *tree.Row {
	r := &tree.Row{}
	for x, cm := range cols {
		oc, nc := cellAt(oldRow, cm[0]), cellAt(newRow, cm[1])
		label := "table cell (row " + strconv.Itoa(index+1) + ", column " + strconv.Itoa(x+1) + ")"
		switch {
		case oc != nil && nc != nil:
			cell := *nc
			save := c.blockName
			c.blockName = label
			cell.Blocks = c.blocks(oc.Blocks, nc.Blocks)
			c.blockName = save
			r.Cells = append(r.Cells, &cell)
		case nc != nil:
			cell := *nc
			cell.Blocks = c.wholeCell(nc.Blocks, true, label)
			r.Cells = append(r.Cells, &cell)
			if oldRow != nil && cm[0] < 0 {
				c.columnCells[x] = append(c.columnCells[x], cell.Blocks[0].(*tree.BlockChange))
			}
		case oc != nil:
			cell := *oc
			cell.Blocks = c.wholeCell(oc.Blocks, false, label)
			r.Cells = append(r.Cells, &cell)
			if newRow != nil && cm[1] < 0 {
				c.columnCells[x] = append(c.columnCells[x], cell.Blocks[0].(*tree.BlockChange))
			}
		case (oldRow == nil) != (newRow == nil):
			// The cell of a column one version has, in a row the other
			// has: in neither version.
			r.Cells = append(r.Cells, &tree.Cell{Blocks: []tree.Block{
				&tree.BlockChange{Whole: true}, &tree.BlockChange{Whole: true, Inserted: true},
			}})
		}
	}
	if (oldRow == nil) != (newRow == nil) {
		// A whole row is one change.
		var first *tree.BlockChange
		for _, cell := range r.Cells {
			for _, b := range cell.Blocks {
				bc, ok := b.(*tree.BlockChange)
				if !ok || c.groups[bc] == nil {
					continue
				}
				if first == nil {
					first = bc
					c.groups[bc].block = "table row " + strconv.Itoa(index+1)
					continue
				}
				g := c.groups[bc]
				c.dropGroup(bc, first)
				c.groups[bc] = c.groups[first]
				_ = g
			}
		}
	}
	return r
}

// wholeCell marks a cell's blocks inserted or deleted, as one change.
func (c *comparer) wholeCell(blocks []tree.Block, inserted bool, label string) []tree.Block {
	bcs := c.wholeBlocks(blocks, inserted)
	if len(bcs) > 1 {
		first := bcs[0].(*tree.BlockChange)
		for _, b := range bcs[1:] {
			first.Blocks = append(first.Blocks, b.(*tree.BlockChange).Blocks...)
			c.dropGroup(b, first)
		}
		bcs = bcs[:1]
	}
	if len(bcs) == 0 {
		bcs = []tree.Block{c.emptyWhole(inserted, label)}
	}
	bc := bcs[0].(*tree.BlockChange)
	bc.Whole = true
	c.groups[bc].block = label
	return bcs
}
