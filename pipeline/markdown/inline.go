package markdown

import (
	"bytes"
	"strings"

	gast "github.com/galleydoc/galley/internal/goldmark/ast"
	extast "github.com/galleydoc/galley/internal/goldmark/extension/ast"
	"github.com/galleydoc/galley/internal/goldmark/util"
	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/pipeline/tree"
)

// inlines converts the inline children of n, then applies the inline syntax
// goldmark does not know: `<a id>` anchors, attribute lists after images and
// the date macros; in galley's dialect, a line break between two Chinese or
// Japanese characters is no space (tree.JoinsLines).
func (c *converter) inlines(n gast.Node) []tree.Inline {
	c.line = c.nodeLine(n)
	return c.joinLines(c.children(n))
}

// joinLines drops the soft breaks of list that read as nothing, in galley's
// dialect; CommonMark and GFM keep every soft break.
func (c *converter) joinLines(list []tree.Inline) []tree.Inline {
	if !c.mkdocs {
		return list
	}
	return tree.DropJoinedBreaks(list)
}

func (c *converter) inline(out []tree.Inline, n gast.Node) []tree.Inline {
	switch n := n.(type) {
	case *gast.Text:
		v := n.Segment.Value(c.src)
		switch {
		case n.IsRaw():
			out = append(out, &tree.Text{Text: string(v)})
		case c.mkdocs:
			out = append(out, &tree.Text{Text: decode(v, true)})
		default:
			out = append(out, &tree.Text{Text: decodeText(v)})
		}
		switch {
		case n.HardLineBreak():
			out = append(trimBeforeBreak(out), &tree.LineBreak{})
		case n.SoftLineBreak():
			out = append(out, &tree.SoftBreak{})
		}
	case *gast.String:
		if n.IsCode() || n.IsRaw() {
			out = append(out, &tree.Text{Text: string(n.Value)})
		} else {
			out = append(out, &tree.Text{Text: decodeText(n.Value)})
		}
	case *gast.CodeSpan:
		var sb strings.Builder
		for x := n.FirstChild(); x != nil; x = x.NextSibling() {
			if t, ok := x.(*gast.Text); ok {
				v := t.Segment.Value(c.src)
				if len(v) > 0 && v[len(v)-1] == '\n' {
					sb.Write(v[:len(v)-1])
					sb.WriteByte(' ')
				} else {
					sb.Write(v)
				}
			} else if s, ok := x.(*gast.String); ok {
				sb.Write(s.Value)
			}
		}
		out = append(out, &tree.Code{Text: sb.String()})
	case *gast.Emphasis:
		content := c.children(n)
		if n.Level >= 2 {
			out = append(out, &tree.Strong{Content: content})
		} else {
			out = append(out, &tree.Emphasis{Content: content})
		}
	case *extast.Strikethrough:
		out = append(out, &tree.Strikethrough{Content: c.children(n)})
	case *gast.Link:
		l := &tree.Link{URL: decodeURL(n.Destination), Title: decodeText(n.Title), Content: c.children(n), Line: c.line}
		out = append(out, l)
	case *gast.AutoLink:
		url := string(n.URL(c.src))
		if n.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		out = append(out, &tree.Link{URL: url, Autolink: true, Line: c.line,
			Content: []tree.Inline{&tree.Text{Text: string(n.Label(c.src))}}})
	case *gast.Image:
		out = append(out, &tree.Image{URL: decodeURL(n.Destination), Title: decodeText(n.Title),
			Alt: tree.PlainText(c.joinLines(c.children(n))), Line: c.line})
	case *gast.RawHTML:
		var sb strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			sb.Write(seg.Value(c.src))
		}
		out = append(out, &tree.RawHTML{HTML: sb.String()})
	case *extast.FootnoteLink:
		out = append(out, &tree.FootnoteRef{ID: itoa(n.Index), Index: n.Index})
	case *extast.TaskCheckBox:
		// Recorded on the list item.
	default:
		out = append(out, c.children(n)...)
	}
	return out
}

