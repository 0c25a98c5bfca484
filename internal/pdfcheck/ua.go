package pdfcheck

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
)

// PDFUA1 returns the PDF/UA-1 rules checked, named after the Matterhorn
// Protocol 1.1 failure conditions they implement, or after the ISO 14289-1
// clause where Matterhorn has no machine checkpoint for it.
func PDFUA1() []Rule {
	return []Rule{
		{"PDF/UA-1 6.2", "the document is tagged: a StructTreeRoot and MarkInfo Marked true", checkMarked},
		{"PDF/UA-1 01-005", "all content is tagged or an artifact (01-005), and never both (01-003, 01-004)", checkContentMarked},
		{"PDF/UA-1 7.1 parent tree", "every marked-content sequence with an MCID belongs to a structure element", checkMCIDs},
		{"PDF/UA-1 02-001", "structure types are standard (or role-mapped to standard ones)", checkStandardTypes},
		{"PDF/UA-1 06-001", "metadata: XMP with pdfuaid:part 1", checkUAID},
		{"PDF/UA-1 06-003", "title: dc:title in the metadata", checkDCTitle},
		{"PDF/UA-1 07-001", "title shown: ViewerPreferences DisplayDocTitle true", checkDisplayTitle},
		{"PDF/UA-1 09-004", "tables: TR in Table, THead, TBody or TFoot; TH and TD in TR; THead, TBody, TFoot in Table", checkTableNesting},
		{"PDF/UA-1 09-005", "lists: LI in L; Lbl and LBody in LI; an L holds LI (or Caption, L)", checkListNesting},
		{"PDF/UA-1 11-001", "language: the catalog has a Lang of the BCP 47 form, as has every structure element with one", checkLang},
		{"PDF/UA-1 14-002", "headings: the first numbered heading is H1", checkFirstHeading},
		{"PDF/UA-1 14-003", "headings: numbered heading levels are not skipped", checkHeadingSkip},
		{"PDF/UA-1 15-003", "tables: every TH has a Scope (galley's tables have no Headers ids)", checkScope},
		{"PDF/UA-1 17-002", "figures: every Figure has Alt or ActualText", checkFigureAlt},
		{"PDF/UA-1 19-003", "notes: every Note has an ID (19-003), and no two the same (19-004)", checkNoteID},
		{"PDF/UA-1 28-011", "annotations: every Link annotation is in the structure tree (StructParent to a Link element with an OBJR to it)", checkLinkAnnots},
		{"PDF/UA-1 28-004", "annotations: every Link annotation has Contents", checkAnnotContents},
		{"PDF/UA-1 28-008", "annotations: a page with annotations has Tabs /S (28-008, 28-009)", checkTabs},
	}
}

func checkMarked(f *File) []string {
	c := f.Catalog()
	var out []string
	if f.Dict(c["StructTreeRoot"]) == nil {
		out = append(out, "no StructTreeRoot")
	}
	if m := f.Dict(c["MarkInfo"]); m == nil || m["Marked"] != true {
		out = append(out, "MarkInfo Marked is not true")
	}
	return out
}

// elem is a structure element found in the tree.
type elem struct {
	ref    Ref
	dict   Dict
	typ    Name // role-mapped to the standard type where a RoleMap says so
	parent *elem
	kids   []*elem
	mcids  []mcr
	objrs  []Ref
}

type mcr struct {
	page Ref
	mcid int
}

// structTree returns the structure elements in document order.
func structTree(f *File) []*elem {
	root := f.Dict(f.Catalog()["StructTreeRoot"])
	if root == nil {
		return nil
	}
	roles := f.Dict(root["RoleMap"])
	var out []*elem
	seen := map[Ref]bool{}
	var visit func(v any, parent *elem, page Ref, depth int)
	visit = func(v any, parent *elem, page Ref, depth int) {
		if depth > 200 {
			return
		}
		switch x := v.(type) {
		case Array:
			for _, k := range x {
				visit(k, parent, page, depth+1)
			}
			return
		case int:
			if parent != nil {
				parent.mcids = append(parent.mcids, mcr{page, x})
			}
			return
		}
		r, _ := v.(Ref)
		if r != (Ref{}) {
			if seen[r] {
				return
			}
			seen[r] = true
		}
		d := f.Dict(v)
		if d == nil {
			return
		}
		switch f.Name(d["Type"]) {
		case "MCR":
			pg, _ := d["Pg"].(Ref)
			if pg == (Ref{}) {
				pg = page
			}
			if n, ok := f.Int(d["MCID"]); ok && parent != nil {
				parent.mcids = append(parent.mcids, mcr{pg, n})
			}
			return
		case "OBJR":
			if o, ok := d["Obj"].(Ref); ok && parent != nil {
				parent.objrs = append(parent.objrs, o)
			}
			return
		}
		s := f.Name(d["S"])
		if s == "" {
			return
		}
		typ := s
		for i := 0; i < 8; i++ {
			m := f.Name(roles[typ])
			if m == "" {
				break
			}
			typ = m
		}
		e := &elem{ref: r, dict: d, typ: typ, parent: parent}
		if parent != nil {
			parent.kids = append(parent.kids, e)
		}
		out = append(out, e)
		pg, _ := d["Pg"].(Ref)
		if pg == (Ref{}) {
			pg = page
		}
		visit(d["K"], e, pg, depth+1)
	}
	visit(root["K"], nil, Ref{}, 0)
	return out
}

