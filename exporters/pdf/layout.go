package pdf

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/pdf/internal/pdffont"
	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Layout happens in two steps, as in TeX: blocks become a vertical list of
// boxes (lines, rules, images, spacing), then the paginator places the boxes
// on pages. Decorations that span several boxes (quote rules, code and note
// backgrounds) are drawn per page over the boxes they cover, so they break
// across pages with their content.

type rgb struct{ r, g, b uint8 }

var (
	colText    = rgb{0x1a, 0x1a, 0x1a}
	colMuted   = rgb{0x5f, 0x63, 0x68}
	colLink    = rgb{0x1a, 0x4f, 0xa0}
	colCode    = rgb{0x2b, 0x2b, 0x2b}
	colRule    = rgb{0xc6, 0xcb, 0xd1}
	colCodeBg  = rgb{0xf3, 0xf4, 0xf6}
	colHeadBg  = rgb{0xe9, 0xec, 0xef}
	colQuote   = rgb{0x44, 0x48, 0x4d}
	colWhite   = rgb{0xff, 0xff, 0xff}
	colNoteTxt = rgb{0x1f, 0x23, 0x28}
)

type opKind uint8

const (
	opText     opKind = iota // text at (x, y = baseline)
	opFill                   // filled rectangle
	opStroke                 // stroked rectangle
	opLine                   // line from (x, y) to (x+w, y+h)
	opLink                   // link rectangle: url or dest
	opDest                   // destination id at y
	opBookmark               // outline entry at y
	opImage                  // image in rectangle
	opPageRef                // page number of dest, right-aligned at x
	opDisc                   // filled circle, radius w, centre (x, y)
	opCircle                 // stroked circle
)

// op is one drawing operation of a box. A document holds the ops of all its
// lines until its pages are drawn (the footer's page total and the contents'
// page numbers need the whole layout), so the common ones (text, rules) are
// kept small: what only destinations, links, bookmarks, images and page
// references need is in opExtra.
type op struct {
	kind opKind
	// bold asks for bold text from a face that has no bold design (Han,
	// kana, Hangul): the glyphs are drawn filled and stroked.
	bold bool
	// oblique asks for italic Chinese, Japanese or Korean text, which
	// has no italic design: the glyphs are slanted (see synthOblique).
	oblique bool
	// start places an opPageRef's number with its left end at x (in a
	// right-to-left table of contents) instead of its right end.
	start bool
	// spaceBefore, spaceAfter, spaceAt and gap are the pdffont.Spaces
	// drawn beside an opText run (see piece and spaces).
	spaceBefore, spaceAfter, spaceAt bool
	color                            rgb
	x, y, w, h                       float64
	size                             float64
	lw                               float64
	gap                              float64
	run                              *shape.Run // opText: the shaped text
	// se is the structure element the op's content belongs to: nil until
	// the box is added (then the current element), artifactTag for page
	// furniture. Content ops still nil at paint time are artifacts.
	se *selem
	// opExtra is set for opDest, opLink, opBookmark, opImage and
	// opPageRef, and for text whose spaces are placed apart (spaceAt).
	*opExtra
}

// opExtra is what the less common ops need.
type opExtra struct {
	text      string // opBookmark: the title
	url, dest string
	level     int
	img       *imageData
	// beforeX and afterX are pdffont.Spaces' BeforeX and AfterX.
	beforeX, afterX float64
}

// textOp returns the op drawing p at x, baseline y, as part of element se.
func (p placed) textOp(x, y float64, se *selem) op {
	o := op{kind: opText, x: x, y: y, run: p.run, size: p.st.size, color: p.st.color,
		bold: p.synthBold(), oblique: p.synthOblique(), se: se,
		spaceBefore: p.spaceBefore, spaceAfter: p.spaceAfter, spaceAt: p.spaceAt, gap: p.gap}
	if p.spaceAt {
		o.opExtra = &opExtra{beforeX: p.beforeX, afterX: p.afterX}
	}
	return o
}

// spaces returns the word spaces drawn beside an opText run.
func (o *op) spaces() pdffont.Spaces {
	s := pdffont.Spaces{Before: o.spaceBefore, Gap: o.gap, After: o.spaceAfter, At: o.spaceAt}
	if o.spaceAt && o.opExtra != nil {
		s.BeforeX, s.AfterX = o.beforeX, o.afterX
	}
	return s
}

// box is an unbreakable piece of the vertical list. Op y values are
// relative to the box top.
type box struct {
	h     float64
	ops   []op
	space bool // vertical space: dropped at the top of a page
	keep  bool // keep with the next box (headings)
	// edge is set on the bottom padding of a box: where it does not fit
	// on the page it closes, it is shrunk to the room left.
	edge   bool
	header *box // table header row to repeat when this row starts a page
}

type decoKind uint8

const (
	decoRule   decoKind = iota // vertical rule at x (quotes)
	decoFill                   // filled background x..x+w
	decoFrame                  // stroked frame x..x+w
	decoTopBar                 // stroked left bar (admonitions)
)

