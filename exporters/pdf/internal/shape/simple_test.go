package shape

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/internal/corpustest"
)

// latinFaces are the faces Latin text is set in: Noto Sans in its four
// styles and Noto Sans Mono in two.
func latinFaces() []*fonts.Face {
	return []*fonts.Face{
		fonts.Sans(fonts.Regular)[0], fonts.Sans(fonts.Bold)[0],
		fonts.Sans(fonts.Italic)[0], fonts.Sans(fonts.BoldItalic)[0],
		fonts.Mono(false)[0], fonts.Mono(true)[0],
	}
}

// simpleLanguages are languages whose language systems in Noto Sans differ
// (Catalan, Romanian, Moldavian, Navajo: localized forms) and some that
// have none of their own.
var simpleLanguages = []language.Language{"en", "ca", "ro", "mo", "nv", "tr", "nl", "de", ""}

// checkSimple compares the simple path's run for text with HarfBuzz's and
// reports whether the simple path took it.
func checkSimple(t *testing.T, face *fonts.Face, text string, lang language.Language) bool {
	t.Helper()
	taken := checkSimpleProps(t, face, text, Props{Script: language.Latin, Language: lang})
	if common(text) {
		// Digits and punctuation alone (a list's "1.") are shaped
		// as Common, for which HarfBuzz picks other script tables.
		checkSimpleProps(t, face, text, Props{Script: language.Common, Language: lang})
	}
	return taken
}

// common reports whether every character of text is of the Common script.
func common(text string) bool {
	for _, r := range text {
		if ScriptOf(r) != language.Common {
			return false
		}
	}
	return true
}

// checkSimpleProps is checkSimple with the run's properties.
func checkSimpleProps(t *testing.T, face *fonts.Face, text string, p Props) bool {
	t.Helper()
	lang := p.Language
	runes := []rune(text)
	got := shapeSimple(face, text, runes, p)
	if got == nil {
		return false
	}
	want := shapeHarfBuzz(face, text, runes, p)
	if want == nil {
		t.Fatalf("%s %q: HarfBuzz gave no run", face.File, text)
	}
	if !slices.Equal(got.Glyphs, want.Glyphs) || got.Advance != want.Advance || got.UPEM != want.UPEM ||
		got.Missing != want.Missing || got.RTL != want.RTL || got.Text != want.Text || !slices.Equal(got.Runes, want.Runes) {
		t.Errorf("%s %q (%s, %s):\nsimple   %+v advance %d upem %d\nHarfBuzz %+v advance %d upem %d",
			face.File, text, lang, p.Script, got.Glyphs, got.Advance, got.UPEM, want.Glyphs, want.Advance, want.UPEM)
	}
	return true
}

