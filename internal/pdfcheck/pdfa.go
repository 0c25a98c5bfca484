package pdfcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// PDFA2 returns the PDF/A-2 (ISO 19005-2) rules checked, for conformance
// level U (every glyph mapped to Unicode).
func PDFA2() []Rule {
	return []Rule{
		{"PDF/A-2 6.1.2", "file header: %PDF-1.n, then a comment of four or more bytes above 127", checkHeader},
		{"PDF/A-2 6.1.3", "file trailer: an ID, no Encrypt, nothing but an end-of-line after the last %%EOF", checkTrailer},
		{"PDF/A-2 6.1.7", "streams: Length right, stream and endstream on lines of their own, no external data", checkStreams},
		{"PDF/A-2 6.2.2", "output intent: one GTS_PDFA1 profile, a valid ICC output profile for the colour space", checkOutputIntent},
		{"PDF/A-2 6.2.11.3.2", "CIDFontType2 fonts have a CIDToGIDMap (Identity or a stream)", checkCIDToGID},
		{"PDF/A-2 6.2.11.4", "every font is embedded", checkEmbedded},
		{"PDF/A-2 6.2.11.7.2", "level U: every font has a ToUnicode map, mapping no code to U+0000, U+FEFF or U+FFFE", checkToUnicode},
		{"PDF/A-2 6.6.2.1", "metadata: the catalog's Metadata is an XML metadata stream, well formed, without bytes or encoding in its xpacket", checkMetadata},
		{"PDF/A-2 6.6.4", "version identification: pdfaid:part 2 (3 with associated files) and pdfaid:conformance A, B or U in the XMP", checkVersionID},
	}
}

var headerRE = regexp.MustCompile(`^%PDF-1\.[0-7](\r\n|\r|\n)%`)

func checkHeader(f *File) []string {
	m := headerRE.FindIndex(f.Data)
	if m == nil {
		return []string{"the file does not begin with %PDF-1.n and a comment line"}
	}
	n := 0
	for _, c := range f.Data[m[1]:] {
		if c == '\r' || c == '\n' {
			break
		}
		if c > 127 {
			n++
		}
	}
	if n < 4 {
		return []string{fmt.Sprintf("the comment after the header has %d bytes above 127, not 4", n)}
	}
	return nil
}

func checkTrailer(f *File) []string {
	var out []string
	id := f.Array(f.Trailer["ID"])
	if len(id) != 2 {
		out = append(out, "the trailer has no ID of two strings")
	}
	if _, ok := f.Trailer["Encrypt"]; ok {
		out = append(out, "the trailer has an Encrypt entry")
	}
	eof := bytes.LastIndex(f.Data, []byte("%%EOF"))
	if eof < 0 {
		return append(out, "no %%EOF marker")
	}
	switch rest := string(f.Data[eof+5:]); rest {
	case "", "\n", "\r", "\r\n":
	default:
		out = append(out, fmt.Sprintf("%d bytes after the last %%%%EOF", len(rest)))
	}
	return out
}

