// Package redline compares two versions of a document and builds the
// redline: one tree (package tree) that holds both versions, with what
// changed marked by Insert, Delete and BlockChange nodes, and a summary of
// the changes (tree.Redline). Every exporter renders it; Accept and Reject
// give back the new and the old version.
//
// What counts as a change is what a reader sees. Both trees are compared
// after the resolve stage (and localize, so dates are compared as dates):
//
//   - Blocks are aligned by their visible content (kind and text with its
//     formatting and link targets); blocks that differ are paired by the
//     similarity of their words and compared word by word, so an edited
//     paragraph shows its edited words, and a rewritten one is shown deleted
//     and inserted. A block whose kind changed (a list item that became a
//     paragraph, a heading whose level changed) is shown deleted in its old
//     kind and inserted in its new one.
//   - Words are compared one by one, with their formatting and link target:
//     a link whose target changed is a change even where its text is the
//     same. In scripts written without spaces (Han, kana, Thai, Lao, Khmer,
//     Myanmar, …) each character is compared on its own.
//   - List items and table rows are aligned like blocks; table cells are
//     compared cell by cell, columns aligned by their header, so added and
//     removed rows and columns show as such.
//   - Images (source, alt text) and footnotes (by label) are compared too.
//   - Blocks that stand elsewhere but are otherwise the same (a moved
//     section) are reported as moved, not as deleted and inserted. A
//     section moved and edited too (its heading reads the same, or most of
//     its words are the same) is one move as well, with its edits marked
//     inside where it stands now.
//   - White space, line wrapping, Markdown spelling (`*` or `_`, reference
//     or inline links, list bullets), raw-HTML formatting of the same
//     content and HTML comments are not changes. Dates compare by day.
//
// Sequence alignment uses github.com/sergi/go-diff (see align.go); the tree
// alignment (blocks, list items, rows, cells, columns, moves) is galley's.
package redline

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Options say which versions are compared.
type Options struct {
	// Old and New describe the two versions (labels, dates, commits);
	// their Title is filled from the documents where empty.
	Old, New tree.Version
}

// Compare returns the redline of old and new: a document with new's
// metadata whose content shows both versions, and whose Redline field
// holds the summary. It does not modify old or new, but the redline shares
// unchanged nodes with them. No changes (len(Redline.Changes) == 0) means
// a reader sees no difference.
func Compare(old, new *tree.Document, opts Options) *tree.Document {
	c := &comparer{
		in:     interner{ids: map[string]rune{}},
		keys:   map[tree.Block]string{},
		bags:   map[tree.Block]map[string]int{},
		groups: map[any]*group{},
	}
	out := &tree.Document{Meta: new.Meta}
	c.fnIndex = footnoteIndexes(old, new)
	out.Blocks = c.blocks(old.Blocks, new.Blocks)
	out.Footnotes = c.footnotes(old.Footnotes, new.Footnotes)
	c.findMoves()
	rl := &tree.Redline{Old: opts.Old, New: opts.New}
	if rl.Old.Title == "" {
		rl.Old.Title = title(old)
	}
	if rl.New.Title == "" {
		rl.New.Title = title(new)
	}
	if rl.Old.Revision == nil {
		rl.Old.Revision = old.Meta.Revision
	}
	if rl.New.Revision == nil {
		rl.New.Revision = new.Meta.Revision
	}
	c.number(out, rl)
	out.Redline = rl
	return out
}

// title is the document's title or its first heading's text.
func title(doc *tree.Document) string {
	if doc.Meta.Title != "" {
		return doc.Meta.Title
	}
	for _, b := range doc.Blocks {
		if h, ok := b.(*tree.Heading); ok {
			return strings.TrimSpace(tree.PlainText(h.Content))
		}
	}
	return ""
}

// group is one change while the redline is built; the nodes that show it
// point to it (comparer.groups) until they are numbered.
type group struct {
	kind     tree.ChangeKind
	section  tree.SectionRef
	block    string
	old, new string
	added    int
	removed  int
	number   int
	// moved pairing: the deleted and inserted BlockChange of a run of
	// unpaired blocks, and the blocks' keys.
	bc  *tree.BlockChange
	key string
	// kindName names the kind of the first whole block.
	kindName string
}

