package fonts

import (
	"encoding/binary"
	"errors"
	"io"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// parseForShaping parses a TrueType font for the shaper without its glyph
// outlines and glyph names, when it can. go-text parses every outline of the
// glyf table up front (font.NewFont → tables.ParseGlyf), about a fifth of
// the CPU time of a one-document `galley convert -t pdf`, and every glyph
// name of the post table; galley shapes with the font (cmap, GSUB, GPOS,
// metrics) and subsets the file itself, and never draws an outline or asks
// go-text for a glyph name or underline metric (what post holds). The only use HarfBuzz makes of outlines while shaping is the
// glyph extents of its fallback mark positioning, which runs only for fonts
// without GPOS lookups; such fonts are parsed whole, as before, so shaping
// is the same either way.
//
// The GPOS table is hidden from go-text too, and parsed here without its
// mark attachment lookups (marks.go): the font returned is the light one,
// and the returned layout, when not nil, holds what the full one needs.
// So is GSUB, parsed without the lookups only user features reach
// (gsub.go).
func parseForShaping(data []byte) (*gofont.Font, *gposLayout, error) {
	hidden, gsub, gpos, ok := withoutOutlines(data)
	if !ok {
		f, err := parse(&byteResource{data: data})
		return f, nil, err
	}
	f, err := parse(hidden)
	if err != nil {
		return nil, nil, err
	}
	lightGSUB(f, gsub)
	lay, err := lightGPOS(f, gpos)
	return f, lay, err
}

// lightGPOS sets f's GPOS from the raw table gpos, as go-text would, but
// for the mark attachment lookups, which are left without subtables; it
// returns what building the full table needs, or nil where nothing was
// left out (or the lookups could not be told apart: then the table is
// parsed whole).
func lightGPOS(f *gofont.Font, gpos []byte) (*gposLayout, error) {
	layout, _, err := tables.ParseLayout(gpos)
	if err != nil {
		// As go-text: a GPOS table that does not parse is no GPOS.
		f.GPOS = gofont.GPOS{}
		return nil, nil
	}
	lay := &gposLayout{deferred: make([]bool, len(layout.LookupList.Lookups))}
	types, err := lookupTypes(gpos)
	if err == nil && len(types) == len(lay.deferred) {
		ll := int(binary.BigEndian.Uint16(gpos[8:]))
		marks := make([]uint64, 1024)
		n := 0
		for i, t := range types {
			if !markLookup(t) {
				continue
			}
			lo := ll + int(binary.BigEndian.Uint16(gpos[ll+2+2*i:]))
			if err = markCoverage(gpos, lo, marks); err != nil {
				break
			}
			lay.deferred[i] = true
			n++
		}
		if err == nil && n > 0 {
			lay.marks = marks
		}
	}
	if lay.marks == nil {
		lay.deferred = nil
	}
	light, err := newGPOS(layout, lay.deferred)
	if err != nil {
		f.GPOS = gofont.GPOS{}
		return nil, nil
	}
	f.GPOS = light
	if lay.marks == nil {
		return nil, nil
	}
	lay.layout = layout
	return lay, nil
}

// full returns a copy of light with the mark attachment lookups parsed.
func (lay *gposLayout) full(light *gofont.Font) (*gofont.Font, error) {
	full := *light
	full.GPOS.Lookups = append([]gofont.GPOSLookup(nil), light.GPOS.Lookups...)
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

// withoutOutlines returns the font with its glyf, loca, post, GSUB and
// GPOS tables hidden from go-text's loader (their directory tags renamed,
// in a copy of the directory laid over the file) and the GSUB (nil when
// absent) and GPOS tables, or false when the font has no GPOS table or is
// not a plain TrueType file.
func withoutOutlines(data []byte) (*byteResource, []byte, []byte, bool) {
	if len(data) < 12 {
		return nil, nil, nil, false
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565:
	default:
		return nil, nil, nil, false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, nil, nil, false
	}
	dir := append([]byte(nil), data[:12+16*n]...)
	var gsub, gpos []byte
	hidden := 0
	for i := 0; i < n; i++ {
		rec := dir[12+16*i:]
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
			rec[0] = '_'
		case "glyf", "loca", "post":
			// Lower case tags are reserved for registered tables; these
			// names (_lyf, _oca, _ost, _POS, _SUB) are none.
			rec[0] = '_'
			hidden++
		}
	}
	if gpos == nil || hidden == 0 {
		return nil, nil, nil, false
	}
	return &byteResource{data: data, head: dir}, gsub, gpos, true
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
