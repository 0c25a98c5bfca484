// Package pdffont writes shaped text into a PDF as glyph ids: each face a
// document uses becomes a Type0 font with a CIDFontType2 descendant,
// /Identity-H encoding, character codes that are glyph ids (but see below)
// widths from the font's hmtx table, an embedded TrueType subset holding
// only the glyphs drawn and the glyphs their composites use, numbered
// afresh, a CIDToGIDMap stream from character codes to the subset's
// glyphs, and a ToUnicode CMap built from the shaper's clusters.
//
// ToUnicode maps one character code to one text, for the whole document.
// A glyph's code is its glyph id in the font for the first text it is
// drawn with (a ligature maps to all its letters; the glyphs of a
// multi-glyph cluster to its characters in order, see
// shape.Run.GlyphText, a glyph left over to the empty string); a glyph
// drawn with another
// text (a Hebrew letter under different points, whose cluster text its
// code carries) gets a code of its own above the font's glyph ids, which
// the CIDToGIDMap maps to the same glyph. Where a left-to-right run's
// glyphs read through that map would not give the run's text in logical
// order (a reordered Indic vowel sign, a cluster of several glyphs), the
// run is drawn inside a marked-content span /Span <</ActualText (...)>>
// BDC ... EMC that carries the text, so copying and text extraction give
// the source text; read glyph by glyph (a tagged PDF's structure), the
// codes alone give it too. A glyph drawn with no text of its own (a mark
// whose text its base carries) gets a silent code where one is free
// (silentCodes), so that a reader that skips the ToUnicode map's empty
// entries reads nothing there either.
//
// The content stream holds text in the order it is read (a tagged PDF's
// page content order): a right-to-left run's glyphs are drawn right to
// left, each placed where the shaper put it. Right-to-left runs need no
// span. Extractors that go by position read a right-to-left line from its
// right end and spread a glyph's text left to right across the glyph, so a
// glyph carries one character: a ligature of letters (lam-alef) stands
// for its first, and each other letter is a code of the face's blank glyph
// (no outline, no advance) drawn after the ligature, just left of it,
// which reads right both by position and in content order. So does an
// Arabic-script, Thaana or N'Ko letter and its marks, the marks' blank
// glyphs drawn just left of where the letter's pen starts. Other letters
// and their marks (pointed Hebrew, vocalised Syriac) keep their text on
// the letter's glyph, reversed (marks drawn apart confuse poppler's
// reading by position there): read glyph by glyph, their marks come
// first.
package pdffont

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/internal/fpdf"
	"github.com/galleydoc/galley/internal/zlibstream"
)

// Set holds the fonts of one document. It is not safe for concurrent use.
type Set struct {
	byFace    map[*fonts.Face]*docFont
	order     []*docFont
	last      *docFont  // the font of the last run drawn
	codes     []uint16  // scratch: the codes of the run being drawn
	pens      []float64 // scratch: the pen positions of a right-to-left run's glyphs
	tails     []tail    // scratch: the tails of a right-to-left run's clusters, by glyph, left to right
	tailCodes []uint16  // scratch: their codes
	// SpanProps, when set, is called as an ActualText span is opened
	// and appends to b entries to add to its properties ("/MCID 7 "). A
	// tagged PDF gives each span a marked-content id of its own, a
	// sequence of its own beside its element's, not one nested in the
	// element's sequence: some readers of the structure (poppler) end an
	// element's content at the first EMC inside it. The caller closes
	// its open sequence when called.
	SpanProps func(b []byte) []byte
	// The text object AppendText left open: its TJ array's state, size
	// and baseline.
	tj              textArray
	open            bool
	openSize, openY float64
}

// NewSet returns an empty font set.
func NewSet() *Set { return &Set{byFace: map[*fonts.Face]*docFont{}} }

// faceInfo is what a font set needs of a face, read once per process and
// shared read-only by every document: the table directory, the metrics
// glyph widths come from, and the space glyph.
type faceInfo struct {
	once      sync.Once
	err       error
	sf        *sfnt
	upem      int
	numGlyphs int
	hmtx      []byte
	numHM     int    // hhea's numberOfHMetrics
	space     uint16 // the glyph of U+0020 (hasSpace)
	hasSpace  bool

	blankOnce sync.Once
	blank     uint16 // a glyph with no outline and no advance (hasBlank)
	hasBlank  bool
}

// blankGlyph returns a glyph of the face that draws nothing and takes no
// room (a TrueType .null, a zero-width space), false where it has none.
func (fi *faceInfo) blankGlyph() (uint16, bool) {
	fi.blankOnce.Do(func() {
		for g := 1; g < fi.numGlyphs && g <= 0xFFFF; g++ {
			if a, b, ok := fi.sf.glyphRange(g); ok && a == b && fi.width(uint16(g)) == 0 {
				fi.blank, fi.hasBlank = uint16(g), true
				return
			}
		}
	})
	return fi.blank, fi.hasBlank
}

