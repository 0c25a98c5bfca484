package htmlreader

import (
	"fmt"

	"github.com/galleydoc/galley/internal/cascadia"
	"github.com/galleydoc/galley/internal/nethtml"
	"golang.org/x/net/html/atom"
)

// selectContent returns the nodes holding the page's main content and
// whether page landmarks (nav, header, footer, aside) inside them are to be
// dropped, which is the case only for the <body> fallback.
func selectContent(root *html.Node, sel string) ([]*html.Node, bool, error) {
	if sel != "" {
		s, err := cascadia.Compile(sel)
		if err != nil {
			return nil, false, fmt.Errorf("content selector %q: %w", sel, err)
		}
		var out []*html.Node
		for _, n := range s.MatchAll(root) {
			if len(out) > 0 && isAncestor(out[len(out)-1], n) {
				continue // already read as part of the previous match
			}
			out = append(out, n)
		}
		if len(out) == 0 {
			return nil, false, fmt.Errorf("%w: %q", ErrNoMatch, sel)
		}
		return out, false, nil
	}
	if n := findFirst(root, atom.Main); n != nil {
		return []*html.Node{n}, false, nil
	}
	if n := findFirst(root, atom.Article); n != nil {
		return []*html.Node{n}, false, nil
	}
	if n := findFunc(root, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "role") == "main" }); n != nil {
		return []*html.Node{n}, false, nil
	}
	if n := findFirst(root, atom.Body); n != nil {
		return []*html.Node{n}, true, nil
	}
	return []*html.Node{root}, true, nil
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// findFirst returns the first HTML element (not SVG or MathML) with the
// given atom, in document order.
func findFirst(root *html.Node, a atom.Atom) *html.Node {
	return findFunc(root, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.DataAtom == a && n.Namespace == ""
	})
}

// findFunc returns the first node for which match is true, in document order,
// walking iteratively.
func findFunc(root *html.Node, match func(*html.Node) bool) *html.Node {
	for n := root; n != nil; n = next(root, n) {
		if match(n) {
			return n
		}
	}
	return nil
}

// next returns the node after n in a depth-first walk of root, or nil.
func next(root, n *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for n != nil && n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

// attr returns the value of the attribute key (lower case) of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}
