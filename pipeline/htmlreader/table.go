package htmlreader

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"golang.org/x/net/html/atom"

	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Limits on spans, as in the HTML standard (colspan ≤ 1000, rowspan ≤ 65534).
const (
	maxColSpan = 1000
	maxRowSpan = 65534
	maxCols    = 16384 // columns beyond this are not tracked for alignment
)

// table converts a <table> built from the DOM: every <tr> becomes a Row (in
// source order, <tfoot> rows last), rows of <thead> — or, without a <thead>,
// the leading rows made only of <th> cells — become Head, each cell's content
// is read as blocks (a cell with inline content only holds one Paragraph),
// and colspan/rowspan are kept. A <caption> becomes a paragraph before the
// table.
//
// Aligns has one entry per column of the grid the spans make. A column's
// alignment is that of its header cell (align="…" or style="text-align:…",
// on the cell or its row); without one, the alignment every body cell of the
// column shares, if they all share one.
func (c *converter) table(n *html.Node) []tree.Block {
	var out []tree.Block
	var head, body, foot []*html.Node
	headSection := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || c.dropped(ch) {
			continue
		}
		switch ch.DataAtom {
		case atom.Caption:
			if p := c.paragraph(ch, c.inlineChildren(ch), tree.Attr{}); p != nil {
				out = append(out, p)
			}
		case atom.Thead:
			headSection = true
			head = append(head, c.rows(ch)...)
		case atom.Tbody:
			body = append(body, c.rows(ch)...)
		case atom.Tfoot:
			foot = append(foot, c.rows(ch)...)
		case atom.Tr:
			body = append(body, ch)
		}
	}
	if !headSection {
		for len(body) > 0 && allHeaderCells(body[0]) {
			head, body = append(head, body[0]), body[1:]
		}
	}
	body = append(body, foot...)

	t := &tree.Table{Pos: c.pos(n)}
	g := &grid{}
	for _, tr := range head {
		t.Head = append(t.Head, c.row(tr, g, true))
	}
	for _, tr := range body {
		t.Body = append(t.Body, c.row(tr, g, false))
	}
	t.Aligns = g.aligns()
	return append(out, t)
}

// rows returns the <tr> children of a table section.
func (c *converter) rows(section *html.Node) []*html.Node {
	var out []*html.Node
	for ch := section.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == atom.Tr && !c.dropped(ch) {
			out = append(out, ch)
		}
	}
	return out
}

func allHeaderCells(tr *html.Node) bool {
	seen := false
	for ch := tr.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.Th:
			seen = true
		case atom.Td:
			return false
		}
	}
	return seen
}

// row converts one <tr>, placing its cells on the grid.
func (c *converter) row(tr *html.Node, g *grid, head bool) *tree.Row {
	r := &tree.Row{Cells: []*tree.Cell{}}
	rowAlign := alignOf(tr)
	g.startRow()
	for ch := tr.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || (ch.DataAtom != atom.Td && ch.DataAtom != atom.Th) || c.dropped(ch) {
			continue
		}
		cell := &tree.Cell{Blocks: c.flow(ch)}
		cs := spanAttr(ch, "colspan", maxColSpan)
		rs := spanAttr(ch, "rowspan", maxRowSpan)
		if cs > 1 {
			cell.ColSpan = cs
		}
		if rs > 1 {
			cell.RowSpan = rs
		}
		a := alignOf(ch)
		if a == tree.AlignDefault {
			a = rowAlign
		}
		g.place(cs, rs, a, head)
		r.Cells = append(r.Cells, cell)
	}
	g.endRow()
	return r
}

func spanAttr(n *html.Node, key string, max int) int {
	s := strings.TrimSpace(attr(n, key))
	if s == "" {
		return 1
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		return 1
	}
	if v > max {
		return max
	}
	return v
}

var textAlign = lazyregexp.New(`(?i)(?:^|;)\s*text-align\s*:\s*(left|center|right|start|end)\b`)

// alignOf returns the alignment an element asks for with align="…" or
// style="text-align:…" (start and end read as left and right).
func alignOf(n *html.Node) tree.Align {
	if m := textAlign.FindStringSubmatch(attr(n, "style")); m != nil {
		return toAlign(m[1])
	}
	return toAlign(attr(n, "align"))
}

func toAlign(s string) tree.Align {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "left", "start":
		return tree.AlignLeft
	case "center", "middle":
		return tree.AlignCenter
	case "right", "end":
		return tree.AlignRight
	}
	return tree.AlignDefault
}

// grid tracks which columns earlier rows' rowspans still cover, to find the
// column each cell starts in, and gathers the column alignments.
type grid struct {
	covered []int // rows still covered by a rowspan, per column
	active  []int // the columns whose covered count is above zero
	col     int
	cols    []colAlign
}

type colAlign struct {
	head, body tree.Align
	headSet    bool
	bodyState  int // 0 no body cell yet, 1 all agree, 2 disagree or unaligned
}

func (g *grid) startRow() { g.col = 0 }

func (g *grid) place(cs, rs int, a tree.Align, head bool) {
	for g.col < len(g.covered) && g.covered[g.col] > 0 {
		g.col++
	}
	start := g.col
	if start+cs > maxCols {
		cs = max(0, maxCols-start)
	}
	for k := start; k < start+cs; k++ {
		for len(g.covered) <= k {
			g.covered = append(g.covered, 0)
			g.cols = append(g.cols, colAlign{})
		}
		if rs > 1 {
			g.covered[k] = rs
			g.active = append(g.active, k)
		}
	}
	g.col = start + cs
	if cs != 1 || start >= len(g.cols) {
		return
	}
	ca := &g.cols[start]
	switch {
	case head:
		if !ca.headSet && a != tree.AlignDefault {
			ca.head, ca.headSet = a, true
		}
	case a == tree.AlignDefault:
		ca.bodyState = 2
	case ca.bodyState == 0:
		ca.body, ca.bodyState = a, 1
	case ca.bodyState == 1 && ca.body != a:
		ca.bodyState = 2
	}
}

// endRow moves past a row: the coverage of each spanned column shrinks by
// one. Only columns under a rowspan are visited, so wide tables with many
// rows cost no more than their cells.
func (g *grid) endRow() {
	keep := g.active[:0]
	for _, k := range g.active {
		if g.covered[k] > 0 {
			g.covered[k]--
		}
		if g.covered[k] > 0 {
			keep = append(keep, k)
		}
	}
	g.active = keep
}

func (g *grid) aligns() []tree.Align {
	out := make([]tree.Align, len(g.cols))
	for i, ca := range g.cols {
		switch {
		case ca.headSet:
			out[i] = ca.head
		case ca.bodyState == 1:
			out[i] = ca.body
		}
	}
	return out
}
