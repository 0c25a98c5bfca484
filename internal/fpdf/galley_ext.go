package fpdf

import (
	"bytes"
	"compress/zlib"
	"strconv"
	"sync"
)

// galley patches 5-7: the additions below let a caller write a tagged PDF
// (structure tree, marked content, named destinations, associated files)
// without fpdf knowing about any of it. See GALLEY.md.

// LinkOptions are extra entries of a link annotation (galley patch 5).
type LinkOptions struct {
	// StructParent, when HasStructParent is set, is the annotation's key
	// in the structure tree's parent tree (/StructParent).
	StructParent    int
	HasStructParent bool
	// Contents is the annotation's alternate description (/Contents).
	Contents string
}

// LinkWithOptions puts a link annotation on the current page, as Link (an
// internal link made with AddLink, when link > 0) or LinkString (a URI) do,
// with the extra entries of opts. It returns the annotation's index among the
// current page's link annotations (0-based), which ObjectWriter.LinkObj
// turns into an object number.
func (f *Fpdf) LinkWithOptions(x, y, w, h float64, link int, uri string, opts LinkOptions) int {
	f.newLink(x, y, w, h, link, uri)
	n := len(f.pageLinks[f.page]) - 1
	f.pageLinks[f.page][n].opts = &opts
	return n
}

// linkShares are the URI actions and /Contents texts of link annotations
// written once, as indirect objects, because several annotations have them
// (galley patch 21).
type linkShares struct {
	uris, texts map[string]int // the object number of each shared value
	order       []sharedValue  // in the order of their numbers
}

type sharedValue struct {
	s   string
	uri bool
}

// minSharedLinkValue is the length from which a value repeated in link
// annotations is shared: a shorter one costs less written again than an
// object (its number, offset and reference) does.
const minSharedLinkValue = 48

// sharedLinkValues numbers, from first, the URIs and /Contents texts of at
// least minSharedLinkValue bytes that more than one of the link
// annotations of pages 1 to nb have, in the
// order the annotations first have them (galley patch 21). A link drawn
// as many annotations (one per line, or per word as galley drew them
// before) repeated its whole text and URL in each: a paragraph-long link
// to a long URL made the file grow with the square of its length (an
// 80 KB Markdown file gave a 961 MB PDF). Referring to one object keeps
// every annotation complete (PDF/UA's /Contents on each) at a few bytes.
func (f *Fpdf) sharedLinkValues(nb, first int) linkShares {
	var sh linkShares
	links := 0
	for n := 1; n <= nb; n++ {
		links += len(f.pageLinks[n])
	}
	if links < 2 {
		return sh
	}
	uses := map[sharedValue]int{}
	for n := 1; n <= nb; n++ {
		for _, pl := range f.pageLinks[n] {
			if pl.link == 0 && len(pl.linkStr) >= minSharedLinkValue {
				uses[sharedValue{pl.linkStr, true}]++
			}
			if pl.opts != nil && len(pl.opts.Contents) >= minSharedLinkValue {
				uses[sharedValue{pl.opts.Contents, false}]++
			}
		}
	}
	add := func(v sharedValue) {
		if uses[v] < 2 {
			return
		}
		uses[v] = 0 // numbered
		if sh.uris == nil {
			sh.uris, sh.texts = map[string]int{}, map[string]int{}
		}
		obj := first + len(sh.order)
		if v.uri {
			sh.uris[v.s] = obj
		} else {
			sh.texts[v.s] = obj
		}
		sh.order = append(sh.order, v)
	}
	for n := 1; n <= nb; n++ {
		for _, pl := range f.pageLinks[n] {
			if pl.opts != nil && pl.opts.Contents != "" {
				add(sharedValue{pl.opts.Contents, false})
			}
			if pl.link == 0 {
				add(sharedValue{pl.linkStr, true})
			}
		}
	}
	return sh
}

// SetPageEntries sets raw entries (such as "/StructParents 0 /Tabs /S")
// written into the current page's dictionary (galley patch 6).
func (f *Fpdf) SetPageEntries(entries string) {
	if f.pageEntries == nil {
		f.pageEntries = map[int]string{}
	}
	f.pageEntries[f.page] = entries
}