// TestSimpleMatchesHarfBuzz: wherever the simple path sets a run, the run
// is HarfBuzz's, glyph for glyph and unit for unit: every character it
// takes alone, every pair of them (pair kerning, ligatures, contexts),
// random strings of them, and the words of real documents, in every Latin
// face and in languages whose localized forms differ. It must also take
// most English words (or it saves nothing).
func TestSimpleMatchesHarfBuzz(t *testing.T) {
	var chars []rune
	for r := rune(0); r < 0x300; r++ {
		if simpleRune(r) {
			chars = append(chars, r)
		}
	}
	// Pairs of characters, in English (all pairs in every face and
	// language would take minutes).
	ascii := chars[:95]
	rng := rand.New(rand.NewPCG(1, 2))
	// Under the race detector (ten times slower; the path has no
	// concurrency of its own) or -short, a sample: a tenth of the pairs
	// and random strings, and the corpus words in one face.
	sample := 1
	if raceEnabled || testing.Short() {
		sample = 10
	}
	for _, face := range latinFaces() {
		taken := 0
		for _, lang := range simpleLanguages {
			for _, a := range chars {
				if checkSimple(t, face, string(a), lang) {
					taken++
				}
			}
			// Ligatures: strings of the letters of Latin ligatures
			// (fi, fl, ff, ffi, ffl, ft, Th, st...) with some others,
			// in every language (a language system may leave a
			// ligature out: Turkish fi).
			liga := []rune("fffiiljtTshkbe.,'ı")
			nLiga := 2000 / sample
			if lang != "en" {
				nLiga /= 4
			}
			for range nLiga {
				n := 2 + rng.IntN(8)
				s := make([]rune, n)
				for i := range s {
					if rng.IntN(6) == 0 {
						s[i] = ascii[rng.IntN(len(ascii))]
					} else {
						s[i] = liga[rng.IntN(len(liga))]
					}
				}
				checkSimple(t, face, string(s), lang)
			}
			if lang != "en" {
				continue
			}
			for _, a := range chars {
				for k, b := range ascii {
					// Every ASCII pair; each other character
					// beside a sample of the ASCII ones.
					if a >= 0x7F && rng.IntN(5) != 0 && k != 0 || sample > 1 && rng.IntN(sample) != 0 {
						continue
					}
					checkSimple(t, face, string([]rune{a, b}), lang)
					checkSimple(t, face, string([]rune{b, a}), lang)
				}
			}
			for range 2000 / sample {
				n := 3 + rng.IntN(10)
				s := make([]rune, n)
				for i := range s {
					if rng.IntN(4) == 0 {
						s[i] = chars[rng.IntN(len(chars))]
					} else {
						s[i] = ascii[rng.IntN(len(ascii))]
					}
				}
				checkSimple(t, face, string(s), lang)
			}
		}
		if taken < len(chars) {
			t.Logf("%s: %d single characters of %d taken", face.File, taken/len(simpleLanguages), len(chars))
		}
	}
	if t.Failed() {
		return
	}

	// Words of real documents: the example notices and the README here,
	// the shared corpus where present.
	var files []string
	for _, p := range []string{"privacy-notice.md", "cookie-policy.md"} {
		files = append(files, filepath.Join("..", "..", "..", "..", "example", "notices", p))
	}
	files = append(files, filepath.Join("..", "..", "..", "..", "README.md"))
	checkWords(t, files, latinFaces())
	t.Run("corpus", func(t *testing.T) {
		// The styles of body text, bold and code.
		faces := []*fonts.Face{fonts.Sans(fonts.Regular)[0], fonts.Sans(fonts.Bold)[0], fonts.Mono(false)[0]}
		if sample > 1 {
			faces = faces[:1]
		}
		checkWords(t, corpustest.Markdown(t), faces)
	})

	// Words the simple path must take (or it saves nothing) and runs it
	// must leave to HarfBuzz.
	sans := fonts.Sans(fonts.Regular)[0]
	for _, w := range []string{"Privacy", "Notice", "information", "AVAST", "Wo", "T.", "42", "(e.g.,",
		"office", "specific", "significant", "effect.", "fluff", "affiliate"} {
		if !checkSimple(t, sans, w, "en") {
			t.Errorf("%q not taken by the simple path", w)
		}
	}
	for _, w := range []string{"1.", "2.", "42", "(3)", "§ 5"} {
		if !checkSimpleProps(t, sans, w, Props{Script: language.Common, Language: "en"}) {
			t.Errorf("%q (Common) not taken by the simple path", w)
		}
	}
	for _, c := range []struct {
		text string
		p    Props
	}{
		{"col·lecció", Props{Script: language.Latin, Language: "ca"}}, // Catalan l·l
		{"naïve\u0301", Props{Script: language.Latin}},                // a combining mark
		{"Privacy", Props{Script: language.Latin, RTL: true}},
		{"Privacy", Props{Script: language.Greek}},
		{"soft\u00adhyphen", Props{Script: language.Latin}},
		{"½", Props{Script: language.Latin}},
	} {
		if c.text == "½" {
			continue // taken or not, checked above with every character
		}
		if r := shapeSimple(sans, c.text, []rune(c.text), c.p); r != nil {
			t.Errorf("%q %+v taken by the simple path", c.text, c.p)
		}
	}
}

// checkWords checks the simple path on every word of the files in faces.
func checkWords(t *testing.T, files []string, faces []*fonts.Face) {
	words := map[string]bool{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(b), unicode.IsSpace) {
			words[w] = true
		}
	}
	sorted := make([]string, 0, len(words))
	for w := range words {
		sorted = append(sorted, w)
	}
	slices.Sort(sorted)
	for _, face := range faces {
		taken := 0
		for _, w := range sorted {
			if checkSimple(t, face, w, "en") {
				taken++
			}
		}
		t.Logf("%s: %d of %d words taken by the simple path", face.File, taken, len(sorted))
	}
}

