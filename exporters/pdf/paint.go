package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/galleydoc/galley/exporters/pdf/internal/pdffont"
	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/internal/fpdf"
	"github.com/galleydoc/galley/locales"
)

// placement is where the paginator put a box: page (0-based) and top y.
type placement struct {
	b    *box
	page int
	y    float64
}

// paginate places the flow's boxes on pages. It drops vertical space at the
// top of a page, keeps headings with what follows, and repeats a table's
// header row on the pages its rows continue on.
func (l *layouter) paginate(fl *flow) (pages [][]placement, pos []placement) {
	top, bottom := l.top, l.pageH-l.bott
	pos = make([]placement, len(fl.boxes))
	pages = [][]placement{nil}
	y := top
	newPage := func() {
		pages = append(pages, nil)
		y = top
	}
	for i, b := range fl.boxes {
		p := len(pages) - 1
		if b.space {
			if y == top || y+b.h > bottom {
				pos[i] = placement{b: b, page: -1}
				continue
			}
		}
		need := b.h
		if b.keep {
			// Keep with the following boxes up to the first ordinary one.
			for j := i + 1; j < len(fl.boxes) && need < (bottom-top)/3; j++ {
				need += fl.boxes[j].h
				if !fl.boxes[j].keep && !fl.boxes[j].space {
					break
				}
			}
		}
		if y+need > bottom+0.01 && y > top {
			newPage()
			p = len(pages) - 1
			if b.header != nil && b.header != b {
				pages[p] = append(pages[p], placement{b: b.header, page: p, y: y})
				y += b.header.h
			}
		}
		pos[i] = placement{b: b, page: p, y: y}
		pages[p] = append(pages[p], pos[i])
		y += b.h
	}
	return pages, pos
}

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
	mc         markedContent
	pages      int      // page count: annotations' parent-tree keys follow the pages'
	annots     int      // link annotations on the current page
	annotElems []*selem // the Link element of each annotation, by parent-tree key - pages
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
	cont := p.pdf.OpenObject() && bytes.Equal(pre, p.openPre)
	text, continued, open, err := p.fonts.AppendText(p.text[:0], run, x, p.l.pageH-y, size, sp, cont)
	p.text = text
	if err != nil {
		return err
	}
	if continued {
		p.pdf.RawAppendOpen(text)
		return nil
	}
	// Written through buffers reused for every run: a long document draws
	// runs by the hundred thousand.
	b := append(p.buf[:0], pre...)
	b = append(b, '\n')
	b = append(b, text...)
	if open {
		p.pdf.RawWriteOpen(b, pdffont.TextCloser+"\nQ\n")
		p.openPre = append(p.openPre[:0], pre...)
	} else {
		b = append(b, "\nQ"...)
		p.pdf.RawWriteBytes(b)
	}
	p.buf = b
	return nil
}

// drawLine draws a laid-out line at x, baseline y, in colour c.
func (p *painter) drawLine(ln lineOut, x, y float64, c rgb) error {
	for _, it := range ln.items {
		if err := p.showRun(it.run, x+it.x, y-it.st.rise, it.st.size, c, it.synthBold(), it.synthOblique(), it.spaces()); err != nil {
			return err
		}
	}
	return nil
}

// paint draws every page.
func (p *painter) paint(fl *flow, pages [][]placement, pos []placement, title string) error {
	l := p.l
	// Destinations first: links may point forward.
	for _, pl := range pos {
		if pl.page < 0 {
			continue
		}
		for _, o := range pl.b.ops {
			if o.kind == opDest {
				if _, ok := p.dests[o.dest]; !ok {
					p.dests[o.dest] = dest{page: pl.page + 1, y: pl.y + o.y}
				}
			}
		}
	}
	// Decorations per page, outermost first.
	decoOps := make([][]op, len(pages))
	order := make([]int, len(fl.decos))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return fl.decos[order[a]].depth < fl.decos[order[b]].depth })
	for _, di := range order {
		d := fl.decos[di]
		type seg struct{ y0, y1 float64 }
		segs := map[int]*seg{}
		var pageOrder []int
		for i := d.from; i < d.to && i < len(pos); i++ {
			pl := pos[i]
			if pl.page < 0 {
				continue
			}
			s, ok := segs[pl.page]
			if !ok {
				s = &seg{y0: pl.y, y1: pl.y + pl.b.h}
				segs[pl.page] = s
				pageOrder = append(pageOrder, pl.page)
			}
			s.y1 = pl.y + pl.b.h
		}
		for _, pg := range pageOrder {
			s := segs[pg]
			switch d.kind {
			case decoRule:
				decoOps[pg] = append(decoOps[pg], op{kind: opLine, x: d.x, y: s.y0, w: 0, h: s.y1 - s.y0, lw: d.lw, color: d.color})
			case decoFill:
				decoOps[pg] = append(decoOps[pg], op{kind: opFill, x: d.x, y: s.y0, w: d.w, h: s.y1 - s.y0, color: d.color})
			case decoFrame:
				decoOps[pg] = append(decoOps[pg], op{kind: opStroke, x: d.x, y: s.y0, w: d.w, h: s.y1 - s.y0, lw: d.lw, color: d.color})
			}
		}
	}
	total := len(pages)
	p.pages = total
	drawn := map[*box]bool{}
	// A table's header row is drawn again on the pages its rows continue
	// on; other boxes are done with once their page is drawn.
	headers := map[*box]bool{}
	for _, b := range fl.boxes {
		if b.header != nil {
			headers[b.header] = true
		}
	}
	for pi, items := range pages {
		p.pdf.AddPage()
		if err := p.pdf.Error(); err != nil {
			return fmt.Errorf("add page: %w", err)
		}
		p.startPage(pi + 1)
		for _, o := range decoOps[pi] {
			p.mark(nil, "")
			if err := p.draw(o, 0); err != nil {
				return err
			}
		}
		for _, pl := range items {
			// A table header row repeated on a later page is page furniture.
			repeat := drawn[pl.b]
			drawn[pl.b] = true
			for _, o := range pl.b.ops {
				if isContent(o.kind) {
					if repeat {
						p.mark(nil, "/Type /Pagination")
					} else {
						p.mark(o.se, "")
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
		if err := p.headerFooter(pi+1, total, title); err != nil {
			return err
		}
		p.endPage()
		if err := p.pdf.Error(); err != nil {
			return fmt.Errorf("page %d: %w", pi+1, err)
		}
		// Let the page's ops (and the shaped runs only they hold) go, so
		// a long document does not hold its whole layout beside the
		// content of the pages drawn from it.
		for _, pl := range items {
			if !headers[pl.b] {
				pl.b.ops = nil
			}
		}
	}
	_ = l
	return nil
}

func (p *painter) headerFooter(page, total int, title string) error {
	l := p.l
	size := l.body * 0.78
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
	label := l.opts.Label(locales.LabelPageOf, page, total)
	ln := l.shapeLine(label, st, l.rtl)
	p.mark(nil, "/Type /Pagination /Subtype /Footer")
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
	if !ok {
		return 0, false
	}
	n := p.pdf.AddLink()
	p.pdf.SetLink(n, d.y, d.page)
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
