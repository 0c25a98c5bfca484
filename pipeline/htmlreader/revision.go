package htmlreader

import (
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// revisionWords mark a line that states when a notice took effect or was
// last changed, in the languages of the corpus (lower case).
var revisionWords = []string{
	"effective", "updated", "modified", "revised", "revision", "version", // en
	"gültig", "stand", "aktualisiert", "inkraft", "in kraft", // de
	"vigueur", "mise à jour", "mis à jour", "modifié", // fr
	"vigente", "vigor", "actualiza", "efectiv", "atualiza", // es, pt
	"vigore", "aggiorna", "efficac", // it
	"geldig", "bijgewerkt", "ingang", // nl
	"obowiązuje", "aktualiz", "účinn", "platn", "hatály", "frissít", // pl, cs, hu
	"berlaku", "diperbarui", "yürürlük", "güncel", // id, tr
	"действ", "обновл", "редакц", // ru
	"効", "更新", "改訂", "生效", "修订", // ja, zh
}

// leadingBlocks is how many blocks with text, from the top, may hold the
// revision line.
const leadingBlocks = 12

// revision returns the date of the first <time> in a leading line that
// says "effective …" or "last updated …", or nil.
func revision(blocks []tree.Block) *tree.DateInfo {
	var found *tree.DateInfo
	seen := 0
	tree.Walk(blocks, func(b tree.Block) bool {
		if found != nil || seen >= leadingBlocks {
			return false
		}
		for _, list := range tree.InlineLists(b) {
			seen++
			var date *tree.Date
			tree.WalkInlines(*list, func(in tree.Inline) {
				if d, ok := in.(*tree.Date); ok && date == nil {
					date = d
				}
			})
			if date == nil {
				continue
			}
			text := strings.ToLower(tree.PlainText(*list))
			for _, w := range revisionWords {
				if strings.Contains(text, w) {
					found = &tree.DateInfo{Time: date.Time, Source: tree.FromDocument}
					return false
				}
			}
		}
		return true
	})
	return found
}
