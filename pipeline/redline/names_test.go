package redline

import (
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestBlockNamesAreLabels checks that every name a change's Block can hold
// is a label the summaries translate (exporters.Options.BlockTitle): a new
// name needs its label key in locales and its translations.
func TestBlockNamesAreLabels(t *testing.T) {
	names := []string{
		// Given by the comparer itself (blocks.go, table.go).
		"section", "blocks", "list item", "footnote", "table column 4", "table row 12",
		"table cell (row 2, column 3)", "list item → paragraph",
	}
	for _, b := range []tree.Block{
		&tree.Heading{Level: 2}, &tree.Paragraph{}, &tree.List{Ordered: true}, &tree.List{},
		&tree.Quote{}, &tree.CodeBlock{}, &tree.Table{}, &tree.ThematicBreak{}, &tree.Admonition{},
		&tree.Tabs{}, &tree.HTMLBlock{}, &tree.HTMLBlock{Blocks: []tree.Block{&tree.Paragraph{}}},
		&tree.BlockChange{},
	} {
		names = append(names, kindName(b))
	}
	de := exporters.Options{Labels: locales.MustParse("de").Printer()}
	for _, n := range names {
		if got := de.BlockTitle(n); got == n {
			t.Errorf("%q is not translated (no label key)", n)
		}
	}
}
