package htmlreader

import (
	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// markdownInHTML reports whether n asks for its text to be read as Markdown
// (Python-Markdown's md_in_html: <div markdown>, markdown="1", "block",
// "span"), as MkDocs sites write <figure markdown> around an image.
func markdownInHTML(n *html.Node) bool {
	if n.Type != html.ElementNode || !hasAttr(n, "markdown") {
		return false
	}
	return markdown.MarkdownAttr(attr(n, "markdown"))
}

// markdownText reads the text of an md_in_html element as Markdown, dedented,
// with positions moved to line (its first line in the source). Text that
// does not read is kept as it is.
func (c *converter) markdownText(text string, line int) []tree.Block {
	doc, err := markdown.Read([]byte(markdown.Dedent(text)), "")
	if err != nil {
		return []tree.Block{&tree.Paragraph{Pos: tree.Pos{Line: line}, Content: []tree.Inline{&tree.Text{Text: collapseSpace(text)}}}}
	}
	if line > 0 {
		shiftLines(doc.Blocks, line-1)
	}
	return doc.Blocks
}

// shiftLines adds delta to the source lines of blocks and of their links.
func shiftLines(blocks []tree.Block, delta int) {
	tree.Walk(blocks, func(b tree.Block) bool {
		if p := blockPos(b); p != nil && p.Line > 0 {
			p.Line += delta
		}
		for _, l := range tree.InlineLists(b) {
			tree.WalkInlines(*l, func(in tree.Inline) {
				switch x := in.(type) {
				case *tree.Link:
					if x.Line > 0 {
						x.Line += delta
					}
				case *tree.Image:
					if x.Line > 0 {
						x.Line += delta
					}
				}
			})
		}
		return true
	})
}

// blockPos returns the position field of b.
func blockPos(b tree.Block) *tree.Pos {
	switch b := b.(type) {
	case *tree.Heading:
		return &b.Pos
	case *tree.Paragraph:
		return &b.Pos
	case *tree.List:
		return &b.Pos
	case *tree.Quote:
		return &b.Pos
	case *tree.CodeBlock:
		return &b.Pos
	case *tree.Table:
		return &b.Pos
	case *tree.ThematicBreak:
		return &b.Pos
	case *tree.Admonition:
		return &b.Pos
	case *tree.Tabs:
		return &b.Pos
	case *tree.HTMLBlock:
		return &b.Pos
	}
	return nil
}