// deco is a decoration over boxes [from, to) of its flow. It is opened
// (openDeco) before its first box is laid out and closed (closeDeco) after
// its last, so that the pages of a long one are drawn before it ends; an
// open deco covers every box from from on. Decorations of one depth are
// drawn in the order they close (inner ones first), as they were when the
// whole document was laid out before any page was drawn.
type deco struct {
	from, to int
	kind     decoKind
	x, w     float64
	depth    int
	color    rgb
	lw       float64
	// open is set until the deco is closed; seq numbers it among the
	// decos of its flow by opening, then by closing.
	open bool
	seq  int
	// group is the seq of the first of the decos opened together.
	group int
}

// layouter turns a document into a flow of boxes.
type layouter struct {
	opts   exporters.Options
	doc    *tree.Document
	path   string
	line   int
	warned map[string]bool
	ids    map[string]bool
	fl     *flow
	depth  int
	body   float64 // body font size

	pageW, pageH           float64
	left, right, top, bott float64
	images                 map[string]loadedImage
	// toc is the table of contents (contents), nheadings the headings
	// laid out so far.
	toc       []tocEntry
	nheadings int
	// tocMismatch is set when a heading laid out is not the contents'
	// entry of its rank (a test checks it stays unset).
	tocMismatch bool
	// title is the metadata title, display the title block's text;
	// body0 is the body without the opening title heading, whose id
	// is titleID.
	title, display, titleID string
	body0                   []tree.Block

	boldText bool   // table header cells
	align    string // paragraph alignment inside table cells
	lists    int    // list nesting
	// cellLists is the list nesting where the table cell being laid out
	// starts, -1 outside tables: a list at that level has nothing beside
	// it in the cell to hang its markers into.
	cellLists int

	// bodyShowsDate is set when the opening paragraphs already carry a date
	// (the corpus' "Last updated {{git_revision_date_localized}}" lines), so
	// the title block does not repeat it.
	bodyShowsDate bool

	// rtl is set for right-to-left documents (Meta.Direction "rtl").
	rtl bool
	// language is the document's language for the shaper (see lang).
	language language.Language

	// tagged is set unless the options ask for an untagged PDF; root is
	// the Document element and cur the element being laid out.
	tagged    bool
	root, cur *selem
	// langs are the raw HTML elements open around the blocks being laid
	// out, from langBase on those of the current block list (lang.go).
	langs    []langFrame
	langBase int
	hlevel   int // level of the last heading tag (headings never skip a level)

	// Redlines: the changes whose anchor is laid out, and the level of the
	// last heading (change bookmarks nest under it).
	anchored     map[int]bool
	headingLevel int
	// measuring is set while content is only measured (table columns).
	measuring bool
	// spare is the per-character buffers of the last paragraph, for the
	// next (see eachUnit).
	spare *paraText
	// spareItems are the arrays of the last paragraph's line items, for
	// the next paragraph's (see inlineBoxes).
	spareItems lineArrays
	// joins are the runs mergeAdjacent joined, for reuse (see join).
	joins map[[2]*shape.Run]*shape.Run
	// bareText is set while a table cell or list item of a single
	// paragraph is laid out: its text belongs to the TD, TH or LBody
	// directly, as in HTML's <td>text</td> and tight <li>text</li>.
	bareText bool
}

type tocEntry struct {
	level int
	title string
	dest  string
	line  int
}

func (l *layouter) warn(line int, code, format string, args ...any) {
	if l.opts.Diag == nil {
		return
	}
	l.opts.Diag.Warnf(l.path, line, code, format, args...)
}

func (l *layouter) textWidth() float64 { return l.pageW - l.left - l.right }

func (l *layouter) add(b *box) {
	l.stamp(b)
	l.fl.add(b)
	l.pump(false)
}

// closeEdge adds the bottom padding of a framed or filled box (code,
// admonition, a redline's summary): at the end of a page it is shrunk to
// what is left of the page (see pager.place) rather than moved to the
// next page alone, which made a page of nothing but a strip of background
// and frame (the warehouse docs' api/stats, corpus report F-6).
func (l *layouter) closeEdge(h float64) {
	l.add(&box{h: h, edge: true})
}

// space adds discardable vertical space, merging with space just added.
func (l *layouter) space(h float64) {
	if last := l.fl.last(); last != nil && last.space {
		if h > last.h {
			last.h = h
		}
		return
	}
	l.add(&box{h: h, space: true})
}

func (l *layouter) bodyStyle() tstyle {
	return tstyle{size: l.body, color: colText, bold: l.boldText}
}

const leading = 1.42

