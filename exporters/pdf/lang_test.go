package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/tree"
)

// langSource has passages in other languages the ways a Markdown notice
// writes them: inline raw HTML with lang (a span, a quotation, a span
// holding a link), an HTML block, Markdown inside an HTML block
// (md_in_html), and a span in the document's own language (no /Lang).
const langSource = `---
title: Languages
locale: en
---
# Languages

We say <span lang="fr">bonjour tout le monde</span> and <q lang="de">guten Tag</q> here.

In French: <span lang="fr">voir [les conditions](https://example.org/fr) maintenant</span>, then English again.

<p lang="es">Hola desde un bloque HTML.</p>

<div lang="it" markdown>
Un paragrafo **italiano** in Markdown.

- una voce di elenco
</div>

Back in English, <span lang="en">same language</span> and <span lang="pt-br">olá</span>.
`

// langPassage is a text in a language.
type langPassage struct{ lang, text string }

// htmlLangs returns the passages of an HTML page's body with a lang
// attribute of their own.
func htmlLangs(t *testing.T, page []byte) []langPassage {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []langPassage
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data != "html" {
			for _, a := range n.Attr {
				if a.Key == "lang" {
					out = append(out, langPassage{a.Val, squash(nodeText(n))})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// pdfLangs returns the structure elements of a tagged PDF that have a
// /Lang, with their text as poppler's pdfinfo -struct-text reads it (the
// two readers list the elements in the same depth-first order), and the
// catalog's /Lang.
func pdfLangs(t *testing.T, data []byte) (catalog string, out []langPassage) {
	t.Helper()
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := f.Resolve(f.Catalog()["Lang"]).(pdfcheck.String)
	catalog = string(s)
	type elem struct {
		typ, lang string
	}
	var elems []elem
	var visit func(v any)
	visit = func(v any) {
		if a, ok := f.Resolve(v).(pdfcheck.Array); ok {
			for _, k := range a {
				visit(k)
			}
			return
		}
		d := f.Dict(v)
		if d == nil || f.Name(d["S"]) == "" {
			return
		}
		e := elem{typ: string(f.Name(d["S"]))}
		if l, ok := f.Resolve(d["Lang"]).(pdfcheck.String); ok {
			e.lang = pdfString(l)
		}
		elems = append(elems, e)
		visit(d["K"])
	}
	visit(f.Dict(f.Catalog()["StructTreeRoot"])["K"])
	nodes := popplerStruct(t, data)
	if len(nodes) != len(elems) {
		t.Fatalf("pdfinfo lists %d structure elements, the file has %d", len(nodes), len(elems))
	}
	for i, e := range elems {
		if nodes[i].typ != e.typ {
			t.Fatalf("element %d: pdfinfo says %s, the file %s", i, nodes[i].typ, e.typ)
		}
		if e.lang != "" {
			out = append(out, langPassage{e.lang, squash(nodes[i].text.String())})
		}
	}
	return catalog, out
}

// pdfString decodes a PDF text string (UTF-16BE with a byte-order mark, or
// ASCII here).
func pdfString(s pdfcheck.String) string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		var r []rune
		for i := 2; i+1 < len(s); i += 2 {
			r = append(r, rune(s[i])<<8|rune(s[i+1]))
		}
		return string(r)
	}
	return string(s)
}

// TestLangSpans: every passage the HTML export marks with a lang attribute
// in another language than the document's is a structure element with
// that /Lang in the PDF (a Span inline, a Div around blocks) holding the
// same text, and no other element has a /Lang; the catalog has the
// export locale.
func TestLangSpans(t *testing.T) {
	if !hasTool("pdfinfo") {
		t.Skip("pdfinfo (poppler-utils) not installed; skipping the language comparison")
	}
	file := filepath.Join(t.TempDir(), "languages.md")
	if err := os.WriteFile(file, []byte(langSource), 0o644); err != nil {
		t.Fatal(err)
	}
	data, doc, _ := convert(t, file, "", false)
	var page bytes.Buffer
	if err := htmlexp.New().Export(&page, doc, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	var want []langPassage
	for _, p := range htmlLangs(t, page.Bytes()) {
		if p.lang != "en" {
			want = append(want, p)
		}
	}
	if len(want) != 6 {
		t.Fatalf("the HTML export has %d passages in other languages, want 6: %q", len(want), want)
	}
	vs, err := pdfcheck.Check(data, pdfcheck.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("pdfcheck: %s", v)
	}
	catalog, got := pdfLangs(t, data)
	if catalog != "en" {
		t.Errorf("catalog /Lang %q, want en", catalog)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.EqualFold(g.lang, w.lang) && g.text == w.text {
				found = true
			}
		}
		if !found {
			t.Errorf("no element with /Lang %s holds %q; elements with /Lang: %q", w.lang, w.text, got)
		}
	}
	t.Logf("passages in other languages: %q", got)
	if len(got) != len(want) {
		t.Errorf("%d elements with /Lang, want %d: %q", len(got), len(want), got)
	}
}

// TestLangFallback: a locale with no translation is exported with the
// default-language body; the catalog has the export locale (its labels),
// the Document element the body's language.
func TestLangFallback(t *testing.T) {
	_, doc, _ := convert(t, "../../example/notices/privacy-notice.md", "", false)
	doc.Meta.Locale = "de"
	doc.Meta.Translation = &tree.Translation{Fallback: true, SourceLocale: "en", SourcePath: doc.Meta.Source.Path}
	var buf bytes.Buffer
	if err := pdf.New().Export(&buf, doc, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := pdfcheck.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	lang, _ := f.Resolve(f.Catalog()["Lang"]).(pdfcheck.String)
	root := f.Dict(f.Array(f.Dict(f.Catalog()["StructTreeRoot"])["K"])[0])
	body, _ := f.Resolve(root["Lang"]).(pdfcheck.String)
	if string(lang) != "de" || f.Name(root["S"]) != "Document" || string(body) != "en" {
		t.Errorf("catalog /Lang %q, %s /Lang %q; want de, Document en", lang, f.Name(root["S"]), body)
	}
}
