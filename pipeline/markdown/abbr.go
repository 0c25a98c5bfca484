package markdown

import (
	"bytes"

	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	"github.com/galleydoc/galley/internal/goldmark/parser"
	"github.com/galleydoc/galley/internal/goldmark/text"
	"github.com/galleydoc/galley/internal/goldmark/util"
)

// Abbreviation definitions of Python-Markdown's abbr extension, which
// MkDocs sites enable (`markdown_extensions: [abbr]`):
//
//	*[TOTP]: Time-based one-time password
//
// A line that starts (not indented) with `*[`, the abbreviation, `]`, an
// optional space and `:` is a definition, wherever it stands in a block (it
// ends a paragraph above it); the title is the rest of the line, or the
// next line when the rest is blank. The definition is no text of the
// document: Python-Markdown takes it out and marks the abbreviation's
// occurrences, as whole words, with <abbr title>. galley's tree has no
// abbreviation node yet, so the occurrences stay plain text.

// KindAbbrDef is the goldmark node kind of an abbreviation definition.
var KindAbbrDef = gast.NewNodeKind("AbbrDef")

// abbrDefNode is `*[abbr]: title`.
type abbrDefNode struct {
	gast.BaseBlock
	abbr, title string
	titleBelow  bool // the title is on the next line, not yet read
}

func (n *abbrDefNode) Kind() gast.NodeKind { return KindAbbrDef }
func (n *abbrDefNode) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"abbr": n.abbr, "title": n.title}, nil)
}

// matchAbbrDef matches Python-Markdown's `^[*]\[(?P<abbr>[^\]]*)\][ ]?:[ ]*(?P<title>.*)$`
// on one line (without its line ending), giving the abbreviation and the
// title, both trimmed of spaces.
func matchAbbrDef(line []byte) (abbr, title []byte, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte("*["))
	if !ok {
		return nil, nil, false
	}
	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return nil, nil, false
	}
	abbr, rest = rest[:end], rest[end+1:]
	rest, _ = bytes.CutPrefix(rest, []byte(" "))
	if rest, ok = bytes.CutPrefix(rest, []byte(":")); !ok {
		return nil, nil, false
	}
	return util.TrimLeftSpace(util.TrimRightSpace(abbr)), util.TrimLeftSpace(util.TrimRightSpace(rest)), true
}

type abbrDefParser struct{}

func (abbrDefParser) Trigger() []byte { return []byte{'*'} }

func (abbrDefParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent > 0 {
		return nil, parser.NoChildren
	}
	abbr, title, ok := matchAbbrDef(bytes.TrimRight(line, "\n"))
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	n := &abbrDefNode{abbr: string(abbr), title: string(title), titleBelow: len(title) == 0}
	n.Lines().Append(seg) // its line, for the line of a quote it starts
	return n, parser.NoChildren
}

func (abbrDefParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*abbrDefNode)
	line, _ := reader.PeekLine()
	if !n.titleBelow || util.IsBlank(line) {
		return parser.Close
	}
	n.title, n.titleBelow = string(util.TrimLeftSpace(util.TrimRightSpace(line))), false
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (abbrDefParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {}
func (abbrDefParser) CanInterruptParagraph() bool                                 { return true }
func (abbrDefParser) CanAcceptIndentedLine() bool                                 { return false }
