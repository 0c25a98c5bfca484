package exporters_test

import (
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

func TestChangeTitle(t *testing.T) {
	de := exporters.Options{Labels: locales.MustParse("de").Printer()}
	ar := exporters.Options{Labels: locales.MustParse("ar-EG").Printer()}
	for _, c := range []struct {
		opts  exporters.Options
		kind  tree.ChangeKind
		block string
		want  string
	}{
		{exporters.Options{}, tree.ChangeInserted, "paragraph", "Inserted paragraph"},
		{exporters.Options{}, tree.ChangeChanged, "heading 3 → heading 2", "Changed heading 3 → heading 2"},
		{de, tree.ChangeInserted, "paragraph", "Eingefügt: Absatz"},
		{de, tree.ChangeDeleted, "table row 4", "Gelöscht: Tabellenzeile 4"},
		{de, tree.ChangeChanged, "table cell (row 2, column 12)", "Geändert: Tabellenzelle (Zeile 2, Spalte 12)"},
		{de, tree.ChangeChanged, "list item → paragraph", "Geändert: Listenpunkt → Absatz"},
		{de, tree.ChangeMoved, "section", "Verschoben: Abschnitt"},
		// Arabic-Indic digits in ar-EG; the arrow points from the old kind
		// to the new one in a right-to-left line.
		{ar, tree.ChangeChanged, "heading 3 → heading 2", "تعديل: عنوان ٣ ← عنوان ٢"},
		{ar, tree.ChangeInserted, "table column 4", "إدراج: العمود ٤ من الجدول"},
		// What is no label stays as it is.
		{de, tree.ChangeInserted, "widget 3", "Eingefügt: widget 3"},
		{de, tree.ChangeInserted, "100% block", "Eingefügt: 100% block"},
	} {
		if got := c.opts.ChangeTitle(tree.Change{Kind: c.kind, Block: c.block}); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.kind, c.block, got, c.want)
		}
	}
}