// PageObj returns the object number of page n (1-based).
func (w *ObjectWriter) PageObj(n int) int { return w.f.pageObj(n) }

// PageCount returns the number of pages.
func (w *ObjectWriter) PageCount() int { return w.f.page }

// LinkObj returns the object number of the index-th link annotation of
// page n (as returned by LinkWithOptions), or 0 when there is none.
func (w *ObjectWriter) LinkObj(page, index int) int {
	if page < 1 || page >= len(w.f.linkObjs) || index < 0 || index >= len(w.f.linkObjs[page]) {
		return 0
	}
	return w.f.linkObjs[page][index]
}

// Catalog adds raw entries to the document catalog.
func (w *ObjectWriter) Catalog(entries string) { w.f.extraCatalog = append(w.f.extraCatalog, entries) }

// Names adds raw entries (such as "/Dests 12 0 R") to the catalog's name
// dictionary.
func (w *ObjectWriter) Names(entries string) { w.f.extraNames = append(w.f.extraNames, entries) }

// SetCatalogWriter registers fn, called once when the document is output,
// after the pages, resources and metadata and before the catalog, to write
// objects (the structure tree, named destinations, associated files) and
// add catalog and name-dictionary entries that refer to them.
func (f *Fpdf) SetCatalogWriter(fn func(w *ObjectWriter)) { f.catalogWriter = fn }

// putCatalogObjects runs the registered catalog writer, then writes the
// objects it packed (galley patch 9).
func (f *Fpdf) putCatalogObjects() {
	if f.catalogWriter != nil {
		f.catalogWriter(&ObjectWriter{f: f})
	}
	f.putObjectStreams()
}

// packedObj is an object waiting for its object stream: its bytes are
// packedBody[off:end], each followed there by a newline (galley patch 13).
type packedObj struct {
	num, off, end int
}

// PackedLoc is where a packed object is: the object stream's number and
// the object's index in it.
type PackedLoc struct{ Stream, Index int }

// objectsPerStream bounds an object stream, so a reader decodes a part of
// a large structure tree to reach one element.
const objectsPerStream = 200

// Packed writes an object (a dictionary or other direct object, not a
// stream) into a compressed object stream and returns its number (galley
// patch 9). The cross-reference table cannot point into an object stream:
// a file with packed objects needs a cross-reference stream, which the
// caller writes in place of fpdf's table from PackedObjects (fpdf's table
// lists a packed object at offset 0). Object streams are PDF 1.5; PDF/A-2
// allows them. Only objects of the catalog writer may be packed.
func (w *ObjectWriter) Packed(body string) int {
	return w.packed(append(w.f.packedBody, body...))
}

// PackedBytes is Packed for an object's bytes, which it copies (the
// caller may reuse body).
func (w *ObjectWriter) PackedBytes(body []byte) int {
	return w.packed(append(w.f.packedBody, body...))
}

// packed records the object just appended to f.packedBody.
func (w *ObjectWriter) packed(buf []byte) int {
	f := w.f
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	off := len(f.packedBody)
	f.packed = append(f.packed, packedObj{num: f.n, off: off, end: len(buf)})
	f.packedBody = append(buf, '\n')
	if len(f.packed) == objectsPerStream {
		f.sealObjectStream()
	}
	return f.n
}

// sealedStream is an object stream compressed as soon as it is full
// (galley patch 17), written at putObjectStreams: a structure tree of
// 300,000 elements held 30 MB of text until then.
type sealedStream struct {
	nums  []int32 // the objects' numbers
	first int     // /First
	data  []byte  // compressed
}

