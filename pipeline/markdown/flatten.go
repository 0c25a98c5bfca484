package markdown

import (
	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	extast "github.com/galleydoc/galley/internal/goldmark/extension/ast"
)

// MaxInlineNesting is how deeply inline containers (emphasis, strong,
// strikethrough, links, images) nest in the tree. Deeper ones are
// unwrapped: their content stays, in the container above the limit.
// CommonMark lets `*a **a *a …` nest as deep as the input is long, and
// every stage after the reader (the exporters' layouts, the HTML writer)
// walks inlines recursively, so 65,000 levels took over half a gigabyte in
// the PDF export. Text 32 levels deep in emphasis already looks as it
// would any deeper.
const MaxInlineNesting = 32

// flattenInlines unwraps the inline containers of goldmark's tree nested
// deeper than MaxInlineNesting, without recursion, in time linear in the
// tree's size: each unwrapped node's children move up once.
func flattenInlines(root gast.Node) {
	type level struct {
		n     gast.Node
		depth int // inline containers above n's children
	}
	stack := []level{{root, 0}}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		parent := top.n
		for c := parent.FirstChild(); c != nil; {
			next := c.NextSibling()
			depth := top.depth
			if isInlineContainer(c) {
				if depth >= MaxInlineNesting {
					first := c.FirstChild()
					for x := first; x != nil; {
						nx := x.NextSibling()
						parent.InsertBefore(parent, c, x)
						x = nx
					}
					parent.RemoveChild(parent, c)
					if first != nil {
						next = first // the moved children are visited at this depth
					}
					c = next
					continue
				}
				depth++
			}
			if c.HasChildren() {
				stack = append(stack, level{c, depth})
			}
			c = next
		}
	}
}

func isInlineContainer(n gast.Node) bool {
	switch n.(type) {
	case *gast.Emphasis, *gast.Link, *gast.Image, *extast.Strikethrough:
		return true
	}
	return false
}
