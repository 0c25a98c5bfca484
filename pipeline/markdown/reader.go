// Package markdown reads Markdown into galley's document tree.
//
// The dialect is CommonMark with the GFM extensions (tables, strikethrough,
// autolinks, task lists), footnotes, YAML front matter, and the MkDocs /
// Python-Markdown syntax policy sites use: admonitions (`!!! note "Title"`),
// collapsible blocks (`??? note`), content tabs (`=== "Tab"`), attribute lists
// (`{: datetime="2026-05-04" }`, `{ loading=lazy }`), `<a id>` anchors, and
// the date macros of mkdocs-git-revision-date-localized-plugin
// (`{{ git_revision_date_localized }}`), which become tree.Macro nodes for the
// resolve stage.
//
// Chinese, Japanese and Korean text reads as its authors write it: emphasis
// follows the markdown-cjk-friendly rules ("**重要：**请阅读" is bold; see
// parser.WithCJKFriendlyEmphasis in the goldmark copy), and a soft line
// break between two Chinese or Japanese characters is dropped from the tree
// (tree.JoinsLines), so no format shows a space there. The CommonMark and
// GFM dialects keep both as their specifications say.
//
// Parsing is goldmark's; this package converts goldmark's AST into the tree,
// resolving what goldmark leaves to its renderer (backslash escapes and
// entity references in text), so exporters never see goldmark.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/galleydoc/galley/internal/goldmark"
	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	"github.com/galleydoc/galley/internal/goldmark/extension"
	"github.com/galleydoc/galley/internal/goldmark/parser"
	"github.com/galleydoc/galley/internal/goldmark/text"
	"github.com/galleydoc/galley/pipeline/tree"
)

// SyntaxError is an input error at a line of the document body or front
// matter. Line is 1-based and counts from the top of the file.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// SourceLine returns the line of the error.
func (e *SyntaxError) SourceLine() int { return e.Line }

// ErrInvalidUTF8 is wrapped by the error Read returns for input that is not
// UTF-8.
var ErrInvalidUTF8 = errors.New("input is not valid UTF-8")

// HTMLBlockReader turns the markup of a raw HTML block into tree blocks (the
// HTML reader does this). line is the block's first source line.
type HTMLBlockReader func(html string, line int) ([]tree.Block, error)

// Option configures a Reader.
type Option func(*Reader)

// WithHTMLBlocks sets the function that reads raw HTML blocks into tree
// blocks, stored in tree.HTMLBlock.Blocks.
func WithHTMLBlocks(f HTMLBlockReader) Option { return func(r *Reader) { r.htmlBlocks = f } }

// DefaultMaxNesting is how deeply blocks may nest unless WithMaxNesting
// says otherwise.
const DefaultMaxNesting = 64

// WithMaxNesting limits how deeply blocks may nest (lists in quotes in
// admonitions…; a list and its items are one level); deeper input is an
// error naming the line, found while parsing. 0 means DefaultMaxNesting.
func WithMaxNesting(n int) Option { return func(r *Reader) { r.maxDepth = n } }

// Dialect is the Markdown flavour a Reader reads.
type Dialect int

// Dialects. Galley is the default: what policy sites are written in. The
// other two read exactly their specification, for conformance testing and
// for documents written to it (`galley convert --from commonmark`).
const (
	// Galley is CommonMark + GFM + footnotes + YAML front matter + the MkDocs
	// syntax (admonitions, details, tabs, attribute lists, anchors, date
	// macros), with CJK-friendly emphasis and line breaks.
	Galley Dialect = iota
	// CommonMark is CommonMark 0.31.2 with no extensions.
	CommonMark
	// GFM is GitHub Flavored Markdown: CommonMark plus tables,
	// strikethrough, extended autolinks and task lists.
	GFM
)

// WithDialect selects the Markdown flavour.
func WithDialect(d Dialect) Option { return func(r *Reader) { r.dialect = d } }

// Reader reads Markdown documents. It is safe for concurrent use.
type Reader struct {
	md         goldmark.Markdown
	htmlBlocks HTMLBlockReader
	maxDepth   int
	dialect    Dialect
}

