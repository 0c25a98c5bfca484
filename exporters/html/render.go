package html

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/rawhtml"
	"github.com/galleydoc/galley/pipeline/tree"
)

// renderer writes one document's body. It is created per Export call, so
// exporting is safe for concurrent use.
type renderer struct {
	buf  *bytes.Buffer
	opts exporters.Options
	mode exporters.RawHTMLMode
	// wholeRaw is set while inlineBlock renders a block holding raw HTML
	// to be sanitized whole.
	wholeRaw bool
	// page is true for standalone pages: table alignment is written as CSS
	// (HTML5 has no align attribute); fragments use align="…" like
	// cmark-gfm and goldmark.
	page bool
	// footnote numbering and back-reference counting
	fnIndex map[string]int
	fnRefs  map[string]int
	// images caches embedded images by file ("" when not embedded).
	images map[string]string
	// redline is set for a redline document; anchored records the changes
	// whose anchor is written (see redline.go).
	redline  bool
	anchored map[int]bool
	deleted  int // depth of deleted content being written
}

func newRenderer(buf *bytes.Buffer, opts exporters.Options, page bool) *renderer {
	mode := opts.RawHTML
	if mode == "" {
		mode = exporters.RawSanitize
	}
	return &renderer{buf: buf, opts: opts, mode: mode, page: page}
}

func (r *renderer) s(s string) { r.buf.WriteString(s) }

// document writes the blocks and the footnote section.
func (r *renderer) document(doc *tree.Document) {
	r.redline = doc.Redline != nil
	r.blocks(doc.Blocks, false)
	r.footnotes(doc)
}

func (r *renderer) blocks(list []tree.Block, tight bool) {
	for i, b := range list {
		if tight {
			if p, ok := b.(*tree.Paragraph); ok {
				r.inlineBlock(p.Content)
				if i+1 < len(list) {
					r.buf.WriteByte('\n')
				}
				continue
			}
		}
		if bc, ok := b.(*tree.BlockChange); ok {
			r.changeBlock(bc, tight)
			continue
		}
		r.block(b)
	}
}

func (r *renderer) block(b tree.Block) {
	switch b := b.(type) {
	case *tree.Heading:
		lvl := b.Level
		if lvl < 1 {
			lvl = 1
		} else if lvl > 6 {
			lvl = 6
		}
		tag := "h" + strconv.Itoa(lvl)
		r.s("<" + tag)
		r.idClass(b.ID, b.Attr.Classes)
		r.s(">")
		r.inlineBlock(b.Content)
		r.s("</" + tag + ">\n")
	case *tree.Paragraph:
		r.s("<p")
		r.idClass(b.Attr.ID, b.Attr.Classes)
		r.s(">")
		r.inlineBlock(b.Content)
		r.s("</p>\n")
	case *tree.List:
		r.list(b)
	case *tree.Quote:
		r.s("<blockquote>\n")
		r.blocks(b.Blocks, false)
		r.s("</blockquote>\n")
	case *tree.CodeBlock:
		// tabindex: on a page, a code block wider than the window scrolls,
		// and only a focusable one can be scrolled from the keyboard (WCAG
		// 2.1.1). Fragments keep cmark-gfm's markup.
		if r.page {
			r.s(`<pre tabindex="0"><code`)
		} else {
			r.s("<pre><code")
		}
		if lang := codeLanguage(b); lang != "" {
			r.s(` class="language-`)
			escape(r.buf, lang)
			r.s(`"`)
		}
		r.s(">")
		escape(r.buf, b.Text)
		r.s("</code></pre>\n")
	case *tree.Table:
		r.table(b)
	case *tree.ThematicBreak:
		r.s("<hr>\n")
	case *tree.Admonition:
		r.admonition(b)
	case *tree.Tabs:
		r.tabs(b)
	case *tree.HTMLBlock:
		r.htmlBlock(b)
	case *tree.BlockChange:
		r.changeBlock(b, false)
	}
}

