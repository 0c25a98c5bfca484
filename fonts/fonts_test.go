package fonts

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/rivo/uniseg"
)

func TestAllFacesParse(t *testing.T) {
	for _, f := range All() {
		if _, err := f.Bytes(); err != nil {
			t.Errorf("%s: %v", f.File, err)
		}
	}
}

func TestChainCoverage(t *testing.T) {
	cases := []struct {
		r    rune
		want string
	}{
		{'A', "NotoSans"}, {'ß', "NotoSans"}, {'Ж', "NotoSans"}, {'λ', "NotoSans"},
		{'\u00A0', "NotoSans"}, {'•', "NotoSans"}, {'€', "NotoSans"},
		{'→', "NotoSansSymbols"}, {'✓', "NotoSansSymbols2"},
		{'≤', "NotoSansMath"}, {'≥', "NotoSansMath"}, {'≠', "NotoSansMath"}, {'∞', "NotoSansMath"},
		{'√', "NotoSansMath"}, {'⟨', "NotoSansMath"}, {0x1D53D, "NotoSansMath"}, // 𝔽
		{'א', "NotoSansHebrew"}, {'ع', "NotoSansArabic"}, {'क', "NotoSansDevanagari"},
		{'ก', "NotoSansThai"}, {'Հ', "NotoSansArmenian"}, {'ա', "NotoSansArmenian"},
		{'ქ', "NotoSansGeorgian"}, {'Ⴀ', "NotoSansGeorgian"}, {'ሀ', "NotoSansEthiopic"}, {'፡', "NotoSansEthiopic"},
		{'ক', "NotoSansBengali"}, {'ো', "NotoSansBengali"}, {'한', "NotoSansKR"}, {'漢', "DroidSansFallback"},
		{'か', "DroidSansFallback"}, {'。', "DroidSansFallback"},
	}
	for _, c := range cases {
		f := Sans(Regular).Face(c.r)
		if f == nil || f.Family != c.want {
			got := "<none>"
			if f != nil {
				got = f.Family
			}
			t.Errorf("Sans(Regular).Face(%U %q) = %s, want %s", c.r, c.r, got, c.want)
		}
	}
	if f := Mono(false).Face('x'); f == nil || f.Family != "NotoSansMono" {
		t.Errorf("Mono('x') = %v", f)
	}
	for _, r := range []rune{0x1F600, 0x1F645, 0x1F3FD, 0x1F1E9} { // 😀 🙅 skin tone, regional indicator D
		if f := Sans(Bold).Face(r); f == nil || f.Family != "NotoEmoji" {
			t.Errorf("Sans(Bold).Face(%U) = %v, want NotoEmoji", r, f)
		}
	}
	if f := Sans(Regular).Face(0x10000); f != nil {
		t.Errorf("Linear B U+10000 (no embedded face has it) got %s", f.File)
	}
	if f := Sans(Regular).Face(0xE000); f != nil {
		t.Errorf("private use U+E000 got %s", f.File)
	}
}

func TestParseCoverageRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("OTTO00000000"), []byte("\x00\x01\x00\x00\x00\x05")} {
		if _, err := parseCoverage(in); err == nil {
			t.Errorf("parseCoverage(%q) succeeded", in)
		}
	}
}

