package markdown

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/rawhtml"
	"github.com/galleydoc/galley/pipeline/tree"
)

// writer holds the settings of one export.
type writer struct {
	opts exporters.Options
	doc  *tree.Document
	// firstAvoid is the bullet of the item whose blocks are being written:
	// a list starting on the item's first line must use another, or a line
	// of empty items ("-   -   -") would read as a thematic break.
	firstAvoid string
	// fnByID and fnByIndex index the footnote definitions (see
	// footnoteRefLabel).
	fnByID    map[string]*tree.Footnote
	fnByIndex map[int]*tree.Footnote
}

// blocks writes a block list. Blocks are separated by a blank line; in a
// tight list item a paragraph followed by a list is not, so that the list
// stays tight.
func (w *writer) blocks(bs []tree.Block, tight bool) []string {
	var out []string
	var prev tree.Block
	prevBullet, prevDelim := "", ""
	avoid := w.firstAvoid
	w.firstAvoid = ""
	for _, b := range bs {
		var lines []string
		if l, ok := b.(*tree.List); ok {
			// Adjacent lists of the same kind would merge: alternate the
			// bullet or delimiter.
			bullet, delim := "-", "."
			if l.Marker == ")" {
				delim = ")"
			}
			if len(out) == 0 && avoid != "" {
				bullet = map[string]string{"-": "*", "*": "+", "+": "-"}[avoid]
			}
			if pl, after := prev.(*tree.List); after && pl.Ordered == l.Ordered {
				if prevBullet == bullet {
					bullet = "*"
				}
				if prevDelim == delim {
					delim = map[string]string{".": ")", ")": "."}[delim]
				}
			}
			lines = w.list(l, bullet, delim)
			prevBullet, prevDelim = bullet, delim
		} else if _, ok := b.(*tree.ThematicBreak); ok && len(out) == 0 && avoid != "" {
			// On a bullet item's first line, "-   ---" would be one
			// thematic break: use a character no bullet uses.
			lines = []string{"___"}
			prevBullet, prevDelim = "", ""
		} else {
			lines = w.block(b)
			if len(lines) > 0 {
				// A block written as nothing (a paragraph of control
				// characters) does not part the lists around it.
				prevBullet, prevDelim = "", ""
			}
		}
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && (tight && canFollow(prev, b) || afterEmptyItem(prev)) {
			out = append(out, lines...)
		} else {
			out = join(out, lines)
		}
		prev = b
	}
	return out
}

// canFollow reports whether next may start on the line after prev
// without a blank line (in tight lists, where a blank line would make the
// list loose): after a heading or a code fence, anything; after a list,
// another list, a fence or a heading; after a paragraph, the blocks that
// can interrupt one.
func canFollow(prev, next tree.Block) bool {
	switch prev.(type) {
	case *tree.Heading, *tree.CodeBlock:
		return true
	case *tree.List:
		// Not a paragraph (it would continue the last item lazily), unless
		// the list ends in an empty item, which a blank line would close
		// together with the lists around it.
		switch next.(type) {
		case *tree.List, *tree.CodeBlock, *tree.Heading:
			return true
		case *tree.Paragraph:
			return endsEmpty(prev.(*tree.List))
		}
	case *tree.Paragraph:
		switch next := next.(type) {
		case *tree.CodeBlock, *tree.Heading, *tree.Quote, *tree.Admonition:
			return true
		case *tree.List:
			// Only a list starting at 1 with a non-empty first item can
			// interrupt a paragraph.
			return (!next.Ordered || next.Start == 1) && len(next.Items) > 0 &&
				next.Items[0] != nil && len(next.Items[0].Blocks) > 0
		}
	}
	return false
}

// afterEmptyItem reports whether b is a list ending in an empty item: a
// blank line after it would close the lists around it too (goldmark), so
// the next block follows without one.
func afterEmptyItem(b tree.Block) bool {
	l, ok := b.(*tree.List)
	return ok && endsEmpty(l)
}

// endsEmpty reports whether the last item of l, or of the list ending it,
// is empty.
func endsEmpty(l *tree.List) bool {
	if len(l.Items) == 0 {
		return false
	}
	it := l.Items[len(l.Items)-1]
	if it == nil || len(it.Blocks) == 0 {
		return it == nil || it.Task == nil // a task item is written with its box
	}
	if inner, ok := it.Blocks[len(it.Blocks)-1].(*tree.List); ok {
		return endsEmpty(inner)
	}
	return false
}

