package pdfcheck

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// fixture is a minimal PDF/A-2u and PDF/UA-1 file built by hand, so that
// each test can break exactly one thing.
type fixture struct {
	header string
	objs   map[int]string
	// trailer holds extra trailer entries; tail follows %%EOF.
	trailer, tail string
}

func stream(dict, data string) string {
	return fmt.Sprintf("<</Length %d %s>>\nstream\n%s\nendstream", len(data), dict, data)
}

// icc is the 128-byte header of an RGB display profile (what the check reads).
func icc() string {
	b := make([]byte, 128)
	copy(b[12:], "mntr")
	copy(b[16:], "RGB ")
	copy(b[20:], "XYZ ")
	copy(b[36:], "acsp")
	return string(b)
}

const xmpOK = `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fixture</rdf:li></rdf:Alt></dc:title></rdf:Description>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`

const contentOK = `/Artifact BMC 0 0 1 RG 0 0 m 10 10 l S EMC
/H1 <</MCID 0>> BDC BT /F1 12 Tf 10 180 Td <0054> Tj ET EMC
/P <</MCID 1>> BDC BT /F1 10 Tf 10 160 Td <0050> Tj ET EMC
/Link <</MCID 2>> BDC BT /F1 10 Tf 30 160 Td <004C> Tj ET EMC
/Lbl <</MCID 3>> BDC 10 140 2 2 re f EMC
/LBody <</MCID 4>> BDC BT /F1 10 Tf 20 140 Td <0049> Tj ET EMC
/TH <</MCID 5>> BDC BT /F1 10 Tf 10 120 Td <0048> Tj ET EMC
/TD <</MCID 6>> BDC BT /F1 10 Tf 10 100 Td <0044> Tj ET EMC
/Figure <</MCID 7>> BDC 10 60 30 30 re f EMC
/Note <</MCID 8>> BDC BT /F1 8 Tf 10 20 Td <004E> Tj ET EMC
/Artifact <</Type /Pagination>> BDC BT /F1 8 Tf 90 5 Td <0031> Tj ET EMC`

func base() *fixture {
	return &fixture{
		header:  "%PDF-1.7\n%\xB5\xB6\xB7\xB8\n",
		trailer: "/ID [<00112233445566778899AABBCCDDEEFF><00112233445566778899AABBCCDDEEFF>]",
		tail:    "\n",
		objs: map[int]string{
			1: `<</Type /Catalog /Pages 2 0 R /Lang (en-GB) /MarkInfo <</Marked true>> /StructTreeRoot 10 0 R
/ViewerPreferences <</DisplayDocTitle true>> /Metadata 5 0 R
/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile 6 0 R>>]>>`,
			2:  `<</Type /Pages /Kids [3 0 R] /Count 1>>`,
			3:  `<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources <</Font <</F1 7 0 R>>>> /Contents 4 0 R /StructParents 0 /Tabs /S /Annots [20 0 R]>>`,
			4:  stream("", contentOK),
			5:  stream("/Type /Metadata /Subtype /XML", xmpOK),
			6:  stream("/N 3", icc()),
			7:  `<</Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 9 0 R>>`,
			8:  `<</Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor 11 0 R /CIDToGIDMap /Identity>>`,
			9:  stream("", "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfrange\n<0001> <00FF> <0001>\n<0100> <01FF> <0100>\nendbfrange\n1 beginbfchar\n<0200> <0041>\nendbfchar"),
			10: `<</Type /StructTreeRoot /K [13 0 R] /ParentTree 30 0 R /ParentTreeNextKey 2>>`,
			11: `<</Type /FontDescriptor /FontName /ABCDEF+Test /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 12 0 R>>`,
			12: stream("", "not really a font"),
			13: `<</Type /StructElem /S /Document /P 10 0 R /K [14 0 R 15 0 R 16 0 R 17 0 R 18 0 R 19 0 R]>>`,
			14: `<</Type /StructElem /S /H1 /P 13 0 R /Pg 3 0 R /K [0]>>`,
			15: `<</Type /StructElem /S /P /P 13 0 R /Pg 3 0 R /K [<</Type /MCR /Pg 3 0 R /MCID 1>> 21 0 R]>>`,
			16: `<</Type /StructElem /S /L /P 13 0 R /A <</O /List /ListNumbering /Disc>> /K [22 0 R]>>`,
			17: `<</Type /StructElem /S /Table /P 13 0 R /K [25 0 R 26 0 R]>>`,
			18: `<</Type /StructElem /S /Figure /P 13 0 R /Pg 3 0 R /Alt (A blue square) /K [7]>>`,
			19: `<</Type /StructElem /S /Note /P 13 0 R /Pg 3 0 R /ID (fn:1) /K [8]>>`,
			20: `<</Type /Annot /Subtype /Link /Rect [30 155 50 170] /Border [0 0 0] /F 4 /StructParent 1 /Contents (Example) /A <</S /URI /URI (https://example.org/)>>>>`,
			21: `<</Type /StructElem /S /Link /P 15 0 R /Pg 3 0 R /K [2 <</Type /OBJR /Pg 3 0 R /Obj 20 0 R>>]>>`,
			22: `<</Type /StructElem /S /LI /P 16 0 R /K [23 0 R 24 0 R]>>`,
			23: `<</Type /StructElem /S /Lbl /P 22 0 R /Pg 3 0 R /K [3]>>`,
			24: `<</Type /StructElem /S /LBody /P 22 0 R /Pg 3 0 R /K [4]>>`,
			25: `<</Type /StructElem /S /THead /P 17 0 R /K [27 0 R]>>`,
			26: `<</Type /StructElem /S /TBody /P 17 0 R /K [29 0 R]>>`,
			27: `<</Type /StructElem /S /TR /P 25 0 R /K [28 0 R]>>`,
			28: `<</Type /StructElem /S /TH /P 27 0 R /Pg 3 0 R /A <</O /Table /Scope /Column>> /K [5]>>`,
			29: `<</Type /StructElem /S /TR /P 26 0 R /K [31 0 R]>>`,
			30: `<</Nums [0 [14 0 R 15 0 R 21 0 R 23 0 R 24 0 R 28 0 R 31 0 R 18 0 R 19 0 R] 1 21 0 R]>>`,
			31: `<</Type /StructElem /S /TD /P 29 0 R /Pg 3 0 R /K [6]>>`,
		},
	}
}

