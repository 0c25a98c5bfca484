package pipeline

import (
	"strings"

	"github.com/galleydoc/galley/exporters/rawhtml"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

// warnSanitized reports the raw HTML of doc that sanitizing (the default
// --raw-html mode) takes out of the HTML export: scripts and other active
// content, event handlers, unsafe URLs, and unknown elements, which are
// often text that reads as a tag ("/simple/<package>/", which no export
// shows). Without the warning a page would lose them silently.
//
// Markup removed is reported when the run writes HTML or JSON, which carry
// raw HTML; unknown elements always, since no format shows them.
func warnSanitized(doc *tree.Document, display string, sink *diag.Sink, markup bool) {
	report := func(line int, what []string) {
		var known, unknown []string
		for _, w := range what {
			if name, ok := strings.CutPrefix(w, "<"); ok && atom.Lookup([]byte(strings.TrimSuffix(name, ">"))) == 0 {
				unknown = append(unknown, w)
			} else {
				known = append(known, w)
			}
		}
		if len(unknown) > 0 {
			sink.Warnf(display, line, "sanitized", "%s %s read as an HTML tag, which no export shows; "+
				"if it is text, put it in `code` or escape the < as \\<", strings.Join(unknown, ", "), isAre(len(unknown)))
		}
		if len(known) > 0 && markup {
			sink.Warnf(display, line, "sanitized", "raw HTML %s removed by sanitizing (--raw-html sanitize, the default); "+
				"to keep markup you trust, export with --raw-html trusted", strings.Join(known, ", "))
		}
	}
	visit := func(b tree.Block) bool {
		if h, ok := b.(*tree.HTMLBlock); ok {
			report(h.Pos.Line, rawhtml.Removed(h.HTML))
			return false // its reader blocks are what PDF and text show
		}
		// Inline tags are judged together, as the HTML exporter does.
		for _, list := range tree.InlineLists(b) {
			var sb strings.Builder
			tree.WalkInlines(*list, func(in tree.Inline) {
				if r, ok := in.(*tree.RawHTML); ok {
					sb.WriteString(r.HTML)
				}
			})
			if sb.Len() > 0 {
				report(b.SourceLine(), rawhtml.Removed(sb.String()))
			}
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, fn := range doc.Footnotes {
		tree.Walk(fn.Blocks, visit)
	}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
