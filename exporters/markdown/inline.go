package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleydoc/galley/exporters"
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
	// outer is the delimiter character of the emphasis being written.
	outer byte
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

// escapeBang escapes a "!" that ends sb, so that a link written next is not
// read back as an image ("!" + "[text](url)").
func escapeBang(sb *strings.Builder) {
	s := sb.String()
	if !strings.HasSuffix(s, "!") {
		return
	}
	n := 0 // backslashes before the "!": an odd number escapes it already
	for i := len(s) - 2; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	if n%2 == 0 {
		sb.Reset()
		sb.WriteString(s[:len(s)-1] + `\!`)
	}
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
	var after closer // the delimiter run just closed
	merged := mergeStrikes(list)
	for i := 0; i < len(merged); i++ {
		in := merged[i]
		closed := after
		after = closer{}
		switch in := in.(type) {
		case *tree.Insert, *tree.Delete:
			i += w.writeMark(sb, merged, i, c) - 1
		case *tree.Text:
			text := in.Text
			if r, size := utf8.DecodeRuneInString(text); closed.ch != 0 && text != "" &&
				(text[0] == closed.ch || closed.punct && isOther(r) && !(closed.cjkOK && cjk(r))) {
				// A delimiter character right after a closing run would
				// lengthen the run, and a letter after a run ending in
				// punctuation would stop it closing (unless the letter
				// is Chinese, Japanese or Korean: galley reads emphasis
				// the markdown-cjk-friendly way): write it as a
				// character reference.
				sb.WriteString(entity(r))
				text = text[size:]
			}
			sb.WriteString(escapeText(text, atLineStart(sb, c), c))
		case *tree.Code:
			sb.WriteString(codeSpan(in.Text, atLineStart(sb, c), c))
		case *tree.Emphasis:
			after = w.delimited(sb, "*", in.Content, c, closed)
		case *tree.Strong:
			after = w.delimited(sb, "**", in.Content, c, closed)
		case *tree.Strikethrough:
			if c.outer == '~' {
				// Struck inside struck text: the outer run covers it.
				w.writeInlines(sb, in.Content, c)
				continue
			}
			after = w.delimited(sb, "~~", in.Content, c, closed)
		case *tree.Link:
			escapeBang(sb)
			w.link(sb, in, c)
		case *tree.Image:
			sb.WriteString("![" + escapeText(in.Alt, false, ctx{link: true, table: c.table}) + "](" +
				destination(w.url(in.URL)) + linkTitle(in.Title) + ")")
			if a := attrList(in.Attr, false); a != "" {
				sb.WriteString(a)
			}
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
			case strings.HasSuffix(sb.String(), "\\"):
				// After an escaped backslash, goldmark reads "\\\" at a
				// line end as a backslash and a break: use two spaces.
				sb.WriteString("  \n")
			default:
				sb.WriteString("\\\n")
			}
		case *tree.RawHTML:
			if w.opts.RawHTML == exporters.RawDrop && in.IsBreak() {
				// A dropped <br> still breaks the line.
				w.writeInlines(sb, []tree.Inline{&tree.LineBreak{}}, c)
				continue
			}
			h := w.rawHTML(in.HTML)
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

// mergeStrikes returns list with adjacent strikethroughs joined into one
// (new nodes; the tree is not changed): "~~a~~~~b~~" would read as
// something else.
func mergeStrikes(list []tree.Inline) []tree.Inline {
	var out []tree.Inline
	for i := 0; i < len(list); i++ {
		st, ok := list[i].(*tree.Strikethrough)
		if !ok || i+1 >= len(list) {
			if out != nil {
				out = append(out, list[i])
			}
			continue
		}
		if _, next := list[i+1].(*tree.Strikethrough); !next {
			if out != nil {
				out = append(out, list[i])
			}
			continue
		}
		if out == nil {
			out = append([]tree.Inline{}, list[:i]...)
		}
		merged := &tree.Strikethrough{Content: append([]tree.Inline{}, st.Content...)}
		for i+1 < len(list) {
			nx, ok := list[i+1].(*tree.Strikethrough)
			if !ok {
				break
			}
			merged.Content = append(merged.Content, nx.Content...)
			i++
		}
		out = append(out, merged)
	}
	if out == nil {
		return list
	}
	return out
}

// closer describes a delimiter run just written: its character, whether
// the content before it ends in punctuation that keeps it from closing
// before a letter, and whether a CJK character after it lets it close.
type closer struct {
	ch    byte
	punct bool
	cjkOK bool
}

// delimited writes emphasis, strong or strikethrough content between
// delimiters, moving white space at its edges outside them (a delimiter
// next to a space does not open or close). An escaped delimiter character
// next to a delimiter run, inside or outside, is written as a character
// reference instead, since goldmark counts it into the run; so is a letter
// or digit before a run whose content starts with punctuation, which would
// keep the run from opening (CommonMark's flanking rules). It returns the
// run written, for the text after it. Emphasis inside or right after a run
// of asterisks is written with underscores, so that the runs do not merge.
func (w *writer) delimited(sb *strings.Builder, delim string, content []tree.Inline, c ctx, prev closer) closer {
	if delim[0] == '*' && (c.outer == '*' || prev.ch == '*') {
		// Inside or right after a run of asterisks, underscores keep the
		// runs apart.
		delim = strings.Repeat("_", len(delim))
	}
	inner := c
	inner.lineStarts = c.lineStarts && atLineStart(sb, c)
	inner.outer = delim[0]
	s := w.inlines(content, inner)
	core := strings.TrimLeft(s, " \n")
	lead := s[:len(s)-len(core)]
	trimmed := strings.TrimRight(core, " \n")
	trail := core[len(trimmed):]
	if trimmed == "" {
		sb.WriteString(s)
		return closer{}
	}
	ch := delim[0]
	esc := "\\" + string(ch)
	trimmed = unescapeEdges(trimmed, ch)
	if lead == "" {
		prev := sb.String()
		last, size := utf8.DecodeLastRuneInString(prev)
		first, _ := utf8.DecodeRuneInString(trimmed)
		switch {
		case strings.HasSuffix(prev, esc) && escapedAt(prev, len(prev)-2):
			sb.Reset()
			sb.WriteString(prev[:len(prev)-2] + entity(rune(ch)))
		case prev != "" && isOther(mainBefore(prev)) && (ch == '_' || isPunct(first) && !cjkPunct(first) && !endsCJK(prev)):
			// An underscore run after a letter does not open; nor does
			// another run before punctuation, unless CJK text is on
			// either side (markdown-cjk-friendly: "这是**“引用”**").
			sb.Reset()
			sb.WriteString(prev[:len(prev)-size] + entity(last))
		}
	}
	sb.WriteString(lead + delim + trimmed + delim + trail)
	if trail != "" {
		return closer{}
	}
	// An underscore run followed by a letter or digit does not close;
	// another run does when its content ends in CJK punctuation or a CJK
	// character follows it ("**重要：**请").
	if ch == '_' {
		return closer{ch: ch, punct: true}
	}
	end := mainBefore(trimmed)
	return closer{ch: ch, punct: isPunct(end) && !cjkPunct(end), cjkOK: true}
}

// cjk reports whether r is certainly a CJK character of the
// markdown-cjk-friendly rules galley's Markdown reader follows: East Asian
// Width F, W or H and not a symbol (so never an emoji), or Hangul.
// Characters it leaves out are written as a reader following plain
// CommonMark needs them, which galley reads the same way.
func cjk(r rune) bool {
	return tree.IsEastAsianWide(r) && !unicode.IsSymbol(r) || unicode.Is(unicode.Hangul, r)
}

// cjkPunct reports CJK punctuation: "：", "。", "「"…
func cjkPunct(r rune) bool { return isPunct(r) && cjk(r) }

// mainBefore returns the last character of s as the flanking rules see it:
// a variation selector counts as the character it follows.
func mainBefore(s string) rune {
	r, n := utf8.DecodeLastRuneInString(s)
	if r >= 0xfe00 && r <= 0xfe0e && n < len(s) {
		if b, _ := utf8.DecodeLastRuneInString(s[:len(s)-n]); !unicode.IsSpace(b) {
			return b
		}
	}
	return r
}

// endsCJK reports whether s ends in a CJK character (with its variation
// selector) or an ideographic variation selector, which let a run after
// it open before punctuation.
func endsCJK(s string) bool {
	if r, _ := utf8.DecodeLastRuneInString(s); r >= 0xe0100 && r <= 0xe01ef {
		return true
	}
	return cjk(mainBefore(s))
}

// isOther reports whether r is neither white space nor punctuation for
// CommonMark's flanking rules (letters, digits, controls, …).
func isOther(r rune) bool {
	return !isPunct(r) && !unicode.IsSpace(r)
}

// isPunct reports whether r is punctuation for CommonMark's flanking
// rules: Unicode punctuation or symbols.
func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// unescapeEdges rewrites an escaped ch at the start or end of s as a
// character reference.
func unescapeEdges(s string, ch byte) string {
	esc := "\\" + string(ch)
	if strings.HasPrefix(s, esc) {
		s = entity(rune(ch)) + s[2:]
	}
	if strings.HasSuffix(s, esc) && escapedAt(s, len(s)-2) {
		s = s[:len(s)-2] + entity(rune(ch))
	}
	return s
}

// escapedAt reports whether the backslash at s[i] is an escape, not an
// escaped backslash: an odd number of backslashes ends at i.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// entity returns the numeric character reference of r.
func entity(r rune) string {
	return "&#" + strconv.Itoa(int(r)) + ";"
}

// link writes a link: an autolink `<…>` where the text is the URL, the bare
// text where GFM autolinked it (www.…), else `[text](dest "title")`.
func (w *writer) link(sb *strings.Builder, l *tree.Link, c ctx) {
	text := tree.PlainText(l.Content)
	if u := w.url(l.URL); u != l.URL {
		// A dangerous URL: keep the text, drop the destination.
		inner := c
		inner.link, inner.lineStarts = true, false
		sb.WriteString("[" + w.inlines(l.Content, inner) + "](<>)")
		return
	}
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
// The definitions are indexed on first use (the first with each ID and
// each index), so that 50,000 references take linear time.
func (w *writer) footnoteRefLabel(fr *tree.FootnoteRef) string {
	if w.fnByID == nil {
		w.fnByID, w.fnByIndex = map[string]*tree.Footnote{}, map[int]*tree.Footnote{}
		for _, fn := range w.doc.Footnotes {
			if fn == nil {
				continue
			}
			if _, ok := w.fnByID[fn.ID]; !ok {
				w.fnByID[fn.ID] = fn
			}
			if _, ok := w.fnByIndex[fn.Index]; !ok {
				w.fnByIndex[fn.Index] = fn
			}
		}
	}
	if fn, ok := w.fnByID[fr.ID]; ok && fr.ID != "" {
		return footnoteLabel(fn.ID, fn.Index)
	}
	if fn, ok := w.fnByIndex[fr.Index]; ok && fr.Index > 0 {
		return footnoteLabel(fn.ID, fn.Index)
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
		case ':':
			if len(rs) > 1 && rs[1] == '-' {
				sb.WriteByte('\\') // ":-" under a line with a | is a table
			}
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
