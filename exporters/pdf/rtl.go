package pdf

import (
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"github.com/galleydoc/galley/fonts"
)

// Right-to-left text. fpdf draws runes left to right and knows nothing of
// bidi or Arabic joining (its RTL() only reverses runes), so the exporter:
//
//   - shapes Arabic letters into their contextual forms by mapping them to
//     Arabic Presentation Forms-B (U+FE70–U+FEFF), which Noto Sans Arabic
//     maps in its cmap, including the lam-alef ligatures;
//   - gives each paragraph a direction: the document's (Meta.Direction) or,
//     for "ltr" or unset, that of its first strong character;
//   - after line breaking (in logical order), reorders each line visually
//     with a simplified Unicode bidi algorithm: right-to-left letters at
//     odd levels, left-to-right letters and numbers inside right-to-left
//     paragraphs one level up, neutrals taking the level of their
//     neighbours when both agree and the paragraph level otherwise, then
//     rule L2's reversals and L4's mirroring of brackets;
//   - right-aligns right-to-left paragraphs and puts list markers and quote
//     rules on the right.
//
// Not handled: explicit embeddings and isolates (the controls are dropped),
// numbers' own ordering rules inside left-to-right paragraphs, Hebrew points
// and Arabic marks positioned by the font's GPOS (they are drawn where fpdf
// puts them, after their base letter).

// isRTLRune reports whether r is a strong right-to-left character.
func isRTLRune(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// firstStrongRTL reports whether the first strong character of spans is
// right-to-left.
func firstStrongRTL(spans []span) bool {
	for _, sp := range spans {
		for _, r := range sp.text {
			p, _ := bidi.LookupRune(r)
			switch p.Class() {
			case bidi.R, bidi.AL:
				return true
			case bidi.L:
				return false
			}
		}
	}
	return false
}

// Arabic joining. forms[r] gives the presentation form of r when isolated;
// final = isolated+1, initial = isolated+2, medial = isolated+3 for dual
// joining letters (four forms), and final = isolated+1 for right-joining
// ones (two forms).
type arabicForm struct {
	iso  rune
	dual bool
}

var arabicForms = map[rune]arabicForm{
	0x0621: {0xFE80, false}, // hamza: isolated only (handled as non-joining)
	0x0622: {0xFE81, false}, 0x0623: {0xFE83, false}, 0x0624: {0xFE85, false},
	0x0625: {0xFE87, false}, 0x0626: {0xFE89, true}, 0x0627: {0xFE8D, false},
	0x0628: {0xFE8F, true}, 0x0629: {0xFE93, false}, 0x062A: {0xFE95, true},
	0x062B: {0xFE99, true}, 0x062C: {0xFE9D, true}, 0x062D: {0xFEA1, true},
	0x062E: {0xFEA5, true}, 0x062F: {0xFEA9, false}, 0x0630: {0xFEAB, false},
	0x0631: {0xFEAD, false}, 0x0632: {0xFEAF, false}, 0x0633: {0xFEB1, true},
	0x0634: {0xFEB5, true}, 0x0635: {0xFEB9, true}, 0x0636: {0xFEBD, true},
	0x0637: {0xFEC1, true}, 0x0638: {0xFEC5, true}, 0x0639: {0xFEC9, true},
	0x063A: {0xFECD, true}, 0x0641: {0xFED1, true}, 0x0642: {0xFED5, true},
	0x0643: {0xFED9, true}, 0x0644: {0xFEDD, true}, 0x0645: {0xFEE1, true},
	0x0646: {0xFEE5, true}, 0x0647: {0xFEE9, true}, 0x0648: {0xFEED, false},
	0x0649: {0xFEEF, false}, 0x064A: {0xFEF1, true},
}

// lamAlef maps the alef that follows a lam to the isolated lam-alef
// ligature (final = +1).
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

func isTransparent(r rune) bool {
	return unicode.Is(unicode.Mn, r) && r >= 0x0610 && r <= 0x06ED
}

// joinsLeft reports whether r connects to the following letter (dual
// joining or tatweel).
func joinsLeft(r rune) bool {
	if r == 0x0640 {
		return true
	}
	f, ok := arabicForms[r]
	return ok && f.dual
}

// joinsRight reports whether r connects to the preceding letter.
func joinsRight(r rune) bool {
	if r == 0x0640 {
		return true
	}
	_, ok := arabicForms[r]
	return ok && r != 0x0621
}

// shapeArabic replaces Arabic letters by their contextual presentation
// forms when face f (the Arabic face) has them.
func shapeArabic(s string, f *fonts.Face) string {
	rs := []rune(s)
	has := false
	for _, r := range rs {
		if _, ok := arabicForms[r]; ok {
			has = true
			break
		}
	}
	if !has || f == nil {
		return s
	}
	out := make([]rune, 0, len(rs))
	prevJoins := false // the previous letter connects to this one
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		form, ok := arabicForms[r]
		if !ok || r == 0x0621 {
			out = append(out, r)
			if !isTransparent(r) {
				prevJoins = r == 0x0640
			}
			continue
		}
		// Next non-transparent character.
		j := i + 1
		for j < len(rs) && isTransparent(rs[j]) {
			j++
		}
		var next rune
		if j < len(rs) {
			next = rs[j]
		}
		// Lam followed by alef: the ligature, replacing both.
		if r == 0x0644 && j < len(rs) {
			if lig, ok := lamAlef[next]; ok {
				c := lig
				if prevJoins {
					c = lig + 1
				}
				if f.Has(c) {
					out = append(out, c)
					out = append(out, rs[i+1:j]...) // marks between them
					i = j
					prevJoins = false
					continue
				}
			}
		}
		joinNext := form.dual && j < len(rs) && joinsRight(next)
		c := form.iso
		switch {
		case prevJoins && joinNext:
			c = form.iso + 3
		case prevJoins:
			c = form.iso + 1
		case joinNext:
			c = form.iso + 2
		}
		if !f.Has(c) {
			c = r
		}
		out = append(out, c)
		prevJoins = joinNext
	}
	return string(out)
}

