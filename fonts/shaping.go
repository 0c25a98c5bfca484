package fonts

import (
	"encoding/binary"
	"errors"
	"io"

	gofont "github.com/go-text/typesetting/font"
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
func parseForShaping(data []byte) (*gofont.Font, error) {
	if hidden, ok := withoutOutlines(data); ok {
		return parse(hidden)
	}
	return parse(&byteResource{data: data})
}

func parse(r gofont.Resource) (*gofont.Font, error) {
	face, err := gofont.ParseTTF(r)
	if err != nil {
		return nil, err
	}
	return face.Font, nil
}

// withoutOutlines returns the font with its glyf, loca and post tables hidden from
// go-text's loader (their directory tags renamed, in a copy of the
// directory laid over the file), or false when the font has no GPOS table
// or is not a plain TrueType file.
func withoutOutlines(data []byte) (*byteResource, bool) {
	if len(data) < 12 {
		return nil, false
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565:
	default:
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, false
	}
	dir := append([]byte(nil), data[:12+16*n]...)
	hasGPOS, hidden := false, 0
	for i := 0; i < n; i++ {
		rec := dir[12+16*i:]
		switch string(rec[:4]) {
		case "GPOS":
			hasGPOS = binary.BigEndian.Uint32(rec[12:]) > 0
		case "glyf", "loca", "post":
			// Lower case tags are reserved for registered tables; these
			// names (_lyf, _oca, _ost) are none.
			rec[0] = '_'
			hidden++
		}
	}
	if !hasGPOS || hidden == 0 {
		return nil, false
	}
	return &byteResource{data: data, head: dir}, true
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