// faceInfos maps a *fonts.Face to its *faceInfo.
var faceInfos sync.Map

func infoOf(face *fonts.Face) (*faceInfo, error) {
	v, ok := faceInfos.Load(face)
	if !ok {
		v, _ = faceInfos.LoadOrStore(face, &faceInfo{})
	}
	fi := v.(*faceInfo)
	fi.once.Do(func() {
		data, err := face.Bytes()
		if err != nil {
			fi.err = err
			return
		}
		sf, err := parseSfnt(data)
		if err != nil {
			fi.err = fmt.Errorf("font %s: %w", face.File, err)
			return
		}
		fi.sf, fi.upem, fi.numGlyphs = sf, sf.upem(), sf.numGlyphs()
		fi.hmtx, fi.numHM = sf.tables["hmtx"], int(sf.u16("hhea", 34))
		if g, ok := face.Glyph(' '); ok && g != 0 { // Font's cmap, without parsing the face for shaping
			fi.space, fi.hasSpace = uint16(g), true
		}
	})
	return fi, fi.err
}

// width returns glyph g's PDF width (thousandths of an em): its hmtx
// advance, as sfnt.advance reads it, scaled and rounded.
func (fi *faceInfo) width(g uint16) int {
	adv := 0
	if fi.numHM > 0 {
		i := int(g)
		if i >= fi.numHM {
			i = fi.numHM - 1
		}
		if 4*i+2 <= len(fi.hmtx) {
			adv = int(binary.BigEndian.Uint16(fi.hmtx[4*i:]))
		}
	}
	return int(math.Round(float64(adv) * 1000 / float64(fi.upem)))
}

type docFont struct {
	face *fonts.Face
	name string // resource name
	*faceInfo
	// slots hold, by character code, what the document drew: 256 pages
	// of 256 codes, allocated as codes are used (a Latin document uses
	// one or two pages of a face).
	slots [256]*[256]slot
	// codes are the codes given to glyphs drawn with a text other than
	// the one their glyph id maps to (see the package documentation):
	// past the font's last glyph id, in the order given, and for glyphs
	// that stand for no text a silent code (silentCodes) where one is
	// free. nextExtra is the next code past the glyph ids to try,
	// nextSilent the next of silentCodes.
	codes      map[codeKey]uint16
	nextExtra  int
	nextSilent int
}

// silentCodes are the codes a glyph that stands for no text is drawn with
// where one is free (past the font's glyph ids, not given yet): the
// 16-bit code points of Unicode's format characters (Cf), ascending. The
// ToUnicode map gives such a code no text, which is all readers that
// follow it see; pdf.js (Firefox) takes a code mapped to no text for an
// unmapped one and reads the code itself as a character, which for these
// codes is an invisible format character it leaves out, where the
// glyph's id would have come out as a stray letter. U+FEFF and U+180E are
// not among them: JavaScript's \s matches them (U+180E in older engines),
// and pdf.js takes whitespace before format characters.
var silentCodes = [...]uint16{
	0x00AD, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x061C, 0x06DD, 0x070F,
	0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206A,
	0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0xFFF9, 0xFFFA, 0xFFFB,
}

// slot is what a document drew with one character code.
type slot struct {
	// text is the code's ToUnicode text when mapped ("" = drawn, but
	// carries no text of its own).
	text   string
	mapped bool
	// used: the glyph with this id is drawn (or needed by a composite
	// glyph drawn).
	used bool
	// extra: an extra code, which draws glyph gid.
	extra bool
	gid   uint16
}

// slot returns code c's slot, allocating its page on first use.
func (f *docFont) slot(c uint16) *slot {
	p := f.slots[c>>8]
	if p == nil {
		p = new([256]slot)
		f.slots[c>>8] = p
	}
	return &p[c&255]
}

// peek returns code c's slot, or nil where its page was never used.
func (f *docFont) peek(c uint16) *slot {
	if p := f.slots[c>>8]; p != nil {
		return &p[c&255]
	}
	return nil
}

// text returns code c's ToUnicode text and whether it has one.
func (f *docFont) text(c uint16) (string, bool) {
	if s := f.peek(c); s != nil && s.mapped {
		return s.text, true
	}
	return "", false
}

type codeKey struct {
	gid  uint16
	text string
}