// inlineBoxes lays out inline content in the frame (x, w) and adds one box
// per line to the flow. It returns the boxes when collect is set (for a
// caller that changes them, under a hold); a paragraph's are not kept, so
// that its lines go to their pages as they are laid out.
func (l *layouter) inlineBoxes(content []tree.Inline, x, w float64, st tstyle, align string, collect bool) []*box {
	spans := l.flatten(content, st, nil)
	rtl := l.rtl || firstStrongRTL(spans)
	var out []*box
	if rtl && align == "" {
		align = "right"
	}
	base := int8(0)
	if rtl {
		base = 1
	}
	// Units go to the breaker as they are shaped, and lines become boxes
	// as they are filled: a huge paragraph never holds more than a line
	// of shaped pieces beside its boxes.
	// emit keeps nothing of a line's items (lineBox copies what it draws),
	// so the breaker reuses their arrays.
	// The array of the last paragraph's lines goes on to this one's (a
	// nested call makes its own).
	// Widows and orphans: a paragraph's first line is kept with its
	// second and its last with the one before, so that no page starts
	// with a paragraph's last line alone or ends with its first (a
	// two- or three-line paragraph moves whole). The last two lines are
	// known only when the paragraph ends, so two line boxes wait before
	// they go to the flow.
	var pend [2]*box
	np, lines := 0, 0
	put := func(b *box) {
		l.add(b)
		if collect {
			out = append(out, b)
		}
	}
	lb := lineBreaker{maxW: w, minSize: st.size, reuse: true, spare: l.spareItems, emit: func(ln lineOut) {
		b := l.lineBox(l.mergeAdjacent(visualOrder(ln, base)), x, w, align)
		lines++
		if np < 2 {
			pend[np] = b
			np++
			return
		}
		if lines == 3 {
			pend[0].keep = true // the first line, with two after it
		}
		put(pend[0])
		pend[0], pend[1] = pend[1], b
	}}
	l.spareItems = lineArrays{}
	l.eachUnit(spans, rtl, false, l.line, lb.add)
	lb.finish()
	l.spareItems = lb.spare
	if np == 2 {
		pend[0].keep = true // the line before the last
	}
	for _, b := range pend[:np] {
		put(b)
	}
	return out
}

func (l *layouter) lineBox(ln lineOut, x, w float64, align string) *box {
	h := ln.h * leading
	base := (h-ln.h)/2 + ln.h*0.8
	n := len(ln.items) + len(ln.anchors)
	links := false
	for _, it := range ln.items {
		if it.st.strike {
			n++
		}
		if it.st.link != "" || it.st.dest != "" {
			n++
			links = true
		}
	}
	b := &box{h: h, ops: make([]op, 0, n)} // the ops of a line, in one allocation
	off := 0.0
	switch align {
	case "right":
		off = w - ln.w
	case "center":
		off = (w - ln.w) / 2
	}
	// A link's pieces side by side on the line (its words, its styles)
	// make one annotation over them and the gaps between: one for each
	// line the link is on, not one for each word.
	var rects []linkRect
	if links {
		rects = linkRects(ln, x+off, base)
	}
	marked := false
	for _, id := range ln.anchors {
		b.ops = append(b.ops, op{kind: opDest, opExtra: &opExtra{dest: id}, y: 0})
		if bm, ok := l.changeBookmark(id); ok {
			b.ops = append(b.ops, bm)
		}
	}
	for i, it := range ln.indexedInReadingOrder() {
		px := x + off + it.x
		y := base - it.st.rise
		b.ops = append(b.ops, it.textOp(px, y, it.st.tag))
		if it.st.strike {
			lw := it.st.size * 0.055
			sy := y - it.st.size*0.3
			b.ops = append(b.ops, op{kind: opLine, x: px, y: sy, w: it.w, h: 0, lw: lw, color: it.st.color, se: it.st.tag})
		}
		if it.st.mark != markNone {
			marked = true
		}
		if it.st.link != "" || it.st.dest != "" {
			// The annotation goes with the piece of its link read first.
			if r := &rects[rects[i].first]; !r.done {
				r.done = true
				b.ops = append(b.ops, op{kind: opLink, x: r.x, y: r.y, w: r.w, h: r.h, opExtra: &opExtra{url: it.st.link, dest: it.st.dest}, se: it.st.tag})
			}
		}
	}
	if marked {
		b.ops = append(b.ops, markLines(ln, x+off, base)...)
		// A change bar in the margin of a changed line.
		b.ops = append(b.ops, op{kind: opLine, x: l.barX(), y: 0, w: 0, h: h, lw: 1.6, color: colBar})
	}
	return b
}

// linkRect is the rectangle of the pieces of one link side by side on a
// line, kept at the index of the first of them (first).
type linkRect struct {
	first      int
	x, y, w, h float64
	done       bool // its annotation is made
}

// linkRects returns, for each piece of the line (in visual order) that is
// part of a link, the index of the first piece of the run of pieces next
// to it that belong to the same link (the same element and target), and
// at that index the rectangle over the run. The line starts at x, its
// baseline at base.
func linkRects(ln lineOut, x, base float64) []linkRect {
	rects := make([]linkRect, len(ln.items))
	for i := range ln.items {
		it := &ln.items[i]
		if it.st.link == "" && it.st.dest == "" {
			continue
		}
		y := base - it.st.rise
		r := linkRect{first: i, x: x + it.x, y: y - it.st.size*0.85, w: it.w, h: it.st.size * 1.1}
		if i > 0 {
			if p := &ln.items[i-1]; p.st.link == it.st.link && p.st.dest == it.st.dest && p.st.tag == it.st.tag {
				g := &rects[rects[i-1].first]
				x1, y1 := max(g.x+g.w, r.x+r.w), max(g.y+g.h, r.y+r.h)
				g.x, g.y = min(g.x, r.x), min(g.y, r.y)
				g.w, g.h = x1-g.x, y1-g.y
				rects[i].first = rects[i-1].first
				continue
			}
		}
		rects[i] = r
	}
	return rects
}

