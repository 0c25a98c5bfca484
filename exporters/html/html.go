// Package html writes galley's document tree as HTML5.
//
// By default Export writes a standalone page: a doctype, <html lang dir>
// from the document's locale and direction, UTF-8 and viewport metadata, the
// title, and a small embedded stylesheet for a clean, print-friendly policy
// page (a readable measure, system fonts, bordered tables, admonition boxes
// colored by kind, print rules). The document's own level-1 heading is its
// title; only a document without one gets an <h1> with Meta.Title on top.
// With Options.Fragment the body alone is written, with no page around it.
//
// # Markup
//
//   - Headings carry their id (Heading.ID, filled by the resolve stage with
//     MkDocs-compatible slugs); no id is written when it is empty.
//   - Dates are <time datetime="2025-12-16">December 16, 2025</time>: the
//     attribute is the ISO date for date styles and RFC 3339 for the
//     datetime styles, the text is Date.Text.
//   - Admonitions are <aside class="admonition note"> with a
//     <p class="admonition-title"> (the localized kind when no title is
//     given; none when the title is empty); collapsibles are
//     <details class="admonition note"><summary>…</summary>…</details>.
//   - Content tabs are script-free: <section class="tabs"> holding one
//     <section class="tab" id="…"> per tab, titled by a <p class="tab-title">
//     (not a heading, to keep the document's outline), so every tab shows in
//     print and archives.
//   - Footnotes are a <section class="footnotes"> ordered list with
//     back-links; references and definitions use MkDocs' ids (fnref:label,
//     fn:label).
//   - Task items have disabled checkboxes; anchors are <a id="…"></a>;
//     images keep the safe attributes of their attribute list (loading,
//     width, height, class). Local PNG, GIF, JPEG and WebP images (relative
//     to Options.BaseDir, up to MaxEmbeddedImage) are embedded as data:
//     URLs, so a page is one self-contained file; others stay links.
//   - Table column alignment is style="text-align: …" on pages (HTML5 has no
//     align attribute) and align="…" in fragments, as cmark-gfm writes it.
//   - Links use Link.Target (the resolved destination) when set, else
//     Link.URL; URLs are percent-encoded as CommonMark renderers do, and a
//     "#" inside a fragment becomes %23 (HTML5 allows only one).
//
// # Raw HTML
//
// Options.RawHTML decides what happens to raw HTML blocks and inline tags:
// RawSanitize (the default, also for "") keeps safe markup through a
// bluemonday policy (inline tags are sanitized together with the rest of
// their paragraph, so `<a id>` anchors and `<br>` survive); RawTrusted
// writes it verbatim; RawDrop removes it (an HTML block is then replaced by
// the tree blocks the HTML reader made of it, if any). Outside trusted mode,
// Markdown links with javascript:, vbscript:, file: or data: URLs, and
// images with those but PNG, GIF, JPEG and WebP data, get an empty
// destination.
//
// # Templates
//
// Options.Template, when set, is html/template source that replaces the
// default page. It is executed with a Page value:
//
//	Title string        // Meta.Title, else the first level-1 heading, else the file name
//	Lang  string        // Meta.Locale (BCP 47)
//	Dir   string        // Meta.Direction, "ltr" when empty
//	Body  template.HTML // the rendered body (what Fragment mode writes)
//	Meta  tree.Meta     // all document metadata (dates, source, front matter, …)
//	CSS   template.CSS  // galley's default stylesheet
//
// For example:
//
//	<!DOCTYPE html><html lang="{{.Lang}}" dir="{{.Dir}}"><head><meta charset="utf-8">
//	<title>{{.Title}}</title><style>{{.CSS}}</style></head><body>{{.Body}}</body></html>
//
// The output is deterministic: the same tree and options give the same
// bytes. Export never modifies the tree and is safe for concurrent use.
package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

//go:embed style.css
var styleCSS string

// CSS returns the default stylesheet embedded in standalone pages.
func CSS() string { return styleCSS }

// Exporter writes HTML. The zero value is ready to use.
type Exporter struct{}

// New returns the HTML exporter.
func New() *Exporter { return &Exporter{} }

// Name returns "html".
func (*Exporter) Name() string { return "html" }

// Extension returns "html".
func (*Exporter) Extension() string { return "html" }

// Traits: every run exports HTML unless -f says otherwise; it writes the source's raw HTML and URLs.
func (*Exporter) Traits() exporters.Traits {
	return exporters.Traits{Default: true, CarriesRawHTML: true}
}