type comparer struct {
	in      interner
	keys    map[tree.Block]string
	bags    map[tree.Block]map[string]int
	groups  map[any]*group
	section tree.SectionRef
	fnIndex map[string]int
	// deleted and inserted are the groups of whole blocks deleted and
	// inserted, candidates for moves.
	deleted, inserted []*group
	// columnCells collects, while a table is compared, the cells of its
	// added and removed columns by column.
	columnCells map[int][]*tree.BlockChange
	// blockName, when set, names the blocks being compared in the
	// summary (the table cell they are in).
	blockName string
}

func (c *comparer) newGroup(kind tree.ChangeKind, block string) *group {
	return &group{kind: kind, section: c.section, block: block}
}

// seeHeading follows the section a block opens.
func (c *comparer) seeHeading(b tree.Block) {
	if h, ok := b.(*tree.Heading); ok {
		c.section = tree.SectionRef{ID: h.ID, Title: strings.TrimSpace(plain(h.Content))}
	}
}

// plain is the text of inlines without the deleted parts.
func plain(list []tree.Inline) string {
	var sb strings.Builder
	for _, tk := range tokenize(list) {
		switch l := tk.leaf.(type) {
		case *tree.Text:
			sb.WriteString(l.Text)
		case *tree.Code:
			sb.WriteString(l.Text)
		case *tree.Image:
			sb.WriteString(l.Alt)
		case *tree.Date:
			if l.Text != "" {
				sb.WriteString(l.Text)
			} else {
				sb.WriteString(l.Time.Format("2006-01-02"))
			}
		case *tree.Macro:
			sb.WriteString(l.Raw)
		}
	}
	return sb.String()
}

// blockText is the plain text of blocks, one block a line.
func blockText(blocks []tree.Block) string {
	var parts []string
	var walk func([]tree.Block)
	walk = func(bs []tree.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *tree.Heading:
				parts = append(parts, plain(b.Content))
			case *tree.Paragraph:
				parts = append(parts, plain(b.Content))
			case *tree.CodeBlock:
				parts = append(parts, strings.TrimRight(b.Text, "\n"))
			case *tree.Admonition:
				if len(b.Title) > 0 {
					parts = append(parts, plain(b.Title))
				}
				walk(b.Blocks)
			case *tree.Table:
				for _, rows := range [][]*tree.Row{b.Head, b.Body} {
					for _, r := range rows {
						var cells []string
						for _, cell := range r.Cells {
							cells = append(cells, strings.ReplaceAll(blockText(cell.Blocks), "\n", " "))
						}
						parts = append(parts, strings.Join(cells, " | "))
					}
				}
			case *tree.Tabs:
				for _, t := range b.Tabs {
					parts = append(parts, plain(t.Title))
					walk(t.Blocks)
				}
			default:
				for _, ch := range tree.Children(b) {
					walk(ch)
				}
			}
		}
	}
	walk(blocks)
	return strings.Join(parts, "\n")
}

// kindName names a block's kind for the summary.
func kindName(b tree.Block) string {
	switch b := b.(type) {
	case *tree.Heading:
		return "heading " + string(rune('0'+min(max(b.Level, 1), 6)))
	case *tree.Paragraph:
		return "paragraph"
	case *tree.List:
		if b.Ordered {
			return "numbered list"
		}
		return "list"
	case *tree.Quote:
		return "quote"
	case *tree.CodeBlock:
		return "code block"
	case *tree.Table:
		return "table"
	case *tree.ThematicBreak:
		return "rule"
	case *tree.Admonition:
		return "admonition"
	case *tree.Tabs:
		return "tabs"
	case *tree.HTMLBlock:
		if len(b.Blocks) > 0 {
			return kindName(b.Blocks[0])
		}
		return "HTML block"
	}
	return "block"
}
