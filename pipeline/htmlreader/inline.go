package htmlreader

import (
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

// inlineChildren converts the children of n as inline content. Block
// elements met here (a <div> inside a heading) contribute their content,
// separated by spaces.
func (c *converter) inlineChildren(n *html.Node) []tree.Inline {
	var out []tree.Inline
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		out = c.inline(out, ch)
	}
	return out
}

// inline appends the inline form of n to out.
func (c *converter) inline(out []tree.Inline, n *html.Node) []tree.Inline {
	if n.Type == html.TextNode {
		return append(out, &tree.Text{Text: collapseText(n.Data)})
	}
	if n.Type != html.ElementNode || c.dropped(n) {
		return out
	}
	id := strings.TrimSpace(attr(n, "id"))
	if id != "" && n.DataAtom != atom.A && !c.footnoteBackTarget(id) {
		out = append(out, &tree.Anchor{ID: id})
	}
	switch n.DataAtom {
	case atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Var:
		return append(out, &tree.Emphasis{Content: c.inlineChildren(n)})
	case atom.Strong, atom.B:
		return append(out, &tree.Strong{Content: c.inlineChildren(n)})
	case atom.S, atom.Strike, atom.Del:
		return append(out, &tree.Strikethrough{Content: c.inlineChildren(n)})
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		return append(out, &tree.Code{Text: collapseSpace(textContent(n))})
	case atom.A:
		return c.link(out, n)
	case atom.Img:
		src := strings.TrimSpace(attr(n, "src"))
		if src == "" || (unsafeURL(src) && !imageDataURL(src)) {
			return out
		}
		return append(out, &tree.Image{URL: src, Title: attr(n, "title"), Alt: attr(n, "alt"), Line: c.lineOf(n)})
	case atom.Br:
		return append(out, &tree.LineBreak{})
	case atom.Wbr:
		return out
	case atom.Time:
		return c.timeElement(out, n)
	case atom.Span:
		if d, ok := c.pluginDate(n); ok {
			return append(out, d)
		}
	}
	if isBlock(n) {
		out = append(out, &tree.Text{Text: " "})
		out = append(out, c.inlineChildren(n)...)
		return append(out, &tree.Text{Text: " "})
	}
	return append(out, c.inlineChildren(n)...)
}

// link converts <a>: an id or name makes an Anchor, an href a Link (or a
// FootnoteRef when it points at a footnote definition); an unsafe href is
// dropped and the text kept.
func (c *converter) link(out []tree.Inline, n *html.Node) []tree.Inline {
	href := strings.TrimSpace(attr(n, "href"))
	if ref := c.footnoteRef(href); ref != nil {
		return append(out, ref)
	}
	id := strings.TrimSpace(attr(n, "id"))
	if id == "" {
		id = strings.TrimSpace(attr(n, "name"))
	}
	if id != "" && !c.footnoteBackTarget(id) {
		out = append(out, &tree.Anchor{ID: id})
	}
	content := c.inlineChildren(n)
	if !hasAttr(n, "href") || unsafeURL(href) {
		return append(out, content...)
	}
	return append(out, &tree.Link{URL: href, Title: attr(n, "title"), Line: c.lineOf(n), Content: content})
}

// unsafeURL reports whether a URL runs script or embeds a document:
// javascript:, vbscript: and data: (images included), ignoring the
// whitespace and control characters browsers ignore.
func unsafeURL(u string) bool {
	var sb strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' {
			break
		}
		sb.WriteRune(r)
		if sb.Len() > 16 {
			return false
		}
	}
	switch strings.ToLower(sb.String()) {
	case "javascript", "vbscript", "data":
		return strings.Contains(u, ":")
	}
	return false
}