// code returns the character code drawing glyph gid with text (see the
// package documentation), and false where the font has no code left to
// give (the glyph's own code is returned). s is gid's slot.
func (f *docFont) code(s *slot, gid uint16, text string) (uint16, bool) {
	if text == "" {
		if c, ok := f.codes[codeKey{gid, ""}]; ok {
			return c, true
		}
		if c, ok := f.silentCode(); ok {
			f.addCode(c, gid, "")
			return c, true
		}
	}
	if !s.mapped || s.text == text {
		s.mapped, s.text = true, text
		return gid, true
	}
	if c, ok := f.codes[codeKey{gid, text}]; ok {
		return c, true
	}
	if f.nextExtra < f.numGlyphs {
		f.nextExtra = f.numGlyphs
	}
	for f.nextExtra <= 0xFFFF && f.taken(uint16(f.nextExtra)) {
		f.nextExtra++
	}
	if f.nextExtra > 0xFFFF {
		return gid, false
	}
	c := uint16(f.nextExtra)
	f.nextExtra++
	f.addCode(c, gid, text)
	return c, true
}

// silentCode returns the next of silentCodes that is free, and false when
// none is left.
func (f *docFont) silentCode() (uint16, bool) {
	for f.nextSilent < len(silentCodes) {
		c := silentCodes[f.nextSilent]
		f.nextSilent++
		if int(c) >= f.numGlyphs && !f.taken(c) {
			return c, true
		}
	}
	return 0, false
}

// taken reports whether code c (past the glyph ids) was given already.
func (f *docFont) taken(c uint16) bool {
	s := f.peek(c)
	return s != nil && s.extra
}

// addCode gives code c to glyph gid drawn with text.
func (f *docFont) addCode(c, gid uint16, text string) {
	if f.codes == nil {
		f.codes = map[codeKey]uint16{}
	}
	f.codes[codeKey{gid, text}] = c
	e := f.slot(c)
	e.extra, e.gid, e.mapped, e.text = true, gid, true, text
}

// gid returns the glyph id a code draws.
func (f *docFont) gid(code uint16) uint16 {
	if s := f.peek(code); s != nil && s.extra {
		return s.gid
	}
	return code
}

func (s *Set) font(face *fonts.Face) (*docFont, error) {
	if s.last != nil && s.last.face == face {
		return s.last, nil
	}
	if f, ok := s.byFace[face]; ok {
		s.last = f
		return f, nil
	}
	fi, err := infoOf(face)
	if err != nil {
		return nil, err
	}
	f := &docFont{face: face, name: "GF" + strconv.Itoa(len(s.order)+1), faceInfo: fi}
	s.byFace[face] = f
	s.order = append(s.order, f)
	s.last = f
	return f, nil
}

// Spaces asks Show to draw the face's space glyph beside a run, where the
// layout set a word space as a gap (or broke a line at one). The glyph
// shows nothing, but it is the space text extraction, copying and screen
// readers read between words: glyph ids carry no spaces of their own.
type Spaces struct {
	// Before draws a space before the run's text (logical order) in the
	// Gap points before it: on its left, on its right for a right-to-left
	// run.
	Before bool
	Gap    float64
	// After draws a space after the run's text (logical order): where a
	// line break replaced a space, or the gap after the run is the run's.
	After bool
	// At places the spaces where the line's bidi reordering put their
	// gaps (UAX #9 L1, L2), not beside the run: BeforeX and AfterX are
	// the centres of the space glyphs, in points from the run's x. A
	// space between a left-to-right piece and right-to-left text of a
	// line may be drawn away from its run.
	At              bool
	BeforeX, AfterX float64
}

// Show returns the content-stream operators that draw run at (x, y) in PDF
// user space (y up, the baseline) at size points, from BT to ET (wrapped in
// an ActualText span where the glyphs alone would not give the text back).
// Colour and text rendering mode are the caller's.
func (s *Set) Show(run *shape.Run, x, y, size float64) (string, error) {
	return s.ShowSpaced(run, x, y, size, Spaces{})
}

// ShowSpaced is Show with the word spaces sp beside the run. In a run
// whose glyphs map to its text, the spaces are glyphs of its own text
// object (before and after its glyphs, in logical order: left and right of
// a left-to-right run, right and left of a right-to-left one); otherwise
// (ActualText spans, a space glyph already mapped to another character, a
// space placed where the line's bidi reordering put its gap) each is a
// text object of its own before or after the run's, so the content stream
// holds the text in logical order and no span's ActualText hides a space.
func (s *Set) ShowSpaced(run *shape.Run, x, y, size float64, sp Spaces) (string, error) {
	b, err := s.AppendShow(nil, run, x, y, size, sp)
	return string(b), err
}

// AppendShow appends the operators of ShowSpaced to b and returns the
// extended buffer (b unchanged for an empty run).
func (s *Set) AppendShow(b []byte, run *shape.Run, x, y, size float64, sp Spaces) ([]byte, error) {
	b, _, open, err := s.AppendText(b, run, x, y, size, sp, false)
	if open {
		b = append(b, TextCloser...)
	}
	return b, err
}

// TextCloser ends the text object of a run AppendText left open.
const TextCloser = ">] TJ\nET"