// bytes assembles the file with a correct cross-reference table.
func (fx *fixture) bytes() []byte {
	var b strings.Builder
	b.WriteString(fx.header)
	nums := make([]int, 0, len(fx.objs))
	maxN := 0
	for n := range fx.objs {
		nums = append(nums, n)
		maxN = max(maxN, n)
	}
	sort.Ints(nums)
	off := map[int]int{}
	for _, n := range nums {
		off[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, fx.objs[n])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxN+1)
	for n := 1; n <= maxN; n++ {
		if o, ok := off[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF%s", maxN+1, fx.trailer, xref, fx.tail)
	return []byte(b.String())
}

func (fx *fixture) edit(n int, old, new string) {
	s := fx.objs[n]
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("object %d has no %q", n, old))
	}
	fx.objs[n] = strings.Replace(s, old, new, 1)
}

// setContent replaces the page's content stream.
func (fx *fixture) setContent(old, new string) {
	fx.objs[4] = stream("", strings.Replace(contentOK, old, new, 1))
}

func TestFixturePasses(t *testing.T) {
	vs, err := Check(base().bytes(), All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
}

// breakers break each rule in one or more ways.
var breakers = map[string][]func(*fixture){
	"PDF/A-2 6.1.2": {
		func(fx *fixture) { fx.header = "%PDF-1.7\n%abcd\n" },
		func(fx *fixture) { fx.header = "%PDF-2.0\n%\xB5\xB6\xB7\xB8\n" },
	},
	"PDF/A-2 6.1.3": {
		func(fx *fixture) { fx.trailer = "" },
		func(fx *fixture) { fx.tail = "\ngarbage after the end\n" },
		func(fx *fixture) { fx.trailer += " /Encrypt 40 0 R" },
	},
	"PDF/A-2 6.1.7": {
		func(fx *fixture) { fx.objs[12] = "<</Length 3>>\nstream\nnot really a font\nendstream" },
		func(fx *fixture) { fx.objs[12] = "<</Length 17>>\nstream\rnot really a font\nendstream" },
		func(fx *fixture) { fx.edit(12, "<</Length 17 ", "<</Length 17 /F (font.ttf) ") },
	},
	"PDF/A-2 6.2.2": {
		func(fx *fixture) { fx.edit(1, "/S /GTS_PDFA1", "/S /GTS_PDFX") },
		func(fx *fixture) { fx.objs[6] = stream("/N 4", icc()) },
		func(fx *fixture) { fx.objs[6] = stream("/N 3", strings.Replace(icc(), "acsp", "xxxx", 1)) },
	},
	"PDF/A-2 6.2.11.3.2": {
		func(fx *fixture) { fx.edit(8, " /CIDToGIDMap /Identity", "") },
	},
	"PDF/A-2 6.2.11.4": {
		func(fx *fixture) { fx.edit(11, " /FontFile2 12 0 R", "") },
	},
	"PDF/A-2 6.2.11.7.2": {
		func(fx *fixture) { fx.edit(7, " /ToUnicode 9 0 R", "") },
		func(fx *fixture) { fx.objs[9] = stream("", "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange") },
		func(fx *fixture) { fx.objs[9] = stream("", "1 beginbfchar\n<0041> <FEFF>\nendbfchar") },
	},
	"PDF/A-2 6.6.2.1": {
		func(fx *fixture) { fx.edit(1, " /Metadata 5 0 R", "") },
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, "</x:xmpmeta>", "", 1))
		},
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, `id="W5M0`, `bytes="12" id="W5M0`, 1))
		},
		func(fx *fixture) { fx.objs[5] = stream("/Type /Metadata", xmpOK) },
	},
	"PDF/A-2 6.6.4": {
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, "<pdfaid:part>2", "<pdfaid:part>1", 1))
		},
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, "<pdfaid:conformance>U", "<pdfaid:conformance>X", 1))
		},
		// An associated file makes it PDF/A-3, which the XMP must say.
		func(fx *fixture) { fx.edit(1, "/Type /Catalog", "/Type /Catalog /AF []") },
	},
	"PDF/UA-1 6.2": {
		func(fx *fixture) { fx.edit(1, "/MarkInfo <</Marked true>>", "/MarkInfo <</Marked false>>") },
		func(fx *fixture) { fx.edit(1, " /StructTreeRoot 10 0 R", "") },
	},
	"PDF/UA-1 01-005": {
		func(fx *fixture) {
			fx.setContent("/Artifact BMC 0 0 1 RG 0 0 m 10 10 l S EMC", "0 0 1 RG 0 0 m 10 10 l S")
		},
		func(fx *fixture) {
			fx.setContent("/Artifact BMC 0 0 1 RG 0 0 m 10 10 l S EMC", "/P <</MCID 9>> BDC /Artifact BMC 0 0 m 10 10 l S EMC EMC")
		},
	},
	"PDF/UA-1 7.1 parent tree": {
		func(fx *fixture) {
			fx.setContent("/Artifact BMC 0 0 1 RG 0 0 m 10 10 l S EMC", "/P <</MCID 9>> BDC 0 0 m 10 10 l S EMC")
		},
		func(fx *fixture) { fx.edit(3, " /StructParents 0", "") },
	},
	"PDF/UA-1 02-001": {
		func(fx *fixture) { fx.edit(15, "/S /P ", "/S /Paragraph ") },
	},
	"PDF/UA-1 06-001": {
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, "<pdfuaid:part>1", "<pdfuaid:part>2", 1))
		},
	},
	"PDF/UA-1 06-003": {
		func(fx *fixture) {
			fx.objs[5] = stream("/Type /Metadata /Subtype /XML", strings.Replace(xmpOK, ">Fixture<", "><", 1))
		},
	},
	"PDF/UA-1 07-001": {
		func(fx *fixture) { fx.edit(1, "/DisplayDocTitle true", "/DisplayDocTitle false") },
	},
	"PDF/UA-1 09-004": {
		func(fx *fixture) {
			fx.edit(31, "/S /TD /P 29 0 R", "/S /TD /P 29 0 R")
			fx.edit(29, "/S /TR ", "/S /Div ")
		},
		func(fx *fixture) { fx.edit(25, "/S /THead ", "/S /Div ") },
	},
	"PDF/UA-1 09-005": {
		func(fx *fixture) { fx.edit(16, "/S /L ", "/S /Div ") },
		func(fx *fixture) { fx.edit(22, "/S /LI ", "/S /Div ") },
	},
	"PDF/UA-1 11-001": {
		func(fx *fixture) { fx.edit(1, " /Lang (en-GB)", "") },
		func(fx *fixture) { fx.edit(1, "/Lang (en-GB)", "/Lang (English please)") },
		func(fx *fixture) { fx.edit(15, "/S /P ", "/S /P /Lang <FEFF0066007200200021> ") }, // "fr !"
	},
	"PDF/UA-1 14-002": {
		func(fx *fixture) { fx.edit(14, "/S /H1 ", "/S /H2 ") },
	},
	"PDF/UA-1 14-003": {
		func(fx *fixture) {
			fx.edit(13, "/K [14 0 R ", "/K [14 0 R 32 0 R ")
			fx.objs[32] = `<</Type /StructElem /S /H3 /P 13 0 R /K []>>`
		},
	},
	"PDF/UA-1 15-003": {
		func(fx *fixture) { fx.edit(28, " /A <</O /Table /Scope /Column>>", "") },
	},
	"PDF/UA-1 17-002": {
		func(fx *fixture) { fx.edit(18, " /Alt (A blue square)", "") },
	},
	"PDF/UA-1 19-003": {
		func(fx *fixture) { fx.edit(19, " /ID (fn:1)", "") },
		func(fx *fixture) {
			fx.edit(13, "19 0 R]", "19 0 R 33 0 R]")
			fx.objs[33] = `<</Type /StructElem /S /Note /P 13 0 R /ID (fn:1) /K []>>`
		},
	},
	"PDF/UA-1 28-011": {
		func(fx *fixture) { fx.edit(20, " /StructParent 1", "") },
		func(fx *fixture) { fx.edit(21, " <</Type /OBJR /Pg 3 0 R /Obj 20 0 R>>", "") },
		func(fx *fixture) { fx.edit(30, "1 21 0 R", "1 15 0 R") },
	},
	"PDF/UA-1 28-004": {
		func(fx *fixture) { fx.edit(20, " /Contents (Example)", "") },
	},
	"PDF/UA-1 28-008": {
		func(fx *fixture) { fx.edit(3, " /Tabs /S", "") },
	},
}

