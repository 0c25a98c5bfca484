// Package pdffont writes shaped text into a PDF as glyph ids: each face a
// document uses becomes a Type0 font with a CIDFontType2 descendant,
// /Identity-H encoding, character codes that are glyph ids (but see below)
// widths from the font's hmtx table, an embedded TrueType subset that
// keeps glyph ids (the outlines of the glyphs drawn and of the glyphs their
// composites use), and a ToUnicode CMap built from the shaper's clusters.
//
// ToUnicode maps one character code to one text, for the whole document.
// A glyph's code is its glyph id for the first text it is drawn with (a
// ligature maps to all its letters; the other glyphs of a multi-glyph
// cluster map to nothing); a glyph drawn with another text (a Hebrew letter
// under different points, whose cluster text its code carries) gets a code
// of its own above the font's glyph ids, and the CIDToGIDMap, then a stream,
// maps it back to the glyph. Where a left-to-right run's glyphs read through
// that map would not give the run's text in logical order (a reordered
// Indic vowel sign, a cluster of several glyphs), the run is drawn inside a
// marked-content span /Span <</ActualText (...)>> BDC ... EMC that carries
// the text, so copying and text extraction give the source text.
// Right-to-left runs need no span: extractors read a right-to-left line
// from its visual end, and each cluster's text, reversed, is on one glyph.
package pdffont

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/galleydoc/galley/exporters/pdf/internal/shape"
	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/internal/fpdf"
)

// Set holds the fonts of one document. It is not safe for concurrent use.
type Set struct {
	byFace map[*fonts.Face]*docFont
	order  []*docFont
}

// NewSet returns an empty font set.
func NewSet() *Set { return &Set{byFace: map[*fonts.Face]*docFont{}} }

type docFont struct {
	face  *fonts.Face
	name  string // resource name
	sf    *sfnt
	used  map[uint16]bool   // glyph ids drawn
	toUni map[uint16]string // by code; "" = drawn, but carries no text of its own
	// codes are the codes given to glyphs drawn with a text other than
	// the one their glyph id maps to; gidOf maps them to glyph ids.
	codes map[codeKey]uint16
	gidOf map[uint16]uint16
	upem  int
	width func(g uint16) int // PDF glyph width (thousandths of an em)
	// space is the glyph of U+0020 (hasSpace), looked up on first use.
	space               uint16
	hasSpace, spaceDone bool
}

type codeKey struct {
	gid  uint16
	text string
}

// code returns the character code drawing glyph gid with text (see the
// package documentation), and false where the font has no code left to
// give (the glyph's own code is returned).
func (f *docFont) code(gid uint16, text string) (uint16, bool) {
	have, ok := f.toUni[gid]
	if !ok || have == text {
		f.toUni[gid] = text
		return gid, true
	}
	if c, ok := f.codes[codeKey{gid, text}]; ok {
		return c, true
	}
	next := f.sf.numGlyphs() + len(f.codes)
	if next > 0xFFFF {
		return gid, false
	}
	c := uint16(next)
	if f.codes == nil {
		f.codes, f.gidOf = map[codeKey]uint16{}, map[uint16]uint16{}
	}
	f.codes[codeKey{gid, text}] = c
	f.gidOf[c] = gid
	f.toUni[c] = text
	return c, true
}

// gid returns the glyph id a code draws.
func (f *docFont) gid(code uint16) uint16 {
	if g, ok := f.gidOf[code]; ok {
		return g
	}
	return code
}

