package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
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
