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
// Tifinagh regular only). One face
// (Droid Sans Fallback) covers Han and kana and one (Noto Sans KR) Hangul;
// Noto Sans Symbols and Symbols 2 (regular only) supply arrows, check marks
// and other signs the text faces lack.
//
// A Chain is an ordered list of faces for one style; Chain.Face returns the
// first face whose character map covers a rune. Character maps, and the
// faces parsed for shaping (Face.Font), are parsed once per process, on
// first use, and shared by all goroutines.
package fonts

import (
	"embed"
	"fmt"
	"sync"

	gofont "github.com/go-text/typesetting/font"
)

//go:embed *.ttf
var files embed.FS

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
	// only, when set, restricts the face to these rune ranges (used to take
	// only Hangul from the Korean face).
	only [][2]rune

	once sync.Once
	data []byte
	cov  *coverage
	font *gofont.Font
	err  error
}

func (f *Face) load() {
	f.once.Do(func() {
		data, err := files.ReadFile(f.File)
		if err != nil {
			f.err = fmt.Errorf("fonts: read %s: %w", f.File, err)
			return
		}
		cov, err := parseCoverage(data)
		if err != nil {
			f.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		parsed, err := parseForShaping(data)
		if err != nil {
			f.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		f.font = parsed
		f.data, f.cov = data, cov
	})
}

// Font returns the face parsed for shaping (go-text/typesetting). It is
// parsed once per process and shared: a *font.Font is read-only and safe for
// concurrent use (wrap it in font.NewFace per goroutine to shape).
func (f *Face) Font() (*gofont.Font, error) {
	f.load()
	return f.font, f.err
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
	return int(f.cov.adv[r])
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
			w += int(f.cov.adv[r])
		}
	}
	return float64(w) * size / 1000
}

// Key is the fpdf font key of the face: family plus style.
func (f *Face) Key() string { return f.Family + string(f.Style) }

func face(family string, style Style, file string) *Face {
	return &Face{Family: family, Style: style, File: file}
}

var hangul = [][2]rune{
	{0x1100, 0x11FF}, {0x3130, 0x318F}, {0xA960, 0xA97F}, {0xAC00, 0xD7AF}, {0xD7B0, 0xD7FF},
}

var (
	sansR  = face("NotoSans", Regular, "NotoSans-Regular.ttf")
	sansB  = face("NotoSans", Bold, "NotoSans-Bold.ttf")
	sansI  = face("NotoSans", Italic, "NotoSans-Italic.ttf")
	sansBI = face("NotoSans", BoldItalic, "NotoSans-BoldItalic.ttf")
	monoR  = face("NotoSansMono", Regular, "NotoSansMono-Regular.ttf")
	monoB  = face("NotoSansMono", Bold, "NotoSansMono-Bold.ttf")
	hebR   = face("NotoSansHebrew", Regular, "NotoSansHebrew-Regular.ttf")
	hebB   = face("NotoSansHebrew", Bold, "NotoSansHebrew-Bold.ttf")
	arabR  = face("NotoSansArabic", Regular, "NotoSansArabic-Regular.ttf")
	arabB  = face("NotoSansArabic", Bold, "NotoSansArabic-Bold.ttf")
	devaR  = face("NotoSansDevanagari", Regular, "NotoSansDevanagari-Regular.ttf")
	devaB  = face("NotoSansDevanagari", Bold, "NotoSansDevanagari-Bold.ttf")
	thaiR  = face("NotoSansThai", Regular, "NotoSansThai-Regular.ttf")
	thaiB  = face("NotoSansThai", Bold, "NotoSansThai-Bold.ttf")
	armR   = face("NotoSansArmenian", Regular, "NotoSansArmenian-Regular.ttf")
	armB   = face("NotoSansArmenian", Bold, "NotoSansArmenian-Bold.ttf")
	geoR   = face("NotoSansGeorgian", Regular, "NotoSansGeorgian-Regular.ttf")
	geoB   = face("NotoSansGeorgian", Bold, "NotoSansGeorgian-Bold.ttf")
	ethR   = face("NotoSansEthiopic", Regular, "NotoSansEthiopic-Regular.ttf")
	ethB   = face("NotoSansEthiopic", Bold, "NotoSansEthiopic-Bold.ttf")
	bengR  = face("NotoSansBengali", Regular, "NotoSansBengali-Regular.ttf")
	bengB  = face("NotoSansBengali", Bold, "NotoSansBengali-Bold.ttf")
	korR   = &Face{Family: "NotoSansKR", Style: Regular, File: "NotoSansKR-Regular.ttf", only: hangul}
	cjkR   = face("DroidSansFallback", Regular, "DroidSansFallbackFull.ttf")
	tamlR  = face("NotoSansTamil", Regular, "NotoSansTamil-Regular.ttf")
	tamlB  = face("NotoSansTamil", Bold, "NotoSansTamil-Bold.ttf")
	guruR  = face("NotoSansGurmukhi", Regular, "NotoSansGurmukhi-Regular.ttf")
	guruB  = face("NotoSansGurmukhi", Bold, "NotoSansGurmukhi-Bold.ttf")
	gujrR  = face("NotoSansGujarati", Regular, "NotoSansGujarati-Regular.ttf")
	gujrB  = face("NotoSansGujarati", Bold, "NotoSansGujarati-Bold.ttf")
	teluR  = face("NotoSansTelugu", Regular, "NotoSansTelugu-Regular.ttf")
	teluB  = face("NotoSansTelugu", Bold, "NotoSansTelugu-Bold.ttf")
	kndaR  = face("NotoSansKannada", Regular, "NotoSansKannada-Regular.ttf")
	kndaB  = face("NotoSansKannada", Bold, "NotoSansKannada-Bold.ttf")
	mlymR  = face("NotoSansMalayalam", Regular, "NotoSansMalayalam-Regular.ttf")
	mlymB  = face("NotoSansMalayalam", Bold, "NotoSansMalayalam-Bold.ttf")
	oryaR  = face("NotoSansOriya", Regular, "NotoSansOriya-Regular.ttf")
	oryaB  = face("NotoSansOriya", Bold, "NotoSansOriya-Bold.ttf")
	sinhR  = face("NotoSansSinhala", Regular, "NotoSansSinhala-Regular.ttf")
	sinhB  = face("NotoSansSinhala", Bold, "NotoSansSinhala-Bold.ttf")
	khmrR  = face("NotoSansKhmer", Regular, "NotoSansKhmer-Regular.ttf")
	khmrB  = face("NotoSansKhmer", Bold, "NotoSansKhmer-Bold.ttf")
	mymrR  = face("NotoSansMyanmar", Regular, "NotoSansMyanmar-Regular.ttf")
	mymrB  = face("NotoSansMyanmar", Bold, "NotoSansMyanmar-Bold.ttf")
	laoR   = face("NotoSansLao", Regular, "NotoSansLao-Regular.ttf")
	laoB   = face("NotoSansLao", Bold, "NotoSansLao-Bold.ttf")
	thaaR  = face("NotoSansThaana", Regular, "NotoSansThaana-Regular.ttf")
	thaaB  = face("NotoSansThaana", Bold, "NotoSansThaana-Bold.ttf")
	tibtR  = face("NotoSerifTibetan", Regular, "NotoSerifTibetan-Regular.ttf")
	cherR  = face("NotoSansCherokee", Regular, "NotoSansCherokee-Regular.ttf")
	cherB  = face("NotoSansCherokee", Bold, "NotoSansCherokee-Bold.ttf")
	olckR  = face("NotoSansOlChiki", Regular, "NotoSansOlChiki-Regular.ttf")
	olckB  = face("NotoSansOlChiki", Bold, "NotoSansOlChiki-Bold.ttf")
	adlmR  = face("NotoSansAdlam", Regular, "NotoSansAdlam-Regular.ttf")
	adlmB  = face("NotoSansAdlam", Bold, "NotoSansAdlam-Bold.ttf")
	tfngR  = face("NotoSansTifinagh", Regular, "NotoSansTifinagh-Regular.ttf")
	symR   = face("NotoSansSymbols", Regular, "NotoSansSymbols-Regular.ttf")
	sym2R  = face("NotoSansSymbols2", Regular, "NotoSansSymbols2-Regular.ttf")
)