// sealObjectStream compresses the objects packed so far into an object
// stream, to be written by putObjectStreams.
func (f *Fpdf) sealObjectStream() {
	batch := f.packed
	if len(batch) == 0 {
		return
	}
	// The header (object numbers and offsets), then the objects
	// separated by newlines.
	base := batch[0].off
	data := f.sealBuf[:0]
	nums := make([]int32, len(batch))
	for i, o := range batch {
		if i > 0 {
			data = append(data, ' ')
		}
		data = strconv.AppendInt(data, int64(o.num), 10)
		data = append(data, ' ')
		data = strconv.AppendInt(data, int64(o.off-base), 10)
		nums[i] = int32(o.num)
	}
	data = append(data, '\n')
	first := len(data)
	data = append(data, f.packedBody[base:batch[len(batch)-1].end]...)
	mem := xmem.compress(data)
	f.sealed = append(f.sealed, sealedStream{nums: nums, first: first, data: mem.copy()})
	mem.release()
	f.sealBuf = data
	f.packed, f.packedBody = f.packed[:0], f.packedBody[:0]
}

// putObjectStreams writes the packed objects into object streams of at
// most objectsPerStream objects each.
func (f *Fpdf) putObjectStreams() {
	f.sealObjectStream()
	for _, st := range f.sealed {
		f.newobj()
		for i, num := range st.nums {
			for int(num) >= len(f.packedLoc) {
				f.packedLoc = append(f.packedLoc, PackedLoc{})
			}
			f.packedLoc[num] = PackedLoc{Stream: f.n, Index: i}
		}
		f.outf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>", len(st.nums), st.first, len(st.data))
		f.putstream(st.data)
		f.out("endobj")
	}
	f.packed, f.packedBody, f.sealed, f.sealBuf = nil, nil, nil, nil
}

// Deflate returns data compressed with zlib, as fpdf compresses its
// streams (BestSpeed, with pooled writers).
func Deflate(data []byte) []byte {
	mem := xmem.compress(data)
	out := mem.copy()
	mem.release()
	return out
}

// PackedObjects returns, after Output, where each packed object is, by
// object number (a zero Stream for objects not packed; nil when none was
// packed). A slice, not a map: a tagged file has an object a structure
// element, hundreds of thousands for a long document (galley patch 17).
func (f *Fpdf) PackedObjects() []PackedLoc { return f.packedLoc }

// pageObj returns the object number of page n (1-based): pages and their
// content streams are written in pairs from firstPageObj on.
func (f *Fpdf) pageObj(n int) int { return f.firstPageObj + 2*(n-1) }

// SetPdfVersion raises the version written in the file header to
// major.minor (it is never lowered below what the features in use need).
// Tagged PDF (PDF/UA-1) is defined on PDF 1.7 (galley patch 6).
func (f *Fpdf) SetPdfVersion(major, minor uint8) {
	if v := pdfVersion(uint16(major)<<8 | uint16(minor)); v > f.pdfVersion {
		f.pdfVersion = v
	}
}

// SetDeflatePagesEarly makes fpdf compress each page's content as the page
// ends (when compression is on) instead of holding every page's content
// uncompressed until Output (galley patch 11). A document of thousands of
// pages held hundreds of megabytes of content that compresses to a few;
// the file is the same, byte for byte. A page written to again (SetPage)
// is decompressed first, and so are the pages when aliases are to be
// replaced in them (AliasNbPages, RegisterAlias).
func (f *Fpdf) SetDeflatePagesEarly(on bool) {
	f.deflateEarly = on
}

// deflatePage compresses the current page's content, if SetDeflatePagesEarly
// asks for it (galley patch 11).
func (f *Fpdf) deflatePage() {
	if !f.deflateEarly || !f.compress || f.err != nil || f.page < 1 || f.page >= len(f.pages) {
		return
	}
	if _, done := f.deflated[f.page]; done {
		return
	}
	if f.deflateHoled() { // galley patch 17
		return
	}
	if f.deflated == nil {
		f.deflated = map[int][]byte{}
	}
	mem := xmem.compress(f.pages[f.page].Bytes())
	f.deflated[f.page] = mem.copy()
	mem.release()
	// The next page writes into this one's buffer (galley patch 13).
	f.spare, f.pages[f.page] = f.pages[f.page], new(bytes.Buffer)
}

