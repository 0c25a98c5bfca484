package pdffont

import (
	"slices"
	"strings"
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

// splits reports whether splitCluster splits a right-to-left cluster's
// text.
func splits(rev string) bool {
	split, _ := splittable(rev)
	return split
}

// FuzzShow shapes any text in either direction and draws it: the codes
// drawn must draw HarfBuzz's glyphs in order (left to right; right to left,
// in logical order, for a right-to-left run, the rest of a cluster of
// several characters after it in codes of the face's blank glyph), each
// code's ToUnicode text must be the text the shaper's clusters give its
// glyph (a right-to-left cluster's first character on its first glyph, one
// character a blank), and where the run needs no ActualText those texts,
// in drawing order, must read back as the run's text.
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
			blank, _ := df.blankGlyph()
			// What each code drawn should draw and stand for.
			var wantGID []uint16
			var wantText []string
			var read strings.Builder // the text read back, a letter's marks after it
			n := len(run.Glyphs)
			for k := 0; k < n; k++ {
				i := k
				if rtl {
					i = n - 1 - k
				}
				tx := texts[i]
				if rtl && splits(tx) {
					rs := []rune(tx)
					tx = string(rs[len(rs)-1])
				}
				wantGID = append(wantGID, run.Glyphs[i].ID)
				wantText = append(wantText, tx)
				if rtl && tx == texts[i] {
					// A letter and its marks, on its glyph reversed.
					rs := []rune(tx)
					slices.Reverse(rs)
					read.WriteString(string(rs))
				} else {
					read.WriteString(tx)
				}
				if !rtl || i > 0 && run.Glyphs[i-1].Cluster == run.Glyphs[i].Cluster {
					continue
				}
				// The cluster's glyph at its left end: its tail follows.
				head := i
				for head+1 < n && run.Glyphs[head+1].Cluster == run.Glyphs[i].Cluster {
					head++
				}
				if !splits(texts[head]) {
					continue
				}
				hr := []rune(texts[head])
				slices.Reverse(hr)
				for k := 1; k < len(hr); k++ {
					wantGID = append(wantGID, blank)
					wantText = append(wantText, string(hr[k]))
					read.WriteString(string(hr[k]))
				}
			}
			codes := drawnCodes(ops)
			if len(codes) != len(wantGID) {
				t.Fatalf("%q: %d codes drawn, want %d (%d glyphs)", text, len(codes), len(wantGID), n)
			}
			for k, c := range codes {
				if g := df.gid(uint16(c)); g != wantGID[k] {
					t.Fatalf("%q: code %d: %04X draws glyph %d, want %d", text, k, c, g, wantGID[k])
				}
				if tu, ok := df.text(uint16(c)); (ok || wantText[k] != "") && tu != wantText[k] && !actual {
					t.Fatalf("%q: code %d: %04X maps to %q, want %q", text, k, c, tu, wantText[k])
				}
			}
			if actual {
				continue
			}
			if read.String() != text {
				t.Fatalf("%q (rtl %v): glyph texts read back as %q", text, rtl, read.String())
			}
		}
	})
}
