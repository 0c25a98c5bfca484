package html_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// xssVector is a script-injection attempt written as a Markdown document.
// html, when set, is the same attack as an HTML fragment (fed as a raw HTML
// block and as an HTML page through --from html); for Markdown-only
// constructs it is empty.
type xssVector struct {
	name string
	md   string
	html string
	// rejected: the document is refused (a convert error) rather than
	// exported, which is as safe.
	rejected bool
}

// xssVectors follow the OWASP XSS filter evasion cheat sheet and the
// mutation-XSS and Markdown-specific tricks of sanitizer test suites.
var xssVectors = func() []xssVector {
	var vs []xssVector
	// HTML vectors: each is a Markdown document (an HTML block) and an HTML input.
	for _, h := range []struct{ name, html string }{
		{"script", `<script>alert(1)</script>`},
		{"script src upper", `<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`},
		{"script split", `<scr<script>ipt>alert(1)</scr</script>ipt>`},
		{"script no closing", `<script src=//xss.example/a.js?< B >`},
		{"img onerror", `<img src=x onerror=alert(1)>`},
		{"img onerror quoted", `<IMG SRC="x" ONERROR="alert(String.fromCharCode(88,83,83))">`},
		{"img javascript src", `<IMG SRC="javascript:alert('XSS');">`},
		{"img javascript no quotes", `<IMG SRC=JaVaScRiPt:alert('XSS')>`},
		{"img entity javascript", `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`},
		{"img hex entity no semicolon", `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`},
		{"img grave accent", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>"},
		{"img malformed a", `<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>`},
		{"svg onload", `<svg onload=alert(1)>`},
		{"svg script", `<svg><script>alert(1)</script></svg>`},
		{"svg animate href", `<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a><animate attributeName="href" to="javascript:alert(1)"/></svg>`},
		{"a javascript", `<a href="javascript:alert(1)">x</a>`},
		{"a tab in scheme", `<a href="jav&#x09;ascript:alert(1)">x</a>`},
		{"a newline in scheme", "<a href=\"jav\nascript:alert(1)\">x</a>"},
		{"a entity scheme", `<a href="&#106;avascript:alert(1)">x</a>`},
		{"a mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`},
		{"a leading space and control", `<a href=" &#14;  javascript:alert(1)">x</a>`},
		{"a vbscript", `<a href="vbscript:msgbox(1)">x</a>`},
		{"a data html", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`},
		{"a onclick with id", `<a id="x" onclick="alert(1)">x</a>`},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`},
		{"iframe javascript", `<iframe src=javascript:alert(1)></iframe>`},
		{"iframe srcdoc", `<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`},
		{"object", `<object data="javascript:alert(1)"></object>`},
		{"embed", `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`},
		{"math mutation", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`},
		{"noscript mutation", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`},
		{"style import", `<style>@import 'https://evil.example/x.css';</style>`},
		{"style attribute", `<div style="background:url(javascript:alert(1))">x</div>`},
		{"body onload", `<body onload=alert(1)>`},
		{"input autofocus onfocus", `<input autofocus onfocus=alert(1)>`},
		{"details ontoggle", `<details open ontoggle=alert(1)><summary>x</summary></details>`},
		{"form action", `<form action=javascript:alert(1)><input type=submit></form>`},
		{"button formaction", `<form><button formaction=javascript:alert(1)>x</button></form>`},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`},
		{"base href", `<base href="javascript:alert(1)//">`},
		{"link stylesheet", `<link rel=stylesheet href=javascript:alert(1)>`},
		{"table background", `<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`},
		{"video poster", `<video poster=javascript:alert(1)></video>`},
		{"marquee onstart", `<marquee onstart=alert(1)>x</marquee>`},
		{"template", `<template><script>alert(1)</script></template>`},
		{"comment trick", `<!--<img src="--><img src=x onerror=alert(1)//">`},
		{"cdata trick", `<![CDATA[<]]><script>alert(1)</script>`},
		{"textarea breakout", `<textarea></textarea><script>alert(1)</script>`},
		{"title breakout", `<title></title><script>alert(1)</script>`},
		{"data image svg", `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`},
		{"img srcset", `<img srcset="javascript:alert(1) 1x">`},
		{"entity tricks", `<a href="javascript&colon;alert(1)">x</a><a href="java&Tab;script:alert(1)">y</a><a href="&#x6A;avascript&#x3A;alert(1)">z</a>`},
		{"null byte", "<a href=\"java\x00script:alert(1)\">x</a><scr\x00ipt>alert(1)</script>"},
	} {
		vs = append(vs, xssVector{name: h.name, md: h.html + "\n", html: h.html})
	}
	// Markdown vectors.
	vs = append(vs, xssVector{name: "front matter locale", md: "---\nlocale: 'en\" onload=\"alert(1)'\n---\n\nText\n", rejected: true})
	for _, m := range []struct{ name, md string }{
		{"md link javascript", "[x](javascript:alert(1))\n"},
		{"md link entity", "[x](&#106;avascript:alert(1))\n"},
		{"md link percent", "[x](javascript%3Aalert(1))\n"},
		{"md link case", "[x](JaVaScRiPt:alert(1))\n"},
		{"md link angle", "[x](<javascript:alert(1)>)\n"},
		{"md reference link", "[x][r]\n\n[r]: javascript:alert(1)\n"},
		{"md image javascript", "![x](javascript:alert(1))\n"},
		{"md image data html", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n"},
		{"md image data svg", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n"},
		{"md link vbscript", "[x](vbscript:msgbox(1))\n"},
		{"md link data image", "[x](data:image/png;base64,iVBORw0KGgo=) [y](<data:image/png;>)\n"},
		{"autolink breakout", "<https://x\"onmouseover=\"alert(1)>\n"},
		{"autolink javascript", "<javascript:alert(1)>\n"},
		{"bare url breakout", "https://x.example/\"onmouseover=\"alert(1)\n"},
		{"link title quotes", "[x](https://x.example/ \"a\\\" onmouseover=\\\"alert(1)\")\n"},
		{"link title markup", "[x](https://x.example/ '\"><script>alert(1)</script>')\n"},
		{"attr list paragraph", "Text\n{: onclick=\"alert(1)\" }\n"},
		{"attr list image", "![x](a.png){ onerror=alert(1) }\n"},
		{"attr list image width", "![x](a.png){ width=\"1\\\" onerror=\\\"alert(1)\" }\n"},
		{"attr list heading id", "# Title {: #x\" onclick=\"alert(1) }\n"},
		{"attr list class", "Text\n{: .x\" onclick=\"alert(1) }\n"},
		{"front matter title", "---\ntitle: \"</title><script>alert(1)</script>\"\n---\n\nText\n"},
		{"admonition title", "!!! note \"<img src=x onerror=alert(1)>\"\n    body\n"},
		{"admonition kind", "!!! note\"onclick=\"alert(1) \"t\"\n    body\n"},
		{"collapsible title", "??? warning \"<svg onload=alert(1)>\"\n    body\n"},
		{"tab title", "=== \"<img src=x onerror=alert(1)>\"\n    body\n"},
		{"code language", "```js\" onmouseover=\"alert(1)\nx\n```\n"},
		{"code language markup", "```<script>alert(1)</script>\nx\n```\n"},
		{"footnote label markup", "Text[^<img src=x onerror=alert(1)>]\n\n[^<img src=x onerror=alert(1)>]: note\n"},
		{"footnote label quote", "Text[^a\"onclick=\"alert(1)]\n\n[^a\"onclick=\"alert(1)]: note\n"},
		{"anchor", "<a id=\"x\" onclick=\"alert(1)\"></a>\n\nText\n"},
		{"date macro next to raw html", "Updated **{{ git_revision_date_localized }}**<img src=x onerror=alert(1)>\n"},
		{"inline raw in emphasis", "*<img src=x onerror=alert(1)>* and <span onmouseover=alert(1)>x</span>\n"},
		{"heading raw", "# <img src=x onerror=alert(1)> title\n"},
		{"table cell raw", "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n"},
		{"list item raw", "- <iframe src=javascript:alert(1)>\n- [x] <svg onload=alert(1)>\n"},
		{"md in html block", "<div markdown=\"1\">\n[x](javascript:alert(1))\n</div>\n"},
		{"html then md link", "<details open ontoggle=alert(1)>\n\n[x](javascript:alert(1))\n\n</details>\n"},
	} {
		vs = append(vs, xssVector{name: m.name, md: m.md})
	}
	return vs
}()

// jsonExecutable returns what in a decoded galley JSON export could run
// script once rendered: markup fields ("html") are parsed and walked as
// HTML fragments, URL fields ("url", "target") checked by scheme (data:
// images allowed on images). Text fields are data, written escaped by every
// exporter, and are not markup.
func jsonExecutable(v any) []string {
	var found []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			elem, attr := "a", "href"
			if v["type"] == "image" {
				elem, attr = "img", "src"
			}
			for k, e := range v {
				s, ok := e.(string)
				switch {
				case ok && k == "html":
					for _, f := range executableIn([]byte(s), true) {
						found = append(found, "html: "+f)
					}
				case ok && (k == "url" || k == "target"):
					if bad := dangerousURL(elem, attr, s); bad != "" {
						found = append(found, k+": "+s)
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

// TestXSSVectors feeds every vector through the whole pipeline, read as
// Markdown, and (for HTML vectors) as an HTML page, in the default raw HTML
// mode: the HTML page and fragment carry nothing executable, the JSON is
// valid with no script, javascript: URL or event handler in any string, and
// the text and PDF exports succeed.
func TestXSSVectors(t *testing.T) {
	if len(xssVectors) < 40 {
		t.Fatalf("only %d vectors", len(xssVectors))
	}
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	engine := func(format string, fragment bool) *pipeline.Engine {
		e, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{format}, Fragment: fragment, Date: &date})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	page, frag := engine("html", false), engine("html", true)
	js, txt, pdf := engine("json", false), engine("txt", false), engine("pdf", false)
	for _, v := range xssVectors {
		inputs := []struct{ kind, from, src string }{{"markdown", "markdown", v.md}}
		if v.html != "" {
			inputs = append(inputs,
				struct{ kind, from, src string }{"raw html in a paragraph", "markdown", "Before " + v.html + " after.\n"},
				struct{ kind, from, src string }{"html input", "html", "<!DOCTYPE html><html><head><title>T</title></head><body><main><h1>T</h1>\n" + v.html + "\n<p>after</p></main></body></html>\n"},
			)
		}
		for _, in := range inputs {
			t.Run(v.name+"/"+in.kind, func(t *testing.T) {
				name := "vector.md"
				if in.from == "html" {
					name = "vector.html"
				}
				convert := func(e *pipeline.Engine) []byte {
					t.Helper()
					var out bytes.Buffer
					err := e.Convert(context.Background(), []byte(in.src), name, in.from, "", &out, &diag.Sink{})
					switch {
					case v.rejected && err == nil:
						t.Fatalf("convert: accepted:\n%s", out.Bytes())
					case v.rejected:
						t.Skipf("rejected as expected: %v", err)
					case err != nil:
						t.Fatalf("convert: %v", err)
					}
					return out.Bytes()
				}
				for _, c := range []struct {
					e        *pipeline.Engine
					fragment bool
				}{{page, false}, {frag, true}} {
					out := convert(c.e)
					if found := executableIn(out, c.fragment); len(found) > 0 {
						t.Errorf("fragment=%v: executable content survives:\n%s\n--- output:\n%s", c.fragment, strings.Join(found, "\n"), out)
					}
				}
				out := convert(js)
				var decoded any
				if err := json.Unmarshal(out, &decoded); err != nil {
					t.Fatalf("json: %v\n%s", err, out)
				}
				if found := jsonExecutable(decoded); len(found) > 0 {
					t.Errorf("json carries script:\n%s", strings.Join(found, "\n"))
				}
				if b := convert(txt); len(b) == 0 {
					t.Error("empty text export")
				}
				if b := convert(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Error("pdf export is not a PDF")
				}
			})
		}
	}
}
