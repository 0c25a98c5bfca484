package pdf

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Pages are placed and drawn as the document is laid out, so that a long
// document never holds more than a few pages of boxes (50,000 footnotes
// held 150 MB of them when the whole layout came before the first page).
// The layouter adds boxes to the document's flow; a box goes on to the
// paginator once nothing can change it any more:
//
//   - the last box of the flow stays (space merges with the space after it,
//     and trailing space is trimmed);
//   - boxes a block changes after laying them out (a heading's destination,
//     bookmark and rule, a caption kept with what follows) are held until it
//     is done (hold);
//   - a box kept with the boxes after it waits until they are known;
//   - ops added to the first box of a list item or a footnote (the marker,
//     the number) are added when the box goes on, or when the item ends,
//     whichever comes first (claim), so an item of many pages is not held.
//
// What a page needs from the rest of the document (the page total of its
// footer, the page numbers of a table of contents, the targets of links to
// later pages) is filled in at the end (see painter.page).

// flow is a vertical list of boxes. A table cell's flow keeps its boxes;
// the document's (pg set) hands them to its pager.
type flow struct {
	boxes []*box // the boxes not yet placed; boxes[0] is box number base
	base  int
	decos []*deco // decorations open or not yet placed
	seq   int     // numbers decos as they open and close
	// holds are the first boxes of the holds open, outermost first.
	holds []int
	// claims wait for their box; claimed have it, not yet done with.
	claims, claimed []*claim
	pg              *pager
}

// n returns the number of boxes added to the flow.
func (f *flow) n() int { return f.base + len(f.boxes) }

// at returns box i, which must not be placed yet.
func (f *flow) at(i int) *box { return f.boxes[i-f.base] }

// last returns the last box, or nil.
func (f *flow) last() *box {
	if len(f.boxes) == 0 {
		return nil
	}
	return f.boxes[len(f.boxes)-1]
}

// pop removes the last box, which is never placed before another follows.
func (f *flow) pop() {
	f.boxes[len(f.boxes)-1] = nil
	f.boxes = f.boxes[:len(f.boxes)-1]
}

func (f *flow) add(b *box) {
	i := f.n()
	f.boxes = append(f.boxes, b)
	for k := 0; k < len(f.claims); {
		c := f.claims[k]
		if !c.want(b) {
			k++
			continue
		}
		c.b, c.at = b, i
		f.claims = append(f.claims[:k], f.claims[k+1:]...)
		f.claimed = append(f.claimed, c)
	}
}

// claim is an addition to the first box a block adds that want accepts.
type claim struct {
	want  func(*box) bool
	apply func(*box)
	b     *box
	at    int
}

// claim registers apply, to be called once with the first box added from
// now on that want accepts, when that box is done with: when the pager
// takes it, or when the returned function is called (at the end of the
// block, which must call it), whichever comes first. Claims on one box are
// applied innermost first, as they were when applied at the end of their
// blocks.
func (l *layouter) claim(want func(*box) bool, apply func(*box)) func() {
	f := l.fl
	c := &claim{want: want, apply: apply}
	f.claims = append(f.claims, c)
	return func() {
		if c.b == nil {
			f.claims = remove(f.claims, c)
			return
		}
		if !contains(f.claimed, c) {
			return // applied when its box was placed
		}
		f.claimed = remove(f.claimed, c)
		// A box trimmed since (space) gets nothing.
		if c.at >= f.base && c.at < f.n() && f.at(c.at) == c.b {
			c.apply(c.b)
		}
	}
}

