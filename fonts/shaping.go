package fonts

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Layout is what shaping reads of a face's OpenType layout: the GSUB and
// GPOS tables as LightFont holds them (the same values: the font shares
// them), but for GPOS's pair adjustment lookups (PairLookup), which Layout
// leaves without subtables; GDEF's glyph classes, and the units per em.
// The simple path of the PDF shaper sets most Latin words from it, the
// face's character map and advances (Face.Glyph, Face.GlyphAdvance) and
// the pair adjustment subtables read from the file, without go-text's
// parse of the whole face (font.NewFont: every table, a copy of each, the
// character map and metrics decoded) or of the pair lookups (every value
// record of the kerning pairs), which LightFont does on first use, for
// the text HarfBuzz shapes. A Layout is shared: do not modify it.
//
// For a face whose GPOS go-text parses (every embedded face: the tests
// compare each one's with go-text's own parse) LightFont's GPOS is the
// Layout's with the pair lookups parsed.
type Layout struct {
	GSUB gofont.GSUB
	GPOS gofont.GPOS
	// GlyphClass is GDEF's glyph class definition, as LightFont's
	// GDEF.GlyphClassDef (nil where the face has none).
	GlyphClass tables.ClassDef
	// Upem is the face's units per em, as LightFont's Upem.
	Upem uint16

	hmtx  hMetrics
	pairs []bool
}

// PairLookup reports whether GPOS lookup i is a pair adjustment lookup
// (type 2, or an extension of it) the Layout leaves without subtables:
// LightFont's GPOS has them.
func (l *Layout) PairLookup(i int) bool {
	return i >= 0 && i < len(l.pairs) && l.pairs[i]
}

// parseLayout parses the layout tables of a TrueType font (Layout) without
// go-text's parse of the whole font, when it can: the GSUB table without
// the lookups only user features reach (gsub.go), the GPOS table without
// its mark attachment lookups (marks.go; the returned gposLayout, when not
// nil, holds what the full table needs). A font whose tables cannot be
// hidden from go-text (parseLight: no GPOS table, or not a plain TrueType
// file) is parsed whole at once, as before, and returned as whole: its
// layout is that font's.
func parseLayout(data []byte) (lay *Layout, gl *gposLayout, whole *gofont.Font, err error) {
	gsub, gpos, ok := layoutTables(data)
	if !ok {
		whole, err = parse(&byteResource{data: data})
		if err != nil {
			return nil, nil, nil, err
		}
		return &Layout{GSUB: whole.GSUB, GPOS: whole.GPOS, GlyphClass: whole.GDEF.GlyphClassDef,
			Upem: whole.Upem(), hmtx: readHMetrics(data)}, nil, whole, nil
	}
	lay = &Layout{GSUB: lightGSUB(gsub), GlyphClass: glyphClasses(data), Upem: upemOf(data), hmtx: readHMetrics(data)}
	lay.GPOS, gl = lightGPOS(gpos)
	if gl != nil {
		lay.pairs = gl.pairs
	}
	return lay, gl, nil, nil
}

// parseLight parses data for shaping without its glyph outlines, glyph
// names and layout tables, and gives it lay's. go-text parses every outline
// of the glyf table up front (font.NewFont → tables.ParseGlyf), about a
// fifth of the CPU time of a one-document `galley convert -t pdf`, and
// every glyph name of the post table; galley shapes with the font (cmap,
// GSUB, GPOS, metrics) and subsets the file itself, and never draws an
// outline or asks go-text for a glyph name or underline metric (what post
// holds). The only use HarfBuzz makes of outlines while shaping is the
// glyph extents of its fallback mark positioning, which runs only for
// fonts without GPOS lookups; such fonts are parsed whole (parseLayout),
// as before, so shaping is the same either way. The GSUB and GPOS tables
// are hidden from go-text too: lay holds them, parsed lighter.
func parseLight(data []byte, lay *Layout, gl *gposLayout) (*gofont.Font, error) {
	hidden, ok := withoutOutlines(data)
	if !ok {
		return nil, errors.New("fonts: tables cannot be hidden") // parseLayout parsed the font whole
	}
	f, err := parse(hidden)
	if err != nil {
		return nil, err
	}
	f.GSUB, f.GPOS = lay.GSUB, lay.GPOS
	if gl != nil {
		f.GPOS = gl.light(lay.GPOS)
	}
	return f, nil
}

