package resolve

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// warnAccessibility reports what the source itself does that tagged PDF
// (PDF/UA-1) and accessible HTML cannot repair, once per document whatever
// the formats: a heading level skipped (an H4 after an H2; the PDF closes
// the gap in its tags, the HTML keeps the source's levels), an empty header
// cell in a table that has a header row, and an image without alt text
// (shown, but skipped by screen readers as decoration). Under --strict
// these fail the document, as every warning does.
func warnAccessibility(doc *tree.Document, opts Options) {
	if opts.Diag == nil {
		return
	}
	prev := 0
	visit := func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			if prev > 0 && b.Level > prev+1 {
				opts.Diag.Warnf(opts.DisplayPath, b.SourceLine(), "heading-skip",
					"heading level %d follows level %d, skipping a level: screen readers navigate by level, so make it level %d (%s)",
					b.Level, prev, prev+1, strings.Repeat("#", prev+1))
			}
			prev = b.Level
		case *tree.Table:
			if n, empty := headerCells(b); n > 0 && empty > 0 {
				opts.Diag.Warnf(opts.DisplayPath, b.SourceLine(), "empty-header",
					"table header has %d empty cell(s): a screen reader announces each column by its header, so give every column one", empty)
			}
		}
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				if img, ok := in.(*tree.Image); ok && strings.TrimSpace(img.Alt) == "" {
					line := img.Line
					if line == 0 {
						line = b.SourceLine()
					}
					opts.Diag.Warnf(opts.DisplayPath, line, "missing-alt",
						"image %s has no alt text: screen readers skip it (the PDF tags it as decoration); write ![what it shows](%s)", img.URL, img.URL)
				}
			})
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, fn := range doc.Footnotes {
		tree.Walk(fn.Blocks, visit)
	}
}

// headerCells counts a table's header cells and the empty ones.
func headerCells(t *tree.Table) (n, empty int) {
	for _, r := range t.Head {
		for _, c := range r.Cells {
			n++
			text := ""
			for _, b := range c.Blocks {
				for _, list := range tree.InlineLists(b) {
					text += tree.PlainText(*list)
				}
			}
			if strings.TrimSpace(text) == "" {
				empty++
			}
		}
	}
	if empty == n {
		return 0, 0 // no header row at all (HTML tables read with an empty head)
	}
	return n, empty
}
