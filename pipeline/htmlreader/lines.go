package htmlreader

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// lineAttr is the attribute annotateLines gives every start tag: the
// 1-based source line the tag starts on. It is never copied into the tree.
const lineAttr = "data-galley-line"

// lineComment starts the comment annotateLines puts before text that is not
// only white space, holding the line of its first visible character.
const lineComment = "galley-line:"

// rawTextTags hold text the tokenizer and parser read verbatim: a comment
// there would be text. After pre, listing and textarea a comment would keep
// the newline the parser drops.
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "plaintext": true, "pre": true, "listing": true,
}

// annotateLines returns src with lineAttr inserted as the first attribute of
// every start tag (so it wins over an author's attribute of the same name)
// and a lineComment before each text that has visible characters, counting
// lines from base. The HTML parser keeps no positions; this lets
// blocks and links carry the line they come from, so warnings can say
// file:line. The tokens are otherwise copied byte for byte.
func annotateLines(src string, base int) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var sb strings.Builder
	sb.Grow(len(src) + len(src)/8)
	line := base
	afterRaw := false
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			sb.Write(raw)
			break
		}
		wasRaw := afterRaw
		afterRaw = false
		if tt == html.TextToken && !wasRaw {
			if i := bytes.IndexFunc(raw, func(r rune) bool { return r > ' ' || r == '\v' }); i >= 0 {
				sb.WriteString("<!--" + lineComment)
				sb.WriteString(strconv.Itoa(line + bytes.Count(raw[:i], []byte{'\n'})))
				sb.WriteString("-->")
			}
		}
		if tt == html.StartTagToken {
			name, _ := z.TagName()
			afterRaw = rawTextTags[string(name)]
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			i := 1
			for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
				i++
			}
			sb.Write(raw[:i])
			sb.WriteString(" " + lineAttr + "=")
			sb.WriteString(strconv.Itoa(line))
			sb.WriteByte(' ')
			sb.Write(raw[i:])
		} else {
			sb.Write(raw)
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
	return sb.String()
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
