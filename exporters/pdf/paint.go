package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/galleydoc/galley/exporters/pdf/internal/pdffont"
	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/internal/fpdf"
	"github.com/galleydoc/galley/locales"
)

type dest struct {
	page int // 1-based
	y    float64
}

// painter draws placed boxes with fpdf; text goes through galley's own
// glyph-id fonts (package pdffont), which embed only the faces and glyphs
// the pages use.
type painter struct {
	l      *layouter
	pdf    *fpdf.Fpdf
	fonts  *pdffont.Set
	images map[string]bool
	links  map[string]int
	dests  map[string]dest
	blevel int
	levels []int // outline levels in the order of the Bookmark calls
	// headerLine is the running title, set on first use.
	headerLine *lineOut
	fills      map[rgb]string
	// showRun's buffers: the graphics state, the text, the operators,
	// and the graphics state of the text object left open.
	pre, text, buf, openPre []byte

	// Tagging (tags.go).
	mc markedContent
	// spanElem is the element whose sequence spanProps closed for the
	// spans of the run being drawn, nil otherwise.
	spanElem   *selem
	pages      int      // page count: annotations' parent-tree keys follow the pages' (0 until known)
	annots     int      // link annotations on the current page
	annotElems []*selem // the Link element of each annotation, by parent-tree key - pages

	// out is where text goes: the page (pdf), or the content of a hole.
	out contentWriter
	// title is the running header's text; bodySize the document's body
	// text size (the layouter's changes in tables and footnotes, and pages
	// are drawn while it lays them out).
	title    string
	bodySize float64
	// held are the pages laid out and not yet drawn (see holdPages);
	// streaming is set once pages are drawn as they are laid out; final
	// once every page is laid out (every destination is known).
	held      []pageOut
	streaming bool
	final     bool
	n         int // pages drawn
	// later are the holes to fill once every page is drawn.
	later []later
	err   error
}

// contentWriter is where showRun writes: fpdf's page, or a hole's content.
type contentWriter interface {
	OpenObject() bool
	RawAppendOpen(b []byte) bool
	RawWriteOpen(b []byte, closer string)
	RawWriteBytes(b []byte)
}

// later is a hole in a page drawn before what it shows was known: the
// page's footer (its total) or a page number of the contents and its link.
type later struct {
	hole, page int
	footer     bool
	ref        op      // opPageRef: the reference
	y          float64 // its baseline
	annot      int     // the index of its link annotation on the page, or -1
}

// capture is a contentWriter gathering what is written into a hole, as
// fpdf writes it into a page: the object left open is closed before
// anything else, and at the end.
type capture struct {
	buf    []byte
	closer string
}

func (c *capture) OpenObject() bool { return c.closer != "" }

func (c *capture) RawAppendOpen(b []byte) bool {
	if c.closer == "" {
		return false
	}
	c.buf = append(c.buf, b...)
	return true
}

func (c *capture) RawWriteOpen(b []byte, closer string) {
	c.close()
	c.buf = append(c.buf, b...)
	c.closer = closer
}

func (c *capture) RawWriteBytes(b []byte) {
	c.close()
	c.buf = append(c.buf, b...)
	c.buf = append(c.buf, '\n')
}

func (c *capture) close() {
	c.buf = append(c.buf, c.closer...)
	c.closer = ""
}

func (p *painter) drawColor(c rgb) { p.pdf.SetDrawColor(int(c.r), int(c.g), int(c.b)) }
func (p *painter) fillColor(c rgb) { p.pdf.SetFillColor(int(c.r), int(c.g), int(c.b)) }

// fillOps returns the operator setting fill colour c, formatted once per
// document and colour.
func (p *painter) fillOps(c rgb) string {
	if s, ok := p.fills[c]; ok {
		return s
	}
	if p.fills == nil {
		p.fills = map[rgb]string{}
	}
	s := colorOps(c, "rg")
	p.fills[c] = s
	return s
}

func colorOps(c rgb, op string) string {
	f := func(v uint8) string { return strconv.FormatFloat(float64(v)/255, 'f', 3, 64) }
	return f(c.r) + " " + f(c.g) + " " + f(c.b) + " " + op
}

