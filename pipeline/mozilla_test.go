package pipeline_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
)

// TestMozillaNotices exports every Mozilla notice in every locale to all
// formats: no failures, no missing glyphs, and each PDF's text holds the
// notice's localized "Effective …" line.
func TestMozillaNotices(t *testing.T) {
	data, err := os.ReadFile(corpustest.Path(t, "mozilla-legal/effective-dates.json"))
	if err != nil {
		t.Fatal(err)
	}
	var eff struct {
		Entries []struct {
			Doc           string `json:"doc"`
			Locale        string `json:"locale"`
			LocalizedLine string `json:"localized_line"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(data, &eff); err != nil {
		t.Fatal(err)
	}
	inputs, err := pipeline.Discover([]string{corpustest.Path(t, "mozilla-legal")})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Manifest.Failures {
		t.Errorf("%s %s %s: %s", f.Source, f.Locale, f.Format, f.Error)
	}
	for _, d := range res.Diagnostics {
		if d.Code == "missing-glyph" {
			t.Errorf("missing glyph: %s", d)
		}
	}
	if want := len(eff.Entries) * 4; res.Exported != want {
		t.Errorf("exported %d files, want %d (29 notices × 4 formats)", res.Exported, want)
	}
	// Each variant used its own translation, not a fallback.
	for _, e := range res.Manifest.Outputs {
		if e.Translation == nil || e.Translation.Fallback {
			t.Errorf("%s: translation %+v", e.Path, e.Translation)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed; PDF text not checked")
	}
	for _, e := range eff.Entries {
		pdf := filepath.Join(out, e.Locale, e.Doc+".pdf")
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Errorf("%s: %v", pdf, err)
			continue
		}
		if !strings.Contains(squash(string(text)), squash(e.LocalizedLine)) {
			t.Errorf("%s/%s.pdf lacks its effective line %q", e.Locale, e.Doc, e.LocalizedLine)
		}
	}
}

// squash drops all white space (line breaks and no-break spaces included)
// so that text compares across line wrapping.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u200b' {
			return -1
		}
		return r
	}, s)
}
