package treejson

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Encode returns the galley/v1 JSON form of doc. It does not modify doc and
// is safe for concurrent use.
func Encode(doc *tree.Document) ([]byte, error) {
	return EncodeFiltered(doc, Filter{})
}

// Filter rewrites untrusted content while encoding, for exports that must
// not carry unsafe raw HTML or URLs. A nil function keeps the content.
type Filter struct {
	// HTML rewrites raw HTML (html_block markup and raw_html inline tags);
	// an inline tag rewritten to "" is left out, and so is an HTML block
	// whose markup and blocks are both empty.
	HTML func(html string) string
	// URL rewrites link URLs and targets, and image URLs when ImageURL is
	// nil.
	URL func(url string) string
	// ImageURL rewrites image URLs.
	ImageURL func(url string) string
}

// EncodeFiltered is Encode with untrusted content passed through f.
func EncodeFiltered(doc *tree.Document, f Filter) ([]byte, error) {
	return AppendFiltered(make([]byte, 0, 8192), doc, f)
}

// AppendFiltered appends what EncodeFiltered returns to dst and returns
// the extended slice (for a caller that has room for it, such as a
// bytes.Buffer's AvailableBuffer). On an error dst is returned as it was.
func AppendFiltered(dst []byte, doc *tree.Document, f Filter) ([]byte, error) {
	if doc == nil {
		return dst, fmt.Errorf("treejson: no document")
	}
	e := &encoder{filter: f, buf: dst}
	e.document(doc)
	if e.err != nil {
		return dst, e.err
	}
	return e.buf, nil
}

// Write writes the galley/v1 JSON form of doc to w.
func Write(w io.Writer, doc *tree.Document) error {
	b, err := Encode(doc)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("treejson: write: %w", err)
	}
	return nil
}

// encoder writes indented JSON with keys in a fixed order.
type encoder struct {
	buf   []byte
	depth int
	// first is true right after an opening brace or bracket.
	first  bool
	err    error
	filter Filter
}

func (e *encoder) html(s string) string {
	if e.filter.HTML != nil {
		return e.filter.HTML(s)
	}
	return s
}

func (e *encoder) url(s string) string {
	if e.filter.URL != nil && s != "" {
		return e.filter.URL(s)
	}
	return s
}

func (e *encoder) imageURL(s string) string {
	if e.filter.ImageURL != nil && s != "" {
		return e.filter.ImageURL(s)
	}
	return e.url(s)
}

func (e *encoder) newline() {
	e.buf = append(e.buf, '\n')
	for i := 0; i < e.depth; i++ {
		e.buf = append(e.buf, ' ', ' ')
	}
}

// sep starts a new member or element.
func (e *encoder) sep() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

func (e *encoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.first = false
	e.buf = append(e.buf, c)
}

func (e *encoder) key(k string) {
	e.sep()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, '"', ':', ' ')
}

func (e *encoder) str(k, v string) {
	if v != "" {
		e.key(k)
		e.quote(v)
	}
}

func (e *encoder) strAlways(k, v string) {
	e.key(k)
	e.quote(v)
}

func (e *encoder) int(k string, v int) {
	if v != 0 {
		e.intAlways(k, v)
	}
}

func (e *encoder) intAlways(k string, v int) {
	e.key(k)
	e.buf = strconv.AppendInt(e.buf, int64(v), 10)
}

func (e *encoder) bool(k string, v bool) {
	if v {
		e.key(k)
		e.buf = append(e.buf, "true"...)
	}
}

const hexDigits = "0123456789abcdef"

// quote writes s as a JSON string: quotes, backslashes and control
// characters escaped; <, > and & escaped as encoding/json does, so the JSON
// can be inlined into an HTML <script> element; U+2028 and U+2029 escaped
// for JavaScript; invalid UTF-8 replaced by U+FFFD; everything else as is.
func (e *encoder) quote(s string) {
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}

func (e *encoder) document(doc *tree.Document) {
	e.open('{')
	e.strAlways("schema", SchemaID)
	e.key("meta")
	e.meta(&doc.Meta)
	e.key("blocks")
	e.blockList(doc.Blocks)
	if len(doc.Footnotes) > 0 {
		e.key("footnotes")
		e.open('[')
		for _, f := range doc.Footnotes {
			e.sep()
			e.open('{')
			e.strAlways("id", f.ID)
			e.int("index", f.Index)
			e.blocks("blocks", f.Blocks)
			e.close('}')
		}
		e.close(']')
	}
	e.close('}')
	e.buf = append(e.buf, '\n')
}

