package fpdf

import (
	"bytes"
	"encoding/binary"
	"github.com/klauspost/compress/flate"
	"hash/adler32"
	"sync"
)

// galley patch 17: holes in pages' content. A caller drawing each page as
// soon as it is laid out does not yet know what some of its content will be
// (the page total of a "Page 3 of 812" footer, the page numbers of a table
// of contents that comes before the headings it lists). It leaves a hole
// there (Hole) and gives the hole's content before Output (FillHole). With
// SetDeflatePagesEarly, a page with holes is compressed as it ends all the
// same: each stretch between holes as deflate blocks of its own ending in a
// sync flush, so that the holes' content, compressed apart at output, goes
// between them in one zlib stream, whose Adler-32 checksum is combined from
// the stretches'. The content a reader decompresses is the same as if the
// holes' content had been written in place; only the compressed bytes
// differ (a few bytes a hole). A page without holes is compressed as
// before, byte for byte.

// holeState is the holes of a document.
type holeState struct {
	at    map[int][]pageHole // by page: the holes in its content, in order
	fill  [][]byte           // by hole id: the content given by FillHole
	split map[int]*splitPage // by page: the compressed stretches of a page with holes
}

// pageHole is a hole at offset at of its page's uncompressed content.
type pageHole struct{ at, id int }

// splitPage is the content of a page with holes, compressed as it ended:
// parts[i] is the deflate blocks of the i-th stretch (len bytes, checksum
// sum), the stretches separated by the holes.
type splitPage struct {
	parts [][]byte
	lens  []int
	sums  []uint32
	holes []int
}

// Hole marks the current position in the current page's content as a hole
// to be filled with FillHole before the document is output, and returns
// the hole's id. An open object (RawWriteOpen) is closed first: a hole's
// content must close whatever it opens.
func (f *Fpdf) Hole() int {
	if f.state != 2 {
		f.SetErrorf("hole outside a page")
		return -1
	}
	f.closeOpen()
	h := f.holes
	if h == nil {
		h = &holeState{at: map[int][]pageHole{}, split: map[int]*splitPage{}}
		f.holes = h
	}
	id := len(h.fill)
	h.fill = append(h.fill, nil)
	h.at[f.page] = append(h.at[f.page], pageHole{at: f.pages[f.page].Len(), id: id})
	return id
}

// FillHole sets the content of hole id (as returned by Hole); b is copied.
// A hole never filled stays empty.
func (f *Fpdf) FillHole(id int, b []byte) {
	if f.holes == nil || id < 0 || id >= len(f.holes.fill) {
		f.SetErrorf("no hole %d", id)
		return
	}
	f.holes.fill[id] = append([]byte(nil), b...)
}

// SetLinkRect moves the index-th link annotation of page (both as
// LinkWithOptions returned them) to the rectangle x, y, w, h, in user units
// from the top left, as LinkWithOptions takes them: for a link whose size
// is known only once a hole's content is.
func (f *Fpdf) SetLinkRect(page, index int, x, y, w, h float64) {
	if page < 1 || page >= len(f.pageLinks) || index < 0 || index >= len(f.pageLinks[page]) {
		f.SetErrorf("no link %d on page %d", index, page)
		return
	}
	l := &f.pageLinks[page][index]
	l.x, l.y, l.wd, l.ht = x*f.k, f.hPt-y*f.k, w*f.k, h*f.k
}

// holed reports whether page n has holes.
func (f *Fpdf) holed(n int) bool {
	return f.holes != nil && len(f.holes.at[n]) > 0
}

