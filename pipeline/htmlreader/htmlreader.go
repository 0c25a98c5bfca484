// Package htmlreader reads HTML into galley's document tree: whole pages (a
// CMS export, a saved web page) with Read, and the raw HTML blocks of a
// Markdown file (the large <table>s of the Mozilla notices) with Blocks and
// BlockReader, so every exporter, PDF and plain text included, renders them.
//
// # Route
//
// The HTML is parsed with golang.org/x/net/html (the HTML5 parsing algorithm,
// so broken markup is repaired the way browsers repair it) and the DOM is
// converted straight into tree nodes. It does not go through Markdown
// (html-to-markdown, then the Markdown reader): that round trip loses what
// Markdown cannot say or says differently — lists and paragraphs inside table
// cells, colspan/rowspan, per-cell alignment, empty <a id> anchors, <time>
// elements, footnote sections — and it re-reads the page's text as Markdown,
// so text that merely looks like Markdown, an attribute list (`{: #x }`), an
// admonition (`!!! note`) or a date macro (`{{git_revision_date_localized}}`)
// would change meaning. Text read from HTML is literal text here (only
// md_in_html elements, below, ask for Markdown).
// Every table, simple or not, is built from the DOM the same way; a cell with
// only inline content holds one Paragraph, the shape the Markdown reader
// gives GFM cells.
//
// # What becomes what
//
//   - <p>, <h1>…<h6> (id → Heading.ID), <ul>/<ol> (start; tight unless an
//     item holds a <p>; task checkboxes), <blockquote>, <pre> (language from
//     class="language-x" on <code>, <pre> or a wrapping div), <hr>,
//     <table> (thead/th rows → Head, colspan/rowspan, text-align → Aligns;
//     <caption> → a paragraph before the table), <dl> (terms in bold).
//   - <details><summary> → Admonition{Collapsible} (Open from the open
//     attribute, Kind from its class); <div|aside class="admonition KIND">
//     with <p class="admonition-title"> → Admonition (MkDocs' and galley's
//     own HTML); a title that only names the kind ("Note") is the default.
//   - Content tabs: pymdownx.tabbed's <div class="tabbed-set"> (classic and
//     alternate layouts) and galley's <section class="tabs"> → tree.Tabs.
//   - <em>/<i>, <strong>/<b>, <del>/<s>, <code>/<kbd>/<samp>, <a href>,
//     <img>, <br> → the matching inlines; <a id>/<a name> and ids on inline
//     elements → Anchor; <time datetime> → Date (Source FromDocument, Style
//     date, Text the element's text); so do the date spans of
//     mkdocs-git-revision-date-localized-plugin when they carry a datetime
//     (timeago) or an ISO date.
//   - Footnotes (Read only): a <section|div class="footnotes|footnote"> or
//     role="doc-endnotes" list becomes Document.Footnotes, and links to its
//     items (<sup><a href="#fn1">) become FootnoteRefs; back-links are
//     dropped. Goldmark, Python-Markdown and pandoc output are recognised.
//   - <script>, <style>, <template>, <noscript>, embedded content (iframe,
//     object, svg, …), form controls, <head> and elements with the hidden
//     attribute never reach the tree. No attribute other than the ones named
//     above is read, so event attributes cannot; javascript:, vbscript: and
//     data: links lose their URL and keep their text; images with such a
//     source are dropped, except PNG, GIF, JPEG and WebP data: images.
//   - <nav> and role="navigation" are never content; with the <body>
//     fallback, header, footer, non-admonition aside, landmark roles and
//     "skip to content" links are left out too.
//   - The text of elements with a markdown attribute (Python-Markdown's
//     md_in_html, as in MkDocs' <figure markdown>) is read as Markdown; all
//     other text is literal.
//   - Other elements are transparent: their content flows into the
//     surrounding blocks, inline content between blocks forming paragraphs,
//     with HTML's whitespace collapsing.
//
// # Positions
//
// x/net/html keeps no source positions, so a tokenizer pass first writes
// each block element's, link's and image's line into a data-galley-line
// attribute (and a comment before text that may start an implicit
// paragraph); blocks and links take their Pos and Line from it. Raw HTML
// blocks count from the Markdown line they start on. The attribute never
// reaches the tree.
//
// # Errors
//
// Input that is not UTF-8 is an error unless a <meta charset> (or
// http-equiv Content-Type) in its first 1024 bytes names another encoding
// (windows-1252, ISO-8859-x, Shift_JIS, …), in which case it is decoded;
// valid UTF-8 is read as UTF-8 whatever it declares. Input over
// Options.MaxBytes is ErrTooLarge, a page with no content ErrEmpty, a
// selector that matches nothing ErrNoMatch, and markup nested more than 512
// elements deep ErrTooDeep. No input makes the reader panic.
package htmlreader

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"
)

