package shape

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gofont "github.com/go-text/typesetting/font"
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
	// The conjunct प्र is no character's glyph: the cluster's two
	// glyphs stand for its characters in order, none for nothing.
	texts, _ := r.GlyphText()
	if texts[0] == "" || texts[1] == "" || texts[0]+texts[1] != "प्रा" {
		t.Errorf("cluster प्रा: glyph texts %q", texts[:2])
	}
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

// TestLightFaces: a run is shaped first with the face's font without its
// mark attachment lookups, and again with the full font where a glyph it
// gives is a mark; either way the run is the full font's. Thai ำ (not a
// combining character) decomposes into a mark and a vowel; Latin letters
// need no mark lookup, so Noto Sans stays light; a combining accent goes to
// the full font at once.
func TestLightFaces(t *testing.T) {
	full := func(f *fonts.Face, text string, p Props) []Glyph {
		ft, err := f.Font()
		if err != nil {
			t.Fatal(err)
		}
		s := getShaper()
		defer putShaper(s)
		buf := s.shape(ft, []rune(text), p)
		var out []Glyph
		for i, in := range buf.Info {
			pos := buf.Pos[i]
			out = append(out, Glyph{ID: uint16(in.Glyph), Advance: int32(pos.XAdvance), XOff: int32(pos.XOffset), YOff: int32(pos.YOffset), Cluster: int32(in.Cluster)})
		}
		return out
	}
	thai := face(t, "NotoSansThai-Regular.ttf")
	if !thai.Light() {
		t.Fatal("Noto Sans Thai has no light font, or was used with marks already")
	}
	for _, c := range []struct {
		face  *fonts.Face
		text  string
		p     Props
		light bool // the face stays light after the run
	}{
		{face(t, "NotoSans-Regular.ttf"), "Tyffany office AVAWAY", Props{Script: language.Latin}, true},
		{face(t, "NotoSans-Regular.ttf"), "cafe\u0301 q\u0301", Props{Script: language.Latin}, true},
		{thai, "ทำ", Props{Script: language.Thai}, false},
		{thai, "ทำงาน", Props{Script: language.Thai}, false},
	} {
		r := Shape(c.face, c.text, c.p)
		want := full(c.face, c.text, c.p)
		if len(r.Glyphs) != len(want) {
			t.Fatalf("%q: glyphs %+v, the full font gives %+v", c.text, r.Glyphs, want)
		}
		for i := range want {
			if r.Glyphs[i] != want[i] {
				t.Errorf("%q: glyph %d is %+v, the full font gives %+v", c.text, i, r.Glyphs[i], want[i])
			}
		}
		if c.face.Light() != c.light {
			t.Errorf("%q: face light %v after the run, want %v", c.text, c.face.Light(), c.light)
		}
	}
	if ft, _ := thai.Font(); ft == nil {
		t.Fatal("no full font")
	} else if _, glyphs := shapeIDs(t, thai, "ทำ"); !slices.ContainsFunc(glyphs, func(g uint16) bool { return thai.MarkGlyph(gofont.GID(g)) }) {
		t.Error("ทำ gives no mark glyph: the test no longer exercises the fallback")
	}
}

func shapeIDs(t *testing.T, f *fonts.Face, text string) (*Run, []uint16) {
	t.Helper()
	r := Shape(f, text, Props{Script: language.Thai})
	var ids []uint16
	for _, g := range r.Glyphs {
		ids = append(ids, g.ID)
	}
	return r, ids
}

// TestGlyphTextOneToOne: the shortcut for runs whose glyphs each draw one
// character gives the texts and reordering the cluster walk gives, and is
// not taken for other runs (ligatures, right-to-left, reordered or
// decomposed clusters).
func TestGlyphTextOneToOne(t *testing.T) {
	sans := fonts.Sans(fonts.Regular)[0]
	cases := []struct {
		face  *fonts.Face
		text  string
		p     Props
		taken bool
	}{
		{sans, "Privacy", Props{Script: language.Latin, Language: "en"}, true},
		{sans, "naïve,", Props{Script: language.Latin, Language: "en"}, true},
		{sans, "1.", Props{Script: language.Common, Language: "en"}, true},
		{sans, "Ελληνικά", Props{Script: language.Greek}, true},
		{sans, "office", Props{Script: language.Latin, Language: "en"}, false},      // the ffi ligature
		{sans, "nai\u0308ve", Props{Script: language.Latin, Language: "en"}, false}, // a combining mark
		{face(t, "NotoSansDevanagari-Regular.ttf"), "प्राप्त", Props{Script: language.Devanagari}, false},
		{face(t, "NotoSansArabic-Regular.ttf"), "خصوصية", Props{Script: language.Arabic, RTL: true}, false},
	}
	for _, c := range cases {
		r := Shape(c.face, c.text, c.p)
		fresh := func() *Run {
			return &Run{Face: r.Face, Text: r.Text, Runes: r.Runes, RTL: r.RTL, Glyphs: r.Glyphs, Advance: r.Advance, UPEM: r.UPEM}
		}
		fast, walk := fresh(), fresh()
		taken := fast.glyphTextOneToOne()
		walk.glyphTextClusters()
		if taken != c.taken {
			t.Errorf("%q: shortcut taken %v, want %v", c.text, taken, c.taken)
		}
		if taken && (!slices.Equal(fast.texts, walk.texts) || fast.reorder != walk.reorder) {
			t.Errorf("%q: shortcut %q %v, cluster walk %q %v", c.text, fast.texts, fast.reorder, walk.texts, walk.reorder)
		}
	}
	// Every word of the example notices in body text.
	for _, w := range strings.Fields(noticeText(t)) {
		r := Shape(sans, w, Props{Script: language.Latin, Language: "en"})
		fast := &Run{Face: r.Face, Text: r.Text, Runes: r.Runes, Glyphs: r.Glyphs, UPEM: r.UPEM}
		walk := &Run{Face: r.Face, Text: r.Text, Runes: r.Runes, Glyphs: r.Glyphs, UPEM: r.UPEM}
		walk.glyphTextClusters()
		if fast.glyphTextOneToOne() && (!slices.Equal(fast.texts, walk.texts) || fast.reorder != walk.reorder) {
			t.Errorf("%q: shortcut %q %v, cluster walk %q %v", w, fast.texts, fast.reorder, walk.texts, walk.reorder)
		}
	}
}

// noticeText returns the example privacy notice.
func noticeText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "example", "notices", "privacy-notice.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
