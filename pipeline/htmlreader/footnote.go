package htmlreader

import (
	"sort"
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

// isFootnoteSection reports whether n is the footnote list that goldmark,
// Python-Markdown or pandoc write at the end of a page.
func isFootnoteSection(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Section, atom.Div, atom.Aside, atom.Footer:
	default:
		return false
	}
	return hasClass(n, "footnotes") || hasClass(n, "footnote") || attr(n, "role") == "doc-endnotes"
}

// collectFootnotes finds the footnote sections under root and records their
// items, so that links to them read as footnote references and the sections
// themselves become Document.Footnotes.
func (c *converter) collectFootnotes(root *html.Node) {
	if c.fnByTarget == nil {
		c.fnByTarget = map[string]*footnoteDef{}
	}
	for n := root; n != nil; n = next(root, n) {
		if !isFootnoteSection(n) {
			continue
		}
		for li := n; li != nil; li = next(n, li) {
			if li.Type != html.ElementNode || li.DataAtom != atom.Li {
				continue
			}
			id := strings.TrimSpace(attr(li, "id"))
			if id == "" || c.fnByTarget[id] != nil {
				continue
			}
			def := &footnoteDef{node: li, label: footnoteLabel(id)}
			c.fnByTarget[id] = def
			c.fnDefs = append(c.fnDefs, def)
			if c.fnSections == nil {
				c.fnSections = map[*html.Node]bool{}
			}
			c.fnSections[n] = true
		}
	}
}

// footnoteLabel strips the prefix the writers put before a footnote's label:
// "fn:1" (goldmark, Python-Markdown), "fn1" (pandoc), "footnote-1".
func footnoteLabel(id string) string {
	for _, prefix := range []string{"fn:", "fn-", "footnote-", "footnote:", "fn"} {
		rest, ok := strings.CutPrefix(id, prefix)
		if !ok || rest == "" {
			continue
		}
		if prefix == "fn" && (rest[0] < '0' || rest[0] > '9') {
			continue
		}
		return rest
	}
	return id
}

// footnoteBackTarget reports whether id is the target of a footnote's
// back-link (fnref:1, fnref2:1, fnref1), which is dropped with the back-link
// on pages that have footnotes.
func (c *converter) footnoteBackTarget(id string) bool {
	return len(c.fnByTarget) > 0 && strings.HasPrefix(id, "fnref")
}

// footnoteRef returns the reference for a link to a footnote item, giving
// the footnote its display number on first reference, or nil.
func (c *converter) footnoteRef(href string) *tree.FootnoteRef {
	if len(c.fnByTarget) == 0 || !strings.HasPrefix(href, "#") {
		return nil
	}
	def := c.fnByTarget[href[1:]]
	if def == nil {
		return nil
	}
	if def.index == 0 {
		c.fnNext++
		def.index = c.fnNext
	}
	return &tree.FootnoteRef{ID: def.label, Index: def.index}
}

// footnoteDefs converts the collected footnote items, numbered in order of
// first reference (unreferenced ones last, in source order).
func (c *converter) footnoteDefs() []*tree.Footnote {
	var out []*tree.Footnote
	for i := 0; i < len(c.fnDefs); i++ { // definitions may reference others
		def := c.fnDefs[i]
		blocks := c.flow(def.node)
		trimNBSP(blocks)
		out = append(out, &tree.Footnote{ID: def.label, Blocks: blocks})
	}
	for i, def := range c.fnDefs {
		if def.index == 0 {
			c.fnNext++
			def.index = c.fnNext
		}
		out[i].Index = def.index
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Index < out[j].Index })
	return out
}

// trimNBSP removes the no-break space Python-Markdown and goldmark put
// before the (dropped) back-link at the end of a footnote.
func trimNBSP(blocks []tree.Block) {
	if len(blocks) == 0 {
		return
	}
	p, ok := blocks[len(blocks)-1].(*tree.Paragraph)
	if !ok || len(p.Content) == 0 {
		return
	}
	if t, ok := p.Content[len(p.Content)-1].(*tree.Text); ok {
		t.Text = strings.TrimRight(t.Text, "\u00a0 ")
		if t.Text == "" {
			p.Content = p.Content[:len(p.Content)-1]
		}
	}
}
