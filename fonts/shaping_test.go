package fonts

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// parsedWhole is f parsed by go-text alone, outlines and all: what the
// face's own parse is compared with.
func parsedWhole(t *testing.T, f *Face) *gofont.Face {
	t.Helper()
	data, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	whole, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return whole
}

// parsedBoth is f parsed whole by go-text (parsedWhole) and f's own Font.
func parsedBoth(t *testing.T, f *Face) (*gofont.Face, *gofont.Font) {
	t.Helper()
	full, err := f.Font()
	if err != nil {
		t.Fatal(err)
	}
	return parsedWhole(t, f), full
}

// Faces parsed without their outlines shape exactly as faces parsed whole:
// the same glyphs, advances and offsets for text in every face's own
// script, with its marks (the outlines only feed HarfBuzz's fallback mark
// positioning, which faces with GPOS never use, and faces without GPOS
// are parsed whole).
func TestShapingWithoutOutlinesIsUnchanged(t *testing.T) {
	hiddenFaces := 0
	for _, f := range All() {
		data, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := withoutOutlines(data); ok {
			hiddenFaces++
		}
		lean, err := f.Font()
		if err != nil {
			t.Fatal(err)
		}
		whole := parsedWhole(t, f)
		text := sampleText(f)
		if len(text) == 0 {
			t.Fatalf("%s: no text to shape", f.File)
		}
		for _, chunk := range chunks(text, 40) {
			a, b := shapeWith(lean, chunk), shapeWith(whole.Font, chunk)
			if a != b {
				t.Errorf("%s: shaping %q differs without outlines:\n%s\nwhole:\n%s", f.File, string(chunk), a, b)
				break
			}
		}
	}
	if hiddenFaces < len(All())/2 {
		t.Errorf("only %d of %d faces are parsed without outlines", hiddenFaces, len(All()))
	}
}

// A face's full font (Font: the mark attachment lookups parsed on first
// use) has the GPOS and GDEF tables go-text's own parse gives; its light
// font (LightFont) leaves exactly the mark attachment lookups empty; and
// text whose glyphs shaped with the light font include none MarkGlyph
// reports shapes the same with both.
func TestLightFontsShapeAsFullOnes(t *testing.T) {
	light, lightChunks := 0, 0
	for _, f := range All() {
		whole, full := parsedBoth(t, f)
		lf, err := f.LightFont()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(full.GPOS, whole.Font.GPOS) {
			t.Errorf("%s: the GPOS table built lazily differs from go-text's", f.File)
		}
		if !reflect.DeepEqual(full.GDEF, whole.Font.GDEF) {
			t.Errorf("%s: the GDEF table differs from go-text's", f.File)
		}
		if lf == full {
			continue
		}
		light++
		if len(lf.GPOS.Lookups) != len(full.GPOS.Lookups) {
			t.Fatalf("%s: %d lookups in the light font, %d in the full one", f.File, len(lf.GPOS.Lookups), len(full.GPOS.Lookups))
		}
		for i, lk := range full.GPOS.Lookups {
			mark := false
			for _, st := range lk.Subtables {
				switch st.(type) {
				case tables.MarkBasePos, tables.MarkLigPos, tables.MarkMarkPos:
					mark = true
				}
			}
			if got := len(lf.GPOS.Lookups[i].Subtables); (got == 0) != mark {
				t.Errorf("%s: lookup %d (mark attachment: %v) has %d subtables in the light font, %d in the full one",
					f.File, i, mark, got, len(lk.Subtables))
			}
		}
		text := sampleText(f)
		for _, chunk := range chunks(text, 40) {
			a, glyphs := shapeGlyphs(lf, chunk)
			marks := false
			for _, g := range glyphs {
				marks = marks || f.MarkGlyph(g)
			}
			if marks {
				continue
			}
			lightChunks++
			if b := shapeWith(full, chunk); a != b {
				t.Errorf("%s: shaping %q differs without the mark lookups:\n%s\nfull:\n%s", f.File, string(chunk), a, b)
				break
			}
		}
		// Latin letters need no mark lookup.
		if f == sansR {
			if _, glyphs := shapeGlyphs(lf, []rune("Vowel AVATAR office, déjà vu!")); slices.ContainsFunc(glyphs, f.MarkGlyph) {
				t.Errorf("%s: Latin text shapes to mark glyphs %v", f.File, glyphs)
			}
			if _, glyphs := shapeGlyphs(lf, []rune("q\u0301")); !slices.ContainsFunc(glyphs, f.MarkGlyph) {
				t.Errorf("%s: a combining acute accent is not a mark glyph (%v)", f.File, glyphs)
			}
		}
	}
	t.Logf("%d of %d faces have a light font; %d sample chunks shaped with one", light, len(All()), lightChunks)
	if light < len(All())/2 || lightChunks == 0 {
		t.Errorf("%d of %d faces have a light font, %d sample chunks shaped with one", light, len(All()), lightChunks)
	}
}