// NewReader returns a Reader with the given options.
func NewReader(opts ...Option) *Reader {
	r := &Reader{maxDepth: DefaultMaxNesting}
	for _, o := range opts {
		o(r)
	}
	if r.maxDepth <= 0 {
		r.maxDepth = DefaultMaxNesting
	}
	// Thematic breaks keep their source line (goldmark's node has none);
	// HTML blocks start after a tab as after a space.
	// Nesting is limited while parsing, before the parser's work per line
	// grows with the depth (see parser.WithMaxNesting).
	lines := goldmark.WithParserOptions(parser.WithBlockParsers(
		parser.PrioritizedBlockParser(thematicBreakParser{parser.NewThematicBreakParser()}, 199),
		parser.PrioritizedBlockParser(htmlBlockParser{parser.NewHTMLBlockParser()}, 899)),
		parser.WithMaxNesting(r.maxDepth))
	switch r.dialect {
	case CommonMark:
		r.md = goldmark.New(lines)
	case GFM:
		r.md = goldmark.New(lines, goldmark.WithExtensions(extension.GFM))
	default:
		// Emphasis beside Chinese, Japanese and Korean text follows
		// markdown-cjk-friendly ("**重要：**请阅读" is bold), as CJK
		// authors write it and as Python-Markdown shows it.
		r.md = goldmark.New(lines, goldmark.WithExtensions(extension.GFM, footnotes, MkDocsBlocks),
			goldmark.WithParserOptions(parser.WithCJKFriendlyEmphasis()))
	}
	return r
}

// thematicBreakParser is goldmark's thematic break parser, recording the
// line the break stands on.
type thematicBreakParser struct{ parser.BlockParser }

func (p thematicBreakParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	_, seg := reader.PeekLine()
	n, st := p.BlockParser.Open(parent, reader, pc)
	if n != nil {
		n.Lines().Append(seg)
	}
	return n, st
}

// htmlBlockParser is goldmark's HTML block parser, reading a tab where
// the spec allows whitespace in a start condition as a space. goldmark's
// patterns accept only spaces, so "<div\tclass=x>" and "<a>\t" began a
// paragraph, and a writer could not reproduce that paragraph.
type htmlBlockParser struct{ parser.BlockParser }

func (p htmlBlockParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	return p.BlockParser.Open(parent, tabsAsSpaces{reader}, pc)
}

// tabsAsSpaces is a text.Reader whose peeked line shows tabs as spaces;
// the segment, and so the block's text, is unchanged.
type tabsAsSpaces struct{ text.Reader }

func (r tabsAsSpaces) PeekLine() ([]byte, text.Segment) {
	line, seg := r.Reader.PeekLine()
	if bytes.IndexByte(line, '\t') < 0 {
		return line, seg
	}
	return bytes.ReplaceAll(line, []byte{'\t'}, []byte{' '}), seg
}

// defaultReader is built on first use: a goldmark parser with its
// extensions costs about a millisecond, which no command that reads no
// Markdown should pay at start.
var defaultReader = sync.OnceValue(func() *Reader { return NewReader() })

// Read parses src with the default options. path is used for the tree's
// source metadata only.
func Read(src []byte, path string) (*tree.Document, error) {
	return defaultReader().Read(src, path)
}

// Warning is something in a document that reads, but most likely not as
// its author meant: an HTML comment never closed hides the rest of the
// document, as CommonMark says it does.
type Warning struct {
	Line int    // 1-based, counted from the top of the file
	Code string // a short stable identifier, as diag.Diagnostic's
	Msg  string
}

// Read parses src into a document. It accepts a UTF-8 byte order mark and
// CRLF line endings; other invalid UTF-8 is an error naming the line.
func (r *Reader) Read(src []byte, path string) (*tree.Document, error) {
	doc, _, err := r.ReadWarn(src, path)
	return doc, err
}

