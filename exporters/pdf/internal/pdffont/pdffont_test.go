package pdffont

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/fonts"
)

func face(t *testing.T, file string) *fonts.Face {
	t.Helper()
	for _, f := range fonts.All() {
		if f.File == file {
			return f
		}
	}
	t.Fatalf("no face %s", file)
	return nil
}

// TestSubsetKeepsComponents: a subset holds the glyphs asked for, the
// components of composite glyphs and glyph 0, numbered in the order of
// their ids in the font, each with its outline (components renumbered) and
// metrics; the result is a font go-text parses.
func TestSubsetKeepsComponents(t *testing.T) {
	data, err := face(t, "NotoSans-Regular.ttf").Bytes()
	if err != nil {
		t.Fatal(err)
	}
	sf, err := parseSfnt(data)
	if err != nil {
		t.Fatal(err)
	}
	// Find a composite glyph, and take a simple one beside it.
	comp := -1
	for g := 1; g < sf.numGlyphs() && comp < 0; g++ {
		if len(sf.components(g)) > 0 {
			comp = g
		}
	}
	if comp < 0 {
		t.Fatal("no composite glyph in Noto Sans")
	}
	simple := 36 // a Latin letter
	if len(sf.components(simple)) > 0 {
		t.Fatalf("glyph %d is a composite", simple)
	}
	used := glyphs(uint16(comp), uint16(simple))
	sf.closure(used)
	parts := sf.components(comp)
	for _, p := range parts {
		if !used.has(uint16(p)) {
			t.Fatalf("closure left out component %d of glyph %d", p, comp)
		}
	}
	ids := used.list(nil)
	if ids[0] != 0 {
		t.Fatalf("closure left out glyph 0: %v", ids)
	}
	out := sf.subset(used)
	sub, err := parseSfnt(out)
	if err != nil {
		t.Fatal(err)
	}
	if sub.numGlyphs() != len(ids) || int(sub.u16("hhea", 34)) != len(ids) {
		t.Fatalf("glyph count %d, %d metrics, want %d (%v)", sub.numGlyphs(), sub.u16("hhea", 34), len(ids), ids)
	}
	glyph := func(s *sfnt, g int) []byte {
		a, b, _ := s.glyphRange(g)
		return s.tables["glyf"][a:b]
	}
	rk := newRank(used)
	for i, g := range ids {
		if got := int(rk.of(uint16(g))); got != i {
			t.Errorf("glyph %d: subset id %d, want %d", g, got, i)
		}
		if sub.advance(i) != sf.advance(g) {
			t.Errorf("glyph %d: advance %d in the subset, %d in the font", g, sub.advance(i), sf.advance(g))
		}
		want := glyph(sf, g)
		got := glyph(sub, i)
		if g != comp {
			// Simple glyphs are copied (padded to four bytes).
			if !bytes.Equal(got[:len(want)], want) || len(got)-len(want) > 3 {
				t.Errorf("glyph %d: %d bytes in the subset differ from its %d in the font", g, len(got), len(want))
			}
			continue
		}
		gotParts := sub.components(i)
		if len(gotParts) != len(parts) {
			t.Fatalf("composite %d: components %v in the subset, %v in the font", g, gotParts, parts)
		}
		for k, p := range parts {
			if gotParts[k] != int(rk.of(uint16(p))) {
				t.Errorf("composite %d: component %d is %d in the subset, want %d", g, p, gotParts[k], rk.of(uint16(p)))
			}
		}
	}
	if _, err := gofont.ParseTTF(bytes.NewReader(out)); err != nil {
		t.Errorf("subset does not parse: %v", err)
	}
}