func (e *encoder) meta(m *tree.Meta) {
	e.open('{')
	e.str("title", m.Title)
	e.str("locale", m.Locale)
	e.str("date_locale", m.DateLocale)
	e.str("direction", m.Direction)
	if m.Source.Path != "" || m.Source.Format != "" || m.Source.SHA256 != "" {
		e.key("source")
		e.open('{')
		e.str("path", m.Source.Path)
		e.str("format", m.Source.Format)
		e.str("sha256", m.Source.SHA256)
		e.close('}')
	}
	e.dateInfo("revision", m.Revision)
	e.dateInfo("creation", m.Creation)
	if t := m.Translation; t != nil {
		e.key("translation")
		e.open('{')
		e.bool("fallback", t.Fallback)
		e.str("source_locale", t.SourceLocale)
		e.str("source_path", t.SourcePath)
		e.close('}')
	}
	if m.FrontMatter != nil {
		e.key("front_matter")
		e.value(m.FrontMatter)
	}
	e.close('}')
}

func (e *encoder) dateInfo(k string, d *tree.DateInfo) {
	if d == nil {
		return
	}
	e.key(k)
	e.open('{')
	e.strAlways("time", d.Time.Format(time.RFC3339Nano))
	e.strAlways("date", d.Time.Format(time.DateOnly))
	e.str("source", string(d.Source))
	e.str("commit", d.Commit)
	e.close('}')
}

// value writes a front-matter value: YAML's types as JSON.
func (e *encoder) value(v any) {
	switch v := v.(type) {
	case nil:
		e.buf = append(e.buf, "null"...)
	case string:
		e.quote(v)
	case bool:
		e.buf = strconv.AppendBool(e.buf, v)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(v), 10)
	case int64:
		e.buf = strconv.AppendInt(e.buf, v, 10)
	case uint64:
		e.buf = strconv.AppendUint(e.buf, v, 10)
	case float64:
		switch {
		case math.IsNaN(v):
			e.quote(".nan")
		case math.IsInf(v, 1):
			e.quote(".inf")
		case math.IsInf(v, -1):
			e.quote("-.inf")
		default:
			n := len(e.buf)
			e.buf = strconv.AppendFloat(e.buf, v, 'g', -1, 64)
			if !bytes.ContainsAny(e.buf[n:], ".eE") {
				e.buf = append(e.buf, '.', '0')
			}
		}
	case time.Time:
		e.quote(v.Format(time.RFC3339Nano))
	case []any:
		e.open('[')
		for _, x := range v {
			e.sep()
			e.value(x)
		}
		e.close(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		e.open('{')
		for _, k := range keys {
			e.sep()
			e.quote(k)
			e.buf = append(e.buf, ':', ' ')
			e.value(v[k])
		}
		e.close('}')
	default:
		// Anything else (a type a future front-matter reader might produce)
		// is written as its text.
		e.quote(fmt.Sprint(v))
	}
}

func (e *encoder) blocks(k string, list []tree.Block) {
	if len(list) > 0 {
		e.key(k)
		e.blockList(list)
	}
}

func (e *encoder) blockList(list []tree.Block) {
	e.open('[')
	for _, b := range list {
		if hb, ok := b.(*tree.HTMLBlock); ok && e.filter.HTML != nil && len(hb.Blocks) == 0 && e.html(hb.HTML) == "" {
			continue
		}
		e.sep()
		e.block(b)
	}
	e.close(']')
}

func (e *encoder) attr(a tree.Attr) {
	if a.IsZero() {
		return
	}
	e.key("attr")
	e.open('{')
	e.str("id", a.ID)
	if len(a.Classes) > 0 {
		e.key("classes")
		e.open('[')
		for _, c := range a.Classes {
			e.sep()
			e.quote(c)
		}
		e.close(']')
	}
	if len(a.Pairs) > 0 {
		e.key("pairs")
		e.open('[')
		for _, kv := range a.Pairs {
			e.sep()
			e.buf = append(e.buf, '[')
			e.quote(kv.Key)
			e.buf = append(e.buf, ',', ' ')
			e.quote(kv.Value)
			e.buf = append(e.buf, ']')
		}
		e.close(']')
	}
	e.close('}')
}

