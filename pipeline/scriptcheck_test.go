package pipeline_test

import (
	"bytes"
	"strings"

	galleyhtml "github.com/galleydoc/galley/exporters/html"
	"golang.org/x/net/html"
)

// scriptIn parses an HTML page as a browser would and names what in it
// could run script: script-capable elements (the page's own stylesheet
// excepted), event handler attributes, and javascript:, vbscript: or data:
// URLs (data: PNG, GIF, JPEG and WebP images on <img src> excepted) once
// entities are decoded and ignored characters removed. Text that merely
// mentions "javascript:" or "onerror=" is not script.
func scriptIn(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var found []string
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			name := strings.ToLower(n.Data)
			inHead = inHead || name == "head"
			switch name {
			case "style":
				if !inHead || n.FirstChild == nil || strings.TrimSpace(n.FirstChild.Data) != strings.TrimSpace(galleyhtml.CSS()) {
					found = append(found, "<style>")
				}
			case "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "noscript", "template":
				found = append(found, "<"+name+">")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch key {
				case "href", "src", "action", "formaction", "data", "poster", "background", "srcdoc":
					if badScheme(a.Val, name == "img" && key == "src") {
						found = append(found, "<"+name+" "+key+"="+a.Val+">")
					}
				default:
					if strings.HasPrefix(key, "on") {
						found = append(found, "<"+name+" "+key+">")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	return found
}

// badScheme reports a javascript:, vbscript: or (but for images) data: URL,
// ignoring whitespace and control characters as browsers do.
func badScheme(u string, image bool) bool {
	l := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, u))
	switch {
	case strings.HasPrefix(l, "javascript:"), strings.HasPrefix(l, "vbscript:"):
		return true
	case !strings.HasPrefix(l, "data:"):
		return false
	case image:
		for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(l, t) && len(l) > len(t) && (l[len(t)] == ';' || l[len(t)] == ',') {
				return false
			}
		}
	}
	return true
}
