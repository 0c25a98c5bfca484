package pdf

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/pdfwords"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestRTLDocument lays out Arabic, Persian and Hebrew documents right to
// left, checks the files, and that pdftotext gives the words back as
// written (letters, not presentation forms).
func TestRTLDocument(t *testing.T) {
	for _, c := range []struct {
		name, locale, title, body string
		words                     []string
	}{
		{"ar", "ar", "إشعار الخصوصية", "نحن نحترم خصوصيتك. يشرح هذا الإشعار كيف نجمع بياناتك (Firefox 120) ونستخدمها، ولماذا نحتاج إليها، وكيف يمكنك التحكم فيها في أي وقت من خلال إعدادات الحساب.",
			[]string{"نحترم", "خصوصيتك", "الإشعار", "إعدادات", "الحساب"}},
		{"fa", "fa", "اطلاعیه حریم خصوصی", "ما به حریم خصوصی شما احترام می‌گذاریم. این اطلاعیه توضیح می‌دهد که چه داده‌هایی را گردآوری می‌کنیم و چگونه از آن‌ها استفاده می‌کنیم. تاریخ اجرا: ۱۵ اوت ۲۰۱۸",
			[]string{"خصوصی", "اطلاعیه", "گردآوری", "چگونه", "استفاده"}},
		{"he", "he", "הודעת פרטיות", "אנו מכבדים את פרטיותך. הודעה זו מסבירה אילו נתונים Mozilla אוספת (למשל כתובת IP) וכיצד ניתן לשלוט בהם בכל עת דרך הגדרות החשבון שלך.",
			[]string{"מכבדים", "פרטיותך", "נתונים", "Mozilla", "החשבון"}},
	} {
		doc := &tree.Document{
			Meta: tree.Meta{Title: c.title, Locale: c.locale, Direction: "rtl", Source: tree.Source{Path: c.name + ".md"}},
			Blocks: []tree.Block{
				&tree.Heading{Level: 1, Content: []tree.Inline{txt(c.title)}},
				para(3, txt(c.body)),
				&tree.List{Items: []*tree.ListItem{
					{Blocks: []tree.Block{para(5, txt(c.title))}},
					{Blocks: []tree.Block{para(6, txt(c.body))}},
				}, Tight: true},
				&tree.Quote{Blocks: []tree.Block{para(8, txt(c.body))}},
			},
		}
		data, diags := export(t, doc, exporters.Options{})
		for _, d := range diags {
			t.Errorf("%s: %s", c.name, d)
		}
		save(t, "rtl-"+c.name+".pdf", data)
		CheckPDF(t, c.name, data, &tree.Document{})
		if !have("pdftotext") {
			continue
		}
		file := filepath.Join(t.TempDir(), "out.pdf")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", c.name, err)
		}
		// pdftotext marks right-to-left lines with bidi embedding
		// controls; the words are what matters.
		fields := strings.Fields(strings.Map(func(r rune) rune {
			if r >= 0x202A && r <= 0x202E {
				return ' '
			}
			return r
		}, string(out)))
		for _, w := range c.words {
			found := false
			for _, f := range fields {
				if strings.Trim(f, ".,،()") == w {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: word %q not extracted as written:\n%s", c.name, w, out)
			}
		}
	}
}

// bboxWord is a word pdftotext -bbox reads, with its box in points.
type bboxWord = pdfwords.Word

