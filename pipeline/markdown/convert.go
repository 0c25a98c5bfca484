package markdown

import (
	"bytes"
	"errors"
	"strings"

	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	extast "github.com/galleydoc/galley/internal/goldmark/extension/ast"
	"github.com/galleydoc/galley/internal/goldmark/util"
	"github.com/galleydoc/galley/pipeline/tree"
)

// converter turns one goldmark AST into tree nodes.
type converter struct {
	src        []byte
	lineBase   int   // front-matter lines before the body
	lines      []int // byte offsets of line starts in src
	htmlBlocks HTMLBlockReader
	maxDepth   int
	footnotes  []*tree.Footnote
	line       int  // line of the block whose inlines are being converted
	mkdocs     bool // apply the MkDocs syntax (attribute lists, anchors, macros, Markdown in HTML)
	// parse parses Markdown inside HTML blocks (see mdInHTML).
	parse func(src []byte) (root gast.Node, tooDeep int)
	err   error
	// warnings about the source; within names what src is the content of
	// when it is not the whole document (Markdown inside an HTML element).
	warnings []Warning
	within   string
}

// blocks converts the block children of parent.
func (c *converter) blocks(parent gast.Node, depth int) []tree.Block {
	if depth > c.maxDepth {
		if c.err == nil {
			c.err = c.tooDeep(c.nodeLine(parent))
		}
		return nil
	}
	var out []tree.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if hb, ok := n.(*gast.HTMLBlock); ok {
			c.checkComment(hb)
			if bs, ok := c.mdInHTML(hb, depth); ok {
				out = append(out, bs...)
				continue
			}
		}
		b := c.block(n, depth)
		if b == nil {
			continue
		}
		// Consecutive tabs form one tab group.
		if tab, ok := b.(*tree.Tabs); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*tree.Tabs); ok && isTabNode(n.PreviousSibling()) {
				prev.Tabs = append(prev.Tabs, tab.Tabs...)
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// checkComment warns about an HTML comment block that is never closed:
// CommonMark makes it run to the end of the document (or of the list item,
// quote or admonition it is in), so everything after the `<!--` is hidden
// in every format, with nothing to tell the writer (a legal notice lost its
// last sections to a `<!-- TODO` left open).
func (c *converter) checkComment(n *gast.HTMLBlock) {
	lines := n.Lines()
	if n.HTMLBlockType != gast.HTMLBlockType2 || n.HasClosure() || lines.Len() == 0 {
		return
	}
	// A comment that ends on its first line has no closure line either.
	for i := 0; i < lines.Len(); i++ {
		if seg := lines.At(i); bytes.Contains(seg.Value(c.src), []byte("-->")) {
			return
		}
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	to := lines.Len() - 1 // the last line hidden, blank lines after it left out
	for ; to > 0; to-- {
		if seg := lines.At(to); !util.IsBlank(seg.Value(c.src)) {
			break
		}
	}
	from, toLine := c.lineOf(first.Start), c.lineOf(lines.At(to).Start)
	where := "the document"
	if c.within != "" {
		where = c.within
	}
	if len(bytes.TrimSpace(c.src[last.Stop:])) > 0 {
		where = "the block it is in"
	}
	hidden := "everything after it"
	if toLine > from {
		hidden += " (lines " + itoa(from) + "-" + itoa(toLine) + ", to the end of " + where + ")"
	} else {
		hidden += " (to the end of " + where + ")"
	}
	c.warnings = append(c.warnings, Warning{Line: from, Code: "unclosed-comment",
		Msg: "HTML comment <!-- is never closed, so " + hidden + " is hidden in every format; " +
			"end the comment with --> where it should end"})
}

// tooDeep is the error for blocks nested deeper than the limit at line.
func (c *converter) tooDeep(line int) error {
	return &SyntaxError{Line: line, Msg: "blocks nest too deeply (more than " + itoa(c.maxDepth) +
		" levels, the max_nesting limit); flatten the lists, quotes or admonitions"}
}

func isTabNode(n gast.Node) bool { return n != nil && n.Kind() == KindTab }

func (c *converter) block(n gast.Node, depth int) tree.Block {
	pos := tree.Pos{Line: c.nodeLine(n)}
	switch n := n.(type) {
	case *gast.Heading:
		h := &tree.Heading{Pos: pos, Level: n.Level, Content: c.inlines(n)}
		if c.mkdocs {
			h.Content, h.Attr = splitTrailingAttr(h.Content)
		}
		h.ID = h.Attr.ID
		return h
	case *gast.Paragraph, *gast.TextBlock:
		p := &tree.Paragraph{Pos: pos, Content: c.inlines(n)}
		if c.mkdocs {
			p.Content, p.Attr = splitTrailingAttr(p.Content)
		}
		if len(p.Content) == 0 {
			return nil // a paragraph that held only an attribute list
		}
		return p
	case *gast.ThematicBreak:
		return &tree.ThematicBreak{Pos: pos}
	case *gast.CodeBlock:
		return &tree.CodeBlock{Pos: pos, Text: c.linesText(n)}
	case *gast.FencedCodeBlock:
		cb := &tree.CodeBlock{Pos: pos, Text: c.linesText(n)}
		if n.Info != nil {
			cb.Info = decodeText(n.Info.Segment.Value(c.src))
			if f := strings.Fields(cb.Info); len(f) > 0 {
				cb.Language = strings.Trim(f[0], "{}.")
			}
		}
		return cb
	case *gast.Blockquote:
		return &tree.Quote{Pos: pos, Blocks: c.blocks(n, depth+1)}
	case *gast.List:
		l := &tree.List{Pos: pos, Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight, Marker: string(n.Marker)}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, c.listItem(it, depth+1))
		}
		return l
	case *gast.HTMLBlock:
		return c.htmlBlock(n, pos)
	case *extast.Table:
		return c.table(n, pos, depth)
	case *extast.FootnoteList:
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			fn, ok := f.(*extast.Footnote)
			if !ok {
				continue
			}
			c.footnotes = append(c.footnotes, &tree.Footnote{ID: string(fn.Ref), Index: fn.Index, Blocks: c.blocks(fn, depth+1)})
		}
		return nil
	case *gast.LinkReferenceDefinition:
		return nil // used by the links that refer to it; not content
	case *abbrDefNode:
		return nil // an abbreviation's definition: not content (see abbr.go)
	case *admonitionNode:
		a := &tree.Admonition{Pos: pos, Kind: n.kind, Collapsible: n.collapsible, Open: n.open, Blocks: c.blocks(n, depth+1)}
		if n.hasTitle {
			a.Title = []tree.Inline{}
			if n.title != "" {
				a.Title = []tree.Inline{&tree.Text{Text: n.title}}
			}
		}
		return a
	case *tabNode:
		return &tree.Tabs{Pos: pos, Tabs: []*tree.Tab{{Title: []tree.Inline{&tree.Text{Text: n.title}}, Blocks: c.blocks(n, depth+1)}}}
	}
	// Unknown block kinds (from extensions not handled here) keep their text.
	if n.Type() == gast.TypeBlock && n.Lines().Len() > 0 {
		return &tree.Paragraph{Pos: pos, Content: []tree.Inline{&tree.Text{Text: c.linesText(n)}}}
	}
	return nil
}

