package tree

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/galleydoc/galley/internal/lazyregexp"
)

// Slugify makes a heading id the way MkDocs does (Python-Markdown's toc
// extension, default slugify): NFKD-normalize, drop what is not ASCII, drop
// characters other than word characters, spaces and hyphens, trim, lower-case
// and join runs of spaces and hyphens with "-". So "1. DEFINITIONS" becomes
// "1-definitions", and the links of a published MkDocs site keep working.
func Slugify(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= utf8Self {
			continue // not ASCII: dropped, as by encode('ascii', 'ignore')
		}
		if r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return joinSeparators(strings.ToLower(strings.TrimSpace(b.String())))
}

const utf8Self = 0x80

// separatorRunPattern is what joinSeparators replaces, matched by hand
// (compiling it was a first-use cost of every document with a heading; a
// test compares the two).
const separatorRunPattern = `[-\s]+`

// joinSeparators replaces each run of hyphens and spaces (the expression's
// \s: space, tab, newline, form feed, carriage return) with one hyphen.
func joinSeparators(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inRun := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '-', ' ', '\t', '\n', '\f', '\r':
			if !inRun {
				b.WriteByte('-')
				inRun = true
			}
		default:
			b.WriteByte(c)
			inRun = false
		}
	}
	return b.String()
}

// idCount matches an id that already ends in _N.
var idCount = lazyregexp.New(`^(.*)_([0-9]+)$`)

// idSet hands out unique ids like Python-Markdown's toc `unique`: a taken or
// empty id gets _1, _2, … appended.
type idSet map[string]bool

func (u idSet) unique(id string) string {
	for id == "" || u[id] {
		if m := idCount.FindStringSubmatch(id); m != nil {
			n, _ := strconv.Atoi(m[2])
			id = m[1] + "_" + strconv.Itoa(n+1)
		} else {
			id += "_1"
		}
	}
	u[id] = true
	return id
}

// AssignIDs gives every heading and tab of doc (footnotes included) an id
// unique in the document, as MkDocs does: explicit ids ({: #id }, <a id>)
// are kept and reserved first, so a heading never repeats an anchor's id;
// the others are slugs of their text (Slugify), de-duplicated with _1, _2, ….
// Headings and tabs that already have an id keep it.
func AssignIDs(doc *Document) {
	used := idSet{}
	all := func(fn func(Block) bool) {
		Walk(doc.Blocks, fn)
		for _, f := range doc.Footnotes {
			Walk(f.Blocks, fn)
		}
	}
	all(func(b Block) bool {
		if h, ok := b.(*Heading); ok && h.ID != "" {
			used[h.ID] = true
		}
		for _, list := range InlineLists(b) {
			WalkInlines(*list, func(in Inline) {
				if a, ok := in.(*Anchor); ok {
					used[a.ID] = true
				}
			})
		}
		return true
	})
	all(func(b Block) bool {
		switch b := b.(type) {
		case *Heading:
			if b.ID == "" {
				b.ID = used.unique(Slugify(PlainText(b.Content)))
			}
		case *Tabs:
			for _, t := range b.Tabs {
				if t.ID == "" {
					t.ID = used.unique(Slugify(PlainText(t.Title)))
				}
			}
		}
		return true
	})
}
