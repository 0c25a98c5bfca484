package tree

import (
	"fmt"
	"strings"
	"testing"
)

// cells builds a row of text cells; "a:2x3" is a cell "a" spanning two
// columns and three rows.
func cells(specs ...string) *Row {
	r := &Row{}
	for _, s := range specs {
		c := &Cell{}
		name, span, _ := strings.Cut(s, ":")
		if span != "" {
			fmt.Sscanf(span, "%dx%d", &c.ColSpan, &c.RowSpan)
		}
		c.Blocks = []Block{&Paragraph{Content: []Inline{&Text{Text: name}}}}
		r.Cells = append(r.Cells, c)
	}
	return r
}

// layout writes the grid one row a line: a cell's text, "<" for a position
// covered from the left, "^" from above, "." for an empty one.
func layout(g Grid) string {
	var sb strings.Builder
	for ri, row := range g.Rows {
		for ci, gc := range row {
			if ci > 0 {
				sb.WriteByte(' ')
			}
			switch {
			case gc.Cell != nil:
				sb.WriteString(PlainText(gc.Cell.Blocks[0].(*Paragraph).Content))
			case gc.Covered && gc.Origin[0] == ri:
				sb.WriteByte('<')
			case gc.Covered:
				sb.WriteByte('^')
			default:
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func TestGrid(t *testing.T) {
	cases := []struct {
		name string
		t    *Table
		want string
	}{
		{"row span moves the next row's cells right",
			&Table{Body: []*Row{cells("a:1x2", "b", "c"), cells("d", "e")}},
			"a b c\n^ d e\n"},
		{"row and column span",
			&Table{Body: []*Row{cells("a:2x2", "b"), cells("c"), cells("d", "e", "f")}},
			"a < b\n^ ^ c\nd e f\n"},
		{"row span past the last row is clamped",
			&Table{Body: []*Row{cells("a:1x9", "b"), cells("c")}},
			"a b\n^ c\n"},
		{"short rows are padded and alignments widen",
			&Table{Aligns: []Align{AlignLeft, AlignLeft, AlignLeft}, Body: []*Row{cells("a"), cells("b", "c")}},
			"a . .\nb c .\n"},
		{"a header span stops at the body",
			&Table{Head: []*Row{cells("h:1x3", "i")}, Body: []*Row{cells("a", "b")}},
			"h i\na b\n"},
		{"a row span in the middle column",
			&Table{Body: []*Row{cells("a", "b:1x3", "c"), cells("d", "e"), cells("f", "g")}},
			"a b c\nd ^ e\nf ^ g\n"},
		{"a column span stops at a row span from above",
			&Table{Body: []*Row{cells("a", "b:1x2"), cells("c:3x1")}},
			"a b\nc ^\n"},
	}
	for _, c := range cases {
		g := c.t.Grid()
		if got := layout(g); got != c.want {
			t.Errorf("%s:\ngot\n%swant\n%s", c.name, got, c.want)
		}
		for _, row := range g.Rows {
			if len(row) != g.Cols {
				t.Errorf("%s: a row has %d positions, want %d", c.name, len(row), g.Cols)
			}
		}
	}
}

func TestGridRowSpanCost(t *testing.T) {
	// A huge row span on a small table costs nothing beyond the table.
	tb := &Table{Body: []*Row{cells("a:1x65534", "b")}}
	for i := 0; i < 1000; i++ {
		tb.Body = append(tb.Body, cells("x"))
	}
	g := tb.Grid()
	if g.Cols != 2 || g.Rows[0][0].RowSpan != 1001 {
		t.Errorf("cols %d, row span %d", g.Cols, g.Rows[0][0].RowSpan)
	}
}