// showRun draws a shaped run with its left end at x and its baseline at y
// (fpdf's page coordinates: points from the top left) in colour c. Synthetic
// bold strokes the outlines too (for faces without a bold design), and
// synthetic oblique slants them. This is the one place text enters the
// content stream.
func (p *painter) showRun(run *shape.Run, x, y, size float64, c rgb, bold, oblique bool, sp pdffont.Spaces) error {
	if run == nil || len(run.Glyphs) == 0 {
		return nil
	}
	// The graphics state the run is drawn in.
	pre := append(p.pre[:0], "q "...)
	if oblique {
		// Slanted about the baseline, as browsers slant CJK italics.
		base := p.l.pageH - y
		pre = append(pre, "1 0 "...)
		pre = strconv.AppendFloat(pre, obliqueSlant, 'f', 4, 64)
		pre = append(pre, " 1 "...)
		pre = strconv.AppendFloat(pre, -obliqueSlant*base, 'f', 3, 64)
		pre = append(pre, " 0 cm "...)
	}
	pre = append(pre, p.fillOps(c)...)
	if bold {
		// The outline stroked in the text colour, 3.5% of the size wide,
		// as word processors embolden a face that has no bold.
		pre = append(pre, ' ')
		pre = append(pre, colorOps(c, "RG")...)
		pre = append(pre, ' ')
		pre = strconv.AppendFloat(pre, size*0.035, 'f', 3, 64)
		pre = append(pre, " w 2 Tr"...)
	}
	p.pre = pre
	// A run in the graphics state, font and size of the text object the
	// previous run left open, on its baseline, adds its glyphs to it:
	// a line of words in one style is one text object (fpdf closes the
	// object before anything else is drawn).
	cont := p.out.OpenObject() && bytes.Equal(pre, p.openPre)
	text, continued, open, err := p.fonts.AppendText(p.text[:0], run, x, p.l.pageH-y, size, sp, cont)
	p.text = text
	if err != nil {
		return err
	}
	p.flushMark()
	if continued {
		p.out.RawAppendOpen(text)
		return nil
	}
	// Written through buffers reused for every run: a long document draws
	// runs by the hundred thousand.
	b := append(p.buf[:0], pre...)
	b = append(b, '\n')
	b = append(b, text...)
	if open {
		p.out.RawWriteOpen(b, pdffont.TextCloser+"\nQ\n")
		p.openPre = append(p.openPre[:0], pre...)
	} else {
		b = append(b, "\nQ"...)
		p.out.RawWriteBytes(b)
	}
	p.buf = b
	return nil
}

// drawLine draws a laid-out line at x, baseline y, in colour c, its pieces
// in reading order.
func (p *painter) drawLine(ln lineOut, x, y float64, c rgb) error {
	for it := range ln.inReadingOrder() {
		if err := p.showRun(it.run, x+it.x, y-it.st.rise, it.st.size, c, it.synthBold(), it.synthOblique(), it.spaces()); err != nil {
			return err
		}
	}
	return nil
}

// page takes a page the layout placed: it is held while the document is
// short (holdPages), else drawn at once.
func (p *painter) page(pg pageOut) {
	if p.err != nil {
		return
	}
	if !p.streaming {
		p.held = append(p.held, pg)
		if len(p.held) <= holdPages {
			return
		}
		p.streaming = true
		held := p.held
		p.held = nil
		for k, h := range held {
			p.register(h, p.n+1+k)
		}
		for _, h := range held {
			if p.err = p.paint(h, 0); p.err != nil {
				return
			}
		}
		return
	}
	p.register(pg, p.n+1)
	p.err = p.paint(pg, 0)
}

// finish draws the pages held, once the whole document is laid out, and
// fills the holes of the pages drawn before.
func (p *painter) finish() error {
	if p.err != nil {
		return p.err
	}
	p.final = true
	if !p.streaming {
		total := len(p.held)
		p.pages = total
		for k, h := range p.held {
			p.register(h, k+1)
		}
		for _, h := range p.held {
			if err := p.paint(h, total); err != nil {
				return err
			}
		}
		p.held = nil
		return nil
	}
	total := p.n
	p.pages = total
	for _, h := range p.later {
		c := &capture{}
		p.out = c
		if h.footer {
			if err := p.footer(h.page, total); err != nil {
				return err
			}
		} else if d, ok := p.dests[h.ref.dest]; ok {
			o := h.ref
			ln := p.l.shapeLine(strconv.Itoa(d.page), tstyle{size: o.size, color: o.color}, false)
			nx := o.x - ln.w
			if o.start {
				nx = o.x
			}
			if err := p.drawLine(ln, nx, h.y, o.color); err != nil {
				return err
			}
			if h.annot >= 0 {
				p.pdf.SetLinkRect(h.page, h.annot, nx, h.y-o.size*0.85, ln.w, o.size*1.1)
			}
		}
		c.close()
		p.pdf.FillHole(h.hole, c.buf)
	}
	p.out = p.pdf
	p.later = nil
	if p.l.tagged {
		// The annotations' keys in the parent tree follow the pages'.
		p.pdf.EachLinkOptions(func(o *fpdf.LinkOptions) {
			if o.HasStructParent {
				o.StructParent += total
			}
		})
	}
	return p.pdf.Error()
}