// codeLanguage is the first word of the info string, as CommonMark renders
// it, or the reader's cleaned-up language for attribute-style info strings
// such as `{.python}`.
func codeLanguage(b *tree.CodeBlock) string {
	if f := strings.Fields(b.Info); len(f) > 0 && !strings.HasPrefix(f[0], "{") {
		return f[0]
	}
	return b.Language
}

func (r *renderer) idClass(id string, classes []string) {
	if id != "" {
		r.s(` id="`)
		escape(r.buf, r.deletedID(id))
		r.s(`"`)
	}
	if len(classes) > 0 {
		r.s(` class="`)
		escape(r.buf, strings.Join(classes, " "))
		r.s(`"`)
	}
}

func (r *renderer) list(l *tree.List) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	r.s("<" + tag)
	if l.Ordered && l.Start != 1 {
		r.s(` start="` + strconv.Itoa(l.Start) + `"`)
	}
	r.s(">\n")
	for _, it := range l.Items {
		r.s("<li>")
		if it.Task != nil {
			r.s(`<input type="checkbox" disabled=""`)
			if *it.Task {
				r.s(` checked=""`)
			}
			// The item's text labels the box for screen readers (axe:
			// form elements must have labels).
			if label := taskLabel(it); label != "" && r.page {
				r.s(` aria-label="`)
				escape(r.buf, label)
				r.s(`"`)
			}
			r.s("> ")
		}
		if len(it.Blocks) > 0 {
			if _, ok := it.Blocks[0].(*tree.Paragraph); !ok || !l.Tight {
				r.buf.WriteByte('\n')
			}
		}
		r.blocks(it.Blocks, l.Tight)
		r.s("</li>\n")
	}
	r.s("</" + tag + ">\n")
}

// taskLabel is the text of a task item's first paragraph.
func taskLabel(it *tree.ListItem) string {
	if len(it.Blocks) == 0 {
		return ""
	}
	p, ok := it.Blocks[0].(*tree.Paragraph)
	if !ok {
		return ""
	}
	return strings.TrimSpace(tree.PlainText(p.Content))
}

func (r *renderer) table(t *tree.Table) {
	// Tables scroll sideways on a page when wider than the window: focusable,
	// as code blocks are, so the keyboard can scroll them.
	if r.page {
		r.s("<table tabindex=\"0\">\n")
	} else {
		r.s("<table>\n")
	}
	if len(t.Head) > 0 {
		r.s("<thead>\n")
		for _, row := range t.Head {
			r.row(t, row, "th")
		}
		r.s("</thead>\n")
	}
	if len(t.Body) > 0 {
		r.s("<tbody>\n")
		for _, row := range t.Body {
			r.row(t, row, "td")
		}
		r.s("</tbody>\n")
	}
	r.s("</table>\n")
}