func sortedObjects(f *File) []int {
	nums := make([]int, 0, len(f.Objects))
	for n := range f.Objects {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

func checkStreams(f *File) []string {
	var out []string
	for _, n := range sortedObjects(f) {
		s, ok := f.Objects[n].(*Stream)
		if !ok {
			continue
		}
		if s.KeywordEOL != "\n" && s.KeywordEOL != "\r\n" {
			out = append(out, fmt.Sprintf("object %d: the stream keyword is not followed by CRLF or LF", n))
		}
		if s.EndEOL == "" {
			out = append(out, fmt.Sprintf("object %d: endstream does not follow an end-of-line", n))
		}
		length, ok := f.Int(s.Dict["Length"])
		if !ok {
			out = append(out, fmt.Sprintf("object %d: stream without Length", n))
		} else if length != s.DataLen {
			out = append(out, fmt.Sprintf("object %d: Length %d, but %d bytes of data", n, length, s.DataLen))
		}
		for _, k := range []Name{"F", "FFilter", "FDecodeParms"} {
			if _, ok := s.Dict[k]; ok && f.Name(s.Dict["Type"]) != "EmbeddedFile" {
				out = append(out, fmt.Sprintf("object %d: stream dictionary has %s (external data)", n, k))
			}
		}
	}
	return out
}

func checkOutputIntent(f *File) []string {
	var out []string
	var profiles []any
	for _, oi := range f.Array(f.Catalog()["OutputIntents"]) {
		d := f.Dict(oi)
		if f.Name(d["S"]) != "GTS_PDFA1" {
			continue
		}
		profiles = append(profiles, d["DestOutputProfile"])
	}
	if len(profiles) == 0 {
		return []string{"no output intent of subtype GTS_PDFA1 (device colour is used)"}
	}
	for _, p := range profiles[1:] {
		if p != profiles[0] {
			out = append(out, "GTS_PDFA1 output intents with different profiles")
		}
	}
	s := f.Stream(profiles[0])
	if s == nil {
		return append(out, "the output intent has no DestOutputProfile stream")
	}
	icc, err := f.Decode(s)
	if err != nil {
		return append(out, "the output profile cannot be decoded: "+err.Error())
	}
	if len(icc) < 128 || string(icc[36:40]) != "acsp" {
		return append(out, "the output profile is not an ICC profile")
	}
	if class := string(icc[12:16]); class != "mntr" && class != "prtr" {
		out = append(out, fmt.Sprintf("the output profile's class is %q, not an output (prtr) or display (mntr) profile", class))
	}
	space := string(icc[16:20])
	n, _ := f.Int(s.Dict["N"])
	want := map[string]int{"RGB ": 3, "GRAY": 1, "CMYK": 4}[space]
	if want == 0 || n != want {
		out = append(out, fmt.Sprintf("the output profile's colour space %q does not match N %d", space, n))
	}
	return out
}

// fonts returns every font dictionary used by the pages' resources, with
// the descendants of composite fonts, keyed by a description.
func fonts(f *File) map[string]Dict {
	out := map[string]Dict{}
	pages, _ := f.Pages()
	seen := map[any]bool{}
	for i, pg := range pages {
		res := f.Dict(pg["Resources"])
		for name, v := range f.Dict(res["Font"]) {
			if r, ok := v.(Ref); ok {
				if seen[r] {
					continue
				}
				seen[r] = true
			}
			d := f.Dict(v)
			if d == nil {
				continue
			}
			key := fmt.Sprintf("font %s (page %d)", name, i+1)
			if bf := f.Name(d["BaseFont"]); bf != "" {
				key = "font " + string(bf)
			}
			out[key] = d
			for _, dv := range f.Array(d["DescendantFonts"]) {
				if dd := f.Dict(dv); dd != nil {
					out[key+" descendant"] = dd
				}
			}
		}
	}
	return out
}

func sortedKeys(m map[string]Dict) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func checkCIDToGID(f *File) []string {
	var out []string
	fs := fonts(f)
	for _, k := range sortedKeys(fs) {
		d := fs[k]
		if f.Name(d["Subtype"]) != "CIDFontType2" {
			continue
		}
		switch m := f.Resolve(d["CIDToGIDMap"]).(type) {
		case Name:
			if m != "Identity" {
				out = append(out, fmt.Sprintf("%s: CIDToGIDMap /%s", k, m))
			}
		case *Stream:
		default:
			out = append(out, k+": no CIDToGIDMap")
		}
	}
	return out
}

func checkEmbedded(f *File) []string {
	var out []string
	fs := fonts(f)
	for _, k := range sortedKeys(fs) {
		d := fs[k]
		st := f.Name(d["Subtype"])
		if st == "Type0" || st == "Type3" {
			continue
		}
		fd := f.Dict(d["FontDescriptor"])
		if fd == nil {
			out = append(out, k+": no font descriptor")
			continue
		}
		if fd["FontFile"] == nil && fd["FontFile2"] == nil && fd["FontFile3"] == nil {
			out = append(out, k+": not embedded")
		}
	}
	return out
}

var cmapHex = regexp.MustCompile(`<([0-9A-Fa-f]+)>`)

func checkToUnicode(f *File) []string {
	var out []string
	fs := fonts(f)
	for _, k := range sortedKeys(fs) {
		d := fs[k]
		if strings.HasSuffix(k, " descendant") {
			continue
		}
		s := f.Stream(d["ToUnicode"])
		if s == nil {
			out = append(out, k+": no ToUnicode map")
			continue
		}
		data, err := f.Decode(s)
		if err != nil {
			out = append(out, k+": ToUnicode cannot be decoded: "+err.Error())
			continue
		}
		if bad := badUnicode(data); bad != "" {
			out = append(out, k+": ToUnicode maps a code to "+bad)
		}
	}
	return out
}

// badUnicode returns the first forbidden destination of a ToUnicode CMap's
// bfchar and bfrange entries ("U+0000", "U+FEFF", "U+FFFE"), or "".
func badUnicode(cmap []byte) string {
	text := string(cmap)
	check := func(dst string) string {
		switch strings.ToUpper(dst) {
		case "0000", "FEFF", "FFFE":
			return "U+" + strings.ToUpper(dst)
		}
		return ""
	}
	for _, sec := range sections(text, "beginbfchar", "endbfchar") {
		hs := cmapHex.FindAllStringSubmatch(sec, -1)
		for i := 1; i < len(hs); i += 2 {
			if b := check(hs[i][1]); b != "" {
				return b
			}
		}
	}
	for _, sec := range sections(text, "beginbfrange", "endbfrange") {
		for _, line := range strings.Split(sec, "\n") {
			hs := cmapHex.FindAllStringSubmatch(line, -1)
			if len(hs) == 3 {
				if b := check(hs[2][1]); b != "" {
					return b
				}
			}
		}
	}
	return ""
}

func sections(s, begin, end string) []string {
	var out []string
	for {
		i := strings.Index(s, begin)
		if i < 0 {
			return out
		}
		s = s[i+len(begin):]
		j := strings.Index(s, end)
		if j < 0 {
			return append(out, s)
		}
		out = append(out, s[:j])
		s = s[j+len(end):]
	}
}

// xmpPacket returns the catalog's metadata stream, decoded.
func xmpPacket(f *File) ([]byte, *Stream) {
	s := f.Stream(f.Catalog()["Metadata"])
	if s == nil {
		return nil, nil
	}
	data, err := f.Decode(s)
	if err != nil {
		return nil, s
	}
	return data, s
}

var xpacketBegin = regexp.MustCompile(`<\?xpacket begin=[^?]*\?>`)

func checkMetadata(f *File) []string {
	data, s := xmpPacket(f)
	if s == nil {
		return []string{"the catalog has no Metadata stream"}
	}
	var out []string
	if f.Name(s.Dict["Type"]) != "Metadata" || f.Name(s.Dict["Subtype"]) != "XML" {
		out = append(out, "the metadata stream is not /Type /Metadata /Subtype /XML")
	}
	if data == nil {
		return append(out, "the metadata stream cannot be decoded")
	}
	if h := xpacketBegin.Find(data); h != nil && (bytes.Contains(h, []byte("bytes=")) || bytes.Contains(h, []byte("encoding="))) {
		out = append(out, "the xpacket header has a bytes or encoding attribute")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				out = append(out, "the XMP is not well-formed XML: "+err.Error())
			}
			break
		}
	}
	return out
}