func remove(list []*claim, c *claim) []*claim {
	for i, x := range list {
		if x == c {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

func contains(list []*claim, c *claim) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// applyClaims applies the claims on b, the innermost (last registered)
// first.
func (f *flow) applyClaims(b *box) {
	for k := len(f.claimed) - 1; k >= 0; k-- {
		if c := f.claimed[k]; c.b == b {
			f.claimed = append(f.claimed[:k], f.claimed[k+1:]...)
			c.apply(b)
		}
	}
}

// hold keeps the boxes added from now on from the pager until the returned
// function is called.
func (l *layouter) hold() func() {
	f := l.fl
	f.holds = append(f.holds, f.n())
	return func() {
		f.holds = f.holds[:len(f.holds)-1]
		f.pump(false)
	}
}

// openDeco adds d to the flow, open from the next box on; decos opened
// together (with with, the first of them) close together, in the order
// they opened.
func (l *layouter) openDeco(d deco, with ...*deco) *deco {
	f := l.fl
	d.from, d.to, d.open, d.seq, d.group = f.n(), -1, true, f.seq, f.seq
	if len(with) > 0 {
		d.group = with[0].group
	}
	f.seq++
	p := &d
	f.decos = append(f.decos, p)
	return p
}

// closeDeco ends d before box to.
func (l *layouter) closeDeco(d *deco, to int) {
	f := l.fl
	d.to, d.open, d.seq = to, false, f.seq
	f.seq++
}

// closedDecos returns the decorations of a flow whose boxes are all laid
// out (a table cell's), in the order they closed.
func (f *flow) closedDecos() []*deco {
	out := append([]*deco(nil), f.decos...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].seq < out[b].seq })
	return out
}

// pump hands the boxes nothing can change any more to the pager; final
// hands them all (the document is laid out).
func (l *layouter) pump(final bool) { l.fl.pump(final) }

func (f *flow) pump(final bool) {
	pg := f.pg
	if pg == nil {
		return
	}
	for len(f.boxes) > 0 {
		i := f.base
		limit := f.n()
		if !final {
			limit--
			if len(f.holds) > 0 {
				limit = min(limit, f.holds[0])
			}
		}
		if i >= limit {
			return
		}
		b := f.boxes[0]
		need := b.h
		if b.keep {
			// Kept with the following boxes up to the first ordinary one,
			// or a third of a page.
			third := (pg.bottom - pg.top) / 3
			j, ended := i+1, false
			for ; j < limit && need < third; j++ {
				next := f.at(j)
				need += next.h
				if !next.keep && !next.space {
					ended = true
					break
				}
			}
			if !ended && need < third && !final {
				return // the boxes it is kept with are not known yet
			}
		}
		if len(f.claimed) > 0 {
			f.applyClaims(b)
		}
		f.boxes[0] = nil
		f.boxes = f.boxes[1:]
		f.base++
		pg.place(b, i, need)
	}
}

// placement is where the paginator put a box: its top y on its page, and
// its index in the flow (-1 for a table's header row repeated on a page
// its rows continue on).
type placement struct {
	b   *box
	y   float64
	idx int
}

// pageOut is a page placed: its boxes and its decorations' ops.
type pageOut struct {
	items []placement
	decos []op
}

// pager places boxes on pages, as they come: it drops vertical space at
// the top of a page, keeps headings with what follows, and repeats a
// table's header row on the pages its rows continue on. Each page, once
// full, goes to sink.
type pager struct {
	f           *flow
	top, bottom float64
	y           float64
	cur         pageOut
	sink        func(pageOut)
}

func (pg *pager) place(b *box, i int, need float64) {
	if b.space && (pg.y == pg.top || pg.y+b.h > pg.bottom) {
		return // dropped
	}
	if b.edge && !b.keep && pg.y+b.h > pg.bottom+0.01 && pg.y > pg.top {
		// A box's bottom padding ends it on this page, however little
		// room is left, rather than make a page of its own.
		b.h = max(pg.bottom-pg.y, 0)
		need = b.h
	}
	if pg.y+need > pg.bottom+0.01 && pg.y > pg.top {
		pg.page()
		if b.header != nil && b.header != b {
			pg.cur.items = append(pg.cur.items, placement{b: b.header, y: pg.y, idx: -1})
			pg.y += b.header.h
		}
	}
	pg.cur.items = append(pg.cur.items, placement{b: b, y: pg.y, idx: i})
	pg.y += b.h
}

// page hands the current page to the sink and starts the next.
func (pg *pager) page() {
	pg.cur.decos = pg.f.pageDecos(pg.cur.items)
	pg.sink(pg.cur)
	pg.cur = pageOut{items: make([]placement, 0, len(pg.cur.items))}
	pg.y = pg.top
}

// finish places the last boxes and hands on the last page.
func (pg *pager) finish() {
	pg.f.pump(true)
	pg.cur.decos = pg.f.pageDecos(pg.cur.items)
	pg.sink(pg.cur)
	pg.cur = pageOut{}
}

// pageDecos returns the ops of the decorations over the boxes of a page,
// outermost first, and forgets the decorations whose boxes are all placed.
func (f *flow) pageDecos(items []placement) []op {
	lo, hi := -1, -1
	for _, pl := range items {
		if pl.idx >= 0 {
			if lo < 0 {
				lo = pl.idx
			}
			hi = pl.idx
		}
	}
	if lo < 0 {
		return nil
	}
	type seg struct {
		d      *deco
		y0, y1 float64
	}
	var segs []seg
	for _, d := range f.decos {
		to := d.to
		if d.open {
			to = math.MaxInt
		}
		if d.from > hi || to <= lo {
			continue
		}
		s, found := seg{d: d}, false
		for _, pl := range items {
			if pl.idx >= d.from && pl.idx < to {
				if !found {
					s.y0, found = pl.y, true
				}
				s.y1 = pl.y + pl.b.h
			}
		}
		if found {
			segs = append(segs, s)
		}
	}
	// Outermost first; at one depth in the order they close (inner ones
	// first): those still open close in the reverse order they opened.
	key := func(d *deco) [4]int {
		if d.open {
			return [4]int{d.depth, 1, -d.group, d.seq}
		}
		return [4]int{d.depth, 0, d.seq, 0}
	}
	sort.SliceStable(segs, func(a, b int) bool {
		ka, kb := key(segs[a].d), key(segs[b].d)
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return false
	})
	ops := make([]op, 0, len(segs))
	for _, s := range segs {
		d := s.d
		switch d.kind {
		case decoRule:
			ops = append(ops, op{kind: opLine, x: d.x, y: s.y0, w: 0, h: s.y1 - s.y0, lw: d.lw, color: d.color})
		case decoFill:
			ops = append(ops, op{kind: opFill, x: d.x, y: s.y0, w: d.w, h: s.y1 - s.y0, color: d.color})
		case decoFrame:
			ops = append(ops, op{kind: opStroke, x: d.x, y: s.y0, w: d.w, h: s.y1 - s.y0, lw: d.lw, color: d.color})
		}
	}
	// Decorations closed before the next box are done with.
	kept := f.decos[:0]
	for _, d := range f.decos {
		if d.open || d.to > hi+1 {
			kept = append(kept, d)
		}
	}
	clear(f.decos[len(kept):])
	f.decos = kept
	return ops
}

// contents returns the entries of the table of contents: the headings the
// layout will lay out, in its order (blocks, then footnotes), as heading
// names them. The contents come before the headings they list, so they are
// gathered from the tree first.
func (l *layouter) contents(blocks []tree.Block) []tocEntry {
	out := []tocEntry{}
	var walk func([]tree.Block)
	walk = func(list []tree.Block) {
		for _, b := range list {
			switch b := b.(type) {
			case *tree.Heading:
				lvl := min(max(b.Level, 1), 6)
				dest := b.ID
				if dest == "" {
					dest = "h:" + strconv.Itoa(len(out))
				}
				out = append(out, tocEntry{level: lvl, title: strings.TrimSpace(tree.PlainText(b.Content)), dest: dest, line: b.SourceLine()})
				continue
			case *tree.BlockChange:
				// Laid out as marked copies, without the deleted words.
				if len(b.Blocks) > 0 {
					walk(tree.MarkedBlocks(codeAsText(b)))
				}
				continue
			case *tree.Table:
				if len(b.Grid().Rows) == 0 || b.Grid().Cols == 0 {
					continue
				}
			}
			for _, ch := range tree.Children(b) {
				walk(ch)
			}
		}
	}
	walk(blocks)
	for _, fn := range l.doc.Footnotes {
		walk(fn.Blocks)
	}
	return out
}
