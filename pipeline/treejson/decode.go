package treejson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Error is a problem in a galley JSON document, at a JSON path such as
// `$.blocks[3].content[0].type`.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return "at " + e.Path + ": " + e.Msg }

// ErrUnsupportedSchema is wrapped by the error Decode returns for a document
// of another major schema version.
var ErrUnsupportedSchema = errors.New("unsupported schema")

// Read is the `--from json` reader: it decodes a galley/v1 document. The
// metadata is kept as recorded (the source is the file the tree was first
// read from). path is not used: callers name the file in their messages.
func Read(src []byte, path string) (*tree.Document, error) {
	doc, err := Decode(src)
	if err != nil {
		return nil, fmt.Errorf("not a galley JSON document (%w); give galley JSON as `galley convert -t json` writes it, or read the file as Markdown or HTML with --from", err)
	}
	return doc, nil
}

// Decode reads a galley/v1 (or galley/v1.N) JSON document back into a tree.
func Decode(data []byte) (*tree.Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	if dec.More() {
		return nil, &Error{Path: "$", Msg: "extra data after the document"}
	}
	d := &decoder{}
	doc := d.document(v)
	if d.err != nil {
		return nil, d.err
	}
	return doc, nil
}

type decoder struct {
	err error
}

func (d *decoder) fail(path, format string, args ...any) {
	if d.err == nil {
		d.err = &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
	}
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func (d *decoder) object(v any, path string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "want an object, got %s", typeName(v))
	}
	return m
}

func (d *decoder) array(m map[string]any, k, path string) []any {
	v, ok := m[k]
	if !ok || v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		d.fail(path+"."+k, "want an array, got %s", typeName(v))
	}
	return a
}

func (d *decoder) str(m map[string]any, k, path string) string {
	v, ok := m[k]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.fail(path+"."+k, "want a string, got %s", typeName(v))
	}
	return s
}

func (d *decoder) int(m map[string]any, k, path string) int {
	v, ok := m[k]
	if !ok {
		return 0
	}
	n, ok := v.(json.Number)
	if !ok {
		d.fail(path+"."+k, "want an integer, got %s", typeName(v))
		return 0
	}
	i, err := strconv.Atoi(string(n))
	if err != nil {
		d.fail(path+"."+k, "want an integer, got %s", n)
	}
	return i
}

func (d *decoder) bool(m map[string]any, k, path string) bool {
	v, ok := m[k]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.fail(path+"."+k, "want true or false, got %s", typeName(v))
	}
	return b
}

var schemaPattern = lazyregexp.New(`^galley/v(\d+)(?:\.(\d+))?$`)

func (d *decoder) document(v any) *tree.Document {
	top := d.object(v, "$")
	if top == nil {
		return nil
	}
	s, ok := top["schema"].(string)
	if !ok {
		d.fail("$.schema", "missing schema version; a galley JSON document starts with \"schema\": %q", SchemaID)
		return nil
	}
	m := schemaPattern.FindStringSubmatch(s)
	if m == nil || m[1] != "1" {
		d.err = fmt.Errorf("%w %s; this galley reads %s", ErrUnsupportedSchema, s, SchemaID)
		return nil
	}
	doc := &tree.Document{}
	if mv, ok := top["meta"]; ok {
		d.meta(&doc.Meta, d.object(mv, "$.meta"), "$.meta")
	}
	doc.Blocks = d.blocks(top, "blocks", "$")
	for i, f := range d.array(top, "footnotes", "$") {
		p := "$.footnotes[" + strconv.Itoa(i) + "]"
		fm := d.object(f, p)
		if fm == nil {
			return nil
		}
		doc.Footnotes = append(doc.Footnotes, &tree.Footnote{
			ID:     d.str(fm, "id", p),
			Index:  d.int(fm, "index", p),
			Blocks: d.blocks(fm, "blocks", p),
		})
	}
	return doc
}