// deflateHoled compresses the current page's content in stretches between
// its holes, if it has any, and reports whether it did.
func (f *Fpdf) deflateHoled() bool {
	if !f.holed(f.page) {
		return false
	}
	data := f.pages[f.page].Bytes()
	holes := f.holes.at[f.page]
	sp := &splitPage{}
	from := 0
	for i := 0; i <= len(holes); i++ {
		to := len(data)
		if i < len(holes) {
			to = holes[i].at
			sp.holes = append(sp.holes, holes[i].id)
		}
		sp.parts = append(sp.parts, deflateRaw(data[from:to], i == len(holes)))
		sp.lens = append(sp.lens, to-from)
		sp.sums = append(sp.sums, adler32.Checksum(data[from:to]))
		from = to
	}
	f.holes.split[f.page] = sp
	delete(f.holes.at, f.page)
	// The next page writes into this one's buffer (patch 13).
	f.spare, f.pages[f.page] = f.pages[f.page], new(bytes.Buffer)
	return true
}

// fillHoles puts the holes' content into the pages, before they are
// written: a compressed page's stretches and holes become one zlib stream
// (in f.deflated, as patch 11 leaves a page compressed whole); an
// uncompressed page gets the content spliced in.
func (f *Fpdf) fillHoles() {
	h := f.holes
	if h == nil {
		return
	}
	for n, sp := range h.split {
		// A zlib stream: the header of BestSpeed (as fpdf's own), the
		// stretches and holes' deflate blocks, the checksum of it all.
		out := []byte{0x78, 0x01}
		sum := uint32(1)
		for i, part := range sp.parts {
			if i > 0 {
				fill := h.fill[sp.holes[i-1]]
				out = append(out, deflateRaw(fill, false)...)
				sum = adler32Combine(sum, adler32.Checksum(fill), len(fill))
			}
			out = append(out, part...)
			sum = adler32Combine(sum, sp.sums[i], sp.lens[i])
		}
		out = binary.BigEndian.AppendUint32(out, sum)
		if f.deflated == nil {
			f.deflated = map[int][]byte{}
		}
		f.deflated[n] = out
	}
	for n, holes := range h.at {
		old := f.pages[n].Bytes()
		var buf bytes.Buffer
		from := 0
		for _, hl := range holes {
			buf.Write(old[from:hl.at])
			buf.Write(h.fill[hl.id])
			from = hl.at
		}
		buf.Write(old[from:])
		f.pages[n] = &buf
	}
	f.holes = nil
}

// flateWriters holds raw deflate writers for reuse.
var flateWriters sync.Pool

// deflateRaw compresses data as deflate blocks (no zlib header or
// checksum), at fpdf's level; final ends them with the stream's last block,
// otherwise with a sync flush, so more blocks may follow.
func deflateRaw(data []byte, final bool) []byte {
	var buf bytes.Buffer
	zw, _ := flateWriters.Get().(*flate.Writer)
	if zw == nil {
		zw, _ = flate.NewWriter(&buf, flate.BestSpeed)
	} else {
		zw.Reset(&buf)
	}
	defer flateWriters.Put(zw)
	zw.Write(data)
	if final {
		zw.Close()
	} else {
		zw.Flush()
	}
	return buf.Bytes()
}

// adler32Combine returns the Adler-32 checksum of the concatenation of two
// byte strings from their checksums a and b and the second's length n (as
// zlib's adler32_combine).
func adler32Combine(a, b uint32, n int) uint32 {
	const base = 65521
	rem := uint64(n % base)
	sum1 := uint64(a & 0xffff)
	sum2 := rem * sum1 % base
	sum1 += uint64(b&0xffff) + base - 1
	sum2 += uint64(a>>16&0xffff) + uint64(b>>16&0xffff) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= 2*base {
		sum2 -= 2 * base
	}
	if sum2 >= base {
		sum2 -= base
	}
	return uint32(sum1 | sum2<<16)
}

// EachLinkOptions calls fn with the options of every link annotation made
// with LinkWithOptions, which fn may change: a caller numbering the
// annotations' keys in the structure tree after the pages learns the page
// count only at the end.
func (f *Fpdf) EachLinkOptions(fn func(o *LinkOptions)) {
	for _, links := range f.pageLinks {
		for i := range links {
			if links[i].opts != nil {
				fn(links[i].opts)
			}
		}
	}
}
