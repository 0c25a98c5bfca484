package markdown

import (
	"strings"
	"unicode"

	"github.com/galleydoc/galley/pipeline/tree"
)

// ctx says where inline content is written.
type ctx struct {
	// lineStarts: text at the start of a line could be read as block syntax
	// (paragraphs); headings and table cells are one line after a marker.
	lineStarts bool
	// table: breaks become spaces or <br>, and '|' is escaped in code too.
	table bool
	// link: inside link text, where GFM does not autolink.
	link bool
	// heading: hard breaks become spaces.
	heading bool
}

var (
	ctxBlock   = ctx{lineStarts: true}
	ctxHeading = ctx{heading: true}
	ctxTable   = ctx{table: true}
)

// inlines writes inline content as Markdown.
func (w *writer) inlines(list []tree.Inline, c ctx) string {
	var sb strings.Builder
	w.writeInlines(&sb, list, c)
	s := sb.String()
	if strings.Contains(s, " \n") || strings.Contains(s, "\t\n") {
		// Trailing spaces before a line end would be read as a hard break.
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " \t")
		}
		s = strings.Join(lines, "\n")
	}
	return s
}

// atLineStart reports whether the next character written to sb starts a
// line.
func atLineStart(sb *strings.Builder, c ctx) bool {
	if !c.lineStarts {
		return false
	}
	s := sb.String()
	return s == "" || s[len(s)-1] == '\n'
}

func (w *writer) writeInlines(sb *strings.Builder, list []tree.Inline, c ctx) {
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Text:
			sb.WriteString(escapeText(in.Text, atLineStart(sb, c), c))
		case *tree.Code:
			sb.WriteString(codeSpan(in.Text, atLineStart(sb, c), c))
		case *tree.Emphasis:
			w.delimited(sb, "*", in.Content, c)
		case *tree.Strong:
			w.delimited(sb, "**", in.Content, c)
		case *tree.Strikethrough:
			w.delimited(sb, "~~", in.Content, c)
		case *tree.Link:
			w.link(sb, in, c)
		case *tree.Image:
			sb.WriteString("![" + escapeText(in.Alt, false, ctx{link: true, table: c.table}) + "](" +
				destination(in.URL) + linkTitle(in.Title) + ")")
		case *tree.SoftBreak:
			if c.table || c.heading {
				sb.WriteByte(' ')
			} else {
				sb.WriteByte('\n')
			}
		case *tree.LineBreak:
			switch {
			case c.table:
				sb.WriteString("<br>")
			case c.heading:
				sb.WriteByte(' ')
			default:
				sb.WriteString("\\\n")
			}
		case *tree.RawHTML:
			h := in.HTML
			if c.table || c.heading {
				h = strings.ReplaceAll(h, "\n", " ")
			}
			sb.WriteString(h)
		case *tree.Anchor:
			sb.WriteString(`<a id="` + htmlAttr(in.ID) + `"></a>`)
		case *tree.FootnoteRef:
			sb.WriteString("[^" + w.footnoteRefLabel(in) + "]")
		case *tree.Macro:
			sb.WriteString(in.Raw)
		case *tree.Date:
			text := in.Text
			if text == "" {
				text = in.Time.Format("2006-01-02")
			}
			sb.WriteString(escapeText(text, atLineStart(sb, c), c))
		}
	}
}

// delimited writes emphasis, strong or strikethrough content between
// delimiters, moving white space at its edges outside them (a delimiter
// next to a space does not open or close).
func (w *writer) delimited(sb *strings.Builder, delim string, content []tree.Inline, c ctx) {
	inner := c
	inner.lineStarts = c.lineStarts && atLineStart(sb, c)
	s := w.inlines(content, inner)
	core := strings.TrimLeft(s, " \n")
	lead := s[:len(s)-len(core)]
	trimmed := strings.TrimRight(core, " \n")
	trail := core[len(trimmed):]
	if trimmed == "" {
		sb.WriteString(s)
		return
	}
	sb.WriteString(lead + delim + trimmed + delim + trail)
}

// link writes a link: an autolink `<…>` where the text is the URL, the bare
// text where GFM autolinked it (www.…), else `[text](dest "title")`.
func (w *writer) link(sb *strings.Builder, l *tree.Link, c ctx) {
	text := tree.PlainText(l.Content)
	switch {
	case text == l.URL && autolinkable(l.URL):
		sb.WriteString("<" + l.URL + ">")
		return
	case "mailto:"+text == l.URL && text != "" && !strings.ContainsAny(text, " <>\\:"):
		sb.WriteString("<" + text + ">")
		return
	case l.Autolink && !c.link && strings.HasPrefix(text, "www.") &&
		(l.URL == "http://"+text || l.URL == "https://"+text) && !strings.ContainsAny(text, " <>*_~[]`\\|"):
		sb.WriteString(text)
		return
	}
	inner := c
	inner.link, inner.lineStarts = true, false
	sb.WriteString("[" + w.inlines(l.Content, inner) + "](" + destination(l.URL) + linkTitle(l.Title) + ")")
}