// Options configures the HTML reader.
type Options struct {
	// Select is a CSS selector (cascadia syntax) of the main content. All
	// matches are read, in document order (a match inside another is read
	// once, as part of the outer one). "" chooses <main>, else <article>,
	// else [role=main], else <body> minus nav, header, footer, aside (other
	// than admonitions) and landmark roles.
	Select string
	// MaxBytes limits the input size; 0 means no limit.
	MaxBytes int
	// MaxNesting limits how deeply block containers may nest: lists,
	// quotes, tables, definition lists, <details>, admonitions and tabs
	// (a list and its items are one level; plain <div>s, which the reader
	// flattens, are none). Deeper content is a NestingError at the line
	// of the first container past the limit, as Markdown's max_nesting.
	// 0 means markdown.DefaultMaxNesting.
	MaxNesting int
}

// Errors returned (wrapped) by the reader.
var (
	// ErrTooLarge: the input exceeds Options.MaxBytes.
	ErrTooLarge = errors.New("HTML input is larger than the size limit")
	// ErrEmpty: the page has no content to export.
	ErrEmpty = errors.New("HTML document has no content")
	// ErrNoMatch: Options.Select matched no element.
	ErrNoMatch = errors.New("content selector matched nothing")
	// ErrTooDeep: elements nest deeper than the reader follows.
	ErrTooDeep = errors.New("HTML elements nest too deeply")
	// ErrInvalidUTF8: the input is not UTF-8 and declares no other charset.
	ErrInvalidUTF8 = errors.New("HTML input is not valid UTF-8 and declares no other charset")
)

// maxDepth is how deeply nodes may nest before the reader gives up; the
// HTML parser itself stops at 512 open elements.
const maxDepth = 520

// NestingError is the error for markup nested past a limit: elements past
// the HTML parser's 512 open elements, or block containers past
// Options.MaxNesting. Line is the line of the first element past the
// limit (0 when unknown). It wraps ErrTooDeep.
type NestingError struct {
	Line int
	Msg  string
}

func (e *NestingError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// SourceLine returns the line of the error.
func (e *NestingError) SourceLine() int { return e.Line }

// Unwrap returns ErrTooDeep.
func (e *NestingError) Unwrap() error { return ErrTooDeep }

// tooManyElements is the error for elements nested past limit at line.
func tooManyElements(line, limit int) error {
	return &NestingError{Line: line, Msg: fmt.Sprintf("%v (more than %d levels); close the elements left open", ErrTooDeep, limit)}
}

// parseError wraps an error of the HTML parser, which fails only on nesting
// deeper than 512 elements (or on a read error, impossible from a string).
// For the former it finds the line: parse, which parses a prefix of text,
// is run on whole lines, in a binary search for the first line through
// which the parse fails (a few parses, on the refusal path only). Lines
// count from base.
func parseError(err error, text string, base int, parse func(string) error) error {
	if !strings.Contains(err.Error(), "open stack of elements") {
		return fmt.Errorf("parse HTML: %w", err)
	}
	var ends []int // offset past each line
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			ends = append(ends, len(text))
			break
		}
		i += j + 1
		ends = append(ends, i)
	}
	lo, hi := 0, len(ends)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if parse(text[:ends[mid]]) != nil {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return tooManyElements(max(base, 1)+lo, 512)
}

// TitleClass marks the <h1> that galley's HTML export writes above a body
// that does not show the document's title itself (tree.ShowsTitle). Read
// leaves it out of the body, since the page's <title> gives Meta.Title, so
// a page galley wrote reads back to the tree it was written from.
const TitleClass = "doc-title"