// AppendText appends the operators drawing run as ShowSpaced does, except
// that a run drawn as one text object holding one TJ array (no ActualText
// span, no space in a text object of its own) is left open: the caller
// ends it with TextCloser, unless the next run continues it. It is how the
// painter draws: a line's words in one font, size and colour become one
// text object instead of one each, which is most of the bytes of a page's
// content otherwise.
//
// With cont the caller says that the object the previous call left open
// is still open (nothing else written since, the graphics state the
// same): a run in its font and size on its baseline then continues it,
// its glyphs added to the TJ array, placed by the array's position
// adjustments (thousandths of an em, to a thousandth: a millionth of an em
// off at most). It reports whether the run continued the open object and
// whether the run's object is left open.
func (s *Set) AppendText(b []byte, run *shape.Run, x, y, size float64, sp Spaces, cont bool) (out []byte, continued, open bool, err error) {
	if run == nil || len(run.Glyphs) == 0 {
		return b, false, false, nil
	}
	f, err := s.font(run.Face)
	if err != nil {
		return b, false, false, err
	}
	actual := s.mapText(f, run)
	space, spaceOK := uint16(0), false
	if sp.Before || sp.After {
		space, spaceOK = f.spaceGlyph()
		if !spaceOK {
			sp = Spaces{}
		}
	}
	mapped := spaceOK
	inline := mapped && !actual && !sp.At
	single := !actual && (inline || !(sp.Before || sp.After))
	pt := size / float64(run.UPEM)
	if cont && single && s.open && s.tj.f == f && s.openSize == size && s.openY == y {
		t := &s.tj
		t.b = b
		off := (x - t.x) / t.pt // the run's origin, font units from the open Tm's
		if inline && sp.Before {
			t.glyph(space, off+spaceBefore(f, run, space, sp, pt), 0)
		}
		pen := s.drawRun(t, f, run, off)
		if inline && sp.After {
			t.glyph(space, off+spaceAfter(f, run, space, pen), 0)
		}
		b, t.b = t.b, nil
		return b, true, true, nil
	}
	s.open = false
	// In a tagged PDF, a run whose text objects need an ActualText span
	// has each of them in a span of its own (SpanProps): none is left
	// outside a marked-content sequence.
	own := s.SpanProps != nil && (actual || (sp.Before || sp.After) && !mapped)
	ax := 0.0 // where a separate space after the run goes
	if (sp.Before || sp.After) && !inline {
		// Separate text objects, in logical order around the run (where
		// spaceBefore and spaceAfter put a run's own space glyphs, in
		// points).
		w := run.Width(size)
		sw := float64(f.width(f.gid(space))) * size / 1000
		bx := x - sp.Gap
		ax = x + w
		if run.RTL {
			bx, ax = x+w+sp.Gap-sw, x-sw
		}
		if sp.At {
			bx, ax = x+sp.BeforeX-sw/2, x+sp.AfterX-sw/2
		}
		if sp.Before {
			b = s.appendSpaceObject(b, f, space, bx, y, size, mapped, own)
			b = append(b, '\n')
		}
	}
	switch {
	case actual:
		b = s.appendSpan(b, run.Text, true)
		b = append(b, '\n')
	case own:
		b = s.appendSpan(b, "", false)
		b = append(b, '\n')
	}
	b = f.appendBeginText(b, size)
	t := textArray{b: b, f: f, x: x, y: y, pt: pt, k: 1000 / float64(run.UPEM)}
	if inline && sp.Before {
		t.glyph(space, spaceBefore(f, run, space, sp, pt), 0)
	}
	pen := s.drawRun(&t, f, run, 0)
	if inline && sp.After {
		t.glyph(space, spaceAfter(f, run, space, pen), 0)
	}
	b = t.b
	if single {
		t.b = nil
		s.tj, s.open, s.openSize, s.openY = t, true, size, y
		return b, false, true, nil
	}
	if t.open {
		b = append(b, ">] TJ\n"...)
	}
	b = append(b, "ET"...)
	if actual || own {
		b = append(b, "\nEMC"...)
	}
	if sp.After && !inline {
		b = append(b, '\n')
		b = s.appendSpaceObject(b, f, space, ax, y, size, mapped, own)
	}
	return b, false, false, nil
}

