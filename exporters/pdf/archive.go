package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/fpdf"
)

// sRGB2014.icc is the ICC's sRGB v2 profile (see ICC-LICENSE.txt), the
// output intent PDF/A requires for device RGB colour.
//
//go:embed sRGB2014.icc
var srgbICC []byte

// srgbICCDeflated is srgbICC compressed as every stream is
// (internal/zlibstream), so that a PDF does not spend 0.1 ms compressing
// the same 3 KB again (TestICCDeflated checks it; go test -update
// rewrites it).
//
//go:embed sRGB2014.icc.zlib
var srgbICCDeflated []byte

// archiveInfo is the metadata written to both the document information
// dictionary and the XMP packet (PDF/A requires them to agree).
type archiveInfo struct {
	title, author, publisher, lang, producer string
	created, modified                        time.Time
	// part is the PDF/A part claimed: 2, or 3 with an embedded source.
	part int
	// tagged claims PDF/UA-1 too.
	tagged bool
}

// pdfuaExtension describes the pdfuaid schema for PDF/A validators.
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`

func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// xmp returns the XMP metadata packet claiming PDF/A-2u (or PDF/A-3u with
// an embedded source) and, for tagged files, PDF/UA-1.
func (a archiveInfo) xmp() []byte {
	esc := html.EscapeString
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	part := a.part
	if part == 0 {
		part = 2
	}
	fmt.Fprintf(&b, "<pdfaid:part>%d</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n</rdf:Description>\n", part)
	if a.tagged {
		b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n")
		// PDF/A allows properties outside its predefined schemas only
		// when an extension schema describes them (ISO 19005-2, 6.6.2.3).
		b.WriteString(pdfuaExtension)
	}
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if a.title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(a.title))
	}
	if a.author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(a.author))
	}
	if a.publisher != "" {
		fmt.Fprintf(&b, "<dc:publisher><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:publisher>\n", esc(a.publisher))
	}
	if a.lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(a.lang))
	}
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", xmpDate(a.created), xmpDate(a.modified))
	b.WriteString("</rdf:Description>\n")
	if a.producer != "" {
		b.WriteString(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(a.producer))
		b.WriteString("</rdf:Description>\n")
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n")
	// Padding lets tools update the packet in place, as the XMP spec advises.
	b.WriteString(string(bytes.Repeat([]byte(" "), 512)))
	b.WriteString("\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}

// finish post-processes fpdf's output into an archive-grade file:
//   - the info dictionary's dates get an explicit UTC offset (+00'00'), matching
//     the XMP dates;
//   - the trailer gets an /ID derived from the content (fpdf writes none);
//   - outline items with children get their /Count (fpdf writes 0, which
//     the standard forbids for items with children): outlineCounts holds
//     the number of descendants of each item, in the order fpdf writes them;
//   - the trailer's /Info points at the information dictionary;
//
// and rewrites the cross-reference table for the shifted offsets (as a
// cross-reference stream where objects are packed into object streams:
// packed says where, from fpdf's PackedObjects). The result is written to
// w as it is made, without a copy of the file in memory; nothing is written
// when in cannot be read.
func finish(w io.Writer, in []byte, outlineCounts []int, packed []fpdf.PackedLoc) error {
	sx := bytes.LastIndex(in, []byte("startxref"))
	if sx < 0 {
		return errors.New("pdf post-process: no startxref")
	}
	xrefPos, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(in[sx+len("startxref"):]), []byte("%%EOF")))))
	if err != nil || xrefPos <= 0 || xrefPos >= len(in) || !bytes.HasPrefix(in[xrefPos:], []byte("xref\n")) {
		return errors.New("pdf post-process: bad startxref")
	}
	type edit struct {
		pos int
		del int
		ins string
	}
	var edits []edit
	body := in[:xrefPos]
	// Subset tags: fpdf embeds subsets but names them without the tag.
	for _, key := range []string{"/BaseFont /", "/FontName /"} {
		for i := 0; ; {
			j := bytes.Index(body[i:], []byte(key))
			if j < 0 {
				break
			}
			at := i + j + len(key)
			end := at
			for end < len(body) && isNameChar(body[end]) {
				end++
			}
			edits = append(edits, edit{pos: at, ins: subsetTag(body[at:end]) + "+"})
			i = end
		}
	}
	infoAt := lastIndex(body, []byte("/CreationDate (D:"))
	for _, key := range []string{"/CreationDate (D:", "/ModDate (D:"} {
		j := infoAt
		if key != "/CreationDate (D:" {
			j = lastIndex(body, []byte(key))
		}
		if j >= 0 {
			end := j + len(key) + 14
			if end < len(body) && body[end] == ')' {
				edits = append(edits, edit{pos: end, ins: "+00'00'"})
			}
		}
	}
	countKey := []byte("null]\n/Count 0>>")
	for i, k := 0, 0; k < len(outlineCounts); k++ {
		j := bytes.Index(body[i:], countKey)
		if j < 0 {
			return errors.New("pdf post-process: outline items not found")
		}
		at := i + j + len("null]\n/Count ")
		if n := outlineCounts[k]; n > 0 {
			edits = append(edits, edit{pos: at, del: 1, ins: strconv.Itoa(n)})
		}
		i = at
	}
	var n int
	hdr := bytes.SplitN(in[xrefPos:], []byte("\n"), 3)
	if len(hdr) < 3 {
		return errors.New("pdf post-process: short xref")
	}
	// The subsection header, "0 n": parsed by hand, since fmt.Sscanf
	// builds method tables at run time in every process.
	count, ok := strings.CutPrefix(string(hdr[1]), "0 ")
	if n, err = strconv.Atoi(strings.TrimSpace(count)); !ok || err != nil || n < 2 {
		return errors.New("pdf post-process: bad xref header")
	}
	sort.SliceStable(edits, func(a, b int) bool { return edits[a].pos < edits[b].pos })
	// shift is how far the edits move the byte at off: the growth of the
	// edits before it (a binary search over their running total, so files
	// with many outline items and objects stay linear).
	grown := make([]int, len(edits)+1)
	for i, e := range edits {
		grown[i+1] = grown[i] + len(e.ins) - e.del
	}
	shift := func(off int) int {
		return grown[sort.Search(len(edits), func(i int) bool { return edits[i].pos >= off })]
	}
	// Cross-reference table with shifted offsets, checked before anything
	// is written.
	rest := in[xrefPos:]
	lines := bytes.SplitAfter(rest, []byte("\n"))
	if len(lines) < 3 {
		return errors.New("pdf post-process: short xref")
	}
	if n+2 > len(lines) {
		return errors.New("pdf post-process: bad xref header")
	}
	xref := make([]byte, 0, len(lines[0])+len(lines[1])+len(lines[2])+20*n)
	xref = append(append(append(xref, lines[0]...), lines[1]...), lines[2]...) // xref, header, free entry
	// The offsets by object number, for a cross-reference stream.
	offsets := make([]int, n)
	infoObj, infoOff := 0, -1
	for k := 3; k < n+2; k++ {
		ln := lines[k]
		if len(ln) < 20 {
			return errors.New("pdf post-process: bad xref entry")
		}
		off, err := strconv.Atoi(string(ln[:10]))
		if err != nil {
			return errors.New("pdf post-process: bad xref offset")
		}
		num := k - 2
		if num < len(packed) && packed[num].Stream != 0 {
			continue
		}
		offsets[num] = off + shift(off)
		xref = append(appendPadded(xref, offsets[num]), ln[10:]...)
		if off <= infoAt && off > infoOff {
			infoObj, infoOff = num, off
		}
	}
	trailer := bytes.Join(lines[n+2:], nil)
	t := bytes.Index(trailer, []byte("<<\n"))
	s := bytes.Index(trailer, []byte("startxref"))
	if t < 0 || s < 0 {
		return errors.New("pdf post-process: bad trailer")
	}
	// fpdf names the object before the catalog as /Info, which is the ICC
	// stream when there is an output intent: point at the real one.
	dict := string(trailer[t+3 : s])
	if infoObj > 0 {
		if i := strings.Index(dict, "/Info "); i >= 0 {
			if e := strings.Index(dict[i:], " 0 R"); e >= 0 {
				dict = dict[:i] + "/Info " + strconv.Itoa(infoObj) + dict[i+e:]
			}
		}
	}
	// The body with its edits, hashed as it is written: the trailer's /ID
	// is, in both parts, the SHA-256 (first 16 bytes) of the body.
	newXref := xrefPos + grown[len(edits)]
	// Written and hashed by direct calls, not through io.MultiWriter and
	// io.WriteString: their dynamic interface assertions built method
	// tables at run time (0.1-0.2 ms of a one-document process). The
	// exporter has grown a *bytes.Buffer w for the whole file.
	hash := sha256.New()
	write := func(p []byte) error {
		hash.Write(p)
		if _, err := w.Write(p); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		return nil
	}
	last := 0
	for _, e := range edits {
		if err := write(in[last:e.pos]); err != nil {
			return err
		}
		if err := write([]byte(e.ins)); err != nil {
			return err
		}
		last = e.pos + e.del
	}
	if err := write(in[last:xrefPos]); err != nil {
		return err
	}
	id := hex.EncodeToString(hash.Sum(nil)[:16])
	var tail []byte
	if len(packed) > 0 {
		if newXref > math.MaxUint32 {
			return errors.New("pdf post-process: file over 4 GB")
		}
		tail = xrefStream(offsets, packed, dict, id, newXref)
	} else {
		tail = append(xref, trailer[:t+3]...)
		tail = fmt.Appendf(tail, "/ID [<%s><%s>]\n", id, id)
		tail = append(tail, dict...)
		tail = fmt.Appendf(tail, "startxref\n%d\n%%%%EOF\n", newXref)
	}
	if _, err := w.Write(tail); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// xrefStream returns the end of a file whose body ends at offset at: a
// cross-reference stream (PDF 1.5; PDF/A-2 allows it) in place of the
// table, since only a stream can point into the object streams of the
// packed objects. offsets are the other objects' (by number, 0 unused);
// dict holds fpdf's trailer entries (/Size, /Root, /Info), which become
// the stream's, with the /ID.
func xrefStream(offsets []int, packed []fpdf.PackedLoc, dict, id string, at int) []byte {
	self := len(offsets) // the stream's own object number
	// Entries of 7 bytes: type (0 free, 1 offset, 2 in an object stream),
	// then 4 and 2 bytes: offset and generation, or stream and index.
	data := make([]byte, 0, 7*(self+1))
	entry := func(typ byte, a, b int) {
		data = append(data, typ, byte(a>>24), byte(a>>16), byte(a>>8), byte(a), byte(b>>8), byte(b))
	}
	entry(0, 0, 0xFFFF)
	for num := 1; num < self; num++ {
		if num < len(packed) && packed[num].Stream != 0 {
			entry(2, packed[num].Stream, packed[num].Index)
		} else {
			entry(1, offsets[num], 0)
		}
	}
	entry(1, at, 0)
	z := fpdf.Deflate(data)
	var keys []string
	for _, ln := range strings.Split(dict, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" && !strings.HasPrefix(ln, "/Size ") && ln != ">>" {
			keys = append(keys, ln)
		}
	}
	out := fmt.Appendf(nil, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] %s /ID [<%s><%s>] /Filter /FlateDecode /Length %d>>\nstream\n",
		self, self+1, strings.Join(keys, " "), id, id, len(z))
	out = append(out, z...)
	return fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
}

// lastIndex is bytes.LastIndex, found by looking forward: bytes.Index
// compares many bytes at a time, bytes.LastIndex one (Rabin-Karp), and the
// keys finish looks for occur a few times in a file.
func lastIndex(s, sep []byte) int {
	last := -1
	for at := 0; ; {
		i := bytes.Index(s[at:], sep)
		if i < 0 {
			return last
		}
		last = at + i
		at = last + 1
	}
}

// appendPadded appends n as fmt's %010d does (n >= 0).
func appendPadded(b []byte, n int) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for i := len(d); i < 10; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

func isNameChar(c byte) bool {
	return c > ' ' && c < 0x7F && !bytes.ContainsRune([]byte("/[]<>(){}%"), rune(c))
}

// subsetTag derives the six-letter subset tag of a font from its name.
func subsetTag(name []byte) string {
	sum := sha256.Sum256(name)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
