package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/pipeline/tree"
)

// oracleWords are words whose shaping exercises each script's shaper:
// kerning and ligatures, conjuncts, reph and pre-base vowels, joining,
// marks, stacking. font is the file the word must be set in.
//
// known, when set, says why a check is not made for a word: a difference
// from the oracle or from pdftotext that is known and not yet fixed.
var oracleWords = []struct {
	name, locale, word, font string
	rtl                      bool
	known                    string
}{
	{"latin-kern-liga", "en", "Tyffany", "NotoSans-Regular.ttf", false, ""},
	{"latin-office", "en", "officeAVAWAY", "NotoSans-Regular.ttf", false, ""},
	{"devanagari", "hi", "प्राप्त", "NotoSansDevanagari-Regular.ttf", false, ""},
	{"devanagari-reph", "hi", "धर्मक्षेत्रे", "NotoSansDevanagari-Regular.ttf", false, ""},
	{"devanagari-i", "hi", "शक्ति", "NotoSansDevanagari-Regular.ttf", false, ""},
	{"bengali", "bn", "বিজ্ঞপ্তি", "NotoSansBengali-Regular.ttf", false, ""},
	{"bengali-o", "bn", "কৌশল", "NotoSansBengali-Regular.ttf", false, ""},
	{"persian", "fa", "می‌گذاریم", "NotoSansArabic-Regular.ttf", true, ""},
	{"persian-gaf", "fa", "گردآوری", "NotoSansArabic-Regular.ttf", true, ""},
	{"urdu", "ur", "پاکستان", "NotoSansArabic-Regular.ttf", true, ""},
	{"urdu-2", "ur", "معلومات", "NotoSansArabic-Regular.ttf", true, ""},
	{"urdu-3", "ur", "ٹھیک", "NotoSansArabic-Regular.ttf", true, ""},
	{"arabic-lam-alef", "ar", "الإشعار", "NotoSansArabic-Regular.ttf", true, ""},
	{"arabic-harakat", "ar", "بِسْمِ", "NotoSansArabic-Regular.ttf", true, ""},
	{"arabic-shadda", "ar", "الرَّحْمَٰنِ", "NotoSansArabic-Regular.ttf", true, ""},
	{"persian-zwnj-2", "fa", "داده‌هایی", "NotoSansArabic-Regular.ttf", true, ""},
	{"urdu-4", "ur", "کیجیے", "NotoSansArabic-Regular.ttf", true, ""},
	{"hebrew-points", "he", "שָׁלוֹם", "NotoSansHebrew-Regular.ttf", true, ""},
	{"hebrew-points-2", "he", "בְּבִטְחָה", "NotoSansHebrew-Regular.ttf", true, ""},
	{"hebrew-points-3", "he", "וְהַמִּשְׁפָּט", "NotoSansHebrew-Regular.ttf", true, ""},
	{"thai", "th", "ที่น้ำ", "NotoSansThai-Regular.ttf", false, ""},
	{"tamil", "ta", "தமிழ்நாடு", "NotoSansTamil-Regular.ttf", false, ""},
	{"tamil-u", "ta", "குடும்பம்", "NotoSansTamil-Regular.ttf", false, ""},
	{"gurmukhi", "pa", "ਪੰਜਾਬੀ", "NotoSansGurmukhi-Regular.ttf", false, ""},
	{"gujarati", "gu", "ગુજરાતી", "NotoSansGujarati-Regular.ttf", false, ""},
	{"telugu", "te", "తెలుగు", "NotoSansTelugu-Regular.ttf", false, ""},
	{"kannada", "kn", "ಕನ್ನಡ", "NotoSansKannada-Regular.ttf", false, ""},
	{"malayalam", "ml", "മലയാളം", "NotoSansMalayalam-Regular.ttf", false, ""},
	{"sinhala", "si", "ශ්‍රී", "NotoSansSinhala-Regular.ttf", false, ""},
	{"khmer", "km", "ខ្មែរ", "NotoSansKhmer-Regular.ttf", false, ""},
	{"myanmar", "my", "မြန်မာ", "NotoSansMyanmar-Regular.ttf", false, ""},
	{"thaana", "dv", "ދިވެހި", "NotoSansThaana-Regular.ttf", true, ""},
	{"thaana-2", "dv", "މަޢުލޫމާތު", "NotoSansThaana-Regular.ttf", true, ""},
	{"lao", "lo", "ພາສາລາວ", "NotoSansLao-Regular.ttf", false, ""},
	{"oriya", "or", "ଓଡ଼ିଆ", "NotoSansOriya-Regular.ttf", false, ""},
	// Scripts of CLDR locales in their own script (their dates): joining
	// Syriac and N'Ko, Mongolian (set horizontally), Chakma and Meetei
	// Mayek with their vowel signs and viramas, Canadian syllabics.
	{"syriac", "syr", "ܒܟܢܘܢ", "NotoSansSyriac-Regular.ttf", true, ""},
	{"nko", "nqo", "ߞߏߟߌ߲ߞߏߟߌ߲", "NotoSansNKo-Regular.ttf", true, "extract: poppler 22's pdftotext has no right-to-left class for N'Ko (U+07C0-U+07FF) and reads the word backwards; the glyphs and positions match hb-shape"},
	{"mongolian", "mn", "ᠤᠠᠷᠪᠠᠨ", "NotoSansMongolian-Regular.ttf", false, ""},
	{"chakma", "ccp", "𑄓𑄨𑄥𑄬𑄟𑄴𑄝𑄧𑄢𑄴", "NotoSansChakma-Regular.ttf", false, ""},
	{"meetei", "mni", "ꯃꯩꯇꯩꯂꯣꯟ", "NotoSansMeeteiMayek-Regular.ttf", false, ""},
	{"cree", "csw", "ᒪᑯᓭᑮᓭᑳᐏᐲᓯᒼ", "NotoSansCanadianAboriginal-Regular.ttf", false, ""},
	// Emoji sequences ligate in the emoji face: a keycap (digit, U+FE0F,
	// U+20E3), a family joined by U+200D, a skin tone, a flag.
	{"emoji-keycap", "en", "1\uFE0F\u20E3", "NotoEmoji-Regular.ttf", false, ""},
	{"emoji-zwj", "en", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "NotoEmoji-Regular.ttf", false, ""},
	{"emoji-skin-flag", "en", "\U0001F44D\U0001F3FD\U0001F1E9\U0001F1EA", "NotoEmoji-Regular.ttf", false, ""},
}