// TestRules breaks each rule on purpose: the broken file must fail that
// rule (and the intact one passes all, above).
func TestRules(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			bs := breakers[r.ID]
			if len(bs) == 0 {
				t.Fatal("no broken file for this rule")
			}
			for i, brk := range bs {
				fx := base()
				brk(fx)
				vs, err := Check(fx.bytes(), []Rule{r})
				if err != nil {
					t.Fatalf("breaker %d: %v", i, err)
				}
				if len(vs) == 0 {
					t.Errorf("breaker %d: the broken file passes", i)
				}
				for _, v := range vs {
					t.Logf("breaker %d: %s", i, v.Detail)
				}
			}
		})
	}
}

// packedBytes assembles the file as galley writes a tagged one: the
// structure elements (objects 13 and up that are not streams) in an object
// stream, and a cross-reference stream, whose dictionary is the trailer,
// in place of the table.
func (fx *fixture) packedBytes() []byte {
	var b strings.Builder
	b.WriteString(fx.header)
	maxN := 0
	for n := range fx.objs {
		maxN = max(maxN, n)
	}
	stm, xrefNum := maxN+1, maxN+2
	var head, body strings.Builder
	packed := map[int]int{}
	for n := 13; n <= maxN; n++ {
		o, ok := fx.objs[n]
		if !ok || strings.Contains(o, "stream") || n == 20 {
			continue
		}
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.WriteString(o + "\n")
		packed[n] = len(packed)
	}
	off := map[int]int{}
	for n := 1; n <= maxN; n++ {
		if _, ok := packed[n]; ok || fx.objs[n] == "" {
			continue
		}
		off[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, fx.objs[n])
	}
	off[stm] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stm,
		stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d", len(packed), head.Len()), head.String()+body.String()))
	off[xrefNum] = b.Len()
	var x []byte
	for n := 0; n <= xrefNum; n++ {
		if i, ok := packed[n]; ok {
			x = append(x, 2, 0, byte(stm), byte(i))
		} else if o, ok := off[n]; ok {
			x = append(x, 1, byte(o>>8), byte(o), 0)
		} else {
			x = append(x, 0, 0, 0, 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF%s", xrefNum,
		stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 2 1] /Root 1 0 R %s", xrefNum+1, fx.trailer), string(x)), off[xrefNum], fx.tail)
	return []byte(b.String())
}

// TestObjectStreams: the check reads objects packed into object streams
// and takes a cross-reference stream's dictionary as the trailer, so a
// packed file passes, and a rule broken inside an object stream, or in the
// cross-reference stream's dictionary, still fails.
func TestObjectStreams(t *testing.T) {
	vs, err := Check(base().packedBytes(), All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("packed fixture: %s", v)
	}
	fx := base()
	fx.edit(14, "/S /H1", "/S /H2")
	if vs, _ := Check(fx.packedBytes(), All()); !hasRule(vs, "PDF/UA-1 14-002") {
		t.Errorf("a first heading H2 inside an object stream passes: %v", vs)
	}
	fx = base()
	fx.trailer = ""
	if vs, _ := Check(fx.packedBytes(), All()); !hasRule(vs, "PDF/A-2 6.1.3") {
		t.Errorf("a cross-reference stream without /ID passes: %v", vs)
	}
}

func hasRule(vs []Violation, id string) bool {
	for _, v := range vs {
		if v.Rule == id {
			return true
		}
	}
	return false
}
