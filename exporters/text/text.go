// Package text is galley's plain-text exporter: UTF-8 text for e-mails,
// terminals, diff reviews of policy changes and systems that accept no markup.
//
// The output keeps every word of the document in order and reads well at a
// fixed width (Options.Wrap, 72 by default in the pipeline; 0 disables
// wrapping). Lines are broken with the Unicode line breaking algorithm
// (UAX #14) and measured in terminal cells (github.com/rivo/uniseg): East
// Asian wide characters count two, combining marks and zero-width characters
// none, Chinese and Japanese text breaks between characters, and NBSP and
// U+202F never break. Thai, Lao, Khmer and Myanmar runs too long for a line
// break between grapheme clusters, preferring the start of a syllable (no
// dictionary: see splitSoutheastAsian). The output is NFC, has LF line endings, no trailing
// spaces and ends with a newline.
//
// # Layout
//
//   - The document title (Meta.Title) is written first, underlined with '=',
//     unless the document starts with a level-1 heading, which is then its
//     visible title (front-matter titles often differ from it, as in the
//     PyPI and GitHub documents); the PDF exporter does the same.
//   - Level-1 headings are underlined with '=', level-2 with '-', both as
//     wide as the heading; levels 3 to 6 are prefixed with as many '#' as
//     their level ("### Heading"), as in Markdown.
//   - Paragraphs are wrapped; emphasis and strong marks are dropped,
//     struck-out text is kept between "~~" so that deletions stay visible.
//   - Lists use hanging indents: "- " for bullets, "N. " (from List.Start)
//     for numbered items, "[ ] " / "[x] " after the marker for task items;
//     nested lists are indented under their item's text.
//   - Block quotes are prefixed with "> ".
//   - Admonitions are a label line (the explicit title, else the localized
//     kind: "Note:", "Warning:") followed by the body indented 4 spaces.
//     Content tabs are written the same way, one titled block per tab.
//   - Code blocks are indented 4 spaces and never wrapped.
//   - Tables are laid out as aligned columns (two spaces apart, a dashed
//     separator under the header rows) that fit the width: cells wrap inside
//     their column and honour the column alignment. A table too wide even
//     with one word per line is written as records, one "Header:" block per
//     cell.
//   - Links to other documents or sites are followed by a reference mark
//     " [n]"; footnote references become "[n]". The references are listed
//     at the end under the localized label "References". Links to anchors
//     of the same document and links whose text is their own URL get no
//     mark, nor do links whose URL would run code (javascript:, vbscript:,
//     file:, non-image data:) unless Options.RawHTML is trusted.
//   - Images are written "[Image: alt]", dates as their localized text,
//     unresolved macros as written. Raw HTML markup is dropped (a <br> tag
//     becomes a line break, and block tags written inline, such as a
//     <ul><li> list in a table cell, put their items on lines of their own:
//     tree.FlowRawHTML), but what the HTML reader made of an HTML block
//     (HTMLBlock.Blocks: the Mozilla notices' <table>s) is shown; anchors
//     produce nothing.
//   - Right-to-left text stays in logical order with its direction marks;
//     the terminal applies the bidi algorithm.
package text

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/text/unicode/norm"
)

// Exporter writes plain text. It holds no state and is safe for concurrent
// use.
type Exporter struct{}

// New returns the plain-text exporter.
func New() *Exporter { return &Exporter{} }

// Name returns "txt", the format name on the command line.
func (*Exporter) Name() string { return "txt" }

// Extension returns "txt".
func (*Exporter) Extension() string { return "txt" }

// Traits: in a default run, also called "text"; it renders the tree form of raw HTML, never markup.
func (*Exporter) Traits() exporters.Traits {
	return exporters.Traits{Aliases: []string{"text"}, Default: true}
}

var _ exporters.Exporter = (*Exporter)(nil)

// Export writes doc as plain text to w. It does not modify doc.
func (*Exporter) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	if doc == nil {
		return fmt.Errorf("text export: nil document")
	}
	lines := Render(doc, opts)
	if buf, ok := w.(*bytes.Buffer); ok {
		// Straight into the buffer (the engine's are reused from one
		// output to the next), grown once.
		n := 0
		for _, l := range lines {
			n += len(l) + 1
		}
		buf.Grow(n)
		for _, l := range lines {
			buf.WriteString(l)
			buf.WriteByte('\n')
		}
		return nil
	}
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("text export of %s: %w", doc.Meta.Source.Path, err)
	}
	return nil
}