// blocks lays out a block list in the frame (x, w).
func (l *layouter) blocks(list []tree.Block, x, w float64, tight bool) {
	// Raw HTML elements opened in this list close with it (lang.go).
	base := l.langBase
	l.langBase = len(l.langs)
	for i, b := range list {
		if line := b.SourceLine(); line > 0 {
			l.line = line
		}
		l.block(b, x, w, tight, i == len(list)-1)
	}
	l.closeLangs(l.langBase)
	l.langBase = base
}

func (l *layouter) paraGap(tight bool) float64 {
	if tight {
		return l.body * 0.25
	}
	return l.body * 0.7
}

func (l *layouter) block(b tree.Block, x, w float64, tight, last bool) {
	switch b := b.(type) {
	case *tree.Heading:
		l.heading(b, x, w)
	case *tree.Paragraph:
		if imgs := onlyImages(b.Content); imgs != nil {
			for _, im := range imgs {
				l.imageBlock(im, x, w)
			}
		} else {
			done := func() {}
			if !l.bareText {
				_, done = l.push("P")
			}
			l.inlineBoxes(b.Content, x, w, l.bodyStyle(), l.align, false)
			done()
		}
		l.space(l.paraGap(tight))
	case *tree.List:
		l.list(b, x, w)
		l.space(l.paraGap(false))
	case *tree.Quote:
		_, done := l.push("BlockQuote")
		defer done()
		in := l.indent(w, 14)
		cx, rx := x+in, x+3
		if l.rtl {
			cx, rx = x, x+w-3
		}
		d := l.openDeco(deco{kind: decoRule, x: rx, depth: l.depth, color: colRule, lw: 2.2})
		l.depth++
		l.blocks(b.Blocks, cx, w-in, false)
		l.depth--
		l.trimSpace()
		l.closeDeco(d, l.fl.n())
		l.space(l.paraGap(false))
	case *tree.CodeBlock:
		l.code(b, x, w)
		l.space(l.paraGap(false))
	case *tree.Table:
		l.table(b, x, w)
		l.space(l.paraGap(false))
	case *tree.ThematicBreak:
		l.space(l.body * 0.6)
		l.add(&box{h: 1, ops: []op{{kind: opLine, x: x, y: 0.5, w: w, lw: 0.6, color: colRule, se: artifactTag}}})
		l.space(l.body * 0.9)
	case *tree.Admonition:
		l.admonition(b, x, w)
		l.space(l.paraGap(false))
	case *tree.Tabs:
		for _, t := range b.Tabs {
			_, done := l.push("Sect")
			st := l.bodyStyle()
			st.bold = true
			if t.ID != "" {
				l.add(&box{h: 0, ops: []op{{kind: opDest, opExtra: &opExtra{dest: t.ID}}}})
			}
			_, capDone := l.push("Caption")
			release := l.hold()
			bs := l.inlineBoxes(t.Title, x, w, st, "", true)
			capDone()
			if len(bs) > 0 {
				last := bs[len(bs)-1]
				last.ops = append(last.ops, op{kind: opLine, x: x, y: last.h, w: w, lw: 0.5, color: colRule})
				for _, bb := range bs {
					bb.keep = true
				}
			}
			release()
			l.space(l.body * 0.4)
			l.blocks(t.Blocks, x, w, false)
			done()
		}
	case *tree.HTMLBlock:
		l.htmlBlock(b, x, w, tight)
	case *tree.BlockChange:
		l.changeBlock(b, x, w, tight)
	}
}

// trimSpace removes trailing vertical space.
func (l *layouter) trimSpace() {
	for last := l.fl.last(); last != nil && last.space; last = l.fl.last() {
		l.fl.pop()
	}
}

var headingSizes = [7]float64{0, 1.75, 1.42, 1.2, 1.06, 1.0, 0.95}

func (l *layouter) heading(h *tree.Heading, x, w float64) {
	lvl := h.Level
	if lvl < 1 {
		lvl = 1
	}
	if lvl > 6 {
		lvl = 6
	}
	l.headingLevel = lvl
	st := tstyle{size: l.body * headingSizes[lvl], bold: true, color: colText}
	if lvl >= 5 {
		st.color = colMuted
	}
	before := []float64{0, 1.6, 1.45, 1.2, 1.0, 0.9, 0.9}[lvl] * l.body
	l.space(before)
	_, done := l.push(l.headingTag(lvl))
	// The heading's boxes are held until its destination, bookmark and
	// rule are added and it is kept with what follows.
	release := l.hold()
	bs := l.inlineBoxes(h.Content, x, w, st, "", true)
	done()
	for _, b := range bs {
		b.keep = true
	}
	title := strings.TrimSpace(tree.PlainText(h.Content))
	if len(bs) > 0 {
		fb := bs[0]
		dest := h.ID
		if dest == "" {
			dest = "h:" + strconv.Itoa(l.nheadings)
		}
		fb.ops = append(fb.ops, op{kind: opDest, opExtra: &opExtra{dest: dest}, y: 0}, op{kind: opBookmark, opExtra: &opExtra{text: title, level: lvl}, y: 0})
		// A change in the heading's words is bookmarked under the heading.
		sort.SliceStable(fb.ops, func(i, j int) bool {
			return fb.ops[i].kind == opBookmark && fb.ops[i].level == lvl && !(fb.ops[j].kind == opBookmark && fb.ops[j].level == lvl)
		})
		if l.toc != nil && (l.nheadings >= len(l.toc) || l.toc[l.nheadings].dest != dest || l.toc[l.nheadings].title != title) {
			l.tocMismatch = true
		}
		l.nheadings++
	}
	if lvl <= 2 && len(bs) > 0 {
		last := bs[len(bs)-1]
		if lvl == 1 {
			last.ops = append(last.ops, op{kind: opLine, x: x, y: last.h + 1, w: w, lw: 0.6, color: colRule})
		}
	}
	release()
	l.space(l.body * 0.45)
}

