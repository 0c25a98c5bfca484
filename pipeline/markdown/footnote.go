package markdown

import (
	"github.com/galleydoc/galley/internal/goldmark"
	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	"github.com/galleydoc/galley/internal/goldmark/extension"
	"github.com/galleydoc/galley/internal/goldmark/parser"
	"github.com/galleydoc/galley/internal/goldmark/text"
	"github.com/galleydoc/galley/internal/goldmark/util"
)

// footnotes is goldmark's footnote extension (its parsers, not its HTML
// renderer, which galley does not use) reading a definition whose text
// starts on the line after its label as Python-Markdown's footnotes
// extension does, as MkDocs sites write it:
//
//	[^1]:
//	  See these commits for substantive changes ...
//	  [2009-11-29](…) and [2016-12-16](…).
//
// Python-Markdown takes the lines of the label's block (up to a blank
// line) as the footnote's first paragraph, indented or not, and then the
// blocks indented four spaces. goldmark, like GitHub, wants every line of a
// footnote's body indented four spaces, so the text above was an empty
// footnote followed by a paragraph of the body. Here, after a label line
// with nothing else on it, the lines up to the first blank line belong to
// the footnote when they are indented at least one space (up to four
// columns of the indent are taken off); after the blank line the body
// goes on only with lines indented four spaces, as before. A line that is
// not indented is still the body's, unless it continues the footnote's
// paragraph lazily (CommonMark's rule), as in GFM.
var footnotes goldmark.Extender = footnoteExtension{}

type footnoteExtension struct{}

func (footnoteExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			parser.PrioritizedBlockParser(footnoteBlockParser{extension.NewFootnoteBlockParser()}, 999),
		),
		parser.WithInlineParsers(
			parser.PrioritizedInlineParser(extension.NewFootnoteParser(), 101),
		),
		parser.WithASTTransformers(
			parser.PrioritizedASTTransformer(extension.NewFootnoteASTTransformer(), 999),
		),
	)
}

// footnoteBlockParser is goldmark's footnote definition parser with the
// rule above.
type footnoteBlockParser struct{ parser.BlockParser }

// textBelowKey holds the footnotes (map[gast.Node]bool) whose label line
// had no text and whose first blank line has not come yet.
var textBelowKey = parser.NewContextKey()

func textBelow(pc parser.Context) map[gast.Node]bool {
	m, _ := pc.Get(textBelowKey).(map[gast.Node]bool)
	if m == nil {
		m = map[gast.Node]bool{}
		pc.Set(textBelowKey, m)
	}
	return m
}

func (p footnoteBlockParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	n, st := p.BlockParser.Open(parent, reader, pc)
	if n != nil && st&parser.HasChildren != 0 {
		// The reader stands after "[^label]:".
		if rest, _ := reader.PeekLine(); util.IsBlank(rest) {
			textBelow(pc)[n] = true
		}
	}
	return n, st
}

func (p footnoteBlockParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	if below := textBelow(pc); below[node] {
		line, _ := reader.PeekLine()
		if util.IsBlank(line) {
			delete(below, node) // the label's block ends
		} else if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent > 0 {
			pos, padding := util.IndentPosition(line, reader.LineOffset(), min(indent, 4))
			reader.AdvanceAndSetPadding(pos, padding)
			return parser.Continue | parser.HasChildren
		}
	}
	return p.BlockParser.Continue(node, reader, pc)
}

func (p footnoteBlockParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	delete(textBelow(pc), node)
	p.BlockParser.Close(node, reader, pc)
}