// imageDataURL reports whether u is a data: URL of a PNG, GIF, JPEG or WebP
// image, the only data: URLs images keep (as galley's HTML exporter allows).
func imageDataURL(u string) bool {
	u = strings.ToLower(strings.TrimSpace(u))
	for _, t := range []string{"png", "gif", "jpeg", "jpg", "webp"} {
		if strings.HasPrefix(u, "data:image/"+t+";") || strings.HasPrefix(u, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

// dateLayouts are the <time datetime> forms read, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseDate parses a valid HTML date or date-time string, in UTC unless it
// carries an offset.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || len(s) > 40 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// timeElement converts <time>: with a datetime attribute (or text) that is a
// date it becomes a Date whose Text is the element's text; otherwise its
// content is kept.
func (c *converter) timeElement(out []tree.Inline, n *html.Node) []tree.Inline {
	text := textLine(textContent(n))
	dt := attr(n, "datetime")
	if dt == "" {
		dt = text
	}
	t, ok := parseDate(dt)
	if !ok {
		return append(out, c.inlineChildren(n)...)
	}
	return append(out, &tree.Date{Time: t, Style: tree.StyleDate, Source: tree.FromDocument, Text: text})
}

// isSpace reports whether b is HTML ASCII whitespace.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// collapseSpace turns each run of HTML whitespace into one space.
func collapseSpace(s string) string { return collapse(s, false) }

// collapseText is collapseSpace for the text of inline content, which
// normalizeInlines finishes: a run holding a line break (a segment break)
// becomes "\n", which joinSegmentBreaks turns into a space or nothing.
func collapseText(s string) string { return collapse(s, true) }

func collapse(s string, markBreaks bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || (i+1 < len(s) && isSpace(s[i+1]))) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		if !isSpace(s[i]) {
			sb.WriteByte(s[i])
			i++
			continue
		}
		sep := byte(' ')
		for ; i < len(s) && isSpace(s[i]); i++ {
			if markBreaks && (s[i] == '\n' || s[i] == '\r') {
				sep = '\n'
			}
		}
		sb.WriteByte(sep)
	}
	return sb.String()
}

// textLine returns the text s of an element read as one line of text (a
// title, a date): white space collapsed as in inline content, without
// spaces at either end.
func textLine(s string) string {
	t := &tree.Text{Text: collapseText(s)}
	joinSegmentBreaks([]tree.Inline{t})
	return strings.TrimSpace(t.Text)
}

// joinSegmentBreaks resolves the segment breaks collapseText marked in the
// text of list (at any depth), as CSS Text 3 does: the white space around
// one is a single break, which reads as nothing between two Chinese or
// Japanese characters (tree.JoinsLines, looking across element boundaries)
// and as a space otherwise. Next to an image, a line break or other
// content that is not text, it is a space.
func joinSegmentBreaks(list []tree.Inline) {
	// The text in document order, one rune a position, with the Text each
	// position belongs to (-1: not text, whose runes only tell what is
	// beside a break; a rune of -1: an inline that is not text).
	var runes []rune
	var owner []int
	var texts []*tree.Text
	var starts []int // where each Text's runes start
	marked := false
	var collect func([]tree.Inline)
	collect = func(list []tree.Inline) {
		for _, in := range list {
			switch x := in.(type) {
			case *tree.Text:
				if strings.IndexByte(x.Text, '\n') >= 0 {
					marked = true
				}
				starts = append(starts, len(runes))
				for _, r := range x.Text {
					runes = append(runes, r)
					owner = append(owner, len(texts))
				}
				texts = append(texts, x)
			case *tree.Code:
				for _, r := range x.Text {
					runes = append(runes, r)
					owner = append(owner, -1)
				}
			case *tree.Anchor:
			default:
				if inner := formatted(in); inner != nil {
					collect(*inner)
					continue
				}
				runes = append(runes, -1)
				owner = append(owner, -1)
			}
		}
	}
	collect(list)
	if !marked {
		return
	}
	const deleted = -2
	white := func(r rune) bool { return r == ' ' || r == '\n' }
	for j := 0; j < len(runes); j++ {
		if runes[j] != '\n' || owner[j] < 0 {
			continue
		}
		l, r := j-1, j+1
		for l >= 0 && white(runes[l]) {
			l--
		}
		for r < len(runes) && white(runes[r]) {
			r++
		}
		join := l >= 0 && r < len(runes) && runes[l] >= 0 && runes[r] >= 0 &&
			tree.JoinsLines(runes[l], runes[r])
		for k := l + 1; k < r; k++ {
			switch {
			case join:
				runes[k] = deleted
			case runes[k] == '\n':
				runes[k] = ' '
			}
		}
		j = r - 1
	}
	starts = append(starts, len(runes))
	var sb strings.Builder
	for i, t := range texts {
		sb.Reset()
		for j := starts[i]; j < len(runes) && owner[j] == i; j++ {
			if runes[j] != deleted {
				sb.WriteRune(runes[j])
			}
		}
		t.Text = sb.String()
	}
}

// normalizeInlines applies HTML's whitespace rules to the content of one
// block (spaces already collapsed within text nodes): no space at the start,
// at the end or before a line break, none doubled across element boundaries;
// line breaks at either end, empty text and empty formatting are dropped,
// and adjacent text is merged. It returns nil when nothing is left.
func normalizeInlines(list []tree.Inline) []tree.Inline {
	joinSegmentBreaks(list)
	space := true
	list = trimLeading(list, &space)
	list = hoistSpaces(list)
	space = true
	list = trimLeading(list, &space)
	list = trimBeforeBreaks(list)
	trimTrailing(list)
	list = prune(list)
	for len(list) > 0 {
		if _, ok := list[0].(*tree.LineBreak); ok {
			list = prune(list[1:])
			continue
		}
		if _, ok := list[len(list)-1].(*tree.LineBreak); ok {
			list = list[:len(list)-1]
			trimTrailing(list)
			list = prune(list)
			continue
		}
		break
	}
	if len(list) == 0 {
		return nil
	}
	return list
}

// hoistSpaces moves a space at either end of emphasis, strong,
// strikethrough or link content out of it ("<b> around </b>" reads as
// " " strong("around") " "), as Markdown and plain text need.
func hoistSpaces(list []tree.Inline) []tree.Inline {
	has := false
	for _, in := range list {
		if formatted(in) != nil {
			has = true
			break
		}
	}
	if !has {
		return list
	}
	out := make([]tree.Inline, 0, len(list)+2)
	for _, in := range list {
		content := formatted(in)
		if content == nil {
			out = append(out, in)
			continue
		}
		*content = hoistSpaces(*content)
		lead, trail := false, false
		if c := *content; len(c) > 0 {
			if t, ok := c[0].(*tree.Text); ok && strings.HasPrefix(t.Text, " ") {
				t.Text, lead = t.Text[1:], true
			}
			if t, ok := c[len(c)-1].(*tree.Text); ok && strings.HasSuffix(t.Text, " ") {
				t.Text, trail = t.Text[:len(t.Text)-1], true
			}
		}
		if lead {
			out = append(out, &tree.Text{Text: " "})
		}
		out = append(out, in)
		if trail {
			out = append(out, &tree.Text{Text: " "})
		}
	}
	return out
}

// formatted returns the content of a formatting inline or link, else nil.
func formatted(in tree.Inline) *[]tree.Inline {
	switch x := in.(type) {
	case *tree.Emphasis:
		return &x.Content
	case *tree.Strong:
		return &x.Content
	case *tree.Strikethrough:
		return &x.Content
	case *tree.Link:
		return &x.Content
	}
	return nil
}

// trimLeading drops a space that follows a space (or the block start), in
// document order across nested inlines.
func trimLeading(list []tree.Inline, space *bool) []tree.Inline {
	for _, in := range list {
		switch x := in.(type) {
		case *tree.Text:
			if *space {
				x.Text = strings.TrimPrefix(x.Text, " ")
			}
			if x.Text != "" {
				*space = strings.HasSuffix(x.Text, " ")
			}
		case *tree.LineBreak:
			*space = true
		case *tree.Emphasis:
			x.Content = trimLeading(x.Content, space)
		case *tree.Strong:
			x.Content = trimLeading(x.Content, space)
		case *tree.Strikethrough:
			x.Content = trimLeading(x.Content, space)
		case *tree.Link:
			x.Content = trimLeading(x.Content, space)
		case *tree.Anchor:
		default:
			*space = false
		}
	}
	return list
}

// trimTrailing removes trailing spaces at the end of list, looking into the
// last inlines, and reports whether it reached content that is not a space.
func trimTrailing(list []tree.Inline) bool {
	for i := len(list) - 1; i >= 0; i-- {
		switch x := list[i].(type) {
		case *tree.Text:
			x.Text = strings.TrimRight(x.Text, " ")
			if x.Text != "" {
				return true
			}
		case *tree.Emphasis:
			if trimTrailing(x.Content) {
				return true
			}
		case *tree.Strong:
			if trimTrailing(x.Content) {
				return true
			}
		case *tree.Strikethrough:
			if trimTrailing(x.Content) {
				return true
			}
		case *tree.Link:
			if trimTrailing(x.Content) {
				return true
			}
		case *tree.Anchor:
		default:
			return true
		}
	}
	return false
}

// trimBeforeBreaks removes the spaces before each line break.
func trimBeforeBreaks(list []tree.Inline) []tree.Inline {
	for i, in := range list {
		switch x := in.(type) {
		case *tree.LineBreak:
			trimTrailing(list[:i])
		case *tree.Emphasis:
			x.Content = trimBeforeBreaks(x.Content)
		case *tree.Strong:
			x.Content = trimBeforeBreaks(x.Content)
		case *tree.Strikethrough:
			x.Content = trimBeforeBreaks(x.Content)
		case *tree.Link:
			x.Content = trimBeforeBreaks(x.Content)
		}
	}
	return list
}

// prune drops empty text and empty formatting, and merges adjacent text.
func prune(list []tree.Inline) []tree.Inline {
	out := list[:0]
	for _, in := range list {
		switch x := in.(type) {
		case *tree.Text:
			if x.Text == "" {
				continue
			}
			if n := len(out); n > 0 {
				if prev, ok := out[n-1].(*tree.Text); ok {
					prev.Text += x.Text
					continue
				}
			}
		case *tree.Emphasis:
			if x.Content = prune(x.Content); len(x.Content) == 0 {
				continue
			}
		case *tree.Strong:
			if x.Content = prune(x.Content); len(x.Content) == 0 {
				continue
			}
		case *tree.Strikethrough:
			if x.Content = prune(x.Content); len(x.Content) == 0 {
				continue
			}
		case *tree.Link:
			if x.Content = prune(x.Content); len(x.Content) == 0 {
				continue
			}
		}
		out = append(out, in)
	}
	return out
}
