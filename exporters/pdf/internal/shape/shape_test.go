package shape

import (
	"testing"

	"github.com/go-text/typesetting/language"

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

// TestShapeDevanagari: a conjunct and a pre-base vowel sign come out as
// HarfBuzz (hb-shape 6.0 on the same file) gives them.
func TestShapeDevanagari(t *testing.T) {
	f := face(t, "NotoSansDevanagari-Regular.ttf")
	r := Shape(f, "प्राप्त", Props{Script: language.Devanagari})
	want := []Glyph{{274, 568, 0, 0, 0}, {66, 259, 0, 0, 0}, {203, 308, 0, 0, 4}, {40, 570, 0, 0, 6}}
	if len(r.Glyphs) != len(want) {
		t.Fatalf("glyphs %+v, want %+v", r.Glyphs, want)
	}
	for i := range want {
		if r.Glyphs[i] != want[i] {
			t.Errorf("glyph %d: %+v, want %+v", i, r.Glyphs[i], want[i])
		}
	}
	if r.Advance != 568+259+308+570 || r.UPEM != 1000 {
		t.Errorf("advance %d upem %d", r.Advance, r.UPEM)
	}
	if Shape(f, "प्राप्त", Props{Script: language.Devanagari}) != r {
		t.Error("second call not served from the cache")
	}
	texts, reorder := r.GlyphText()
	if texts[0] != "प्रा" && texts[0] != "प्र" {
		t.Errorf("first glyph text %q", texts[0])
	}
	_ = reorder
	// शक्ति: ि is drawn before क्त; the glyphs cannot give the text in order.
	if _, reorder := Shape(f, "शक्ति", Props{Script: language.Devanagari}).GlyphText(); !reorder {
		t.Error("शक्ति: reordered vowel sign not reported")
	}
}

// TestGlyphTextRTL: in right-to-left runs a glyph for several letters (the
// lam-alef ligature) carries them in visual order; the run's glyphs are in
// visual order and its clusters decrease.
func TestGlyphTextRTL(t *testing.T) {
	f := face(t, "NotoSansArabic-Regular.ttf")
	r := Shape(f, "لا", Props{RTL: true, Script: language.Arabic})
	if len(r.Glyphs) != 1 {
		t.Fatalf("لا: %d glyphs, want the ligature", len(r.Glyphs))
	}
	texts, reorder := r.GlyphText()
	if texts[0] != "ال" || reorder {
		t.Errorf("لا: text %q reorder %v, want \"ال\" false", texts[0], reorder)
	}
	r = Shape(f, "سلام", Props{RTL: true, Script: language.Arabic})
	if r.Glyphs[0].Cluster < r.Glyphs[len(r.Glyphs)-1].Cluster {
		t.Errorf("سلام: glyphs not in visual order: %+v", r.Glyphs)
	}
	var got []int
	r.Clusters(func(from, to, g0, g1 int) { got = append(got, from, to) })
	if len(got) < 2 || got[0] != 0 || got[len(got)-1] != 4 {
		t.Errorf("clusters %v do not cover the text in logical order", got)
	}
}

// TestShapeLatin: kerning and the ff ligature from Noto Sans.
func TestShapeLatin(t *testing.T) {
	f := face(t, "NotoSans-Regular.ttf")
	r := Shape(f, "Tyffany", Props{Script: language.Latin})
	if len(r.Glyphs) != 6 {
		t.Fatalf("Tyffany: %d glyphs, want 6 (ff ligature)", len(r.Glyphs))
	}
	texts, _ := r.GlyphText()
	if texts[2] != "ff" {
		t.Errorf("ligature text %q, want ff", texts[2])
	}
	if r.Glyphs[0].Advance >= 600 { // T kerned against y: 536 in hb-shape
		t.Errorf("T advance %d: not kerned", r.Glyphs[0].Advance)
	}
}