func (d *decoder) meta(meta *tree.Meta, m map[string]any, path string) {
	if m == nil {
		return
	}
	meta.Title = d.str(m, "title", path)
	meta.Locale = d.str(m, "locale", path)
	meta.DateLocale = d.str(m, "date_locale", path)
	meta.Direction = d.str(m, "direction", path)
	if sv, ok := m["source"]; ok {
		p := path + ".source"
		if s := d.object(sv, p); s != nil {
			meta.Source = tree.Source{Path: d.str(s, "path", p), Format: d.str(s, "format", p), SHA256: d.str(s, "sha256", p)}
		}
	}
	meta.Revision = d.dateInfo(m, "revision", path)
	meta.Creation = d.dateInfo(m, "creation", path)
	if tv, ok := m["translation"]; ok {
		p := path + ".translation"
		if t := d.object(tv, p); t != nil {
			meta.Translation = &tree.Translation{
				Fallback:     d.bool(t, "fallback", p),
				SourceLocale: d.str(t, "source_locale", p),
				SourcePath:   d.str(t, "source_path", p),
			}
		}
	}
	if fv, ok := m["front_matter"]; ok {
		p := path + ".front_matter"
		if fm := d.object(fv, p); fm != nil {
			meta.FrontMatter = frontMatter(fm).(map[string]any)
		}
	}
}

func (d *decoder) time(m map[string]any, path string) time.Time {
	if s := d.str(m, "time", path); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			d.fail(path+".time", "want an RFC 3339 time such as 2025-12-16T10:00:00Z, got %q", s)
		}
		return t
	}
	if s := d.str(m, "date", path); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			d.fail(path+".date", "want an ISO date such as 2025-12-16, got %q", s)
		}
		return t
	}
	d.fail(path, "a date needs \"time\" (RFC 3339) or \"date\" (YYYY-MM-DD)")
	return time.Time{}
}

func (d *decoder) dateInfo(m map[string]any, k, path string) *tree.DateInfo {
	v, ok := m[k]
	if !ok || v == nil {
		return nil
	}
	p := path + "." + k
	o := d.object(v, p)
	if o == nil {
		return nil
	}
	return &tree.DateInfo{Time: d.time(o, p), Source: tree.Provenance(d.str(o, "source", p)), Commit: d.str(o, "commit", p)}
}

var rfc3339 = lazyregexp.New(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)

// frontMatter turns decoded JSON into the front-matter values the Markdown
// reader produces: integers as int, other numbers as float64, RFC 3339
// strings (YAML timestamps) as time.Time.
func frontMatter(v any) any {
	switch v := v.(type) {
	case json.Number:
		s := string(v)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.Atoi(s); err == nil {
				return i
			}
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case string:
		if rfc3339.MatchString(v) {
			if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return t
			}
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = frontMatter(x)
		}
		return v
	case map[string]any:
		for k, x := range v {
			v[k] = frontMatter(x)
		}
		return v
	}
	return v
}

func (d *decoder) attr(m map[string]any, path string) tree.Attr {
	v, ok := m["attr"]
	if !ok {
		return tree.Attr{}
	}
	p := path + ".attr"
	o := d.object(v, p)
	if o == nil {
		return tree.Attr{}
	}
	a := tree.Attr{ID: d.str(o, "id", p)}
	for i, c := range d.array(o, "classes", p) {
		s, ok := c.(string)
		if !ok {
			d.fail(p+".classes["+strconv.Itoa(i)+"]", "want a string, got %s", typeName(c))
		}
		a.Classes = append(a.Classes, s)
	}
	for i, kv := range d.array(o, "pairs", p) {
		pp := p + ".pairs[" + strconv.Itoa(i) + "]"
		pair, ok := kv.([]any)
		if !ok || len(pair) != 2 {
			d.fail(pp, "want a [key, value] pair, got %s", typeName(kv))
			continue
		}
		k, ok1 := pair[0].(string)
		val, ok2 := pair[1].(string)
		if !ok1 || !ok2 {
			d.fail(pp, "want a [key, value] pair of strings")
		}
		a.Pairs = append(a.Pairs, tree.KeyValue{Key: k, Value: val})
	}
	return a
}

func (d *decoder) blocks(m map[string]any, k, path string) []tree.Block {
	arr := d.array(m, k, path)
	if len(arr) == 0 {
		return nil
	}
	out := make([]tree.Block, 0, len(arr))
	for i, v := range arr {
		b := d.block(v, path+"."+k+"["+strconv.Itoa(i)+"]")
		if d.err != nil {
			return nil
		}
		out = append(out, b)
	}
	return out
}