// TestScriptLookups: the simple path reads the script tables HarfBuzz
// picks (go-text's selectScript): 'latn' for Latin runs and 'DFLT' for
// Common ones where a font has both, the other where it has one; a
// lookup is applied only where every language system turns it on, a
// script without a default language system counting an empty one.
func TestScriptLookups(t *testing.T) {
	liga := ot.NewTag('l', 'i', 'g', 'a')
	feature := func(lookups ...uint16) gofont.Feature {
		return gofont.Feature{Tag: liga, Feature: tables.Feature{LookupListIndices: lookups}}
	}
	script := func(tag string, dflt bool, langs ...[]uint16) gofont.Script {
		s := gofont.Script{Tag: ot.MustNewTag(tag)}
		if dflt {
			s.DefaultLangSys = &tables.LangSys{RequiredFeatureIndex: 0xFFFF, FeatureIndices: langs[0]}
			langs = langs[1:]
		}
		for _, l := range langs {
			s.LangSys = append(s.LangSys, tables.LangSys{RequiredFeatureIndex: 0xFFFF, FeatureIndices: l})
		}
		return s
	}
	features := []gofont.Feature{feature(0), feature(1), feature(2)}
	for _, c := range []struct {
		name            string
		scripts         []gofont.Script
		common          bool
		all, everywhere []uint16
	}{
		{"Latin, DFLT and latn", []gofont.Script{script("DFLT", true, []uint16{0}), script("latn", true, []uint16{1})}, false, []uint16{1}, []uint16{1}},
		{"Common, DFLT and latn", []gofont.Script{script("DFLT", true, []uint16{0}), script("latn", true, []uint16{1})}, true, []uint16{0}, []uint16{0}},
		{"Latin, DFLT only", []gofont.Script{script("DFLT", true, []uint16{0})}, false, []uint16{0}, []uint16{0}},
		{"Common, latn only", []gofont.Script{script("latn", true, []uint16{1})}, true, []uint16{1}, []uint16{1}},
		{"Common, dflt and latn", []gofont.Script{script("dflt", true, []uint16{2}), script("latn", true, []uint16{1})}, true, []uint16{2}, []uint16{2}},
		{"languages differ", []gofont.Script{script("latn", true, []uint16{0, 1}, []uint16{1})}, false, []uint16{0, 1}, []uint16{1}},
		{"no default language system", []gofont.Script{script("latn", false, []uint16{0, 1}, []uint16{1})}, false, []uint16{0, 1}, nil},
	} {
		l := &gofont.Layout{Scripts: c.scripts, Features: features}
		all, everywhere, ok := scriptLookups(l, c.common, func(ot.Tag) bool { return true })
		if !ok || !slices.Equal(all, c.all) || !slices.Equal(everywhere, c.everywhere) {
			t.Errorf("%s: lookups %v, on everywhere %v, %v; want %v, %v", c.name, all, everywhere, ok, c.all, c.everywhere)
		}
	}
	// A lookup 'rvrn' (or a required feature) also reaches is applied
	// in another stage: not one applied everywhere.
	rvrn := gofont.Feature{Tag: tagRvrn, Feature: tables.Feature{LookupListIndices: []uint16{0}}}
	l := &gofont.Layout{Scripts: []gofont.Script{script("latn", true, []uint16{0, 1, 3}, []uint16{0, 1})},
		Features: append(slices.Clip(features), rvrn)}
	if all, everywhere, ok := scriptLookups(l, false, func(ot.Tag) bool { return true }); !ok ||
		!slices.Equal(all, []uint16{0, 1}) || !slices.Equal(everywhere, []uint16{1}) {
		t.Errorf("rvrn: lookups %v, on everywhere %v, %v; want [0 1], [1]", all, everywhere, ok)
	}
	l = &gofont.Layout{Scripts: []gofont.Script{script("grek", true, []uint16{0})}, Features: features}
	if _, _, ok := scriptLookups(l, false, func(ot.Tag) bool { return true }); ok {
		t.Error("a layout without latn, DFLT or dflt taken")
	}
}