// bboxWords returns the words of a PDF's first page as pdftotext -bbox
// reads them (right-to-left words in visual order; see package pdfwords).
func bboxWords(t *testing.T, data []byte) []bboxWord {
	t.Helper()
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	words, err := pdfwords.Read(file, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	return words
}

// TestRTLTableListQuote: in a right-to-left document the first table column
// is on the right, as a browser (and galley's HTML with dir="rtl") sets it,
// with column and row spans in their places; list markers, footnote
// numbers, the quote rule and the admonition's accent sit on the right, and
// the contents put page numbers on the left. Positions are read back
// with pdftotext -bbox.
func TestRTLTableListQuote(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (Debian poppler-utils)")
	}
	cell := func(s string, colSpan, rowSpan int) *tree.Cell {
		return &tree.Cell{Blocks: []tree.Block{para(1, txt(s))}, ColSpan: colSpan, RowSpan: rowSpan}
	}
	row := func(cells ...*tree.Cell) *tree.Row { return &tree.Row{Cells: cells} }
	doc := &tree.Document{
		Meta: tree.Meta{Title: "טבלה", Locale: "he", Direction: "rtl", Source: tree.Source{Path: "table.md"}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 2, ID: "s", Content: []tree.Inline{txt("סעיף")}},
			&tree.Table{
				Head: []*tree.Row{row(cell("ראשון", 1, 1), cell("שני", 1, 1), cell("שלישי", 1, 1))},
				Body: []*tree.Row{
					row(cell("אבג", 2, 1), cell("דהו", 1, 2)), // spans columns 1-2; column 3 rows 1-2
					row(cell("זחט", 1, 1), cell("יכל", 1, 1)),
					row(cell("מנס", 1, 1), cell("עפצ", 1, 1), cell("קרש", 1, 1)),
				},
			},
			&tree.List{Ordered: true, Start: 1, Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(3, txt("פריט"))}},
			}},
			&tree.List{Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(5, txt("תבליט"))}},
			}},
			para(6, txt("פסקה"), &tree.FootnoteRef{ID: "n", Index: 1}),
			&tree.Quote{Blocks: []tree.Block{para(7, txt("ציטוט"))}},
			&tree.Admonition{Kind: "note", Title: []tree.Inline{}, Blocks: []tree.Block{para(8, txt("הערה"))}},
		},
		Footnotes: []*tree.Footnote{{ID: "n", Index: 1, Blocks: []tree.Block{para(9, txt("שוליים"))}}},
	}
	data, diags := export(t, doc, exporters.Options{TOC: true})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	save(t, "rtl-table.pdf", data)
	words := bboxWords(t, data)
	find := func(logical string) bboxWord {
		t.Helper()
		rs := []rune(logical)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		for _, w := range words {
			if w.Text == logical || w.Text == string(rs) {
				return w
			}
		}
		t.Fatalf("word %q not on the page: %v", logical, words)
		return bboxWord{}
	}
	// Cells are right-aligned in right-to-left tables: a cell's right edge
	// is its column's.
	col := []float64{find("ראשון").XMax, find("שני").XMax, find("שלישי").XMax}
	if !(col[0] > col[1] && col[1] > col[2]) {
		t.Fatalf("header columns at x %v, want the first on the right", col)
	}
	same := func(word string, c int) {
		t.Helper()
		if w := find(word); math.Abs(w.XMax-col[c]) > 1 {
			t.Errorf("%q ends at x %.1f, want column %d's right edge %.1f", word, w.XMax, c+1, col[c])
		}
	}
	same("אבג", 0) // the cell spanning columns 1 and 2 starts in column 1
	same("דהו", 2)
	same("זחט", 0) // under the column span's row, beside the row span
	same("יכל", 1)
	same("מנס", 0)
	same("עפצ", 1)
	same("קרש", 2)

	// List markers right of their items; the body and quote text end at
	// the right margin, the quote indented from it.
	item, number, bullet := find("פריט"), find("1."), find("תבליט")
	body, quote, note := find("פסקה"), find("ציטוט"), find("הערה")
	if number.XMin < item.XMax {
		t.Errorf("number at x %.1f-%.1f, item text ends at %.1f: want the number on the right", number.XMin, number.XMax, item.XMax)
	}
	if number.Text != ".1" {
		t.Errorf("number reads %q left to right, want .1 (the number outermost, as a browser sets it)", number.Text)
	}
	if item.XMax > body.XMax-10 || bullet.XMax > body.XMax-10 {
		t.Errorf("list items end at x %.1f and %.1f, the body at %.1f: want them indented from the right", item.XMax, bullet.XMax, body.XMax)
	}
	// The footnote's number is right of its text, which starts at the
	// right margin less the number's room.
	fn := find("שוליים")
	var fnNumber bboxWord
	for _, w := range words {
		if w.Text == ".1" && w.YMin > fn.YMin-2 && w.YMin < fn.YMin+2 {
			fnNumber = w
		}
	}
	if fnNumber.Text == "" || fnNumber.XMin < fn.XMax || fn.XMax > body.XMax-10 {
		t.Errorf("footnote number %+v, text %+v: want the number on the right, \".1\", the text indented from the right margin (%.1f)", fnNumber, fn, body.XMax)
	}
	// The contents: the title at the right margin, its page number at
	// the left one (the first "סעיף" on the page is the contents entry).
	entry := find("סעיף")
	var page bboxWord
	for _, w := range words {
		if w.Text == "1" && math.Abs(w.YMin-entry.YMin) < 2 {
			page = w
		}
	}
	if page.Text == "" || page.XMax > col[2] || math.Abs(entry.XMax-body.XMax) > 1 {
		t.Errorf("contents entry %+v, page number %+v: want the entry at the right margin (%.1f), the number at the left", entry, page, body.XMax)
	}
	if quote.XMax > body.XMax-5 || note.XMax > body.XMax-5 {
		t.Errorf("quote ends at x %.1f, admonition at %.1f, the body at %.1f: want them indented from the right", quote.XMax, note.XMax, body.XMax)
	}
}