func (d *decoder) nodeType(m map[string]any, path string) string {
	t, ok := m["type"].(string)
	if !ok {
		d.fail(path+".type", "missing node type")
	}
	return t
}

func (d *decoder) block(v any, path string) tree.Block {
	m := d.object(v, path)
	if m == nil {
		return nil
	}
	pos := tree.Pos{Line: d.int(m, "line", path)}
	switch t := d.nodeType(m, path); t {
	case "heading":
		level := d.int(m, "level", path)
		if level < 1 || level > 6 {
			d.fail(path+".level", "heading level %d; the schema allows 1 to 6", level)
		}
		return &tree.Heading{Pos: pos, Level: level, ID: d.str(m, "id", path), Attr: d.attr(m, path), Content: d.inlines(m, "content", path)}
	case "paragraph":
		return &tree.Paragraph{Pos: pos, Attr: d.attr(m, path), Content: d.inlines(m, "content", path)}
	case "list":
		l := &tree.List{Pos: pos, Ordered: d.bool(m, "ordered", path), Start: d.int(m, "start", path), Tight: d.bool(m, "tight", path), Marker: d.str(m, "marker", path)}
		for i, iv := range d.array(m, "items", path) {
			p := path + ".items[" + strconv.Itoa(i) + "]"
			im := d.object(iv, p)
			if im == nil {
				return nil
			}
			it := &tree.ListItem{Blocks: d.blocks(im, "blocks", p)}
			if d.bool(im, "task", p) {
				checked := d.bool(im, "checked", p)
				it.Task = &checked
			}
			l.Items = append(l.Items, it)
		}
		return l
	case "quote":
		return &tree.Quote{Pos: pos, Blocks: d.blocks(m, "blocks", path)}
	case "code_block":
		return &tree.CodeBlock{Pos: pos, Language: d.str(m, "language", path), Info: d.str(m, "info", path), Text: d.str(m, "text", path)}
	case "table":
		tb := &tree.Table{Pos: pos}
		for i, a := range d.array(m, "align", path) {
			s, ok := a.(string)
			switch tree.Align(s) {
			case tree.AlignDefault, tree.AlignLeft, tree.AlignCenter, tree.AlignRight:
			default:
				ok = false
			}
			if !ok {
				d.fail(path+".align["+strconv.Itoa(i)+"]", `want "", "left", "center" or "right"`)
			}
			tb.Aligns = append(tb.Aligns, tree.Align(s))
		}
		tb.Head = d.rows(m, "head", path)
		tb.Body = d.rows(m, "body", path)
		return tb
	case "thematic_break":
		return &tree.ThematicBreak{Pos: pos}
	case "admonition":
		a := &tree.Admonition{Pos: pos, Kind: d.str(m, "kind", path), Collapsible: d.bool(m, "collapsible", path), Open: d.bool(m, "open", path)}
		if _, ok := m["title"]; ok {
			a.Title = d.inlines(m, "title", path)
			if a.Title == nil {
				a.Title = []tree.Inline{}
			}
		}
		a.Blocks = d.blocks(m, "blocks", path)
		return a
	case "tabs":
		tb := &tree.Tabs{Pos: pos}
		for i, tv := range d.array(m, "tabs", path) {
			p := path + ".tabs[" + strconv.Itoa(i) + "]"
			tm := d.object(tv, p)
			if tm == nil {
				return nil
			}
			tb.Tabs = append(tb.Tabs, &tree.Tab{ID: d.str(tm, "id", p), Title: d.inlines(tm, "title", p), Blocks: d.blocks(tm, "blocks", p)})
		}
		return tb
	case "html_block":
		return &tree.HTMLBlock{Pos: pos, HTML: d.str(m, "html", path), Blocks: d.blocks(m, "blocks", path)}
	case "block_change":
		return &tree.BlockChange{Pos: pos, Inserted: d.bool(m, "inserted", path), Moved: d.bool(m, "moved", path),
			Whole: d.bool(m, "whole", path), Change: d.int(m, "change", path), Blocks: d.blocks(m, "blocks", path)}
	default:
		if d.err == nil {
			d.fail(path+".type", "unknown block type %q", t)
		}
		return nil
	}
}