func (e *encoder) block(b tree.Block) {
	e.open('{')
	switch b := b.(type) {
	case *tree.Heading:
		e.strAlways("type", "heading")
		e.int("line", b.Line)
		e.intAlways("level", b.Level)
		e.str("id", b.ID)
		e.attr(b.Attr)
		e.inlines("content", b.Content)
	case *tree.Paragraph:
		e.strAlways("type", "paragraph")
		e.int("line", b.Line)
		e.attr(b.Attr)
		e.inlines("content", b.Content)
	case *tree.List:
		e.strAlways("type", "list")
		e.int("line", b.Line)
		e.bool("ordered", b.Ordered)
		if b.Ordered || b.Start != 0 {
			e.intAlways("start", b.Start)
		}
		e.bool("tight", b.Tight)
		e.str("marker", b.Marker)
		if len(b.Items) > 0 {
			e.key("items")
			e.open('[')
			for _, it := range b.Items {
				e.sep()
				e.open('{')
				if it.Task != nil {
					e.bool("task", true)
					e.bool("checked", *it.Task)
				}
				e.blocks("blocks", it.Blocks)
				e.close('}')
			}
			e.close(']')
		}
	case *tree.Quote:
		e.strAlways("type", "quote")
		e.int("line", b.Line)
		e.blocks("blocks", b.Blocks)
	case *tree.CodeBlock:
		e.strAlways("type", "code_block")
		e.int("line", b.Line)
		e.str("language", b.Language)
		e.str("info", b.Info)
		e.strAlways("text", b.Text)
	case *tree.Table:
		e.strAlways("type", "table")
		e.int("line", b.Line)
		if len(b.Aligns) > 0 {
			e.key("align")
			e.open('[')
			for _, a := range b.Aligns {
				e.sep()
				e.quote(string(a))
			}
			e.close(']')
		}
		e.rows("head", b.Head)
		e.rows("body", b.Body)
	case *tree.ThematicBreak:
		e.strAlways("type", "thematic_break")
		e.int("line", b.Line)
	case *tree.Admonition:
		e.strAlways("type", "admonition")
		e.int("line", b.Line)
		e.str("kind", b.Kind)
		if b.Title != nil {
			e.key("title")
			e.inlineList(b.Title)
		}
		e.bool("collapsible", b.Collapsible)
		e.bool("open", b.Open)
		e.blocks("blocks", b.Blocks)
	case *tree.Tabs:
		e.strAlways("type", "tabs")
		e.int("line", b.Line)
		e.key("tabs")
		e.open('[')
		for _, t := range b.Tabs {
			e.sep()
			e.open('{')
			e.str("id", t.ID)
			e.inlines("title", t.Title)
			e.blocks("blocks", t.Blocks)
			e.close('}')
		}
		e.close(']')
	case *tree.HTMLBlock:
		e.strAlways("type", "html_block")
		e.int("line", b.Line)
		e.strAlways("html", e.html(b.HTML))
		e.blocks("blocks", b.Blocks)
	case *tree.BlockChange:
		e.strAlways("type", "block_change")
		e.int("line", b.Line)
		e.bool("inserted", b.Inserted)
		e.bool("moved", b.Moved)
		e.bool("whole", b.Whole)
		e.int("change", b.Change)
		e.blocks("blocks", b.Blocks)
	default:
		if e.err == nil {
			e.err = fmt.Errorf("treejson: unknown block type %T", b)
		}
	}
	e.close('}')
}

func (e *encoder) rows(k string, rows []*tree.Row) {
	if len(rows) == 0 {
		return
	}
	e.key(k)
	e.open('[')
	for _, r := range rows {
		e.sep()
		e.open('[')
		for _, c := range r.Cells {
			e.sep()
			e.open('{')
			e.blocks("blocks", c.Blocks)
			e.int("colspan", c.ColSpan)
			e.int("rowspan", c.RowSpan)
			e.close('}')
		}
		e.close(']')
	}
	e.close(']')
}

func (e *encoder) inlines(k string, list []tree.Inline) {
	if len(list) > 0 {
		e.key(k)
		e.inlineList(list)
	}
}

func (e *encoder) inlineList(list []tree.Inline) {
	e.open('[')
	dropped := e.droppedRaw(list)
	for i, in := range list {
		if dropped[i] {
			continue
		}
		e.sep()
		e.inline(in)
	}
	e.close(']')
}

// droppedRaw marks the raw HTML of list that the HTML filter removes: a
// piece that filters to nothing, the end tag of a start tag it removed
// (`<a href="javascript:…">text</a>` left a stray `</a>`, which made the
// HTML written from the JSON tree invalid), and an end tag with no start
// tag before it. nil without a filter.
func (e *encoder) droppedRaw(list []tree.Inline) map[int]bool {
	if e.filter.HTML == nil {
		return nil
	}
	var dropped map[int]bool
	drop := func(i int) {
		if dropped == nil {
			dropped = map[int]bool{}
		}
		dropped[i] = true
	}
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	skipping := "" // an element whose content the filter drops with it
	for i, in := range list {
		r, ok := in.(*tree.RawHTML)
		if skipping != "" {
			if name, end, ok := loneTag(rawOf(r, ok)); ok && end && name == skipping {
				skipping = ""
			}
			drop(i)
			continue
		}
		if !ok {
			continue
		}
		gone := e.html(r.HTML) == ""
		if gone {
			drop(i)
		}
		name, end, ok := loneTag(r.HTML)
		if !ok {
			continue
		}
		if !end {
			if gone && contentDropped[name] {
				skipping = name
				continue
			}
			stack = append(stack, open{name, gone})
			continue
		}
		j := len(stack) - 1
		for j >= 0 && stack[j].name != name {
			j--
		}
		if j < 0 || stack[j].dropped {
			drop(i)
		}
		if j >= 0 {
			stack = stack[:j]
		}
	}
	return dropped
}

