package pdf

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/galleydoc/galley/fonts"
)

// Pre-base vowel signs. fpdf draws glyphs in the order of the text, without
// shaping, but in Devanagari and Bengali some vowel signs are stored after
// the consonant cluster they belong to and written before it: "कि" is क + ि
// in memory and ि क on paper. Bengali also has two-part signs (ো = ে + া):
// their first part moves, the second stays. The painter draws such words in
// visual order (visualIndic) and wraps them in a marked-content span whose
// /ActualText is the logical text, so that copying and text extraction still
// give the text as written. Conjuncts, half forms and reph are not formed
// (the virama shows): that needs a shaping engine.

// indicScript describes one script's cluster structure for reordering.
type indicScript struct {
	lo, hi    rune // the script's block
	virama    rune
	nukta     rune // 0 when the script has none
	consonant func(r rune) bool
	preBase   func(r rune) bool
}

var indicScripts = []*indicScript{
	{ // Devanagari
		lo: 0x0900, hi: 0x097F, virama: 0x094D, nukta: 0x093C,
		consonant: func(r rune) bool {
			return (r >= 0x0915 && r <= 0x0939) || (r >= 0x0958 && r <= 0x095F) || (r >= 0x0978 && r <= 0x097F)
		},
		preBase: func(r rune) bool { return r == 0x093F },
	},
	{ // Bengali: ি ে ৈ, and ো ৌ split
		lo: 0x0980, hi: 0x09FF, virama: 0x09CD, nukta: 0x09BC,
		consonant: func(r rune) bool {
			return (r >= 0x0995 && r <= 0x09B9) || r == 0x09DC || r == 0x09DD || r == 0x09DF || r == 0x09F0 || r == 0x09F1
		},
		preBase: func(r rune) bool { return r == 0x09BF || r == 0x09C7 || r == 0x09C8 },
	},
}

func indicScriptOf(r rune) *indicScript {
	for _, s := range indicScripts {
		if r >= s.lo && r <= s.hi {
			return s
		}
	}
	return nil
}

// isVirama reports whether r is the virama of a script that reorders.
func isVirama(r rune) bool {
	sc := indicScriptOf(r)
	return sc != nil && r == sc.virama
}

// needsReorder reports whether s holds a pre-base or split vowel sign.
func needsReorder(s string) bool {
	for _, r := range s {
		if r < 0x0900 || r > 0x0DFF {
			continue
		}
		if sc := indicScriptOf(r); sc != nil {
			if _, _, ok := fonts.SplitVowel(r); ok || sc.preBase(r) {
				return true
			}
		}
	}
	return false
}

// visualIndic returns s with every pre-base vowel sign (and the pre-base
// part of every split vowel sign) moved before its consonant cluster: the
// consonant, its nukta, and the consonant + virama links before it ("क्ति"
// → "िक्त"). A sign that follows no consonant stays where it is.
func visualIndic(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+2)
	for _, r := range rs {
		sc := indicScriptOf(r)
		if sc == nil {
			out = append(out, r)
			continue
		}
		pre, rest := rune(0), rune(0)
		if a, b, ok := fonts.SplitVowel(r); ok {
			pre, rest = a, b
		} else if sc.preBase(r) {
			pre = r
		} else {
			out = append(out, r)
			continue
		}
		start := clusterStart(out, sc)
		if start < 0 { // no consonant before it: leave it where it is
			if rest != 0 {
				out = append(out, pre, rest) // as measured: two parts
			} else {
				out = append(out, r)
			}
			continue
		}
		out = append(out, 0)
		copy(out[start+1:], out[start:])
		out[start] = pre
		if rest != 0 {
			out = append(out, rest)
		}
	}
	return string(out)
}

// clusterStart returns where the consonant cluster ending at the end of rs
// starts, or -1 when rs does not end with a consonant (and optional nukta).
func clusterStart(rs []rune, sc *indicScript) int {
	i := len(rs)
	// consonant [nukta]
	base := func(i int) int {
		if i > 0 && sc.nukta != 0 && rs[i-1] == sc.nukta {
			i--
		}
		if i > 0 && sc.consonant(rs[i-1]) {
			return i - 1
		}
		return -1
	}
	start := base(i)
	if start < 0 {
		return -1
	}
	// preceded by consonant [nukta] virama, any number of times
	for start > 0 && rs[start-1] == sc.virama {
		prev := base(start - 1)
		if prev < 0 {
			break
		}
		start = prev
	}
	return start
}

// actualText returns the marked-content operator that opens a span whose
// text, for extraction, is s: /Span <</ActualText <FEFF…>>> BDC.
func actualText(s string) string {
	var sb strings.Builder
	sb.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&sb, "%04X", u)
	}
	sb.WriteString(">>> BDC")
	return sb.String()
}

// text draws s at (x, y) in the current font and size (size points). Words
// with pre-base vowel signs are drawn in visual order inside an ActualText
// span; everything else exactly as given.
func (p *painter) text(x, y float64, s string, size float64) {
	if !needsReorder(s) {
		p.pdf.Text(x, y, s)
		return
	}
	// Draw word by word: plain words are gathered into one Text call, each
	// reordered word gets its own span.
	f := p.font
	plain, plainX := "", x
	flush := func() {
		if plain != "" {
			p.pdf.Text(plainX, y, plain)
			plain = ""
		}
	}
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			if plain == "" {
				plainX = x
			}
			plain += " "
			x += f.Width(" ", size)
		}
		if w == "" {
			continue
		}
		if !needsReorder(w) {
			if plain == "" {
				plainX = x
			}
			plain += w
			x += f.Width(w, size)
			continue
		}
		flush()
		p.pdf.RawWriteStr(actualText(w))
		p.pdf.Text(x, y, visualIndic(w))
		p.pdf.RawWriteStr("EMC")
		x += f.Width(w, size)
	}
	flush()
}
