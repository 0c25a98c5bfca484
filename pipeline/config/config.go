// Package config reads galley's configuration: a galley.yaml, or an
// existing MkDocs site's mkdocs.yml (docs_dir, site_name, nav order, theme
// language, the git-revision-date-localized plugin's options), so that
// `galley export --config mkdocs.yml` archives a whole MkDocs site.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/galleydoc/galley/internal/spelling"
	"github.com/galleydoc/galley/internal/yaml"
	"github.com/galleydoc/galley/pipeline/diag"
)

// Config is a run's configuration. Paths are absolute (resolved against the
// configuration file's folder).
type Config struct {
	// File is the configuration file read.
	File string
	// Kind is "galley" or "mkdocs".
	Kind string
	// SiteName is the MkDocs site_name.
	SiteName string
	// Documents are the files and folders to export.
	Documents []string
	// Nav is the MkDocs nav order (paths relative to docs_dir), if any.
	Nav []string
	// Output is the output root ("" = the CLI default).
	Output  string
	Formats []string
	Locales []string
	// Locale is the default locale (theme.language or the plugin's locale).
	Locale string
	// DateType is the plugin's `type`: date, datetime, iso_date,
	// iso_datetime, custom; CustomFormat its custom_format.
	DateType     string
	CustomFormat string
	TimeZone     string
	// FallbackToBuildDate is the plugin's fallback_to_build_date.
	FallbackToBuildDate bool
	EnableCreationDate  bool
	Paper               string
	TOC                 bool
	Strict              bool
	RawHTML             string
	MaxBytes            int64
	// MaxNesting is how deeply Markdown blocks and the block containers of
	// HTML inputs may nest (0 = the default).
	MaxNesting int
	// NoTags and EmbedSource are galley.yaml's no_tags and embed_source
	// (PDF: untagged; the source attached, PDF/A-3).
	NoTags, EmbedSource bool
	// Timeout is the time limit per document, for each of its source
	// files ("" = the default).
	Timeout string
	// Template is an html/template file for HTML pages (absolute).
	Template string
	// Select is the CSS selector of the main content of HTML inputs.
	Select string
	// Extensions are the MkDocs markdown_extensions names.
	Extensions []string
	// Prune removes outputs the configuration no longer makes (galley.yaml's
	// prune: true).
	Prune bool
}

// galleyFile is the galley.yaml format.
type galleyFile struct {
	Documents           []string `yaml:"documents"`
	Output              string   `yaml:"output"`
	Formats             []string `yaml:"formats"`
	Locales             []string `yaml:"locales"`
	Locale              string   `yaml:"locale"`
	DateType            string   `yaml:"date_type"`
	CustomFormat        string   `yaml:"custom_format"`
	TimeZone            string   `yaml:"timezone"`
	FallbackToBuildDate bool     `yaml:"fallback_to_build_date"`
	Paper               string   `yaml:"paper"`
	TOC                 bool     `yaml:"toc"`
	Strict              bool     `yaml:"strict"`
	RawHTML             string   `yaml:"raw_html"`
	MaxBytes            int64    `yaml:"max_bytes"`
	MaxNesting          int      `yaml:"max_nesting"`
	Timeout             string   `yaml:"timeout"`
	Template            string   `yaml:"template"`
	Select              string   `yaml:"select"`
	Prune               bool     `yaml:"prune"`
	NoTags              bool     `yaml:"no_tags"`
	EmbedSource         bool     `yaml:"embed_source"`
}

// Load reads a galley.yaml or an mkdocs.yml (recognised by its site_name or
// docs_dir keys, or its file name).
func Load(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", file, diag.PathCause(err))
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: malformed YAML: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the configuration must be a mapping of keys to values", file)
	}
	top := root.Content[0]
	base := strings.ToLower(filepath.Base(file))
	if strings.HasPrefix(base, "mkdocs") || lookup(top, "site_name") != nil || lookup(top, "docs_dir") != nil {
		return loadMkDocs(abs, top)
	}
	if err := knownKeys(file, top); err != nil {
		return nil, err
	}
	var g galleyFile
	if err := top.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	dir := filepath.Dir(abs)
	c := &Config{File: abs, Kind: "galley", Output: g.Output, Formats: g.Formats, Locales: g.Locales, Locale: g.Locale,
		DateType: g.DateType, CustomFormat: g.CustomFormat, TimeZone: g.TimeZone, FallbackToBuildDate: g.FallbackToBuildDate,
		Paper: g.Paper, TOC: g.TOC, Strict: g.Strict, RawHTML: g.RawHTML, MaxBytes: g.MaxBytes, Timeout: g.Timeout,
		MaxNesting: g.MaxNesting, NoTags: g.NoTags, EmbedSource: g.EmbedSource}
	for _, d := range g.Documents {
		c.Documents = append(c.Documents, join(dir, d))
	}
	if c.Output != "" {
		c.Output = join(dir, c.Output)
	}
	if g.Template != "" {
		c.Template = join(dir, g.Template)
	}
	c.Select = g.Select
	c.Prune = g.Prune
	if len(c.Documents) == 0 {
		return nil, fmt.Errorf("%s: no documents: list the files or folders to export under `documents:`", file)
	}
	return c, nil
}

