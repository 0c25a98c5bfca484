package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/pipeline/tree"
)

// tstyle is the look of a run of inline text.
type tstyle struct {
	bold, italic, mono, strike bool
	size                       float64
	color                      rgb
	link                       string // external URL
	dest                       string // internal destination id
	rise                       float64
}

func (s tstyle) chain() fonts.Chain {
	if s.mono {
		return fonts.Mono(s.bold)
	}
	switch {
	case s.bold && s.italic:
		return fonts.Sans(fonts.BoldItalic)
	case s.bold:
		return fonts.Sans(fonts.Bold)
	case s.italic:
		return fonts.Sans(fonts.Italic)
	}
	return fonts.Sans(fonts.Regular)
}

// span is a piece of flattened inline content.
type span struct {
	text   string
	st     tstyle
	brk    bool   // a hard line break
	anchor string // a zero-width destination
}

// flatten turns inline trees into spans.
func (l *layouter) flatten(list []tree.Inline, st tstyle, out []span) []span {
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Text:
			out = append(out, span{text: shapeArabic(in.Text, st.chain().Face(0x0627)), st: st})
		case *tree.Emphasis:
			s := st
			s.italic = true
			out = l.flatten(in.Content, s, out)
		case *tree.Strong:
			s := st
			s.bold = true
			out = l.flatten(in.Content, s, out)
		case *tree.Strikethrough:
			s := st
			s.strike = true
			out = l.flatten(in.Content, s, out)
		case *tree.Code:
			s := st
			s.mono = true
			s.size = st.size * 0.92
			s.color = colCode
			out = append(out, span{text: in.Text, st: s})
		case *tree.Link:
			s := st
			target := in.TargetFor("pdf")
			if target == "" {
				target = in.URL
			}
			if strings.HasPrefix(target, "#") {
				if id := strings.TrimPrefix(target, "#"); l.ids[id] {
					s.dest = id
					s.color = colLink
				}
			} else if target != "" && (isExternalURL(target) || in.PageExt != "") {
				// Another page of the set is linked by its relative path,
				// which viewers resolve against this PDF's location.
				s.link = target
				s.color = colLink
			}
			out = l.flatten(in.Content, s, out)
		case *tree.Image:
			if in.Alt != "" {
				s := st
				s.italic = true
				out = append(out, span{text: shapeArabic(in.Alt, s.chain().Face(0x0627)), st: s})
			}
		case *tree.SoftBreak:
			out = append(out, span{text: " ", st: st})
		case *tree.LineBreak:
			out = append(out, span{brk: true, st: st})
		case *tree.Anchor:
			if in.ID != "" {
				out = append(out, span{anchor: in.ID, st: st})
			}
		case *tree.FootnoteRef:
			s := st
			s.size = st.size * 0.7
			s.rise = st.size * 0.35
			s.dest = "fn:" + in.ID
			s.color = colLink
			out = append(out, span{text: strconv.Itoa(in.Index), st: s})
		case *tree.Macro:
			out = append(out, span{text: in.Raw, st: st})
		case *tree.Date:
			out = append(out, span{text: shapeArabic(dateText(in), st.chain().Face(0x0627)), st: st})
		case *tree.RawHTML:
			// Raw inline markup has no PDF form; its text, if any, is in
			// neighbouring Text nodes.
		}
	}
	return out
}

func dateText(d *tree.Date) string {
	if d.Text != "" {
		return d.Text
	}
	return d.Time.UTC().Format("2006-01-02")
}

func isExternalURL(u string) bool {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "ftp", "tel":
		return true
	}
	return false
}

// piece is text in one face and style: the unit fpdf draws with one call.
type piece struct {
	text string
	face *fonts.Face
	st   tstyle
	w    float64
}

// unit is an unbreakable group of pieces (a word, or one CJK character).
type unit struct {
	pieces  []piece
	w       float64
	glue    float64 // width of the space before the unit, when hasGlue
	hasGlue bool
	brk     bool     // a hard break before this unit
	anchors []string // destinations at the start of the unit
}

// tokenizer splits spans into units.
type tokenizer struct {
	l       *layouter
	line    int // source line for warnings
	units   []unit
	cur     unit
	open    bool // cur has content or anchors
	glue    float64
	hasGlue bool
	prev    rune
}