var mirrors = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<',
	'«': '»', '»': '«', '‹': '›', '›': '‹',
}

// bidiCell is one character of a line being reordered.
type bidiCell struct {
	r     rune
	face  *fonts.Face // nil for the glue between items
	st    tstyle
	w     float64
	level int
}

// reorderLine puts a line's pieces in visual order for a paragraph of base
// level 0 (left to right) or 1 (right to left).
func reorderLine(ln lineOut, base int) lineOut {
	var cells []bidiCell
	end := 0.0
	for _, it := range ln.items {
		if gap := it.x - end; gap > 0.01 && len(cells) > 0 {
			cells = append(cells, bidiCell{r: ' ', w: gap, st: it.st})
		}
		for _, r := range it.text {
			cells = append(cells, bidiCell{r: r, face: it.face, st: it.st, w: float64(it.face.Advance(r)) * it.st.size / 1000})
		}
		end = it.x + it.w
	}
	if len(cells) == 0 {
		return ln
	}
	// Resolve levels: -1 marks neutrals.
	maxLevel := base
	for i := range cells {
		p, _ := bidi.LookupRune(cells[i].r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			cells[i].level = 1
		case bidi.L:
			cells[i].level = base + base // 0 in LTR, 2 in RTL
		case bidi.EN, bidi.AN:
			if base == 1 {
				cells[i].level = 2
			} else {
				cells[i].level = 0
			}
		case bidi.NSM:
			cells[i].level = -2 // takes the level of the preceding character
		default:
			cells[i].level = -1
		}
	}
	for i := range cells {
		if cells[i].level == -2 {
			if i > 0 && cells[i-1].level >= 0 {
				cells[i].level = cells[i-1].level
			} else {
				cells[i].level = -1
			}
		}
	}
	for i := 0; i < len(cells); {
		if cells[i].level >= 0 {
			i++
			continue
		}
		j := i
		for j < len(cells) && cells[j].level < 0 {
			j++
		}
		lv := base
		if i > 0 && j < len(cells) && cells[i-1].level == cells[j].level {
			lv = cells[i-1].level
		}
		for k := i; k < j; k++ {
			cells[k].level = lv
		}
		i = j
	}
	for i := range cells {
		if cells[i].level > maxLevel {
			maxLevel = cells[i].level
		}
		if cells[i].level%2 == 1 {
			if m, ok := mirrors[cells[i].r]; ok && cells[i].face != nil && cells[i].face.Has(m) {
				cells[i].r = m
			}
		}
	}
	// L2: reverse runs at each level from the highest to the lowest odd one.
	for lv := maxLevel; lv >= 1; lv-- {
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
	out := lineOut{h: ln.h, w: ln.w, anchors: ln.anchors}
	x := 0.0
	for _, c := range cells {
		if c.face == nil {
			x += c.w
			continue
		}
		n := len(out.items)
		if n > 0 && out.items[n-1].face == c.face && out.items[n-1].st == c.st && abs(out.items[n-1].x+out.items[n-1].w-x) < 0.001 {
			out.items[n-1].text += string(c.r)
			out.items[n-1].w += c.w
		} else {
			out.items = append(out.items, placed{piece: piece{text: string(c.r), face: c.face, st: c.st, w: c.w}, x: x})
		}
		x += c.w
	}
	return out
}

// lineHasRTL reports whether a line holds right-to-left characters.
func lineHasRTL(ln lineOut) bool {
	for _, it := range ln.items {
		for _, r := range it.text {
			if r >= 0x0590 && isRTLRune(r) {
				return true
			}
		}
	}
	return false
}
