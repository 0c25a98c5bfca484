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
	eachComponent(d, func(at int) { out = append(out, int(binary.BigEndian.Uint16(d[at:]))) })
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

// rank numbers the glyphs of a set: the subset's glyph id of each glyph of
// the font it keeps, which is its rank among them (glyph 0 keeps id 0).
type rank struct {
	set    glyphSet
	before []uint16 // glyphs of set in the words before each word
}

func newRank(set glyphSet) rank {
	r := rank{set: set, before: make([]uint16, len(set))}
	n := 0
	for i, w := range set {
		r.before[i] = uint16(n)
		n += bits.OnesCount64(w)
	}
	return r
}

// of returns the subset glyph id of glyph g, which must be in the set.
func (r rank) of(g uint16) uint16 {
	return r.before[g>>6] + uint16(bits.OnesCount64(r.set[g>>6]&(1<<(g&63)-1)))
}

// subset returns a TrueType font holding only the glyphs in used, which
// must be closed under composition (closure), numbered in the order of
// their ids in the font: the subset's glyph i is the font's i-th glyph of
// used (rank.of), with composite glyphs' components renumbered to match,
// and its hmtx, loca, maxp and hhea sized to them. Only the tables a PDF
// renderer needs are kept (no cmap, GSUB or GPOS: the text is drawn as
// glyph ids, already shaped); the hinting programs (cvt, fpgm, prep) are
// kept whole, since glyph programs call their functions. A subset that
// kept every glyph id, empty, held two 4-byte entries (loca, hmtx) for
// each of a face's thousands of glyphs: most of its bytes and of the time
// spent compressing it.
func (s *sfnt) subset(used glyphSet) []byte {
	ids := used.list(nil)
	rk := newRank(used)
	glyf := s.tables["glyf"]
	long := s.longLoca()
	var newGlyf []byte
	loca := make([]byte, 0, 4*(len(ids)+1))
	putLoca := func(off int) {
		if long {
			loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(off/2))
		}
	}
	size := 0 // of the glyphs kept, each padded to 4 bytes
	for _, g := range ids {
		if a, b, ok := s.glyphRange(g); ok && a < b && b <= len(glyf) {
			size += (b - a + 3) &^ 3
		}
	}
	newGlyf = make([]byte, 0, size)
	hmtxIn := s.tables["hmtx"]
	nh := int(s.u16("hhea", 34))
	hmtx := make([]byte, 0, 4*len(ids))
	for _, g := range ids {
		putLoca(len(newGlyf))
		if a, b, ok := s.glyphRange(g); ok && a < b && b <= len(glyf) {
			at := len(newGlyf)
			newGlyf = append(newGlyf, glyf[a:b]...)
			renumberComponents(newGlyf[at:], rk)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
		// The glyph's advance and left side bearing.
		var adv, lsb []byte
		if nh > 0 {
			i := min(g, nh-1)
			if 4*i+4 <= len(hmtxIn) {
				adv = hmtxIn[4*i : 4*i+2]
			}
			if g < nh {
				if 4*g+4 <= len(hmtxIn) {
					lsb = hmtxIn[4*g+2 : 4*g+4]
				}
			} else if p := 4*nh + 2*(g-nh); p+2 <= len(hmtxIn) {
				lsb = hmtxIn[p : p+2]
			}
		}
		hmtx = append(hmtx, 0, 0, 0, 0)
		copy(hmtx[len(hmtx)-4:], adv)
		copy(hmtx[len(hmtx)-2:], lsb)
	}
	putLoca(len(newGlyf))
	head := append([]byte(nil), s.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment
	hhea := append([]byte(nil), s.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(ids))) // numberOfHMetrics
	maxp := append([]byte(nil), s.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(ids))) // numGlyphs
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "hmtx": hmtx, "maxp": maxp,
		"loca": loca, "glyf": newGlyf, "cmap": emptyCmap,
	}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if d := s.tables[t]; d != nil {
			tables[t] = d
		}
	}
	return buildSfnt(tables)
}

// renumberComponents rewrites, in a copy of a glyph's glyf data, the glyph
// ids of a composite glyph's components to their subset ids. Simple glyphs
// are left alone.
func renumberComponents(d []byte, rk rank) {
	if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return
	}
	eachComponent(d, func(at int) {
		if c := binary.BigEndian.Uint16(d[at:]); int(c)>>6 < len(rk.set) && rk.set.has(c) {
			binary.BigEndian.PutUint16(d[at:], rk.of(c))
		}
	})
}

// eachComponent calls fn with the offset, in the composite glyph d, of
// each component's glyph id (the glyf table's component records: flags,
// glyph id, arguments of one or two words, then a scale, an x and y
// scale or a two by two matrix, until a record without MORE_COMPONENTS).
func eachComponent(d []byte, fn func(at int)) {
	p := 10
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p + 2)
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
	size := 12 + 16*n
	for _, d := range tables {
		size += (len(d) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
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
