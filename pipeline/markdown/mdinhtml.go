package markdown

import (
	"bytes"
	"strings"

	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Markdown in HTML (Python-Markdown's md_in_html, which MkDocs sites turn
// on): a raw HTML block whose opening tag has a `markdown` attribute holds
// Markdown. galley reads it as CommonMark reads an HTML block separated from
// its content by blank lines: the opening tag (without the attribute) as an
// HTML block, the content as blocks, the closing tag as an HTML block. So
//
//	<figure markdown>
//	  ![Sample notice email](notice.png)
//	  <figcaption>A sample notice email</figcaption>
//	</figure>
//
// shows its image in every format, and its caption as a paragraph in PDF
// and text.

// mdOpenTag matches an opening tag at the start of an HTML block: its name
// and its attributes.
var mdOpenTag = lazyregexp.New(`^[ \t]{0,3}<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*>`)

// mdAttr matches the markdown attribute among a tag's attributes, with the
// values Python-Markdown reads (none, "1", "block", "span"); its group 1,
// 2 or 3 is the value.
var mdAttr = lazyregexp.New(`(?i)\s+markdown(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)

// mdInHTML returns the blocks of an HTML block with Markdown inside, or
// false when n is an ordinary HTML block.
func (c *converter) mdInHTML(n *gast.HTMLBlock, depth int) ([]tree.Block, bool) {
	if !c.mkdocs || c.parse == nil || n.Lines().Len() == 0 {
		return nil, false
	}
	first := n.Lines().At(0)
	start := first.Start
	src := []byte(c.htmlText(n))
	m := mdOpenTag.FindSubmatchIndex(src)
	if m == nil {
		return nil, false
	}
	attrs := string(src[m[4]:m[5]])
	loc := mdAttr.FindStringSubmatchIndex(attrs)
	if loc == nil {
		return nil, false
	}
	value := ""
	for g := 2; g <= 6; g += 2 {
		if loc[g] >= 0 {
			value = attrs[loc[g]:loc[g+1]]
		}
	}
	if !MarkdownAttr(value) {
		return nil, false // markdown="0" and the like: raw HTML
	}
	name := string(src[m[2]:m[3]])
	line := c.lineOf(start)
	open := "<" + name + attrs[:loc[0]] + attrs[loc[1]:] + ">"
	out := []tree.Block{c.rawBlock(open+"\n", line)}
	body := src[m[1]:]
	// The closing tag, when this block holds it, ends the content.
	var closeTag string
	trimmed := bytes.TrimRight(body, " \t\n")
	if i := bytes.LastIndexByte(trimmed, '<'); i >= 0 && strings.EqualFold(string(bytes.TrimSpace(trimmed[i:])), "</"+name+">") {
		closeTag = string(trimmed[i:])
		body = trimmed[:i]
	}
	// The content keeps its lines (for line numbers) without the indent
	// they share.
	bodyLine := line + bytes.Count(src[:m[1]], []byte("\n"))
	if inner := []byte(Dedent(string(body))); len(bytes.TrimSpace(inner)) > 0 {
		sub := &converter{src: inner, lineBase: bodyLine - 1, lines: lineStarts(inner), htmlBlocks: c.htmlBlocks,
			maxDepth: c.maxDepth, mkdocs: true, parse: c.parse, within: "the <" + name + " markdown> element"}
		if root, ok := sub.parseChecked(inner); ok {
			out = append(out, sub.blocks(root, depth+1)...)
		}
		c.footnotes = append(c.footnotes, sub.footnotes...)
		c.warnings = append(c.warnings, sub.warnings...)
		if sub.err != nil && c.err == nil {
			c.err = sub.err
		}
	}
	if closeTag != "" {
		out = append(out, c.rawBlock(closeTag+"\n", line+bytes.Count(src[:m[1]+len(body)], []byte("\n"))))
	}
	return out, true
}

// MarkdownAttr reports whether a markdown attribute with this value asks
// for the element's content to be read as Markdown, as Python-Markdown reads
// it: no value, "1", "block" or "span".
func MarkdownAttr(value string) bool {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "", "1", "block", "span":
		return true
	}
	return false
}

// Dedent removes the indentation that the non-blank lines of s share,
// keeping every line (Markdown inside an HTML element is often indented
// with it).
func Dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return s
	}
	for i, l := range lines {
		if len(l) >= common && strings.TrimSpace(l[:common]) == "" {
			lines[i] = l[common:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}
