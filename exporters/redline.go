package exporters

import (
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// ChangeLabel returns the label key of a change of kind k in a redline's
// summary; it takes what changed (Change.Block) as its argument:
// locales.LabelInserted ("Inserted %s") for tree.ChangeInserted.
func ChangeLabel(k tree.ChangeKind) string {
	switch k {
	case tree.ChangeInserted:
		return locales.LabelInserted
	case tree.ChangeDeleted:
		return locales.LabelDeleted
	case tree.ChangeMoved:
		return locales.LabelMoved
	}
	return locales.LabelChanged
}

// ChangeTitle names a change of a redline in the document's language,
// with what changed: "Inserted paragraph", "Eingefügt: Absatz".
func (o Options) ChangeTitle(c tree.Change) string {
	return o.Label(ChangeLabel(c.Kind), c.Block)
}
