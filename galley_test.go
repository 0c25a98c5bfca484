package galley_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley"
)

var day = galley.Settings{Date: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)}

func TestConvertPDFIsReproducible(t *testing.T) {
	opts := galley.Options{To: "pdf", Locale: "en", Settings: day}
	a, err := galley.Convert(context.Background(), strings.NewReader(notice), opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := galley.Convert(context.Background(), strings.NewReader(notice), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Equal(a, b) {
		t.Errorf("PDF: prefix %q, identical %v", a[:min(len(a), 8)], bytes.Equal(a, b))
	}
}

func TestConvertErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		src  string
		opts galley.Options
		want string
	}{
		{"unknown output format", "# x", galley.Options{To: "docx"}, `unknown format "docx"`},
		{"unknown input format", "# x", galley.Options{From: "rst"}, `From "rst"`},
		{"unknown locale", "# x", galley.Options{Locale: "xx-notalocale"}, "xx-notalocale"},
		{"date macro without a date", "{{git_revision_date_localized}}\n", galley.Options{To: "txt"}, "date"},
		{"warning under Strict", "[x](#nowhere)\n", galley.Options{Settings: galley.Settings{Strict: true}}, "nowhere"},
	}
	for _, c := range cases {
		_, err := galley.Convert(ctx, strings.NewReader(c.src), c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestConvertReadsByPathExtension(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "terms.html")
	src := "<html><body><main><h1>Terms</h1><p>See <a href=\"privacy.md\">privacy</a>.</p></main></body></html>"
	out, err := galley.Convert(context.Background(), strings.NewReader(src), galley.Options{Path: page, To: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "# Terms") {
		t.Errorf("HTML input not read as HTML:\n%s", out)
	}
	// JSON in, text out: the tree round-trips.
	js, err := galley.Convert(context.Background(), strings.NewReader(notice), galley.Options{To: "json", Settings: day})
	if err != nil {
		t.Fatal(err)
	}
	txt, err := galley.Convert(context.Background(), bytes.NewReader(js), galley.Options{From: "json", To: "text"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "Last updated December 16, 2025") {
		t.Errorf("JSON → text:\n%s", txt)
	}
	if !json.Valid(galley.JSONSchema()) {
		t.Error("JSONSchema is not JSON")
	}
}

func TestExportIsolatesFailures(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "good.md"), []byte("# Good\n"), 0o644)
	os.WriteFile(filepath.Join(src, "bad.md"), []byte("# Bad\n\n{{git_revision_date_localized}}\n"), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	var warned []galley.Warning
	rep, err := galley.Export(context.Background(), []string{src}, out, galley.ExportOptions{
		Formats:  []string{"txt"},
		Settings: galley.Settings{Warn: func(w galley.Warning) { warned = append(warned, w) }},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 || rep.Written != 1 || len(rep.Failures) != 1 || !strings.HasSuffix(rep.Failures[0].Source, "bad.md") {
		t.Fatalf("report %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "good.txt")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(rep.Manifest); err != nil {
		t.Error(err)
	}
	// A second run finds everything unchanged.
	rep, err = galley.Export(context.Background(), []string{src}, out, galley.ExportOptions{Formats: []string{"txt"}})
	if err != nil || rep.Unchanged != 1 || rep.Written != 0 {
		t.Errorf("second run: %+v, %v", rep, err)
	}
	if _, err := galley.Export(context.Background(), []string{filepath.Join(src, "missing")}, out, galley.ExportOptions{}); err == nil {
		t.Error("a missing input is not an error")
	}
}

func TestConvertLocaleFromPath(t *testing.T) {
	src := "# Datenschutz\n\nStand: {{git_revision_date_localized}}\n"
	out, err := galley.Convert(context.Background(), strings.NewReader(src), galley.Options{
		Path: filepath.Join(t.TempDir(), "privacy.de.md"), To: "txt", Settings: day})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Stand: 16. Dezember 2025") {
		t.Errorf("privacy.de.md not rendered in German:\n%s", out)
	}
}