// sampleText takes every 7th code point the face covers, in runs of three
// so that combining marks follow a base.
func sampleText(f *Face) []rune {
	f.load()
	var out []rune
	for r := rune(0x20); r <= 0x1FFFF; r++ { // Deseret, Osage, Nyiakeng Puachue Hmong are above the BMP
		if f.Has(r) && (r%7 < 3) {
			out = append(out, r)
		}
	}
	return out
}

func chunks(rs []rune, n int) [][]rune {
	var out [][]rune
	for len(rs) > n {
		out = append(out, rs[:n])
		rs = rs[n:]
	}
	return append(out, rs)
}

func shapeWith(f *gofont.Font, text []rune) string {
	s, _ := shapeGlyphs(f, text)
	return s
}

// shapeGlyphs shapes text with f and returns the glyphs and positions as
// text, and the glyphs.
func shapeGlyphs(f *gofont.Font, text []rune) (string, []gofont.GID) {
	buf := harfbuzz.NewBuffer()
	buf.AddRunes(text, 0, len(text))
	buf.Props.Direction = harfbuzz.LeftToRight
	buf.Props.Script = language.LookupScript(text[len(text)/2])
	buf.GuessSegmentProperties()
	buf.Shape(harfbuzz.NewFont(gofont.NewFace(f)), nil)
	var b bytes.Buffer
	var glyphs []gofont.GID
	for i, g := range buf.Info {
		p := buf.Pos[i]
		b.WriteString(" ")
		b.WriteString(itoa(int(g.Glyph)) + "/" + itoa(int(p.XAdvance)) + "/" + itoa(int(p.XOffset)) + "/" + itoa(int(p.YOffset)))
		glyphs = append(glyphs, g.Glyph)
	}
	return b.String(), glyphs
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestLightGSUB: a face's GSUB (Font, LightFont) is go-text's but for
// lookups that only user features reach, which are left without
// subtables; Noto Sans has such lookups (or the test proves nothing).
func TestLightGSUB(t *testing.T) {
	skippedSans := 0
	for _, f := range All() {
		whole, full := parsedBoth(t, f)
		got, want := full.GSUB, whole.Font.GSUB
		if !reflect.DeepEqual(got.Layout, want.Layout) {
			t.Errorf("%s: GSUB scripts or features differ from go-text's", f.File)
			continue
		}
		if len(got.Lookups) != len(want.Lookups) {
			t.Errorf("%s: %d GSUB lookups, go-text %d", f.File, len(got.Lookups), len(want.Lookups))
			continue
		}
		// The lookups a feature HarfBuzz may turn on by itself reaches.
		reached := map[int]bool{}
		for _, ft := range want.Features {
			if !userFeature(ft.Tag) {
				for _, li := range ft.LookupListIndices {
					reached[int(li)] = true
				}
			}
		}
		for i, lk := range got.Lookups {
			if reflect.DeepEqual(lk, want.Lookups[i]) {
				continue
			}
			if len(lk.Subtables) != 0 || lk.LookupOptions != want.Lookups[i].LookupOptions {
				t.Errorf("%s: GSUB lookup %d differs from go-text's", f.File, i)
				continue
			}
			if reached[i] {
				t.Errorf("%s: GSUB lookup %d of a default feature left out", f.File, i)
			}
			if f.File == "NotoSans-Regular.ttf" {
				skippedSans++
			}
		}
	}
	t.Logf("Noto Sans: %d GSUB lookups left out", skippedSans)
	if skippedSans < 10 {
		t.Errorf("Noto Sans: %d GSUB lookups left out, want the user features' (over 10)", skippedSans)
	}
}
