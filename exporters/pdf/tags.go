package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/internal/fpdf"
)

// Tagged PDF: the layout builds a tree of structure elements (selem) from
// galley's document tree, as the HTML export builds its elements, and stamps
// every drawing op with the element its content belongs to. The painter
// wraps each run of ops of one element in a marked-content sequence
// (/P <</MCID n>> BDC … EMC) and records it as a kid of its element; ops of
// no element (rules, backgrounds, the running header and footer, repeated
// table headers) are artifacts. writeStructure then writes the tree, the
// parent tree and the catalog entries PDF/UA-1 asks for.

// selem is a structure element. A document of 50,000 footnotes has five
// of them a note, held until the file is written: they are kept small
// (80 bytes, and 16 a kid).
type selem struct {
	typ    string
	parent *selem
	kids   []skid
	// name is the element's own text: a Figure's /Alt, a Note's /ID, the
	// alternate description of a Link's annotations (/Contents).
	name string
	more *selemMore
	obj  int32 // object number, set when written
	// attached is set once the element is a kid of its parent: block
	// elements at once, inline ones (links, references) with their first
	// content, so they sit among their parent's marked content in reading
	// order.
	attached bool
}

// selemMore is what few elements have.
type selemMore struct {
	lang  string // /Lang: a passage in another language (lang.go)
	attrs string // entries of the /A attribute dictionary, "/O /Table /Scope /Column"
}

func (e *selem) lang() string {
	if e.more == nil {
		return ""
	}
	return e.more.lang
}

func (e *selem) attrs() string {
	if e.more == nil {
		return ""
	}
	return e.more.attrs
}

func (e *selem) setLang(lang string) {
	if e.more == nil {
		e.more = &selemMore{}
	}
	e.more.lang = lang
}

func (e *selem) setAttrs(attrs string) {
	if e.more == nil {
		e.more = &selemMore{}
	}
	e.more.attrs = attrs
}

// skid is a kid of a structure element: an element, a marked-content
// sequence (page, mcid >= 0) or an annotation (page, mcid = -1-index of
// the annotation among the page's links).
type skid struct {
	elem *selem
	page int32 // 1-based, for marked content and annotations
	mcid int32
}

// annot returns the index among its page's links of the annotation k is.
func (k skid) annot() int { return int(-1 - k.mcid) }

// artifactTag marks ops that are page furniture even where the layout would
// otherwise stamp them with the current element.
var artifactTag = &selem{typ: "Artifact"}

// push opens a block-level element of type typ under the current one and
// returns the function that closes it. Without tagging it does nothing.
func (l *layouter) push(typ string) (*selem, func()) {
	if !l.tagged {
		return nil, func() {}
	}
	e := &selem{typ: typ, parent: l.cur, attached: true}
	l.cur.kids = append(l.cur.kids, skid{elem: e})
	prev := l.cur
	l.cur = e
	return e, func() { l.cur = prev }
}

// inline returns a lazily attached element of type typ under parent.
func (l *layouter) inlineElem(typ string, parent *selem) *selem {
	if !l.tagged || parent == nil {
		return nil
	}
	return &selem{typ: typ, parent: parent}
}

// attach makes e a kid of its parent, and its parent of theirs, on first use.
func attach(e *selem) {
	if e == nil || e.attached || e.parent == nil {
		return
	}
	attach(e.parent)
	e.parent.kids = append(e.parent.kids, skid{elem: e})
	e.attached = true
}

// isContent reports whether an op draws something a reader sees (and so
// must be tagged or an artifact).
func isContent(k opKind) bool {
	switch k {
	case opText, opFill, opStroke, opLine, opImage, opDisc, opCircle, opPageRef:
		return true
	}
	return false
}

// stamp gives the content ops of b that have no element the current one.
func (l *layouter) stamp(b *box) {
	if !l.tagged {
		return
	}
	for i := range b.ops {
		if b.ops[i].se == nil && isContent(b.ops[i].kind) {
			b.ops[i].se = l.cur
		}
	}
}

// markedContent tracks the open marked-content sequence of the page being
// painted.
type markedContent struct {
	open    bool
	pending bool   // the element's sequence is open, its BDC not yet written (flushMark)
	elem    *selem // nil: an artifact
	art     string // the artifact's BDC properties ("" for a plain one)
	page    int    // 1-based
	mcids   []*selem
	pageMap [][]*selem // per page, the element of each MCID
}

// mark switches the content stream to elem's marked content (an artifact
// when elem is nil or artifactTag), closing the open sequence when it
// belongs to another element.
func (p *painter) mark(elem *selem, art string) {
	if !p.l.tagged {
		return
	}
	if elem == artifactTag {
		elem = nil
	}
	mc := &p.mc
	if mc.open && mc.elem == elem && (elem != nil || mc.art == art) {
		return
	}
	p.endMark()
	p.spanElem = nil
	mc.open, mc.elem, mc.art = true, elem, art
	if elem == nil {
		if art == "" {
			p.pdf.RawWriteStr("/Artifact BMC")
		} else {
			p.pdf.RawWriteStr("/Artifact <<" + art + ">> BDC")
		}
		return
	}
	attach(elem)
	// The BDC waits for the element's first content: text drawn in
	// spans of its own (spanProps) leaves no empty sequence behind.
	mc.pending = true
}

