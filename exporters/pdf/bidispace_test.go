package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestBidiWordSpaces: in a right-to-left line with left-to-right words and
// numbers in it, each word space is drawn in the gap the bidi algorithm
// gives it (UAX #9 L1, L2): in "נתונים Firefox 120 אוסף" the space after
// "120" is left of "Firefox", not right of "120" beside the space before
// it. Space glyphs are read back from the content stream, words from
// pdftotext -bbox; pdftotext gives the line as written.
func TestBidiWordSpaces(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (Debian poppler-utils); skipping")
	}
	for _, c := range []struct {
		name, locale, text, rtlFont string
		visual                      []string // the words left to right
	}{
		{"he", "he", "נתונים Firefox 120 אוסף", "NotoSansHebrew-Regular.ttf",
			[]string{"אוסף", "Firefox", "120", "נתונים"}},
		{"ar", "ar", "بيانات Firefox 120 نجمع", "NotoSansArabic-Regular.ttf",
			[]string{"نجمع", "Firefox", "120", "بيانات"}},
		{"he-num-first", "he", "גרסה 120 של Firefox זמינה", "NotoSansHebrew-Regular.ttf",
			[]string{"זמינה", "Firefox", "של", "120", "גרסה"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := &tree.Document{
				Meta:   tree.Meta{Locale: c.locale, Direction: "rtl", Source: tree.Source{Path: c.name + ".md"}},
				Blocks: []tree.Block{para(1, txt(c.text))},
			}
			data, diags := export(t, doc, exporters.Options{})
			for _, d := range diags {
				t.Errorf("%s", d)
			}
			save(t, "bidi-space-"+c.name+".pdf", data)
			words := bboxWords(t, data)
			var line []bboxWord
			for _, want := range c.visual {
				for _, w := range words {
					// pdftotext -bbox gives the letters of a right-to-left
					// word in visual order.
					if w.Text == want || w.Text == reverseRunes(want) {
						line = append(line, w)
						break
					}
				}
			}
			if len(line) != len(c.visual) {
				t.Fatalf("pdftotext -bbox gives %v, want the words %q", words, c.visual)
			}
			for i := 1; i < len(line); i++ {
				if line[i].XMin < line[i-1].XMax {
					t.Fatalf("word %q is not right of %q: %v", line[i].Text, line[i-1].Text, line)
				}
			}
			pageH := 842.0
			if m := regexp.MustCompile(`/MediaBox \[0 0 [0-9.]+ ([0-9.]+)\]`).FindSubmatch(data); m != nil {
				pageH, _ = strconv.ParseFloat(string(m[1]), 64)
			}
			top, bottom := pageH-line[0].YMax, pageH-line[0].YMin
			// The space glyphs drawn on the line, from both faces.
			var spaces []float64
			for _, file := range []string{"NotoSans-Regular.ttf", c.rtlFont} {
				ft, err := fontFace(file).Font()
				if err != nil {
					t.Fatal(err)
				}
				sp, _ := ft.NominalGlyph(' ')
				got, _ := drawnGlyphs(t, data, file)
				for _, d := range got {
					if d.gid == int(sp) && d.py >= top-1 && d.py <= bottom+1 {
						spaces = append(spaces, d.px)
					}
				}
			}
			if len(spaces) != len(line)-1 {
				t.Errorf("%d space glyphs on the line at %v, want %d", len(spaces), spaces, len(line)-1)
			}
			for i := 1; i < len(line); i++ {
				n := 0
				for _, x := range spaces {
					if x >= line[i-1].XMax-0.5 && x < line[i].XMin {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%d space glyphs between %q (ends %.1f) and %q (starts %.1f), want 1; spaces start at %v",
						n, line[i-1].Text, line[i-1].XMax, line[i].Text, line[i].XMin, spaces)
				}
			}
			file := filepath.Join(t.TempDir(), "out.pdf")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext writes the line left to right, each right-to-left
			// word in bidi embedding controls, a space beside it inside
			// or outside them: the words come in visual order, one space
			// apart.
			var row string
			for _, l := range strings.Split(string(out), "\n") {
				if strings.Contains(l, "Firefox") {
					row = l
				}
			}
			got := strings.Fields(strings.Map(func(r rune) rune {
				if r >= 0x202A && r <= 0x202E {
					return ' '
				}
				return r
			}, row))
			if strings.Join(got, " ") != strings.Join(c.visual, " ") || strings.Count(row, " ") != len(c.visual)-1 {
				t.Errorf("pdftotext gives %q, want the words %q one space apart", row, c.visual)
			}
		})
	}
}

func reverseRunes(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// TestNumberAfterRightToLeftWord: in a left-to-right paragraph a number
// after a right-to-left word is at bidi level 2 and the text after it at
// level 0, so the word and the number swap places and nothing else moves
// ("B: 2026 مارس then text."). go-text's bidi runs merged levels 2 and 0,
// which put the word after the rest of the line: every date of a document
// shown in Arabic or Hebrew as a fallback ("5 مارس 2026. Created …") was
// scrambled.
func TestNumberAfterRightToLeftWord(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (Debian poppler-utils); skipping")
	}
	for _, c := range []struct {
		name, text string
		visual     []string // the words left to right
	}{
		{"ar", "B: مارس 2026 then text.", []string{"B:", "2026", "مارس", "then", "text."}},
		{"he", "C: מרץ 2026 then text.", []string{"C:", "2026", "מרץ", "then", "text."}},
		{"dates", "Updated 5 مارس 2026 and created 7 مايو 2025 here.",
			[]string{"Updated", "5", "2026", "مارس", "and", "created", "7", "2025", "مايو", "here."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := &tree.Document{
				Meta:   tree.Meta{Locale: "en", Source: tree.Source{Path: c.name + ".md"}},
				Blocks: []tree.Block{para(1, txt(c.text))},
			}
			data, diags := export(t, doc, exporters.Options{})
			for _, d := range diags {
				t.Errorf("%s", d)
			}
			save(t, "bidi-number-"+c.name+".pdf", data)
			var got []string
			for _, w := range bboxWords(t, data) {
				if w.Text != c.name && w.Text != "Page" && w.Text != "of" && w.Text != "1" { // title, footer
					got = append(got, w.Text)
				}
			}
			// pdftotext -bbox gives words left to right, the letters of a
			// right-to-left word in visual order.
			var want []string
			for _, w := range c.visual {
				if isRTLRune([]rune(w)[0]) {
					w = reverseRunes(w)
				}
				want = append(want, w)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("words left to right:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestFooterInItsOwnDirection: the footer is set in the direction of its
// own text. N'Ko has no translated labels, so its footer is English with
// N'Ko digits, which are right to left: on the right-to-left page it came
// out "߁ of ߁ Page".
func TestFooterInItsOwnDirection(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (Debian poppler-utils); skipping")
	}
	doc := &tree.Document{
		Meta:   tree.Meta{Locale: "nqo", Direction: "rtl", Source: tree.Source{Path: "nqo.md"}},
		Blocks: []tree.Block{para(1, txt("ߒߞߏ ߞߊ߲"))},
	}
	data, diags := export(t, doc, exporters.Options{Labels: locales.MustParse("nqo").Printer()})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	save(t, "footer-nqo.pdf", data)
	var footer []string
	for _, w := range bboxWords(t, data) {
		if w.Text == "Page" || w.Text == "of" || w.Text == "߁" {
			footer = append(footer, w.Text)
		}
	}
	if got := strings.Join(footer, " "); got != "Page ߁ of ߁" {
		t.Errorf("footer left to right: %q, want \"Page ߁ of ߁\"", got)
	}
}