func TestShowAndToUnicode(t *testing.T) {
	f := face(t, "NotoSans-Regular.ttf")
	run := shape.Shape(f, "Tyffany", shape.Props{Script: language.Latin})
	s := NewSet()
	ops, err := s.Show(run, 100, 700, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ops, "BT /GF1 10 Tf\n1 0 0 1 100 700 Tm [<0037>") || !strings.HasSuffix(ops, "] TJ\nET") {
		t.Errorf("ops:\n%s", ops)
	}
	if strings.Contains(ops, "ActualText") {
		t.Errorf("Latin run wrapped in ActualText:\n%s", ops)
	}
	df := s.byFace[f]
	cmap := string(df.toUnicode([]int{int(run.Glyphs[2].ID)}))
	if !strings.Contains(cmap, "<00660066>") { // ff
		t.Errorf("ToUnicode lacks ff for the ligature:\n%s", cmap)
	}
	// शक्ति draws ि first: ActualText carries the text.
	deva := shape.Shape(face(t, "NotoSansDevanagari-Regular.ttf"), "शक्ति", shape.Props{Script: language.Devanagari})
	ops, _ = s.Show(deva, 0, 0, 10)
	if !strings.HasPrefix(ops, ActualText("शक्ति")) || !strings.HasSuffix(ops, "EMC") {
		t.Errorf("reordered run without ActualText:\n%s", ops)
	}
	if got, want := ActualText("कि"), "/Span <</ActualText <FEFF0915093F>>> BDC"; got != want {
		t.Errorf("ActualText = %q, want %q", got, want)
	}
}

// TestShowSpaced: word spaces are the face's space glyph, mapped to U+0020:
// inside a left-to-right run's TJ (before it in the gap, after it at the
// pen), and as text objects of their own, in logical order, around a run
// in an ActualText span (whose text would hide them) or a right-to-left
// one.
func TestShowSpaced(t *testing.T) {
	f := face(t, "NotoSans-Regular.ttf")
	ft, err := f.Font()
	if err != nil {
		t.Fatal(err)
	}
	g, ok := ft.NominalGlyph(' ')
	if !ok {
		t.Fatal("Noto Sans has no space glyph")
	}
	sp := "<" + hex4(uint16(g)) + ">"
	spHex := hex4(uint16(g))
	s := NewSet()
	run := shape.Shape(f, "word", shape.Props{Script: language.Latin})
	ops, err := s.ShowSpaced(run, 100, 700, 10, Spaces{Before: true, Gap: 3, After: true})
	if err != nil {
		t.Fatal(err)
	}
	// The space before starts the text object 3 points left of the word.
	if !strings.HasPrefix(ops, "BT /GF1 10 Tf\n1 0 0 1 97 700 Tm [<"+spHex) || !strings.HasSuffix(ops, spHex+">] TJ\nET") ||
		strings.Count(ops, "BT") != 1 {
		t.Errorf("spaced Latin run:\n%s", ops)
	}
	df := s.byFace[f]
	if !strings.Contains(string(df.toUnicode([]int{int(g)})), sp+" <0020>") {
		t.Errorf("ToUnicode does not map the space glyph to U+0020")
	}
	plain, _ := s.Show(run, 100, 700, 10)
	if slices.Contains(drawnCodes(plain), g) {
		t.Errorf("Show without spaces drew a space:\n%s", plain)
	}

	he := face(t, "NotoSansHebrew-Regular.ttf")
	rtl := shape.Shape(he, "שלום", shape.Props{Script: language.Hebrew, RTL: true})
	ops, _ = s.ShowSpaced(rtl, 100, 700, 10, Spaces{After: true})
	heSpace, _ := he.Glyph(' ')
	if codes := drawnCodes(ops); strings.Count(ops, "BT") != 1 || len(codes) != 5 || codes[4] != heSpace {
		t.Errorf("right-to-left run: want its glyphs, then the space after it (left of it), in one text object:\n%s", ops)
	}

	deva := shape.Shape(face(t, "NotoSansDevanagari-Regular.ttf"), "शक्ति", shape.Props{Script: language.Devanagari})
	ops, _ = s.ShowSpaced(deva, 0, 0, 10, Spaces{Before: true, Gap: 2})
	if i := strings.Index(ops, ActualText("शक्ति")); i < 0 || strings.Count(ops[:i], "BT") != 1 || strings.Count(ops, "BT") != 2 {
		t.Errorf("ActualText run: want the space's own text object before the span:\n%s", ops)
	}
}

// showRTL shapes word right to left in face f, draws it in a new set and
// returns the run, the operators and the set's font for f; a
// right-to-left run needs no ActualText span.
func showRTL(t *testing.T, f *fonts.Face, word string, script language.Script) (*shape.Run, string, *docFont) {
	t.Helper()
	run := shape.Shape(f, word, shape.Props{RTL: true, Script: script})
	s := NewSet()
	ops, err := s.Show(run, 0, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ops, "ActualText") {
		t.Errorf("right-to-left run wrapped in ActualText:\n%s", ops)
	}
	return run, ops, s.byFace[f]
}