// ReadWarn is Read, also returning the warnings about the document.
func (r *Reader) ReadWarn(src []byte, path string) (*tree.Document, []Warning, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		return nil, nil, &SyntaxError{Line: invalidUTF8Line(src), Msg: ErrInvalidUTF8.Error() + "; re-save the file as UTF-8"}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = normalizeNewlines(src)
	}
	var fm map[string]any
	body, fmLines := src, 0
	if r.dialect == Galley {
		var err error
		if fm, body, fmLines, err = splitFrontMatter(src); err != nil {
			return nil, nil, err
		}
	}
	c := &converter{src: body, lineBase: fmLines, lines: lineStarts(body), htmlBlocks: r.htmlBlocks, maxDepth: r.maxDepth,
		mkdocs: r.dialect == Galley, parse: r.parse}
	root, ok := c.parseChecked(body)
	if !ok {
		return nil, nil, c.err
	}
	doc := &tree.Document{}
	doc.Meta.FrontMatter = fm
	doc.Meta.Source = tree.Source{Path: path, Format: "markdown"}
	switch t := fm["title"].(type) {
	case string:
		doc.Meta.Title = t
	case int, int64, uint64, float64, bool:
		doc.Meta.Title = fmt.Sprint(t) // title: 2026, read by YAML as a number
	}
	if l, ok := fm["locale"].(string); ok {
		doc.Meta.Locale = l
	}
	doc.Blocks = c.blocks(root, 0)
	doc.Footnotes = c.footnotes
	linkFootnotes(doc)
	if c.err != nil {
		return nil, nil, c.err
	}
	return doc, c.warnings, nil
}

// parse parses Markdown into goldmark's tree. tooDeep is the source offset
// of a container nested deeper than the limit, or -1.
func (r *Reader) parse(src []byte) (root gast.Node, tooDeep int) {
	pc := parser.NewContext()
	root = r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	flattenInlines(root)
	if off, exceeded := parser.NestingLimitExceeded(pc); exceeded {
		return root, off
	}
	return root, -1
}

// parseChecked parses src, the converter's source, and records an error
// when blocks nest too deeply.
func (c *converter) parseChecked(src []byte) (gast.Node, bool) {
	root, tooDeep := c.parse(src)
	if tooDeep >= 0 {
		if c.err == nil {
			c.err = c.tooDeep(c.lineOf(tooDeep))
		}
		return root, false
	}
	return root, true
}

func invalidUTF8Line(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based file line of byte offset off in the body.
func (c *converter) lineOf(off int) int {
	return sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off }) + c.lineBase
}

// nodeLine returns the first source line of n, looking into its first
// descendants when n has no lines of its own (containers).
func (c *converter) nodeLine(n gast.Node) int {
	for x := n; x != nil; x = x.FirstChild() {
		switch x := x.(type) {
		case *admonitionNode:
			return c.lineOf(x.start)
		case *tabNode:
			return c.lineOf(x.start)
		}
		if x.Type() == gast.TypeBlock && x.Lines().Len() > 0 {
			return c.lineOf(x.Lines().At(0).Start)
		}
		if t, ok := x.(*gast.Text); ok {
			return c.lineOf(t.Segment.Start)
		}
	}
	return 0
}

// linkFootnotes gives footnote references the label of their definition
// (goldmark's references know only the definition's index).
func linkFootnotes(doc *tree.Document) {
	if len(doc.Footnotes) == 0 {
		return
	}
	// A definition referenced only where no reference is kept (inside an
	// image's alt text, which is plain) is left out, as an unreferenced
	// one is, and the others are numbered again.
	used := map[int]bool{}
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if r, ok := in.(*tree.FootnoteRef); ok {
			used[r.Index] = true
		}
		return in
	})
	labels := make(map[int]string, len(doc.Footnotes))
	renumber := make(map[int]int, len(doc.Footnotes))
	kept := doc.Footnotes[:0]
	for _, f := range doc.Footnotes {
		if !used[f.Index] {
			continue
		}
		labels[f.Index] = f.ID
		renumber[f.Index] = len(kept) + 1
		kept = append(kept, f)
	}
	for i := len(kept); i < len(doc.Footnotes); i++ {
		doc.Footnotes[i] = nil
	}
	doc.Footnotes = kept
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if r, ok := in.(*tree.FootnoteRef); ok {
			if l, ok := labels[r.Index]; ok {
				r.ID = l
			}
			if n, ok := renumber[r.Index]; ok {
				r.Index = n
			}
		}
		return in
	})
	for _, f := range doc.Footnotes {
		f.Index = renumber[f.Index]
	}
}
