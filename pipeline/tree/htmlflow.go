package tree

import (
	"strconv"
	"strings"
)

// FlowRawHTML prepares inline content for a format that does not carry HTML
// (plain text, PDF), where raw inline tags are dropped and only their text
// is kept. Block-level tags written inline, as GitHub-style pipe tables do
// to put a list or paragraphs in a cell (`<ul><li>Email</li><li>Name</li></ul>`),
// would otherwise run their items together ("EmailName"). A browser shows
// them on lines of their own, and so does the flow FlowRawHTML returns:
//
//   - <li> starts a line with a bullet ("• ", "◦ " when nested) or, inside
//     <ol>, its number ("1. ", from the start attribute if there is one);
//   - <p>, <div>, <ul>, <ol>, <table>, <tr>, <blockquote>, <h1>–<h6>, <hr>
//     and their end tags (and </li>) end the line, unless it is empty;
//   - a <td> or <th> after the first cell of a row is set apart by a space.
//
// The RawHTML nodes stay in place (formats read their lang attributes), so
// breaks and markers are inserted beside them as LineBreak and Text nodes.
// Breaks never lead, trail or repeat. Only the given level is rewritten:
// tags inside emphasis or links are left to the caller's recursion. The
// list is returned as it is when it holds no such tag.
func FlowRawHTML(list []Inline) []Inline {
	first := -1
	for i, in := range list {
		if r, ok := in.(*RawHTML); ok && rawFlowTag(r.HTML).kind != flowNone {
			first = i
			break
		}
	}
	if first < 0 {
		return list
	}
	out := make([]Inline, 0, len(list)+8)
	out = append(out, list[:first]...)
	// lineHasContent: something visible was written since the last break.
	lineHasContent := hasText(list[:first])
	pendingBreak := false
	var lists []listFrame
	for _, in := range list[first:] {
		r, ok := in.(*RawHTML)
		if !ok {
			if isBreak(in) {
				pendingBreak = false
				lineHasContent = false
				out = append(out, in)
				continue
			}
			shows := showsText(in)
			if pendingBreak && shows {
				out = append(out, &LineBreak{})
				pendingBreak = false
				lineHasContent = false
			}
			if (pendingBreak || !lineHasContent) && isBlankText(in) {
				continue // indentation between tags
			}
			out = append(out, in)
			if shows {
				lineHasContent = true
			}
			continue
		}
		out = append(out, in)
		t := rawFlowTag(r.HTML)
		switch t.kind {
		case flowBlock:
			if lineHasContent {
				pendingBreak = true
			}
			switch {
			case !t.end && (t.name == "ul" || t.name == "ol"):
				lists = append(lists, listFrame{ordered: t.name == "ol", next: t.start})
			case t.end && (t.name == "ul" || t.name == "ol") && len(lists) > 0:
				lists = lists[:len(lists)-1]
			}
		case flowItem:
			if lineHasContent || pendingBreak {
				out = append(out, &LineBreak{})
			}
			pendingBreak = false
			marker := "• "
			if len(lists) > 0 {
				f := &lists[len(lists)-1]
				if f.ordered {
					marker = strconv.Itoa(f.next) + ". "
					f.next++
				} else if len(lists) > 1 {
					marker = "◦ "
				}
				if len(lists) > 1 {
					marker = strings.Repeat("  ", len(lists)-1) + marker
				}
			}
			out = append(out, &Text{Text: marker})
			lineHasContent = false // the marker alone does not make a line
		case flowCell:
			if lineHasContent && !pendingBreak {
				out = append(out, &Text{Text: " "})
			}
		}
	}
	return out
}

type flowKind int

const (
	flowNone  flowKind = iota
	flowBlock          // ends the line unless it is empty
	flowItem           // <li>: a new line with a marker
	flowCell           // <td>, <th>: a space after an earlier cell
)

type flowTag struct {
	kind  flowKind
	name  string
	end   bool
	start int // <ol start="n">, else 1
}

type listFrame struct {
	ordered bool
	next    int
}

// rawFlowTag reads what one raw inline tag does to the flow.
func rawFlowTag(html string) flowTag {
	h := strings.TrimSpace(html)
	if len(h) < 3 || h[0] != '<' || h[len(h)-1] != '>' {
		return flowTag{}
	}
	h = h[1 : len(h)-1]
	t := flowTag{start: 1}
	if h != "" && h[0] == '/' {
		t.end = true
		h = h[1:]
	}
	n := 0
	for n < len(h) && (h[n] >= 'a' && h[n] <= 'z' || h[n] >= 'A' && h[n] <= 'Z' || n > 0 && h[n] >= '0' && h[n] <= '9') {
		n++
	}
	if n == 0 || n < len(h) && !strings.ContainsRune(" \t\n\r/", rune(h[n])) {
		return flowTag{}
	}
	t.name = strings.ToLower(h[:n])
	switch t.name {
	case "li":
		if t.end {
			t.kind = flowBlock
		} else {
			t.kind = flowItem
		}
	case "p", "div", "ul", "ol", "table", "tr", "thead", "tbody", "blockquote", "hr",
		"h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "section", "article", "figure", "figcaption", "pre":
		t.kind = flowBlock
		if t.name == "ol" && !t.end {
			t.start = olStart(h[n:])
		}
	case "td", "th":
		if !t.end {
			t.kind = flowCell
		}
	}
	return t
}

// olStart reads the start attribute of an <ol> tag's attributes (1 when it
// has none or it is not a number).
func olStart(attrs string) int {
	a := strings.ToLower(attrs)
	i := strings.Index(a, "start")
	if i < 0 {
		return 1
	}
	v := strings.TrimLeft(a[i+len("start"):], " \t\n")
	if !strings.HasPrefix(v, "=") {
		return 1
	}
	v = strings.Trim(strings.TrimLeft(v[1:], " \t\n"), "\"'")
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || end == 0 && v[end] == '-') {
		end++
	}
	n, err := strconv.Atoi(v[:end])
	if err != nil || n > 1_000_000 || n < -1_000_000 {
		return 1
	}
	return n
}

func isBreak(in Inline) bool {
	switch in := in.(type) {
	case *LineBreak:
		return true
	case *RawHTML:
		return in.IsBreak()
	}
	return false
}

func isBlankText(in Inline) bool {
	switch in := in.(type) {
	case *Text:
		return strings.TrimSpace(in.Text) == ""
	case *SoftBreak:
		return true
	}
	return false
}

// hasText reports whether any of the inlines shows something (showsText).
func hasText(list []Inline) bool {
	for _, in := range list {
		if showsText(in) {
			return true
		}
	}
	return false
}

// showsText reports whether an inline shows anything: text that is not
// only white space, code, an image, a date or a macro.
func showsText(in Inline) bool {
	switch in := in.(type) {
	case *Text:
		return strings.TrimSpace(in.Text) != ""
	case *SoftBreak, *LineBreak, *RawHTML, *Anchor:
		return false
	case *Emphasis:
		return hasText(in.Content)
	case *Strong:
		return hasText(in.Content)
	case *Link:
		return hasText(in.Content)
	}
	return true
}
