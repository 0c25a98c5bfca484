package notices

import (
	"encoding/binary"
	"errors"
	"unicode/utf16"
)

// fontNames returns the English strings of a TrueType/OpenType font's name
// table by name id (0 copyright, 4 full name, 5 version, 13 license
// description, 14 license URL), preferring Windows Unicode records over
// Macintosh Roman ones.
func fontNames(data []byte) (map[uint16]string, error) {
	be := binary.BigEndian
	if len(data) >= 16 && string(data[:4]) == "ttcf" {
		off := be.Uint32(data[12:])
		if int(off) >= len(data) {
			return nil, errors.New("bad collection header")
		}
		data = data[off:]
	}
	if len(data) < 12 {
		return nil, errors.New("not a font file")
	}
	n := int(be.Uint16(data[4:]))
	var name []byte
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errors.New("truncated table directory")
		}
		if string(data[rec:rec+4]) == "name" {
			off, length := be.Uint32(data[rec+8:]), be.Uint32(data[rec+12:])
			if uint64(off)+uint64(length) > uint64(len(data)) {
				return nil, errors.New("name table outside the file")
			}
			name = data[off : off+length]
		}
	}
	if len(name) < 6 {
		return nil, errors.New("no name table")
	}
	count, strOff := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	names := map[uint16]string{}
	rank := map[uint16]int{}
	for i := 0; i < count; i++ {
		r := 6 + 12*i
		if r+12 > len(name) {
			return nil, errors.New("truncated name records")
		}
		platform, encoding, lang, id := be.Uint16(name[r:]), be.Uint16(name[r+2:]), be.Uint16(name[r+4:]), be.Uint16(name[r+6:])
		length, off := int(be.Uint16(name[r+8:])), int(be.Uint16(name[r+10:]))
		if strOff+off+length > len(name) {
			continue
		}
		raw := name[strOff+off : strOff+off+length]
		var s string
		var score int
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10) && lang == 0x409:
			s, score = utf16be(raw), 3
		case platform == 3 && (encoding == 1 || encoding == 10):
			s, score = utf16be(raw), 2
		case platform == 1 && encoding == 0 && lang == 0:
			s, score = macRoman(raw), 1
		default:
			continue
		}
		if score > rank[id] {
			names[id], rank[id] = s, score
		}
	}
	return names, nil
}

func utf16be(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// macRoman decodes the ASCII part of Mac Roman; the few other characters
// that occur in copyright strings (©) are mapped.
func macRoman(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		switch {
		case c < 0x80:
			r[i] = rune(c)
		case c == 0xA9:
			r[i] = '©'
		default:
			r[i] = '?'
		}
	}
	return string(r)
}
