package text

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/rawhtml"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// ref is one entry of the References list: a link destination or a
// footnote.
type ref struct {
	num int
	url string
	fn  *tree.Footnote
}

// inlines flattens inline content to one string for wrap: breaks become a
// space or '\n' (hard), emphasis marks are dropped, links and footnotes get
// a reference mark.
func (r *renderer) inlines(list []tree.Inline) string {
	var sb strings.Builder
	r.writeInlines(&sb, list)
	return sb.String()
}

func (r *renderer) writeInlines(sb *strings.Builder, list []tree.Inline) {
	for _, in := range tree.FlowRawHTML(list) {
		switch in := in.(type) {
		case *tree.Text:
			sb.WriteString(clean(in.Text))
		case *tree.Code:
			sb.WriteString(clean(in.Text))
		case *tree.Insert:
			sb.WriteString("[+")
			r.writeInlines(sb, in.Content)
			sb.WriteString("+]")
		case *tree.Delete:
			sb.WriteString("[-")
			r.writeInlines(sb, in.Content)
			sb.WriteString("-]")
		case *tree.Emphasis:
			r.writeInlines(sb, in.Content)
		case *tree.Strong:
			r.writeInlines(sb, in.Content)
		case *tree.Strikethrough:
			sb.WriteString("~~")
			r.writeInlines(sb, in.Content)
			sb.WriteString("~~")
		case *tree.Link:
			r.writeLink(sb, in)
		case *tree.Image:
			alt := clean(in.Alt)
			sb.WriteByte('[')
			sb.WriteString(r.label(locales.LabelImage))
			if strings.TrimSpace(alt) != "" {
				sb.WriteString(": ")
				sb.WriteString(strings.TrimSpace(alt))
			}
			sb.WriteByte(']')
		case *tree.SoftBreak:
			sb.WriteByte(' ')
		case *tree.LineBreak:
			sb.WriteByte('\n')
		case *tree.RawHTML:
			if in.IsBreak() {
				sb.WriteByte('\n')
			}
		case *tree.Anchor:
			// A link target: nothing to show.
		case *tree.FootnoteRef:
			if n, ok := r.footnoteRef(in); ok {
				sb.WriteString(r.refMark(n))
			} else {
				sb.WriteString(clean("[^" + in.ID + "]"))
			}
		case *tree.Macro:
			sb.WriteString(clean(in.Raw))
		case *tree.Date:
			if in.Text != "" {
				sb.WriteString(clean(in.Text))
			} else {
				sb.WriteString(in.Time.Format("2006-01-02"))
			}
		}
	}
}

// writeLink writes the link text followed by a glued " [n]" reference mark,
// unless the link is internal, has no destination, or shows its own URL.
func (r *renderer) writeLink(sb *strings.Builder, l *tree.Link) {
	start := sb.Len()
	r.writeInlines(sb, l.Content)
	text := strings.TrimSpace(sb.String()[start:])
	dest := l.TargetFor("txt")
	if dest == "" {
		dest = l.URL
	}
	if l.Internal || dest == "" || strings.HasPrefix(dest, "#") {
		return
	}
	if r.opts.RawHTML != exporters.RawTrusted && (rawhtml.IsDangerousURL(dest) || rawhtml.IsDangerousURL(l.URL)) {
		return // javascript: and the like reach no output
	}
	if text == "" {
		// A link with no visible text shows its destination.
		sb.WriteString(clean(dest))
		return
	}
	if sameAsText(text, l.URL) || sameAsText(text, dest) {
		return
	}
	// White space is not allowed in a URL: percent-encode it, so that the
	// reference stays one unbreakable word.
	n := r.urlRef(strings.ReplaceAll(strings.TrimSpace(clean(dest)), " ", "%20"))
	sb.WriteRune(glue)
	sb.WriteString(r.refMark(n))
}

// refMark returns the mark of reference n: "[n]", or, for the tests that
// compare words, n between the control characters refOpen and refClose.
func (r *renderer) refMark(n int) string {
	if r.markRefs {
		return refOpen + strconv.Itoa(n) + refClose
	}
	return "[" + strconv.Itoa(n) + "]"
}

// sameAsText reports whether a link's text is its URL (autolinks, bare URLs,
// e-mail addresses), so that the URL is not repeated as a reference.
func sameAsText(text, url string) bool {
	if text == url {
		return true
	}
	for _, p := range []string{"mailto:", "http://", "https://", "tel:"} {
		if strings.HasPrefix(url, p) && strings.TrimPrefix(url, p) == text {
			return true
		}
	}
	return strings.TrimSuffix(url, "/") == strings.TrimSuffix(text, "/")
}

// urlRef returns the reference number of dest, adding it on first use.
func (r *renderer) urlRef(dest string) int {
	if n, ok := r.byURL[dest]; ok {
		return n
	}
	n := len(r.refs) + 1
	r.refs = append(r.refs, &ref{num: n, url: dest})
	r.byURL[dest] = n
	return n
}

// footnoteRef returns the reference number of a footnote, adding it on first
// use; false when the document has no such footnote.
func (r *renderer) footnoteRef(fr *tree.FootnoteRef) (int, bool) {
	fn := r.footnote(fr)
	if fn == nil {
		return 0, false
	}
	if n, ok := r.byFootnote[fn]; ok {
		return n, true
	}
	n := len(r.refs) + 1
	r.refs = append(r.refs, &ref{num: n, fn: fn})
	r.byFootnote[fn] = n
	return n, true
}

// footnote returns the definition fr points to: the first with its ID,
// else the first with its index, else nil. The definitions are indexed on
// first use, so that 50,000 references to 50,000 notes take linear time.
func (r *renderer) footnote(fr *tree.FootnoteRef) *tree.Footnote {
	if r.fnByID == nil {
		r.fnByID, r.fnByIndex = footnoteIndex(r.doc.Footnotes)
	}
	if fn, ok := r.fnByID[fr.ID]; ok && fr.ID != "" {
		return fn
	}
	if fr.Index > 0 {
		return r.fnByIndex[fr.Index]
	}
	return nil
}

// footnoteIndex maps IDs and indexes to the first definition with each.
func footnoteIndex(list []*tree.Footnote) (byID map[string]*tree.Footnote, byIndex map[int]*tree.Footnote) {
	byID, byIndex = map[string]*tree.Footnote{}, map[int]*tree.Footnote{}
	for _, fn := range list {
		if fn == nil {
			continue
		}
		if _, ok := byID[fn.ID]; !ok {
			byID[fn.ID] = fn
		}
		if _, ok := byIndex[fn.Index]; !ok {
			byIndex[fn.Index] = fn
		}
	}
	return byID, byIndex
}