func (c *converter) listItem(it gast.Node, depth int) *tree.ListItem {
	item := &tree.ListItem{}
	// A task list item starts with a checkbox in its first paragraph.
	if first := it.FirstChild(); first != nil {
		if cb, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
			checked := cb.IsChecked
			item.Task = &checked
		}
	}
	item.Blocks = c.blocks(it, depth)
	if item.Task != nil && len(item.Blocks) > 0 {
		if p, ok := item.Blocks[0].(*tree.Paragraph); ok {
			p.Content = trimLeadingSpace(p.Content)
		}
	}
	return item
}

func trimLeadingSpace(list []tree.Inline) []tree.Inline {
	if len(list) > 0 {
		if t, ok := list[0].(*tree.Text); ok {
			t.Text = strings.TrimLeft(t.Text, " ")
			if t.Text == "" {
				return list[1:]
			}
		}
	}
	return list
}

func (c *converter) table(n *extast.Table, pos tree.Pos, depth int) *tree.Table {
	t := &tree.Table{Pos: pos}
	for _, a := range n.Alignments {
		t.Aligns = append(t.Aligns, convertAlign(a))
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row := &tree.Row{}
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			content := c.inlines(cell)
			var blocks []tree.Block
			if len(content) > 0 {
				blocks = []tree.Block{&tree.Paragraph{Pos: pos, Content: content}}
			}
			row.Cells = append(row.Cells, &tree.Cell{Blocks: blocks})
		}
		if _, ok := r.(*extast.TableHeader); ok {
			t.Head = append(t.Head, row)
		} else {
			t.Body = append(t.Body, row)
		}
	}
	return t
}

func convertAlign(a extast.Alignment) tree.Align {
	switch a {
	case extast.AlignLeft:
		return tree.AlignLeft
	case extast.AlignRight:
		return tree.AlignRight
	case extast.AlignCenter:
		return tree.AlignCenter
	}
	return tree.AlignDefault
}

func (c *converter) htmlBlock(n *gast.HTMLBlock, pos tree.Pos) tree.Block {
	return c.rawBlock(c.htmlText(n), pos.Line)
}

// htmlText returns the source of an HTML block, its closing line included.
func (c *converter) htmlText(n *gast.HTMLBlock) string {
	var buf bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		buf.Write(seg.Value(c.src))
	}
	if n.HasClosure() {
		buf.Write(n.ClosureLine.Value(c.src))
	}
	return buf.String()
}

// rawBlock is an HTML block of the given markup, with the blocks the HTML
// reader makes of it.
func (c *converter) rawBlock(raw string, line int) *tree.HTMLBlock {
	hb := &tree.HTMLBlock{Pos: tree.Pos{Line: line}, HTML: raw}
	if c.htmlBlocks != nil {
		blocks, err := c.htmlBlocks(raw, line)
		if err != nil && c.err == nil {
			// The HTML reader's error may name a line of its own (counted
			// in this file): the element nested too deeply.
			at := line
			var le interface{ SourceLine() int }
			if errors.As(err, &le) && le.SourceLine() > 0 {
				at = le.SourceLine()
				err = errors.New(strings.TrimPrefix(err.Error(), "line "+itoa(at)+": "))
			}
			c.err = &SyntaxError{Line: at, Msg: "raw HTML block cannot be read: " + err.Error()}
		}
		hb.Blocks = blocks
	}
	return hb
}

// linesText returns the verbatim text of a leaf block's lines.
func (c *converter) linesText(n gast.Node) string {
	var sb strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		sb.Write(seg.Value(c.src))
	}
	return sb.String()
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
