package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync/atomic"
)

// coverage is the set of BMP code points a font maps to a non-zero glyph,
// a bit each, and what their advance widths are read from: the cmap
// subtable and the hmtx table, looked up when asked (the layout asks for a
// few widths; a table of every code point's width and glyph was 256 KB to
// fill and fault in per face). The bits are read from the subtable a
// block of 256 code points at a time, on the first question about the
// block: a document asks about a few blocks of each face it looks at (a
// Latin one about two or three), and reading the whole map of every such
// face up front was most of the cost of choosing faces. Only the BMP is
// recorded: fpdf's UTF-8 path cannot show anything else. Safe for
// concurrent use.
type coverage struct {
	bits   [0x10000 / 64]atomic.Uint64
	filled [0x10000 / 256]atomic.Bool
	// sub is the cmap subtable the bits are read from, in format 12
	// or 4.
	sub      []byte
	format12 bool
	hmtx     []byte
	nh       int     // hhea's numberOfHMetrics
	scale    float64 // thousandths of an em per font unit
}

func (c *coverage) has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	if !c.filled[r>>8].Load() {
		c.fill(int(r >> 8))
	}
	return c.bits[r>>6].Load()&(1<<(uint(r)&63)) != 0
}

// fill reads the bits of block b (code points b<<8 to b<<8+255) from the
// subtable: those of the segments (format 4) or groups (format 12) that
// meet the block, found by binary search (they are sorted by their last
// code point), read as parseCoverage checked them.
func (c *coverage) fill(b int) {
	var w [4]uint64
	lo, hi := uint32(b)<<8, uint32(b)<<8+255
	set := func(r uint32) { w[(r-lo)>>6] |= 1 << (r & 63) }
	sub := c.sub
	if c.format12 {
		n := int(binary.BigEndian.Uint32(sub[12:]))
		i := sort.Search(n, func(i int) bool { return binary.BigEndian.Uint32(sub[16+12*i+4:]) >= lo })
		for ; i < n; i++ {
			g := sub[16+12*i:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			if start > hi {
				break
			}
			for r := max(start, lo); r <= min(end, hi); r++ {
				if g := gid + (r - start); g != 0 && g <= 0xFFFF {
					set(r)
				}
			}
		}
	} else {
		segX2 := int(binary.BigEndian.Uint16(sub[6:]))
		segs := segX2 / 2
		ends, starts, deltas, rangeOffs := sub[14:], sub[16+segX2:], sub[16+2*segX2:], sub[16+3*segX2:]
		s := sort.Search(segs, func(s int) bool { return uint32(binary.BigEndian.Uint16(ends[2*s:])) >= lo })
		for ; s < segs; s++ {
			end := uint32(binary.BigEndian.Uint16(ends[2*s:]))
			start := uint32(binary.BigEndian.Uint16(starts[2*s:]))
			if start > hi {
				break
			}
			delta := binary.BigEndian.Uint16(deltas[2*s:])
			ro := int(binary.BigEndian.Uint16(rangeOffs[2*s:]))
			for r := max(start, lo); r <= min(end, hi) && r != 0xFFFF; r++ {
				var gid uint16
				if ro == 0 {
					gid = uint16(r) + delta
				} else {
					pos := 16 + 3*segX2 + 2*s + ro + 2*int(r-start)
					if pos+2 > len(sub) {
						break
					}
					gid = binary.BigEndian.Uint16(sub[pos:])
					if gid != 0 {
						gid += delta
					}
				}
				if gid != 0 {
					set(r)
				}
			}
		}
	}
	// Any goroutine may fill a block; all write the same bits.
	for i, v := range w {
		c.bits[b<<2+i].Store(v)
	}
	c.filled[b].Store(true)
}

// advance returns the advance width of r in thousandths of an em, rounded
// as fpdf rounds its /W array (0 where the font has no glyph for r).
func (c *coverage) advance(r rune) uint16 {
	if !c.has(r) {
		return 0
	}
	g := int(c.glyph(uint32(r)))
	if g >= c.nh {
		g = c.nh - 1
	}
	if 4*g+2 > len(c.hmtx) {
		return 0
	}
	aw := binary.BigEndian.Uint16(c.hmtx[4*g:])
	if aw >= 1<<15 {
		aw = 0
	}
	return uint16(math.Round(c.scale * float64(aw)))
}

// glyph looks r up in the cmap subtable, as parseFormat12 and parseFormat4
// read it: 0 where no group or segment maps r to a glyph, or to one past
// 0xFFFF.
func (c *coverage) glyph(r uint32) uint16 {
	gid, ok := c.find(r, false)
	if !ok || gid > 0xFFFF {
		return 0
	}
	return uint16(gid)
}

// lookup looks r (in the BMP) up in the cmap subtable as go-text's
// font.Cmap does (Font.NominalGlyph): unlike glyph, it reports a character
// a segment or group maps to glyph 0 through its delta (the final U+FFFF
// segment of a format 4 subtable does) as found, and a glyph id past
// 0xFFFF as it is.
func (c *coverage) lookup(r uint32) (uint32, bool) {
	if c.has(rune(r)) {
		return uint32(c.glyph(r)), true // the common case: a glyph
	}
	return c.find(r, true)
}

// find returns the glyph the subtable's group or segment for r gives it,
// and whether one does: a segment's glyph index array entry of 0 is no
// glyph, a glyph its delta takes to 0 is found. goText reads a format 4
// segment starting at U+FFFF by its delta alone, as go-text's Cmap does.
func (c *coverage) find(r uint32, goText bool) (uint32, bool) {
	sub := c.sub
	if c.format12 {
		n := int(binary.BigEndian.Uint32(sub[12:]))
		// The first group whose end is at least r.
		i := sort.Search(n, func(i int) bool { return binary.BigEndian.Uint32(sub[16+12*i+4:]) >= r })
		if i == n || r < binary.BigEndian.Uint32(sub[16+12*i:]) {
			return 0, false
		}
		g := sub[16+12*i:]
		return binary.BigEndian.Uint32(g[8:]) + (r - binary.BigEndian.Uint32(g)), true
	}
	segX2 := int(binary.BigEndian.Uint16(sub[6:]))
	segs := segX2 / 2
	ends := sub[14:]
	s := sort.Search(segs, func(s int) bool { return uint32(binary.BigEndian.Uint16(ends[2*s:])) >= r })
	if s == segs {
		return 0, false
	}
	start := uint32(binary.BigEndian.Uint16(sub[16+segX2+2*s:]))
	if r < start {
		return 0, false
	}
	delta := binary.BigEndian.Uint16(sub[16+2*segX2+2*s:])
	ro := int(binary.BigEndian.Uint16(sub[16+3*segX2+2*s:]))
	if ro == 0 || (goText && start == 0xFFFF) {
		return uint32(uint16(r) + delta), true
	}
	pos := 16 + 3*segX2 + 2*s + ro + 2*int(r-start)
	if pos+2 > len(sub) {
		return 0, false
	}
	if gid := binary.BigEndian.Uint16(sub[pos:]); gid != 0 {
		return uint32(gid + delta), true
	}
	return 0, false
}

var errTruncated = errors.New("truncated font data")

// parseCoverage reads the Unicode cmap subtable (format 4 or 12) of a
// TrueType font and returns its coverage. It rejects fonts without glyf
// outlines, which fpdf cannot embed.
func parseCoverage(data []byte) (*coverage, error) {
	if len(data) < 12 {
		return nil, errTruncated
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565: // TrueType
	case 0x4F54544F:
		return nil, errors.New("CFF-outline OpenType font: fpdf needs glyf outlines")
	default:
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errTruncated
	}
	var cmapOff, cmapLen, headOff, hheaOff, hmtxOff, hmtxLen int
	hasGlyf := false
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		switch tag {
		case "cmap":
			cmapOff, cmapLen = off, ln
		case "glyf":
			hasGlyf = true
		case "head":
			headOff = off
		case "hhea":
			hheaOff = off
		case "hmtx":
			hmtxOff, hmtxLen = off, ln
		}
	}
	if !hasGlyf {
		return nil, errors.New("no glyf table: fpdf needs TrueType outlines")
	}
	if cmapLen == 0 || cmapOff < 0 || cmapOff+cmapLen > len(data) || cmapLen < 4 {
		return nil, errors.New("no usable cmap table")
	}
	cmap := data[cmapOff : cmapOff+cmapLen]
	nsub := int(binary.BigEndian.Uint16(cmap[2:]))
	if len(cmap) < 4+8*nsub {
		return nil, errTruncated
	}
	// Prefer a full-repertoire subtable (format 12), else the BMP one.
	best, bestFormat := -1, 0
	for i := 0; i < nsub; i++ {
		rec := cmap[4+8*i:]
		pid := binary.BigEndian.Uint16(rec)
		eid := binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if !(pid == 0 || (pid == 3 && (eid == 1 || eid == 10))) || off+2 > len(cmap) {
			continue
		}
		format := int(binary.BigEndian.Uint16(cmap[off:]))
		if (format == 12 && bestFormat != 12) || (format == 4 && bestFormat == 0) {
			best, bestFormat = off, format
		}
	}
	if best < 0 {
		return nil, errors.New("no Unicode cmap subtable")
	}
	cov := &coverage{}
	sub := cmap[best:]
	var err error
	if bestFormat == 12 {
		err = checkFormat12(sub)
	} else {
		err = checkFormat4(sub)
	}
	if err != nil {
		return nil, fmt.Errorf("cmap format %d: %w", bestFormat, err)
	}
	cov.sub, cov.format12 = sub, bestFormat == 12
	if err := readMetrics(data, cov, headOff, hheaOff, hmtxOff, hmtxLen); err != nil {
		return nil, err
	}
	return cov, nil
}

