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
	// file points to the file's content (files.go): a pointer, so that
	// the faces below are laid out by the linker rather than filled in by
	// code run at every process start.
	file *[]byte
	// only, when set, restricts the face to these rune ranges (used to take
	// only Hangul from the Korean face).
	only [][2]rune

	once sync.Once
	data []byte
	cov  *coverage
	err  error

	// The face parsed for shaping, in layers, each on first use: the
	// layout tables (Layout), go-text's font without its outlines and
	// mark lookups (LightFont), and with its mark lookups (Font).
	layOnce sync.Once
	lay     *Layout
	gpos    *gposLayout  // the GPOS lookups left out; nil where none
	whole   *gofont.Font // a face parsed whole, at once (parseLayout)
	layErr  error

	fontOnce sync.Once
	font     *gofont.Font
	fontErr  error

	fullOnce sync.Once
	full     *gofont.Font
	// marksUsed is set once text in the face needed its mark lookups.
	marksUsed atomic.Bool
}

// load reads the face's character map (its coverage): all that choosing
// a face for a character needs.
func (f *Face) load() {
	f.once.Do(func() {
		data := *f.file
		cov, err := parseCoverage(data)
		if err != nil {
			f.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		f.data, f.cov = data, cov
	})
}

// layout parses the face's layout tables (parseLayout).
func (f *Face) layout() error {
	f.load()
	if f.err != nil {
		return f.err
	}
	f.layOnce.Do(func() {
		lay, gpos, whole, err := parseLayout(f.data)
		if err != nil {
			f.layErr = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		f.lay, f.gpos, f.whole = lay, gpos, whole
	})
	return f.layErr
}

// Layout returns the face's layout tables as LightFont holds them, parsed
// once per process and shared (see Layout), without the rest of the font.
func (f *Face) Layout() (*Layout, error) {
	if err := f.layout(); err != nil {
		return nil, err
	}
	return f.lay, nil
}

// Font returns the face parsed for shaping (go-text/typesetting). It is
// parsed once per process and shared: a *font.Font is read-only and safe for
// concurrent use (wrap it in font.NewFace per goroutine to shape).
func (f *Face) Font() (*gofont.Font, error) {
	light, err := f.LightFont()
	if err != nil || f.gpos == nil || f.gpos.marks == nil {
		return light, err
	}
	f.fullOnce.Do(func() {
		f.full, _ = f.gpos.full(light)
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
	if err := f.layout(); err != nil {
		return nil, err
	}
	if f.whole != nil {
		return f.whole, nil
	}
	f.fontOnce.Do(func() {
		f.font, f.fontErr = parseLight(f.data, f.lay, f.gpos)
		if f.fontErr != nil {
			f.fontErr = fmt.Errorf("fonts: %s: %w", f.File, f.fontErr)
		}
	})
	return f.font, f.fontErr
}

// Glyph returns the glyph the face's character map gives r, as LightFont's
// NominalGlyph does (whatever the face is allowed to serve: see Has),
// without parsing the face for shaping where r is in the BMP.
func (f *Face) Glyph(r rune) (gofont.GID, bool) {
	if r < 0 || r > 0xFFFF {
		ft, err := f.LightFont()
		if err != nil {
			return 0, false
		}
		return ft.NominalGlyph(r)
	}
	f.load()
	if f.err != nil {
		return 0, false
	}
	g, ok := f.cov.lookup(uint32(r))
	return gofont.GID(g), ok
}

// GlyphAdvance returns the advance of glyph g in font units, as
// font.NewFace(LightFont()).HorizontalAdvance gives it (the faces have no
// variations), without parsing the face for shaping.
func (f *Face) GlyphAdvance(g gofont.GID) float32 {
	if f.layout() != nil {
		return 0
	}
	return f.lay.hmtx.advance(g, f.lay.Upem)
}

// MarkGlyph reports whether glyph g is one that a mark attachment lookup
// LightFont leaves out can move (is in the mark coverage of one).
func (f *Face) MarkGlyph(g gofont.GID) bool {
	if f.layout() != nil || f.gpos == nil || g > 0xFFFF {
		return false
	}
	// (marks is nil where no lookup is left out.)
	return f.gpos.marks.has(uint16(g))
}

// Light reports whether the face's LightFont leaves lookups out and no
// text has needed them so far in this process (so shaping with it first
// is worth trying).
func (f *Face) Light() bool {
	return f.layout() == nil && f.gpos != nil && f.gpos.marks != nil && !f.marksUsed.Load()
}

// MarksUsed records that text in the face needed the mark attachment
// lookups: from then on Light is false, and such text is shaped with Font
// at once.
func (f *Face) MarksUsed() { f.marksUsed.Store(true) }

// Table returns the table tag ("GPOS", "hmtx", ...) of the font file, or
// nil where the face has none (or cannot be read). The slice is shared: do
// not modify it.
func (f *Face) Table(tag string) []byte {
	f.load()
	if f.err != nil {
		return nil
	}
	return tableData(f.data, tag)
}

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
		_, ok := f.Glyph(r)
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

var hangul = [...][2]rune{
	{0x1100, 0x11FF}, {0x3130, 0x318F}, {0xA960, 0xA97F}, {0xAC00, 0xD7AF}, {0xD7B0, 0xD7FF},
}

var (
	sansR  = &Face{Family: "NotoSans", Style: Regular, File: "NotoSans-Regular.ttf", file: &fileNotoSansRegular}
	sansB  = &Face{Family: "NotoSans", Style: Bold, File: "NotoSans-Bold.ttf", file: &fileNotoSansBold}
	sansI  = &Face{Family: "NotoSans", Style: Italic, File: "NotoSans-Italic.ttf", file: &fileNotoSansItalic}
	sansBI = &Face{Family: "NotoSans", Style: BoldItalic, File: "NotoSans-BoldItalic.ttf", file: &fileNotoSansBoldItalic}
	monoR  = &Face{Family: "NotoSansMono", Style: Regular, File: "NotoSansMono-Regular.ttf", file: &fileNotoSansMonoRegular}
	monoB  = &Face{Family: "NotoSansMono", Style: Bold, File: "NotoSansMono-Bold.ttf", file: &fileNotoSansMonoBold}
	hebR   = &Face{Family: "NotoSansHebrew", Style: Regular, File: "NotoSansHebrew-Regular.ttf", file: &fileNotoSansHebrewRegular}
	hebB   = &Face{Family: "NotoSansHebrew", Style: Bold, File: "NotoSansHebrew-Bold.ttf", file: &fileNotoSansHebrewBold}
	arabR  = &Face{Family: "NotoSansArabic", Style: Regular, File: "NotoSansArabic-Regular.ttf", file: &fileNotoSansArabicRegular}
	arabB  = &Face{Family: "NotoSansArabic", Style: Bold, File: "NotoSansArabic-Bold.ttf", file: &fileNotoSansArabicBold}
	devaR  = &Face{Family: "NotoSansDevanagari", Style: Regular, File: "NotoSansDevanagari-Regular.ttf", file: &fileNotoSansDevanagariRegular}
	devaB  = &Face{Family: "NotoSansDevanagari", Style: Bold, File: "NotoSansDevanagari-Bold.ttf", file: &fileNotoSansDevanagariBold}
	thaiR  = &Face{Family: "NotoSansThai", Style: Regular, File: "NotoSansThai-Regular.ttf", file: &fileNotoSansThaiRegular}
	thaiB  = &Face{Family: "NotoSansThai", Style: Bold, File: "NotoSansThai-Bold.ttf", file: &fileNotoSansThaiBold}
	armR   = &Face{Family: "NotoSansArmenian", Style: Regular, File: "NotoSansArmenian-Regular.ttf", file: &fileNotoSansArmenianRegular}
	armB   = &Face{Family: "NotoSansArmenian", Style: Bold, File: "NotoSansArmenian-Bold.ttf", file: &fileNotoSansArmenianBold}
	geoR   = &Face{Family: "NotoSansGeorgian", Style: Regular, File: "NotoSansGeorgian-Regular.ttf", file: &fileNotoSansGeorgianRegular}
	geoB   = &Face{Family: "NotoSansGeorgian", Style: Bold, File: "NotoSansGeorgian-Bold.ttf", file: &fileNotoSansGeorgianBold}
	ethR   = &Face{Family: "NotoSansEthiopic", Style: Regular, File: "NotoSansEthiopic-Regular.ttf", file: &fileNotoSansEthiopicRegular}
	ethB   = &Face{Family: "NotoSansEthiopic", Style: Bold, File: "NotoSansEthiopic-Bold.ttf", file: &fileNotoSansEthiopicBold}
	bengR  = &Face{Family: "NotoSansBengali", Style: Regular, File: "NotoSansBengali-Regular.ttf", file: &fileNotoSansBengaliRegular}
	bengB  = &Face{Family: "NotoSansBengali", Style: Bold, File: "NotoSansBengali-Bold.ttf", file: &fileNotoSansBengaliBold}
	korR   = &Face{Family: "NotoSansKR", Style: Regular, File: "NotoSansKR-Regular.ttf", file: &fileNotoSansKRRegular, only: hangul[:]}
	cjkR   = &Face{Family: "DroidSansFallback", Style: Regular, File: "DroidSansFallbackFull.ttf", file: &fileDroidSansFallbackFull}
	tamlR  = &Face{Family: "NotoSansTamil", Style: Regular, File: "NotoSansTamil-Regular.ttf", file: &fileNotoSansTamilRegular}
	tamlB  = &Face{Family: "NotoSansTamil", Style: Bold, File: "NotoSansTamil-Bold.ttf", file: &fileNotoSansTamilBold}
	guruR  = &Face{Family: "NotoSansGurmukhi", Style: Regular, File: "NotoSansGurmukhi-Regular.ttf", file: &fileNotoSansGurmukhiRegular}
	guruB  = &Face{Family: "NotoSansGurmukhi", Style: Bold, File: "NotoSansGurmukhi-Bold.ttf", file: &fileNotoSansGurmukhiBold}
	gujrR  = &Face{Family: "NotoSansGujarati", Style: Regular, File: "NotoSansGujarati-Regular.ttf", file: &fileNotoSansGujaratiRegular}
	gujrB  = &Face{Family: "NotoSansGujarati", Style: Bold, File: "NotoSansGujarati-Bold.ttf", file: &fileNotoSansGujaratiBold}
	teluR  = &Face{Family: "NotoSansTelugu", Style: Regular, File: "NotoSansTelugu-Regular.ttf", file: &fileNotoSansTeluguRegular}
	teluB  = &Face{Family: "NotoSansTelugu", Style: Bold, File: "NotoSansTelugu-Bold.ttf", file: &fileNotoSansTeluguBold}
	kndaR  = &Face{Family: "NotoSansKannada", Style: Regular, File: "NotoSansKannada-Regular.ttf", file: &fileNotoSansKannadaRegular}
	kndaB  = &Face{Family: "NotoSansKannada", Style: Bold, File: "NotoSansKannada-Bold.ttf", file: &fileNotoSansKannadaBold}
	mlymR  = &Face{Family: "NotoSansMalayalam", Style: Regular, File: "NotoSansMalayalam-Regular.ttf", file: &fileNotoSansMalayalamRegular}
	mlymB  = &Face{Family: "NotoSansMalayalam", Style: Bold, File: "NotoSansMalayalam-Bold.ttf", file: &fileNotoSansMalayalamBold}
	oryaR  = &Face{Family: "NotoSansOriya", Style: Regular, File: "NotoSansOriya-Regular.ttf", file: &fileNotoSansOriyaRegular}
	oryaB  = &Face{Family: "NotoSansOriya", Style: Bold, File: "NotoSansOriya-Bold.ttf", file: &fileNotoSansOriyaBold}
	sinhR  = &Face{Family: "NotoSansSinhala", Style: Regular, File: "NotoSansSinhala-Regular.ttf", file: &fileNotoSansSinhalaRegular}
	sinhB  = &Face{Family: "NotoSansSinhala", Style: Bold, File: "NotoSansSinhala-Bold.ttf", file: &fileNotoSansSinhalaBold}
	khmrR  = &Face{Family: "NotoSansKhmer", Style: Regular, File: "NotoSansKhmer-Regular.ttf", file: &fileNotoSansKhmerRegular}
	khmrB  = &Face{Family: "NotoSansKhmer", Style: Bold, File: "NotoSansKhmer-Bold.ttf", file: &fileNotoSansKhmerBold}
	mymrR  = &Face{Family: "NotoSansMyanmar", Style: Regular, File: "NotoSansMyanmar-Regular.ttf", file: &fileNotoSansMyanmarRegular}
	mymrB  = &Face{Family: "NotoSansMyanmar", Style: Bold, File: "NotoSansMyanmar-Bold.ttf", file: &fileNotoSansMyanmarBold}
	laoR   = &Face{Family: "NotoSansLao", Style: Regular, File: "NotoSansLao-Regular.ttf", file: &fileNotoSansLaoRegular}
	laoB   = &Face{Family: "NotoSansLao", Style: Bold, File: "NotoSansLao-Bold.ttf", file: &fileNotoSansLaoBold}
	thaaR  = &Face{Family: "NotoSansThaana", Style: Regular, File: "NotoSansThaana-Regular.ttf", file: &fileNotoSansThaanaRegular}
	thaaB  = &Face{Family: "NotoSansThaana", Style: Bold, File: "NotoSansThaana-Bold.ttf", file: &fileNotoSansThaanaBold}
	tibtR  = &Face{Family: "NotoSerifTibetan", Style: Regular, File: "NotoSerifTibetan-Regular.ttf", file: &fileNotoSerifTibetanRegular}
	cherR  = &Face{Family: "NotoSansCherokee", Style: Regular, File: "NotoSansCherokee-Regular.ttf", file: &fileNotoSansCherokeeRegular}
	cherB  = &Face{Family: "NotoSansCherokee", Style: Bold, File: "NotoSansCherokee-Bold.ttf", file: &fileNotoSansCherokeeBold}
	olckR  = &Face{Family: "NotoSansOlChiki", Style: Regular, File: "NotoSansOlChiki-Regular.ttf", file: &fileNotoSansOlChikiRegular}
	olckB  = &Face{Family: "NotoSansOlChiki", Style: Bold, File: "NotoSansOlChiki-Bold.ttf", file: &fileNotoSansOlChikiBold}
	adlmR  = &Face{Family: "NotoSansAdlam", Style: Regular, File: "NotoSansAdlam-Regular.ttf", file: &fileNotoSansAdlamRegular}
	adlmB  = &Face{Family: "NotoSansAdlam", Style: Bold, File: "NotoSansAdlam-Bold.ttf", file: &fileNotoSansAdlamBold}
	tfngR  = &Face{Family: "NotoSansTifinagh", Style: Regular, File: "NotoSansTifinagh-Regular.ttf", file: &fileNotoSansTifinaghRegular}
	symR   = &Face{Family: "NotoSansSymbols", Style: Regular, File: "NotoSansSymbols-Regular.ttf", file: &fileNotoSansSymbolsRegular}
	sym2R  = &Face{Family: "NotoSansSymbols2", Style: Regular, File: "NotoSansSymbols2-Regular.ttf", file: &fileNotoSansSymbols2Regular}
	mathR  = &Face{Family: "NotoSansMath", Style: Regular, File: "NotoSansMath-Regular.ttf", file: &fileNotoSansMathRegular}
	cansR  = &Face{Family: "NotoSansCanadianAboriginal", Style: Regular, File: "NotoSansCanadianAboriginal-Regular.ttf", file: &fileNotoSansCanadianAboriginalRegular}
	cansB  = &Face{Family: "NotoSansCanadianAboriginal", Style: Bold, File: "NotoSansCanadianAboriginal-Bold.ttf", file: &fileNotoSansCanadianAboriginalBold}
	cakmR  = &Face{Family: "NotoSansChakma", Style: Regular, File: "NotoSansChakma-Regular.ttf", file: &fileNotoSansChakmaRegular}
	dsrtR  = &Face{Family: "NotoSansDeseret", Style: Regular, File: "NotoSansDeseret-Regular.ttf", file: &fileNotoSansDeseretRegular}
	mteiR  = &Face{Family: "NotoSansMeeteiMayek", Style: Regular, File: "NotoSansMeeteiMayek-Regular.ttf", file: &fileNotoSansMeeteiMayekRegular}
	mteiB  = &Face{Family: "NotoSansMeeteiMayek", Style: Bold, File: "NotoSansMeeteiMayek-Bold.ttf", file: &fileNotoSansMeeteiMayekBold}
	mongR  = &Face{Family: "NotoSansMongolian", Style: Regular, File: "NotoSansMongolian-Regular.ttf", file: &fileNotoSansMongolianRegular}
	nkooR  = &Face{Family: "NotoSansNKo", Style: Regular, File: "NotoSansNKo-Regular.ttf", file: &fileNotoSansNKoRegular}
	osgeR  = &Face{Family: "NotoSansOsage", Style: Regular, File: "NotoSansOsage-Regular.ttf", file: &fileNotoSansOsageRegular}
	shawR  = &Face{Family: "NotoSansShavian", Style: Regular, File: "NotoSansShavian-Regular.ttf", file: &fileNotoSansShavianRegular}
	syrcR  = &Face{Family: "NotoSansSyriac", Style: Regular, File: "NotoSansSyriac-Regular.ttf", file: &fileNotoSansSyriacRegular}
	vaiiR  = &Face{Family: "NotoSansVai", Style: Regular, File: "NotoSansVai-Regular.ttf", file: &fileNotoSansVaiRegular}
	yiiiR  = &Face{Family: "NotoSansYi", Style: Regular, File: "NotoSansYi-Regular.ttf", file: &fileNotoSansYiRegular}
	hmnpR  = &Face{Family: "NotoSerifNyiakengPuachueHmong", Style: Regular, File: "NotoSerifNyiakengPuachueHmong-Regular.ttf", file: &fileNotoSerifNyiakengPuachueHmongRegular}
	hmnpB  = &Face{Family: "NotoSerifNyiakengPuachueHmong", Style: Bold, File: "NotoSerifNyiakengPuachueHmong-Bold.ttf", file: &fileNotoSerifNyiakengPuachueHmongBold}
	emojiR = &Face{Family: "NotoEmoji", Style: Regular, File: "NotoEmoji-Regular.ttf", file: &fileNotoEmojiRegular}
)

// All returns every embedded face, in a fixed order.
func All() []*Face {
	return []*Face{sansR, sansB, sansI, sansBI, monoR, monoB, hebR, hebB, arabR, arabB,
		devaR, devaB, bengR, bengB, thaiR, thaiB, armR, armB, geoR, geoB, ethR, ethB,
		tamlR, tamlB, guruR, guruB, gujrR, gujrB, teluR, teluB, kndaR, kndaB, mlymR, mlymB, oryaR, oryaB,
		sinhR, sinhB, khmrR, khmrB, mymrR, mymrB, laoR, laoB, thaaR, thaaB, tibtR,
		cherR, cherB, olckR, olckB, adlmR, adlmB, tfngR,
		cansR, cansB, cakmR, dsrtR, mteiR, mteiB, mongR, nkooR, osgeR, shawR, syrcR, vaiiR, yiiiR, hmnpR, hmnpB,
		korR, cjkR, symR, sym2R, mathR, emojiR}
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
			cherB, olckB, adlmB, tfngR, korR, cjkR, symR, sym2R, mathR,
			cansB, cakmR, dsrtR, mteiB, mongR, nkooR, osgeR, shawR, syrcR, vaiiR, yiiiR, hmnpB, emojiR}
	}
	return Chain{hebR, arabR, devaR, bengR, thaiR, armR, geoR, ethR,
		tamlR, guruR, gujrR, teluR, kndaR, mlymR, oryaR, sinhR, khmrR, mymrR, laoR, thaaR, tibtR,
		cherR, olckR, adlmR, tfngR, korR, cjkR, symR, sym2R, mathR,
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

// chains are built once, on first use: the layout asks for a chain per
// word. (A pointer: a OnceValue returns its value by copy, 144 bytes on
// every call.)
var chains = sync.OnceValue(func() *chainSet {
	c := new(chainSet)
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
