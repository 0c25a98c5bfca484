package pdf

import (
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestListMarkersInsideNarrowCells: the row of the Japanese Firefox
// notice's "法的根拠" table whose second column is a list (corpus report
// F-5). CJK text breaks between any two characters, so the column is
// narrow; with less than the list indent's five ems beside the indent the
// list lost its indent, as a deeply nested list does, and its bullets
// were drawn left of the cell, over the column rule and the end of the
// first column's lines ("Firefox ブラウザーを提供す•"). Each bullet, and
// the number of an ordered list, must lie inside its cell, left of its
// item's text, in both directions.
func TestListMarkersInsideNarrowCells(t *testing.T) {
	items := func(texts ...string) []*tree.ListItem {
		var out []*tree.ListItem
		for _, s := range texts {
			out = append(out, &tree.ListItem{Blocks: []tree.Block{para(2, txt(s))}})
		}
		return out
	}
	row := func(ordered bool) *tree.Row {
		return &tree.Row{Cells: []*tree.Cell{
			cell("Firefox ブラウザーを提供するため"),
			{Blocks: []tree.Block{&tree.List{Ordered: ordered, Start: 1, Tight: true, Items: items("技術データ", "位置情報", "言語設定", "設定データ", "一意識別子", "対話データ")}}},
			cell("Firefox の操作に必要な機能をあなたに提供するという契約。追加の機能性やアクセシビリティ、サービス、よりパーソナライズされた体験を提供することについての正当な利益。"),
			cell("また、翻訳や PDF の画像に代替テキストを追加することについての詳細をご確認ください。"),
		}}
	}
	// The table's fourth row, whose long texts widen the other columns.
	newTab := &tree.Row{Cells: []*tree.Cell{
		cell("Firefox の新しいタブに関連性の高いコンテンツや広告を表示するため"),
		{Blocks: []tree.Block{&tree.List{Tight: true, Items: items("技術データ", "位置情報", "言語設定", "設定データ", "一意識別子", "システムパフォーマンスデータ", "対話データ", "検索データ", "ブラウジングデータ")}}},
		cell("あなたに興味のあるコンテンツを提供し、関連性の高い広告を表示 (して Mozilla による製品やサービスの提供に役立つように) することについての正当な利益。"),
		cell("データ設定を含む新しいタブページの管理方法について詳細をご確認ください。スポンサーコンテンツを表示するため、Mozilla はパートナーと集計データを共有します。"),
	}}
	head := &tree.Row{Cells: []*tree.Cell{cell("データの使用目的"), cell("処理されるデータ"), cell("法的根拠"), cell("詳細 (Firefox におけるこのデータの共有方法の選択など)")}}
	for _, dir := range []string{"ltr", "rtl"} {
		doc := &tree.Document{Meta: tree.Meta{Title: "法的根拠", Locale: "ja", Direction: dir}, Blocks: []tree.Block{
			&tree.Table{Head: []*tree.Row{head}, Body: []*tree.Row{row(false), newTab, row(true)}},
		}}
		lo := layoutOf(t, doc, exporters.Options{})
		discs, numbers := 0, 0
		for _, items := range lo.pages {
			for _, pl := range items {
				// The row's cells are its frames (stroked rectangles).
				var cells [][2]float64
				for _, o := range pl.b.ops {
					if o.kind == opStroke && o.color == colRule {
						cells = append(cells, [2]float64{o.x, o.x + o.w})
					}
				}
				// Inside a cell, clear of its rules (0.5 pt wide).
				in := func(x0, x1 float64) bool {
					for _, c := range cells {
						if x0 >= c[0]+0.25 && x1 <= c[1]-0.25 {
							return true
						}
					}
					return false
				}
				for i, o := range pl.b.ops {
					var x0, x1 float64
					switch {
					case o.kind == opDisc:
						x0, x1 = o.x-o.w, o.x+o.w
					case o.kind == opText && strings.Trim(o.run.Text, "0123456789.") == "":
						// A number (in a right-to-left list, "." and "1" apart).
						x0, x1 = o.x, o.x+o.run.Width(o.size)
					default:
						continue
					}
					if o.kind == opDisc {
						discs++
					} else {
						numbers++
					}
					if !in(x0, x1) {
						t.Errorf("%s: a marker spans x %.1f–%.1f, outside every cell of its row %v", dir, x0, x1, cells)
					}
					// The item's text is beside the marker, not under it.
					for j, t2 := range pl.b.ops {
						if j == i || t2.kind != opText || o.y < t2.y-t2.size || o.y > t2.y+t2.size*0.3 {
							continue
						}
						if w := t2.run.Width(t2.size); t2.x < x1 && t2.x+w > x0 {
							t.Errorf("%s: the marker at %.1f–%.1f overlaps the text %q at %.1f–%.1f", dir, x0, x1, t2.run.Text, t2.x, t2.x+w)
						}
					}
				}
			}
		}
		if discs != 6+9 || numbers < 6 {
			t.Errorf("%s: %d bullets and %d numbers found, want 15 and 6", dir, discs, numbers)
		}
	}
}