// Render returns the plain-text lines of doc (NFC, without line endings or
// trailing spaces), as Export writes them.
func Render(doc *tree.Document, opts exporters.Options) []string {
	r := &renderer{
		opts:       opts,
		doc:        doc,
		byURL:      map[string]int{},
		byFootnote: map[*tree.Footnote]int{},
	}
	return r.render()
}

// render renders the whole document.
func (r *renderer) render() []string {
	doc := r.doc
	width := r.opts.Wrap
	if width < 0 {
		width = 0
	}
	var out []string
	if title := strings.TrimSpace(clean(doc.Meta.Title)); title != "" && !tree.ShowsTitle(doc) {
		out = append(out, r.underlined(title, '=', width)...)
	}
	out = joinBlocks(out, r.blocks(doc.Blocks, width, false))
	out = joinBlocks(out, r.references(width))
	out = joinBlocks(out, r.redlineSummary(width))
	for i, l := range out {
		out[i] = norm.NFC.String(strings.TrimRight(l, " \t"))
	}
	return out
}

// renderer holds the state of one export: the references collected so far.
type renderer struct {
	opts       exporters.Options
	doc        *tree.Document
	refs       []*ref
	byURL      map[string]int
	byFootnote map[*tree.Footnote]int
	// fnByID and fnByIndex index the definitions (see footnote).
	fnByID    map[string]*tree.Footnote
	fnByIndex map[int]*tree.Footnote
	// cells caches rendered table cells (see cellLines).
	cells map[cellKey][]string
	// markCode makes code lines and link URLs start with codeMark (tests
	// only: they check the width of every line but those).
	markCode bool
	// markRefs writes reference marks between refOpen and refClose (tests
	// only: they tell marks from text that looks like one).
	markRefs bool
}

// codeMark marks code lines and URLs for tests.
const codeMark = "\x00"

// refOpen and refClose enclose reference marks for tests. The exporter
// writes no control characters of the document's, so these are its own.
const (
	refOpen  = "\x01"
	refClose = "\x02"
)

// label translates an English label through the options' printer. Keys
// holding '%' are returned as they are, never used as a format.
func (r *renderer) label(key string) string {
	if strings.ContainsRune(key, '%') {
		return key
	}
	return r.opts.Label(key)
}

// joinBlocks appends block lines b to a, separated by one blank line.
func joinBlocks(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) > 0 {
		a = append(a, "")
	}
	return append(a, b...)
}

// references renders the References section: link destinations and footnote
// bodies in order of first reference, then footnotes never referenced.
func (r *renderer) references(width int) []string {
	for _, fn := range r.doc.Footnotes {
		if fn == nil {
			continue
		}
		if _, ok := r.byFootnote[fn]; !ok {
			r.footnoteRef(&tree.FootnoteRef{ID: fn.ID, Index: fn.Index})
		}
	}
	if len(r.refs) == 0 {
		return nil
	}
	var entries []string
	// Footnote bodies may add references of their own: r.refs grows while
	// this loop runs.
	for i := 0; i < len(r.refs); i++ {
		rf := r.refs[i]
		mark := fmt.Sprintf("[%d] ", rf.num)
		var body []string
		if rf.fn != nil {
			body = r.blocks(rf.fn.Blocks, inner(width, len(mark)), true)
			if len(body) == 0 {
				body = []string{""}
			}
		} else {
			body = []string{rf.url}
			if r.markCode {
				body[0] = codeMark + body[0] // a URL is never broken
			}
		}
		entries = append(entries, hang(body, mark, strings.Repeat(" ", len(mark)))...)
	}
	return joinBlocks(r.underlined(r.label(locales.LabelReferences), '-', width), entries)
}

// inner returns the width left after an indent of n cells; 0 stays 0 (no
// wrapping) and the result is at least 1.
func inner(width, n int) int {
	if width <= 0 {
		return 0
	}
	if width-n < 1 {
		return 1
	}
	return width - n
}

// hang prefixes the first line with first and the others with rest; blank
// lines stay blank.
func hang(lines []string, first, rest string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		if l == "" && i > 0 {
			out[i] = ""
			continue
		}
		out[i] = p + l
	}
	return out
}

// underlined wraps a heading and underlines it with c, as wide as its widest
// line.
func (r *renderer) underlined(s string, c byte, w int) []string {
	lines := wrap(s, w)
	max := 0
	for _, l := range lines {
		if lw := width(l); lw > max {
			max = lw
		}
	}
	if max == 0 {
		return nil
	}
	return append(lines, strings.Repeat(string(c), max))
}