// xmpProps returns the simple properties of the XMP packet by namespace and
// local name (element and attribute forms), and the texts of the rdf:li
// items of array properties.
func xmpProps(data []byte) map[string]string {
	props := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []xml.Name
	for {
		tok, err := dec.Token()
		if err != nil {
			return props
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
			if t.Name.Local == "Description" {
				for _, a := range t.Attr {
					props[a.Name.Space+" "+a.Name.Local] = a.Value
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			txt := strings.TrimSpace(string(t))
			if txt == "" {
				continue
			}
			// The property is the innermost element outside rdf.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].Space != "http://www.w3.org/1999/02/22-rdf-syntax-ns#" {
					k := stack[i].Space + " " + stack[i].Local
					if _, ok := props[k]; !ok {
						props[k] = txt
					}
					break
				}
			}
		}
	}
}

const nsPDFAID = "http://www.aiim.org/pdfa/ns/id/"

func checkVersionID(f *File) []string {
	data, _ := xmpPacket(f)
	if data == nil {
		return []string{"no XMP metadata"}
	}
	p := xmpProps(data)
	var out []string
	part := p[nsPDFAID+" part"]
	want := "2"
	if f.Catalog()["AF"] != nil {
		want = "3"
	}
	if part != want {
		out = append(out, fmt.Sprintf("pdfaid:part is %q, want %s", part, want))
	}
	switch c := p[nsPDFAID+" conformance"]; c {
	case "A", "B", "U":
	default:
		out = append(out, fmt.Sprintf("pdfaid:conformance is %q, not A, B or U", c))
	}
	return out
}