// drawRun adds run's glyphs to t, in the codes mapText gave them, the
// run's origin off font units from t's, and returns the run's advance. The
// glyphs of a left-to-right run go left to right; those of a right-to-left
// run, shaped in visual order, go right to left, in logical order (a
// cluster's base before its marks), each where the shaper put it, so that
// the content stream holds the text as it is read. The rest of a
// right-to-left cluster's text (see mapText) follows the cluster in blank
// glyphs, one a character, at its left end.
func (s *Set) drawRun(t *textArray, f *docFont, run *shape.Run, off float64) float64 {
	codes := s.codes
	pen := 0.0
	if !run.RTL {
		for i := range run.Glyphs {
			g := &run.Glyphs[i]
			t.glyph(codes[i], off+pen+float64(g.XOff), float64(g.YOff))
			pen += float64(g.Advance)
		}
		return pen
	}
	pens := s.pens[:0]
	for _, g := range run.Glyphs {
		pens = append(pens, pen)
		pen += float64(g.Advance)
	}
	s.pens = pens
	tails := s.tails // by glyph, left to right: drawn from the last
	step := float64(f.upem) / 100
	for i := len(pens) - 1; i >= 0; i-- {
		g := &run.Glyphs[i]
		t.glyph(codes[i], off+pens[i]+float64(g.XOff), float64(g.YOff))
		if n := len(tails); n > 0 && tails[n-1].at == i {
			// Left of the cluster, a hundredth of an em apart: read
			// right to left by position, after the cluster's first
			// glyph, in order. Left of where its pen starts (pens[i],
			// the cluster's glyph at its left end) for a letter's
			// marks, of where any of its glyphs is drawn for the rest
			// of a ligature.
			left := pens[i]
			if !tails[n-1].marks {
				for j := i; j < len(pens) && run.Glyphs[j].Cluster == g.Cluster; j++ {
					left = min(left, pens[j]+float64(run.Glyphs[j].XOff))
				}
			}
			for k, c := range tails[n-1].codes {
				t.glyph(c, off+left-float64(k+1)*step, 0)
			}
			tails = tails[:n-1]
		}
	}
	return pen
}

// spaceBefore returns where a run's own space glyph before it goes, in
// font units from the run's origin: in the gap before it, left of a
// left-to-right run, right of a right-to-left one (its glyph ending where
// the gap does).
func spaceBefore(f *docFont, run *shape.Run, space uint16, sp Spaces, pt float64) float64 {
	if !run.RTL {
		return -sp.Gap / pt
	}
	return float64(run.Advance) + sp.Gap/pt - float64(f.width(f.gid(space)))/1000*float64(run.UPEM)
}

// spaceAfter returns where a run's own space glyph after it goes, in font
// units from the run's origin (pen is the run's advance): at its end, right
// of a left-to-right run, left of a right-to-left one.
func spaceAfter(f *docFont, run *shape.Run, space uint16, pen float64) float64 {
	if !run.RTL {
		return pen
	}
	return -float64(f.width(f.gid(space))) / 1000 * float64(run.UPEM)
}

// tail is the rest of a right-to-left cluster's text, drawn after the
// cluster's glyph at (the glyph at its left end) in blank glyphs, one code
// a character.
type tail struct {
	at    int
	codes []uint16
	// marks: the rest are a letter's marks, drawn left of where the
	// cluster's pen starts rather than left of its ink (a mark placed
	// left of its letter would put them inside the next letter).
	marks bool
}

// textArray writes a run's glyphs as TJ arrays, opening a new text matrix
// where a glyph is raised or lowered (marks) and adjusting the position
// between glyphs where it is not where the previous glyph's width left it.
// Once a glyph is written, the array and its hex string are open.
type textArray struct {
	b    []byte
	f    *docFont
	x, y float64 // the run's origin, points
	pt   float64 // points per font unit
	k    float64 // thousandths of an em per font unit
	cur  float64 // text position, thousandths of an em from the Tm origin
	curY float64 // y offset of the open Tm, font units
	open bool
}

// glyph draws code id with its origin dx, dy font units from the run's.
func (t *textArray) glyph(id uint16, dx, dy float64) {
	if !t.open || dy != t.curY {
		if t.open {
			t.b = append(t.b, ">] TJ\n"...)
		}
		t.b = append(t.b, "1 0 0 1 "...)
		t.b = appendNum(t.b, t.x+dx*t.pt)
		t.b = append(t.b, ' ')
		t.b = appendNum(t.b, t.y+dy*t.pt)
		t.b = append(t.b, " Tm [<"...)
		t.open = true
		t.curY = dy
		t.cur = dx * t.k
	} else if adj := dx*t.k - t.cur; math.Abs(adj) > 0.0005 {
		t.b = append(t.b, '>')
		t.b = appendNum(t.b, -adj)
		t.b = append(t.b, '<')
	}
	// Glyphs between adjustments share one hex string.
	t.b = appendHex4(t.b, id)
	t.cur = dx*t.k + float64(t.f.width(t.f.gid(id)))
}

// spaceGlyph returns the code of the face's glyph for U+0020 mapped to a
// space (a code of its own where the glyph already stands for another
// text: a face that draws U+00A0 with the same glyph, drawn first) and
// marks the glyph used; false where the face has no space glyph or no code
// left to give.
func (f *docFont) spaceGlyph() (uint16, bool) {
	if !f.hasSpace {
		return 0, false
	}
	s := f.slot(f.space)
	s.used = true
	return f.code(s, f.space, " ")
}