func (s *Set) font(face *fonts.Face) (*docFont, error) {
	if f, ok := s.byFace[face]; ok {
		return f, nil
	}
	data, err := face.Bytes()
	if err != nil {
		return nil, err
	}
	sf, err := parseSfnt(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", face.File, err)
	}
	f := &docFont{face: face, name: "GF" + strconv.Itoa(len(s.order)+1), sf: sf,
		used: map[uint16]bool{}, toUni: map[uint16]string{}, upem: sf.upem()}
	f.width = func(g uint16) int {
		return int(math.Round(float64(sf.advance(int(g))) * 1000 / float64(f.upem)))
	}
	s.byFace[face] = f
	s.order = append(s.order, f)
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

// ShowSpaced is Show with the word spaces sp beside the run. In a
// left-to-right run whose glyphs map to its text, the spaces are glyphs of
// its own text object; otherwise (right-to-left runs, ActualText spans, a
// space glyph already mapped to another character) each is a text object
// of its own before or after the run's, so the content stream holds the
// text in logical order and no span's ActualText hides a space.
func (s *Set) ShowSpaced(run *shape.Run, x, y, size float64, sp Spaces) (string, error) {
	if run == nil || len(run.Glyphs) == 0 {
		return "", nil
	}
	f, err := s.font(run.Face)
	if err != nil {
		return "", err
	}
	codes, actual := f.mapText(run)
	space, spaceOK := uint16(0), false
	if sp.Before || sp.After {
		space, spaceOK = f.spaceGlyph()
		if !spaceOK {
			sp = Spaces{}
		}
	}
	mapped := spaceOK
	inline := mapped && !actual && !run.RTL && !sp.At
	var b strings.Builder
	pt := size / float64(run.UPEM)
	ax := 0.0 // where a separate space after the run goes
	if (sp.Before || sp.After) && !inline {
		// Separate text objects, in logical order around the run.
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
			f.spaceObject(&b, space, bx, y, size, mapped)
			b.WriteByte('\n')
		}
	}
	if actual {
		b.WriteString(ActualText(run.Text))
		b.WriteByte('\n')
	}
	f.beginText(&b, size)
	k := 1000 / float64(run.UPEM) // font units to thousandths of an em
	pen := 0.0                    // font units
	cur := 0.0                    // text position, thousandths of an em from the Tm origin
	curY := 0.0                   // y offset of the open Tm, font units
	open := false
	tm := func(dx, dy float64) {
		if open {
			b.WriteString("] TJ\n")
		}
		b.WriteString("1 0 0 1 ")
		b.WriteString(num(x + dx*pt))
		b.WriteByte(' ')
		b.WriteString(num(y + dy*pt))
		b.WriteString(" Tm [")
		open = true
	}
	glyph := func(id uint16, dx, dy float64) {
		if !open || dy != curY {
			tm(dx, dy)
			curY = dy
			cur = dx * k
		} else if adj := dx*k - cur; math.Abs(adj) > 0.0005 {
			b.WriteString(num(-adj))
		}
		b.WriteByte('<')
		b.WriteString(hex4(id))
		b.WriteByte('>')
		cur = dx*k + float64(f.width(f.gid(id)))
	}
	if inline && sp.Before {
		glyph(space, -sp.Gap/pt, 0)
	}
	for i, g := range run.Glyphs {
		f.used[g.ID] = true
		glyph(codes[i], pen+float64(g.XOff), float64(g.YOff))
		pen += float64(g.Advance)
	}
	if inline && sp.After {
		glyph(space, pen, 0)
	}
	if open {
		b.WriteString("] TJ\n")
	}
	b.WriteString("ET")
	if actual {
		b.WriteString("\nEMC")
	}
	if sp.After && !inline {
		b.WriteByte('\n')
		f.spaceObject(&b, space, ax, y, size, mapped)
	}
	return b.String(), nil
}

// spaceGlyph returns the code of the face's glyph for U+0020 mapped to a
// space (a code of its own where the glyph already stands for another
// text: a face that draws U+00A0 with the same glyph, drawn first) and
// marks the glyph used; false where the face has no space glyph or no code
// left to give.
func (f *docFont) spaceGlyph() (uint16, bool) {
	if !f.spaceDone {
		f.spaceDone = true
		if ft, err := f.face.Font(); err == nil {
			if g, ok := ft.NominalGlyph(' '); ok && g != 0 {
				f.space, f.hasSpace = uint16(g), true
			}
		}
	}
	if !f.hasSpace {
		return 0, false
	}
	f.used[f.space] = true
	return f.code(f.space, " ")
}

// beginText opens a text object set in this font at size.
func (f *docFont) beginText(b *strings.Builder, size float64) {
	b.WriteString("BT /")
	b.WriteString(f.name)
	b.WriteByte(' ')
	b.WriteString(num(size))
	b.WriteString(" Tf\n")
}

// spaceObject writes a text object drawing the space glyph at (x, y),
// inside an ActualText span of a space when the glyph's ToUnicode entry is
// another character's.
func (f *docFont) spaceObject(b *strings.Builder, space uint16, x, y, size float64, mapped bool) {
	if !mapped {
		b.WriteString(ActualText(" "))
		b.WriteByte('\n')
	}
	f.beginText(b, size)
	b.WriteString("1 0 0 1 ")
	b.WriteString(num(x))
	b.WriteByte(' ')
	b.WriteString(num(y))
	b.WriteString(" Tm [<")
	b.WriteString(hex4(space))
	b.WriteString(">] TJ\nET")
	if !mapped {
		b.WriteString("\nEMC")
	}
}

