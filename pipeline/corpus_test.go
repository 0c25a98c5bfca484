package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/config"
)

// leaked matches MkDocs syntax that must never reach an export as text.
var leaked = regexp.MustCompile(`(?m)^\s*(!!!|\?\?\?\+?) |\{: *[#.\w]+[=\w"-]*|^\s*=== "`)

// TestCorpusExportsEverywhere exports every Markdown document of the corpus
// to all four formats: none may fail, and no MkDocs syntax may show.
func TestCorpusExportsEverywhere(t *testing.T) {
	var roots []string
	for _, d := range []string{"pypi-docs", "github-site-policy", "mozilla-legal"} {
		roots = append(roots, corpustest.Path(t, d))
	}
	inputs, err := pipeline.Discover(roots)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) < 200 {
		t.Fatalf("only %d corpus documents found", len(inputs))
	}
	date := time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC)
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Date: &date}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Manifest.Failures {
		t.Errorf("%s (%s %s): %s", f.Source, f.Locale, f.Format, f.Error)
	}
	checkManifest(t, out)
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		n++
		data, _ := os.ReadFile(p)
		if m := leaked.Find(data); m != nil {
			t.Errorf("%s shows MkDocs syntax as text: %q", p, m)
		}
		return nil
	})
	if n < 200 {
		t.Errorf("only %d text exports", n)
	}
}

// TestCorpusMkDocsSites exports the PSF policy site and the warehouse user
// docs through their mkdocs.yml in four locales.
func TestCorpusMkDocsSites(t *testing.T) {
	for _, file := range []string{"pypi-docs/policies/mkdocs.yml", "pypi-docs/warehouse/docs/mkdocs-user-docs.yml"} {
		t.Run(filepath.Base(filepath.Dir(file)), func(t *testing.T) {
			cfg, err := config.Load(corpustest.Path(t, file))
			if err != nil {
				t.Fatal(err)
			}
			inputs, err := pipeline.Discover(cfg.Documents)
			if err != nil {
				t.Fatal(err)
			}
			opts := pipeline.Options{
				Locales:             []string{"en", "de", "fr", "ja"},
				DefaultLocale:       cfg.Locale,
				FallbackToBuildDate: cfg.FallbackToBuildDate,
				Now:                 time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
			}
			if !cfg.FallbackToBuildDate {
				d := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
				opts.Date = &d
			}
			out := t.TempDir()
			res, err := newEngine(t, opts).Export(context.Background(), inputs, out, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Failed > 0 {
				t.Fatalf("failures: %+v", res.Manifest.Failures)
			}
			if want := len(inputs) * 4 * 4; res.Exported != want {
				t.Errorf("exported %d files, want %d", res.Exported, want)
			}
			checkManifest(t, out)
			if strings.Contains(file, "policies") {
				// No git history here, so fallback_to_build_date applies, in German.
				txt, _ := os.ReadFile(filepath.Join(out, "de/pypi.org/Privacy-Notice.txt"))
				if !strings.Contains(string(txt), "Last updated 28. November 2026") {
					t.Errorf("de/pypi.org/Privacy-Notice.txt lacks the German build date:\n%.400s", txt)
				}
			}
		})
	}
}
