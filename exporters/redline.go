package exporters

import (
	"slices"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// ChangeLabel returns the label key of a change of kind k in a redline's
// summary; it takes what changed (BlockTitle) as its argument:
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
	return o.Label(ChangeLabel(c.Kind), o.BlockTitle(c.Block))
}

// BlockTitle translates what changed (tree.Change.Block, in English):
// each kind of block in it is a label key once its numbers are written %d
// ("table row 4" is locales.LabelTableRow with 4), and a block whose kind
// changed ("heading 3 → heading 2") is locales.LabelBlockBecame. Words
// that are no label key are left as they are.
func (o Options) BlockTitle(block string) string {
	if old, new, ok := strings.Cut(block, " → "); ok {
		return o.Label(locales.LabelBlockBecame, o.blockKind(old), o.blockKind(new))
	}
	return o.blockKind(block)
}

// blockKind translates one kind of block ("heading 2").
func (o Options) blockKind(s string) string {
	var key strings.Builder
	var nums []any
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			key.WriteByte(s[i])
			i++
			continue
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil {
			return s
		}
		nums = append(nums, n)
		key.WriteString("%d")
		i = j
	}
	k := key.String()
	if strings.Contains(s, "%") || !slices.Contains(locales.Labels(), k) {
		return s
	}
	return o.Label(k, nums...)
}
