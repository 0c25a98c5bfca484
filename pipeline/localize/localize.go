// Package localize is the pipeline stage that renders a resolved document in
// one locale: it sets the document's locale and direction and writes every
// Date node's text the locale's way (CLDR patterns, month names and digits
// from package locales). It is run once per locale on the same tree, so it
// overwrites what an earlier locale wrote.
package localize

import (
	"time"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Document localizes doc for loc, formatting dates in zone tz (nil = UTC).
func Document(doc *tree.Document, loc locales.Locale, tz *time.Location) {
	if tz == nil {
		tz = time.UTC
	}
	doc.Meta.Locale = loc.String()
	doc.Meta.DateLocale = loc.CLDR()
	doc.Meta.Direction = loc.Direction()
	// The document's dates are written once here, with the zone and the
	// style of the date macros; exporters print Text. The DateInfo is
	// copied, as the resolve stage may share it between documents.
	style, format := dateStyle(doc)
	for _, d := range []**tree.DateInfo{&doc.Meta.Revision, &doc.Meta.Creation} {
		if *d != nil && !(*d).Time.IsZero() {
			cp := **d
			cp.Text = FormatDate(loc, cp.Time.In(tz), style, format)
			*d = &cp
		}
	}
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if d, ok := in.(*tree.Date); ok && d.Source != tree.FromDocument {
			d.Locale = loc.String()
			d.Text = FormatDate(loc, d.Time.In(tz), d.Style, d.Format)
		}
		return in
	})
}

// FormatDate writes t in style the way mkdocs-git-revision-date-localized
// does: "date" is the CLDR long date, "datetime" the long date and the time,
// the iso styles fixed ISO forms, "custom" a strftime format.
func FormatDate(loc locales.Locale, t time.Time, style tree.DateStyle, format string) string {
	switch style {
	case tree.StyleDateTime:
		return loc.FormatDate(t, locales.Long) + " " + t.Format("15:04:05")
	case tree.StyleISODate:
		return t.Format("2006-01-02")
	case tree.StyleISODateTime:
		return t.Format("2006-01-02 15:04:05")
	case tree.StyleCustom:
		if format == "" {
			format = "%d. %B %Y"
		}
		return loc.Strftime(t, format)
	case tree.StyleFull:
		return loc.FormatDate(t, locales.Full)
	case tree.StyleMedium:
		return loc.FormatDate(t, locales.Medium)
	case tree.StyleShort:
		return loc.FormatDate(t, locales.Short)
	}
	return loc.FormatDate(t, locales.Long)
}

// dateStyle returns the style of the document's first date macro, so the
// document's own dates are written as its body writes them; the CLDR long
// date when the body has none.
func dateStyle(doc *tree.Document) (tree.DateStyle, string) {
	style, format := tree.StyleDate, ""
	found := false
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if d, ok := in.(*tree.Date); ok && !found && d.Source != tree.FromDocument && d.Style != "" {
			style, format, found = d.Style, d.Format, true
		}
		return in
	})
	return style, format
}
