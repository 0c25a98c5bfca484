package tree

import "strconv"

// This file holds the nodes of a redline: a document that shows what changed
// between two versions of a document. Package redline builds it from the two
// resolved trees; every exporter renders it (HTML <ins>/<del>, PDF
// underlines, strike-through and change bars, text [+ +]/[- -], Markdown
// CriticMarkup, JSON nodes).
//
// A redline document is an ordinary Document whose Redline field is set and
// whose content holds, beside the usual nodes:
//
//   - Insert and Delete inlines: words the new version added or the old one
//     had, inside a block present in both versions;
//   - BlockChange blocks: whole blocks present in one version only (a new
//     paragraph, a deleted section, a moved one, or both sides of a block
//     whose kind changed).
//
// Accepting every change (dropping Delete nodes and deleted BlockChanges,
// unwrapping the others) gives the new version; rejecting every change gives
// the old one.

// ChangeKind says what happened to a part of a document.
type ChangeKind string

// Change kinds.
const (
	// ChangeInserted: present in the new version only.
	ChangeInserted ChangeKind = "inserted"
	// ChangeDeleted: present in the old version only.
	ChangeDeleted ChangeKind = "deleted"
	// ChangeChanged: a block in both versions whose words, links or kind
	// differ.
	ChangeChanged ChangeKind = "changed"
	// ChangeMoved: blocks that are the same in both versions but stand
	// elsewhere.
	ChangeMoved ChangeKind = "moved"
)

// Insert is inline content that the new version has and the old one does
// not.
type Insert struct {
	// Change is the 1-based number of the change it belongs to
	// (Redline.Changes[Change-1]); 0 when unknown.
	Change  int
	Content []Inline
}

// Delete is inline content that the old version has and the new one does
// not.
type Delete struct {
	// Change is the 1-based number of the change it belongs to.
	Change  int
	Content []Inline
}

func (*Insert) inline() {}
func (*Delete) inline() {}

// BlockChange holds whole blocks that only one version has: inserted blocks
// (Inserted true) or deleted ones. A block whose kind changed (a list item
// that became a paragraph, a heading whose level changed) is a deleted
// BlockChange holding the old block followed by an inserted one holding the
// new. Moved blocks are a deleted BlockChange where they were and an
// inserted one where they are, both with Moved set and the same Change.
type BlockChange struct {
	Pos
	Inserted bool
	// Moved is set on both places of a moved block.
	Moved bool
	// Change is the 1-based number of the change it belongs to.
	Change int
	// Whole is set when the BlockChange stands for the whole list item,
	// table cell or footnote holding it: that container exists only in the
	// version of this side. A table cell holding a Whole BlockChange of
	// each side (both empty) is a filler that exists in neither version (the
	// cell of an inserted column in a deleted row).
	Whole  bool
	Blocks []Block
}

func (*BlockChange) block() {}

// Redline is what a redline document says about its two versions: which
// they are and a summary of the changes. Exporters write it as the redline's
// summary (the HTML page's header, the PDF's first page, the end of the text).
type Redline struct {
	Old, New Version
	// Changes lists the changes in document order; Insert, Delete and
	// BlockChange nodes refer to them by number (index + 1).
	Changes []Change
	// WordsAdded and WordsRemoved count the words marked inserted and
	// deleted (a character in scripts written without spaces counts as a
	// word; moved words are not counted).
	WordsAdded, WordsRemoved int
	// Sections are the headings of the sections holding changes, in order,
	// without repetition.
	Sections []SectionRef
}

// Version describes one side of a redline.
type Version struct {
	// Label names the version as the user gave it: a file, "-" or a git
	// revision and path ("v2025.1:docs/privacy.md").
	Label string
	// Title is the version's document title.
	Title string
	// Revision is the version's revision date (from its own commit for a git
	// revision); nil when unknown.
	Revision *DateInfo
	// Date is Revision as a date written the document's way (its Text
	// localized), for the summary; nil when unknown.
	Date *Date
	// Commit is the git commit the revision date comes from.
	Commit string
}

// SectionRef names a section by its heading.
type SectionRef struct {
	// ID is the heading's id in the redline document ("" for the part
	// before the first heading).
	ID string
	// Title is the heading's text.
	Title string
}

// Change is one change of a redline.
type Change struct {
	// Number is the change's 1-based number; exporters make it an anchor
	// ("change-3") that the summary links to.
	Number int
	Kind   ChangeKind
	// Section is the section the change is in (in the new version; in the
	// old one for deletions).
	Section SectionRef
	// Block says what kind of block changed ("paragraph", "heading 2",
	// "list item", "table cell", …); "paragraph → list item" for a block
	// whose kind changed. Summaries translate it: each kind of block is a
	// label key of package locales once its numbers are written %d.
	Block string
	// Old and New are the plain text of the changed blocks in each version
	// ("" where a version has none).
	Old, New string
	// WordsAdded and WordsRemoved count the words this change marks.
	WordsAdded, WordsRemoved int
}