// autolinkable reports whether u can be written as a CommonMark autolink
// `<u>`: a scheme and no spaces or angle brackets.
func autolinkable(u string) bool {
	colon := strings.IndexByte(u, ':')
	if colon < 2 || colon > 32 {
		return false
	}
	for i, r := range u[:colon] {
		if !(r < 128 && (unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || r == '+' || r == '.' || r == '-'))) {
			return false
		}
	}
	for _, r := range u {
		if r <= ' ' || r == '<' || r == '>' || r == 0x7f {
			return false
		}
	}
	return true
}

// destination writes a link destination, in angle brackets when it holds
// spaces, brackets or parentheses.
func destination(u string) string {
	if u == "" {
		return "<>"
	}
	if strings.ContainsAny(u, " \t\n<>()") {
		r := strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`, "\n", " ")
		return "<" + r.Replace(u) + ">"
	}
	return strings.ReplaceAll(u, `\`, `\\`)
}

// linkTitle writes ` "title"`, or nothing.
func linkTitle(t string) string {
	if t == "" {
		return ""
	}
	return ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
}

// htmlAttr escapes an HTML attribute value.
func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// footnoteRefLabel returns the label of the definition a reference points
// to.
func (w *writer) footnoteRefLabel(fr *tree.FootnoteRef) string {
	for _, fn := range w.doc.Footnotes {
		if fn != nil && fr.ID != "" && fn.ID == fr.ID {
			return footnoteLabel(fn.ID, fn.Index)
		}
	}
	for _, fn := range w.doc.Footnotes {
		if fn != nil && fr.Index > 0 && fn.Index == fr.Index {
			return footnoteLabel(fn.ID, fn.Index)
		}
	}
	return footnoteLabel(fr.ID, fr.Index)
}

// codeSpan writes inline code with a backtick string longer than any run
// inside, padded with a space where the content starts or ends with a
// backtick or is framed by spaces.
func codeSpan(s string, atStart bool, c ctx) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if s == "" {
		return ""
	}
	if c.table {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	n := longestRun(s, '`') + 1
	fence := strings.Repeat("`", n)
	pad := ""
	if s[0] == '`' || s[len(s)-1] == '`' ||
		(s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "") {
		pad = " "
	}
	out := fence + pad + s + pad + fence
	if atStart && n >= 3 {
		out = " " + out // three backticks at a line start open a code fence
	}
	return out
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIILetter(r rune) bool { return r < 128 && unicode.IsLetter(r) }

// escapeText escapes text so that it reads back as the same characters and
// creates no syntax. atStart says the text starts a line.
func escapeText(s string, atStart bool, c ctx) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	rs := []rune(s)
	if atStart {
		for len(rs) > 0 && (rs[0] == ' ' || rs[0] == '\t') {
			rs = rs[1:] // leading white space of a line is not content
		}
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	// At a line start: block markers, and the delimiter after a number.
	listDelim := -1
	if atStart && len(rs) > 0 {
		switch rs[0] {
		case '#', '-', '+', '=', '>', '!', '?':
			sb.WriteByte('\\')
		}
		i := 0
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
		if i > 0 && i < len(rs) && (rs[i] == '.' || rs[i] == ')') {
			listDelim = i
		}
	}
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i, r := range rs {
		prev, next := at(i-1), at(i+1)
		esc := false
		switch r {
		case '\\', '*', '[', ']', '`', '<', '~', '|':
			esc = true
		case '_':
			esc = !(isAlnum(prev) && isAlnum(next))
		case '&':
			esc = next == '#' || isASCIILetter(next)
		case '{':
			esc = next == '{' || prev == '{' || next == ':'
		case '.', ')':
			esc = i == listDelim
			if r == '.' && !c.link && i >= 3 && strings.EqualFold(string(rs[i-3:i]), "www") && (i == 3 || !isAlnum(rs[i-4])) {
				esc = true // www. would be autolinked
			}
		case ':':
			esc = !c.link && next == '/' && at(i+2) == '/' && isASCIILetter(prev)
		case '@':
			esc = !c.link && isAlnum(prev) && (isAlnum(next) || next == '.' || next == '-')
		}
		if esc {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
