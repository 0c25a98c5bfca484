// Package fonts holds the TrueType fonts galley embeds in its PDFs and
// answers the one question a typesetter without font fallback needs: which
// face has a glyph for this character?
//
// Every file is a glyf-outline TrueType font (the PDF exporter's subsetter
// handles glyf outlines only) compiled into the binary with //go:embed;
// README.md says where each came from and under which license. The main
// script family (Latin, Greek and Cyrillic: Noto Sans) has four styles, the
// monospace for code two, and the fallbacks for Hebrew, Arabic, Thaana, the
// Indic scripts, Sinhala, Thai, Lao, Khmer, Myanmar, Armenian, Georgian,
// Ethiopic, Cherokee, Ol Chiki and Adlam regular and bold (Tibetan and
// Tifinagh regular only), and faces for the scripts of the remaining CLDR
// locales' dates (Syriac, N'Ko, Mongolian, Yi, Vai, Canadian syllabics,
// Chakma, Meetei Mayek, Osage, Deseret, Shavian, Nyiakeng Puachue Hmong).
// One face
// (Droid Sans Fallback) covers Han and kana and one (Noto Sans KR) Hangul;
// Noto Sans Symbols and Symbols 2 (regular only) supply arrows, check marks
// and other signs the text faces lack, and Noto Emoji (regular only, in
// monochrome outlines: a PDF font has no colour layers) the emoji, last.
//
// A Chain is an ordered list of faces for one style; Chain.Face returns the
// first face whose character map covers a rune. Character maps, and the
// faces parsed for shaping (Face.Font), are parsed once per process, on
// first use, and shared by all goroutines.
package fonts

import (
	"fmt"
	"sync"
	"sync/atomic"

	gofont "github.com/go-text/typesetting/font"
)

// Style is a font style in fpdf's notation: "", "B", "I" or "BI".
type Style string

// Styles.
const (
	Regular    Style = ""
	Bold       Style = "B"
	Italic     Style = "I"
	BoldItalic Style = "BI"
)

// IsBold reports whether the style is a bold one.
func (s Style) IsBold() bool { return s == Bold || s == BoldItalic }

// IsItalic reports whether the style is an italic one.
func (s Style) IsItalic() bool { return s == Italic || s == BoldItalic }

// Face is one embedded font file.
type Face struct {
	// Family is the family name the face is registered under in a PDF
	// (letters only, unique per family).
	Family string
	// Style is the style the face provides.
	Style Style
	// File is the file name inside the package.
	File string
	// file is the file's content (files.go).
	file []byte
	// only, when set, restricts the face to these rune ranges (used to take
	// only Hangul from the Korean face).
	only [][2]rune

	once sync.Once
	data []byte
	cov  *coverage
	font *gofont.Font // without its mark attachment lookups where gpos is set
	gpos *gposLayout
	err  error

	fullOnce sync.Once
	full     *gofont.Font
	// marksUsed is set once text in the face needed its mark lookups.
	marksUsed atomic.Bool
}