func BenchmarkCoverage(b *testing.B) {
	data, _ := sansR.Bytes()
	for b.Loop() {
		if _, err := parseCoverage(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAdvance(t *testing.T) {
	// Noto Sans: 1000 units per em scaled; a space is narrower than an M.
	sp, m := sansR.Advance(' '), sansR.Advance('M')
	if sp <= 0 || m <= sp || m > 1000 {
		t.Errorf("advances: space %d, M %d", sp, m)
	}
	if w := monoR.Width("abc", 10); w <= 0 || monoR.Advance('i') != monoR.Advance('m') {
		t.Errorf("mono widths: %v, i=%d m=%d", w, monoR.Advance('i'), monoR.Advance('m'))
	}
	if cjkR.Advance('漢') != 1000 {
		t.Logf("Droid 漢 advance %d", cjkR.Advance('漢'))
	}
}

// The coverage and advances read from galley's own cmap and hmtx reader
// are go-text's: every BMP code point of every face maps to a glyph in
// both or in neither, and Advance is go-text's advance of go-text's glyph,
// scaled to thousandths of an em and rounded.
func TestCoverageAndAdvancesMatchGoText(t *testing.T) {
	for _, f := range All() {
		ft, err := f.LightFont()
		if err != nil {
			t.Fatal(err)
		}
		scale := 1000 / float64(ft.Upem())
		face := gofont.NewFace(ft)
		bad := 0
		for r := rune(0); r <= 0xFFFF && bad < 5; r++ {
			if len(f.only) > 0 {
				break // the Korean face serves only Hangul: Has says no to the rest
			}
			g, ok := ft.NominalGlyph(r)
			ok = ok && g != 0
			if f.Has(r) != ok {
				t.Errorf("%s: %U: Has %v, go-text maps it to glyph %d", f.File, r, f.Has(r), g)
				bad++
				continue
			}
			want := 0
			if ok {
				want = int(math.Round(scale * math.Max(0, float64(face.HorizontalAdvance(g)))))
			}
			if got := f.Advance(r); got != want {
				t.Errorf("%s: %U: advance %d, want %d", f.File, r, got, want)
				bad++
			}
		}
	}
}

// Glyph, GlyphAdvance and Layout, which the PDF shaper's simple path reads
// instead of go-text's parse of the face, give what that parse gives:
// every BMP code point the same glyph (and found or not), every glyph the
// same advance, and the same GDEF glyph classes and units per em.
func TestGlyphsAndLayoutMatchGoText(t *testing.T) {
	sansPairs := 0
	defer func() {
		if sansPairs == 0 {
			t.Error("Noto Sans: no GPOS pair lookup left out of the Layout")
		}
	}()
	for _, f := range All() {
		ft, err := f.LightFont()
		if err != nil {
			t.Fatal(err)
		}
		lay, err := f.Layout()
		if err != nil {
			t.Fatal(err)
		}
		if lay.Upem != ft.Upem() {
			t.Errorf("%s: Layout.Upem %d, go-text %d", f.File, lay.Upem, ft.Upem())
		}
		if !reflect.DeepEqual(lay.GlyphClass, ft.GDEF.GlyphClassDef) {
			t.Errorf("%s: Layout.GlyphClass differs from go-text's GDEF glyph classes", f.File)
		}
		if !reflect.DeepEqual(lay.GSUB, ft.GSUB) {
			t.Errorf("%s: Layout's GSUB is not LightFont's", f.File)
		}
		// Layout's GPOS is LightFont's but for the pair adjustment
		// lookups, which it leaves empty.
		if !reflect.DeepEqual(lay.GPOS.Layout, ft.GPOS.Layout) || len(lay.GPOS.Lookups) != len(ft.GPOS.Lookups) {
			t.Errorf("%s: Layout's GPOS scripts, features or lookup count are not LightFont's", f.File)
			continue
		}
		for i, lk := range ft.GPOS.Lookups {
			pair := len(lk.Subtables) > 0
			for _, st := range lk.Subtables {
				_, ok := st.(tables.PairPos)
				pair = pair && ok
			}
			switch got := lay.GPOS.Lookups[i]; {
			case lay.PairLookup(i) != pair && len(lk.Subtables) > 0:
				t.Errorf("%s: GPOS lookup %d: PairLookup %v, LightFont's subtables pair adjustments: %v", f.File, i, lay.PairLookup(i), pair)
			case lay.PairLookup(i):
				if len(got.Subtables) != 0 || got.LookupOptions != lk.LookupOptions {
					t.Errorf("%s: GPOS pair lookup %d has subtables or other options in the Layout", f.File, i)
				}
				if f == sansR {
					sansPairs++
				}
			case !reflect.DeepEqual(got, lk):
				t.Errorf("%s: GPOS lookup %d differs from LightFont's", f.File, i)
			}
		}
		bad := 0
		for r := rune(0); r <= 0xFFFF && bad < 5; r++ {
			g, ok := f.Glyph(r)
			if wg, wok := ft.NominalGlyph(r); g != wg || ok != wok {
				t.Errorf("%s: Glyph(%U) = %d, %v; go-text %d, %v", f.File, r, g, ok, wg, wok)
				bad++
			}
		}
		face := gofont.NewFace(ft)
		data, _ := f.Bytes()
		numGlyphs := int(binary.BigEndian.Uint16(tableData(data, "maxp")[4:]))
		for g := gofont.GID(0); int(g) < numGlyphs+3 && bad < 5; g++ {
			if got, want := f.GlyphAdvance(g), face.HorizontalAdvance(g); got != want {
				t.Errorf("%s: GlyphAdvance(%d) = %v, go-text %v", f.File, g, got, want)
				bad++
			}
		}
	}
}

func TestBoldFallbacks(t *testing.T) {
	for _, c := range []struct {
		r    rune
		file string
	}{
		{'Հ', "NotoSansArmenian-Bold.ttf"}, {'ქ', "NotoSansGeorgian-Bold.ttf"}, {'ሀ', "NotoSansEthiopic-Bold.ttf"},
		{'क', "NotoSansDevanagari-Bold.ttf"}, {'ক', "NotoSansBengali-Bold.ttf"},
	} {
		if f := Sans(Bold).Face(c.r); f == nil || f.File != c.file {
			t.Errorf("Sans(Bold).Face(%q) = %v, want %s", c.r, f, c.file)
		}
	}
}

// TestEveryFileHasAFace checks files.go against the folder: every .ttf file
// is embedded, and every face's content is its file's.
func TestEveryFileHasAFace(t *testing.T) {
	names, err := filepath.Glob("*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no font files: %v", err)
	}
	faces := map[string]*Face{}
	for _, f := range All() {
		faces[f.File] = f
	}
	for _, name := range names {
		f, ok := faces[name]
		if !ok {
			t.Errorf("%s has no face (add its variable to files.go and a face to fonts.go)", name)
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(*f.file, want) {
			t.Errorf("%s: the face's content is not the file's", name)
		}
	}
	if len(faces) != len(names) {
		t.Errorf("%d faces for %d files", len(faces), len(names))
	}
}

// TestEmojiPresentation checks the copied Emoji_Presentation table against
// uniseg's widths (an emoji-presentation character is two cells wide) and
// that such characters go to the emoji face even where a symbols face has
// a text-style glyph, while text-default ones stay in the symbols faces.
func TestEmojiPresentation(t *testing.T) {
	for _, rg := range emojiPresentation {
		for r := rg[0]; r <= rg[1]; r++ {
			if r >= 0x1F3FB && r <= 0x1F3FF {
				continue // skin tones: grapheme extenders, no width alone
			}
			if w := uniseg.StringWidth(string(r)); w != 2 {
				t.Errorf("%U is in the emoji-presentation table but uniseg gives width %d", r, w)
			}
		}
	}
	for _, c := range []struct {
		r    rune
		want string
	}{
		{0x1F44D, "NotoEmoji"},       // 👍, also in Symbols 2 as text
		{0x231A, "NotoEmoji"},        // ⌚
		{0x2705, "NotoEmoji"},        // ✅
		{0x2714, "NotoSansSymbols2"}, // ✔ text by default
		{0x2640, "NotoSansSymbols"},  // ♀ text by default
		{'#', "NotoSans"},
	} {
		if f := Sans(Regular).Face(c.r); f == nil || f.Family != c.want {
			t.Errorf("Sans(Regular).Face(%U %q) = %v, want %s", c.r, c.r, f, c.want)
		}
	}
}

// A coverage's blocks are read on first use by whichever goroutine asks:
// goroutines asking about the same blocks at once (in opposite orders) see
// what one goroutine alone sees, and the race detector sees no race.
func TestCoverageFilledConcurrently(t *testing.T) {
	data, err := sansR.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	alone, err := parseCoverage(data)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := parseCoverage(data)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([][]bool, 4)
	for k := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[k] = make([]bool, 0x10000)
			for i := range 0x10000 {
				r := rune(i)
				if k%2 == 1 {
					r = 0xFFFF - r
				}
				got[k][r] = shared.has(r)
			}
		}()
	}
	wg.Wait()
	n := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		want := alone.has(r)
		if want {
			n++
		}
		for k := range got {
			if got[k][r] != want {
				t.Fatalf("goroutine %d: has(%U) = %v, alone %v", k, r, got[k][r], want)
			}
		}
	}
	if n < 2500 {
		t.Errorf("Noto Sans covers %d BMP code points, want over 2500", n)
	}
}