// headingTag returns the tag of a heading of level lvl: its level, or one
// below the previous heading's where the source skips levels (PDF/UA
// forbids skipping; the skip itself is reported when the document is
// resolved).
func (l *layouter) headingTag(lvl int) string {
	lvl = min(lvl, l.hlevel+1)
	l.hlevel = lvl
	return "H" + strconv.Itoa(lvl)
}

func onlyImages(list []tree.Inline) []*tree.Image {
	var imgs []*tree.Image
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Image:
			imgs = append(imgs, in)
		case *tree.Text:
			if strings.TrimSpace(in.Text) != "" {
				return nil
			}
		case *tree.SoftBreak, *tree.LineBreak:
		default:
			return nil
		}
	}
	return imgs
}

// indent returns want, or a smaller indent when nesting has left too little
// room in a frame of width w (deeply nested lists and quotes stop indenting
// rather than squeezing text into a sliver).
func (l *layouter) indent(w, want float64) float64 {
	minW := l.body * 5
	if w-want >= minW {
		return want
	}
	return 0
}

func (l *layouter) list(ls *tree.List, x, w float64) {
	indent := l.indent(w, l.body*1.7)
	if indent == 0 && l.lists == l.cellLists {
		// A nested list without an indent hangs its markers into its
		// parent's; the outermost list of a table cell would hang them
		// over the column rule and the previous column (narrow CJK
		// columns, whose words break anywhere, were sized for the
		// indent, see measureBlocks, but left less than indent's five
		// ems beside it). It keeps its indent, at most half the cell.
		indent = min(l.body*1.7, w/2)
	}
	l.lists++
	defer func() { l.lists-- }()
	level := l.lists - 1
	lst, done := l.push("L")
	defer done()
	if lst != nil {
		switch {
		case ls.Ordered:
			lst.setAttrs("/O /List /ListNumbering /Decimal")
		case level%3 == 1:
			lst.setAttrs("/O /List /ListNumbering /Circle")
		case level%3 == 2:
			lst.setAttrs("/O /List /ListNumbering /Square")
		default:
			lst.setAttrs("/O /List /ListNumbering /Disc")
		}
	}
	for i, it := range ls.Items {
		_, itemDone := l.push("LI")
		lbl, lblDone := l.push("Lbl")
		lblDone()
		_, bodyDone := l.push("LBody")
		// The marker goes on the first text line of the item, once that
		// line is done with (see claim).
		mk := listMarker{ls: ls, it: it, n: ls.Start + i, level: level, gutter: x + indent, lbl: lbl, st: l.bodyStyle()}
		if l.rtl {
			// gutter is the x where the marker area ends (LTR) or starts (RTL).
			mk.gutter = x + w - indent
		}
		marker := l.claim(func(b *box) bool { return !b.space && b.h > 0 }, func(first *box) { l.marker(mk, first) })
		l.depth++
		if len(it.Blocks) == 1 {
			_, l.bareText = it.Blocks[0].(*tree.Paragraph)
		}
		inner := x + indent
		if l.rtl {
			inner = x
		}
		if len(it.Blocks) == 0 {
			l.add(&box{h: l.body * leading})
		}
		l.blocks(it.Blocks, inner, w-indent, ls.Tight)
		l.bareText = false
		bodyDone()
		itemDone()
		l.depth--
		if ls.Tight {
			l.trimSpace()
		}
		marker()
		if !ls.Tight && i < len(ls.Items)-1 {
			l.space(l.paraGap(false))
		}
	}
}

// listMarker is what the marker of a list item needs, taken when the item
// starts: the marker is added to the item's first line once that line is
// done with, which may be after the item (or, in a long item, before it
// ends).
type listMarker struct {
	ls     *tree.List
	it     *tree.ListItem
	n      int // the item's number
	level  int
	gutter float64 // the x where the marker area ends (LTR) or starts (RTL)
	lbl    *selem
	st     tstyle // the body style (its size is the marker's)
}