// checkFormat4 checks that a format 4 subtable holds its segment arrays.
func checkFormat4(sub []byte) error {
	if len(sub) < 14 {
		return errTruncated
	}
	segX2 := int(binary.BigEndian.Uint16(sub[6:]))
	if len(sub) < 16+4*segX2 {
		return errTruncated
	}
	return nil
}

// checkFormat12 checks that a format 12 subtable holds its groups.
func checkFormat12(sub []byte) error {
	if len(sub) < 16 {
		return errTruncated
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	if n < 0 || len(sub) < 16+12*n {
		return errTruncated
	}
	return nil
}

// readMetrics checks the head, hhea and hmtx tables advances are read from
// and keeps what reading them needs.
func readMetrics(data []byte, cov *coverage, headOff, hheaOff, hmtxOff, hmtxLen int) error {
	if headOff <= 0 || headOff+54 > len(data) || hheaOff <= 0 || hheaOff+36 > len(data) ||
		hmtxOff <= 0 || hmtxOff+hmtxLen > len(data) {
		return errors.New("missing or truncated head/hhea/hmtx table")
	}
	upem := float64(binary.BigEndian.Uint16(data[headOff+18:]))
	if upem == 0 {
		return errors.New("head: unitsPerEm is zero")
	}
	nh := int(binary.BigEndian.Uint16(data[hheaOff+34:]))
	if nh == 0 || nh*4 > hmtxLen {
		return errors.New("hmtx shorter than numberOfHMetrics")
	}
	cov.hmtx, cov.nh, cov.scale = data[hmtxOff:hmtxOff+hmtxLen], nh, 1000/upem
	return nil
}