func (t *tokenizer) finish() {
	if t.open {
		t.units = append(t.units, t.cur)
	}
	t.cur = unit{}
	t.open = false
}

func (t *tokenizer) start() {
	if !t.open {
		t.cur.glue, t.cur.hasGlue = t.glue, t.hasGlue
		t.glue, t.hasGlue = 0, false
		t.open = true
	}
}

func (t *tokenizer) addRune(r rune, st tstyle) {
	f := t.l.faceForLine(r, st, t.line)
	if f == nil {
		return
	}
	t.start()
	w := float64(f.Advance(r)) * st.size / 1000
	n := len(t.cur.pieces)
	if n > 0 && t.cur.pieces[n-1].face == f && t.cur.pieces[n-1].st == st {
		p := &t.cur.pieces[n-1]
		p.text += string(r)
		p.w += w
	} else {
		t.cur.pieces = append(t.cur.pieces, piece{text: string(r), face: f, st: st, w: w})
	}
	t.cur.w += w
}

func (t *tokenizer) space(st tstyle) {
	t.finish()
	f := st.chain().Face(' ')
	w := st.size * 0.26
	if f != nil {
		w = float64(f.Advance(' ')) * st.size / 1000
	}
	if w > t.glue {
		t.glue = w
	}
	t.hasGlue = true
	t.prev = ' '
}

func (t *tokenizer) add(sp span) {
	if sp.brk {
		t.finish()
		t.cur.brk = true
		t.open = true
		t.glue, t.hasGlue = 0, false
		t.finish()
		t.prev = '\n'
		return
	}
	if sp.anchor != "" {
		t.start()
		t.cur.anchors = append(t.cur.anchors, sp.anchor)
		return
	}
	for _, r := range sp.text {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0x3000 ||
			(unicode.Is(unicode.Zs, r) && !nonBreakingSpace(r)):
			t.space(sp.st)
			continue
		case r == 0x200B: // zero-width space: a break opportunity only
			t.finish()
			t.prev = r
			continue
		case r == 0xAD || r == 0xFEFF || r == 0x2060 || r == 0x200C || r == 0x200D ||
			(r < 0x20) || (r >= 0x7F && r < 0xA0) || (unicode.Is(unicode.Cf, r) && !isBidiMark(r)):
			continue // invisible: soft hyphen, joiners, BOM, controls
		case isBidiMark(r):
			continue
		}
		if t.open && len(t.cur.pieces) > 0 && breakBetween(t.prev, r) {
			t.finish()
		}
		if nonBreakingSpace(r) && sp.st.chain().Face(r) == nil {
			r = ' ' // every face has a space; keep it unbreakable
		}
		t.addRune(r, sp.st)
		t.prev = r
	}
}

func nonBreakingSpace(r rune) bool {
	return r == 0xA0 || r == 0x202F || r == 0x2007 || r == 0x2060
}

func isBidiMark(r rune) bool {
	return r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// isCJK reports whether r belongs to a script written without spaces, where
// a line may break between any two characters.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == 0x30FC
}

// Kinsoku: characters that may not start a line, and that may not end one.
const (
	noStart = "、。，．：；？！）」』】〕〉》ー…‥々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・!),.:;?]}％"
	noEnd   = "（「『【〔〈《([{"
)

func breakBetween(prev, r rune) bool {
	if !isCJK(prev) && !isCJK(r) {
		return false
	}
	if strings.ContainsRune(noStart, r) || strings.ContainsRune(noEnd, prev) {
		return false
	}
	if !isCJK(prev) && unicode.IsPunct(prev) && (prev == '“' || prev == '"' || prev == '\'') {
		return false
	}
	return true
}

// faceForLine returns the face for r in style st, warning (once per
// character and source line) when no embedded face has it or it lies outside
// the BMP.
func (l *layouter) faceForLine(r rune, st tstyle, line int) *fonts.Face {
	if r == utf8.RuneError {
		return nil
	}
	if f := st.chain().Face(r); f != nil {
		return f
	}
	key := fmt.Sprintf("%d:%d", line, r)
	if !l.warned[key] {
		l.warned[key] = true
		if r > 0xFFFF {
			l.warn(line, "missing-glyph", "character U+%04X (%s) is outside the Basic Multilingual Plane, which PDF text cannot show here; left out", r, string(r))
		} else {
			l.warn(line, "missing-glyph", "no embedded font has a glyph for U+%04X (%s); left out", r, string(r))
		}
	}
	return nil
}