// marker adds the marker of a list item to first, the item's first line.
func (l *layouter) marker(mk listMarker, first *box) {
	ls, it, gutter, lbl, level := mk.ls, mk.it, mk.gutter, mk.lbl, mk.level
	base := firstBaseline(first)
	size := mk.st.size
	mark := len(first.ops)
	switch {
	case it.Task != nil:
		s := size * 0.78
		bx, by := gutter-s-5, base-s*0.85
		if l.rtl {
			bx = gutter + 5
		}
		first.ops = append(first.ops, op{kind: opStroke, x: bx, y: by, w: s, h: s, lw: 0.7, color: colText})
		if *it.Task {
			first.ops = append(first.ops,
				op{kind: opLine, x: bx + s*0.2, y: by + s*0.55, w: s * 0.25, h: s * 0.25, lw: 1.1, color: colText},
				op{kind: opLine, x: bx + s*0.45, y: by + s*0.8, w: s * 0.4, h: -s * 0.62, lw: 1.1, color: colText})
		}
	case ls.Ordered:
		label := strconv.Itoa(mk.n) + "."
		if ls.Marker == ")" {
			label = strconv.Itoa(mk.n) + ")"
		}
		// In a right-to-left list the marker reads from the right, as
		// a browser sets it: ".1" with the number outermost.
		ln := l.shapeLine(label, mk.st, l.rtl)
		// Prepended, so text extraction reads the number before the item.
		lx := gutter - ln.w - 5
		if l.rtl {
			lx = gutter + 5
		}
		first.ops = append(l.textOps(ln, lx, base), first.ops...)
	default:
		r := size * 0.17
		cx, cy := gutter-5-r*2.2, base-size*0.3
		if l.rtl {
			cx = gutter + 5 + r*2.2
		}
		switch level % 3 {
		case 0:
			first.ops = append(first.ops, op{kind: opDisc, x: cx, y: cy, w: r, color: colText})
		case 1:
			first.ops = append(first.ops, op{kind: opCircle, x: cx, y: cy, w: r * 0.9, lw: 0.6, color: colText})
		default:
			first.ops = append(first.ops, op{kind: opFill, x: cx - r, y: cy - r, w: 2 * r, h: 2 * r, color: colText})
		}
	}
	// The marker's ops (prepended numbers, appended bullets and boxes)
	// are the item's label.
	if lbl != nil {
		added := len(first.ops) - mark
		if ls.Ordered && it.Task == nil {
			for k := 0; k < added; k++ {
				first.ops[k].se = lbl
			}
		} else {
			for k := len(first.ops) - added; k < len(first.ops); k++ {
				first.ops[k].se = lbl
			}
		}
	}
}

// textOps returns the text ops of a laid-out line at x, baseline y.
func (l *layouter) textOps(ln lineOut, x, y float64) []op {
	ops := make([]op, 0, len(ln.items))
	for _, it := range ln.items {
		ops = append(ops, it.textOp(x+it.x, y-it.st.rise, nil))
	}
	return ops
}

func firstBaseline(b *box) float64 {
	for _, o := range b.ops {
		if o.kind == opText {
			return o.y
		}
	}
	return b.h * 0.75
}

func (l *layouter) code(c *tree.CodeBlock, x, w float64) {
	e, done := l.push("Code")
	defer done()
	if e != nil {
		// Code is an inline element type: a code block says it is a block,
		// so readers set it apart from the text around it.
		e.setAttrs("/O /Layout /Placement /Block")
	}
	d := l.openDeco(deco{kind: decoFill, x: x, w: w, depth: l.depth, color: colCodeBg})
	pad := max(l.indent(w, 14)/2, 1)
	// The top padding goes with the first line, as the bottom padding
	// (closeEdge) ends on the last line's page: neither is drawn alone.
	l.add(&box{h: pad - 2, keep: true})
	st := tstyle{mono: true, size: l.body * 0.86, color: colCode}
	text := strings.TrimRight(strings.ReplaceAll(c.Text, "\r\n", "\n"), "\n")
	lh := st.size * 1.35
	maxW := w - 2*pad
	for i, src := range strings.Split(text, "\n") {
		src = expandTabs(src, 4)
		line := c.Line + i + 1
		spans := []span{{text: src, st: st}}
		units := l.units(spans, false, true, line)
		// The whole line is one unit (spaces are text); the breaker cuts
		// it at the frame between clusters.
		var u unit
		for _, x := range units {
			u.pieces = append(u.pieces, x.pieces...)
			u.w += x.w
		}
		lines := breakLines([]unit{u}, maxW, st.size)
		if n := len(lines[len(lines)-1].items); n > 0 {
			// The source line ends here: a space, for a reader, before the
			// next line's text (a cut between clusters of an overlong
			// line is none).
			lines[len(lines)-1].items[n-1].spaceAfter = true
		}
		for _, ln := range lines {
			ln = visualOrder(ln, 0)
			b := &box{h: lh}
			b.ops = l.textOps(ln, x+pad, lh*0.78)
			l.add(b)
		}
	}
	l.closeEdge(pad)
	l.closeDeco(d, l.fl.n())
}

func expandTabs(s string, tab int) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var sb strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := tab - col%tab
			sb.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		sb.WriteRune(r)
		col++
	}
	return sb.String()
}

