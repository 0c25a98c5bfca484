package htmlreader

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"golang.org/x/net/html/atom"
)

// lineAttr is the attribute annotateLines gives every start tag: the
// 1-based source line the tag starts on. It is never copied into the tree.
const lineAttr = "data-galley-line"

// lineComment starts the comment annotateLines puts before text that is not
// only white space, holding the line of its first visible character.
const lineComment = "galley-line:"

// rawTextTag reports whether the element named k holds text the tokenizer
// and parser read verbatim: a comment there would be text. After pre,
// listing and textarea a comment would keep the newline the parser drops.
func rawTextTag(k string) bool {
	switch k {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
		"plaintext", "pre", "listing":
		return true
	}
	return false
}

// annotateLines returns src with lineAttr inserted as the first attribute of
// the start tags whose line the tree keeps — block elements, links and
// images — (first, so it wins over an author's attribute of the same name),
// and a lineComment before the first visible text after each block
// boundary outside paragraphs and headings (the text an implicit paragraph
// starts with), counting lines from base. The HTML parser keeps no
// positions; this lets blocks and links carry the line they come from, so
// warnings can say file:line. The tokens are otherwise copied byte for byte.
func annotateLines(src string, base int) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var sb strings.Builder
	sb.Grow(len(src) + len(src)/4 + 64)
	var num []byte
	line := base
	afterRaw := false // the previous token opened a raw text element
	needMark := true  // the next visible text may start an implicit paragraph
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			sb.Write(raw)
			break
		}
		wasRaw := afterRaw
		afterRaw = false
		switch tt {
		case html.TextToken:
			if needMark && !wasRaw {
				if i := bytes.IndexFunc(raw, func(r rune) bool { return r > ' ' || r == '\v' }); i >= 0 {
					num = strconv.AppendInt(num[:0], int64(line+bytes.Count(raw[:i], []byte{'\n'})), 10)
					sb.WriteString("<!--" + lineComment)
					sb.Write(num)
					sb.WriteString("-->")
					needMark = false
				}
			}
			sb.Write(raw)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if tt == html.StartTagToken {
				afterRaw = rawTextTag(string(name))
			}
			if blockAtom(a) {
				needMark = !paragraphLikeAtom(a)
			}
			if !blockAtom(a) && a != atom.A && a != atom.Img {
				sb.Write(raw)
				break
			}
			i := 1
			for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
				i++
			}
			num = strconv.AppendInt(num[:0], int64(line), 10)
			sb.Write(raw[:i])
			sb.WriteString(" " + lineAttr + "=")
			sb.Write(num)
			sb.WriteByte(' ')
			sb.Write(raw[i:])
		case html.EndTagToken:
			name, _ := z.TagName()
			if blockAtom(atom.Lookup(name)) {
				needMark = true
			}
			sb.Write(raw)
		default:
			sb.Write(raw)
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
	return sb.String()
}

// paragraphLikeAtom reports whether elements of atom k give their own line
// to the text they hold.
func paragraphLikeAtom(k atom.Atom) bool {
	switch k {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dt, atom.Caption,
		atom.Summary, atom.Pre, atom.Legend:
		return true
	}
	return false
}

// lineOf returns the source line of n: that of its line comment (text), of
// n or of its nearest element ancestor, else the converter's base line.
func (c *converter) lineOf(n *html.Node) int {
	if n != nil && n.Type == html.TextNode {
		if p := n.PrevSibling; p != nil && p.Type == html.CommentNode && strings.HasPrefix(p.Data, lineComment) {
			if l, err := strconv.Atoi(p.Data[len(lineComment):]); err == nil {
				return l
			}
		}
	}
	for x := n; x != nil; x = x.Parent {
		if x.Type != html.ElementNode {
			continue
		}
		if v := attr(x, lineAttr); v != "" {
			if l, err := strconv.Atoi(v); err == nil {
				return l
			}
		}
	}
	return c.line
}