// appendBeginText opens a text object set in this font at size.
func (f *docFont) appendBeginText(b []byte, size float64) []byte {
	b = append(b, "BT /"...)
	b = append(b, f.name...)
	b = append(b, ' ')
	b = appendNum(b, size)
	return append(b, " Tf\n"...)
}

// appendSpaceObject writes a text object drawing the space glyph at (x,
// y), inside an ActualText span of a space when the glyph's ToUnicode
// entry is another character's, and in a span of its own anyway with own
// (see SpanProps).
func (s *Set) appendSpaceObject(b []byte, f *docFont, space uint16, x, y, size float64, mapped, own bool) []byte {
	if !mapped || own {
		b = s.appendSpan(b, " ", !mapped)
		b = append(b, '\n')
	}
	b = f.appendBeginText(b, size)
	b = append(b, "1 0 0 1 "...)
	b = appendNum(b, x)
	b = append(b, ' ')
	b = appendNum(b, y)
	b = append(b, " Tm [<"...)
	b = appendHex4(b, space)
	b = append(b, ">] TJ\nET"...)
	if !mapped || own {
		b = append(b, "\nEMC"...)
	}
	return b
}

// mapText records the text of run's glyphs in f's ToUnicode map and marks
// them used, leaves in s.codes the code each glyph is drawn with, and
// reports whether the run needs an ActualText span (see
// shape.Run.GlyphText for what each glyph should carry). A left-to-right
// glyph that stands for nothing (the consonant of a reordered Indic
// cluster, whose text its vowel sign carries) gets a code mapped to no
// text, and the run a span: extractors that go by position would read a
// gap there.
func (s *Set) mapText(f *docFont, run *shape.Run) bool {
	texts, actual := run.GlyphText()
	codes := s.codes[:0]
	s.tails, s.tailCodes = s.tails[:0], s.tailCodes[:0]
	blank, hasBlank := uint16(0), false
	for i, g := range run.Glyphs {
		sl := f.slot(g.ID)
		sl.used = true
		want := texts[i]
		if !run.RTL && want == "" {
			actual = true
		}
		if run.RTL && len(want) > 1 {
			if split, marks := splittable(want); split {
				if !hasBlank {
					blank, hasBlank = f.blankGlyph()
				}
				if hasBlank {
					want = s.splitCluster(f, run, i, want, blank, marks)
				}
			}
		}
		c, ok := f.code(sl, g.ID, want)
		if !ok {
			actual = true
		}
		codes = append(codes, c)
	}
	s.codes = codes
	return actual
}

// splittable reports whether a right-to-left cluster's text (reversed, as
// its first glyph carries it) is split by splitCluster, and whether what is
// split off are marks: several characters of which none but the first (the
// last of rev) is a mark, as a ligature of letters (lam-alef) or a letter
// and a joiner; or an Arabic-script, Thaana or N'Ko letter and its marks,
// no mark twice. Hebrew and Syriac letters with marks (points, vowels)
// stay on one glyph, reversed, and so do a ligature or a joiner with marks
// and a letter with a mark doubled (a typo's two shaddas): poppler's
// pdftotext, reading by position, puts their marks drawn apart in the
// wrong place and sets a space beside them, where it reads the others
// right (2026-12-02, poppler 22.12: 2,718 random Arabic, Persian and Urdu
// words with harakat, shadda and superscript alef, 735 Thaana and 201
// N'Ko words read alike either way; pointed Hebrew and Syriac did not).
// Left on one glyph, a letter's text reads marks first in content order
// (a tagged PDF's structure), and in Thaana and N'Ko nearly every letter
// has a mark.
func splittable(rev string) (split, marks bool) {
	first, size := utf8.DecodeLastRuneInString(rev)
	tail := rev[:len(rev)-size]
	if tail == "" {
		return false, false
	}
	anyMark, allMarks := false, true
	for i, r := range tail {
		if unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) {
			anyMark = true
			if strings.ContainsRune(tail[i+utf8.RuneLen(r):], r) {
				allMarks = false // a mark twice
			}
		} else {
			allMarks = false
		}
	}
	switch {
	case !anyMark:
		return true, false
	case allMarks && unicode.In(first, unicode.Arabic, unicode.Thaana, unicode.Nko):
		return true, true
	}
	return false, false
}

// splitCluster is mapText's way with a right-to-left cluster whose text,
// reversed, is on its first glyph (glyph i; see shape.Run.GlyphText): read
// glyph by glyph (a tagged PDF's structure, pdfminer), that text would
// come out reversed. The glyph keeps the cluster's first character, and
// each other character is a blank glyph drawn after the cluster, left of
// it (tail): extractors that go by position, reading right to left, and
// those that go by content order both read the cluster as written. marks
// says the rest are marks (see splittable). It returns the glyph's text.
func (s *Set) splitCluster(f *docFont, run *shape.Run, i int, rev string, blank uint16, marks bool) string {
	rs := []rune(rev)
	slices.Reverse(rs)
	// The cluster's glyph at its left end, drawn last of it.
	at := i
	for at > 0 && run.Glyphs[at-1].Cluster == run.Glyphs[i].Cluster {
		at--
	}
	from := len(s.tailCodes)
	bs := f.slot(blank)
	bs.used = true
	for _, r := range rs[1:] {
		c, _ := f.code(bs, blank, string(r))
		s.tailCodes = append(s.tailCodes, c)
	}
	s.tails = append(s.tails, tail{at: at, codes: s.tailCodes[from:len(s.tailCodes):len(s.tailCodes)], marks: marks})
	return string(rs[0])
}