// flushMark writes the BDC of the element's sequence mark opened, once
// content is drawn in it.
func (p *painter) flushMark() {
	mc := &p.mc
	if !mc.pending {
		return
	}
	mc.pending = false
	elem := mc.elem
	id := len(mc.mcids)
	mc.mcids = append(mc.mcids, elem)
	elem.kids = append(elem.kids, skid{page: int32(mc.page), mcid: int32(id)})
	p.pdf.RawWriteStr("/" + elem.typ + " <</MCID " + strconv.Itoa(id) + ">> BDC")
}

// spanProps is pdffont.Set.SpanProps: it gives a span of the text being
// drawn a marked-content id of its own, a kid of the element whose
// sequence is open, after closing that sequence (the element's next
// content opens a new one). Spans in an artifact, and in text drawn into
// a hole at the end (finish), stay nested in their sequence. It is set for
// tagged PDFs only.
func (p *painter) spanProps(b []byte) []byte {
	mc := &p.mc
	elem := p.spanElem
	if elem == nil {
		if !mc.open || mc.elem == nil {
			return b
		}
		elem = mc.elem
		p.endMark()
		p.spanElem = elem
	}
	id := len(mc.mcids)
	mc.mcids = append(mc.mcids, elem)
	elem.kids = append(elem.kids, skid{page: int32(mc.page), mcid: int32(id)})
	b = append(b, "/MCID "...)
	b = strconv.AppendInt(b, int64(id), 10)
	return append(b, ' ')
}

// endMark closes the open marked-content sequence.
func (p *painter) endMark() {
	if p.mc.open {
		if !p.mc.pending {
			p.pdf.RawWriteStr("EMC")
		}
		p.mc.open, p.mc.pending = false, false
	}
}

// startPage begins the marked content of page n (1-based).
func (p *painter) startPage(n int) {
	if !p.l.tagged {
		return
	}
	p.mc.page = n
	p.mc.mcids = nil
	p.annots = 0
	// Page key n-1 in the parent tree; annotations take keys after the pages.
	p.pdf.SetPageEntries(fmt.Sprintf("/StructParents %d /Tabs /S", n-1))
}

// endPage closes the page's marked content.
func (p *painter) endPage() {
	if !p.l.tagged {
		return
	}
	p.endMark()
	p.spanElem = nil
	p.mc.pageMap = append(p.mc.pageMap, p.mc.mcids)
}

// linkOptions returns the annotation options tying a link annotation to its
// Link element, and records the annotation as a kid of the element.
func (p *painter) linkOptions(elem *selem) fpdf.LinkOptions {
	if !p.l.tagged || elem == nil || elem == artifactTag {
		return fpdf.LinkOptions{}
	}
	attach(elem)
	key := p.pages + len(p.annotElems)
	p.annotElems = append(p.annotElems, elem)
	elem.kids = append(elem.kids, skid{page: int32(p.mc.page), mcid: int32(-1 - p.annots)})
	p.annots++
	return fpdf.LinkOptions{StructParent: key, HasStructParent: true, Contents: elem.name}
}