// admonitionColor returns the color of an admonition kind (lower case),
// the note's for a kind without one (a switch, not a map built in every
// process).
func admonitionColor(kind string) rgb {
	switch kind {
	case "info":
		return rgb{0x00, 0xb8, 0xd4}
	case "abstract":
		return rgb{0x00, 0xb0, 0xff}
	case "tip", "hint", "important":
		return rgb{0x00, 0xbf, 0xa5}
	case "success":
		return rgb{0x00, 0xc8, 0x53}
	case "question":
		return rgb{0x64, 0xdd, 0x17}
	case "warning", "caution", "attention":
		return rgb{0xff, 0x91, 0x00}
	case "failure":
		return rgb{0xff, 0x52, 0x52}
	case "danger", "error":
		return rgb{0xff, 0x17, 0x44}
	case "bug":
		return rgb{0xf5, 0x00, 0x57}
	case "example":
		return rgb{0x7c, 0x4d, 0xff}
	case "quote":
		return rgb{0x9e, 0x9e, 0x9e}
	}
	return rgb{0x44, 0x8a, 0xff} // note
}

func tint(c rgb, t float64) rgb {
	mix := func(v uint8) uint8 { return uint8(float64(v)*t + 255*(1-t) + 0.5) }
	return rgb{mix(c.r), mix(c.g), mix(c.b)}
}

// ruleX is the x of a vertical accent rule inset from the start edge of the
// frame (x, w): the left edge, or the right one in right-to-left documents.
func (l *layouter) ruleX(x, w, inset float64) float64 {
	if l.rtl {
		return x + w - inset
	}
	return x + inset
}

func (l *layouter) admonition(a *tree.Admonition, x, w float64) {
	kind := strings.ToLower(a.Kind)
	col := admonitionColor(kind)
	_, done := l.push("Div")
	defer done()
	fill := l.openDeco(deco{kind: decoFill, x: x, w: w, depth: l.depth, color: tint(col, 0.05)})
	frame := l.openDeco(deco{kind: decoFrame, x: x, w: w, depth: l.depth, color: tint(col, 0.55), lw: 0.6}, fill)
	bar := l.openDeco(deco{kind: decoRule, x: l.ruleX(x, w, 1.2), depth: l.depth, color: col, lw: 2.4}, fill)
	pad := l.indent(w, 16) / 2
	title := a.Title
	if key := a.DefaultTitleKey(); key != "" {
		title = []tree.Inline{&tree.Text{Text: l.opts.Label(key)}}
	}
	if len(title) > 0 {
		st := l.bodyStyle()
		st.bold = true
		st.color = colNoteTxt
		release := l.hold()
		tf := l.fl.n()
		l.add(&box{h: 3})
		_, capDone := l.push("Caption")
		l.inlineBoxes(title, x+pad, w-2*pad, st, "", false)
		capDone()
		l.add(&box{h: 3})
		for i := tf; i < l.fl.n(); i++ {
			b := l.fl.at(i)
			b.keep = true
			b.ops = append([]op{{kind: opFill, x: x, y: 0, w: w, h: b.h + 0.3, color: tint(col, 0.16)}}, b.ops...)
		}
		release()
	}
	l.add(&box{h: pad - 2, keep: true}) // with the first line (see code)
	l.depth++
	l.blocks(a.Blocks, x+pad, w-2*pad, false)
	l.depth--
	l.trimSpace()
	l.closeEdge(pad - 2)
	to := l.fl.n()
	l.closeDeco(fill, to)
	l.closeDeco(frame, to)
	l.closeDeco(bar, to)
}

// titleBlock lays out the document title and the "Last updated" line.
func (l *layouter) titleBlock(title string, x, w float64) {
	if title != "" {
		st := tstyle{size: l.body * 2.0, bold: true, color: colText}
		_, done := l.push(l.headingTag(1))
		release := l.hold()
		bs := l.inlineBoxes([]tree.Inline{&tree.Text{Text: title}}, x, w, st, "", true)
		done()
		if len(bs) > 0 {
			bs[0].ops = append(bs[0].ops, op{kind: opBookmark, opExtra: &opExtra{text: title, level: 0}})
		}
		release()
	}
	if rev := l.doc.Meta.Revision; rev != nil && !l.bodyShowsDate {
		date := firstDate(l.doc)
		if date == "" {
			date = rev.Text // written by the localize stage
		}
		if date == "" {
			date = revisionText(l.doc.Meta.Locale, rev.Time)
		}
		l.space(l.body * 0.3)
		st := tstyle{size: l.body * 0.95, color: colMuted}
		_, done := l.push("P")
		l.inlineBoxes([]tree.Inline{&tree.Text{Text: l.opts.Label(locales.LabelLastUpdated) + " " + date}}, x, w, st, "", false)
		done()
	}
	l.space(l.body * 0.5)
	l.add(&box{h: 1, ops: []op{{kind: opLine, x: x, y: 0.5, w: w, lw: 0.8, color: colRule, se: artifactTag}}})
	l.space(l.body * 1.2)
}

// revisionText writes the revision date as the locale's CLDR long date
// (UTC), or as an ISO date when the locale is unknown.
func revisionText(locale string, t time.Time) string {
	if locale != "" {
		if loc, err := locales.Parse(locale); err == nil {
			return loc.FormatDate(t.UTC(), locales.Long)
		}
	}
	return t.UTC().Format("2006-01-02")
}

// firstDate returns the text of the first Date inline of the document.
func firstDate(doc *tree.Document) string {
	found := ""
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		if found != "" {
			return false
		}
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				if d, ok := in.(*tree.Date); ok && found == "" {
					found = dateText(d)
				}
			})
		}
		return found == ""
	})
	return found
}