const hexDigits = "0123456789ABCDEF"

func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

func hex4(v uint16) string { return string(appendHex4(nil, v)) }

// appendUTF16Hex appends s as UTF-16BE code units in hex.
func appendUTF16Hex(b []byte, s string) []byte {
	for _, r := range s {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			b = appendHex4(appendHex4(b, uint16(r1)), uint16(r2))
			continue
		}
		b = appendHex4(b, uint16(r))
	}
	return b
}

// ActualText returns the operator opening a marked-content span whose text,
// for extraction and copying, is s: /Span <</ActualText <FEFF…>>> BDC.
func ActualText(s string) string { return string(appendActualText(nil, s)) }

func appendActualText(b []byte, s string) []byte {
	return appendActualTextEntry(append(b, "/Span <<"...), s)
}

// appendSpan opens a span, with the properties SpanProps gives and, with
// actual, the ActualText text.
func (s *Set) appendSpan(b []byte, text string, actual bool) []byte {
	b = append(b, "/Span <<"...)
	if s.SpanProps != nil {
		b = s.SpanProps(b)
	}
	if !actual {
		return append(b, ">> BDC"...)
	}
	return appendActualTextEntry(b, text)
}

func appendActualTextEntry(b []byte, s string) []byte {
	b = append(b, "/ActualText <FEFF"...)
	b = appendUTF16Hex(b, s)
	return append(b, ">>> BDC"...)
}