// All returns every embedded face, in a fixed order.
func All() []*Face {
	return []*Face{sansR, sansB, sansI, sansBI, monoR, monoB, hebR, hebB, arabR, arabB,
		devaR, devaB, bengR, bengB, thaiR, thaiB, armR, armB, geoR, geoB, ethR, ethB,
		tamlR, tamlB, guruR, guruB, gujrR, gujrB, teluR, teluB, kndaR, kndaB, mlymR, mlymB, oryaR, oryaB,
		sinhR, sinhB, khmrR, khmrB, mymrR, mymrB, laoR, laoB, thaaR, thaaB, tibtR,
		cherR, cherB, olckR, olckB, adlmR, adlmB, tfngR,
		korR, cjkR, symR, sym2R}
}

// Chain is an ordered list of faces: the first one that has a character sets it.
type Chain []*Face

// Face returns the first face of c that has r, or nil when none has.
func (c Chain) Face(r rune) *Face {
	for _, f := range c {
		if f.Has(r) {
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
			cherB, olckB, adlmB, tfngR, korR, cjkR, symR, sym2R}
	}
	return Chain{hebR, arabR, devaR, bengR, thaiR, armR, geoR, ethR,
		tamlR, guruR, gujrR, teluR, kndaR, mlymR, oryaR, sinhR, khmrR, mymrR, laoR, thaaR, tibtR,
		cherR, olckR, adlmR, tfngR, korR, cjkR, symR, sym2R}
}

// Sans returns the chain for body text in style s: Noto Sans in that style,
// then the script fallbacks (bold fallbacks for the bold styles; the
// fallbacks have no italics).
// The chain is shared: callers must not modify it.
func Sans(s Style) Chain { return chains.sans[styleIndex(s)] }

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

// chains are built once: the layout asks for a chain per word.
var chains = func() (c chainSet) {
	for i, main := range []*Face{sansR, sansB, sansI, sansBI} {
		bold := i == 1 || i == 3
		c.sans[i] = append(Chain{main}, fallbacks(bold)...)
	}
	c.mono[0] = append(Chain{monoR}, c.sans[0]...)
	c.mono[1] = append(Chain{monoB}, c.sans[1]...)
	return c
}()

// Mono returns the chain for code: Noto Sans Mono (regular or bold), then
// the body chain of the same weight.
// The chain is shared: callers must not modify it.
func Mono(bold bool) Chain {
	if bold {
		return chains.mono[1]
	}
	return chains.mono[0]
}