// trimBeforeBreak removes the spaces that end the text before a hard line
// break: they are part of the break, not content (goldmark leaves some in
// the text segment).
func trimBeforeBreak(out []tree.Inline) []tree.Inline {
	for i := len(out) - 1; i >= 0; i-- {
		t, ok := out[i].(*tree.Text)
		if !ok {
			break
		}
		t.Text = strings.TrimRight(t.Text, " \t")
		if t.Text != "" {
			break
		}
	}
	return out
}

// children converts the inline children of n (at any depth).
func (c *converter) children(n gast.Node) []tree.Inline {
	var out []tree.Inline
	for x := n.FirstChild(); x != nil; x = x.NextSibling() {
		out = c.inline(out, x)
	}
	out = mergeText(out)
	if !c.mkdocs {
		return out
	}
	out = anchors(out)
	out = imageAttrs(out)
	out = macros(out, c.line)
	unmarkBraces(out)
	return out
}

// escapedBrace stands for a backslash-escaped "{" until the macros are
// found: `\{\{git_revision_date_localized}}` is literal text, as the MkDocs
// plugin's pattern does not match it either. U+FDD0 is a noncharacter, which
// no document carries.
const escapedBrace = "\uFDD0"

// unmarkBraces turns escaped-brace marks back into braces.
func unmarkBraces(list []tree.Inline) {
	for _, in := range list {
		if t, ok := in.(*tree.Text); ok && strings.Contains(t.Text, escapedBrace) {
			t.Text = strings.ReplaceAll(t.Text, escapedBrace, "{")
		}
	}
}

// decodeText resolves backslash escapes and entity/numeric character
// references the way goldmark's HTML writer does, in one pass.
func decodeText(v []byte) string { return decode(v, false) }

// decode is decodeText; with markBraces, an escaped "{" becomes
// escapedBrace.
func decode(v []byte, markBraces bool) string {
	if len(v) == 0 {
		return ""
	}
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v) // nothing to decode
	}
	var sb strings.Builder
	for i := 0; i < len(v); i++ {
		ch := v[i]
		switch {
		case ch == '\\' && i+1 < len(v) && v[i+1] == '{' && markBraces:
			sb.WriteString(escapedBrace)
			i++
		case ch == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			sb.WriteByte(v[i+1])
			i++
		case ch == '\x00':
			sb.WriteString("\uFFFD")
		case ch == '&':
			if r, n := decodeEntity(v[i:]); n > 0 {
				sb.WriteString(r)
				i += n - 1
			} else {
				sb.WriteByte(ch)
			}
		default:
			sb.WriteByte(ch)
		}
	}
	return sb.String()
}