// num formats a number for a content stream: at most three decimals, no
// trailing zeros.
func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends v as num formats it. Numbers of content streams are
// written by the million in a long document: the usual case is formatted
// from v rounded to thousandths as an integer, which gives the bytes
// strconv.AppendFloat(v, 'f', 3) gives wherever v·1000 is not within a
// millionth of a tie between two thousandths (the product's rounding error
// is far below that for |v| < 10⁶); ties and larger numbers go through
// strconv, which rounds the exact binary value.
func appendNum(b []byte, v float64) []byte {
	if v > -1e6 && v < 1e6 {
		x := v * 1000
		fl := math.Floor(x)
		frac := x - fl
		if math.Abs(frac-0.5) > 1e-6 {
			n := int64(fl)
			if frac > 0.5 {
				n++
			}
			if n < 0 {
				b = append(b, '-')
				n = -n
			}
			b = strconv.AppendInt(b, n/1000, 10)
			if d := n % 1000; d != 0 {
				b = append(b, '.', byte('0'+d/100))
				if d%100 != 0 {
					b = append(b, byte('0'+d/10%10))
					if d%10 != 0 {
						b = append(b, byte('0'+d%10))
					}
				}
			}
			return b
		}
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if len(b)-start == 2 && b[start] == '-' && b[start+1] == '0' {
		b = append(b[:start], '0')
	}
	return b
}

// Write writes every font the document used and returns their resource
// references, in the order the fonts were first used.
func (s *Set) Write(w *fpdf.ObjectWriter) ([]fpdf.ResourceRef, error) {
	var refs []fpdf.ResourceRef
	for _, f := range s.order {
		n, err := f.write(w)
		if err != nil {
			return nil, err
		}
		refs = append(refs, fpdf.ResourceRef{Name: f.name, Obj: n})
	}
	return refs, nil
}

// zbuffers pools the buffers deflate compresses into.
var zbuffers sync.Pool // *bytes.Buffer

// deflate returns data compressed, in a slice of its own length (the
// result may be kept in the stream cache for the life of the process), by
// the same stateless encoder as the PDF writer's streams
// (internal/zlibstream).
func deflate(data []byte) []byte {
	b, _ := zbuffers.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	zlibstream.Compress(b, data)
	out := bytes.Clone(b.Bytes())
	zbuffers.Put(b)
	return out
}

// psName is the face's PostScript-style name (the file name without
// extension, letters, digits and hyphens only).
func psName(file string) string {
	file = strings.TrimSuffix(file, ".ttf")
	var b strings.Builder
	for _, r := range file {
		if (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// usedGlyphs returns the set of glyph ids drawn.
func (f *docFont) usedGlyphs() glyphSet {
	used := make(glyphSet, 1024)
	for hi, p := range f.slots {
		if p == nil {
			continue
		}
		for lo := range p {
			if p[lo].used {
				used.add(uint16(hi<<8 | lo))
			}
		}
	}
	return used
}

func (f *docFont) write(w *fpdf.ObjectWriter) (int, error) {
	sf := f.sf
	used := f.usedGlyphs()
	sf.closure(used) // the glyphs written: those drawn and their components
	prog, plen := streams.get(subsetKey(f.face.File, used), func() ([]byte, int) {
		p := sf.subset(used)
		return deflate(p), len(p)
	})
	ff := w.Stream(" /Filter /FlateDecode /Length1 "+strconv.Itoa(plen), prog)

	name := psName(f.face.File)
	scale := 1000 / float64(f.upem)
	sc := func(v int) string { return strconv.Itoa(int(math.Round(float64(v) * scale))) }
	asc, desc := sf.i16("hhea", 4), sf.i16("hhea", 6)
	capH := asc * 7 / 10
	if os2 := sf.tables["OS/2"]; len(os2) >= 90 && sf.u16("OS/2", 0) >= 2 {
		capH = sf.i16("OS/2", 88)
	}
	italic := 0.0
	if post := sf.tables["post"]; len(post) >= 8 {
		italic = float64(int32(uint32(sf.u16("post", 4))<<16|uint32(sf.u16("post", 6)))) / 65536
	}
	flags := 4
	if italic != 0 {
		flags |= 64
	}
	desc0 := w.Object(fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R>>",
		name, flags, sc(sf.i16("head", 36)), sc(sf.i16("head", 38)), sc(sf.i16("head", 40)), sc(sf.i16("head", 42)),
		num(italic), sc(asc), sc(desc), sc(capH), ff))

	// The codes drawn, ascending: each glyph's own, then the extra codes,
	// which follow the font's glyph ids.
	gids := used.list(make([]int, 0, 64+len(f.codes)))
	from := len(gids)
	for _, c := range f.codes {
		gids = append(gids, int(c))
	}
	slices.Sort(gids[from:])
	gid := func(c int) uint16 { return f.gid(uint16(c)) }
	wb := make([]byte, 0, 8*len(gids)+16)
	wb = append(wb, '[')
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		wb = strconv.AppendInt(wb, int64(gids[i]), 10)
		wb = append(wb, " ["...)
		for k := i; k <= j; k++ {
			if k > i {
				wb = append(wb, ' ')
			}
			wb = strconv.AppendInt(wb, int64(f.width(gid(gids[k]))), 10)
		}
		wb = append(wb, ']')
		i = j + 1
	}
	wb = append(wb, ']')
	// The codes are the font's glyph ids (and the extra codes, which
	// follow them); the subset numbers its glyphs afresh, so the
	// CIDToGIDMap maps each code drawn to its glyph in the subset (codes
	// not drawn map to glyph 0).
	rk := newRank(used)
	m := make([]byte, 2*(gids[len(gids)-1]+1))
	for _, c := range gids {
		g := rk.of(gid(c))
		m[2*c], m[2*c+1] = byte(g>>8), byte(g)
	}
	mapData, _ := streams.get("gids\x00"+string(m), func() ([]byte, int) { return deflate(m), len(m) })
	cidToGID := w.Stream(" /Filter /FlateDecode", mapData)
	cid := w.Object(fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW 0 /W %s /CIDToGIDMap %d 0 R>>",
		name, desc0, wb, cidToGID))
	cmap := f.toUnicode(gids)
	tuData, _ := streams.get("cmap\x00"+string(cmap), func() ([]byte, int) { return deflate(cmap), len(cmap) })
	tu := w.Stream(" /Filter /FlateDecode", tuData)
	return w.Object(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, cid, tu)), nil
}

// toUnicode returns the ToUnicode CMap for the codes in gids (sorted).
func (f *docFont) toUnicode(gids []int) []byte {
	b := make([]byte, 0, 512+20*len(gids))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	// The codes with a text, in blocks of at most 100. A code drawn
	// with no text of its own (a mark whose text its base carries, the
	// other glyphs of a cluster an ActualText span covers) maps to the
	// empty string: an extractor reading the glyphs (a tagged PDF's
	// structure, pdfminer) adds nothing for it, where a code left out
	// would have it guess a character from the font.
	entries := make([]uint16, 0, len(gids))
	for _, g := range gids {
		if _, ok := f.text(uint16(g)); ok {
			entries = append(entries, uint16(g))
		}
	}
	for i := 0; i < len(entries); i += 100 {
		j := min(i+100, len(entries))
		b = strconv.AppendInt(b, int64(j-i), 10)
		b = append(b, " beginbfchar\n"...)
		for _, c := range entries[i:j] {
			t, _ := f.text(c)
			b = append(b, '<')
			b = appendHex4(b, c)
			b = append(b, "> <"...)
			b = appendUTF16Hex(b, t)
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CIDResource defineresource pop\nend\nend\n"...)
	return b
}
