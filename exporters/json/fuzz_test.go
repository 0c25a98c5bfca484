package json_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	galleyjson "github.com/galleydoc/galley/exporters/json"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FuzzExport builds trees from arbitrary input — through the Markdown
// reader (raw HTML blocks read by the HTML reader, as the pipeline does)
// and, when the input is galley JSON, through treejson.Decode — and exports
// each in the three raw HTML modes. Every output must be valid JSON that
// reads back into a tree and is deterministic; outside trusted mode no raw
// HTML field may hold script-capable elements, event handlers or
// javascript:-style URLs, and no link or image URL may be one. (Text fields
// are data, escaped by every renderer: a paragraph may well say
// "javascript:".)
func FuzzExport(f *testing.F) {
	for _, glob := range []string{
		"../../example/notices/*.md",
		"../../pipeline/markdown/testdata/constructs/*.md",
		"../../pipeline/treejson/testdata/*.json",
		"testdata/*.json",
	} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n",
		"Text <svg onload=alert(1)> and <a href=\"jav&#x09;ascript:alert(1)\">x</a>\n",
		"![x](data:text/html;base64,PHNjcmlwdD4=) ![y](data:image/png;base64,iVBORw0KGgo=)\n",
		"[a](<jav\tascript:alert(1)>) [b](<\x01javascript:alert(1)>) ![c](<java\nscript:x>)\n",
		"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n",
		`{"schema":"galley/v1","blocks":[{"type":"html_block","html":"<iframe src=javascript:alert(1)></iframe>"},` +
			`{"type":"paragraph","content":[{"type":"raw_html","html":"<b onclick=x>"},{"type":"link","url":"VBScript:x","target":" javascript:x","content":[]},` +
			`{"type":"image","url":"data:image/svg+xml;base64,PHN2Zz4=","alt":"a"}]}]}`,
	} {
		f.Add([]byte(s))
	}
	reader := markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		var docs []*tree.Document
		if doc, err := reader.Read(src, "fuzz.md"); err == nil {
			docs = append(docs, doc)
		}
		if bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")) {
			if doc, err := treejson.Decode(src); err == nil {
				docs = append(docs, doc)
			}
		}
		for _, doc := range docs {
			for _, mode := range []exporters.RawHTMLMode{exporters.RawSanitize, exporters.RawDrop, exporters.RawTrusted} {
				opts := exporters.Options{RawHTML: mode}
				var a, b bytes.Buffer
				if err := galleyjson.New().Export(&a, doc, opts); err != nil {
					t.Fatalf("%s: %v", mode, err)
				}
				if err := galleyjson.New().Export(&b, doc, opts); err != nil {
					t.Fatalf("%s (again): %v", mode, err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("%s: two exports differ", mode)
				}
				if i := bytes.IndexAny(a.Bytes(), "<>&"); i >= 0 {
					t.Fatalf("%s: %q written unescaped at byte %d", mode, a.Bytes()[i], i)
				}
				var v any
				if err := json.Unmarshal(a.Bytes(), &v); err != nil {
					t.Fatalf("%s: invalid JSON: %v\n%s", mode, err, a.Bytes())
				}
				back, err := treejson.Decode(a.Bytes())
				if err != nil {
					t.Fatalf("%s: does not read back: %v\n%s", mode, err, a.Bytes())
				}
				if mode == exporters.RawTrusted {
					again, err := treejson.Encode(back)
					if err != nil {
						t.Fatalf("re-encode: %v", err)
					}
					if !bytes.Equal(again, a.Bytes()) {
						t.Fatalf("trusted: decode → encode changes the JSON:\n%s\n---\n%s", a.Bytes(), again)
					}
					continue
				}
				if found := unsafeJSON(v); len(found) > 0 {
					t.Fatalf("%s: JSON carries script:\n%s\n--- output:\n%s", mode, strings.Join(found, "\n"), a.Bytes())
				}
			}
		}
	})
}

// unsafeJSON returns what in a decoded galley JSON document could run
// script once rendered: script-capable elements, event handlers or
// dangerous URLs in "html" fields, dangerous "url" and "target" values.
func unsafeJSON(v any) []string {
	var found []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			image := v["type"] == "image"
			for k, e := range v {
				s, ok := e.(string)
				switch {
				case ok && k == "html":
					for _, p := range unsafeHTML(s) {
						found = append(found, "html "+p+" in "+s)
					}
				case ok && (k == "url" || k == "target"):
					if badURL(s, image) {
						found = append(found, k+" "+s)
					}
				default:
					walk(e)
				}
			}
		}
	}
	walk(v)
	return found
}

// unsafeHTML parses a fragment as a browser would (in a <body>) and names
// its script-capable parts.
func unsafeHTML(s string) []string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var found []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch strings.ToLower(n.Data) {
			case "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style",
				"base", "link", "meta", "noscript", "template", "form":
				found = append(found, "<"+n.Data+">")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"):
					found = append(found, "<"+n.Data+" "+key+">")
				case key == "href" || key == "src" || key == "action" || key == "formaction" ||
					key == "data" || key == "poster" || key == "background" || key == "srcdoc":
					if badURL(a.Val, n.Data == "img" && key == "src") {
						found = append(found, "<"+n.Data+" "+key+"="+a.Val+">")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return found
}

// badURL reports a javascript:, vbscript: or data: URL (data: PNG, GIF,
// JPEG and WebP allowed on images), after removing the whitespace and
// control characters browsers ignore.
func badURL(u string, image bool) bool {
	l := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, u))
	if strings.HasPrefix(l, "javascript:") || strings.HasPrefix(l, "vbscript:") {
		return true
	}
	if !strings.HasPrefix(l, "data:") {
		return false
	}
	if image {
		for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(l, t) && len(l) > len(t) && (l[len(t)] == ';' || l[len(t)] == ',') {
				return false
			}
		}
	}
	return true
}