// TestRightToLeftCodes: בְּבִטְחָה draws ב under two sets of points. Each
// right-to-left cluster's text, reversed, is on its base glyph (extractors
// read the line from its visual end), so the second ב gets a code of its
// own, mapped back to the glyph by the CIDToGIDMap; no ActualText span is
// needed, and the glyph ids drawn are still HarfBuzz's.
func TestRightToLeftCodes(t *testing.T) {
	f := face(t, "NotoSansHebrew-Regular.ttf")
	_, _, df := showRTL(t, f, "בְּבִטְחָה", language.Hebrew)
	withText := map[codeKey]uint16{}
	for k, c := range df.codes {
		if k.text != "" {
			withText[k] = c
		} else if !unicode.Is(unicode.Cf, rune(c)) {
			t.Errorf("glyph %d, which stands for no text, drawn with code %#04x, not a silent one", k.gid, c)
		} else if tc, ok := df.text(c); !ok || tc != "" {
			t.Errorf("silent code %#04x maps to %q %v, want no text", c, tc, ok)
		}
	}
	if len(withText) != 1 {
		t.Fatalf("extra codes with a text %v, want one (the second ב)", withText)
	}
	ft, err := f.Font()
	if err != nil {
		t.Fatal(err)
	}
	gid, _ := ft.NominalGlyph('ב')
	bet := uint16(gid)
	var texts []string
	for k, c := range withText {
		if g := df.gid(c); g != bet || k.gid != bet || int(c) < df.sf.numGlyphs() {
			t.Errorf("extra code %d for glyph %d, want a code past the glyph ids for ב (%d)", c, g, bet)
		}
		tc, _ := df.text(c)
		tg, _ := df.text(bet)
		texts = append(texts, tc, tg)
	}
	if strings.Join(texts, " ") != "\u05B4ב \u05BC\u05B0ב" && strings.Join(texts, " ") != "\u05BC\u05B0ב \u05B4ב" {
		t.Errorf("ב texts %q, want its clusters reversed (ִב and ְּב)", texts)
	}
}

// TestRightToLeftLigatureCodes: in الإشعار, lam and alef are one glyph
// (lam-alef). Its code stands for the lam, and the alef is a code of the
// face's blank glyph (no outline, no advance) drawn after it, just left of
// it: the codes read in drawing order give the word (a tagged PDF's
// structure, pdfminer), and read by position, right to left, too.
func TestRightToLeftLigatureCodes(t *testing.T) {
	f := face(t, "NotoSansArabic-Regular.ttf")
	const word = "الإشعار"
	run, ops, df := showRTL(t, f, word, language.Arabic)
	blank, ok := df.blankGlyph()
	if !ok {
		t.Fatal("no blank glyph in the Arabic face")
	}
	if a, b, _ := df.sf.glyphRange(int(blank)); a != b || df.width(blank) != 0 {
		t.Errorf("blank glyph %d has an outline or a width", blank)
	}
	var read strings.Builder
	blanks := 0
	for _, c := range drawnCodes(ops) {
		tx, ok := df.text(uint16(c))
		if !ok {
			t.Errorf("code %04X has no ToUnicode entry", c)
		}
		if df.gid(uint16(c)) == blank {
			blanks++
		}
		read.WriteString(tx)
	}
	if read.String() != word {
		t.Errorf("codes read in drawing order give %q, want %q", read.String(), word)
	}
	if blanks != 1 {
		t.Errorf("%d blank glyphs drawn, want 1 (the alef of lam-alef)", blanks)
	}
	if len(run.Glyphs) != utf8.RuneCountInString(word)-1 {
		t.Errorf("%d glyphs for %d letters: lam-alef not one glyph", len(run.Glyphs), utf8.RuneCountInString(word))
	}
}

// numStrconv is num as strconv formats it: the reference appendNum's fast
// path must match byte for byte.
func numStrconv(v float64) string {
	b := strconv.AppendFloat(nil, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b) == "-0" {
		return "0"
	}
	return string(b)
}

