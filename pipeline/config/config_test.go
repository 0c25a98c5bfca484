package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/corpustest"
)

func TestGalleyYAML(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "galley.yaml"), []byte(`
documents: [notices, extra/terms.md]
output: ../out
formats: [html, pdf]
locales: [en, de]
date_type: custom
custom_format: "%d %B %Y"
timezone: Europe/Berlin
fallback_to_build_date: true
paper: letter
prune: true
`), 0o644)
	c, err := Load(filepath.Join(dir, "galley.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != "galley" || c.Output != filepath.Join(filepath.Dir(dir), "out") || c.Paper != "letter" || !c.FallbackToBuildDate ||
		c.DateType != "custom" || c.TimeZone != "Europe/Berlin" || !c.Prune {
		t.Errorf("config: %+v", c)
	}
	if want := []string{filepath.Join(dir, "notices"), filepath.Join(dir, "extra/terms.md")}; !reflect.DeepEqual(c.Documents, want) {
		t.Errorf("documents %v, want %v", c.Documents, want)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"list.yaml":      "- a\n- b\n",
		"bad.yaml":       "documents: [unclosed\n",
		"empty.yaml":     "output: out\n",
		"wrongtype.yaml": "documents: 3\nformats: {a: b}\n",
	}
	for name, body := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v should name the file", name, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestMkDocs(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "site-docs"), 0o755)
	os.WriteFile(filepath.Join(dir, "mkdocs.yml"), []byte(`
site_name: Policies
docs_dir: site-docs
theme:
  name: material
  language: de
extra:
  preview: !ENV [PREVIEW, "False"]
plugins:
  - search
  - git-revision-date-localized:
      type: datetime
      timezone: Europe/Amsterdam
      fallback_to_build_date: true
markdown_extensions:
  - admonition
  - toc:
      permalink: true
nav:
  - "a.md"
  - Section:
      - "b/c.md"
      - External: https://example.com/x.md
`), 0o644)
	c, err := Load(filepath.Join(dir, "mkdocs.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != "mkdocs" || c.SiteName != "Policies" || c.Locale != "de" || c.DateType != "datetime" ||
		c.TimeZone != "Europe/Amsterdam" || !c.FallbackToBuildDate {
		t.Errorf("config: %+v", c)
	}
	if !reflect.DeepEqual(c.Nav, []string{"a.md", "b/c.md"}) || !reflect.DeepEqual(c.Extensions, []string{"admonition", "toc"}) {
		t.Errorf("nav %v extensions %v", c.Nav, c.Extensions)
	}
	if !reflect.DeepEqual(c.Documents, []string{filepath.Join(dir, "site-docs")}) {
		t.Errorf("documents %v", c.Documents)
	}
}

func TestCorpusMkDocs(t *testing.T) {
	p := corpustest.Path(t, "pypi-docs/policies/mkdocs.yml")
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.DateType != "date" || !c.FallbackToBuildDate || len(c.Nav) != 21 {
		t.Errorf("psf/policies mkdocs.yml: %+v (nav %d)", c, len(c.Nav))
	}
}

// TestUnknownKey: a galley.yaml key galley does not read is refused with
// its line and the key it likely means, not ignored (a misspelled
// `strict` made runs lenient, unnoticed). An mkdocs.yml has keys of many
// tools and is not checked.
func TestUnknownKey(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "galley.yaml")
	os.WriteFile(p, []byte("documents: [docs]\nstirct: true\n"), 0o644)
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), "galley.yaml:2: unknown key \"stirct\"; did you mean strict?") {
		t.Errorf("error %v", err)
	}
	os.WriteFile(p, []byte("documents: [docs]\nstrict: true\nno_tags: true\n"), 0o644)
	if _, err := Load(p); err != nil {
		t.Errorf("known keys: %v", err)
	}
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	m := filepath.Join(dir, "mkdocs.yml")
	os.WriteFile(m, []byte("site_name: S\ntheme: {name: material}\nextra_css: [a.css]\n"), 0o644)
	if _, err := Load(m); err != nil {
		t.Errorf("mkdocs.yml: %v", err)
	}
}

// TestUnreadExtensions: the markdown_extensions whose syntax galley does not
// read are named (export warns of them), in the order listed, once each.
func TestUnreadExtensions(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	m := filepath.Join(dir, "mkdocs.yml")
	os.WriteFile(m, []byte("site_name: S\nmarkdown_extensions:\n  - admonition\n  - pymdownx.emoji:\n      emoji_index: x\n  - markdown.extensions.toc\n  - pymdownx.snippets\n  - def_list\n  - pymdownx.superfences\n"), 0o644)
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(c.UnreadExtensions(), " "), "pymdownx.emoji pymdownx.snippets def_list"; got != want {
		t.Errorf("unread %q, want %q", got, want)
	}
}
