package pdf

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// spannedTable is the table of the hostile-input report's F10 (HTML's
// <table><tr><td>x</td></tr><tr><td colspan=1000>y</td>…</tr></table>):
// one cell, then a row of n cells of colspan=1000, so the grid is n×1000
// columns wide and the first row n×1000-1 empty positions.
func spannedTable(n int) *tree.Document {
	second := &tree.Row{}
	for i := 0; i < n; i++ {
		second.Cells = append(second.Cells, &tree.Cell{ColSpan: 1000, Blocks: []tree.Block{para(2, txt("y"+strconv.Itoa(i)))}})
	}
	first := &tree.Row{Cells: []*tree.Cell{{Blocks: []tree.Block{para(2, txt("x"))}}}}
	return &tree.Document{Meta: tree.Meta{Title: "Spans"}, Blocks: []tree.Block{&tree.Table{Body: []*tree.Row{first, second}}}}
}

// BenchmarkTableSpans exports a table whose cells span many columns:
// the time should grow with the grid's columns, not with their square
// (before, 100 cells took 8 s and 200 cells 35 s).
func BenchmarkTableSpans(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			doc := spannedTable(n)
			b.ReportAllocs()
			for b.Loop() {
				if err := New().Export(io.Discard, doc, exporters.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTableSpansLinear lays out a table of 400 cells of colspan=1000 (a
// grid 400,000 columns wide, 9 KB of HTML): each of its cells is drawn,
// in column order, inside the frame. Placing a cell summed the widths of
// every column before it, so the 399,999 empty positions of the first row
// took (4·10⁵)²/2 additions: over two minutes; now well under a second.
// (Not timed: BenchmarkTableSpans shows the growth.)
func TestTableSpansLinear(t *testing.T) {
	n := 400
	if testing.Short() || raceEnabled {
		n = 100 // 8 s before
	}
	lo := layoutOf(t, spannedTable(n), exporters.Options{})
	// A cell 0.09 pt wide breaks its text between characters: the
	// runs drawn read the cells' texts in order, each where its cell is
	// (the last cells' padding, wider than they are, overhangs the frame).
	left, right := lo.l.left, lo.l.left+lo.l.textWidth()+2*cellPad
	var got strings.Builder
	for _, items := range lo.pages {
		for _, pl := range items {
			for _, o := range pl.b.ops {
				if o.kind != opText {
					continue
				}
				if o.x < left-0.01 || o.x > right+0.01 {
					t.Errorf("%q drawn at x=%.4f, outside the frame [%.1f, %.1f]", o.run.Text, o.x, left, right)
				}
				got.WriteString(o.run.Text)
			}
		}
	}
	want := "Spansx"
	for i := 0; i < n; i++ {
		want += "y" + strconv.Itoa(i)
	}
	if got.String() != want {
		t.Errorf("drawn %q…, want %q…", got.String()[:min(60, got.Len())], want[:60])
	}
}
