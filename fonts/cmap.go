package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// coverage is the set of BMP code points a font maps to a non-zero glyph,
// with their advance widths. Only the BMP is recorded: fpdf's UTF-8 path
// cannot show anything else.
type coverage struct {
	bits [0x10000 / 64]uint64
	// gid is the glyph index of each covered code point.
	gid [0x10000]uint16
	// adv is the advance width of each code point in thousandths of an em,
	// rounded as fpdf rounds its /W array.
	adv [0x10000]uint16
}

func (c *coverage) has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return c.bits[r>>6]&(1<<(uint(r)&63)) != 0
}

func (c *coverage) set(r uint32, gid uint16) {
	if r <= 0xFFFF && gid != 0 {
		c.bits[r>>6] |= 1 << (r & 63)
		c.gid[r] = gid
	}
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
		err = parseFormat12(sub, cov)
	} else {
		err = parseFormat4(sub, cov)
	}
	if err != nil {
		return nil, fmt.Errorf("cmap format %d: %w", bestFormat, err)
	}
	if err := readAdvances(data, cov, headOff, hheaOff, hmtxOff, hmtxLen); err != nil {
		return nil, err
	}
	return cov, nil
}

func parseFormat4(sub []byte, cov *coverage) error {
	if len(sub) < 14 {
		return errTruncated
	}
	segX2 := int(binary.BigEndian.Uint16(sub[6:]))
	if len(sub) < 16+4*segX2 {
		return errTruncated
	}
	ends := sub[14:]
	starts := sub[16+segX2:]
	deltas := sub[16+2*segX2:]
	rangeOffs := sub[16+3*segX2:]
	for s := 0; s < segX2/2; s++ {
		end := uint32(binary.BigEndian.Uint16(ends[2*s:]))
		start := uint32(binary.BigEndian.Uint16(starts[2*s:]))
		delta := binary.BigEndian.Uint16(deltas[2*s:])
		ro := int(binary.BigEndian.Uint16(rangeOffs[2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var gid uint16
			if ro == 0 {
				gid = uint16(c) + delta
			} else {
				pos := 16 + 3*segX2 + 2*s + ro + 2*int(c-start)
				if pos+2 > len(sub) {
					break
				}
				gid = binary.BigEndian.Uint16(sub[pos:])
				if gid != 0 {
					gid += delta
				}
			}
			cov.set(c, gid)
		}
	}
	return nil
}

func parseFormat12(sub []byte, cov *coverage) error {
	if len(sub) < 16 {
		return errTruncated
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	if n < 0 || len(sub) < 16+12*n {
		return errTruncated
	}
	for i := 0; i < n; i++ {
		g := sub[16+12*i:]
		start := binary.BigEndian.Uint32(g)
		end := binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if end > 0xFFFF {
			end = 0xFFFF
		}
		for c := start; c <= end; c++ {
			if g := gid + (c - start); g <= 0xFFFF {
				cov.set(c, uint16(g))
			}
		}
	}
	return nil
}

// readAdvances fills cov.adv from the hmtx table, scaled to 1000 units per em
// and rounded like fpdf's /W widths.
func readAdvances(data []byte, cov *coverage, headOff, hheaOff, hmtxOff, hmtxLen int) error {
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
	hmtx := data[hmtxOff:]
	scale := 1000 / upem
	for w := range cov.bits {
		word := cov.bits[w]
		for word != 0 {
			bit := bits.TrailingZeros64(word)
			word &^= 1 << bit
			r := w*64 + bit
			g := int(cov.gid[r])
			if g >= nh {
				g = nh - 1
			}
			aw := binary.BigEndian.Uint16(hmtx[4*g:])
			if aw >= 1<<15 {
				aw = 0
			}
			cov.adv[r] = uint16(math.Round(scale * float64(aw)))
		}
	}
	return nil
}