// decodeURL resolves escapes and references in a link destination, in the
// order goldmark's URL escaping does.
func decodeURL(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// decodeEntity decodes the character reference at the start of v ("&amp;",
// "&#65;", "&#x41;") and returns its text and length, or 0.
func decodeEntity(v []byte) (string, int) {
	if len(v) < 3 {
		return "", 0
	}
	end := -1
	for i := 1; i < len(v) && i < 40; i++ {
		if v[i] == ';' {
			end = i
			break
		}
	}
	if end < 0 {
		return "", 0
	}
	body := v[1:end]
	if len(body) == 0 {
		return "", 0
	}
	if body[0] == '#' {
		if len(body) < 2 {
			return "", 0
		}
		var n uint64
		digits := body[1:]
		base := uint64(10)
		if digits[0] == 'x' || digits[0] == 'X' {
			base, digits = 16, digits[1:]
		}
		if len(digits) == 0 || (base == 10 && len(digits) > 7) || (base == 16 && len(digits) > 6) {
			return "", 0
		}
		for _, d := range digits {
			var x uint64
			switch {
			case d >= '0' && d <= '9':
				x = uint64(d - '0')
			case base == 16 && d >= 'a' && d <= 'f':
				x = uint64(d-'a') + 10
			case base == 16 && d >= 'A' && d <= 'F':
				x = uint64(d-'A') + 10
			default:
				return "", 0
			}
			n = n*base + x
		}
		return string(util.ToValidRune(rune(n))), end + 1
	}
	for _, ch := range body {
		if !util.IsAlphaNumeric(ch) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(string(body)); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}

// mergeText joins adjacent Text nodes. A run is joined in one pass: adding
// each piece to the first (prev.Text += t.Text) copied the run so far for
// every piece, quadratic in paragraphs of many delimiters or brackets that
// goldmark leaves as separate text nodes.
func mergeText(list []tree.Inline) []tree.Inline {
	out := list[:0]
	for i := 0; i < len(list); {
		first, ok := list[i].(*tree.Text)
		j := i + 1
		if ok {
			for j < len(list) {
				if _, ok := list[j].(*tree.Text); !ok {
					break
				}
				j++
			}
		}
		if j-i > 1 {
			var sb strings.Builder
			n := 0
			for _, in := range list[i:j] {
				n += len(in.(*tree.Text).Text)
			}
			sb.Grow(n)
			for _, in := range list[i:j] {
				sb.WriteString(in.(*tree.Text).Text)
			}
			first.Text = sb.String()
		}
		out = append(out, list[i])
		i = j
	}
	return out
}

var (
	anchorOpen  = lazyregexp.New(`(?is)^<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))[^>]*>$`)
	anchorClose = lazyregexp.New(`(?i)^</a\s*>$`)
	hrefAttr    = lazyregexp.New(`(?i)\shref\s*=`)
)

// anchors turns `<a id="x"></a>` and `<a name="x"></a>` raw HTML pairs into
// Anchor nodes (an opening tag with an id but no href, followed by its
// closing tag after any content).
func anchors(list []tree.Inline) []tree.Inline {
	out := make([]tree.Inline, 0, len(list))
	for i := 0; i < len(list); i++ {
		raw, ok := list[i].(*tree.RawHTML)
		if !ok {
			out = append(out, list[i])
			continue
		}
		m := anchorOpen.FindStringSubmatch(strings.TrimSpace(raw.HTML))
		if m == nil || hrefAttr.MatchString(raw.HTML) {
			out = append(out, raw)
			continue
		}
		id := m[1] + m[2] + m[3]
		// Find the closing tag; content in between stays as it is.
		closeAt := -1
		for j := i + 1; j < len(list); j++ {
			if r, ok := list[j].(*tree.RawHTML); ok && anchorClose.MatchString(strings.TrimSpace(r.HTML)) {
				closeAt = j
				break
			}
		}
		out = append(out, &tree.Anchor{ID: id})
		if closeAt < 0 {
			continue
		}
		out = append(out, list[i+1:closeAt]...)
		i = closeAt
	}
	return out
}

// attrList matches a Python-Markdown attribute list: `{: #id .class k=v }`
// or `{ k="v" }`.
var attrList = lazyregexp.New(attrListPattern)

// attrListPattern is attrList's expression, a constant so that the
// expressions built on it are not concatenated at start.
const attrListPattern = `\{:?[ \t]*((?:(?:#[\w:.-]+|\.[\w-]+|[\w:-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))[ \t]*)+)\}`

var attrToken = lazyregexp.New(`#([\w:.-]+)|\.([\w-]+)|([\w:-]+)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s}]+))`)

func parseAttr(s string) tree.Attr {
	var a tree.Attr
	for _, m := range attrToken.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			a.ID = m[1]
		case m[2] != "":
			a.Classes = append(a.Classes, m[2])
		default:
			a.Pairs = append(a.Pairs, tree.KeyValue{Key: m[3], Value: m[4] + m[5] + m[6]})
		}
	}
	return a
}

var trailingAttr = lazyregexp.New(`[ \t]*` + attrListPattern + `[ \t]*$`)

// splitTrailingAttr removes an attribute list that ends a block's content
// (on its last line, or on a line of its own) and returns it.
func splitTrailingAttr(list []tree.Inline) ([]tree.Inline, tree.Attr) {
	if len(list) == 0 {
		return list, tree.Attr{}
	}
	t, ok := list[len(list)-1].(*tree.Text)
	if !ok || !strings.HasSuffix(strings.TrimRight(t.Text, " \t"), "}") {
		return list, tree.Attr{}
	}
	loc := trailingAttr.FindStringSubmatchIndex(t.Text)
	if loc == nil {
		return list, tree.Attr{}
	}
	attr := parseAttr(t.Text[loc[2]:loc[3]])
	t.Text = t.Text[:loc[0]]
	if t.Text == "" {
		list = list[:len(list)-1]
	}
	// Drop the line break that put the attribute list on its own line.
	for len(list) > 0 {
		switch list[len(list)-1].(type) {
		case *tree.SoftBreak, *tree.LineBreak:
			list = list[:len(list)-1]
			continue
		}
		break
	}
	if n := len(list); n > 0 {
		if t, ok := list[n-1].(*tree.Text); ok {
			t.Text = strings.TrimRight(t.Text, " \t")
		}
	}
	return list, attr
}