// knownKeys refuses a galley.yaml key galley does not read, such as a typo
// (`stirct: true`), which would otherwise change nothing, unnoticed.
func knownKeys(file string, top *yaml.Node) error {
	fields := reflect.VisibleFields(reflect.TypeFor[galleyFile]())
	known := make([]string, 0, len(fields))
	for _, f := range fields {
		known = append(known, strings.Split(f.Tag.Get("yaml"), ",")[0])
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		if slices.Contains(known, k.Value) {
			continue
		}
		hint := ""
		if near := spelling.Nearest(k.Value, known, 2); near != "" {
			hint = fmt.Sprintf("did you mean %s? ", near)
		}
		return fmt.Errorf("%s:%d: unknown key %q; %sthe keys are %s", file, k.Line, k.Value, hint, strings.Join(known, ", "))
	}
	return nil
}

// readExtensions are the MkDocs markdown_extensions whose syntax galley
// reads (or that change only how a browser shows a page).
var readExtensions = map[string]bool{
	"abbr": true, "admonition": true, "attr_list": true, "codehilite": true, "fenced_code": true, "footnotes": true,
	"md_in_html": true, "meta": true, "sane_lists": true, "tables": true, "toc": true,
	"pymdownx.betterem": true, "pymdownx.details": true, "pymdownx.highlight": true, "pymdownx.superfences": true,
	"pymdownx.tabbed": true, "pymdownx.tasklist": true,
}

// UnreadExtensions returns the markdown_extensions of an mkdocs.yml whose
// syntax galley does not read (pymdownx.emoji's :shortcodes:, caret's
// ^^insert^^, snippets' --8<-- includes, def_list), in the order listed:
// their syntax reaches the exports as written.
func (c *Config) UnreadExtensions() []string {
	var out []string
	for _, e := range c.Extensions {
		if !readExtensions[strings.TrimPrefix(e, "markdown.extensions.")] && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

func join(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// loadMkDocs reads the parts of an mkdocs.yml galley uses. Unknown tags such
// as !ENV and !!python/name are tolerated: only the keys below are decoded.
func loadMkDocs(file string, top *yaml.Node) (*Config, error) {
	dir := filepath.Dir(file)
	c := &Config{File: file, Kind: "mkdocs", Locale: "en", DateType: "date", FallbackToBuildDate: false}
	c.SiteName = scalar(lookup(top, "site_name"))
	docsDir := scalar(lookup(top, "docs_dir"))
	if docsDir == "" {
		docsDir = "docs"
	}
	docsAbs := join(dir, docsDir)
	if fi, err := os.Stat(docsAbs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: docs_dir %s is not a folder", file, docsAbs)
	}
	c.Documents = []string{docsAbs}
	if theme := lookup(top, "theme"); theme != nil {
		if l := scalar(lookup(theme, "language")); l != "" {
			c.Locale = l
		}
	}
	for _, ext := range items(lookup(top, "markdown_extensions")) {
		c.Extensions = append(c.Extensions, ext)
	}
	if plugins := lookup(top, "plugins"); plugins != nil && plugins.Kind == yaml.SequenceNode {
		for _, p := range plugins.Content {
			if p.Kind != yaml.MappingNode || len(p.Content) < 2 || p.Content[0].Value != "git-revision-date-localized" {
				continue
			}
			opts := p.Content[1]
			if v := scalar(lookup(opts, "type")); v != "" {
				c.DateType = v
			}
			c.CustomFormat = scalar(lookup(opts, "custom_format"))
			c.TimeZone = scalar(lookup(opts, "timezone"))
			if v := scalar(lookup(opts, "locale")); v != "" {
				c.Locale = v
			}
			c.FallbackToBuildDate = scalar(lookup(opts, "fallback_to_build_date")) == "true"
			c.EnableCreationDate = scalar(lookup(opts, "enable_creation_date")) == "true"
		}
	}
	c.Nav = navPaths(lookup(top, "nav"))
	return c, nil
}

// navPaths flattens an MkDocs nav into the Markdown paths it lists, in order.
func navPaths(n *yaml.Node) []string {
	var out []string
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case yaml.ScalarNode:
			if strings.HasSuffix(strings.ToLower(n.Value), ".md") && !strings.Contains(n.Value, "://") {
				out = append(out, n.Value)
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i])
			}
		}
	}
	walk(n)
	return out
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// items returns the names of a list whose entries are names or one-key
// mappings (`- toc: {permalink: true}`).
func items(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, c := range n.Content {
		switch c.Kind {
		case yaml.ScalarNode:
			out = append(out, c.Value)
		case yaml.MappingNode:
			if len(c.Content) > 0 {
				out = append(out, c.Content[0].Value)
			}
		}
	}
	return out
}
