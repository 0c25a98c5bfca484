package markdown

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Redlines are written in CriticMarkup (criticmarkup.com), which many
// Markdown tools read: {++inserted++}, {--deleted--}, and a deletion right
// before an insertion of the same change as a substitution,
// {~~old~>new~~}. Whole blocks inserted or deleted carry the marks inside
// each block (`## {++Heading++}`, `- {--item--}`), since CriticMarkup does
// not span paragraphs (tree.MarkedBlocks); a code block or rule gets the
// marks on lines of their own around it.

// writeMark writes an Insert or Delete, or a substitution when a Delete is
// followed by an Insert of the same change. It returns how many inlines of
// list (from i) it wrote.
func (w *writer) writeMark(sb *strings.Builder, list []tree.Inline, i int, c ctx) int {
	switch in := list[i].(type) {
	case *tree.Delete:
		if i+1 < len(list) {
			if ins, ok := list[i+1].(*tree.Insert); ok && ins.Change == in.Change {
				sb.WriteString("{~~")
				w.writeInlines(sb, in.Content, c)
				sb.WriteString("~>")
				w.writeInlines(sb, ins.Content, c)
				sb.WriteString("~~}")
				return 2
			}
		}
		sb.WriteString("{--")
		w.writeInlines(sb, in.Content, c)
		sb.WriteString("--}")
	case *tree.Insert:
		sb.WriteString("{++")
		w.writeInlines(sb, in.Content, c)
		sb.WriteString("++}")
	}
	return 1
}

// changeBlock writes a BlockChange: its blocks with the marks inside, and
// code blocks and rules (which hold no inline content) between marks on
// lines of their own.
func (w *writer) changeBlock(b *tree.BlockChange) []string {
	open, close := "{--", "--}"
	if b.Inserted {
		open, close = "{++", "++}"
	}
	var blocks []tree.Block
	for _, m := range tree.MarkedBlocks(b) {
		switch m.(type) {
		case *tree.CodeBlock, *tree.ThematicBreak:
			blocks = append(blocks, &tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: open}}}, m,
				&tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: close}}})
		default:
			blocks = append(blocks, m)
		}
	}
	return w.blocks(blocks, false)
}