// block writes one block other than a list.
func (w *writer) block(b tree.Block) []string {
	switch b := b.(type) {
	case *tree.Heading:
		h := w.heading(b)
		attr := b.Attr
		if attr.ID == tree.Slugify(tree.PlainText(b.Content)) {
			// MkDocs (and galley's resolve stage) regenerate this id from
			// the text: a plain heading is enough. An id they would not
			// generate (an HTML page's own) is kept, so links to it work.
			attr.ID = ""
		}
		if a := attrList(attr, false); a != "" {
			h += " " + a
		}
		return []string{h}
	case *tree.Paragraph:
		s := strings.Trim(w.inlines(b.Content, ctxBlock), " \n")
		s = strings.TrimSuffix(s, "\\")
		if trimBlank(s) == "" {
			return nil
		}
		lines := strings.Split(s, "\n")
		if a := attrList(b.Attr, true); a != "" {
			// Python-Markdown's attr_list: on a line of its own at the end
			// of the paragraph, as in the Mozilla notices.
			lines = append(lines, a)
		}
		return lines
	case *tree.List:
		return w.list(b, "-", ".")
	case *tree.Quote:
		body := w.blocks(b.Blocks, false)
		if len(body) == 0 {
			return []string{">"}
		}
		out := make([]string, len(body))
		for i, l := range body {
			// Only an empty line loses the space: a code line keeps its
			// trailing spaces.
			if l == "" {
				out[i] = ">"
			} else {
				out[i] = "> " + l
			}
		}
		return out
	case *tree.CodeBlock:
		return fenced(b)
	case *tree.Table:
		return w.table(b)
	case *tree.ThematicBreak:
		return []string{"---"}
	case *tree.Admonition:
		return w.admonition(b)
	case *tree.Tabs:
		var out []string
		for _, t := range b.Tabs {
			if t == nil {
				continue
			}
			head := `=== "` + titleText(t.Title) + `"`
			out = append(out, head)
			out = append(out, indent(w.blocks(t.Blocks, false), "    ", "    ")...)
			out = append(out, "")
		}
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		return out
	case *tree.HTMLBlock:
		h := w.rawHTML(b.HTML)
		if trimBlank(h) == "" {
			return w.blocks(b.Blocks, false)
		}
		return strings.Split(strings.TrimRight(h, "\n"), "\n")
	case *tree.BlockChange:
		return w.changeBlock(b)
	}
	return nil
}

// attrList writes a Python-Markdown attribute list, `{: #id .class
// key="value" }` (colon for blocks, `{ … }` after headings and images), or
// "" when there is nothing to write. Tokens the syntax cannot carry are
// left out.
func attrList(a tree.Attr, colon bool) string {
	var parts []string
	if a.ID != "" && attrName.MatchString(a.ID) {
		parts = append(parts, "#"+a.ID)
	}
	for _, c := range a.Classes {
		if attrClass.MatchString(c) {
			parts = append(parts, "."+c)
		}
	}
	for _, kv := range a.Pairs {
		if !attrKey.MatchString(kv.Key) || strings.ContainsAny(kv.Value, "\n") {
			continue
		}
		switch {
		case !strings.Contains(kv.Value, `"`):
			parts = append(parts, kv.Key+`="`+kv.Value+`"`)
		case !strings.Contains(kv.Value, "'"):
			parts = append(parts, kv.Key+"='"+kv.Value+"'")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	open := "{ "
	if colon {
		open = "{: "
	}
	return open + strings.Join(parts, " ") + " }"
}

// Attribute names, classes and keys that an attribute list can hold: words
// ([0-9A-Za-z_], as \w in an expression) and the punctuation each allows.
// Hand-written rather than expressions, which every galley process would
// compile at start.
var (
	attrName  = wordAnd(":.-") // `^[\w:.-]+$`
	attrClass = wordAnd("-")   // `^[\w-]+$`
	attrKey   = wordAnd(":-")  // `^[\w:-]+$`
)

// wordMatcher reports whether a string is not empty and made only of word
// characters and its extra punctuation.
type wordMatcher struct{ extra string }

func wordAnd(extra string) wordMatcher { return wordMatcher{extra} }

// MatchString reports whether s is one or more word characters or extras.
func (m wordMatcher) MatchString(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || strings.IndexByte(m.extra, c) >= 0) {
			return false
		}
	}
	return true
}

// rawHTML applies the raw-HTML mode to markup from the source: kept as it
// is (trusted), removed (drop), or reduced to its safe part by the HTML
// exporter's policy (sanitize, the default), so that no <script>, event
// attribute or javascript: URL reaches the Markdown.
func (w *writer) rawHTML(h string) string {
	switch w.opts.RawHTML {
	case exporters.RawTrusted:
		return h
	case exporters.RawDrop:
		return ""
	}
	return rawhtml.Sanitize(h)
}