// mapText records the text of run's glyphs in the ToUnicode map and returns
// the code each glyph is drawn with, and whether the run needs an ActualText
// span (see shape.Run.GlyphText for what each glyph should carry).
func (f *docFont) mapText(run *shape.Run) ([]uint16, bool) {
	texts, actual := run.GlyphText()
	codes := make([]uint16, len(run.Glyphs))
	for i, g := range run.Glyphs {
		want := texts[i]
		if !run.RTL && want == "" {
			// The glyph stands for nothing: any code of it will do,
			// the run's ActualText carries the text.
			codes[i] = g.ID
			actual = true
			continue
		}
		c, ok := f.code(g.ID, want)
		if !ok {
			actual = true
		}
		codes[i] = c
	}
	return codes, actual
}

func hex4(v uint16) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// ActualText returns the operator opening a marked-content span whose text,
// for extraction and copying, is s: /Span <</ActualText <FEFF…>>> BDC.
func ActualText(s string) string {
	var sb strings.Builder
	sb.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&sb, "%04X", u)
	}
	sb.WriteString(">>> BDC")
	return sb.String()
}

// num formats a number for a content stream: at most three decimals, no
// trailing zeros.
func num(v float64) string {
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if len(b) == 2 && b[0] == '-' && b[1] == '0' {
		return "0"
	}
	return string(b)
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

// zwriters pools zlib writers (each holds about 1 MB of state).
var zwriters sync.Pool

func deflate(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := zwriters.Get().(*zlib.Writer)
	if zw == nil {
		zw = zlib.NewWriter(&b)
	} else {
		zw.Reset(&b)
	}
	zw.Write(data)
	zw.Close()
	zwriters.Put(zw)
	return b.Bytes()
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

func (f *docFont) write(w *fpdf.ObjectWriter) (int, error) {
	sf := f.sf
	sf.closure(f.used) // the glyphs written: those drawn and their components
	prog, plen := streams.get(subsetKey(f.face.File, f.used), func() ([]byte, int) {
		p := sf.subset(f.used)
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

	// The codes drawn: each glyph's own and the extra codes.
	gids := make([]int, 0, len(f.used)+len(f.gidOf))
	for g := range f.used {
		gids = append(gids, int(g))
	}
	for c := range f.gidOf {
		gids = append(gids, int(c))
	}
	sort.Ints(gids)
	gid := func(c int) uint16 {
		if g, ok := f.gidOf[uint16(c)]; ok {
			return g
		}
		return uint16(c)
	}
	var wb strings.Builder
	wb.WriteString("[")
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		fmt.Fprintf(&wb, "%d [", gids[i])
		for k := i; k <= j; k++ {
			if k > i {
				wb.WriteByte(' ')
			}
			wb.WriteString(strconv.Itoa(f.width(gid(gids[k]))))
		}
		wb.WriteString("]")
		i = j + 1
	}
	wb.WriteString("]")
	cidToGID := "/Identity"
	if len(f.gidOf) > 0 {
		// Codes are glyph ids but for the extra codes, which follow
		// the font's last glyph id.
		m := make([]byte, 2*(gids[len(gids)-1]+1))
		for c := 0; c < len(m)/2; c++ {
			g := gid(c)
			m[2*c], m[2*c+1] = byte(g>>8), byte(g)
		}
		cidToGID = strconv.Itoa(w.Stream(" /Filter /FlateDecode", deflate(m))) + " 0 R"
	}
	cid := w.Object(fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW 0 /W %s /CIDToGIDMap %s>>",
		name, desc0, wb.String(), cidToGID))
	cmap := f.toUnicode(gids)
	tuData, _ := streams.get("cmap\x00"+string(cmap), func() ([]byte, int) { return deflate(cmap), len(cmap) })
	tu := w.Stream(" /Filter /FlateDecode", tuData)
	return w.Object(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, cid, tu)), nil
}

// toUnicode returns the ToUnicode CMap for the glyphs in gids (sorted).
func (f *docFont) toUnicode(gids []int) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var entries []string
	for _, g := range gids {
		t := f.toUni[uint16(g)]
		if t == "" {
			continue
		}
		var e strings.Builder
		fmt.Fprintf(&e, "<%04X> <", g)
		for _, u := range utf16.Encode([]rune(t)) {
			fmt.Fprintf(&e, "%04X", u)
		}
		e.WriteString(">")
		entries = append(entries, e.String())
	}
	for i := 0; i < len(entries); i += 100 {
		j := min(i+100, len(entries))
		fmt.Fprintf(&b, "%d beginbfchar\n", j-i)
		for _, e := range entries[i:j] {
			b.WriteString(e)
			b.WriteByte('\n')
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CIDResource defineresource pop\nend\nend\n")
	return b.Bytes()
}
