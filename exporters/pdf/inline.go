package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galleydoc/galley/exporters/pdf/internal/bidi"
	"github.com/go-text/typesetting/language"
	"github.com/rivo/uniseg"
	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/galleydoc/galley/exporters/pdf/internal/pdffont"
	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
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
	// tag is the inline structure element (Link, Code, Reference) of the
	// run; nil: its block's element.
	tag  *selem
	mark int8 // redline: markIns or markDel
	// lang is the language of text in raw HTML with a lang attribute
	// ("": the block's; see lang.go).
	lang string
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

// chain returns the faces for style st in this document.
func (l *layouter) chain(st tstyle) fonts.Chain { return st.chain() }

// span is a piece of flattened inline content.
type span struct {
	text   string
	st     tstyle
	brk    bool   // a hard line break
	anchor string // a zero-width destination
}

// flatten turns inline trees into spans.
func (l *layouter) flatten(list []tree.Inline, st tstyle, out []span) []span {
	var open []inlineFrame // raw HTML elements open in this list (lang.go)
	for _, in := range tree.FlowRawHTML(list) {
		switch in := in.(type) {
		case *tree.Text:
			out = append(out, span{text: in.Text, st: st})
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
		case *tree.Insert:
			var s tstyle
			s, out = l.changeStyle(st, true, in.Change, out)
			out = l.flatten(in.Content, s, out)
		case *tree.Delete:
			var s tstyle
			s, out = l.changeStyle(st, false, in.Change, out)
			out = l.flatten(in.Content, s, out)
		case *tree.Code:
			s := st
			s.mono = true
			s.size = st.size * 0.92
			s.color = colCode
			if st.tag == nil || st.tag.typ == "Span" {
				s.tag = l.inlineElem("Code", l.inlineParent(st))
			}
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
			if s.link != "" || s.dest != "" {
				s.tag = l.inlineElem("Link", l.inlineParent(st))
				if s.tag != nil {
					s.tag.name = strings.TrimSpace(tree.PlainText(in.Content))
					if s.tag.name == "" {
						s.tag.name = target
					}
				}
			}
			out = l.flatten(in.Content, s, out)
		case *tree.Image:
			if in.Alt != "" {
				s := st
				s.italic = true
				out = append(out, span{text: in.Alt, st: s})
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
			s.tag = l.inlineElem("Link", l.inlineElem("Reference", l.inlineParent(st)))
			if s.tag != nil {
				s.tag.name = "[" + strconv.Itoa(in.Index) + "]" // as the HTML export shows the mark
			}
			out = append(out, span{text: strconv.Itoa(in.Index), st: s})
		case *tree.Macro:
			out = append(out, span{text: in.Raw, st: st})
		case *tree.Date:
			out = append(out, span{text: dateText(in), st: st})
		case *tree.RawHTML:
			// Raw inline markup has no PDF form; its text, if any, is in
			// neighbouring Text nodes. A <br> is a line break, as in
			// every format (block tags written inline were given
			// breaks and bullets by tree.FlowRawHTML); a lang attribute sets the language of the
			// text up to its end tag.
			if in.IsBreak() {
				out = append(out, span{brk: true, st: st})
				continue
			}
			st = l.inlineLang(in.HTML, st, &open)
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

// piece is a shaped run of text in one face, style, direction and script:
// the unit the painter draws with one text object.
type piece struct {
	run   *shape.Run
	props shape.Props
	st    tstyle
	w     float64
	level int8 // bidi embedding level: odd is right to left
	// spaceBefore and spaceAfter mark the word space before or after the
	// piece (logical order) that the painter draws as a space glyph, so
	// extracted text has its words apart; gap is the width of the space
	// before. A space is the piece's before it when it belongs to another
	// element than the text before it (the space after a link), else the
	// piece's before it after it. A space a line break replaced stays
	// where it belongs (at the end of the line or before the next one's
	// first piece), and a hard break counts as a space.
	spaceBefore, spaceAfter bool
	gap                     float64
	// spaceAt, beforeX and afterX place the spaces where visualOrder put
	// their gaps when that is not beside the piece (see pdffont.Spaces).
	spaceAt         bool
	beforeX, afterX float64
}

// spaces returns the word spaces the painter draws beside the piece.
func (p piece) spaces() pdffont.Spaces {
	return pdffont.Spaces{Before: p.spaceBefore, Gap: p.gap, After: p.spaceAfter,
		At: p.spaceAt, BeforeX: p.beforeX, AfterX: p.afterX}
}

// face returns the face the piece is set in.
func (p piece) face() *fonts.Face { return p.run.Face }

// synthBold reports whether the piece is bold in a face without a bold
// design (Han, kana, Hangul): its glyphs are stroked too.
func (p piece) synthBold() bool { return p.st.bold && !p.face().Style.IsBold() }

// obliqueSlant is the horizontal shift per unit of height of synthetic
// oblique text: tan 12°, about the slant of a designed italic.
const obliqueSlant = 0.2126

// synthOblique reports whether the piece is italic Chinese, Japanese or
// Korean text, whose faces have no italic design: its glyphs are slanted,
// as browsers do, so that emphasis shows ("*更多详情：*"). Other scripts
// without an italic face stay upright, as their typography has no
// slanted style.
func (p piece) synthOblique() bool {
	if !p.st.italic || p.face().Style.IsItalic() {
		return false
	}
	for _, r := range p.run.Runes {
		if tree.IsEastAsianWide(r) {
			return true
		}
	}
	return false
}

// text returns the piece's text in logical order.
func (p piece) text() string { return p.run.Text }

// unit is an unbreakable group of pieces (a word, or one CJK character),
// in logical order.
type unit struct {
	pieces    []piece
	w         float64
	glue      float64 // width of the space before the unit, when hasGlue
	hasGlue   bool
	glueLevel int8     // bidi level of that space
	glueTag   *selem   // the element of that space's text
	brk       bool     // a hard break before this unit
	anchors   []string // destinations at the start of the unit
	// cont marks the rest of a word cut at maxUnitRunes characters: it
	// goes on the line where the cut part ends, as the breaker's own cuts
	// of an overlong word do.
	cont bool
}

// maxUnitRunes bounds the characters of a piece and of a unit. A word
// longer than that (a megabyte of letters without a space or a break
// opportunity) is cut between grapheme clusters into units of about this
// size, so shaping and line breaking handle bounded runs whatever the
// input. Such a word is far wider than any line, so the breaker cuts it
// anyway; the cut only drops kerning or a ligature across it. Real
// documents have shorter words: the longest in the corpus is a base64
// string of about 5,000 characters in a code block.
const maxUnitRunes = 1 << 14

// fastFirstFace enables resolve's shortcut for a character the face before
// it has (off in a test that compares both ways).
var fastFirstFace = true

// firstFace returns the first face of c, or nil.
func firstFace(c fonts.Chain) *fonts.Face {
	if len(c) == 0 {
		return nil
	}
	return c[0]
}

// Invisible characters: format controls the shaper handles (joiners, bidi
// marks) or drops (soft hyphen, BOM). They are never reported missing.
func isIgnorable(r rune) bool {
	if r < 0xAD {
		return false
	}
	return r == 0xAD || r == 0xFEFF || r == 0x2060 || r == 0x200C || r == 0x200D || isBidiMark(r) ||
		(r >= 0xFE00 && r <= 0xFE0F) || unicode.Is(unicode.Cf, r)
}

// continuesEmoji reports whether runes[i] carries on the emoji sequence
// before it: the character after a zero-width joiner, a skin-tone
// modifier, the keycap mark, a regional indicator (a flag's letters) or a
// tag character (subdivision flags).
func continuesEmoji(runes []rune, i int) bool {
	r := runes[i]
	return (i > 0 && runes[i-1] == 0x200D) || (r >= 0x1F3FB && r <= 0x1F3FF) || r == 0x20E3 ||
		(r >= 0x1F1E6 && r <= 0x1F1FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func nonBreakingSpace(r rune) bool {
	return r == 0xA0 || r == 0x202F || r == 0x2007 || r == 0x2060
}

func isBidiMark(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0x3000 ||
		(unicode.Is(unicode.Zs, r) && !nonBreakingSpace(r))
}

// hardBreak stands for a line break in a paragraph's text.
const hardBreak = 0x2028

// maxChunkRunes bounds the characters of a paragraph resolved at once. The
// per-character data (about 23 bytes a character) of a longer paragraph is
// resolved and turned into units a chunk at a time, so a paragraph of
// megabytes (one line of crafted Markdown) takes the memory of its lines,
// not of its characters. A chunk ends after a space or a hard break, where
// words part anyway, so the result is the same as for the whole paragraph
// at once; only a word longer than a chunk (which real text does not have:
// the corpus' longest is about 5,000 characters) is cut before a grapheme
// cluster near the chunk's end, where a line-break opportunity may be
// missed.
var maxChunkRunes = 1 << 15 // a variable for the tests

// paraText is a paragraph's text, or a chunk of it, with what the layout
// needs per character.
type paraText struct {
	runes   []rune
	span    []int32 // index of the span each rune comes from
	level   []int8  // bidi level
	script  []language.Script
	face    []*fonts.Face // nil: space, break or nothing to draw it with
	brkOK   []bool        // a line may break before this rune (UAX #14)
	cluster []bool        // a grapheme cluster starts at this rune
	anchors map[int][]string
	// pieces is the array the unitizer builds each unit's pieces in: emit
	// keeps nothing of them once it returns (see eachUnit), so one array
	// serves every unit of the paragraph, and of the next paragraphs.
	pieces []piece
}

var bidiPool = sync.Pool{New: func() any { return new(bidi.Paragraph) }}

// paraReader reads a paragraph's characters from its spans: hard breaks
// become hardBreak, anchors are noted at the character they come before,
// and control characters and invalid bytes are left out.
type paraReader struct {
	spans   []span
	si, off int // the next character is in spans[si].text at byte off
}

// fill appends characters to pt until it holds max of them, and reports
// whether the paragraph's text has all been read.
func (r *paraReader) fill(pt *paraText, max int) bool {
	for r.si < len(r.spans) {
		if len(pt.runes) >= max {
			return false
		}
		sp := &r.spans[r.si]
		if sp.brk {
			pt.runes = append(pt.runes, hardBreak)
			pt.span = append(pt.span, int32(r.si))
			r.si++
			continue
		}
		if sp.anchor != "" {
			if pt.anchors == nil {
				pt.anchors = map[int][]string{}
			}
			pt.anchors[len(pt.runes)] = append(pt.anchors[len(pt.runes)], sp.anchor)
			r.si++
			continue
		}
		text := sp.text
		for r.off < len(text) && len(pt.runes) < max {
			c, size := utf8.DecodeRuneInString(text[r.off:])
			r.off += size
			if c == utf8.RuneError || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0) {
				continue
			}
			if c == '\n' || c == '\r' || c == '\t' {
				c = ' '
			}
			pt.runes = append(pt.runes, c)
			pt.span = append(pt.span, int32(r.si))
		}
		if r.off >= len(text) {
			r.si, r.off = r.si+1, 0
		}
	}
	return true
}

// paraState is what resolving a chunk of a paragraph carries over from the
// chunks before it.
type paraState struct {
	spans           []span
	rtl, keepSpaces bool
	line            int
	levels          []int8 // the whole paragraph's bidi levels; nil: all 0
	at              int    // index in the paragraph of the chunk's first character
	script          language.Script
	face            *fonts.Face // the face of the character before the chunk
	span            int32       // and its span (-1: none)
}

// eachUnit splits a paragraph into units, shapes their pieces and hands
// the units to emit one by one, in logical order, so that a paragraph's
// units need not be held all at once (the line breaker takes them as they
// come). rtl is the paragraph direction; keepSpaces treats spaces as text
// (code), not as glue. A unit's pieces are only lent to emit: their array
// takes the next unit's once emit returns, so emit copies what it keeps.
func (l *layouter) eachUnit(spans []span, rtl, keepSpaces bool, line int, emit func(unit)) {
	rd := paraReader{spans: spans}
	// The buffers of the last paragraph are reused (a document has
	// thousands of paragraphs); a nested call makes its own.
	pt := l.spare
	l.spare = nil
	if pt == nil {
		pt = &paraText{}
	}
	pt.runes, pt.span = pt.runes[:0], pt.span[:0]
	clear(pt.anchors)
	defer func() { l.spare = pt }()
	st := paraState{spans: spans, rtl: rtl, keepSpaces: keepSpaces, line: line, span: -1}
	u := unitizer{l: l, spans: spans, keepSpaces: keepSpaces, emit: emit, lang: l.lang()}
	u.cur.pieces = pt.pieces[:0]
	defer func() { pt.pieces = u.cur.pieces[:0] }()
	done := rd.fill(pt, maxChunkRunes)
	if done {
		l.resolve(pt, &st, true)
		u.feed(pt, true)
		return
	}
	l.wholeParagraph(spans, &st)
	var carry paraText
	for {
		k := len(pt.runes)
		if !done {
			k = chunkEnd(pt.runes)
		}
		// The characters from k on start the next chunk.
		carry.runes = append(carry.runes[:0], pt.runes[k:]...)
		carry.span = append(carry.span[:0], pt.span[k:]...)
		var next map[int][]string
		for i, a := range pt.anchors {
			if i >= k && !done {
				if next == nil {
					next = map[int][]string{}
				}
				next[i-k] = a
				delete(pt.anchors, i)
			}
		}
		pt.runes, pt.span = pt.runes[:k], pt.span[:k]
		l.resolve(pt, &st, done)
		u.feed(pt, done)
		if done {
			return
		}
		st.at += k
		pt.runes = append(pt.runes[:0], carry.runes...)
		pt.span = append(pt.span[:0], carry.span...)
		pt.anchors = next
		done = rd.fill(pt, maxChunkRunes)
	}
}

// chunkEnd returns where a full chunk of a longer paragraph ends: after
// its last space or hard break, or, in a word longer than the chunk, at the
// start of a grapheme cluster near its end.
func chunkEnd(runes []rune) int {
	n := len(runes)
	for k := n; k > 0; k-- {
		if r := runes[k-1]; r == hardBreak || isSpace(r) {
			return k
		}
	}
	from := max(0, n-64)
	s := string(runes[from:])
	state, k, last := -1, from, n
	for len(s) > 0 {
		var c string
		c, s, _, state = uniseg.StepString(s, state)
		if len(s) > 0 {
			k += utf8.RuneCountInString(c)
			last = k
		}
	}
	if last <= 0 || last >= n {
		return n
	}
	return last
}

// wholeParagraph sets what resolving the chunks of a long paragraph needs
// to know of all of it: the bidi levels (when it has right-to-left
// characters, as resolve decides for a paragraph of one chunk) and its
// first script.
func (l *layouter) wholeParagraph(spans []span, st *paraState) {
	hasRTL := st.rtl
	st.script = language.Common
	var n int
	all := paraReader{spans: spans}
	pt := &paraText{}
	for done := false; !done; {
		pt.runes, pt.span = pt.runes[:0], pt.span[:0]
		clear(pt.anchors)
		done = all.fill(pt, maxChunkRunes)
		n += len(pt.runes)
		for _, r := range pt.runes {
			if !hasRTL && r >= 0x0590 && (isRTLRune(r) || isBidiMark(r)) {
				hasRTL = true
			}
			if st.script == language.Common {
				if sc := shape.ScriptOf(r); shape.IsRealScript(sc) {
					st.script = sc
				}
			}
		}
	}
	if !hasRTL {
		return
	}
	runes := make([]rune, 0, n)
	all = paraReader{spans: spans}
	pt.runes, pt.span = runes, nil
	clear(pt.anchors)
	all.fill(pt, n)
	runes, pt = pt.runes, nil
	st.levels = make([]int8, n)
	dir := bidi.LeftToRight
	if st.rtl {
		dir = bidi.RightToLeft
	}
	bp := bidiPool.Get().(*bidi.Paragraph)
	runs := bp.Segment(runes, dir)
	for i := 0; i < runs.NumRuns(); i++ {
		rn := runs.Run(i)
		for k := rn.Start; k < rn.End && k < n; k++ {
			st.levels[k] = int8(rn.Level)
		}
	}
	bidiPool.Put(bp)
}

// resolve sets, for every character of pt, its bidi level (UAX #9, at the
// paragraph level st.rtl), script, face and the line-break opportunities
// (UAX #14) and grapheme clusters before it. pt is the whole paragraph
// when whole is set; otherwise st carries what the chunk needs from the
// rest of it.
func (l *layouter) resolve(pt *paraText, st *paraState, whole bool) {
	n := len(pt.runes)
	pt.level = resize(pt.level, n)
	pt.script = resize(pt.script, n)
	pt.face = resize(pt.face, n)
	pt.brkOK = resize(pt.brkOK, n+1)
	pt.cluster = resize(pt.cluster, n+1)
	if n == 0 {
		return
	}
	keepSpaces := st.keepSpaces
	// Bidi levels; text without right-to-left characters is all level 0.
	if st.levels != nil {
		copy(pt.level, st.levels[st.at:st.at+n])
	} else if whole {
		hasRTL := st.rtl
		for _, r := range pt.runes {
			if hasRTL {
				break
			}
			hasRTL = r >= 0x0590 && (isRTLRune(r) || isBidiMark(r))
		}
		if hasRTL {
			dir := bidi.LeftToRight
			if st.rtl {
				dir = bidi.RightToLeft
			}
			bp := bidiPool.Get().(*bidi.Paragraph)
			runs := bp.Segment(pt.runes, dir)
			for i := 0; i < runs.NumRuns(); i++ {
				rn := runs.Run(i)
				for k := rn.Start; k < rn.End && k < n; k++ {
					pt.level[k] = int8(rn.Level)
				}
			}
			bidiPool.Put(bp)
		}
	}
	// Scripts: characters common to several scripts take the script of
	// the text around them (at the start of the paragraph, of the first
	// character of a script of its own).
	prev := st.script
	if whole {
		prev = language.Common
		for _, r := range pt.runes {
			if sc := shape.ScriptOf(r); shape.IsRealScript(sc) {
				prev = sc
				break
			}
		}
	}
	for i, r := range pt.runes {
		sc := shape.ScriptOf(r)
		if shape.IsRealScript(sc) {
			prev = sc
		}
		pt.script[i] = prev
	}
	st.script = prev
	// Faces.
	for i, r := range pt.runes {
		if r == hardBreak || (!keepSpaces && isSpace(r)) {
			continue
		}
		sty := &st.spans[pt.span[i]].st
		var pf *fonts.Face
		if i > 0 && pt.span[i-1] == pt.span[i] {
			pf = pt.face[i-1]
		} else if i == 0 && st.span == pt.span[0] {
			pf = st.face
		}
		if fastFirstFace && pf != nil && r < 0x2000 && (i+1 == n || pt.runes[i+1] != 0xFE0F) && pf.Has(r) && firstFace(l.chain(*sty)) == pf {
			// The face of the character before, of the same span, is the
			// first of the span's chain and has r: what the cases below
			// give (an ignorable character or a mark keeps pf, any other
			// gets the chain's first face that has it; below U+2000 no
			// character is an emoji by default, and one asked to be, by
			// U+FE0F after it, is left to them).
			pt.face[i] = pf
			continue
		}
		switch {
		case isIgnorable(r):
			if pf == nil {
				pf = l.chain(*sty).Face(0x200C)
			}
			pt.face[i] = pf
			continue
		case i+1 < n && pt.runes[i+1] == 0xFE0F && fonts.Emoji().Has(r):
			// Emoji presentation asked for (1️⃣, ❤️): the emoji face,
			// where the sequence ligates.
			pt.face[i] = fonts.Emoji()
			continue
		case pf == fonts.Emoji():
			// Inside an emoji sequence (a joiner's next character, a
			// skin tone, a keycap mark, a flag's second letter) the
			// emoji face keeps the text; digits and punctuation after
			// an emoji go back to the text faces.
			if pf.Has(r) && continuesEmoji(pt.runes, i) {
				pt.face[i] = pf
				continue
			}
		case pf != nil && !shape.IsRealScript(shape.ScriptOf(r)) && pf.Has(r):
			// Marks, digits and punctuation stay in the face of the
			// text they belong to.
			pt.face[i] = pf
			continue
		}
		if nonBreakingSpace(r) && l.chain(*sty).Face(r) == nil {
			pt.runes[i] = ' '
			r = ' '
		}
		pt.face[i] = l.faceForLine(r, *sty, st.line)
	}
	st.face, st.span = pt.face[n-1], pt.span[n-1]
	// Line-break opportunities and grapheme clusters, word by word
	// (spaces are always break opportunities): UAX #14 and #29 by
	// rivo/uniseg, except for words of letters, digits and punctuation
	// of the alphabetic blocks that never break inside (most words of
	// most documents).
	for i := 0; i < n; {
		if pt.runes[i] == hardBreak || isSpace(pt.runes[i]) {
			pt.cluster[i] = true
			i++
			continue
		}
		j := i
		quick := true
		for j < n && pt.runes[j] != hardBreak && !isSpace(pt.runes[j]) {
			if quick && !quickRune(pt.runes[j]) {
				quick = false
			}
			j++
		}
		if quick {
			for k := i; k < j; k++ {
				pt.cluster[k] = pt.runes[k] < 0x300 || !unicode.Is(unicode.Mn, pt.runes[k]) || k == i
			}
			i = j
			continue
		}
		word := string(pt.runes[i:j])
		state := -1
		k := i
		pt.cluster[i] = true
		for len(word) > 0 {
			var c string
			var b int
			c, word, b, state = uniseg.StepString(word, state)
			k += utf8.RuneCountInString(c)
			if k > j {
				k = j
			}
			pt.cluster[k] = true
			if k < j && b&uniseg.MaskLine != uniseg.LineDontBreak {
				pt.brkOK[k] = true
			}
		}
		i = j
	}
}

// resize returns s with n elements, all zero, reusing its array when it
// is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// quickRune reports whether r is a letter, digit, mark or punctuation of the
// alphabetic blocks below U+0530 that UAX #14 never breaks around inside a
// word (it breaks after ! ? | } - / and around dashes, which are not here).
func quickRune(r rune) bool {
	if r >= 0x0530 {
		return false
	}
	if r < 0x80 {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
			strings.ContainsRune(".,;:'\"()[]<>@#$%^&*+=_~`{\\", r)
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// tokenize turns spans into units: words between spaces and line-break
// opportunities, each a list of shaped pieces.
func (l *layouter) tokenize(spans []span, rtl bool) []unit {
	return l.units(spans, rtl, false, l.line)
}

// units splits a paragraph into units and shapes their pieces.
func (l *layouter) units(spans []span, rtl, keepSpaces bool, line int) []unit {
	var out []unit
	l.eachUnit(spans, rtl, keepSpaces, line, func(u unit) {
		u.pieces = slices.Clone(u.pieces) // lent by eachUnit
		out = append(out, u)
	})
	return out
}

// unitizer turns a paragraph's characters, a chunk at a time, into units of
// shaped pieces; the unit being built and the space before the next one go
// on from one chunk to the next.
type unitizer struct {
	l          *layouter
	spans      []span
	keepSpaces bool
	emit       func(unit)
	lang       language.Language

	cur       unit
	open      bool
	runes     int // characters in cur
	glue      float64
	hasGlue   bool
	glueLevel int8
	glueTag   *selem
}

func (u *unitizer) finish() {
	if u.open {
		u.emit(u.cur)
	}
	u.cur = unit{pieces: u.cur.pieces[:0]}
	u.open = false
	u.runes = 0
}

func (u *unitizer) start() {
	if !u.open {
		u.cur.glue, u.cur.hasGlue, u.cur.glueLevel, u.cur.glueTag = u.glue, u.hasGlue, u.glueLevel, u.glueTag
		u.glue, u.hasGlue = 0, false
		u.open = true
	}
}

// feed turns the characters of pt into units; last is set for the
// paragraph's last chunk, whose last unit is then emitted.
func (u *unitizer) feed(pt *paraText, last bool) {
	spans, keepSpaces := u.spans, u.keepSpaces
	n := len(pt.runes)
	for i := 0; i < n; {
		if a, ok := pt.anchors[i]; ok {
			u.start()
			u.cur.anchors = append(u.cur.anchors, a...)
		}
		r := pt.runes[i]
		st := &spans[pt.span[i]].st
		switch {
		case r == hardBreak:
			u.finish()
			u.cur.brk = true
			u.open = true
			u.glue, u.hasGlue = 0, false
			u.finish()
			i++
			continue
		case !keepSpaces && isSpace(r):
			u.finish()
			w := st.size * 0.26
			if f := st.chain().Face(' '); f != nil {
				w = float64(f.Advance(' ')) * st.size / 1000
			}
			if w > u.glue {
				u.glue = w
			}
			if !u.hasGlue {
				u.glueTag = st.tag
			}
			u.hasGlue = true
			u.glueLevel = pt.level[i]
			i++
			continue
		case pt.face[i] == nil:
			i++
			continue
		}
		if u.open && len(u.cur.pieces) > 0 && pt.brkOK[i] {
			u.finish()
		}
		if u.open && u.runes >= maxUnitRunes && pt.cluster[i] {
			// A word too long to hold: the rest goes on as a unit of
			// its own, glued to this one.
			u.finish()
			u.cur.cont = true
		}
		// A piece: the longest stretch with the same span, face, level and
		// script, up to the next break opportunity or space, and at most
		// maxUnitRunes characters (cut before a grapheme cluster).
		j := i + 1
		for j < n && pt.span[j] == pt.span[i] && pt.face[j] == pt.face[i] && pt.level[j] == pt.level[i] &&
			pt.script[j] == pt.script[i] && !pt.brkOK[j] && pt.runes[j] != hardBreak &&
			(keepSpaces || !isSpace(pt.runes[j])) {
			if _, ok := pt.anchors[j]; ok {
				break
			}
			if j-i >= maxUnitRunes && pt.cluster[j] {
				break
			}
			j++
		}
		u.start()
		u.runes += j - i
		text := string(pt.runes[i:j])
		props := shape.Props{RTL: pt.level[i]%2 == 1, Script: pt.script[i], Language: u.lang}
		run := shape.Shape(pt.face[i], text, props)
		if run != nil {
			w := run.Width(st.size)
			u.cur.pieces = append(u.cur.pieces, piece{run: run, props: props, st: *st, w: w, level: pt.level[i]})
			u.cur.w += w
		}
		i = j
	}
	if !last {
		return
	}
	if a, ok := pt.anchors[n]; ok {
		u.start()
		u.cur.anchors = append(u.cur.anchors, a...)
	}
	u.finish()
}

// lang is the document's language for the shaper (locl features).
func (l *layouter) lang() language.Language {
	if l.language == "" {
		loc := l.doc.Meta.Locale
		if loc == "" {
			loc = "und"
		}
		l.language = language.NewLanguage(loc)
	}
	return l.language
}

// faceForLine returns the face for r in style st, warning (once per
// character and source line) when no embedded face has it.
func (l *layouter) faceForLine(r rune, st tstyle, line int) *fonts.Face {
	if r == utf8.RuneError {
		return nil
	}
	if f := l.chain(st).Face(r); f != nil {
		return f
	}
	key := fmt.Sprintf("%d:%d", line, r)
	if !l.warned[key] {
		l.warned[key] = true
		l.warn(line, "missing-glyph", "no embedded font has a glyph for U+%04X (%s); left out (remove the character, or show it as an image)", r, string(r))
	}
	return nil
}

// line is one laid-out line: pieces with x offsets.
type lineOut struct {
	items   []placed
	w       float64
	h       float64 // largest font size on the line
	anchors []string
	// visual is set when visualOrder reordered items; each item's
	// logical then gives its place in reading order.
	visual bool
}

type placed struct {
	piece
	x         float64
	glue      float64 // space before the piece (logical order)
	glueLevel int8
	logical   int // the piece's index in reading order (see lineOut.visual)
}

// breakLines fills lines of width maxW greedily. Units wider than a line are
// split between clusters (long URLs, unbroken CJK text), never hyphenated.
func breakLines(units []unit, maxW, minSize float64) []lineOut {
	var lines []lineOut
	b := lineBreaker{maxW: maxW, minSize: minSize, emit: func(ln lineOut) { lines = append(lines, ln) }}
	for _, u := range units {
		b.add(u)
	}
	b.finish()
	return lines
}

// lineBreaker is breakLines taking units one at a time and handing each
// line to emit soon after it is full, so a paragraph is laid out in memory
// bounded by a few lines, not by the paragraph. A full line is held until
// the next unit is placed: the space before that unit may belong to the
// line's last piece.
type lineBreaker struct {
	maxW, minSize float64
	emit          func(lineOut)
	cur           lineOut
	started       bool    // cur is set up
	lines         int     // lines flushed
	held          lineOut // the line flushed last, not yet emitted
	holding       bool
	afterBreak    bool // nothing placed since a hard break
	// reuse is set when emit keeps nothing of a line's items once it has
	// returned: their array then takes the next line's. spare holds such
	// arrays between lines (two are in use at a time: the held line's and
	// the current one's); the caller may set them to the last paragraph's,
	// and take them back after finish.
	reuse bool
	spare lineArrays
}

// lineArrays holds up to two arrays of a line's items, for reuse.
type lineArrays struct {
	a [2][]placed
	n int
}

// take returns a kept array, emptied, or nil.
func (s *lineArrays) take() []placed {
	if s.n == 0 {
		return nil
	}
	s.n--
	a := s.a[s.n][:0]
	s.a[s.n] = nil
	return a
}

// give keeps a for reuse, if there is room and it has any.
func (s *lineArrays) give(a []placed) {
	if s.n < len(s.a) && cap(a) > 0 {
		s.a[s.n] = a[:0]
		s.n++
	}
}

func (b *lineBreaker) flush() {
	if b.holding {
		b.emit(b.held)
		if b.reuse {
			b.spare.give(b.held.items)
		}
	}
	b.held, b.holding = b.cur, true
	b.lines++
	b.cur = lineOut{h: b.minSize, items: b.spare.take()}
}

// last returns the piece placed last (logical order) since the last hard
// break, or nil.
func (b *lineBreaker) last() *placed {
	if n := len(b.cur.items); n > 0 {
		return &b.cur.items[n-1]
	}
	if b.holding && !b.afterBreak {
		if m := len(b.held.items); m > 0 {
			return &b.held.items[m-1]
		}
	}
	return nil
}

// add places u on the current line, or on the next ones.
func (b *lineBreaker) add(u unit) {
	if !b.started {
		b.cur = lineOut{h: b.minSize, items: b.spare.take()}
		b.started = true
	}
	maxW := b.maxW
	if u.brk {
		// A hard break parts words as a space does.
		if p := b.last(); p != nil {
			p.spaceAfter = true
		}
		b.flush()
		b.afterBreak = true
		return
	}
	if p := b.last(); p != nil && u.hasGlue && len(u.pieces) > 0 {
		if p.st.tag == u.glueTag {
			p.spaceAfter = true
		} else {
			u.pieces = append([]piece(nil), u.pieces...)
			u.pieces[0].spaceBefore, u.pieces[0].gap = true, u.glue
		}
	}
	b.afterBreak = false
	glue := 0.0
	if len(b.cur.items) > 0 && u.hasGlue {
		glue = u.glue
	}
	if len(b.cur.items) > 0 && b.cur.w+glue+u.w > maxW+0.01 && !u.cont {
		b.flush()
		glue = 0
	}
	if u.w > maxW-b.cur.w-glue+0.01 {
		// Split an overlong unit at cluster boundaries.
		for _, part := range splitUnit(u, maxW-b.cur.w-glue, maxW) {
			if len(b.cur.items) > 0 && b.cur.w+glue+part.w > maxW+0.01 {
				b.flush()
				glue = 0
			}
			placeUnit(&b.cur, part, glue)
			glue = 0
		}
		return
	}
	placeUnit(&b.cur, u, glue)
}

// finish emits the last lines (and an empty one for a paragraph without
// units, which still takes its line).
func (b *lineBreaker) finish() {
	if !b.started {
		b.cur = lineOut{h: b.minSize, items: b.spare.take()}
	}
	if len(b.cur.items) > 0 || len(b.cur.anchors) > 0 || b.lines == 0 {
		b.flush()
	}
	if b.holding {
		b.emit(b.held)
		b.holding = false
		if b.reuse {
			b.spare.give(b.held.items)
		}
	}
	if b.reuse {
		b.spare.give(b.cur.items)
		b.cur.items = nil
	}
}

func placeUnit(cur *lineOut, u unit, glue float64) {
	cur.anchors = append(cur.anchors, u.anchors...)
	x := cur.w + glue
	for i, p := range u.pieces {
		it := placed{piece: p, x: x}
		if i == 0 {
			it.glue, it.glueLevel = glue, u.glueLevel
		}
		cur.items = append(cur.items, it)
		x += p.w
		if p.st.size > cur.h {
			cur.h = p.st.size
		}
	}
	cur.w = x
}

// splitUnit cuts u into parts, the first at most first wide and the others
// at most maxW, between the shaper's clusters (a cluster holds a base
// character with its marks, an Indic syllable, a ligature), and reshapes
// the parts.
func splitUnit(u unit, first, maxW float64) []unit {
	var parts []unit
	limit := first
	if limit < maxW*0.25 {
		limit = maxW // too little room left: start the unit on a new line
	}
	cur := unit{glue: u.glue, hasGlue: u.hasGlue, glueLevel: u.glueLevel, anchors: u.anchors}
	add := func(p piece, from, to int) {
		run := p.run
		if from != 0 || to != len(run.Runes) {
			run = shape.Shape(run.Face, string(run.Runes[from:to]), p.props)
			if run == nil {
				return
			}
		}
		w := run.Width(p.st.size)
		np := piece{run: run, props: p.props, st: p.st, w: w, level: p.level}
		if from == 0 {
			np.spaceBefore, np.gap = p.spaceBefore, p.gap
		}
		if to == len(p.run.Runes) {
			np.spaceAfter = p.spaceAfter
		}
		cur.pieces = append(cur.pieces, np)
		cur.w += w
	}
	for _, p := range u.pieces {
		run := p.run
		scale := run.Scale(p.st.size)
		from := 0 // start of the part of this piece not yet added
		acc := 0.0
		run.Clusters(func(c0, c1, g0, g1 int) {
			cw := 0.0
			for _, g := range run.Glyphs[g0:g1] {
				cw += float64(g.Advance) * scale
			}
			if cur.w+acc+cw > limit+0.01 && cur.w+acc > 0 {
				if c0 > from {
					add(p, from, c0)
				}
				parts = append(parts, cur)
				cur = unit{}
				limit = maxW
				from, acc = c0, 0
			}
			acc += cw
		})
		if from < len(run.Runes) {
			add(p, from, len(run.Runes))
		}
	}
	if len(cur.pieces) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// visualOrder puts a line's pieces in visual order (UAX #9 rule L2: from
// the highest level down to the lowest odd one, reverse every run of
// pieces at that level or higher; the space before a piece keeps its own
// level) and recomputes their x offsets. A word space a piece draws goes
// where its gap went (the space after "120" in "נתונים Firefox 120 אוסף"
// is left of "Firefox", not right of "120"); a space a line break replaced
// is trailing white space, at the paragraph's level (rule L1): at the end
// of the line in the paragraph's direction.
func visualOrder(ln lineOut, base int8) lineOut {
	type cell struct {
		it    *placed // nil for a space
		w     float64
		level int8
		of    int // the logical index of the piece the space is before
	}
	rtl := base%2 == 1
	for i := 0; i < len(ln.items) && !rtl; i++ {
		rtl = ln.items[i].level%2 == 1
	}
	if !rtl {
		return ln
	}
	var cells []cell
	maxLevel, minOdd := base, int8(127)
	for i := range ln.items {
		it := &ln.items[i]
		if it.glue > 0 {
			cells = append(cells, cell{w: it.glue, level: it.glueLevel, of: i})
		}
		cells = append(cells, cell{it: it, w: it.w, level: it.level, of: i})
	}
	for _, c := range cells {
		maxLevel = max(maxLevel, c.level)
		if c.level%2 == 1 {
			minOdd = min(minOdd, c.level)
		}
	}
	for lv := maxLevel; lv >= minOdd && lv >= 1; lv-- {
		for i := 0; i < len(cells); {
			if cells[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(cells) && cells[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				cells[a], cells[b] = cells[b], cells[a]
			}
			i = j
		}
	}
	out := lineOut{h: ln.h, w: ln.w, anchors: ln.anchors, items: make([]placed, 0, len(ln.items)), visual: true}
	gapAt := make([]float64, len(ln.items)) // centre of the gap before each piece
	hasGap := make([]bool, len(ln.items))
	at := make([]int, len(ln.items)) // index in out of each piece
	x := 0.0
	for _, c := range cells {
		if c.it != nil {
			it := *c.it
			it.x = x
			it.logical = c.of
			at[c.of] = len(out.items)
			out.items = append(out.items, it)
		} else {
			gapAt[c.of], hasGap[c.of] = x+c.w/2, true
		}
		x += c.w
	}
	// Where each space goes: its gap, else (a space a line break
	// replaced) the end of the line for the paragraph's direction.
	sw := spaceWidth(ln)
	end, start := ln.w+sw/2, -sw/2
	if base%2 == 1 {
		end, start = start, end
	}
	for i := range ln.items {
		it := &out.items[at[i]]
		if !it.spaceBefore && !it.spaceAfter {
			continue
		}
		bx, ax := start, end
		if hasGap[i] {
			bx = gapAt[i]
		}
		if i+1 < len(ln.items) && hasGap[i+1] {
			ax = gapAt[i+1]
		}
		// Beside the piece, where the painter draws it anyway, the
		// space needs no place of its own.
		wantB, wantA := it.x-it.gap/2, it.x+it.w+sw/2
		if it.run.RTL {
			wantB, wantA = it.x+it.w+it.gap/2, it.x-sw/2
		}
		near := func(a, b float64) bool { return abs(a-b) < sw/2 }
		if (it.spaceBefore && !near(bx, wantB)) || (it.spaceAfter && !near(ax, wantA)) {
			it.spaceAt, it.beforeX, it.afterX = true, bx-it.x, ax-it.x
		}
	}
	return out
}

// spaceWidth is the width of a word space on line ln: the widest gap of
// the line, or a quarter em of its tallest text.
func spaceWidth(ln lineOut) float64 {
	w := 0.0
	for _, it := range ln.items {
		w = max(w, it.glue)
	}
	if w == 0 {
		w = ln.h * 0.26
	}
	return w
}

// mergeAdjacent joins left-to-right pieces that touch (no space between)
// and share face, style and script into one run, so a line of CJK text
// (a unit per character) is drawn as one text object, not one per
// character. The glyphs are concatenated, not reshaped: the pieces were
// shaped apart, at break opportunities, and stay as shaped.
func (l *layouter) mergeAdjacent(ln lineOut) lineOut {
	if len(ln.items) < 2 {
		return ln
	}
	// In place: a piece is written at or before where it was read.
	out := ln.items[:0]
	for _, it := range ln.items {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			if prev.level%2 == 0 && it.level%2 == 0 && prev.st == it.st && prev.run.Face == it.run.Face &&
				prev.props == it.props && abs(prev.x+prev.w-it.x) < 0.001 && !it.run.RTL && !prev.run.RTL &&
				!prev.spaceAfter && !it.spaceBefore {
				prev.run = l.join(prev.run, it.run)
				prev.w += it.w
				continue
			}
		}
		out = append(out, it)
	}
	ln.items = out
	return ln
}

// maxJoins bounds the joined runs a document keeps for reuse.
const maxJoins = 1 << 14

// join returns shape.Join(a, b), the same run for the same two runs: the
// pieces of CJK lines are shaped runs shared through the shaper's cache,
// and a document repeats their sequences (its words), so its lines share
// the joined runs too instead of each holding its own until its page is
// drawn (a 2.4 MB Japanese paragraph held 73 MB of them).
func (l *layouter) join(a, b *shape.Run) *shape.Run {
	k := [2]*shape.Run{a, b}
	if r, ok := l.joins[k]; ok {
		return r
	}
	r := shape.Join(a, b)
	if l.joins == nil || len(l.joins) >= maxJoins {
		l.joins = make(map[[2]*shape.Run]*shape.Run)
	}
	l.joins[k] = r
	return r
}

// isRTLRune reports whether r is a strong right-to-left character.
func isRTLRune(r rune) bool {
	p, _ := xbidi.LookupRune(r)
	c := p.Class()
	return c == xbidi.R || c == xbidi.AL
}

// firstStrongRTL reports whether the first strong character of spans is
// right-to-left.
func firstStrongRTL(spans []span) bool {
	for _, sp := range spans {
		if rtl, ok := firstStrong(sp.text); ok {
			return rtl
		}
	}
	return false
}

// firstStrong reports whether the first strong character of s is right to
// left, and whether s has one.
func firstStrong(s string) (rtl, ok bool) {
	for _, r := range s {
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.R, xbidi.AL:
			return true, true
		case xbidi.L:
			return false, true
		}
	}
	return false, false
}

// textRTL is the direction of a line set on its own, such as the footer,
// from its first strong character (as HTML's dir="auto"); def where it has
// none. An English label on a right-to-left page (a locale without
// translated labels) is then set left to right: in N'Ko, whose digits are
// right to left, "Page 1 of 1" came out "߁ of ߁ Page".
func textRTL(s string, def bool) bool {
	if rtl, ok := firstStrong(s); ok {
		return rtl
	}
	return def
}

// shapeLine sets text as one line in style st (no breaking), in visual
// order for a paragraph direction rtl: running headers, footers, labels.
func (l *layouter) shapeLine(text string, st tstyle, rtl bool) lineOut {
	spans := []span{{text: text, st: st}}
	units := l.tokenize(spans, rtl)
	ln := lineOut{h: st.size}
	for _, u := range units {
		glue := 0.0
		if len(ln.items) > 0 && u.hasGlue {
			glue = u.glue
		}
		placeUnit(&ln, u, glue)
	}
	base := int8(0)
	if rtl {
		base = 1
	}
	return visualOrder(ln, base)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