var contentOps = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true, "Do": true, "sh": true, "EI": true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
}

// mark is an open marked-content sequence.
type mark struct {
	tag  Name
	mcid int // -1: none
}

// walkContent tokenizes a page's content and calls fn for each content
// operator with the open marked-content sequences, and mcid for each BDC
// with an MCID.
func walkContent(f *File, page Dict, fn func(op string, stack []mark), onMCID func(int)) error {
	var data []byte
	contents := f.Resolve(page["Contents"])
	var streams []*Stream
	switch c := contents.(type) {
	case *Stream:
		streams = append(streams, c)
	case Array:
		for _, v := range c {
			if s := f.Stream(v); s != nil {
				streams = append(streams, s)
			}
		}
	}
	for _, s := range streams {
		d, err := f.Decode(s)
		if err != nil {
			return err
		}
		data = append(append(data, d...), '\n')
	}
	lx := &lexer{b: data}
	var operands []any
	var stack []mark
	for {
		t, err := lx.value()
		if err != nil {
			return nil
		}
		k, ok := t.(keyword)
		if !ok {
			operands = append(operands, t)
			continue
		}
		op := string(k)
		switch op {
		case "BMC", "BDC":
			m := mark{mcid: -1}
			if len(operands) > 0 {
				m.tag, _ = operands[0].(Name)
			}
			if op == "BDC" && len(operands) > 1 {
				props := f.Dict(operands[1])
				if n, ok := f.Int(props["MCID"]); ok {
					m.mcid = n
					if onMCID != nil {
						onMCID(n)
					}
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case "ID":
			// Inline image data runs to EI.
			if e := strings.Index(string(data[lx.i:]), "EI"); e >= 0 {
				lx.i += e
			}
		default:
			if contentOps[op] {
				fn(op, stack)
			}
		}
		operands = operands[:0]
	}
}

func checkContentMarked(f *File) []string {
	var out []string
	pages, _ := f.Pages()
	for i, pg := range pages {
		untagged, both := 0, 0
		err := walkContent(f, pg, func(op string, stack []mark) {
			tagged, art := false, false
			for _, m := range stack {
				if m.tag == "Artifact" {
					art = true
				} else if m.mcid >= 0 {
					tagged = true
				}
			}
			switch {
			case tagged && art:
				both++
			case !tagged && !art:
				untagged++
			}
		}, nil)
		if err != nil {
			out = append(out, fmt.Sprintf("page %d: content cannot be read: %v", i+1, err))
		}
		if untagged > 0 {
			out = append(out, fmt.Sprintf("page %d: %d content operators neither tagged nor an artifact", i+1, untagged))
		}
		if both > 0 {
			out = append(out, fmt.Sprintf("page %d: %d content operators both tagged and an artifact", i+1, both))
		}
	}
	return out
}

func checkMCIDs(f *File) []string {
	var out []string
	owned := map[mcr]bool{}
	for _, e := range structTree(f) {
		for _, m := range e.mcids {
			owned[m] = true
		}
	}
	pages, refs := f.Pages()
	root := f.Dict(f.Catalog()["StructTreeRoot"])
	parentTree := numberTree(f, root["ParentTree"])
	for i, pg := range pages {
		key, hasKey := f.Int(pg["StructParents"])
		var ids []int
		_ = walkContent(f, pg, func(string, []mark) {}, func(n int) { ids = append(ids, n) })
		if len(ids) > 0 && !hasKey {
			out = append(out, fmt.Sprintf("page %d has marked content but no StructParents", i+1))
		}
		arr := f.Array(parentTree[key])
		for _, id := range ids {
			if !owned[mcr{refs[i], id}] {
				out = append(out, fmt.Sprintf("page %d: MCID %d belongs to no structure element", i+1, id))
			}
			if hasKey && (id >= len(arr) || f.Dict(arr[id]) == nil) {
				out = append(out, fmt.Sprintf("page %d: MCID %d is missing from the parent tree", i+1, id))
			}
		}
	}
	return out
}

// numberTree flattens a number tree.
func numberTree(f *File, v any) map[int]any {
	out := map[int]any{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		d := f.Dict(v)
		if d == nil || depth > 32 {
			return
		}
		nums := f.Array(d["Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := f.Int(nums[i]); ok {
				out[k] = nums[i+1]
			}
		}
		for _, k := range f.Array(d["Kids"]) {
			walk(k, depth+1)
		}
	}
	walk(v, 0)
	return out
}

var standardTypes = map[Name]bool{}

func init() {
	for _, t := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standardTypes[Name(t)] = true
	}
}

func checkStandardTypes(f *File) []string {
	var out []string
	for _, e := range structTree(f) {
		if !standardTypes[e.typ] {
			out = append(out, fmt.Sprintf("structure type /%s is not standard", e.typ))
		}
	}
	return out
}

const (
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

func checkUAID(f *File) []string {
	data, _ := xmpPacket(f)
	if data == nil {
		return []string{"no XMP metadata"}
	}
	if p := xmpProps(data)[nsPDFUAID+" part"]; p != "1" {
		return []string{fmt.Sprintf("pdfuaid:part is %q, want 1", p)}
	}
	return nil
}

func checkDCTitle(f *File) []string {
	data, _ := xmpPacket(f)
	if data == nil {
		return []string{"no XMP metadata"}
	}
	if strings.TrimSpace(xmpProps(data)[nsDC+" title"]) == "" {
		return []string{"the metadata has no dc:title"}
	}
	return nil
}

func checkDisplayTitle(f *File) []string {
	vp := f.Dict(f.Catalog()["ViewerPreferences"])
	if vp == nil || vp["DisplayDocTitle"] != true {
		return []string{"ViewerPreferences DisplayDocTitle is not true"}
	}
	return nil
}

func parentType(e *elem) Name {
	if e.parent == nil {
		return ""
	}
	return e.parent.typ
}

func checkTableNesting(f *File) []string {
	var out []string
	for _, e := range structTree(f) {
		p := parentType(e)
		switch e.typ {
		case "TR":
			if p != "Table" && p != "THead" && p != "TBody" && p != "TFoot" {
				out = append(out, fmt.Sprintf("TR inside /%s", p))
			}
		case "TH", "TD":
			if p != "TR" {
				out = append(out, fmt.Sprintf("%s inside /%s", e.typ, p))
			}
		case "THead", "TBody", "TFoot":
			if p != "Table" {
				out = append(out, fmt.Sprintf("%s inside /%s", e.typ, p))
			}
		}
	}
	return out
}

func checkListNesting(f *File) []string {
	var out []string
	for _, e := range structTree(f) {
		p := parentType(e)
		switch e.typ {
		case "LI":
			if p != "L" {
				out = append(out, fmt.Sprintf("LI inside /%s", p))
			}
		case "Lbl", "LBody":
			// A Lbl may also label a Note (footnote numbers).
			if p != "LI" && !(e.typ == "Lbl" && (p == "Note" || p == "BibEntry")) {
				out = append(out, fmt.Sprintf("%s inside /%s", e.typ, p))
			}
		case "L":
			for _, k := range e.kids {
				if k.typ != "LI" && k.typ != "Caption" && k.typ != "L" {
					out = append(out, fmt.Sprintf("L holds /%s", k.typ))
				}
			}
		}
	}
	return out
}

var langRE = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func checkLang(f *File) []string {
	lang, _ := f.Resolve(f.Catalog()["Lang"]).(String)
	if len(lang) == 0 {
		return []string{"the catalog has no Lang"}
	}
	if !langRE.Match(lang) {
		return []string{fmt.Sprintf("Lang %q is not a language tag", lang)}
	}
	// A passage in another language says which on its element.
	var out []string
	for _, e := range structTree(f) {
		v, ok := f.Resolve(e.dict["Lang"]).(String)
		if !ok {
			continue
		}
		if s := textString(v); !langRE.MatchString(s) {
			out = append(out, fmt.Sprintf("%s element %v: Lang %q is not a language tag", e.typ, e.ref, s))
		}
	}
	return out
}

// textString decodes a PDF text string: UTF-16BE after a byte-order mark,
// else taken as it is (PDFDocEncoding agrees with ASCII).
func textString(s String) string {
	if len(s) < 2 || s[0] != 0xFE || s[1] != 0xFF {
		return string(s)
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 2; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

func headingLevel(t Name) int {
	if len(t) == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6' {
		return int(t[1] - '0')
	}
	return 0
}

func checkFirstHeading(f *File) []string {
	for _, e := range structTree(f) {
		if n := headingLevel(e.typ); n > 0 {
			if n != 1 {
				return []string{fmt.Sprintf("the first heading is H%d", n)}
			}
			return nil
		}
	}
	return nil
}

func checkHeadingSkip(f *File) []string {
	var out []string
	prev := 0
	for _, e := range structTree(f) {
		n := headingLevel(e.typ)
		if n == 0 {
			continue
		}
		if prev > 0 && n > prev+1 {
			out = append(out, fmt.Sprintf("H%d follows H%d", n, prev))
		}
		prev = n
	}
	return out
}

// attr returns an attribute of a structure element from its /A entry
// (a dictionary or an array of them).
func attr(f *File, e *elem, key Name) any {
	var dicts []Dict
	switch a := f.Resolve(e.dict["A"]).(type) {
	case Dict:
		dicts = append(dicts, a)
	case Array:
		for _, v := range a {
			if d := f.Dict(v); d != nil {
				dicts = append(dicts, d)
			}
		}
	}
	for _, d := range dicts {
		if v, ok := d[key]; ok {
			return f.Resolve(v)
		}
	}
	return nil
}

func checkScope(f *File) []string {
	var out []string
	for _, e := range structTree(f) {
		if e.typ != "TH" {
			continue
		}
		if _, ok := e.dict["ID"]; ok && attr(f, e, "Headers") != nil {
			continue
		}
		switch attr(f, e, "Scope") {
		case Name("Row"), Name("Column"), Name("Both"):
		default:
			out = append(out, "a TH has no Scope")
		}
	}
	return out
}

func checkFigureAlt(f *File) []string {
	var out []string
	for _, e := range structTree(f) {
		if e.typ != "Figure" {
			continue
		}
		alt, _ := f.Resolve(e.dict["Alt"]).(String)
		act, _ := f.Resolve(e.dict["ActualText"]).(String)
		if len(alt) == 0 && len(act) == 0 {
			out = append(out, "a Figure has neither Alt nor ActualText")
		}
	}
	return out
}

func checkNoteID(f *File) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range structTree(f) {
		if e.typ != "Note" {
			continue
		}
		id, _ := f.Resolve(e.dict["ID"]).(String)
		if len(id) == 0 {
			out = append(out, "a Note has no ID")
			continue
		}
		if seen[string(id)] {
			out = append(out, fmt.Sprintf("two Notes have the ID %q", id))
		}
		seen[string(id)] = true
	}
	return out
}

// linkAnnots returns each page's Link annotations with their references.
func linkAnnots(f *File) (pages []int, refs []Ref, dicts []Dict) {
	ps, _ := f.Pages()
	for i, pg := range ps {
		for _, a := range f.Array(pg["Annots"]) {
			d := f.Dict(a)
			if d == nil || f.Name(d["Subtype"]) != "Link" {
				continue
			}
			r, _ := a.(Ref)
			pages = append(pages, i+1)
			refs = append(refs, r)
			dicts = append(dicts, d)
		}
	}
	return
}

func checkLinkAnnots(f *File) []string {
	var out []string
	objr := map[Ref]Name{}
	for _, e := range structTree(f) {
		for _, o := range e.objrs {
			objr[o] = e.typ
		}
	}
	root := f.Dict(f.Catalog()["StructTreeRoot"])
	parentTree := numberTree(f, root["ParentTree"])
	pages, refs, dicts := linkAnnots(f)
	for i, d := range dicts {
		key, ok := f.Int(d["StructParent"])
		if !ok {
			out = append(out, fmt.Sprintf("page %d: a Link annotation has no StructParent", pages[i]))
			continue
		}
		pe := f.Dict(parentTree[key])
		if pe == nil || f.Name(pe["S"]) != "Link" {
			out = append(out, fmt.Sprintf("page %d: a Link annotation's StructParent %d is not a Link element", pages[i], key))
		}
		if t, ok := objr[refs[i]]; !ok || t != "Link" {
			out = append(out, fmt.Sprintf("page %d: a Link annotation has no OBJR in a Link element", pages[i]))
		}
	}
	return out
}

func checkAnnotContents(f *File) []string {
	var out []string
	pages, _, dicts := linkAnnots(f)
	for i, d := range dicts {
		if c, _ := f.Resolve(d["Contents"]).(String); len(c) == 0 {
			out = append(out, fmt.Sprintf("page %d: a Link annotation has no Contents", pages[i]))
		}
	}
	return out
}

func checkTabs(f *File) []string {
	var out []string
	pages, _ := f.Pages()
	for i, pg := range pages {
		if len(f.Array(pg["Annots"])) > 0 && f.Name(pg["Tabs"]) != "S" {
			out = append(out, fmt.Sprintf("page %d has annotations but Tabs is not /S", i+1))
		}
	}
	return out
}
