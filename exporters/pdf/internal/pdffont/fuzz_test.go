package pdffont

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
)

// fuzzFaces are the faces FuzzShow sets text in: one per shaper family
// whose text mapping differs (Latin ligatures, Arabic joining and marks,
// Hebrew points, Indic reordering, Thaana vowel signs).
var fuzzFaces = []string{
	"NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf",
	"NotoSansDevanagari-Regular.ttf", "NotoSansThaana-Regular.ttf",
}

// FuzzShow shapes any text in either direction and draws it: the codes
// drawn must draw HarfBuzz's glyphs in order (left to right; right to left,
// in logical order, for a right-to-left run), each code's ToUnicode text
// must be the text the shaper's clusters give its glyph, and where the run
// needs no ActualText those texts, in drawing order, must read back as the
// run's text: as they are for a left-to-right run, each reversed (a
// cluster's text, reversed, is on its first glyph) for a right-to-left
// one.
func FuzzShow(f *testing.F) {
	for i, s := range []string{
		"Tyffany officeAVAWAY", "بِسْمِ اللَّهِ الرَّحْمَٰنِ", "בְּבִטְחָה וְהַמִּשְׁפָּט", "शक्ति प्राप्त",
		"ދިވެހި މަޢުލޫމާތު", "می‌گذاریم", "لا لأ لإ", "a\u0301\u0301 \u200D\u200C", "\u05D1\u05B0\u05BC\u05D1\u05B4",
	} {
		f.Add(s, uint8(i))
		f.Add(s, uint8(i|8))
	}
	f.Fuzz(func(t *testing.T, text string, pick uint8) {
		if !utf8.ValidString(text) || len(text) > 300 {
			return
		}
		fc := face(t, fuzzFaces[int(pick&7)%len(fuzzFaces)])
		rtl := pick&8 != 0
		script := language.Latin
		for _, r := range text {
			if s := shape.ScriptOf(r); shape.IsRealScript(s) {
				script = s
				break
			}
		}
		run := shape.Shape(fc, text, shape.Props{RTL: rtl, Script: script})
		if run == nil || len(run.Glyphs) == 0 {
			return
		}
		s := NewSet()
		// Draw twice: the second run finds every code already given.
		for pass := 0; pass < 2; pass++ {
			ops, err := s.Show(run, 0, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			df := s.byFace[fc]
			texts, actual := run.GlyphText()
			codes := drawnCodes(ops)
			if len(codes) != len(run.Glyphs) {
				t.Fatalf("%q: %d codes drawn, %d glyphs", text, len(codes), len(run.Glyphs))
			}
			order := make([]int, len(codes)) // the glyph each code draws
			for k := range order {
				order[k] = k
				if rtl {
					order[k] = len(order) - 1 - k
				}
			}
			for k, c := range codes {
				i := order[k]
				if g := df.gid(uint16(c)); g != run.Glyphs[i].ID {
					t.Fatalf("%q: glyph %d: code %04X draws glyph %d, want %d", text, i, c, g, run.Glyphs[i].ID)
				}
				if tu, ok := df.text(uint16(c)); (ok || texts[i] != "") && tu != texts[i] && !actual {
					t.Fatalf("%q: glyph %d: code %04X maps to %q, want %q", text, i, c, tu, texts[i])
				}
			}
			if actual {
				continue
			}
			var read []rune
			for _, i := range order {
				rs := []rune(texts[i])
				if rtl {
					slices.Reverse(rs)
				}
				read = append(read, rs...)
			}
			if string(read) != text {
				t.Fatalf("%q (rtl %v): glyph texts read back as %q", text, rtl, string(read))
			}
		}
	})
}