// loneTag reads raw HTML that is one start tag of an element that has an
// end tag (`<a href="…">`, not `<br>` or `<img …/>`) or one end tag
// (`</a>`), returning the element's lower-case name.
func loneTag(s string) (name string, end, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 3 || s[0] != '<' || s[len(s)-1] != '>' || strings.Count(s, "<") != 1 {
		return "", false, false
	}
	body := s[1 : len(s)-1]
	if end = strings.HasPrefix(body, "/"); end {
		body = body[1:]
	}
	n := 0
	for n < len(body) && (body[n] >= 'a' && body[n] <= 'z' || body[n] >= 'A' && body[n] <= 'Z' || n > 0 && (body[n] >= '0' && body[n] <= '9' || body[n] == '-')) {
		n++
	}
	if n == 0 || n < len(body) && !end && body[n] != ' ' && body[n] != '\t' && body[n] != '\n' && body[n] != '/' {
		return "", false, false
	}
	name = strings.ToLower(body[:n])
	if !end && (strings.HasSuffix(body, "/") || voidElements[name]) {
		return "", false, false
	}
	return name, end, true
}

// rawOf is r's markup when ok, else "".
func rawOf(r *tree.RawHTML, ok bool) string {
	if !ok {
		return ""
	}
	return r.HTML
}

// contentDropped are the elements the sanitizer removes with their
// content (bluemonday's default of elements whose content it skips).
var contentDropped = map[string]bool{"frameset": true, "head": true, "iframe": true, "noembed": true, "noframes": true,
	"noscript": true, "nostyle": true, "object": true, "script": true, "style": true, "title": true}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

func (e *encoder) inline(in tree.Inline) {
	e.open('{')
	switch in := in.(type) {
	case *tree.Text:
		e.strAlways("type", "text")
		e.strAlways("text", in.Text)
	case *tree.Emphasis:
		e.strAlways("type", "emphasis")
		e.inlines("content", in.Content)
	case *tree.Strong:
		e.strAlways("type", "strong")
		e.inlines("content", in.Content)
	case *tree.Strikethrough:
		e.strAlways("type", "strikethrough")
		e.inlines("content", in.Content)
	case *tree.Code:
		e.strAlways("type", "code")
		e.strAlways("text", in.Text)
	case *tree.Link:
		e.strAlways("type", "link")
		e.strAlways("url", e.url(in.URL))
		e.str("title", in.Title)
		e.str("target", e.url(in.Target))
		e.bool("internal", in.Internal)
		e.str("page_ext", in.PageExt)
		e.bool("autolink", in.Autolink)
		e.int("line", in.Line)
		e.inlines("content", in.Content)
	case *tree.Image:
		e.strAlways("type", "image")
		e.strAlways("url", e.imageURL(in.URL))
		e.str("title", in.Title)
		e.str("alt", in.Alt)
		e.attr(in.Attr)
		e.int("line", in.Line)
	case *tree.SoftBreak:
		e.strAlways("type", "soft_break")
	case *tree.LineBreak:
		e.strAlways("type", "line_break")
	case *tree.RawHTML:
		e.strAlways("type", "raw_html")
		e.strAlways("html", e.html(in.HTML))
	case *tree.Anchor:
		e.strAlways("type", "anchor")
		e.strAlways("id", in.ID)
	case *tree.FootnoteRef:
		e.strAlways("type", "footnote_ref")
		e.str("id", in.ID)
		e.int("index", in.Index)
	case *tree.Macro:
		e.strAlways("type", "macro")
		e.strAlways("name", in.Name)
		e.str("raw", in.Raw)
		e.int("line", in.Line)
	case *tree.Date:
		e.strAlways("type", "date")
		e.strAlways("time", in.Time.Format(time.RFC3339Nano))
		e.strAlways("date", in.Time.Format(time.DateOnly))
		e.str("style", string(in.Style))
		e.str("format", in.Format)
		e.str("locale", in.Locale)
		e.str("source", string(in.Source))
		e.str("commit", in.Commit)
		e.str("text", in.Text)
	case *tree.Insert:
		e.strAlways("type", "insert")
		e.int("change", in.Change)
		e.inlines("content", in.Content)
	case *tree.Delete:
		e.strAlways("type", "delete")
		e.int("change", in.Change)
		e.inlines("content", in.Content)
	default:
		if e.err == nil {
			e.err = fmt.Errorf("treejson: unknown inline type %T", in)
		}
	}
	e.close('}')
}
