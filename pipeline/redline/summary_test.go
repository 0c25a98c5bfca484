package redline_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// summaryCases are a German and an Arabic (right-to-left) notice in two
// versions (a paragraph changed, a section inserted, one deleted), with
// what their redline's summary says in every format (want), in HTML, text
// and on page 1 of the PDF.
var summaryCases = []struct {
	locale, old, new     string
	want, html, txt, pdf []string
	bookmark             string // the PDF's bookmark of change 1
}{
	{
		locale: "de",
		old: "---\ntitle: Datenschutzhinweis\nlocale: de\n---\n\n# Datenschutzhinweis\n\n" +
			"## Wer wir sind\n\nDie Beispiel GmbH betreibt den Dienst.\n\n" +
			"## Speicherdauer\n\nWir speichern Protokolle 90 Tage lang.\n\n" +
			"## Cookies\n\nWir verwenden keine Cookies.\n",
		new: "---\ntitle: Datenschutzhinweis\nlocale: de\n---\n\n# Datenschutzhinweis\n\n" +
			"## Wer wir sind\n\nDie Beispiel GmbH betreibt den Dienst.\n\n" +
			"## Speicherdauer\n\nWir speichern Protokolle 30 Tage lang.\n\n" +
			"## Ihre Rechte\n\nSie können jederzeit Auskunft verlangen.\n",
		want: []string{"Zusammenfassung der Änderungen", "Alte Fassung", "Neue Fassung", "15. Januar 2025",
			"Geänderte Abschnitte", "Speicherdauer; Ihre Rechte", "Geändert: Absatz", "Eingefügt: Abschnitt", "Gelöscht: Abschnitt"},
		html: []string{"<dt>Wörter</dt><dd>8 hinzugefügt, 6 entfernt</dd>", "(Commit <code>111111111111</code>)",
			`<span class="kind">Eingefügt:</span> Abschnitt`},
		txt:      []string{"Änderungen: 3, hinzugefügte Wörter: 8, entfernte Wörter: 6"},
		pdf:      []string{"Wörter: 8 hinzugefügt, 6 entfernt", "(Commit 111111111111)"},
		bookmark: "Änderung 1 – Geändert: Absatz",
	},
	{
		locale: "ar",
		old: "---\ntitle: إشعار الخصوصية\nlocale: ar\n---\n\n# إشعار الخصوصية\n\n" +
			"## من نحن\n\nتدير شركة المثال هذه الخدمة.\n\n" +
			"## مدة الاحتفاظ\n\nنحتفظ بالسجلات مدة تسعين يومًا.\n\n" +
			"## ملفات تعريف الارتباط\n\nلا نستخدم ملفات تعريف الارتباط.\n",
		new: "---\ntitle: إشعار الخصوصية\nlocale: ar\n---\n\n# إشعار الخصوصية\n\n" +
			"## من نحن\n\nتدير شركة المثال هذه الخدمة.\n\n" +
			"## مدة الاحتفاظ\n\nنحتفظ بالسجلات مدة ثلاثين يومًا.\n\n" +
			"## حقوقك\n\nيحق لك طلب نسخة من بياناتك في أي وقت.\n",
		want: []string{"ملخص التغييرات", "الصيغة السابقة", "الصيغة الجديدة", "الأقسام المعدَّلة", "مدة الاحتفاظ",
			"تعديل: فقرة", "إدراج: قسم", "حذف: قسم"},
		html:     []string{"مدة الاحتفاظ</a>؛ <a", "<dt>الكلمات</dt><dd>المضافة: 11، المحذوفة: 9</dd>", `<span class="kind">إدراج:</span> قسم`, "(الإيداع <code>111111111111</code>)"},
		txt:      []string{"مدة الاحتفاظ؛ حقوقك", "التغييرات: 3، الكلمات المضافة: 11، الكلمات المحذوفة: 9"},
		pdf:      []string{"المضافة", "المحذوفة", "الكلمات", "الإيداع"},
		bookmark: "التغيير 1 – تعديل: فقرة",
	},
}

