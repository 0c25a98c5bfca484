package html_test

import (
	"bytes"
	"fmt"
	"strings"

	galleyhtml "github.com/galleydoc/galley/exporters/html"
	"golang.org/x/net/html"
)

// scriptElements are elements that run or load active content wherever they
// appear (a page's own stylesheet, in <head>, is allowed separately).
var scriptElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true,
	"object": true, "embed": true, "applet": true, "style": true,
	"base": true, "link": true, "noscript": true, "template": true,
	"portal": true, "xml": true, "import": true,
}

// urlAttrs are attributes holding a URL that a browser follows or loads.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true,
	"data": true, "poster": true, "background": true, "codebase": true,
	"cite": true, "longdesc": true, "lowsrc": true, "dynsrc": true,
	"srcset": true, "ping": true, "manifest": true, "icon": true,
	"xlink:href": true,
}

// executableIn parses page (a whole page, or a fragment when fragment is
// true) as a browser would and returns a description of every element or
// attribute able to run script: script-like elements, on* handlers,
// javascript:/vbscript:/data: URLs (data: images in PNG, GIF, JPEG or WebP
// on <img src> excepted) after entity decoding and whitespace/control
// stripping, meta refreshes and style attributes with URLs or expressions.
// A parse error is reported too.
func executableIn(page []byte, fragment bool) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var found []string
	add := func(n *html.Node, format string, args ...any) {
		found = append(found, fmt.Sprintf("<%s>: ", n.Data)+fmt.Sprintf(format, args...))
	}
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			name := strings.ToLower(n.Data)
			if name == "head" {
				inHead = true
			}
			switch {
			case name == "style" && inHead && !fragment && n.Namespace == "" && ownStylesheet(n):
				// the page's embedded stylesheet
			case scriptElements[name]:
				add(n, "script-capable element")
			case name == "meta":
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, "http-equiv") {
						add(n, "http-equiv=%q", a.Val)
					}
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = strings.ToLower(a.Namespace) + ":" + key
				}
				local := key[strings.LastIndexByte(key, ':')+1:]
				switch {
				case strings.HasPrefix(local, "on"):
					add(n, "event handler %s=%q", key, a.Val)
				case urlAttrs[key] || urlAttrs[local]:
					if bad := dangerousURL(name, local, a.Val); bad != "" {
						add(n, "%s=%q (%s)", key, a.Val, bad)
					}
				case local == "style":
					v := strings.ToLower(stripControls(a.Val))
					for _, w := range []string{"url(", "expression(", "javascript:", "@import", "behavior:", "-moz-binding"} {
						if strings.Contains(v, w) {
							add(n, "style=%q", a.Val)
							break
						}
					}
				case local == "srcdoc":
					add(n, "%s=%q", key, a.Val)
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

// ownStylesheet reports whether a <style> element holds exactly galley's
// embedded stylesheet.
func ownStylesheet(n *html.Node) bool {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode {
			return false
		}
		b.WriteString(c.Data)
	}
	return strings.TrimSpace(b.String()) == strings.TrimSpace(galleyhtml.CSS()) && len(n.Attr) == 0
}

// stripControls removes, on the safe side of what browsers ignore in a
// URL's scheme (leading C0 controls and spaces, tabs and newlines
// anywhere), every C0 control, space and DEL. (Other characters, such as
// C1 controls or U+FEFF, make the scheme invalid: a relative URL.)
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// dangerousURL names the scheme of an attribute's URL when it runs script
// or embeds arbitrary content, "" when it is safe. The value is as the
// parser decoded it (entities already resolved).
func dangerousURL(elem, attr, val string) string {
	v := strings.ToLower(stripControls(val))
	if attr == "srcset" || attr == "ping" {
		// lists: check each candidate
		for _, part := range strings.FieldsFunc(strings.ToLower(val), func(r rune) bool { return r == ',' || r == ' ' }) {
			if bad := dangerousURL(elem, "href", part); bad != "" {
				return bad
			}
		}
		return ""
	}
	for _, scheme := range []string{"javascript:", "vbscript:", "livescript:", "mocha:"} {
		if strings.HasPrefix(v, scheme) {
			return scheme
		}
	}
	if strings.HasPrefix(v, "data:") {
		if elem == "img" && attr == "src" {
			for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
				if strings.HasPrefix(v, t) && len(v) > len(t) && (v[len(t)] == ';' || v[len(t)] == ',') {
					return ""
				}
			}
		}
		return "data:"
	}
	return ""
}