func (r *renderer) row(t *tree.Table, row *tree.Row, tag string) {
	r.s("<tr>\n")
	col := 0
	for _, c := range row.Cells {
		r.s("<" + tag)
		if col < len(t.Aligns) && t.Aligns[col] != tree.AlignDefault {
			a := string(t.Aligns[col])
			if r.page {
				r.s(` style="text-align: ` + a + `"`)
			} else {
				r.s(` align="` + a + `"`)
			}
		}
		if c.ColSpan > 1 {
			r.s(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
		}
		if c.RowSpan > 1 {
			r.s(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
		}
		r.s(">")
		// A GFM cell is one paragraph, written without <p>.
		if len(c.Blocks) == 1 {
			if p, ok := c.Blocks[0].(*tree.Paragraph); ok && p.Attr.IsZero() {
				r.inlineBlock(p.Content)
				r.s("</" + tag + ">\n")
				col += max(c.ColSpan, 1)
				continue
			}
		}
		if len(c.Blocks) > 0 {
			r.buf.WriteByte('\n')
		}
		r.blocks(c.Blocks, false)
		r.s("</" + tag + ">\n")
		col += max(c.ColSpan, 1)
	}
	r.s("</tr>\n")
}

// kindClass reduces an admonition kind to a safe CSS class name.
func kindClass(kind string) string {
	var sb strings.Builder
	for _, c := range strings.ToLower(kind) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

func (r *renderer) admonition(a *tree.Admonition) {
	class := "admonition"
	if k := kindClass(a.Kind); k != "" {
		class += " " + k
	}
	if a.Collapsible {
		r.s(`<details class="` + class + `"`)
		if a.Open {
			r.s(" open")
		}
		r.s(">\n<summary>")
		// A summary cannot be empty: no title means the default one.
		if len(a.Title) == 0 {
			escape(r.buf, r.opts.Label(tree.KindTitleKey(a.Kind)))
		} else {
			r.inlineBlock(a.Title)
		}
		r.s("</summary>\n")
		r.blocks(a.Blocks, false)
		r.s("</details>\n")
		return
	}
	r.s(`<aside class="` + class + `">` + "\n")
	switch {
	case a.Title == nil:
		r.s(`<p class="admonition-title">`)
		escape(r.buf, r.opts.Label(a.DefaultTitleKey()))
		r.s("</p>\n")
	case len(a.Title) > 0:
		r.s(`<p class="admonition-title">`)
		r.inlineBlock(a.Title)
		r.s("</p>\n")
	}
	r.blocks(a.Blocks, false)
	r.s("</aside>\n")
}

// tabs writes a tab group as script-free HTML: every tab is a section led
// by its title, so all content shows in print and archives. The title is not
// a heading element, so tabs never break the document's heading outline.
func (r *renderer) tabs(t *tree.Tabs) {
	r.s(`<section class="tabs">` + "\n")
	for _, tab := range t.Tabs {
		r.s(`<section class="tab"`)
		if tab.ID != "" {
			r.s(` id="`)
			escape(r.buf, tab.ID)
			r.s(`"`)
		}
		r.s(">\n" + `<p class="tab-title">`)
		r.inlineBlock(tab.Title)
		r.s("</p>\n")
		r.blocks(tab.Blocks, false)
		r.s("</section>\n")
	}
	r.s("</section>\n")
}

func (r *renderer) htmlBlock(b *tree.HTMLBlock) {
	switch r.mode {
	case exporters.RawTrusted:
		r.s(strings.ReplaceAll(b.HTML, "\x00", "\uFFFD"))
	case exporters.RawDrop:
		// The markup goes; what the HTML reader made of it stays.
		r.blocks(b.Blocks, false)
	default:
		s := rawhtml.Sanitize(b.HTML)
		r.s(s)
		if s != "" && !strings.HasSuffix(s, "\n") {
			r.buf.WriteByte('\n')
		}
	}
}

// footnotes writes the footnote section: an ordered list with back-links.
func (r *renderer) footnotes(doc *tree.Document) {
	if len(doc.Footnotes) == 0 {
		return
	}
	r.s(`<section class="footnotes" role="doc-endnotes">` + "\n<hr>\n<ol>\n")
	for _, fn := range doc.Footnotes {
		id := footnoteID(fn.ID, fn.Index)
		r.s(`<li id="fn:` + id + `">` + "\n")
		back := `<a href="#fnref:` + id + `" class="footnote-backref" role="doc-backlink">↩&#xfe0e;</a>`
		// The back-link goes at the end of the last paragraph.
		n := len(fn.Blocks)
		if n > 0 {
			if p, ok := fn.Blocks[n-1].(*tree.Paragraph); ok {
				r.blocks(fn.Blocks[:n-1], false)
				r.s("<p>")
				r.inlineBlock(p.Content)
				r.s(" " + back + "</p>\n")
				r.s("</li>\n")
				continue
			}
		}
		r.blocks(fn.Blocks, false)
		r.s("<p>" + back + "</p>\n</li>\n")
	}
	r.s("</ol>\n</section>\n")
}

// footnoteID is the id fragment of a footnote: its label made safe for an
// HTML id (no whitespace), or its index when it has no label.
func footnoteID(label string, index int) string {
	if label == "" {
		return strconv.Itoa(index)
	}
	var sb strings.Builder
	for _, c := range label {
		switch {
		case unicode.IsSpace(c):
			sb.WriteByte('-')
		case c == '"' || c == '<' || c == '>' || c == '&' || c == '\'':
			sb.WriteByte('_')
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// inlineBlock writes the inline content of one block. In sanitize mode,
// content holding raw HTML is rendered whole and then sanitized, so that
// inline tags (which are fragments like `<a href="x">`) are judged in
// context.
func (r *renderer) inlineBlock(list []tree.Inline) {
	if r.mode == exporters.RawSanitize && hasRawHTML(list) {
		outer := r.buf
		var tmp bytes.Buffer
		r.buf, r.wholeRaw = &tmp, true
		r.inlines(list)
		r.buf, r.wholeRaw = outer, false
		r.s(rawhtml.SanitizeWhole(tmp.String()))
		return
	}
	r.inlines(list)
}

// hasRawHTML reports whether list holds raw HTML that survives sanitizing
// on its own. Raw HTML that sanitizes to nothing (a comment) is left out,
// as the JSON export leaves it out, so that a paragraph is written the same
// whether or not it passed through galley's JSON tree.
func hasRawHTML(list []tree.Inline) bool {
	found := false
	tree.WalkInlines(list, func(in tree.Inline) {
		if r, ok := in.(*tree.RawHTML); ok && !found && rawhtml.Sanitize(r.HTML) != "" {
			found = true
		}
	})
	return found
}

func (r *renderer) inlines(list []tree.Inline) {
	for _, in := range list {
		r.inline(in)
	}
}

func (r *renderer) inline(in tree.Inline) {
	switch in := in.(type) {
	case *tree.Text:
		escape(r.buf, in.Text)
	case *tree.Emphasis:
		r.s("<em>")
		r.inlines(in.Content)
		r.s("</em>")
	case *tree.Strong:
		r.s("<strong>")
		r.inlines(in.Content)
		r.s("</strong>")
	case *tree.Strikethrough:
		if r.redline {
			// In a redline every <del> is a deletion.
			r.s("<s>")
			r.inlines(in.Content)
			r.s("</s>")
			break
		}
		r.s("<del>")
		r.inlines(in.Content)
		r.s("</del>")
	case *tree.Insert:
		r.mark(true, in.Change, in.Content)
	case *tree.Delete:
		r.mark(false, in.Change, in.Content)
	case *tree.Code:
		r.s("<code>")
		escape(r.buf, in.Text)
		r.s("</code>")
	case *tree.Link:
		dest := in.Target
		if dest == "" {
			dest = in.URL
		}
		r.s(`<a href="`)
		r.url(dest, rawhtml.IsDangerousLinkURL)
		r.s(`"`)
		if in.Title != "" {
			r.s(` title="`)
			escape(r.buf, in.Title)
			r.s(`"`)
		}
		r.s(">")
		r.inlines(in.Content)
		r.s("</a>")
	case *tree.Image:
		r.image(in)
	case *tree.SoftBreak:
		r.buf.WriteByte('\n')
	case *tree.LineBreak:
		r.s("<br>\n")
	case *tree.RawHTML:
		switch {
		case r.mode == exporters.RawDrop:
		case r.mode == exporters.RawSanitize && !r.wholeRaw:
			// Outside a block rendered whole (inlineBlock), only raw HTML
			// that sanitizes to nothing is left: it is dropped.
		default:
			r.s(strings.ReplaceAll(in.HTML, "\x00", "\uFFFD"))
		}
	case *tree.Anchor:
		r.s(`<a id="`)
		escape(r.buf, r.deletedID(in.ID))
		r.s(`"></a>`)
	case *tree.FootnoteRef:
		id := footnoteID(in.ID, in.Index)
		if r.fnRefs == nil {
			r.fnRefs = map[string]int{}
		}
		r.fnRefs[id]++
		ref := "fnref:" + id
		if n := r.fnRefs[id]; n > 1 {
			ref = "fnref" + strconv.Itoa(n) + ":" + id
		}
		r.s(`<sup id="` + ref + `"><a href="#fn:` + id + `" class="footnote-ref" role="doc-noteref">` + strconv.Itoa(in.Index) + `</a></sup>`)
	case *tree.Macro:
		escape(r.buf, in.Raw)
	case *tree.Date:
		r.s(`<time datetime="`)
		r.s(dateAttr(in))
		r.s(`">`)
		if in.Text != "" {
			escape(r.buf, in.Text)
		} else {
			r.s(in.Time.Format("2006-01-02"))
		}
		r.s("</time>")
	}
}

// dateAttr is the machine-readable value of a date: the ISO date for date
// styles, RFC 3339 for date-and-time styles.
func dateAttr(d *tree.Date) string {
	switch d.Style {
	case tree.StyleDateTime, tree.StyleISODateTime:
		return d.Time.Format(time.RFC3339)
	}
	return d.Time.Format("2006-01-02")
}

// imageAttr reports whether an attribute-list key is passed through to
// <img>.
func imageAttr(key string) bool { return key == "loading" || key == "width" || key == "height" }

func (r *renderer) image(in *tree.Image) {
	r.s(`<img src="`)
	if d, ok := r.embeddedImage(in); ok {
		r.s(d)
	} else {
		r.url(in.URL, rawhtml.IsDangerousURL)
	}
	r.s(`" alt="`)
	escape(r.buf, in.Alt)
	r.s(`"`)
	if in.Title != "" {
		r.s(` title="`)
		escape(r.buf, in.Title)
		r.s(`"`)
	}
	if len(in.Attr.Classes) > 0 {
		r.s(` class="`)
		escape(r.buf, strings.Join(in.Attr.Classes, " "))
		r.s(`"`)
	}
	for _, kv := range in.Attr.Pairs {
		if imageAttr(kv.Key) && safeAttrValue(kv.Key, kv.Value) {
			r.s(" " + kv.Key + `="`)
			escape(r.buf, kv.Value)
			r.s(`"`)
		}
	}
	r.s(">")
}

// safeAttrValue checks the values HTML5 allows for the image attributes
// galley passes through.
func safeAttrValue(key, v string) bool {
	switch key {
	case "loading":
		return v == "lazy" || v == "eager"
	case "width", "height":
		if v == "" {
			return false
		}
		for _, c := range v {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// url writes a link or image destination: percent-encoded like goldmark's
// HTML renderer, HTML-escaped, and emptied when dangerous (by the link or
// the image rule) unless raw HTML is trusted.
func (r *renderer) url(dest string, dangerous func(string) bool) {
	if r.mode != exporters.RawTrusted && dangerous(dest) {
		return
	}
	escape(r.buf, urlEscape(fragmentHashes(dest)))
}

// fragmentHashes percent-encodes every "#" after the first, which URLs do
// not allow in a fragment (https://web.libera.chat/#pypa,#pypa-dev).
func fragmentHashes(u string) string {
	i := strings.IndexByte(u, '#')
	if i < 0 || strings.IndexByte(u[i+1:], '#') < 0 {
		return u
	}
	return u[:i+1] + strings.ReplaceAll(u[i+1:], "#", "%23")
}

// urlSafe marks the bytes written as they are in a URL.
var urlSafe = func() (t [256]bool) {
	for _, c := range []byte("!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// urlEscape percent-encodes the bytes of a URL that may not appear in one,
// keeping existing %XX escapes (CommonMark's normalization, as goldmark's
// util.URLEscape does it).
func urlEscape(v string) string {
	i := 0
	for i < len(v) && urlSafe[v[i]] {
		i++
	}
	if i == len(v) {
		return v
	}
	var sb strings.Builder
	sb.WriteString(v[:i])
	for i < len(v) {
		c := v[i]
		switch {
		case urlSafe[c]:
			sb.WriteByte(c)
			i++
		case c == '%' && i+2 < len(v) && isHex(v[i+1]) && isHex(v[i+2]):
			sb.WriteString(v[i : i+3])
			i += 3
		case c == ' ':
			sb.WriteString("%20")
			i++
		default:
			rn, size := utf8.DecodeRuneInString(v[i:])
			if rn == utf8.RuneError && size == 1 {
				i++
				continue
			}
			sb.WriteString(url.QueryEscape(v[i : i+size]))
			i += size
		}
	}
	return sb.String()
}

// escape writes s with &, <, > and " escaped.
func escape(buf *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default:
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(rep)
		last = i + 1
	}
	buf.WriteString(s[last:])
}