// TestNumMatchesStrconv: numbers are written exactly as strconv rounds
// them to three decimals (trailing zeros dropped), ties between two
// thousandths and numbers past the fast path's range included.
func TestNumMatchesStrconv(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(v float64) {
		t.Helper()
		if got, want := num(v), numStrconv(v); got != want {
			t.Fatalf("num(%v) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.0005, -0.0005, 0.0015, 0.0025, 1.0005,
		-0.0004, -0.0006, 999999.9995, 1e6, -1e6, 1e7 + 0.0005, 123456789.123456, 0.1 + 0.2, 841.89, 595.28, 10.5} {
		check(v)
	}
	for range 200000 {
		check((rng.Float64() - 0.5) * 2000)              // coordinates
		check(float64(rng.IntN(2000000)-1000000) / 2000) // ties and near ties
		check(float64(rng.IntN(2000000)-1000000)/1000 + (rng.Float64()-0.5)*1e-9)
		check((rng.Float64() - 0.5) * 4e6) // past the fast path
		check(math.Float64frombits(rng.Uint64()))
	}
}

// tjRE matches a TJ array; hexRE a hex string in it: glyph codes, four
// digits each.
var (
	tjRE  = regexp.MustCompile(`\[([^\]]*)\] TJ`)
	hexRE = regexp.MustCompile(`<([0-9A-F]*)>`)
)

// drawnCodes returns the codes the TJ arrays of ops draw, in order.
func drawnCodes(ops string) []gofont.GID {
	var out []gofont.GID
	for _, tj := range tjRE.FindAllStringSubmatch(ops, -1) {
		for _, m := range hexRE.FindAllStringSubmatch(tj[1], -1) {
			if len(m[1])%4 != 0 {
				panic("hex string of " + strconv.Itoa(len(m[1])) + " digits: " + m[0])
			}
			for i := 0; i < len(m[1]); i += 4 {
				c, _ := strconv.ParseUint(m[1][i:i+4], 16, 16)
				out = append(out, gofont.GID(c))
			}
		}
	}
	return out
}

// TestSilentCodes: silentCodes are Unicode format characters (Cf), which
// pdf.js leaves out where it reads a code as its character, ascending;
// glyphs that stand for no text get them (past the font's glyph ids, each
// once), and when they run out, the glyph's own code, mapped to no text.
func TestSilentCodes(t *testing.T) {
	for i, c := range silentCodes {
		// A format character, and not whitespace to JavaScript's \s
		// (pdf.js checks that first).
		if !unicode.Is(unicode.Cf, rune(c)) || unicode.IsSpace(rune(c)) || c == 0xFEFF || c == 0x180E {
			t.Errorf("silent code %#04x is not a format character, or is whitespace to JavaScript", c)
		}
		if i > 0 && c <= silentCodes[i-1] {
			t.Errorf("silent codes not ascending at %#04x", c)
		}
	}
	df := &docFont{faceInfo: &faceInfo{numGlyphs: 0x2000}}
	seen := map[uint16]bool{}
	for gid := uint16(1); gid <= 40; gid++ {
		c, ok := df.code(df.slot(gid), gid, "")
		if !ok {
			t.Fatalf("glyph %d: no code", gid)
		}
		if again, _ := df.code(df.slot(gid), gid, ""); again != c {
			t.Errorf("glyph %d drawn twice with no text: codes %#04x and %#04x", gid, c, again)
		}
		silent := unicode.Is(unicode.Cf, rune(c))
		if silent && (int(c) < df.numGlyphs || seen[c] || df.gid(c) != gid) {
			t.Errorf("glyph %d: silent code %#04x inside the glyph ids, given twice, or drawing glyph %d", gid, c, df.gid(c))
		}
		if !silent && c != gid {
			t.Errorf("glyph %d: code %#04x, want a silent one or, when they are out, its own", gid, c)
		}
		seen[c] = true
	}
	// The codes past 0x2000 (0x200B-0x206F, FFF9-FFFB): 28 silent codes,
	// then the glyphs' own.
	if n := len(df.codes); n != 28 {
		t.Errorf("%d silent codes given in a font of 0x2000 glyphs, want 28", n)
	}
	// An extra code with a text skips the silent codes given.
	df.slot(50).mapped, df.slot(50).text = true, "x"
	for i := 0; i < 0x0C; i++ {
		df.code(df.slot(50), 50, fmt.Sprint(i))
	}
	for _, c := range df.codes {
		if df.slot(c).gid == 50 && unicode.Is(unicode.Cf, rune(c)) {
			t.Errorf("extra code %#04x with a text is a silent code", c)
		}
	}
}
