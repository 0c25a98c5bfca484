package localize

import (
	"testing"
	"time"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

func TestDocument(t *testing.T) {
	at := time.Date(2025, 12, 16, 23, 30, 5, 0, time.UTC)
	dates := []*tree.Date{
		{Time: at, Style: tree.StyleDate},
		{Time: at, Style: tree.StyleDateTime},
		{Time: at, Style: tree.StyleISODate},
		{Time: at, Style: tree.StyleISODateTime},
		{Time: at, Style: tree.StyleCustom, Format: "%A %d %B %Y"},
		{Time: at, Style: tree.StyleDate, Source: tree.FromDocument, Text: "as written"},
	}
	var content []tree.Inline
	for _, d := range dates {
		content = append(content, d)
	}
	doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: content}}}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, c := range []struct {
		locale string
		tz     *time.Location
		dir    string
		want   []string
	}{
		{"en", nil, "ltr", []string{"December 16, 2025", "December 16, 2025 23:30:05", "2025-12-16", "2025-12-16 23:30:05", "Tuesday 16 December 2025", "as written"}},
		{"de", berlin, "ltr", []string{"17. Dezember 2025", "17. Dezember 2025 00:30:05", "2025-12-17", "2025-12-17 00:30:05", "Mittwoch 17 Dezember 2025", "as written"}},
		{"fa", nil, "rtl", []string{"۱۶ دسامبر ۲۰۲۵", "", "2025-12-16", "", "", "as written"}},
	} {
		Document(doc, locales.MustParse(c.locale), c.tz)
		if doc.Meta.Locale != c.locale || doc.Meta.Direction != c.dir {
			t.Errorf("%s: meta %q %q", c.locale, doc.Meta.Locale, doc.Meta.Direction)
		}
		for i, want := range c.want {
			if want != "" && dates[i].Text != want {
				t.Errorf("%s %s: %q, want %q", c.locale, dates[i].Style, dates[i].Text, want)
			}
		}
	}
}