// tokenize turns spans into units.
func (l *layouter) tokenize(spans []span) []unit {
	t := tokenizer{l: l, line: l.line}
	for _, sp := range spans {
		t.add(sp)
	}
	t.finish()
	return t.units
}

// line is one laid-out line: pieces with x offsets.
type lineOut struct {
	items   []placed
	w       float64
	h       float64 // largest font size on the line
	anchors []string
}

type placed struct {
	piece
	x float64
}

// breakLines fills lines of width maxW greedily. Units wider than a line are
// split between characters (long URLs, unbroken CJK text), never hyphenated.
func breakLines(units []unit, maxW, minSize float64) []lineOut {
	var lines []lineOut
	cur := lineOut{h: minSize}
	flush := func() {
		lines = append(lines, cur)
		cur = lineOut{h: minSize}
	}
	for _, u := range units {
		if u.brk {
			flush()
			continue
		}
		glue := 0.0
		if len(cur.items) > 0 && u.hasGlue {
			glue = u.glue
		}
		if len(cur.items) > 0 && cur.w+glue+u.w > maxW+0.01 {
			flush()
			glue = 0
		}
		if u.w > maxW-cur.w-glue+0.01 {
			// Split an overlong unit at character boundaries.
			for _, part := range splitUnit(u, maxW-cur.w-glue, maxW) {
				if len(cur.items) > 0 && cur.w+glue+part.w > maxW+0.01 {
					flush()
					glue = 0
				}
				placeUnit(&cur, part, glue)
				glue = 0
			}
			continue
		}
		placeUnit(&cur, u, glue)
	}
	if len(cur.items) > 0 || len(cur.anchors) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

func placeUnit(cur *lineOut, u unit, glue float64) {
	cur.anchors = append(cur.anchors, u.anchors...)
	x := cur.w + glue
	for i, p := range u.pieces {
		n := len(cur.items)
		// Merge with the previous piece when face and style match: the
		// space glyph has exactly the glue's width.
		if i == 0 && n > 0 && glue > 0 && cur.items[n-1].face == p.face && cur.items[n-1].st == p.st &&
			abs(float64(p.face.Advance(' '))*p.st.size/1000-glue) < 0.001 {
			last := &cur.items[n-1]
			last.text += " " + p.text
			last.w += glue + p.w
		} else if i == 0 && n > 0 && glue == 0 && cur.items[n-1].face == p.face && cur.items[n-1].st == p.st {
			last := &cur.items[n-1]
			last.text += p.text
			last.w += p.w
		} else {
			cur.items = append(cur.items, placed{piece: p, x: x})
		}
		x += p.w
		if p.st.size > cur.h {
			cur.h = p.st.size
		}
	}
	cur.w = x
}

// splitUnit cuts u into parts, the first at most first wide and the others
// at most maxW, between characters (never before a combining mark, nor
// after a virama: an Indic cluster stays whole).
func splitUnit(u unit, first, maxW float64) []unit {
	var parts []unit
	limit := first
	if limit < maxW*0.25 {
		limit = maxW // too little room left: start the unit on a new line
	}
	cur := unit{glue: u.glue, hasGlue: u.hasGlue, anchors: u.anchors}
	prev := rune(0)
	for _, p := range u.pieces {
		for _, r := range p.text {
			w := float64(p.face.Advance(r)) * p.st.size / 1000
			if cur.w+w > limit+0.01 && cur.w > 0 && !unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) && !isVirama(prev) {
				parts = append(parts, cur)
				cur = unit{}
				limit = maxW
			}
			n := len(cur.pieces)
			if n > 0 && cur.pieces[n-1].face == p.face && cur.pieces[n-1].st == p.st {
				cur.pieces[n-1].text += string(r)
				cur.pieces[n-1].w += w
			} else {
				cur.pieces = append(cur.pieces, piece{text: string(r), face: p.face, st: p.st, w: w})
			}
			cur.w += w
			prev = r
		}
	}
	if len(cur.pieces) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