// footnotes lays out the footnote definitions at the end of the document.
func (l *layouter) footnotes(x, w float64) {
	if len(l.doc.Footnotes) == 0 {
		return
	}
	l.space(l.body * 1.5)
	// The rule and the numbers sit at the start of the lines: on the
	// right in right-to-left documents.
	ruleX, textX, rtl := x, x+18, l.rtl
	if rtl {
		ruleX, textX = x+w*0.7, x
	}
	l.add(&box{h: 4, ops: []op{{kind: opLine, x: ruleX, y: 0.5, w: w * 0.3, lw: 0.6, color: colRule, se: artifactTag}}})
	saved := l.body
	l.body = saved * 0.88
	for _, fn := range l.doc.Footnotes {
		note, done := l.push("Note")
		if note != nil {
			note.name = "fn:" + fn.ID
		}
		lbl, lblDone := l.push("Lbl")
		lblDone()
		// The number and the destination go on the note's first box,
		// once that box is done with (see claim).
		st := l.bodyStyle()
		index, id := fn.Index, fn.ID
		label := l.claim(func(*box) bool { return true }, func(b *box) {
			ln := l.shapeLine(strconv.Itoa(index)+".", st, rtl)
			lx := x + 14 - ln.w
			if rtl {
				lx = x + w - 14
			}
			label := l.textOps(ln, lx, firstBaseline(b))
			for i := range label {
				label[i].se = lbl
			}
			ops := make([]op, 0, 1+len(label)+len(b.ops)) // one allocation, not three: 50,000 notes are common enough
			ops = append(ops, op{kind: opDest, opExtra: &opExtra{dest: "fn:" + id}})
			b.ops = append(append(ops, label...), b.ops...)
		})
		l.blocks(fn.Blocks, textX, w-18, true)
		done()
		l.trimSpace()
		label()
		l.space(l.body * 0.3)
	}
	l.body = saved
}

// toc lays out the table of contents; page numbers are filled in at paint
// time (opPageRef), so the layout does not depend on them.
func (l *layouter) tocBlock(entries []tocEntry, x, w float64) {
	if len(entries) == 0 {
		return
	}
	toc, tocDone := l.push("TOC")
	defer tocDone()
	st := tstyle{size: l.body * 1.42, bold: true, color: colText}
	// The contents' title is a paragraph: as a heading it would change the
	// document's heading levels.
	_, done := l.push("Caption")
	release := l.hold()
	for _, b := range l.inlineBoxes([]tree.Inline{&tree.Text{Text: l.opts.Label(locales.LabelContents)}}, x, w, st, "", true) {
		b.keep = true
	}
	release()
	done()
	_ = toc
	l.space(l.body * 0.6)
	min := 7
	for _, e := range entries {
		if e.level < min {
			min = e.level
		}
	}
	numW := l.body * 2.6
	for _, e := range entries {
		rel := e.level - min
		if rel > 2 {
			continue
		}
		st := l.bodyStyle()
		if rel == 0 {
			st.bold = true
		}
		st.dest = e.dest
		ind := float64(rel) * l.body * 1.4
		_, itemDone := l.push("TOCI")
		st.tag = l.inlineElem("Link", l.cur)
		if st.tag != nil {
			st.tag.name = e.title
		}
		// The title is indented from the start of the line, the page
		// number at its end: on the left in right-to-left documents.
		tx, nx := x+ind, x+w
		if l.rtl {
			tx, nx = x+numW, x
		}
		l.line = e.line
		release := l.hold()
		bs := l.inlineBoxes([]tree.Inline{&tree.Text{Text: e.title}}, tx, w-ind-numW, st, "", true)
		if len(bs) > 0 {
			last := bs[len(bs)-1]
			last.ops = append(last.ops, op{kind: opPageRef, x: nx, start: l.rtl, y: firstBaseline(last), size: st.size, opExtra: &opExtra{dest: e.dest}, color: colText, se: st.tag})
		}
		release()
		itemDone()
		if rel == 0 {
			l.space(l.body * 0.2)
		}
	}
	l.space(l.body * 1.2)
}

func (l *layouter) String() string { return fmt.Sprintf("layouter(%s)", l.path) }

// inReadingOrder yields a line's pieces in the order they are read (the
// order visualOrder took them in): the content stream holds a line's text
// in logical order, as extractors and assistive technology read a tagged
// PDF's marked content, while each piece keeps its place on the line.
func (ln *lineOut) inReadingOrder() iter.Seq[*placed] {
	return func(yield func(*placed) bool) {
		for _, it := range ln.indexedInReadingOrder() {
			if !yield(it) {
				return
			}
		}
	}
}

// indexedInReadingOrder is inReadingOrder with each piece's index in
// ln.items (its visual position).
func (ln *lineOut) indexedInReadingOrder() iter.Seq2[int, *placed] {
	return func(yield func(int, *placed) bool) {
		if !ln.visual {
			for i := range ln.items {
				if !yield(i, &ln.items[i]) {
					return
				}
			}
			return
		}
		order := make([]int, len(ln.items))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ln.items[a].logical, ln.items[b].logical) })
		for _, i := range order {
			if !yield(i, &ln.items[i]) {
				return
			}
		}
	}
}
