package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
)

// TestLocalesBeyondModern exports the Thaana (dv), Kabyle (kab) and Sakha
// (sah) notices of testdata/cldr, locales CLDR rates below modern, and a
// Hakha Chin (cnh) variant CLDR has no data for, to every format: the
// first three get their CLDR dates and direction without a warning; cnh
// gets CLDR's root dates, one warning for the whole run (two documents use
// it) and date_locale "und" in the manifest and the JSON.
func TestLocalesBeyondModern(t *testing.T) {
	inputs, err := pipeline.Discover([]string{"testdata/cldr"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	date := time.Date(2025, 12, 16, 9, 0, 0, 0, time.UTC)
	opts := pipeline.Options{Locales: []string{"dv", "kab", "sah", "cnh"}, Formats: []string{"html", "pdf", "txt", "json", "md"}, Date: &date}
	res, err := newEngine(t, opts).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed > 0 {
		t.Fatalf("export: %v %+v", err, res.Manifest.Failures)
	}
	if want := 2 * 4 * 5; res.Exported != want {
		t.Errorf("exported %d files, want %d", res.Exported, want)
	}
	checkManifest(t, out)
	var fallbacks []string
	for _, d := range res.Diagnostics {
		if d.Code == "locale-fallback" {
			fallbacks = append(fallbacks, d.String())
		}
	}
	if len(fallbacks) != 1 || !strings.Contains(fallbacks[0], `locale "cnh": CLDR 48.2.0 has no locale for "cnh"`) || !strings.Contains(fallbacks[0], "root locale (und)") {
		t.Errorf("want one fallback warning for cnh, got %q", fallbacks)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct {
		loc, dir, dateLocale, date, title string
	}{
		{"dv", "rtl", "dv", "2025 M12 16", "ސިއްރު ހިފެހެއްޓުމުގެ ސިޔާސަތު"}, // CLDR 48's dv has core data: root patterns
		{"kab", "ltr", "kab", "16 Duǧembeṛ 2025", "Tasertit n tbaḍnit"},
		{"sah", "ltr", "sah", "2025, ахсынньы 16", "Кистэлэҥ туһунан биллэрии"},
		{"cnh", "ltr", "und", "2025 M12 16", "Privacy Notice"}, // no translation: the English body
	} {
		html := read(c.loc + "/notice.html")
		if !strings.Contains(html, `<html lang="`+c.loc+`" dir="`+c.dir+`">`) {
			t.Errorf("%s: html lacks lang and dir=%s", c.loc, c.dir)
		}
		txt := read(c.loc + "/notice.txt")
		if !strings.Contains(txt, c.date) || !strings.Contains(txt, c.title) {
			t.Errorf("%s: text lacks %q or %q:\n%s", c.loc, c.date, c.title, txt)
		}
		if js := read(c.loc + "/notice.json"); !strings.Contains(js, `"date_locale": "`+c.dateLocale+`"`) {
			t.Errorf("%s: JSON lacks date_locale %s", c.loc, c.dateLocale)
		}
		for _, e := range res.Manifest.Outputs {
			if e.Locale == c.loc && e.DateLocale != c.dateLocale {
				t.Errorf("%s: manifest %s has date_locale %q", c.loc, e.Path, e.DateLocale)
			}
		}
	}

	// --strict refuses the fallback before anything is written.
	opts.Strict = true
	_, err = pipeline.New(builtin.Registry(), opts)
	var ue *pipeline.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `locale "cnh"`) {
		t.Errorf("strict: got %v, want a usage error about cnh", err)
	}
}