func (f *Face) load() {
	f.once.Do(func() {
		data := f.file
		cov, err := parseCoverage(data)
		if err != nil {
			f.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		parsed, gpos, err := parseForShaping(data)
		if err != nil {
			f.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		f.font, f.gpos = parsed, gpos
		f.data, f.cov = data, cov
	})
}

// Font returns the face parsed for shaping (go-text/typesetting). It is
// parsed once per process and shared: a *font.Font is read-only and safe for
// concurrent use (wrap it in font.NewFace per goroutine to shape).
func (f *Face) Font() (*gofont.Font, error) {
	f.load()
	if f.err != nil || f.gpos == nil {
		return f.font, f.err
	}
	f.fullOnce.Do(func() {
		f.full, _ = f.gpos.full(f.font)
	})
	return f.full, nil
}

// LightFont returns the face parsed for shaping without its mark
// attachment lookups (GPOS lookup types 4 to 6), or the same font as Font
// where it has none. Its character map, metrics and every other lookup
// are Font's: text none of whose shaped glyphs MarkGlyph reports is shaped
// the same by both, and parsing the mark lookups is most of the cost of
// a face's first use (marks.go).
func (f *Face) LightFont() (*gofont.Font, error) {
	f.load()
	return f.font, f.err
}

// MarkGlyph reports whether glyph g is one that a mark attachment lookup
// LightFont leaves out can move (is in the mark coverage of one).
func (f *Face) MarkGlyph(g gofont.GID) bool {
	f.load()
	if f.gpos == nil || g > 0xFFFF {
		return false
	}
	return f.gpos.marks[g>>6]&(1<<(g&63)) != 0
}

// Light reports whether the face's LightFont leaves lookups out and no
// text has needed them so far in this process (so shaping with it first
// is worth trying).
func (f *Face) Light() bool {
	f.load()
	return f.gpos != nil && !f.marksUsed.Load()
}

// MarksUsed records that text in the face needed the mark attachment
// lookups: from then on Light is false, and such text is shaped with Font
// at once.
func (f *Face) MarksUsed() { f.marksUsed.Store(true) }

// Bytes returns the font file. The slice is shared: do not modify it.
func (f *Face) Bytes() ([]byte, error) {
	f.load()
	return f.data, f.err
}

// Has reports whether the face maps r to a glyph (and is allowed to serve it).
func (f *Face) Has(r rune) bool {
	if len(f.only) > 0 {
		in := false
		for _, rg := range f.only {
			if r >= rg[0] && r <= rg[1] {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	f.load()
	if f.err != nil {
		return false
	}
	if r > 0xFFFF {
		_, ok := f.font.NominalGlyph(r)
		return ok
	}
	return f.cov.has(r)
}

// Advance returns the nominal advance width of r in thousandths of an em
// (0 when the face lacks r or r is outside the BMP): the width of its glyph
// before shaping.
func (f *Face) Advance(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	f.load()
	if f.err != nil {
		return 0
	}
	return int(f.cov.advance(r))
}

// Width returns the width of s set in f at size points, in points. Runes the
// face lacks count as zero.
func (f *Face) Width(s string, size float64) float64 {
	f.load()
	if f.err != nil {
		return 0
	}
	w := 0
	for _, r := range s {
		if r >= 0 && r <= 0xFFFF {
			w += int(f.cov.advance(r))
		}
	}
	return float64(w) * size / 1000
}

// Emoji returns the emoji face (Noto Emoji, monochrome), the last face of
// every chain. The layout asks for it directly when a character requests
// emoji presentation (a following U+FE0F), so that sequences such as 1️⃣
// shape as one glyph in it rather than split across faces.
func Emoji() *Face { return emojiR }

// Key is the fpdf font key of the face: family plus style.
func (f *Face) Key() string { return f.Family + string(f.Style) }

func face(family string, style Style, file string, data []byte) *Face {
	return &Face{Family: family, Style: style, File: file, file: data}
}

var hangul = [][2]rune{
	{0x1100, 0x11FF}, {0x3130, 0x318F}, {0xA960, 0xA97F}, {0xAC00, 0xD7AF}, {0xD7B0, 0xD7FF},
}

var (
	sansR  = face("NotoSans", Regular, "NotoSans-Regular.ttf", fileNotoSansRegular)
	sansB  = face("NotoSans", Bold, "NotoSans-Bold.ttf", fileNotoSansBold)
	sansI  = face("NotoSans", Italic, "NotoSans-Italic.ttf", fileNotoSansItalic)
	sansBI = face("NotoSans", BoldItalic, "NotoSans-BoldItalic.ttf", fileNotoSansBoldItalic)
	monoR  = face("NotoSansMono", Regular, "NotoSansMono-Regular.ttf", fileNotoSansMonoRegular)
	monoB  = face("NotoSansMono", Bold, "NotoSansMono-Bold.ttf", fileNotoSansMonoBold)
	hebR   = face("NotoSansHebrew", Regular, "NotoSansHebrew-Regular.ttf", fileNotoSansHebrewRegular)
	hebB   = face("NotoSansHebrew", Bold, "NotoSansHebrew-Bold.ttf", fileNotoSansHebrewBold)
	arabR  = face("NotoSansArabic", Regular, "NotoSansArabic-Regular.ttf", fileNotoSansArabicRegular)
	arabB  = face("NotoSansArabic", Bold, "NotoSansArabic-Bold.ttf", fileNotoSansArabicBold)
	devaR  = face("NotoSansDevanagari", Regular, "NotoSansDevanagari-Regular.ttf", fileNotoSansDevanagariRegular)
	devaB  = face("NotoSansDevanagari", Bold, "NotoSansDevanagari-Bold.ttf", fileNotoSansDevanagariBold)
	thaiR  = face("NotoSansThai", Regular, "NotoSansThai-Regular.ttf", fileNotoSansThaiRegular)
	thaiB  = face("NotoSansThai", Bold, "NotoSansThai-Bold.ttf", fileNotoSansThaiBold)
	armR   = face("NotoSansArmenian", Regular, "NotoSansArmenian-Regular.ttf", fileNotoSansArmenianRegular)
	armB   = face("NotoSansArmenian", Bold, "NotoSansArmenian-Bold.ttf", fileNotoSansArmenianBold)
	geoR   = face("NotoSansGeorgian", Regular, "NotoSansGeorgian-Regular.ttf", fileNotoSansGeorgianRegular)
	geoB   = face("NotoSansGeorgian", Bold, "NotoSansGeorgian-Bold.ttf", fileNotoSansGeorgianBold)
	ethR   = face("NotoSansEthiopic", Regular, "NotoSansEthiopic-Regular.ttf", fileNotoSansEthiopicRegular)
	ethB   = face("NotoSansEthiopic", Bold, "NotoSansEthiopic-Bold.ttf", fileNotoSansEthiopicBold)
	bengR  = face("NotoSansBengali", Regular, "NotoSansBengali-Regular.ttf", fileNotoSansBengaliRegular)
	bengB  = face("NotoSansBengali", Bold, "NotoSansBengali-Bold.ttf", fileNotoSansBengaliBold)
	korR   = &Face{Family: "NotoSansKR", Style: Regular, File: "NotoSansKR-Regular.ttf", file: fileNotoSansKRRegular, only: hangul}
	cjkR   = face("DroidSansFallback", Regular, "DroidSansFallbackFull.ttf", fileDroidSansFallbackFull)
	tamlR  = face("NotoSansTamil", Regular, "NotoSansTamil-Regular.ttf", fileNotoSansTamilRegular)
	tamlB  = face("NotoSansTamil", Bold, "NotoSansTamil-Bold.ttf", fileNotoSansTamilBold)
	guruR  = face("NotoSansGurmukhi", Regular, "NotoSansGurmukhi-Regular.ttf", fileNotoSansGurmukhiRegular)
	guruB  = face("NotoSansGurmukhi", Bold, "NotoSansGurmukhi-Bold.ttf", fileNotoSansGurmukhiBold)
	gujrR  = face("NotoSansGujarati", Regular, "NotoSansGujarati-Regular.ttf", fileNotoSansGujaratiRegular)
	gujrB  = face("NotoSansGujarati", Bold, "NotoSansGujarati-Bold.ttf", fileNotoSansGujaratiBold)
	teluR  = face("NotoSansTelugu", Regular, "NotoSansTelugu-Regular.ttf", fileNotoSansTeluguRegular)
	teluB  = face("NotoSansTelugu", Bold, "NotoSansTelugu-Bold.ttf", fileNotoSansTeluguBold)
	kndaR  = face("NotoSansKannada", Regular, "NotoSansKannada-Regular.ttf", fileNotoSansKannadaRegular)
	kndaB  = face("NotoSansKannada", Bold, "NotoSansKannada-Bold.ttf", fileNotoSansKannadaBold)
	mlymR  = face("NotoSansMalayalam", Regular, "NotoSansMalayalam-Regular.ttf", fileNotoSansMalayalamRegular)
	mlymB  = face("NotoSansMalayalam", Bold, "NotoSansMalayalam-Bold.ttf", fileNotoSansMalayalamBold)
	oryaR  = face("NotoSansOriya", Regular, "NotoSansOriya-Regular.ttf", fileNotoSansOriyaRegular)
	oryaB  = face("NotoSansOriya", Bold, "NotoSansOriya-Bold.ttf", fileNotoSansOriyaBold)
	sinhR  = face("NotoSansSinhala", Regular, "NotoSansSinhala-Regular.ttf", fileNotoSansSinhalaRegular)
	sinhB  = face("NotoSansSinhala", Bold, "NotoSansSinhala-Bold.ttf", fileNotoSansSinhalaBold)
	khmrR  = face("NotoSansKhmer", Regular, "NotoSansKhmer-Regular.ttf", fileNotoSansKhmerRegular)
	khmrB  = face("NotoSansKhmer", Bold, "NotoSansKhmer-Bold.ttf", fileNotoSansKhmerBold)
	mymrR  = face("NotoSansMyanmar", Regular, "NotoSansMyanmar-Regular.ttf", fileNotoSansMyanmarRegular)
	mymrB  = face("NotoSansMyanmar", Bold, "NotoSansMyanmar-Bold.ttf", fileNotoSansMyanmarBold)
	laoR   = face("NotoSansLao", Regular, "NotoSansLao-Regular.ttf", fileNotoSansLaoRegular)
	laoB   = face("NotoSansLao", Bold, "NotoSansLao-Bold.ttf", fileNotoSansLaoBold)
	thaaR  = face("NotoSansThaana", Regular, "NotoSansThaana-Regular.ttf", fileNotoSansThaanaRegular)
	thaaB  = face("NotoSansThaana", Bold, "NotoSansThaana-Bold.ttf", fileNotoSansThaanaBold)
	tibtR  = face("NotoSerifTibetan", Regular, "NotoSerifTibetan-Regular.ttf", fileNotoSerifTibetanRegular)
	cherR  = face("NotoSansCherokee", Regular, "NotoSansCherokee-Regular.ttf", fileNotoSansCherokeeRegular)
	cherB  = face("NotoSansCherokee", Bold, "NotoSansCherokee-Bold.ttf", fileNotoSansCherokeeBold)
	olckR  = face("NotoSansOlChiki", Regular, "NotoSansOlChiki-Regular.ttf", fileNotoSansOlChikiRegular)
	olckB  = face("NotoSansOlChiki", Bold, "NotoSansOlChiki-Bold.ttf", fileNotoSansOlChikiBold)
	adlmR  = face("NotoSansAdlam", Regular, "NotoSansAdlam-Regular.ttf", fileNotoSansAdlamRegular)
	adlmB  = face("NotoSansAdlam", Bold, "NotoSansAdlam-Bold.ttf", fileNotoSansAdlamBold)
	tfngR  = face("NotoSansTifinagh", Regular, "NotoSansTifinagh-Regular.ttf", fileNotoSansTifinaghRegular)
	symR   = face("NotoSansSymbols", Regular, "NotoSansSymbols-Regular.ttf", fileNotoSansSymbolsRegular)
	sym2R  = face("NotoSansSymbols2", Regular, "NotoSansSymbols2-Regular.ttf", fileNotoSansSymbols2Regular)
	cansR  = face("NotoSansCanadianAboriginal", Regular, "NotoSansCanadianAboriginal-Regular.ttf", fileNotoSansCanadianAboriginalRegular)
	cansB  = face("NotoSansCanadianAboriginal", Bold, "NotoSansCanadianAboriginal-Bold.ttf", fileNotoSansCanadianAboriginalBold)
	cakmR  = face("NotoSansChakma", Regular, "NotoSansChakma-Regular.ttf", fileNotoSansChakmaRegular)
	dsrtR  = face("NotoSansDeseret", Regular, "NotoSansDeseret-Regular.ttf", fileNotoSansDeseretRegular)
	mteiR  = face("NotoSansMeeteiMayek", Regular, "NotoSansMeeteiMayek-Regular.ttf", fileNotoSansMeeteiMayekRegular)
	mteiB  = face("NotoSansMeeteiMayek", Bold, "NotoSansMeeteiMayek-Bold.ttf", fileNotoSansMeeteiMayekBold)
	mongR  = face("NotoSansMongolian", Regular, "NotoSansMongolian-Regular.ttf", fileNotoSansMongolianRegular)
	nkooR  = face("NotoSansNKo", Regular, "NotoSansNKo-Regular.ttf", fileNotoSansNKoRegular)
	osgeR  = face("NotoSansOsage", Regular, "NotoSansOsage-Regular.ttf", fileNotoSansOsageRegular)
	shawR  = face("NotoSansShavian", Regular, "NotoSansShavian-Regular.ttf", fileNotoSansShavianRegular)
	syrcR  = face("NotoSansSyriac", Regular, "NotoSansSyriac-Regular.ttf", fileNotoSansSyriacRegular)
	vaiiR  = face("NotoSansVai", Regular, "NotoSansVai-Regular.ttf", fileNotoSansVaiRegular)
	yiiiR  = face("NotoSansYi", Regular, "NotoSansYi-Regular.ttf", fileNotoSansYiRegular)
	hmnpR  = face("NotoSerifNyiakengPuachueHmong", Regular, "NotoSerifNyiakengPuachueHmong-Regular.ttf", fileNotoSerifNyiakengPuachueHmongRegular)
	hmnpB  = face("NotoSerifNyiakengPuachueHmong", Bold, "NotoSerifNyiakengPuachueHmong-Bold.ttf", fileNotoSerifNyiakengPuachueHmongBold)
	emojiR = face("NotoEmoji", Regular, "NotoEmoji-Regular.ttf", fileNotoEmojiRegular)
)

// All returns every embedded face, in a fixed order.
func All() []*Face {
	return []*Face{sansR, sansB, sansI, sansBI, monoR, monoB, hebR, hebB, arabR, arabB,
		devaR, devaB, bengR, bengB, thaiR, thaiB, armR, armB, geoR, geoB, ethR, ethB,
		tamlR, tamlB, guruR, guruB, gujrR, gujrB, teluR, teluB, kndaR, kndaB, mlymR, mlymB, oryaR, oryaB,
		sinhR, sinhB, khmrR, khmrB, mymrR, mymrB, laoR, laoB, thaaR, thaaB, tibtR,
		cherR, cherB, olckR, olckB, adlmR, adlmB, tfngR,
		cansR, cansB, cakmR, dsrtR, mteiR, mteiB, mongR, nkooR, osgeR, shawR, syrcR, vaiiR, yiiiR, hmnpR, hmnpB,
		korR, cjkR, symR, sym2R, emojiR}
}

// Chain is an ordered list of faces: the first one that has a character sets it.
type Chain []*Face

// Face returns the first face of c that has r, or nil when none has.
func (c Chain) Face(r rune) *Face {
	for _, f := range c {
		if f.Has(r) {
			if (f == symR || f == sym2R) && isEmojiPresentation(r) && emojiR.Has(r) {
				// Shown as an emoji by default: the emoji face, not the
				// symbols faces' text style.
				return emojiR
			}
			return f
		}
	}
	return nil
}

// fallbacks returns the script fallbacks for a bold or regular text style.
func fallbacks(bold bool) Chain {
	if bold {
		return Chain{hebB, arabB, devaB, bengB, thaiB, armB, geoB, ethB,
			tamlB, guruB, gujrB, teluB, kndaB, mlymB, oryaB, sinhB, khmrB, mymrB, laoB, thaaB, tibtR,
			cherB, olckB, adlmB, tfngR, korR, cjkR, symR, sym2R,
			cansB, cakmR, dsrtR, mteiB, mongR, nkooR, osgeR, shawR, syrcR, vaiiR, yiiiR, hmnpB, emojiR}
	}
	return Chain{hebR, arabR, devaR, bengR, thaiR, armR, geoR, ethR,
		tamlR, guruR, gujrR, teluR, kndaR, mlymR, oryaR, sinhR, khmrR, mymrR, laoR, thaaR, tibtR,
		cherR, olckR, adlmR, tfngR, korR, cjkR, symR, sym2R,
		cansR, cakmR, dsrtR, mteiR, mongR, nkooR, osgeR, shawR, syrcR, vaiiR, yiiiR, hmnpR, emojiR}
}

// Sans returns the chain for body text in style s: Noto Sans in that style,
// then the script fallbacks (bold fallbacks for the bold styles; the
// fallbacks have no italics).
// The chain is shared: callers must not modify it.
func Sans(s Style) Chain { return chains().sans[styleIndex(s)] }

func styleIndex(s Style) int {
	switch s {
	case Bold:
		return 1
	case Italic:
		return 2
	case BoldItalic:
		return 3
	}
	return 0
}

type chainSet struct {
	sans [4]Chain
	mono [2]Chain
}

// chains are built once, on first use: the layout asks for a chain per word.
var chains = sync.OnceValue(func() (c chainSet) {
	for i, main := range []*Face{sansR, sansB, sansI, sansBI} {
		bold := i == 1 || i == 3
		c.sans[i] = append(Chain{main}, fallbacks(bold)...)
	}
	c.mono[0] = append(Chain{monoR}, c.sans[0]...)
	c.mono[1] = append(Chain{monoB}, c.sans[1]...)
	return c
})

// Mono returns the chain for code: Noto Sans Mono (regular or bold), then
// the body chain of the same weight.
// The chain is shared: callers must not modify it.
func Mono(bold bool) Chain {
	if bold {
		return chains().mono[1]
	}
	return chains().mono[0]
}