// escapePDFString escapes a literal PDF string: a backslash before each
// backslash and parenthesis. Written by hand, it needs no replacer built
// in every process (nor one per call, which cost most of the export of a
// document with 50,000 footnotes).
func escapePDFString(s string) string {
	if !strings.ContainsAny(s, `\()`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '(' || c == ')' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// pdfText writes s as a PDF text string: literal when it is printable ASCII,
// else UTF-16BE with a byte-order mark, in hex.
func pdfText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + escapePDFString(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

// prune drops elements that got no content (an image that failed to load,
// an empty paragraph), except table cells and rows, which keep the table's
// grid.
func prune(e *selem) bool {
	kids := e.kids[:0]
	for _, k := range e.kids {
		if k.elem != nil && !prune(k.elem) {
			continue
		}
		kids = append(kids, k)
	}
	e.kids = kids
	switch e.typ {
	case "TD", "TH", "TR":
		return true
	}
	return len(e.kids) > 0
}

// writeStructure writes the structure tree, the parent tree and the named
// destinations, and adds the catalog entries of a tagged PDF.
func (p *painter) writeStructure(w *fpdf.ObjectWriter) {
	if p.l.tagged {
		root := p.l.root
		prune(root)
		// Number the elements in the order they are written: the tree
		// root, then the elements depth first, then the parent tree.
		var elems []*selem
		var walk func(e *selem)
		walk = func(e *selem) {
			elems = append(elems, e)
			for _, k := range e.kids {
				if k.elem != nil {
					walk(k.elem)
				}
			}
		}
		walk(root)
		rootObj := w.Next()
		for i, e := range elems {
			e.obj = int32(rootObj + 1 + i)
		}
		parentTree := rootObj + 1 + len(elems)
		// The tree goes into compressed object streams (PDF 1.5): as
		// plain objects it was a fifth of the file.
		w.Packed(fmt.Sprintf("<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
			root.obj, parentTree, p.pages+len(p.annotElems)))
		// Formatted by appending to one buffer: fmt's cost showed in the
		// time tagging adds.
		var b []byte
		ref := func(n int) {
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, " 0 R"...)
		}
		for _, e := range elems {
			parent := rootObj
			if e.parent != nil {
				parent = int(e.parent.obj)
			}
			// /Type /StructElem is optional; marked content on the
			// element's page (/Pg) is written as a bare MCID, elsewhere as
			// an MCR: structure trees are a large share of a tagged file.
			b = append(b[:0], "<</S /"...)
			b = append(b, e.typ...)
			b = append(b, " /P "...)
			ref(parent)
			pg := firstPage(e)
			if pg > 0 {
				b = append(b, " /Pg "...)
				ref(w.PageObj(pg))
			}
			if e.typ == "Figure" && e.name != "" {
				b = append(b, " /Alt "...)
				b = append(b, pdfText(e.name)...)
			}
			if e.typ == "Note" && e.name != "" {
				b = append(b, " /ID "...)
				b = append(b, pdfText(e.name)...)
			}
			if lang := e.lang(); lang != "" {
				b = append(b, " /Lang "...)
				b = append(b, pdfText(lang)...)
			}
			if attrs := e.attrs(); attrs != "" {
				b = append(b, " /A <<"...)
				b = append(b, attrs...)
				b = append(b, ">>"...)
			}
			b = append(b, " /K ["...)
			for i, k := range e.kids {
				if i > 0 {
					b = append(b, ' ')
				}
				switch {
				case k.elem != nil:
					ref(int(k.elem.obj))
				case k.mcid >= 0 && int(k.page) == pg:
					b = strconv.AppendInt(b, int64(k.mcid), 10)
				case k.mcid >= 0:
					b = append(b, "<</Type /MCR /Pg "...)
					ref(w.PageObj(int(k.page)))
					b = append(b, " /MCID "...)
					b = strconv.AppendInt(b, int64(k.mcid), 10)
					b = append(b, ">>"...)
				default:
					b = append(b, "<</Type /OBJR /Pg "...)
					ref(w.PageObj(int(k.page)))
					b = append(b, " /Obj "...)
					ref(w.LinkObj(int(k.page), k.annot()))
					b = append(b, ">>"...)
				}
			}
			b = append(b, "]>>"...)
			w.PackedBytes(b)
		}
		b = append(b[:0], "<</Nums ["...)
		for i, ids := range p.mc.pageMap {
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, " ["...)
			for j, e := range ids {
				if j > 0 {
					b = append(b, ' ')
				}
				ref(int(e.obj))
			}
			b = append(b, "] "...)
		}
		for i, e := range p.annotElems {
			b = strconv.AppendInt(b, int64(p.pages+i), 10)
			b = append(b, ' ')
			ref(int(e.obj))
			b = append(b, ' ')
		}
		b = append(b, "]>>"...)
		w.PackedBytes(b)
		w.Catalog(fmt.Sprintf("/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>", rootObj))
	}
	p.writeDests(w)
}

// firstPage returns the page of e's first marked content or annotation,
// or 0.
func firstPage(e *selem) int {
	for _, k := range e.kids {
		if k.elem == nil {
			return int(k.page)
		}
	}
	return 0
}

// writeDests writes a name tree of every heading id and anchor, so that
// "notice.pdf#id" opens at the heading in any viewer.
func (p *painter) writeDests(w *fpdf.ObjectWriter) {
	// Name trees are sorted by the names' bytes (PDF strings: here UTF-16BE
	// for non-ASCII, which sorts as the code points outside surrogates).
	type name struct{ key, id string }
	names := make([]name, 0, len(p.dests))
	for id := range p.dests {
		if strings.HasPrefix(id, "h:") {
			continue // galley's own ids for headings without one
		}
		names = append(names, name{destKey(id), id})
	}
	if len(names) == 0 {
		return
	}
	sort.Slice(names, func(i, j int) bool { return names[i].key < names[j].key })
	// Appended to one buffer: a document of 50,000 footnotes has as many
	// names.
	b := make([]byte, 0, 16+48*len(names))
	b = append(b, "<</Names ["...)
	for _, n := range names {
		d := p.dests[n.id]
		b = append(b, pdfText(n.id)...)
		b = append(b, " ["...)
		b = strconv.AppendInt(b, int64(w.PageObj(d.page)), 10)
		b = append(b, " 0 R /XYZ 0 "...)
		b = strconv.AppendFloat(b, p.l.pageH-d.y, 'f', 2, 64)
		b = append(b, " null] "...)
	}
	b = append(b, "]>>"...)
	obj := w.Object(string(b))
	w.Names(fmt.Sprintf("/Dests %d 0 R", obj))
}

// destKey is the byte string a destination name is written as.
func destKey(s string) string {
	t := pdfText(s)
	if strings.HasPrefix(t, "(") {
		return s
	}
	// UTF-16BE with BOM sorts after every ASCII name (0xFE first byte).
	return "\xFE\xFF" + t
}
