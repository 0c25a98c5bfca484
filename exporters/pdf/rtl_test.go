package pdf

import (
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/pipeline/tree"
)

func TestShapeArabic(t *testing.T) {
	ar := fonts.Sans(fonts.Regular).Face(0x0627)
	cases := []struct{ in, want string }{
		// beh-seen-meem: initial, medial, final.
		{"بسم", "\uFE91\uFEB4\uFEE2"},
		// alef does not join to the left: lam-alef ligature, then isolated forms.
		{"لا", "\uFEFB"},
		{"سلام", "\uFEB3\uFEFC\uFEE1"},
		// dal then beh: dal is right-joining only, beh after it is isolated.
		{"دب", "\uFEA9\uFE8F"},
		{"abc", "abc"},
	}
	for _, c := range cases {
		if got := shapeArabic(c.in, ar); got != c.want {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestReorderLine(t *testing.T) {
	st := tstyle{size: 10}
	he := fonts.Sans(fonts.Regular).Face('א')
	la := fonts.Sans(fonts.Regular).Face('a')
	// Logical "אב Go 12 גד" in an RTL paragraph: the Latin word and the
	// number form one left-to-right run, so it reads visually "דג Go 12 בא".
	mk := func(parts ...string) lineOut {
		var ln lineOut
		x := 0.0
		for i, p := range parts {
			f := la
			if isRTLRune([]rune(p)[0]) {
				f = he
			}
			w := f.Width(p, 10)
			ln.items = append(ln.items, placed{piece: piece{text: p, face: f, st: st, w: w}, x: x})
			x += w
			if i < len(parts)-1 {
				x += 3
			}
		}
		ln.w = x
		return ln
	}
	out := reorderLine(mk("אב", "Go", "12", "גד"), 1)
	var got []string
	for _, it := range out.items {
		got = append(got, it.text)
	}
	want := []string{"דג", "Go", "12", "בא"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

// TestRTLDocument lays out Arabic and Hebrew documents right to left and
// checks the files.
func TestRTLDocument(t *testing.T) {
	for _, c := range []struct{ name, locale, title, body string }{
		{"ar", "ar", "إشعار الخصوصية", "نحن نحترم خصوصيتك. يشرح هذا الإشعار كيف نجمع بياناتك (Firefox 120) ونستخدمها، ولماذا نحتاج إليها، وكيف يمكنك التحكم فيها في أي وقت من خلال إعدادات الحساب."},
		{"he", "he", "הודעת פרטיות", "אנו מכבדים את פרטיותך. הודעה זו מסבירה אילו נתונים Mozilla אוספת (למשל כתובת IP) וכיצד ניתן לשלוט בהם בכל עת דרך הגדרות החשבון שלך."},
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
		// pdftotext reorders RTL text itself; validate structure only.
		CheckPDF(t, c.name, data, &tree.Document{})
	}
}

func TestReorderMirrors(t *testing.T) {
	st := tstyle{size: 10}
	var ln lineOut
	for _, p := range runs("א (ב) ג", st) {
		ln.items = append(ln.items, placed{piece: p, x: ln.w})
		ln.w += p.w
	}
	out := reorderLine(ln, 1)
	got := ""
	for _, it := range out.items {
		got += it.text
	}
	if want := "ג (ב) א"; got != want {
		t.Errorf("visual order %q, want %q", got, want)
	}
}
