package pdffont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"sort"
)

// sfnt is a parsed TrueType table directory.
type sfnt struct {
	data   []byte
	tables map[string][]byte
}

func parseSfnt(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("truncated font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	s := &sfnt{data: data, tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		s.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if s.tables[t] == nil {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	if len(s.tables["head"]) < 54 || len(s.tables["hhea"]) < 36 || len(s.tables["maxp"]) < 6 {
		return nil, errors.New("truncated head, hhea or maxp")
	}
	return s, nil
}

func (s *sfnt) u16(tag string, off int) uint16 {
	t := s.tables[tag]
	if off+2 > len(t) {
		return 0
	}
	return binary.BigEndian.Uint16(t[off:])
}

func (s *sfnt) i16(tag string, off int) int { return int(int16(s.u16(tag, off))) }

func (s *sfnt) upem() int {
	if u := int(s.u16("head", 18)); u > 0 {
		return u
	}
	return 1000
}

func (s *sfnt) numGlyphs() int { return int(s.u16("maxp", 4)) }

func (s *sfnt) longLoca() bool { return s.u16("head", 50) != 0 }

// glyphRange returns the byte range of glyph g in the glyf table.
func (s *sfnt) glyphRange(g int) (int, int, bool) {
	loca := s.tables["loca"]
	if s.longLoca() {
		if 4*g+8 > len(loca) {
			return 0, 0, false
		}
		return int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:])), true
	}
	if 2*g+4 > len(loca) {
		return 0, 0, false
	}
	return 2 * int(binary.BigEndian.Uint16(loca[2*g:])), 2 * int(binary.BigEndian.Uint16(loca[2*g+2:])), true
}

// advance returns the hmtx advance of glyph g in font units.
func (s *sfnt) advance(g int) int {
	nh := int(s.u16("hhea", 34))
	if nh == 0 {
		return 0
	}
	if g >= nh {
		g = nh - 1
	}
	return int(s.u16("hmtx", 4*g))
}

// components returns the glyphs a composite glyph g is built from.
func (s *sfnt) components(g int) []int {
	a, b, ok := s.glyphRange(g)
	glyf := s.tables["glyf"]
	if !ok || b-a < 10 || b > len(glyf) {
		return nil
	}
	d := glyf[a:b]
	if int16(binary.BigEndian.Uint16(d)) >= 0 {
		return nil
	}
	var out []int
	p := 10
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		out = append(out, int(binary.BigEndian.Uint16(d[p+2:])))
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}

// glyphSet is a set of glyph ids, a bit per id (1024 words hold them all).
type glyphSet []uint64

func (s glyphSet) has(g uint16) bool { return s[g>>6]&(1<<(g&63)) != 0 }
func (s glyphSet) add(g uint16)      { s[g>>6] |= 1 << (g & 63) }

// list appends the ids in s to out, ascending.
func (s glyphSet) list(out []int) []int {
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, i<<6|b)
			w &= w - 1
		}
	}
	return out
}

// closure adds the components of composite glyphs (recursively) and glyph 0
// to used.
func (s *sfnt) closure(used glyphSet) {
	used.add(0)
	stack := used.list(nil)
	n := s.numGlyphs()
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range s.components(g) {
			if c < n && !used.has(uint16(c)) {
				used.add(uint16(c))
				stack = append(stack, c)
			}
		}
	}
}

// subset returns a TrueType font holding only the outlines of the glyphs in
// used (and the glyphs their composites are built from), with glyph ids
// unchanged: the other glyphs are left empty. Only the tables a PDF
// renderer needs are kept (no cmap, GSUB or GPOS: the text is drawn as glyph
// ids, already shaped).
func (s *sfnt) subset(used glyphSet) []byte {
	s.closure(used)
	n := s.numGlyphs()
	glyf := s.tables["glyf"]
	long := s.longLoca()
	var newGlyf []byte
	var loca []byte
	putLoca := func(off int) {
		if long {
			loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(off/2))
		}
	}
	for g := 0; g < n; g++ {
		putLoca(len(newGlyf))
		if !used.has(uint16(g)) {
			continue
		}
		a, b, ok := s.glyphRange(g)
		if !ok || a > b || b > len(glyf) {
			continue
		}
		newGlyf = append(newGlyf, glyf[a:b]...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	putLoca(len(newGlyf))
	if !long && len(newGlyf)/2 > 0xFFFF {
		// Cannot happen for a subset of a font that fit the short format.
		long = true
	}
	// Metrics of the glyphs left out are zeroed: smaller once compressed.
	hmtx := append([]byte(nil), s.tables["hmtx"]...)
	nh := int(s.u16("hhea", 34))
	for g := 0; g < n; g++ {
		if used.has(uint16(g)) {
			continue
		}
		if g < nh {
			if 4*g+4 <= len(hmtx) {
				copy(hmtx[4*g:4*g+4], []byte{0, 0, 0, 0})
			}
		} else if p := 4*nh + 2*(g-nh); p+2 <= len(hmtx) {
			hmtx[p], hmtx[p+1] = 0, 0
		}
	}
	head := append([]byte(nil), s.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment
	tables := map[string][]byte{
		"head": head, "hhea": s.tables["hhea"], "hmtx": hmtx, "maxp": s.tables["maxp"],
		"loca": loca, "glyf": newGlyf, "cmap": emptyCmap,
	}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if d := s.tables[t]; d != nil {
			tables[t] = d
		}
	}
	return buildSfnt(tables)
}

// emptyCmap is a cmap table that maps no character (a Windows Unicode
// format 4 subtable with only the closing segment): text is drawn by glyph
// id, but some font parsers insist on the table.
var emptyCmap = []byte{
	0, 0, 0, 1, // version 0, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // platform 3, encoding 1, offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language 0
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2 2, searchRange 2, entrySelector 0, rangeShift 0
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, 0, 1, 0, 0, // startCode, idDelta 1, idRangeOffset 0
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// buildSfnt writes a TrueType file from tables.
func buildSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es, sr := 0, 1
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-sr*16))
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}