func (d *decoder) rows(m map[string]any, k, path string) []*tree.Row {
	var out []*tree.Row
	for i, rv := range d.array(m, k, path) {
		p := path + "." + k + "[" + strconv.Itoa(i) + "]"
		cells, ok := rv.([]any)
		if !ok {
			d.fail(p, "want a row (an array of cells), got %s", typeName(rv))
			return nil
		}
		row := &tree.Row{}
		for j, cv := range cells {
			cp := p + "[" + strconv.Itoa(j) + "]"
			cm := d.object(cv, cp)
			if cm == nil {
				return nil
			}
			row.Cells = append(row.Cells, &tree.Cell{Blocks: d.blocks(cm, "blocks", cp), ColSpan: d.int(cm, "colspan", cp), RowSpan: d.int(cm, "rowspan", cp)})
		}
		out = append(out, row)
	}
	return out
}

func (d *decoder) inlines(m map[string]any, k, path string) []tree.Inline {
	arr := d.array(m, k, path)
	if len(arr) == 0 {
		return nil
	}
	out := make([]tree.Inline, 0, len(arr))
	for i, v := range arr {
		in := d.inline(v, path+"."+k+"["+strconv.Itoa(i)+"]")
		if d.err != nil {
			return nil
		}
		out = append(out, in)
	}
	return out
}

func (d *decoder) inline(v any, path string) tree.Inline {
	m := d.object(v, path)
	if m == nil {
		return nil
	}
	switch t := d.nodeType(m, path); t {
	case "text":
		// A NUL is U+FFFD, as the Markdown reader makes it in text (it
		// reached the HTML as a raw byte).
		return &tree.Text{Text: strings.ReplaceAll(d.str(m, "text", path), "\x00", "\uFFFD")}
	case "emphasis":
		return &tree.Emphasis{Content: d.inlines(m, "content", path)}
	case "strong":
		return &tree.Strong{Content: d.inlines(m, "content", path)}
	case "strikethrough":
		return &tree.Strikethrough{Content: d.inlines(m, "content", path)}
	case "code":
		return &tree.Code{Text: d.str(m, "text", path)}
	case "link":
		return &tree.Link{URL: d.str(m, "url", path), Title: d.str(m, "title", path), Target: d.str(m, "target", path),
			Internal: d.bool(m, "internal", path), PageExt: d.str(m, "page_ext", path), Autolink: d.bool(m, "autolink", path), Line: d.int(m, "line", path),
			Content: d.inlines(m, "content", path)}
	case "image":
		return &tree.Image{URL: d.str(m, "url", path), Title: d.str(m, "title", path), Alt: d.str(m, "alt", path),
			Attr: d.attr(m, path), Line: d.int(m, "line", path)}
	case "soft_break":
		return &tree.SoftBreak{}
	case "line_break":
		return &tree.LineBreak{}
	case "raw_html":
		return &tree.RawHTML{HTML: d.str(m, "html", path)}
	case "anchor":
		return &tree.Anchor{ID: d.str(m, "id", path)}
	case "footnote_ref":
		return &tree.FootnoteRef{ID: d.str(m, "id", path), Index: d.int(m, "index", path)}
	case "macro":
		return &tree.Macro{Name: d.str(m, "name", path), Raw: d.str(m, "raw", path), Line: d.int(m, "line", path)}
	case "date":
		return &tree.Date{Time: d.time(m, path), Style: tree.DateStyle(d.str(m, "style", path)), Format: d.str(m, "format", path),
			Locale: d.str(m, "locale", path), Source: tree.Provenance(d.str(m, "source", path)), Commit: d.str(m, "commit", path),
			Text: d.str(m, "text", path)}
	case "insert":
		return &tree.Insert{Change: d.int(m, "change", path), Content: d.inlines(m, "content", path)}
	case "delete":
		return &tree.Delete{Change: d.int(m, "change", path), Content: d.inlines(m, "content", path)}
	default:
		if d.err == nil {
			d.fail(path+".type", "unknown inline type %q", t)
		}
		return nil
	}
}