// lightGPOS returns the GPOS go-text would build from the raw table gpos,
// but for the mark attachment lookups and the pair adjustment lookups,
// which are left without subtables (the Layout's GPOS), and what building
// LightFont's table (the pair lookups parsed) and Font's (the mark lookups
// too) needs, or nil where the table does not parse (go-text then has no
// GPOS either).
func lightGPOS(gpos []byte) (gofont.GPOS, *gposLayout) {
	layout, _, err := tables.ParseLayout(gpos)
	if err != nil {
		// As go-text: a GPOS table that does not parse is no GPOS.
		return gofont.GPOS{}, nil
	}
	n := len(layout.LookupList.Lookups)
	lay := &gposLayout{layout: layout, deferred: make([]bool, n)}
	types, err := lookupTypes(gpos)
	if err == nil && len(types) == n {
		ll := int(binary.BigEndian.Uint16(gpos[8:]))
		var marks glyphSet
		m := 0
		for i, t := range types {
			if !markLookup(t) {
				continue
			}
			lo := ll + int(binary.BigEndian.Uint16(gpos[ll+2+2*i:]))
			if err = markCoverage(gpos, lo, &marks); err != nil {
				break
			}
			lay.deferred[i] = true
			m++
		}
		if err == nil && m > 0 {
			lay.marks = marks
			if lay.marks == nil {
				lay.marks = glyphSet{} // lookups without glyphs: still left out
			}
		}
		if lay.marks == nil {
			clear(lay.deferred)
		}
		lay.pairs = make([]bool, n)
		for i, t := range types {
			lay.pairs[i] = t == 2
		}
	}
	skip := make([]bool, n)
	for i := range skip {
		skip[i] = lay.deferred[i] || lay.pairs != nil && lay.pairs[i]
	}
	simple, err := newGPOS(layout, skip)
	if err != nil {
		return gofont.GPOS{}, nil
	}
	return simple, lay
}

// light returns simple (the Layout's GPOS) with the pair adjustment
// lookups parsed: LightFont's GPOS.
func (lay *gposLayout) light(simple gofont.GPOS) gofont.GPOS {
	if !slices.Contains(lay.pairs, true) {
		return simple
	}
	light := simple
	light.Lookups = slices.Clone(simple.Lookups)
	for i, lk := range lay.layout.LookupList.Lookups {
		if !lay.pairs[i] {
			continue
		}
		subtables, err := parseGPOSLookup(lk, len(light.Lookups))
		if err != nil {
			// As go-text: a lookup that does not parse loses the
			// font its GPOS table.
			return gofont.GPOS{}
		}
		light.Lookups[i].Subtables = subtables
	}
	return light
}

// full returns a copy of light with the mark attachment lookups parsed.
func (lay *gposLayout) full(light *gofont.Font) (*gofont.Font, error) {
	full := *light
	// (A clone, not an append to nil: HarfBuzz takes nil lookups for
	// a font without GPOS.)
	full.GPOS.Lookups = slices.Clone(light.GPOS.Lookups)
	for i, lk := range lay.layout.LookupList.Lookups {
		if !lay.deferred[i] {
			continue
		}
		subtables, err := parseGPOSLookup(lk, len(full.GPOS.Lookups))
		if err != nil {
			// As go-text: a lookup that does not parse loses the
			// font its GPOS table.
			full.GPOS = gofont.GPOS{}
			return &full, nil
		}
		full.GPOS.Lookups[i].Subtables = subtables
	}
	return &full, nil
}

// parse parses r as gofont.ParseTTF does, without the Face it wraps the
// font in (a 64 KB glyph extents cache, which galley does not use).
func parse(r gofont.Resource) (*gofont.Font, error) {
	ld, err := ot.NewLoader(r)
	if err != nil {
		return nil, err
	}
	return gofont.NewFont(ld)
}

// layoutTables returns the GSUB (nil when absent) and GPOS tables of the
// font, or false when it has no GPOS table or glyf, loca or post table, or
// is not a plain TrueType file: such a font is parsed whole.
func layoutTables(data []byte) (gsub, gpos []byte, ok bool) {
	n, ok := directory(data)
	if !ok {
		return nil, nil, false
	}
	hidden := 0
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		switch string(rec[:4]) {
		case "GPOS", "GSUB":
			off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
			if ln > 0 && off >= 0 && off+ln <= len(data) {
				if rec[1] == 'P' {
					gpos = data[off : off+ln : off+ln]
				} else {
					gsub = data[off : off+ln : off+ln]
				}
			}
		case "glyf", "loca", "post":
			hidden++
		}
	}
	if gpos == nil || hidden == 0 {
		return nil, nil, false
	}
	return gsub, gpos, true
}

// directory returns the number of tables of a plain TrueType file, or
// false.
func directory(data []byte) (int, bool) {
	if len(data) < 12 {
		return 0, false
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565:
	default:
		return 0, false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return 0, false
	}
	return n, true
}