// hbGlyph is one glyph of hb-shape's JSON output.
// markClustersReversed returns word with the text of each of HarfBuzz's
// clusters (character indices, hb-shape's default) that holds a mark after
// its first character reversed (see TestHarfBuzzOracle), but for an
// Arabic-script, Thaana or N'Ko letter and its marks (none twice), whose
// marks follow it in blank glyphs.
func markClustersReversed(word string, glyphs []hbGlyph) string {
	rs := []rune(word)
	var starts []int
	for _, g := range glyphs {
		starts = append(starts, g.Cl)
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	var b strings.Builder
	for i, from := range starts {
		to := len(rs)
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		cl := rs[from:to]
		isMark := func(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) }
		marks := cl[1:]
		distinct := len(slices.Compact(slices.Sorted(slices.Values(marks)))) == len(marks)
		split := unicode.In(cl[0], unicode.Arabic, unicode.Thaana, unicode.Nko) && distinct && !slices.ContainsFunc(marks, func(r rune) bool { return !isMark(r) })
		if !split && slices.ContainsFunc(cl[1:], isMark) {
			cl = slices.Clone(cl)
			slices.Reverse(cl)
		}
		b.WriteString(string(cl))
	}
	return b.String()
}

type hbGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
}

// TestHarfBuzzOracle sets each oracle word alone in a paragraph and checks
// the PDF against Debian's hb-shape (the C HarfBuzz) on the same font file:
// the same glyphs, in the same order, at the same positions (read back from
// the content stream), and pdftotext gives the word back.
//
// A right-to-left word is followed by a paragraph of it repeated, so that
// its page is mostly right-to-left text, as a notice in its script is:
// pdftotext reads a page of mostly left-to-right text left to right and
// then misplaces a mark that ends a right-to-left word (it takes the mark,
// the leftmost character of the word, for left-to-right text). pdfminer,
// which has no bidi algorithm and reads a line left to right, must give
// the word's visual order: the word reversed.
func TestHarfBuzzOracle(t *testing.T) {
	if !have("hb-shape") {
		t.Skip("hb-shape not installed (Debian libharfbuzz-bin); skipping the HarfBuzz oracle")
	}
	for _, c := range oracleWords {
		t.Run(c.name, func(t *testing.T) {
			dir := "ltr"
			if c.rtl {
				dir = "rtl"
			}
			out, err := exec.Command("hb-shape", "--output-format=json", "--no-glyph-names", "--remove-default-ignorables",
				"--language="+c.locale, "--direction="+dir, filepath.Join("..", "..", "fonts", c.font), c.word).Output()
			if err != nil {
				t.Fatalf("hb-shape: %v", err)
			}
			var want []hbGlyph
			if err := json.Unmarshal(out, &want); err != nil {
				t.Fatalf("hb-shape output: %v: %s", err, out)
			}
			doc := &tree.Document{Meta: tree.Meta{Locale: c.locale, Source: tree.Source{Path: c.name + ".md"}},
				Blocks: []tree.Block{para(1, txt(c.word))}}
			if c.rtl {
				doc.Meta.Direction = "rtl"
				doc.Blocks = append(doc.Blocks, para(2, txt(strings.Repeat(c.word+" ", 4))))
			}
			data, diags := export(t, doc, exporters.Options{})
			for _, d := range diags {
				t.Errorf("%s", d)
			}
			save(t, "oracle-"+c.name+".pdf", data)
			got, upem := drawnGlyphs(t, data, c.font)
			// Later text in the same font (the footer) is on another line.
			for i := range got {
				if got[i].y != got[0].y && math.Abs(got[i].y-got[0].y) > upem {
					got = got[:i]
					break
				}
			}
			if c.rtl {
				// Drawn in logical order, right to left; HarfBuzz
				// gives them left to right. Glyphs that draw nothing
				// and take no room carry the rest of a cluster's text
				// (pdffont's tails): they are not HarfBuzz's.
				got = slices.DeleteFunc(got, func(d drawn) bool { return isBlank(t, c.font, d.gid) })
				slices.Reverse(got)
			}
			if len(got) != len(want) {
				t.Fatalf("PDF draws %d glyphs %v, HarfBuzz gives %d %v", len(got), got, len(want), want)
			}
			// Positions relative to the first glyph, in font units.
			hx, hy := make([]float64, len(want)), make([]float64, len(want))
			pen := 0.0
			for i, g := range want {
				hx[i], hy[i] = pen+float64(g.Dx), float64(g.Dy)
				pen += float64(g.Ax)
			}
			tol := 0.002 * upem
			for i := range want {
				if got[i].gid != want[i].G {
					t.Errorf("glyph %d: PDF draws gid %d, HarfBuzz %d", i, got[i].gid, want[i].G)
				}
				dx := got[i].x - got[0].x
				dy := got[i].y - got[0].y
				if math.Abs(dx-(hx[i]-hx[0])) > tol || math.Abs(dy-(hy[i]-hy[0])) > tol {
					t.Errorf("glyph %d (gid %d): PDF at (%.1f, %.1f), HarfBuzz at (%.1f, %.1f) font units from the first",
						i, want[i].G, dx, dy, hx[i]-hx[0], hy[i]-hy[0])
				}
			}
			if !have("pdftotext") {
				return
			}
			file := filepath.Join(t.TempDir(), "out.pdf")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			txt, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := strings.Map(func(r rune) rune {
				if r >= 0x202A && r <= 0x202E {
					return -1
				}
				return r
			}, string(txt))
			if strings.HasPrefix(c.known, "extract:") {
				t.Logf("known difference: %s (pdftotext gives %q)", c.known, strings.TrimSpace(text))
				return
			}
			if !strings.Contains(text, c.word) {
				t.Errorf("pdftotext gives %q, want the word %q", strings.TrimSpace(text), c.word)
			}
			if !c.rtl || !have("pdf2txt") {
				return
			}
			out, err = exec.Command("pdf2txt", "-n", file).Output()
			if err != nil {
				t.Fatalf("pdf2txt: %v", err)
			}
			// pdfminer without layout analysis reads the glyphs in
			// content order: right-to-left glyphs are drawn in logical
			// order, the rest of a ligature's letters after it in blank
			// glyphs, so the word reads as written; but a letter's
			// marks are on the letter's glyph, reversed, as pdftotext
			// needs them (pdffont's splittable), and read reversed,
			// except in the Arabic script, Thaana and N'Ko, whose
			// marks follow their letter in blank glyphs.
			mined := regexp.MustCompile(`\s`).ReplaceAllString(string(out), "")
			if strings.Contains(mined, "(cid:") {
				t.Errorf("pdfminer gives %q: a glyph without a ToUnicode entry", mined)
			}
			if w := markClustersReversed(c.word, want); !strings.Contains(mined, w) {
				t.Errorf("pdfminer gives %q, want the word in logical order, a letter's marks before it, %q", mined, w)
			}
		})
	}
}

