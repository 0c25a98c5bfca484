package pipeline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/pdfwords"
	"github.com/galleydoc/galley/pipeline"
)

// word is one word of pdftotext -bbox output.
type word = pdfwords.Word

// pdfWords returns the words pdftotext -bbox reads (see package pdfwords).
func pdfWords(t *testing.T, file string) []word {
	t.Helper()
	ws, err := pdfwords.Read(file, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// find returns the first word whose text, with Arabic presentation forms
// folded back (pdftotext keeps them), contains s.
func find(ws []word, s string) (word, bool) {
	for _, w := range ws {
		if strings.Contains(foldPresentation(w.Text), s) {
			return w, true
		}
	}
	return word{}, false
}

// foldPresentation maps the Arabic presentation forms the PDF uses for
// joined letters back to the letters (enough for the words tested here).
func foldPresentation(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if base, ok := presentationBase[r]; ok {
			r = base
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

var presentationBase = map[rune]rune{}

func init() {
	// Arabic Presentation Forms-B: each letter's isolated, final, initial
	// and medial forms in Unicode order.
	letters := []struct {
		r     rune
		start rune
		forms int
	}{
		{'ء', 0xFE80, 1}, {'آ', 0xFE81, 2}, {'أ', 0xFE83, 2}, {'ؤ', 0xFE85, 2}, {'إ', 0xFE87, 2}, {'ئ', 0xFE89, 4}, {'ا', 0xFE8D, 2},
		{'ب', 0xFE8F, 4}, {'ة', 0xFE93, 2}, {'ت', 0xFE95, 4}, {'ث', 0xFE99, 4}, {'ج', 0xFE9D, 4}, {'ح', 0xFEA1, 4}, {'خ', 0xFEA5, 4},
		{'د', 0xFEA9, 2}, {'ذ', 0xFEAB, 2}, {'ر', 0xFEAD, 2}, {'ز', 0xFEAF, 2}, {'س', 0xFEB1, 4}, {'ش', 0xFEB5, 4}, {'ص', 0xFEB9, 4},
		{'ض', 0xFEBD, 4}, {'ط', 0xFEC1, 4}, {'ظ', 0xFEC5, 4}, {'ع', 0xFEC9, 4}, {'غ', 0xFECD, 4}, {'ف', 0xFED1, 4}, {'ق', 0xFED5, 4},
		{'ك', 0xFED9, 4}, {'ل', 0xFEDD, 4}, {'م', 0xFEE1, 4}, {'ن', 0xFEE5, 4}, {'ه', 0xFEE9, 4}, {'و', 0xFEED, 2}, {'ى', 0xFEEF, 2}, {'ي', 0xFEF1, 4},
	}
	for _, l := range letters {
		for i := 0; i < l.forms; i++ {
			presentationBase[l.start+rune(i)] = l.r
		}
	}
}

// reverse returns s with its runes in reverse order (visual order of a
// right-to-left word as pdftotext reports it).
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// TestRightToLeft exports the Arabic and Hebrew fixtures and pins their
// layout: html dir="rtl", PDF headings and paragraphs set against the right
// margin, Arabic letters drawn in their joined presentation forms, table
// columns mirrored (the first column on the right), and the page footer in
// visual order.
func TestRightToLeft(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	inputs, err := pipeline.Discover([]string{"testdata/rtl"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Locales: []string{"ar", "he"}, Formats: []string{"html", "pdf"}}).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed > 0 {
		t.Fatalf("export: %v %+v", err, res.Manifest.Failures)
	}
	for _, d := range res.Diagnostics {
		if d.Code == "missing-glyph" {
			t.Errorf("missing glyph: %s", d)
		}
	}
	const rightMargin = 595.28 - 62 // A4 width less the margin, give or take
	cases := []struct {
		loc, title, firstCol, secondCol, footer string
		joined                                  bool
	}{
		{"ar", "إشعار", "الغرض", "القانوني", "الصفحة", true},
		{"he", "הודעת", "מטרה", "חוקי", "עמוד", false},
	}
	for _, c := range cases {
		html, _ := os.ReadFile(filepath.Join(out, c.loc, "privacy.html"))
		if !strings.Contains(string(html), `<html lang="`+c.loc+`" dir="rtl">`) {
			t.Errorf("%s: html lacks dir=rtl", c.loc)
		}
		ws := pdfWords(t, filepath.Join(out, c.loc, "privacy.pdf"))
		// pdftotext reports right-to-left words in visual order.
		title, ok := find(ws, reverse(c.title))
		if !ok {
			t.Fatalf("%s: title word %q not found in %v", c.loc, c.title, ws)
		}
		if title.XMax < rightMargin-10 {
			t.Errorf("%s: title ends at x=%.0f, not at the right margin", c.loc, title.XMax)
		}
		// The PDF draws shaped glyphs (joined forms: exporters/pdf's
		// HarfBuzz oracle test checks them) and maps them back to the
		// letters, so the extracted text holds no presentation forms.
		if c.joined && foldPresentation(title.Text) != title.Text {
			t.Errorf("%s: %q is extracted as presentation forms, not letters", c.loc, title.Text)
		}
		first, ok1 := find(ws, reverse(c.firstCol))
		second, ok2 := find(ws, reverse(c.secondCol))
		if !ok1 || !ok2 || first.XMin < second.XMax {
			t.Errorf("%s: table columns not mirrored: first column at %.0f, second at %.0f", c.loc, first.XMin, second.XMin)
		}
		if _, ok := find(ws, reverse(c.footer)); !ok {
			t.Errorf("%s: footer %q not in visual order", c.loc, c.footer)
		}
	}
}