// Read converts a whole HTML page into a document: the title from <title>
// (else the first <h1>), the locale from <html lang> (and the direction from
// <html dir>), Meta.Source.Format "html" with the SHA-256 of src, blocks and
// links with the source line they start on, the main content chosen over
// navigation, headers and footers (see Options.Select), and footnote
// sections as Document.Footnotes. <time datetime> elements
// become tree.Date nodes; the first one in a leading "effective" or "last
// updated" line sets Meta.Revision (Source tree.FromDocument). path is used
// for the source metadata only.
func Read(src []byte, path string, opts Options) (*tree.Document, error) {
	if opts.MaxBytes > 0 && len(src) > opts.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(src), opts.MaxBytes)
	}
	sum := sha256.Sum256(src)
	text, err := decode(src)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(annotateLines(text, 1)))
	if err != nil {
		return nil, parseError(err, text, 1, func(s string) error {
			_, err := html.Parse(strings.NewReader(s))
			return err
		})
	}
	c := &converter{page: true, maxNesting: opts.MaxNesting}
	if n := tooDeep(root); n != nil {
		return nil, tooManyElements(c.lineOf(n), maxDepth)
	}
	doc := &tree.Document{}
	doc.Meta.Source = tree.Source{Path: path, Format: "html", SHA256: hex.EncodeToString(sum[:])}
	if h := findFirst(root, atom.Html); h != nil {
		doc.Meta.Locale = normalizeLang(attr(h, "lang"))
		if raw := strings.TrimSpace(attr(h, "lang")); doc.Meta.Locale == "" && raw != "" {
			// Not a tag: kept as written, for the pipeline to report
			// (it ignores it, as a wrong front-matter locale fails).
			doc.Meta.Locale = raw
		}
		switch d := strings.ToLower(strings.TrimSpace(attr(h, "dir"))); d {
		case "rtl", "ltr":
			doc.Meta.Direction = d
		}
	}
	if t := findFirst(root, atom.Title); t != nil {
		doc.Meta.Title = textLine(textContent(t))
	}
	if doc.Meta.Title == "" {
		if h1 := findFirst(root, atom.H1); h1 != nil {
			doc.Meta.Title = textLine(textContent(h1))
		}
	}
	content, landmarks, err := selectContent(root, opts.Select)
	if err != nil {
		return nil, err
	}
	c.dropLandmarks = landmarks
	for _, n := range content {
		c.collectFootnotes(n)
	}
	for _, n := range content {
		// block, not flow: a selected <table> or <ul> is itself content.
		doc.Blocks = append(doc.Blocks, c.block(n)...)
	}
	doc.Footnotes = c.footnoteDefs()
	if c.err != nil {
		return nil, c.err
	}
	if len(doc.Blocks) == 0 && len(doc.Footnotes) == 0 {
		return nil, ErrEmpty
	}
	doc.Meta.Revision = revision(doc.Blocks)
	if doc.Meta.Revision == nil && len(c.pluginDates) > 0 {
		doc.Meta.Revision = &tree.DateInfo{Time: c.pluginDates[0].Time, Source: tree.FromDocument}
	}
	return doc, nil
}

// Blocks converts an HTML fragment (a raw HTML block from a Markdown file)
// into tree blocks, with no source positions (BlockReader gives them). A
// fragment with nothing to show (a comment, a script, a lone closing tag)
// gives no blocks and no error. Footnote sections are not recognised in
// fragments: a fragment has nowhere to put definitions.
func Blocks(fragment string) ([]tree.Block, error) {
	return readFragment(fragment, 0, 0)
}

// BlockReader returns the function the Markdown reader calls for raw HTML
// blocks, honouring opts.MaxBytes (Select does not apply to fragments):
//
//	markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))
//
// The blocks and links it returns carry their line in the Markdown file,
// counted from the HTML block's first line.
func BlockReader(opts Options) markdown.HTMLBlockReader {
	return func(fragment string, line int) ([]tree.Block, error) {
		if opts.MaxBytes > 0 && len(fragment) > opts.MaxBytes {
			return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(fragment), opts.MaxBytes)
		}
		return readFragment(fragment, line, opts.MaxNesting)
	}
}

func readFragment(fragment string, line, maxNesting int) ([]tree.Block, error) {
	if err := checkUTF8([]byte(fragment)); err != nil {
		return nil, err
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	src := fragment
	if line > 0 {
		fragment = annotateLines(fragment, line)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return nil, parseError(err, src, line, func(s string) error {
			_, err := html.ParseFragment(strings.NewReader(s), body)
			return err
		})
	}
	holder := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		holder.AppendChild(n)
	}
	c := &converter{line: line, maxNesting: maxNesting}
	if n := tooDeep(holder); n != nil {
		return nil, tooManyElements(c.lineOf(n), maxDepth)
	}
	blocks := c.flow(holder)
	if c.err != nil {
		return nil, c.err
	}
	if len(blocks) == 0 {
		return nil, nil
	}
	return blocks, nil
}

// tooDeep returns the first node nested more than maxDepth levels under n,
// or nil. It is iterative so that hostile nesting cannot exhaust the stack.
func tooDeep(n *html.Node) *html.Node {
	d := 0
	for x := n; x != nil; {
		if d > maxDepth {
			return x
		}
		if x.FirstChild != nil {
			x = x.FirstChild
			d++
			continue
		}
		for x != nil && x != n && x.NextSibling == nil {
			x = x.Parent
			d--
		}
		if x == nil || x == n {
			break
		}
		x = x.NextSibling
	}
	return nil
}

// normalizeLang returns the canonical BCP 47 form of a lang attribute
// ("en_US" → "en-US"), or "" when it is not a valid tag.
func normalizeLang(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return t.String()
}