// inflatePage puts page n's compressed content back as text, to be written
// to or searched.
func (f *Fpdf) inflatePage(n int) {
	if f.holed(n) { // galley patch 17
		f.SetErrorf("page %d: its content has holes not yet filled; it cannot be written to again", n)
		return
	}
	data, ok := f.deflated[n]
	if !ok {
		return
	}
	delete(f.deflated, n)
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err == nil {
		var buf bytes.Buffer
		if _, err = buf.ReadFrom(r); err == nil {
			buf.Write(f.pages[n].Bytes())
			f.pages[n] = &buf
			return
		}
	}
	f.SetErrorf("page %d: %v", n, err)
}

// RawWriteBytes writes b and a newline to the current page's content (or
// the document outside a page), as RawWriteStr does, without a string
// (galley patch 12). b is copied: the caller may reuse it.
func (f *Fpdf) RawWriteBytes(b []byte) {
	buf := &f.buffer.Buffer
	if f.state == 2 {
		f.closeOpen()
		buf = f.pages[f.page]
	}
	buf.Write(b)
	buf.WriteByte('\n')
}

// SetOutputSpace gives f the array to build the file in (galley patch 18):
// a caller writing many files passes the array of the last one, once it is
// done with its bytes, so that each file is not built in an array grown
// from nothing by doubling. What f holds already is kept.
func (f *Fpdf) SetOutputSpace(b []byte) {
	f.buffer.Buffer = *bytes.NewBuffer(append(b[:0], f.buffer.Bytes()...))
}

// OutputBytes is Output without the copy: it closes the document and
// returns fpdf's own buffer holding the file (galley patch 13). The bytes
// stay valid as long as f is not used again.
func (f *Fpdf) OutputBytes() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.state < 3 {
		f.Close()
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.buffer.Bytes(), nil
}

// RawWriteOpen writes b to the current page's content as an open object:
// closer is written after it before anything else is written to the page
// (by fpdf or the caller) or the page ends, and until then RawAppendOpen
// may add to it (galley patch 14). galley leaves a text object open after
// a run so that the next run of the line, in the same font and colour,
// adds its glyphs to the same TJ array instead of a text object of its
// own; whatever else is drawn first closes it, so no other operator can
// end up inside it. Outside a page it is RawWriteBytes followed by closer.
func (f *Fpdf) RawWriteOpen(b []byte, closer string) {
	if f.state != 2 {
		f.RawWriteBytes(append(b, closer...))
		return
	}
	f.closeOpen()
	f.pages[f.page].Write(b)
	f.openCloser = closer
}

// OpenObject reports whether the object of the last RawWriteOpen is still
// open: nothing else was written to the page since.
func (f *Fpdf) OpenObject() bool { return f.state == 2 && f.openCloser != "" }

// RawAppendOpen adds b to the open object (see RawWriteOpen); it reports
// false, writing nothing, when there is none.
func (f *Fpdf) RawAppendOpen(b []byte) bool {
	if !f.OpenObject() {
		return false
	}
	f.pages[f.page].Write(b)
	return true
}

// closeOpen writes the closer of the open object, if any.
func (f *Fpdf) closeOpen() {
	if f.openCloser != "" && f.state == 2 {
		f.pages[f.page].WriteString(f.openCloser)
		f.openCloser = ""
	}
}

// deflatedOnce holds, for the whole process, the compressed form of data
// compressed with deflateOnce (galley patch 15): an output intent's ICC
// profile is the same in every document, and compressing it was a twentieth
// of the time of a short document. At most maxDeflated entries are kept.
var deflatedOnce struct {
	sync.Mutex
	m map[string][]byte
}

const maxDeflated = 8

// deflateOnce returns Deflate(data), from the cache when the same bytes
// were compressed before. The result is shared: do not modify it.
func deflateOnce(data []byte) []byte {
	deflatedOnce.Lock()
	z, ok := deflatedOnce.m[string(data)]
	deflatedOnce.Unlock()
	if ok {
		return z
	}
	z = Deflate(data)
	deflatedOnce.Lock()
	if deflatedOnce.m == nil || len(deflatedOnce.m) >= maxDeflated {
		deflatedOnce.m = map[string][]byte{}
	}
	deflatedOnce.m[string(data)] = z
	deflatedOnce.Unlock()
	return z
}
