package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestNoPageOfBoxEdgeOnly: the bottom padding of a code block or an
// admonition never goes to a page without the box's text (corpus report
// F-6: the warehouse docs' api/stats.pdf ended with a page holding only
// the bottom strip of an "Example JSON response" box, and api/json.pdf
// and storage-limits.pdf had such a strip at the top of a page). Code
// blocks of 1 to 130 lines, alone and in an admonition, put their last
// line at every position on a page: on every page, each background drawn
// (a code block's, an admonition's) holds some of the page's text.
func TestNoPageOfBoxEdgeOnly(t *testing.T) {
	var lines []string
	for i := 1; i <= 130; i++ {
		lines = append(lines, fmt.Sprintf(`  "key%d": %d,`, i, i))
	}
	box := func(code string, inAdmonition bool) tree.Block {
		var b tree.Block = &tree.CodeBlock{Language: "json", Text: code}
		if inAdmonition {
			b = &tree.Admonition{Kind: "note", Title: []tree.Inline{txt("Example JSON response")}, Blocks: []tree.Block{b}}
		}
		return b
	}
	for _, inAdmonition := range []bool{false, true} {
		// The box's last line at every position on a page.
		for n := 1; n <= len(lines); n++ {
			checkBackgrounds(t, fmt.Sprintf("%d lines (admonition %v)", n, inAdmonition), []tree.Block{
				para(1, txt("Returns statistics in JSON format.")), box(strings.Join(lines[:n], "\n"), inAdmonition)})
		}
		// Its first line at every position on a page.
		for k := 1; k <= 60; k++ {
			var blocks []tree.Block
			for i := 0; i < k; i++ {
				blocks = append(blocks, para(1, txt(fmt.Sprintf("Line %d", i)), &tree.LineBreak{}, txt("and its second line")))
			}
			checkBackgrounds(t, fmt.Sprintf("%d paragraphs before (admonition %v)", k, inAdmonition), append(blocks, box("{\n}", inAdmonition)))
		}
	}
}

// checkBackgrounds lays out blocks and requires every background drawn
// (opFill decorations) to hold some of its page's text.
func checkBackgrounds(t *testing.T, name string, blocks []tree.Block) {
	t.Helper()
	doc := &tree.Document{Meta: tree.Meta{Title: "Stats API"}, Blocks: blocks}
	l, err := New().newLayouter(doc, exporters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := 0
	l.run(func(pg pageOut) {
		page++
		var baselines []float64
		for _, pl := range pg.items {
			for _, o := range pl.b.ops {
				if o.kind == opText {
					baselines = append(baselines, pl.y+o.y)
				}
			}
		}
		for _, d := range pg.decos {
			if d.kind != opFill {
				continue
			}
			held := false
			for _, y := range baselines {
				held = held || (y > d.y && y < d.y+d.h)
			}
			if !held {
				t.Errorf("%s: page %d has a background at y %.1f–%.1f holding no text", name, page, d.y, d.y+d.h)
			}
		}
	})
}