// TestRawPairPos: pair adjustment subtables are read raw only where that
// gives what go-text gives: no device tables, every pair set in bounds;
// records are found by binary search on the second glyph.
func TestRawPairPos(t *testing.T) {
	be := func(vs ...int) []byte {
		var b []byte
		for _, v := range vs {
			b = append(b, byte(uint16(v)>>8), byte(v))
		}
		return b
	}
	// Format 1, XAdvance for the first glyph, one pair set at 12 of two
	// records: (5, -40) and (9, 10).
	fmt1 := be(1, 0, 0x0004, 0, 1, 12, 2, 5, -40, 9, 10)
	r := newRawPairPos(fmt1, 1, 1)
	if r == nil {
		t.Fatal("a valid format 1 subtable not read raw")
	}
	for _, c := range []struct {
		g2    gofont.GID
		found bool
		adv   int32
	}{{5, true, -40}, {9, true, 10}, {6, false, 0}, {1, false, 0}} {
		v1, v2, found, fallback := r.find(0, 3, c.g2, nil)
		if found != c.found || fallback {
			t.Errorf("glyph %d: found %v, fallback %v", c.g2, found, fallback)
			continue
		}
		if found {
			p := &simplePlan{upem: 1000}
			var g Glyph
			p.rawValue(r.vf1, v1, &g, 1000, 1000)
			p.rawValue(r.vf2, v2, &g, 1000, 1000)
			if g.Advance != c.adv {
				t.Errorf("glyph %d: advance %d, want %d", c.g2, g.Advance, c.adv)
			}
		}
	}
	if _, _, found, _ := r.find(1, 3, 5, nil); found {
		t.Error("a coverage index past the pair sets found a pair")
	}
	for name, b := range map[string][]byte{
		"device table":       be(1, 0, 0x0044, 0, 1, 12, 1, 5, -40, 0),
		"pair set truncated": fmt1[:len(fmt1)-2],
		"pair set count":     be(1, 0, 0x0004, 0, 2, 14, 14, 1, 5, -40),
		"format 2 truncated": be(2, 0, 0x0004, 0, 0, 0, 2, 2, 1, 2, 3),
	} {
		pairSets := 1
		if r := newRawPairPos(b, int(b[1]), pairSets); r != nil {
			t.Errorf("%s: read raw", name)
		}
	}
}

// BenchmarkSimplePlan is building the simple path's plan for Latin runs in
// Noto Sans (its layout tables already parsed), once per face and process.
func BenchmarkSimplePlan(b *testing.B) {
	face := fonts.Sans(fonts.Regular)[0]
	if _, err := face.Layout(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if buildSimplePlan(face, false) == nil {
			b.Fatal("no plan")
		}
	}
}

// TestRawPairLookups: every pair adjustment lookup of every face, read
// from its bytes (rawPairLookup, what the simple path does without
// go-text's parse of the lookup), gives what reading go-text's parse of it
// gives: the same digests, coverages, class definitions and raw subtables.
// Noto Sans's kerning is read raw (or the test proves nothing).
func TestRawPairLookups(t *testing.T) {
	rawSans := 0
	for _, face := range fonts.All() {
		lf, err := face.LightFont()
		if err != nil {
			t.Fatal(err)
		}
		gpos := face.Table("GPOS")
		for li, lk := range lf.GPOS.Lookups {
			if !pairLookup(lk) {
				continue
			}
			raw, ok := rawPairLookup(gpos, li)
			if !ok {
				t.Logf("%s: pair lookup %d not read raw", face.File, li)
				continue
			}
			if face == fonts.Sans(fonts.Regular)[0] {
				rawSans++
			}
			want := parsedPairLookup(lk, gpos, li)
			if raw.digest != want.digest || len(raw.subs) != len(want.subs) {
				t.Errorf("%s: pair lookup %d: digest or subtable count differ", face.File, li)
				continue
			}
			for k, got := range raw.subs {
				w := want.subs[k]
				if got.digest != w.digest || !reflect.DeepEqual(got.cov, w.cov) ||
					!reflect.DeepEqual(got.class1, w.class1) || !reflect.DeepEqual(got.class2, w.class2) ||
					!reflect.DeepEqual(got.raw, w.raw) {
					t.Errorf("%s: pair lookup %d, subtable %d: read raw, differs from go-text's parse", face.File, li, k)
				}
			}
		}
	}
	if rawSans == 0 {
		t.Error("Noto Sans: no pair lookup read raw")
	}
}
