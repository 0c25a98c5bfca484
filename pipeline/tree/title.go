package tree

import (
	"path"
	"strings"
)

// The title rule. A document's title is Meta.Title (set by the resolve
// stage: front matter `title`, else BodyTitle, else the file name). Every
// exporter that puts the title above the body (the HTML page's <h1>, the
// PDF's title block, the text export's underlined first line) asks
// ShowsTitle first, so that a title is printed once in every format.

// BodyTitle returns the text of the first level-1 heading among blocks (at
// the top level, or in the tree form of a top-level HTML block), or "".
func BodyTitle(blocks []Block) string {
	for _, b := range blocks {
		var h *Heading
		switch b := b.(type) {
		case *Heading:
			h = b
		case *HTMLBlock:
			if t := BodyTitle(b.Blocks); t != "" {
				return t
			}
		case *BlockChange:
			// A redline's inserted blocks are in the body it shows.
			if t := BodyTitle(b.Blocks); t != "" && b.Inserted {
				return t
			}
		}
		if h != nil && h.Level == 1 {
			if t := strings.TrimSpace(PlainText(h.Content)); t != "" {
				return t
			}
		}
	}
	return ""
}

// OpeningTitle returns the level-1 heading the body opens with and the
// blocks without it; h is nil (and rest is blocks) when the body does not
// open with one. Blocks that show nothing (an HTML block holding only a
// comment or a script) are passed over; an HTML block whose tree form opens
// with the heading counts, and rest then holds a copy of it without the
// heading.
func OpeningTitle(blocks []Block) (h *Heading, rest []Block) {
	for i, b := range blocks {
		switch b := b.(type) {
		case *HTMLBlock:
			if len(b.Blocks) == 0 {
				continue
			}
			inner, innerRest := OpeningTitle(b.Blocks)
			if inner == nil {
				return nil, blocks
			}
			out := append(append([]Block(nil), blocks[:i]...), blocks[i+1:]...)
			if len(innerRest) > 0 {
				cp := *b
				cp.Blocks = innerRest
				out = append(append(append([]Block(nil), blocks[:i]...), &cp), blocks[i+1:]...)
			}
			return inner, out
		case *Heading:
			if b.Level != 1 {
				return nil, blocks
			}
			return b, append(append([]Block(nil), blocks[:i]...), blocks[i+1:]...)
		default:
			return nil, blocks
		}
	}
	return nil, blocks
}

// ShowsTitle reports whether the body shows the document's title itself:
// it opens with a level-1 heading (OpeningTitle), or its first level-1
// heading has the title's text. Exporters print Meta.Title above the body
// only when it does not.
func ShowsTitle(doc *Document) bool {
	if h, _ := OpeningTitle(doc.Blocks); h != nil {
		return true
	}
	t := strings.TrimSpace(doc.Meta.Title)
	return t != "" && BodyTitle(doc.Blocks) == t
}

// DisplayTitle returns the title to show for doc: Meta.Title, else
// BodyTitle, else the source file name without its extension, else
// "Untitled". It is Meta.Title for every resolved document; exporters use
// it so that a tree that did not pass through the resolve stage (a JSON
// tree written by another tool) still gets a title.
func DisplayTitle(doc *Document) string {
	if t := strings.TrimSpace(doc.Meta.Title); t != "" {
		return t
	}
	if t := BodyTitle(doc.Blocks); t != "" {
		return t
	}
	if p := doc.Meta.Source.Path; p != "" {
		base := path.Base(strings.ReplaceAll(p, "\\", "/"))
		if t := strings.TrimSuffix(base, path.Ext(base)); t != "" {
			return t
		}
	}
	return "Untitled"
}