// BenchmarkCoverageLatin is a face's first use in a Latin document: its
// character map read and asked about the characters of a paragraph.
func BenchmarkCoverageLatin(b *testing.B) {
	data, err := sansR.Bytes()
	if err != nil {
		b.Fatal(err)
	}
	text := []rune("Privacy notice — we process your personal data (name, e-mail) under Art. 6(1)(b) GDPR; “questions?” write to privacy@example.com, 10 % off…")
	b.ReportAllocs()
	for b.Loop() {
		cov, err := parseCoverage(data)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range text {
			if !cov.has(r) {
				b.Fatalf("no %U", r)
			}
		}
	}
}

// Table gives a table of the file where the directory says it lies, and nil
// for a table the face lacks.
func TestTable(t *testing.T) {
	data, err := sansR.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	head := sansR.Table("head")
	if len(head) != 54 || binary.BigEndian.Uint32(head[12:]) != 0x5F0F3CF5 { // head's magic number
		t.Errorf("head: %d bytes, not Noto Sans's head table", len(head))
	}
	if len(sansR.Table("GPOS")) == 0 || len(sansR.Table("GPOS")) >= len(data) {
		t.Errorf("GPOS: %d bytes", len(sansR.Table("GPOS")))
	}
	if tb := sansR.Table("kerx"); tb != nil {
		t.Errorf("kerx: %d bytes, want none", len(tb))
	}
}
