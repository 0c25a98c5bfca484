package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters/builtin"
)

func TestPageTarget(t *testing.T) {
	for _, c := range []struct {
		rel, root, link, want string
	}{
		// Plain layout: the source path with the export's extension.
		{"PSF-Privacy-Notice.md", "/docs", "pypi.org/Terms-of-Service.md", "pypi.org/Terms-of-Service.html"},
		{"pypi.org/Privacy-Notice.md", "/docs", "../PSF-Privacy-Notice.md", "../PSF-Privacy-Notice.html"},
		{"a/b/c.md", "/docs", "../../d.md", "../../d.html"},
		{"a/b/c.md", "/docs", "../b/e.md", "e.html"},
		// Out of the input root: as written.
		{"notice.md", "/docs", "../other/terms.md", "../other/terms.html"},
		// Suffix translations: a translation links within its locale.
		{"privacy.de.md", "/docs", "terms.de.md", "terms.html"},
		{"privacy.de.md", "/docs", "terms.md", "terms.html"},
		{"privacy.md", "/docs", "privacy.de.md", "../de/privacy.html"},
		{"legal/privacy.md", "/docs", "terms.fr.md", "../../fr/legal/terms.html"},
		// Folder translations.
		{"fr/privacy.md", "/docs", "terms.md", "terms.html"},
		{"fr/privacy.md", "/docs", "../de/privacy.md", "../de/privacy.html"},
		// One folder per document (mozilla/legal-docs).
		{"firefox/pt-BR.md", "/docs", "../accounts/pt-BR.md", "accounts.html"},
		{"firefox/pt-BR.md", "/docs", "en.md", "../en/firefox.html"},
		{"de.md", "/docs/firefox", "en.md", "../en/firefox.html"},
	} {
		got := pageTarget(Input{Rel: c.rel, Root: c.root})(c.link, "html")
		if got != c.want {
			t.Errorf("from %s: %s → %q, want %q", c.rel, c.link, got, c.want)
		}
	}
}

// TestExportPageLinks exports translations that link to each other and
// checks that every link leads to an exported file.
func TestExportPageLinks(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"privacy.md":    "# Privacy\n\nSee the [terms](terms.md) or [auf Deutsch](privacy.de.md).\n",
		"privacy.de.md": "# Datenschutz\n\nSiehe die [Bedingungen](terms.de.md#use).\n",
		"terms.md":      "# Terms\n\n## Use\n",
		"terms.de.md":   "# Bedingungen\n\n## Use\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, err := Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	e, err := New(builtin.Registry(), Options{Formats: []string{"html", "txt"}, Locales: []string{"en", "de"}, Date: &date, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed != 0 {
		t.Fatalf("export: %v %+v", err, res.Manifest.Failures)
	}
	href := regexp.MustCompile(`href="([^"#]+)[^"]*"`)
	ref := regexp.MustCompile(`(?m)^\[\d+\] (\S+?)(?:#\S*)?$`)
	for _, c := range []struct {
		file string
		re   *regexp.Regexp
		want []string
	}{
		{"en/privacy.html", href, []string{"terms.html", "../de/privacy.html"}},
		{"de/privacy.html", href, []string{"terms.html"}},
		{"en/privacy.txt", ref, []string{"terms.txt", "../de/privacy.txt"}},
		{"de/privacy.txt", ref, []string{"terms.txt"}},
	} {
		b, err := os.ReadFile(filepath.Join(out, c.file))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range c.re.FindAllStringSubmatch(string(b), -1) {
			if strings.HasPrefix(m[1], "http") {
				continue
			}
			got = append(got, m[1])
			if _, err := os.Stat(filepath.Join(out, filepath.Dir(c.file), filepath.FromSlash(m[1]))); err != nil {
				t.Errorf("%s: link %s leads to no exported file", c.file, m[1])
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: links %q, want %q", c.file, got, c.want)
		}
	}
}