// withoutOutlines returns the font with its glyf, loca, post, GSUB and
// GPOS tables hidden from go-text's loader (their directory tags renamed,
// in a copy of the directory laid over the file), or false where
// layoutTables is.
func withoutOutlines(data []byte) (*byteResource, bool) {
	if _, _, ok := layoutTables(data); !ok {
		return nil, false
	}
	n, _ := directory(data)
	dir := append([]byte(nil), data[:12+16*n]...)
	for i := 0; i < n; i++ {
		rec := dir[12+16*i:]
		switch string(rec[:4]) {
		case "GPOS", "GSUB", "glyf", "loca", "post":
			// Lower case tags are reserved for registered tables; these
			// names (_lyf, _oca, _ost, _POS, _SUB) are none.
			rec[0] = '_'
		}
	}
	return &byteResource{data: data, head: dir}, true
}

// tableData returns the table tag of the font file data, or nil.
func tableData(data []byte, tag string) []byte {
	n, ok := directory(data)
	if !ok {
		return nil
	}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) != tag {
			continue
		}
		off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil
		}
		return data[off : off+ln : off+ln]
	}
	return nil
}

// upemOf returns the font's units per em as go-text reads them (head's
// unitsPerEm, 1000 where out of range or unreadable).
func upemOf(data []byte) uint16 {
	head := tableData(data, "head")
	if len(head) < 54 {
		return 1000
	}
	upem := binary.BigEndian.Uint16(head[18:])
	if upem < 16 || upem > 16384 {
		return 1000
	}
	return upem
}

// glyphClasses returns GDEF's glyph class definition as go-text's
// font.NewFont keeps it (loadGDEF: a table that does not parse or
// sanitize is no table), or nil. go-text's list of fonts whose GDEF it
// ignores (isGDEFBlocklisted: old Windows Times faces) is keyed by the
// lengths of the GDEF, GSUB and GPOS tables; with the last two hidden from
// it, as parseLight hides them, it never matches.
func glyphClasses(data []byte) tables.ClassDef {
	raw := tableData(data, "GDEF")
	if raw == nil {
		return nil
	}
	gdef, _, err := tables.ParseGDEF(raw)
	if err != nil {
		return nil
	}
	axes := 0
	if fvar := tableData(data, "fvar"); len(fvar) >= 10 {
		// go-text counts the axes it parses; a font with an fvar
		// table is never taken by the simple path, the one reader of
		// GlyphClass, whichever way this goes.
		axes = int(binary.BigEndian.Uint16(fvar[8:]))
	}
	if got := gdef.ItemVarStore.AxisCount(); got != -1 && got != axes {
		return nil
	}
	if gdef.LigCaretList.Coverage != nil && gdef.LigCaretList.Coverage.Len() != len(gdef.LigCaretList.LigGlyphs) {
		return nil
	}
	return gdef.GlyphClassDef
}

// hMetrics is what reading advances as go-text does needs: the hmtx table,
// hhea's numberOfHMetrics and maxp's numGlyphs.
type hMetrics struct {
	hmtx      []byte
	nh        int
	numGlyphs int
	// ok is false where go-text's parse of hmtx fails (it then gives
	// every glyph half an em).
	ok bool
}

// readHMetrics reads the metrics tables of data as go-text's loadHmtx does.
func readHMetrics(data []byte) hMetrics {
	hhea, hmtx, maxp := tableData(data, "hhea"), tableData(data, "hmtx"), tableData(data, "maxp")
	if len(hhea) < 36 || len(maxp) < 6 {
		return hMetrics{}
	}
	m := hMetrics{hmtx: hmtx, nh: int(binary.BigEndian.Uint16(hhea[34:])), numGlyphs: int(binary.BigEndian.Uint16(maxp[4:]))}
	m.ok = m.numGlyphs >= m.nh && len(hmtx) >= 4*m.nh+2*(m.numGlyphs-m.nh)
	return m
}

// advance returns glyph g's advance in font units as go-text's
// (*font.Face).HorizontalAdvance gives it for a font without variations.
func (m *hMetrics) advance(g gofont.GID, upem uint16) float32 {
	if !m.ok || m.nh+m.numGlyphs == 0 {
		return float32(upem / 2)
	}
	i := int(g)
	switch {
	case i < m.nh:
	case i < m.numGlyphs && m.nh > 0:
		i = m.nh - 1
	default:
		return 0
	}
	return float32(int16(binary.BigEndian.Uint16(m.hmtx[4*i:])))
}

// byteResource reads data with head laid over its first bytes: an
// io.ReaderAt and io.ReadSeeker (go-text's font.Resource) without a copy of
// the file.
type byteResource struct {
	data []byte
	head []byte
	off  int64
}

func (r *byteResource) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("fonts: negative offset")
	}
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	if off < int64(len(r.head)) {
		copy(p[:n], r.head[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (r *byteResource) Read(p []byte) (int, error) {
	n, err := r.ReadAt(p, r.off)
	r.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (r *byteResource) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += int64(len(r.data))
	default:
		return 0, errors.New("fonts: bad whence")
	}
	if offset < 0 {
		return 0, errors.New("fonts: negative position")
	}
	r.off = offset
	return offset, nil
}