// url applies the raw-HTML mode to a link or image destination: outside
// trusted mode, URLs that would run code (javascript:, vbscript:, file:,
// non-image data:) are left empty, as the HTML exporter does.
func (w *writer) url(u string) string {
	if w.opts.RawHTML != exporters.RawTrusted && rawhtml.IsDangerousURL(u) {
		return ""
	}
	return u
}

// heading writes an ATX heading on one line.
func (w *writer) heading(h *tree.Heading) string {
	level := min(max(h.Level, 1), 6)
	s := trimBlank(strings.ReplaceAll(w.inlines(h.Content, ctxHeading), "\n", " "))
	s = strings.TrimSuffix(s, "\\") // a hard break at the end means nothing
	// A trailing run of '#' would be read as a closing sequence.
	if strings.HasSuffix(s, "#") {
		t := strings.TrimRight(s, "#")
		s = t + strings.Repeat(`\#`, len(s)-len(t))
	}
	mark := strings.Repeat("#", level)
	if s == "" {
		return mark
	}
	return mark + " " + s
}

// list writes a list with its content at 4 columns.
func (w *writer) list(l *tree.List, bullet, delim string) []string {
	var out []string
	for i, it := range l.Items {
		if it == nil {
			continue
		}
		mark := bullet
		if l.Ordered {
			mark = strconv.Itoa(l.Start+i) + delim
		}
		mark += strings.Repeat(" ", max(1, 4-len(mark)))
		if !l.Ordered {
			w.firstAvoid = bullet
		}
		body := w.blocks(it.Blocks, l.Tight)
		w.firstAvoid = ""
		if it.Task != nil {
			box := "[ ] "
			if *it.Task {
				box = "[x] "
			}
			heading := false
			if len(it.Blocks) > 0 {
				_, heading = it.Blocks[0].(*tree.Heading)
			}
			switch {
			case len(body) == 0:
				body = []string{strings.TrimSpace(box)}
			case heading && strings.HasPrefix(body[0], "#"):
				// A box read in an item's leading heading goes back inside
				// it (`- # [x] title`); before it, the # would be text.
				hashes, text, _ := strings.Cut(body[0], " ")
				body[0] = strings.TrimRight(hashes+" "+box+text, " ")
			default:
				body[0] = box + body[0]
			}
		}
		lines := indent(body, mark, strings.Repeat(" ", len(mark)))
		if len(lines) == 0 {
			lines = []string{strings.TrimRight(mark, " ")}
		}
		if l.Tight {
			out = append(out, lines...)
		} else {
			out = join(out, lines)
		}
	}
	return out
}

// fenced writes a fenced code block whose fence is longer than any run of
// the fence character inside.
func fenced(c *tree.CodeBlock) []string {
	info := c.Info
	if info == "" {
		info = c.Language
	}
	info = strings.TrimSpace(strings.ReplaceAll(info, "\n", " "))
	// Backslash escapes are read in info strings: a backslash is doubled.
	info = strings.ReplaceAll(info, `\`, `\\`)
	ch := "`"
	if strings.Contains(info, "`") {
		ch = "~"
	}
	fence := strings.Repeat(ch, max(3, longestRun(c.Text, ch[0])+1))
	text := strings.TrimSuffix(c.Text, "\n")
	out := []string{fence + info}
	if text != "" || strings.HasSuffix(c.Text, "\n") && c.Text != "\n" {
		out = append(out, strings.Split(text, "\n")...)
	}
	return append(out, fence)
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// admonition writes `!!! kind "Title"` or a collapsible `??? kind "Title"`.
func (w *writer) admonition(a *tree.Admonition) []string {
	mark := "!!!"
	if a.Collapsible {
		mark = "???"
		if a.Open {
			mark = "???+"
		}
	}
	kind := strings.Join(strings.Fields(a.Kind), "-")
	head := mark
	switch {
	case kind != "":
		head += " " + kind
	case a.Title == nil || !a.Collapsible:
		head += " note" // `!!!` needs a kind; `??? "Title"` does not
	}
	if a.Title != nil {
		head += ` "` + titleText(a.Title) + `"`
	}
	return append([]string{head}, indent(w.blocks(a.Blocks, false), "    ", "    ")...)
}

// titleText is the plain text of an admonition or tab title on one line:
// Python-Markdown reads those titles as plain text.
func titleText(list []tree.Inline) string {
	return strings.Join(strings.Fields(tree.PlainText(list)), " ")
}

// footnoteLabel returns a footnote label usable in `[^label]`.
func footnoteLabel(id string, index int) string {
	if id != "" && !strings.ContainsAny(id, " \t\n[]^\\") {
		return id
	}
	return strconv.Itoa(index)
}
