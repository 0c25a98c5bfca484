package markdown

import (
	"bytes"
	"strings"

	"github.com/galleydoc/galley/internal/goldmark"
	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	"github.com/galleydoc/galley/internal/goldmark/parser"
	"github.com/galleydoc/galley/internal/goldmark/text"
	"github.com/galleydoc/galley/internal/goldmark/util"
	"github.com/galleydoc/galley/internal/lazyregexp"
)

// The MkDocs / Python-Markdown block syntax the real documents use, written as
// a goldmark extension: admonitions (`!!! note "Title"`), collapsible blocks
// (pymdownx.details: `??? note`, `???+ note`) and content tabs
// (pymdownx.tabbed: `=== "Tab"`). All three are containers whose body is
// indented four spaces. Abbreviation definitions (`*[HTML]: …`, abbr.go)
// are read here too, so that they are no text.

// KindAdmonition is the goldmark node kind of an admonition or details block.
var KindAdmonition = gast.NewNodeKind("Admonition")

// KindTab is the goldmark node kind of one content tab.
var KindTab = gast.NewNodeKind("Tab")

// admonitionNode is `!!! kind "title"` or `??? kind "title"`.
type admonitionNode struct {
	gast.BaseBlock
	kind        string
	title       string
	hasTitle    bool
	collapsible bool
	open        bool
	start       int // byte offset of the opening line
}

func (n *admonitionNode) Kind() gast.NodeKind { return KindAdmonition }
func (n *admonitionNode) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"kind": n.kind, "title": n.title}, nil)
}

// tabNode is one `=== "title"` content tab.
type tabNode struct {
	gast.BaseBlock
	title string
	start int // byte offset of the opening line
}

func (n *tabNode) Kind() gast.NodeKind { return KindTab }
func (n *tabNode) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"title": n.title}, nil)
}

// `!!! type "title"`, `??? "title"`, `???+ type`; the title may use ' or ".
// matchAdmonitionOpen matches it by hand (compiling it was a first-use cost
// of every document with a `!!!` or `???` line; a test compares the two).
const admonitionOpenPattern = `^(!!!|\?\?\?\+?)[ \t]+([\w-]+(?:[ \t]+[\w-]+)*)?[ \t]*(?:"(.*)"|'(.*)')?[ \t]*$`

// admonitionOpening is what admonitionOpenPattern's groups match in a line:
// the marker, the type and classes (nil if none), and the title in double
// or in single quotes (nil unless present; empty but not nil for "").
type admonitionOpening struct {
	marker, types, dqTitle, sqTitle []byte
}

// matchAdmonitionOpen matches s as the whole of admonitionOpenPattern,
// with the groups the expression's leftmost-first, greedy matching gives:
// words are taken while a space run is followed by a word character, and a
// title runs from the quote after them to the last character of the line
// but for trailing spaces and tabs, which must be the same quote.
func matchAdmonitionOpen(s []byte) (admonitionOpening, bool) {
	var m admonitionOpening
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' }
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	skip := func(i int, in func(byte) bool) int {
		for i < len(s) && in(s[i]) {
			i++
		}
		return i
	}
	var i int
	switch {
	case bytes.HasPrefix(s, []byte("!!!")):
		i = 3
	case bytes.HasPrefix(s, []byte("???+")):
		i = 4
	case bytes.HasPrefix(s, []byte("???")):
		i = 3
	default:
		return m, false
	}
	m.marker = s[:i]
	p := skip(i, isBlank)
	if p == i {
		return m, false
	}
	q := p
	for q < len(s) && isWord(s[q]) {
		q = skip(q, isWord)
		if sp := skip(q, isBlank); sp < len(s) && sp > q && isWord(s[sp]) {
			q = sp
		} else {
			break
		}
	}
	if q > p {
		m.types = s[p:q]
	}
	u := skip(q, isBlank)
	if u == len(s) {
		return m, true
	}
	quote := s[u]
	if quote != '"' && quote != '\'' {
		return m, false
	}
	end := len(s)
	for end > u && isBlank(s[end-1]) {
		end--
	}
	if end-1 <= u || s[end-1] != quote || bytes.IndexByte(s[u+1:end-1], '\n') >= 0 {
		return m, false
	}
	if quote == '"' {
		m.dqTitle = s[u+1 : end-1]
	} else {
		m.sqTitle = s[u+1 : end-1]
	}
	return m, true
}

// `=== "title"`, `===! "title"`, `===+ "title"`.
var tabOpen = lazyregexp.New(`^===[!+]?[ \t]+"(.*)"[ \t]*$`)

type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent > 3 {
		return nil, parser.NoChildren
	}
	m, ok := matchAdmonitionOpen(util.TrimLeftSpace(util.TrimRightSpace(line)))
	if !ok {
		return nil, parser.NoChildren
	}
	marker := string(m.marker)
	n := &admonitionNode{collapsible: marker != "!!!", open: marker == "???+", start: seg.Start}
	words := strings.Fields(string(m.types))
	if len(words) > 0 {
		n.kind = strings.ToLower(words[0]) // further words are extra CSS classes
	}
	switch {
	case m.dqTitle != nil:
		n.title, n.hasTitle = string(m.dqTitle), true
	case m.sqTitle != nil:
		n.title, n.hasTitle = string(m.sqTitle), true
	}
	if n.kind == "" && !n.hasTitle {
		return nil, parser.NoChildren // a bare `!!!` is text
	}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (admonitionParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueIndented(reader)
}

func (admonitionParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                                 { return false }

type tabParser struct{}

func (tabParser) Trigger() []byte { return []byte{'='} }

func (tabParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent > 3 {
		return nil, parser.NoChildren
	}
	m := tabOpen.FindSubmatch(util.TrimLeftSpace(util.TrimRightSpace(line)))
	if m == nil {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &tabNode{title: string(m[1]), start: seg.Start}, parser.HasChildren
}

func (tabParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueIndented(reader)
}

func (tabParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {}
func (tabParser) CanInterruptParagraph() bool                                 { return false }
func (tabParser) CanAcceptIndentedLine() bool                                 { return false }

// continueIndented keeps a container open over blank lines and lines
// indented at least four columns, stripping those four columns.
func continueIndented(reader text.Reader) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if indent < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// mkdocsBlocks is the goldmark extension for admonitions, details and tabs.
type mkdocsBlocks struct{}

func (mkdocsBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		parser.PrioritizedBlockParser(admonitionParser{}, 150),
		parser.PrioritizedBlockParser(tabParser{}, 150),
		parser.PrioritizedBlockParser(abbrDefParser{}, 150),
	))
}

// MkDocsBlocks is a goldmark extension that parses Python-Markdown
// admonitions, pymdownx.details collapsibles, pymdownx.tabbed tabs and abbr
// definitions.
var MkDocsBlocks goldmark.Extender = mkdocsBlocks{}