// TestSummaryInDocumentLanguage checks that a redline's summary speaks the
// document's language in HTML, text and PDF: a German and an Arabic
// redline show their label translations and no English label.
var tags = regexp.MustCompile(`<[^>]*>`)

func TestSummaryInDocumentLanguage(t *testing.T) {
	oldDate := &tree.DateInfo{Time: time.Date(2025, 1, 15, 10, 0, 0, 0, time.UTC), Source: tree.FromGit, Commit: "1111111111111111111111111111111111111111"}
	newDate := &tree.DateInfo{Time: time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC), Source: tree.FromGit, Commit: "2222222222222222222222222222222222222222"}
	for _, c := range summaryCases {
		old := pipeline.DiffVersion{Src: []byte(c.old), Label: "v1:notice.md", Path: "notice.md", Revision: oldDate}
		new := pipeline.DiffVersion{Src: []byte(c.new), Label: "v2:notice.md", Path: "notice.md", Revision: newDate}
		out := map[string]string{}
		for _, f := range []string{"html", "txt", "pdf"} {
			eng, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := eng.Diff(context.Background(), old, new, &buf, &diag.Sink{}); err != nil {
				t.Fatalf("%s %s: %v", c.locale, f, err)
			}
			out[f] = buf.String()
		}
		// Outline titles are UTF-16BE strings.
		title := []byte("/Title (\xfe\xff")
		for _, r := range utf16.Encode([]rune(c.bookmark)) {
			for _, b := range []byte{byte(r >> 8), byte(r)} {
				if b == '(' || b == ')' || b == '\\' { // ب is 06 28
					title = append(title, '\\')
				}
				title = append(title, b)
			}
		}
		if !bytes.Contains([]byte(out["pdf"]), title) {
			t.Errorf("%s: no PDF bookmark %q", c.locale, c.bookmark)
		}
		// The summary: the HTML page's header, the text after the
		// document, the PDF's first page (pdftotext, bidi controls
		// dropped).
		summary := map[string]string{}
		if i, j := strings.Index(out["html"], `<header class="redline">`), strings.Index(out["html"], "<main>"); i >= 0 && j > i {
			summary["html"] = out["html"][i:j]
		}
		if i := strings.LastIndex(out["txt"], c.want[0]); i >= 0 {
			summary["txt"] = out["txt"][i:]
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			f := filepath.Join(t.TempDir(), "r.pdf")
			if err := os.WriteFile(f, []byte(out["pdf"]), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := exec.Command("pdftotext", "-f", "1", "-l", "1", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			summary["pdf"] = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
				if r >= '\u202a' && r <= '\u202e' || r == '\u200e' || r == '\u200f' {
					return -1
				}
				return r
			}, string(b))), " ")
		} else {
			t.Log("pdftotext (poppler-utils) not installed: the PDF's text is not checked")
		}
		for f, extra := range map[string][]string{"html": c.html, "txt": c.txt, "pdf": c.pdf} {
			s, ok := summary[f]
			if !ok {
				if f != "pdf" {
					t.Errorf("%s %s: no summary found:\n%s", c.locale, f, out[f])
				}
				continue
			}
			text := s
			if f == "html" {
				text = tags.ReplaceAllString(s, "")
			}
			for _, w := range c.want {
				parts := []string{w}
				if f == "pdf" && c.locale == "ar" {
					// pdftotext sets neutral punctuation apart in
					// right-to-left lines (":فقرة"): words are checked.
					parts = strings.Fields(strings.ReplaceAll(w, ":", " "))
				}
				for _, p := range parts {
					if !strings.Contains(text, p) {
						t.Errorf("%s %s summary lacks %q:\n%s", c.locale, f, p, s)
					}
				}
			}
			for _, w := range extra {
				if !strings.Contains(s, w) {
					t.Errorf("%s %s summary lacks %q:\n%s", c.locale, f, w, s)
				}
			}
			for _, en := range []string{"Summary of changes", "version", "Sections changed", "Words",
				"added", "removed", "Inserted", "Deleted", "Changed", "commit", "January", "paragraph", "section"} {
				if strings.Contains(s, en) {
					t.Errorf("%s %s summary has the English %q:\n%s", c.locale, f, en, s)
				}
			}
		}
	}
}