type drawn struct {
	gid int // the character code, then the glyph id

	x, y float64 // font units

	px, py float64 // points, PDF user space
}

// drawnGlyphs reads the glyphs drawn in font file (by its PostScript name)
// from the page content streams, in drawing order, with their positions in
// font units, and returns them with the font's units per em.
func drawnGlyphs(t *testing.T, data []byte, file string) ([]drawn, float64) {
	t.Helper()
	name := strings.TrimSuffix(file, ".ttf")
	// The font's resource name and widths.
	objs := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`).FindAllSubmatch(data, -1) {
		objs[string(m[1])] = string(m[2])
	}
	var res, cidObj string
	for n, o := range objs {
		if strings.Contains(o, "/Subtype /Type0") && strings.Contains(o, "+"+name+" ") {
			for _, m := range regexp.MustCompile(`/(GF\d+) (\d+) 0 R`).FindAllStringSubmatch(string(data), -1) {
				if m[2] == n {
					res = m[1]
				}
			}
			if m := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindStringSubmatch(o); m != nil {
				cidObj = m[1]
			}
		}
	}
	if res == "" || cidObj == "" {
		t.Fatalf("font %s not found in the PDF", name)
	}
	widths := map[int]float64{}
	toGID := func(c int) int { return c } // character code to glyph id
	if m := regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`).FindStringSubmatch(objs[cidObj]); m != nil {
		sm := regexp.MustCompile(`(?s)stream\r?\n(.*)\r?\nendstream`).FindStringSubmatch(objs[m[1]])
		if sm == nil {
			t.Fatalf("CIDToGIDMap %s 0 R is not a stream", m[1])
		}
		r, err := zlib.NewReader(strings.NewReader(sm[1]))
		if err != nil {
			t.Fatalf("CIDToGIDMap: %v", err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("CIDToGIDMap: %v", err)
		}
		// The map gives the glyph in the embedded subset, which numbers
		// its glyphs afresh; a code below the font's glyph count is the
		// glyph id in the font, and a code above it draws the glyph
		// the code mapped to the same subset glyph stands for.
		numGlyphs := fontGlyphCount(t, file)
		sub := func(c int) int {
			if 2*c+1 < len(b) {
				return int(b[2*c])<<8 | int(b[2*c+1])
			}
			return 0
		}
		toGID = func(c int) int {
			if c < numGlyphs {
				return c
			}
			for g := 0; g < numGlyphs; g++ {
				if sub(g) == sub(c) && sub(g) != 0 {
					return g
				}
			}
			t.Fatalf("code %d maps to subset glyph %d, which no glyph id maps to", c, sub(c))
			return 0
		}
	}
	if m := regexp.MustCompile(`/W \[(.*)\] /CIDToGIDMap`).FindStringSubmatch(objs[cidObj]); m != nil {
		for _, g := range regexp.MustCompile(`(\d+) \[([^\]]*)\]`).FindAllStringSubmatch(m[1], -1) {
			first, _ := strconv.Atoi(g[1])
			for k, w := range strings.Fields(g[2]) {
				widths[first+k], _ = strconv.ParseFloat(w, 64)
			}
		}
	}
	upem := 1000.0
	if f := fontFace(file); f != nil {
		if ft, err := f.Font(); err == nil {
			upem = float64(ft.Upem())
		}
	}
	var out []drawn
	for _, m := range regexp.MustCompile(`(?s)/FlateDecode.*?stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(r)
		s := string(b)
		if !strings.Contains(s, " TJ") {
			continue
		}
		out = append(out, readText(s, res, widths, upem)...)
	}
	for i := range out {
		out[i].gid = toGID(out[i].gid)
	}
	return out, upem
}

// fontGlyphCount returns the number of glyphs of an embedded font file
// (maxp's numGlyphs).
func fontGlyphCount(t *testing.T, file string) int {
	t.Helper()
	f := fontFace(file)
	if f == nil {
		t.Fatalf("no face %s", file)
	}
	data, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) == "maxp" {
			return int(binary.BigEndian.Uint16(data[binary.BigEndian.Uint32(rec[8:])+4:]))
		}
	}
	t.Fatalf("%s has no maxp table", file)
	return 0
}

// readText interprets the text operators galley writes (Tf, Tm, TJ) and
// returns the glyphs drawn in font res.
func readText(s, res string, widths map[int]float64, upem float64) []drawn {
	var out []drawn
	toks := regexp.MustCompile(`<[0-9A-Fa-f]*>|/[^\s/\[\]<>()]+|\[|\]|[-+]?[0-9.]+|[A-Za-z*'"]+`).FindAllString(s, -1)
	var stack []string
	font, size := "", 0.0
	var x, y float64 // current text position, points
	inArray := false
	for _, tok := range toks {
		switch tok {
		case "Tf":
			font = strings.TrimPrefix(stack[len(stack)-2], "/")
			size, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
			stack = stack[:0]
		case "Tm":
			x, _ = strconv.ParseFloat(stack[len(stack)-2], 64)
			y, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
			stack = stack[:0]
		case "[":
			inArray = true
		case "]":
			inArray = false
		case "TJ":
			stack = stack[:0]
		default:
			if !inArray {
				stack = append(stack, tok)
				continue
			}
			if strings.HasPrefix(tok, "<") {
				hex := tok[1 : len(tok)-1]
				for i := 0; i+4 <= len(hex); i += 4 {
					g, _ := strconv.ParseUint(hex[i:i+4], 16, 16)
					if font == res {
						out = append(out, drawn{gid: int(g), x: x * upem / size, y: y * upem / size, px: x, py: y})
					}
					x += widths[int(g)] / 1000 * size
				}
			} else if v, err := strconv.ParseFloat(tok, 64); err == nil {
				x -= v / 1000 * size
			}
		}
	}
	return out
}

// fontFace returns the embedded face of a font file.
// isBlank reports whether glyph gid of font file has no outline and no
// advance (it draws nothing).
func isBlank(t *testing.T, file string, gid int) bool {
	f := fontFace(file)
	if f == nil {
		t.Fatalf("no face %s", file)
	}
	head, loca, hhea, hmtx := f.Table("head"), f.Table("loca"), f.Table("hhea"), f.Table("hmtx")
	if len(head) < 54 || len(hhea) < 36 {
		return false
	}
	var from, to int
	if binary.BigEndian.Uint16(head[50:]) != 0 {
		if 4*gid+8 > len(loca) {
			return false
		}
		from, to = int(binary.BigEndian.Uint32(loca[4*gid:])), int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	} else {
		if 2*gid+4 > len(loca) {
			return false
		}
		from, to = 2*int(binary.BigEndian.Uint16(loca[2*gid:])), 2*int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	}
	i := min(gid, int(binary.BigEndian.Uint16(hhea[34:]))-1)
	return from == to && 4*i+2 <= len(hmtx) && binary.BigEndian.Uint16(hmtx[4*i:]) == 0
}

func fontFace(file string) *fonts.Face {
	for _, f := range fonts.All() {
		if f.File == file {
			return f
		}
	}
	return nil
}