// ChangeAnchor returns the anchor id of change n ("change-3").
func ChangeAnchor(n int) string { return "change-" + strconv.Itoa(n) }

// Count returns the number of changes of a kind.
func (r *Redline) Count(kind ChangeKind) int {
	n := 0
	for _, c := range r.Changes {
		if c.Kind == kind {
			n++
		}
	}
	return n
}

// MarkedBlocks returns copies of a BlockChange's blocks whose inline
// content is wrapped in Insert nodes (for an inserted BlockChange) or
// Delete nodes, for exporters that mark changes inline only (Markdown's
// CriticMarkup, the PDF's underlines and strike-through). Code blocks and
// rules, which hold no inline content, are left as they are: the exporter
// marks them its own way.
func MarkedBlocks(b *BlockChange) []Block {
	return markBlocks(b.Blocks, b.Inserted, b.Change)
}

func markBlocks(blocks []Block, ins bool, change int) []Block {
	wrap := func(list []Inline) []Inline { return markInlines(list, ins, change) }
	var out []Block
	for _, b := range blocks {
		switch b := b.(type) {
		case *Heading:
			h := *b
			h.Content = wrap(b.Content)
			out = append(out, &h)
		case *Paragraph:
			p := *b
			p.Content = wrap(b.Content)
			out = append(out, &p)
		case *List:
			l := *b
			l.Items = make([]*ListItem, len(b.Items))
			for i, it := range b.Items {
				n := *it
				n.Blocks = markBlocks(it.Blocks, ins, change)
				l.Items[i] = &n
			}
			out = append(out, &l)
		case *Quote:
			q := *b
			q.Blocks = markBlocks(b.Blocks, ins, change)
			out = append(out, &q)
		case *Admonition:
			a := *b
			a.Blocks = markBlocks(b.Blocks, ins, change)
			out = append(out, &a)
		case *Tabs:
			t := *b
			t.Tabs = make([]*Tab, len(b.Tabs))
			for i, tb := range b.Tabs {
				n := *tb
				n.Blocks = markBlocks(tb.Blocks, ins, change)
				t.Tabs[i] = &n
			}
			out = append(out, &t)
		case *Table:
			t := *b
			t.Head, t.Body = markRows(b.Head, ins, change), markRows(b.Body, ins, change)
			out = append(out, &t)
		case *HTMLBlock:
			if len(b.Blocks) > 0 {
				out = append(out, markBlocks(b.Blocks, ins, change)...)
			} else {
				out = append(out, b)
			}
		case *BlockChange:
			// A change inside a change (an edit inside a moved section)
			// keeps its own side.
			out = append(out, markBlocks(b.Blocks, b.Inserted, b.Change)...)
		default:
			// Code blocks and rules hold no inline content: as they are.
			out = append(out, b)
		}
	}
	return out
}

// markInlines wraps list in an Insert (ins) or a Delete node. Marks
// already in it (the edits inside a moved section) stay as they are, and
// only the runs between them are wrapped, so that marks never nest.
func markInlines(list []Inline, ins bool, change int) []Inline {
	if len(list) == 0 {
		return list
	}
	wrap := func(run []Inline) Inline {
		if ins {
			return &Insert{Change: change, Content: run}
		}
		return &Delete{Change: change, Content: run}
	}
	if !hasMarks(list) {
		return []Inline{wrap(list)}
	}
	var out, run []Inline
	flush := func() {
		if len(run) > 0 {
			out = append(out, wrap(run))
			run = nil
		}
	}
	for _, in := range list {
		switch in.(type) {
		case *Insert, *Delete:
			flush()
			out = append(out, in)
			continue
		}
		if inner := inlineChildren(in); inner != nil && hasMarks(*inner) {
			flush()
			c := copyContainer(in)
			*inlineChildren(c) = markInlines(*inner, ins, change)
			out = append(out, c)
			continue
		}
		run = append(run, in)
	}
	flush()
	return out
}

// hasMarks reports whether list holds an Insert or a Delete at any depth.
func hasMarks(list []Inline) bool {
	found := false
	WalkInlines(list, func(in Inline) {
		switch in.(type) {
		case *Insert, *Delete:
			found = true
		}
	})
	return found
}

// copyContainer returns a shallow copy of an inline that holds inlines.
func copyContainer(in Inline) Inline {
	switch in := in.(type) {
	case *Emphasis:
		c := *in
		return &c
	case *Strong:
		c := *in
		return &c
	case *Strikethrough:
		c := *in
		return &c
	case *Link:
		c := *in
		return &c
	}
	return in
}

func markRows(rows []*Row, ins bool, change int) []*Row {
	out := make([]*Row, len(rows))
	for i, r := range rows {
		n := &Row{Cells: make([]*Cell, len(r.Cells))}
		for j, c := range r.Cells {
			nc := *c
			nc.Blocks = markBlocks(c.Blocks, ins, change)
			n.Cells[j] = &nc
		}
		out[i] = n
	}
	return out
}