// register notes the destinations on page n (1-based), and points the
// links made to them before at them.
func (p *painter) register(pg pageOut, n int) {
	for _, pl := range pg.items {
		if pl.idx < 0 {
			continue
		}
		for _, o := range pl.b.ops {
			if o.kind != opDest {
				continue
			}
			if _, ok := p.dests[o.dest]; ok {
				continue
			}
			p.dests[o.dest] = dest{page: n, y: pl.y + o.y}
			if id, ok := p.links[o.dest]; ok {
				p.pdf.SetLink(id, pl.y+o.y, n)
			}
		}
	}
}

// paint draws the next page; total is the page count, 0 while unknown.
func (p *painter) paint(pg pageOut, total int) error {
	p.pdf.AddPage()
	if err := p.pdf.Error(); err != nil {
		return fmt.Errorf("add page: %w", err)
	}
	p.n++
	n := p.n
	p.startPage(n)
	for _, o := range pg.decos {
		p.mark(nil, "")
		if err := p.draw(o, 0); err != nil {
			return err
		}
	}
	for _, pl := range pg.items {
		// A table header row repeated on a later page is page furniture.
		repeat := pl.idx < 0
		for _, o := range pl.b.ops {
			if isContent(o.kind) {
				if repeat {
					p.mark(nil, "/Type /Pagination")
				} else {
					p.mark(o.se, "")
				}
				if o.kind != opText {
					p.flushMark() // text: showRun
				}
			}
			if repeat && o.kind == opLink {
				continue
			}
			if err := p.draw(o, pl.y); err != nil {
				return err
			}
		}
	}
	// Running header and footer last, so text extraction reads the
	// body of consecutive pages without them in between.
	if err := p.headerFooter(n, total, p.title); err != nil {
		return err
	}
	p.endPage()
	if err := p.pdf.Error(); err != nil {
		return fmt.Errorf("page %d: %w", n, err)
	}
	return nil
}

func (p *painter) headerFooter(page, total int, title string) error {
	l := p.l
	size := p.bodySize * 0.78
	st := tstyle{size: size, color: colMuted}
	if page > 1 && title != "" {
		ln := p.header(title, st)
		y := l.top * 0.55
		x := l.left
		if l.rtl {
			x = l.pageW - l.right - ln.w
		}
		p.mark(nil, "/Type /Pagination /Subtype /Header")
		if err := p.drawLine(ln, x, y, colMuted); err != nil {
			return err
		}
		p.drawColor(colRule)
		p.pdf.SetLineWidth(0.4)
		p.pdf.Line(l.left, y+size*0.5, l.pageW-l.right, y+size*0.5)
	}
	p.mark(nil, "/Type /Pagination /Subtype /Footer")
	if total == 0 {
		// The total is known at the end (finish).
		p.later = append(p.later, later{hole: p.pdf.Hole(), page: page, footer: true})
		return nil
	}
	return p.footer(page, total)
}

// footer draws the "Page X of Y" line.
func (p *painter) footer(page, total int) error {
	l := p.l
	st := tstyle{size: p.bodySize * 0.78, color: colMuted}
	label := l.opts.Label(locales.LabelPageOf, page, total)
	ln := l.shapeLine(label, st, textRTL(label, l.rtl))
	y := l.pageH - l.bott*0.45
	return p.drawLine(ln, (l.pageW-ln.w)/2, y, colMuted)
}

