package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

	"github.com/galleydoc/galley/internal/fpdf"

	"github.com/galleydoc/galley/fonts"
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

// painter draws placed boxes with fpdf, registering each font face on first
// use so only the faces a document uses are embedded.
type painter struct {
	l      *layouter
	pdf    *fpdf.Fpdf
	fonts  map[*fonts.Face]bool
	images map[string]bool
	links  map[string]int
	dests  map[string]dest
	font   *fonts.Face
	size   float64
	blevel int
	levels []int // outline levels in the order of the Bookmark calls // level of the last bookmark, -1 before the first
}

func (p *painter) setFont(f *fonts.Face, size float64) error {
	if !p.fonts[f] {
		data, err := f.Bytes()
		if err != nil {
			return err
		}
		p.pdf.AddUTF8FontFromBytes(f.Family, string(f.Style), data)
		if err := p.pdf.Error(); err != nil {
			return fmt.Errorf("register font %s: %w", f.File, err)
		}
		p.fonts[f] = true
	}
	if p.font != f || p.size != size {
		p.pdf.SetFont(f.Family, string(f.Style), size)
		p.font, p.size = f, size
	}
	return nil
}

func (p *painter) textColor(c rgb) { p.pdf.SetTextColor(int(c.r), int(c.g), int(c.b)) }
func (p *painter) drawColor(c rgb) { p.pdf.SetDrawColor(int(c.r), int(c.g), int(c.b)) }
func (p *painter) fillColor(c rgb) { p.pdf.SetFillColor(int(c.r), int(c.g), int(c.b)) }

// runs splits text into per-face pieces in style st, leaving out what no
// face has (the layout has already warned about it).
func runs(text string, st tstyle) []piece {
	var out []piece
	ch := st.chain()
	for _, r := range text {
		f := ch.Face(r)
		if f == nil {
			continue
		}
		w := float64(f.Advance(r)) * st.size / 1000
		if n := len(out); n > 0 && out[n-1].face == f {
			out[n-1].text += string(r)
			out[n-1].w += w
			continue
		}
		out = append(out, piece{text: string(r), face: f, st: st, w: w})
	}
	return out
}

// visualRuns is runs for a line of running text (header, footer): Arabic
// letters joined, and the pieces put in visual order when the line holds
// right-to-left text or the document is right to left.
func visualRuns(text string, st tstyle, rtl bool) []piece {
	ps := runs(shapeArabic(text, st.chain().Face(0x0627)), st)
	ln := lineOut{}
	x := 0.0
	for _, pc := range ps {
		ln.items = append(ln.items, placed{piece: pc, x: x})
		x += pc.w
		ln.h = max(ln.h, pc.st.size)
	}
	ln.w = x
	if !rtl && !lineHasRTL(ln) {
		return ps
	}
	base := 0
	if rtl {
		base = 1
	}
	out := reorderLine(ln, base)
	ps = ps[:0]
	for _, it := range out.items {
		ps = append(ps, it.piece)
	}
	return ps
}

func width(ps []piece) float64 {
	w := 0.0
	for _, p := range ps {
		w += p.w
	}
	return w
}

func (p *painter) drawRuns(ps []piece, x, y float64, c rgb) error {
	p.textColor(c)
	for _, pc := range ps {
		if err := p.setFont(pc.face, pc.st.size); err != nil {
			return err
		}
		p.text(x, y, pc.text, pc.st.size)
		x += pc.w
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
	for pi, items := range pages {
		p.pdf.AddPage()
		if err := p.pdf.Error(); err != nil {
			return fmt.Errorf("add page: %w", err)
		}
		p.font = nil
		for _, o := range decoOps[pi] {
			if err := p.draw(o, 0); err != nil {
				return err
			}
		}
		for _, pl := range items {
			for _, o := range pl.b.ops {
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
		if err := p.pdf.Error(); err != nil {
			return fmt.Errorf("page %d: %w", pi+1, err)
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
		ps := visualRuns(title, st, l.rtl)
		maxW := l.textWidth()
		for width(ps) > maxW && len(ps) > 0 {
			// Drop characters from the end until it fits, then add an ellipsis.
			last := &ps[len(ps)-1]
			rs := []rune(last.text)
			if len(rs) <= 1 {
				ps = ps[:len(ps)-1]
				continue
			}
			last.text = string(rs[:len(rs)-2]) + "…"
			last.w = last.face.Width(last.text, size)
		}
		y := l.top * 0.55
		x := l.left
		if l.rtl {
			x = l.pageW - l.right - width(ps)
		}
		if err := p.drawRuns(ps, x, y, colMuted); err != nil {
			return err
		}
		p.drawColor(colRule)
		p.pdf.SetLineWidth(0.4)
		p.pdf.Line(l.left, y+size*0.5, l.pageW-l.right, y+size*0.5)
	}
	label := l.opts.Label("Page %d of %d", page, total)
	ps := visualRuns(label, st, l.rtl)
	y := l.pageH - l.bott*0.45
	return p.drawRuns(ps, (l.pageW-width(ps))/2, y, colMuted)
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
		if err := p.setFont(o.face, o.size); err != nil {
			return err
		}
		p.textColor(o.color)
		if o.bold {
			// Synthetic bold: the outline stroked in the text colour, 3.5%
			// of the size wide, as word processors embolden a face that
			// has no bold.
			p.drawColor(o.color)
			pdf.SetLineWidth(o.size * 0.035)
			pdf.SetTextRenderingMode(2)
			p.text(o.x, y, o.text, o.size)
			pdf.SetTextRenderingMode(0)
			break
		}
		p.text(o.x, y, o.text, o.size)
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
			pdf.LinkString(o.x, y, o.w, o.h, o.url)
		} else if n, ok := p.link(o.dest); ok {
			pdf.Link(o.x, y, o.w, o.h, n)
		}
	case opBookmark:
		if p.font == nil {
			f := fonts.Sans(fonts.Regular)[0]
			if err := p.setFont(f, p.l.body); err != nil {
				return err
			}
		}
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
			pdf.Bookmark(o.text, lvl, y)
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
		st := tstyle{size: o.size}
		ps := runs(strconv.Itoa(d.page), st)
		if err := p.drawRuns(ps, o.x-width(ps), y, o.color); err != nil {
			return err
		}
		if n, ok := p.link(o.dest); ok {
			pdf.Link(o.x-width(ps), y-o.size*0.85, width(ps), o.size*1.1, n)
		}
	}
	return nil
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