var leadingAttr = lazyregexp.New(`^` + attrListPattern)

// imageAttrs attaches `{ loading=lazy }` written right after an image to it.
func imageAttrs(list []tree.Inline) []tree.Inline {
	for i := 0; i+1 < len(list); i++ {
		img, ok := list[i].(*tree.Image)
		if !ok {
			continue
		}
		t, ok := list[i+1].(*tree.Text)
		if !ok {
			continue
		}
		if loc := leadingAttr.FindStringSubmatchIndex(t.Text); loc != nil {
			img.Attr = parseAttr(t.Text[loc[2]:loc[3]])
			t.Text = t.Text[loc[1]:]
			if t.Text == "" {
				list = append(list[:i+1], list[i+2:]...)
			}
		}
	}
	return list
}

// findMacros finds the date macros of mkdocs-git-revision-date-localized
// with any spacing inside the braces, as FindAllStringSubmatchIndex of
//
//	\{\{\s*(git_revision_date_localized|git_creation_date_localized|git_site_revision_date_localized|git_revision_date_localized_raw_[a-z_]+|git_creation_date_localized_raw_[a-z_]+)\s*\}\}
//
// would (each match's start, end, and the name's start and end), without
// compiling the expression: a one-document convert spent 0.6 % of its time
// on that. A name is the whole run of [a-z_] after the opening braces
// (the expression's next character must be a space or a brace).
// TestFindMacrosIsTheExpression compares them. Escaped underscores were
// already decoded with the rest of the text.
func findMacros(s string) [][]int {
	var locs [][]int
	for i := 0; i+1 < len(s); {
		j := strings.Index(s[i:], "{{")
		if j < 0 {
			break
		}
		start := i + j
		p := skipSpace(s, start+2)
		nameStart := p
		for p < len(s) && ('a' <= s[p] && s[p] <= 'z' || s[p] == '_') {
			p++
		}
		nameEnd := p
		p = skipSpace(s, p)
		if isMacroName(s[nameStart:nameEnd]) && strings.HasPrefix(s[p:], "}}") {
			locs = append(locs, []int{start, p + 2, nameStart, nameEnd})
			i = p + 2
			continue
		}
		i = start + 1
	}
	return locs
}

// skipSpace returns the index of the first byte of s from i on that is not
// a space as \s means it ([\t\n\f\r ]).
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// isMacroName reports whether name is a date macro's name.
func isMacroName(name string) bool {
	switch name {
	case "git_revision_date_localized", "git_creation_date_localized", "git_site_revision_date_localized":
		return true
	}
	for _, prefix := range []string{"git_revision_date_localized_raw_", "git_creation_date_localized_raw_"} {
		if len(name) > len(prefix) && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// macros splits Text nodes around date macros into Macro nodes.
func macros(list []tree.Inline, line int) []tree.Inline {
	var out []tree.Inline
	changed := false
	for _, in := range list {
		t, ok := in.(*tree.Text)
		if !ok || !strings.Contains(t.Text, "{{") {
			out = append(out, in)
			continue
		}
		locs := findMacros(t.Text)
		if locs == nil {
			out = append(out, in)
			continue
		}
		changed = true
		prev := 0
		for _, m := range locs {
			if m[0] > prev {
				out = append(out, &tree.Text{Text: t.Text[prev:m[0]]})
			}
			out = append(out, &tree.Macro{Name: t.Text[m[2]:m[3]], Raw: t.Text[m[0]:m[1]], Line: line})
			prev = m[1]
		}
		if prev < len(t.Text) {
			out = append(out, &tree.Text{Text: t.Text[prev:]})
		}
	}
	if !changed {
		return list
	}
	return out
}