// Page is the value a user template (Options.Template) is executed with.
type Page struct {
	Title string
	Lang  string
	Dir   string
	Body  template.HTML
	Meta  tree.Meta
	CSS   template.CSS
}

var _ exporters.Exporter = (*Exporter)(nil)

// Export writes doc as HTML to w.
func (*Exporter) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	if doc == nil {
		return fmt.Errorf("html: no document")
	}
	if opts.Template != "" && !opts.Fragment {
		return executeTemplate(w, doc, opts)
	}
	// Straight into w when it is a buffer (the engine's are reused from
	// one output to the next), else into one of our own, written at once.
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = new(bytes.Buffer)
		buf.Grow(4096)
	}
	if opts.Fragment {
		newRenderer(buf, opts, false).document(doc)
	} else {
		writePage(buf, doc, opts)
	}
	if direct {
		return nil
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("html: write: %w", err)
	}
	return nil
}

// Render returns the body of doc (what Fragment mode writes), rendered with
// opts as on a page.
func Render(doc *tree.Document, opts exporters.Options) string {
	var buf bytes.Buffer
	newRenderer(&buf, opts, true).document(doc)
	return buf.String()
}

func writePage(buf *bytes.Buffer, doc *tree.Document, opts exporters.Options) {
	title := pageTitle(doc)
	buf.WriteString("<!DOCTYPE html>\n<html")
	if doc.Meta.Locale != "" {
		buf.WriteString(` lang="`)
		escape(buf, doc.Meta.Locale)
		buf.WriteString(`"`)
	}
	buf.WriteString(` dir="`)
	buf.WriteString(direction(doc.Meta.Direction))
	buf.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n")
	buf.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	if opts.Producer != "" {
		buf.WriteString(`<meta name="generator" content="`)
		escape(buf, opts.Producer)
		buf.WriteString("\">\n")
	}
	if d := doc.Meta.Revision; d != nil && !d.Time.IsZero() {
		buf.WriteString(`<meta name="dcterms.modified" content="` + d.Time.Format("2006-01-02") + "\">\n")
	}
	buf.WriteString("<title>")
	escape(buf, title)
	buf.WriteString("</title>\n<style>\n")
	buf.WriteString(styleCSS)
	if doc.Redline != nil {
		buf.WriteString(redlineCSS[1:])
	}
	buf.WriteString("</style>\n</head>\n<body>\n")
	if doc.Redline != nil {
		writeRedlineHeader(buf, doc, opts)
	}
	buf.WriteString("<main")
	if tr := doc.Meta.Translation; tr != nil && tr.Fallback && tr.SourceLocale != "" && tr.SourceLocale != doc.Meta.Locale {
		// A locale without a translation shows the default body: the page
		// is in the locale (its labels, dates, lang), the body in its own
		// language, which screen readers and hyphenation need to know.
		buf.WriteString(` lang="`)
		escape(buf, tr.SourceLocale)
		buf.WriteString(`"`)
	}
	buf.WriteString(">\n")
	if t := strings.TrimSpace(doc.Meta.Title); t != "" && !tree.ShowsTitle(doc) {
		// The class lets galley's HTML reader tell this title from a heading
		// of the body (htmlreader.TitleClass).
		buf.WriteString(`<h1 class="doc-title">`)
		escape(buf, t)
		buf.WriteString("</h1>\n")
	}
	newRenderer(buf, opts, true).document(doc)
	buf.WriteString("</main>\n</body>\n</html>\n")
}

func direction(d string) string {
	if d == "rtl" {
		return "rtl"
	}
	return "ltr"
}

// pageTitle is the page's <title>: the document's title (tree.DisplayTitle).
func pageTitle(doc *tree.Document) string { return tree.DisplayTitle(doc) }

// templates caches parsed user templates by source.
var templates sync.Map // string → *template.Template

func executeTemplate(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	var t *template.Template
	if v, ok := templates.Load(opts.Template); ok {
		t = v.(*template.Template)
	} else {
		var err error
		t, err = template.New("page").Parse(opts.Template)
		if err != nil {
			return fmt.Errorf("html: parse template: %w", err)
		}
		templates.Store(opts.Template, t)
	}
	page := Page{
		Title: pageTitle(doc),
		Lang:  doc.Meta.Locale,
		Dir:   direction(doc.Meta.Direction),
		Body:  template.HTML(Render(doc, opts)),
		Meta:  doc.Meta,
		CSS:   template.CSS(styleCSS),
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, page); err != nil {
		return fmt.Errorf("html: execute template: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("html: write: %w", err)
	}
	return nil
}