// header sets the running title, shortened with an ellipsis to fit the
// text width. It is the same on every page: set it once.
func (p *painter) header(title string, st tstyle) lineOut {
	if p.headerLine != nil {
		return *p.headerLine
	}
	l := p.l
	ln := l.shapeLine(title, st, l.rtl)
	if ln.w > l.textWidth() {
		rs := []rune(title)
		lo, hi := 0, len(rs)
		for lo < hi { // the longest prefix that fits with the ellipsis
			mid := (lo + hi + 1) / 2
			if l.shapeLine(strings.TrimSpace(string(rs[:mid]))+"…", st, l.rtl).w <= l.textWidth() {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		ln = l.shapeLine(strings.TrimSpace(string(rs[:lo]))+"…", st, l.rtl)
	}
	p.headerLine = &ln
	return ln
}

func (p *painter) link(id string) (int, bool) {
	if n, ok := p.links[id]; ok {
		return n, true
	}
	d, ok := p.dests[id]
	if !ok && p.final {
		return 0, false
	}
	// A destination on a page not yet laid out is set when its page is
	// (register); one that never comes leaves the link going nowhere.
	n := p.pdf.AddLink()
	if ok {
		p.pdf.SetLink(n, d.y, d.page)
	}
	p.links[id] = n
	return n, true
}

func (p *painter) draw(o op, y0 float64) error {
	pdf := p.pdf
	y := y0 + o.y
	switch o.kind {
	case opText:
		if err := p.showRun(o.run, o.x, y, o.size, o.color, o.bold, o.oblique, o.spaces()); err != nil {
			return err
		}
	case opFill:
		p.fillColor(o.color)
		pdf.Rect(o.x, y, o.w, o.h, "F")
	case opStroke:
		p.drawColor(o.color)
		pdf.SetLineWidth(o.lw)
		pdf.Rect(o.x, y, o.w, o.h, "D")
	case opLine:
		p.drawColor(o.color)
		pdf.SetLineWidth(o.lw)
		pdf.Line(o.x, y, o.x+o.w, y+o.h)
	case opDisc:
		p.fillColor(o.color)
		pdf.Circle(o.x, y, o.w, "F")
	case opCircle:
		p.drawColor(o.color)
		pdf.SetLineWidth(o.lw)
		pdf.Circle(o.x, y, o.w, "D")
	case opLink:
		if o.url != "" {
			pdf.LinkWithOptions(o.x, y, o.w, o.h, 0, o.url, p.linkOptions(o.se))
		} else if n, ok := p.link(o.dest); ok {
			pdf.LinkWithOptions(o.x, y, o.w, o.h, n, "", p.linkOptions(o.se))
		}
	case opBookmark:
		// Outline levels may go down freely but up by one at a time.
		lvl := o.level
		if lvl > p.blevel+1 {
			lvl = p.blevel + 1
		}
		if lvl < 0 {
			lvl = 0
		}
		if o.text == "" {
			return nil
		}
		p.blevel = lvl
		if o.text != "" {
			pdf.Bookmark(utf16Text(o.text), lvl, y)
			p.levels = append(p.levels, lvl)
		}
	case opImage:
		img := o.img
		if !p.images[img.name] {
			pdf.RegisterImageOptionsReader(img.name, fpdf.ImageOptions{ImageType: img.typ}, bytes.NewReader(img.data))
			if err := pdf.Error(); err != nil {
				return fmt.Errorf("image: %w", err)
			}
			p.images[img.name] = true
		}
		pdf.ImageOptions(img.name, o.x, y, o.w, o.h, false, fpdf.ImageOptions{ImageType: img.typ}, 0, "")
	case opPageRef:
		d, ok := p.dests[o.dest]
		if !ok && !p.final {
			// A page not laid out yet: the number goes into a hole,
			// its link is sized at the end (finish).
			h := later{hole: pdf.Hole(), page: p.n, ref: o, y: y, annot: -1}
			if n, ok := p.link(o.dest); ok {
				h.annot = pdf.LinkWithOptions(o.x, y, 0, 0, n, "", p.linkOptions(o.se))
			}
			p.later = append(p.later, h)
			return nil
		}
		if !ok {
			return nil
		}
		ln := p.l.shapeLine(strconv.Itoa(d.page), tstyle{size: o.size, color: o.color}, false)
		nx := o.x - ln.w
		if o.start {
			nx = o.x
		}
		if err := p.drawLine(ln, nx, y, o.color); err != nil {
			return err
		}
		if n, ok := p.link(o.dest); ok {
			pdf.LinkWithOptions(nx, y-o.size*0.85, ln.w, o.size*1.1, n, "", p.linkOptions(o.se))
		}
	}
	return nil
}

// utf16Text encodes s as a PDF text string in UTF-16BE with a byte-order
// mark, as fpdf expects outline titles to be given when no UTF-8 fpdf font is
// current (galley draws no text with fpdf's fonts).
func utf16Text(s string) string {
	var b strings.Builder
	b.WriteString("\xFE\xFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

// outlineCounts returns, for each outline item, how many items are nested
// under it.
func (p *painter) outlineCounts() []int {
	out := make([]int, len(p.levels))
	for i, lv := range p.levels {
		for j := i + 1; j < len(p.levels) && p.levels[j] > lv; j++ {
			out[i]++
		}
	}
	return out
}
