package main

import (
	"html/template"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/pflag"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/config"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// docFlags are the flags export and convert share.
type docFlags struct {
	locales  []string
	date     string
	timezone string
	rawHTML  string
	strict   bool
	paper    string
	toc      bool
	noTags   bool
	embedSrc bool
	wrap     int
	dateType string
	template string
	sel      string
}

func (f *docFlags) register(fs *pflag.FlagSet, multiLocale bool) {
	if multiLocale {
		fs.StringSliceVarP(&f.locales, "locale", "l", nil, "comma list of BCP 47 locales, e.g. en,de,fr,ja,pt-BR (default: the document's front-matter locale, else the config's, else en)")
	} else {
		fs.StringSliceVarP(&f.locales, "locale", "l", nil, "BCP 47 locale to render in (default: the document's front-matter locale, else en)")
	}
	fs.StringVar(&f.date, "date", "", "revision date for the date macros, YYYY-MM-DD or RFC 3339, overriding git")
	fs.StringVar(&f.timezone, "timezone", "", "IANA time zone dates are shown in (default UTC, as the MkDocs plugin)")
	fs.StringVar(&f.rawHTML, "raw-html", "", "raw HTML in the source: sanitize (default), trusted (pass through verbatim) or drop")
	fs.BoolVar(&f.strict, "strict", false, "make warnings (missing glyphs, broken links, date fallbacks) fail the document")
	fs.StringVar(&f.paper, "paper", "", "PDF paper size: a4 or letter (default: by the locale's region)")
	fs.BoolVar(&f.toc, "toc", false, "add a table of contents to PDF output")
	fs.BoolVar(&f.noTags, "no-tags", false, "PDF: leave out the structure tree (smaller files, not PDF/UA; see the README for the size difference)")
	fs.BoolVar(&f.embedSrc, "embed-source", false, "PDF: attach the source file (PDF/A-3 associated file, AFRelationship Source)")
	fs.IntVar(&f.wrap, "wrap", exporters.DefaultWrap, "plain-text width in columns (0 = no wrapping)")
	fs.StringVar(&f.template, "template", "", "html: an html/template file that replaces the page (see the html exporter's documentation)")
	fs.StringVar(&f.sel, "select", "", "HTML input: CSS selector of the main content (default: <main>, else <article>, else the body without navigation)")
	fs.StringVar(&f.dateType, "date-type", "", "how date macros are written: date (CLDR long, default), datetime, iso_date, iso_datetime, custom")
}

// options turns the flags (over a configuration, if any) into pipeline
// options. Flags given on the command line win over the configuration.
func (f *docFlags) options(fs *pflag.FlagSet, cfg *config.Config) (pipeline.Options, error) {
	var o pipeline.Options
	if cfg != nil {
		o.Formats = cfg.Formats
		o.Locales = cfg.Locales
		o.DefaultLocale = cfg.Locale
		o.DateStyle = tree.DateStyle(cfg.DateType)
		o.CustomFormat = cfg.CustomFormat
		o.FallbackToBuildDate = cfg.FallbackToBuildDate
		o.Paper = cfg.Paper
		if p := strings.ToLower(cfg.Paper); p != "" && p != "a4" && p != "letter" {
			return o, usagef("%s: paper %q: choose a4 or letter", cfg.File, cfg.Paper)
		}
		switch m := exporters.RawHTMLMode(cfg.RawHTML); m {
		case "", exporters.RawSanitize, exporters.RawTrusted, exporters.RawDrop:
		default:
			return o, usagef("%s: raw_html %q: choose sanitize, trusted or drop", cfg.File, cfg.RawHTML)
		}
		for _, l := range append(append([]string(nil), cfg.Locales...), cfg.Locale) {
			if _, err := locales.Parse(l); l != "" && err != nil {
				return o, usagef("%s: locale: %v", cfg.File, err)
			}
		}
		if cfg.MaxBytes < 0 {
			return o, usagef("%s: max_bytes %d: want a size in bytes (0 for the default, %d)", cfg.File, cfg.MaxBytes, pipeline.DefaultMaxBytes)
		}
		o.TOC = cfg.TOC
		o.NoTags = cfg.NoTags
		o.EmbedSource = cfg.EmbedSource
		o.Strict = cfg.Strict
		o.RawHTML = exporters.RawHTMLMode(cfg.RawHTML)
		o.MaxBytes = cfg.MaxBytes
		if cfg.MaxNesting < 0 {
			return o, usagef("%s: max_nesting %d: want a positive number of levels", cfg.File, cfg.MaxNesting)
		}
		o.MaxNesting = cfg.MaxNesting
		if cfg.Timeout != "" {
			d, err := time.ParseDuration(cfg.Timeout)
			if err != nil || d <= 0 {
				return o, usagef("%s: timeout %q: want a duration such as 90s or 5m", cfg.File, cfg.Timeout)
			}
			o.Timeout = d
		}
		if cfg.TimeZone != "" && !fs.Changed("timezone") {
			f.timezone = cfg.TimeZone
		}
	}
	if fs.Changed("locale") {
		o.Locales = splitList(f.locales)
	}
	if f.timezone != "" {
		loc, err := time.LoadLocation(f.timezone)
		if err != nil || f.timezone == "Local" {
			return o, usagef("--timezone %q: not an IANA time zone name such as UTC, Europe/Berlin or America/New_York", f.timezone)
		}
		o.TimeZone = loc
	}
	if f.date != "" {
		// A date without an offset is a day (or a time) in the zone the
		// dates are written in: --date 2026-03-05 prints March 5 in
		// America/New_York too.
		t, err := pipeline.ParseDate(f.date, o.TimeZone)
		if err != nil {
			return o, usagef("--date: %v", err)
		}
		o.Date = &t
	}
	if fs.Changed("raw-html") {
		o.RawHTML = exporters.RawHTMLMode(f.rawHTML)
	}
	if fs.Changed("strict") {
		o.Strict = f.strict
	}
	if fs.Changed("paper") {
		o.Paper = strings.ToLower(f.paper)
	}
	if fs.Changed("toc") {
		o.TOC = f.toc
	}
	if fs.Changed("no-tags") {
		o.NoTags = f.noTags
	}
	if fs.Changed("embed-source") {
		o.EmbedSource = f.embedSrc
	}
	if f.wrap < 0 {
		return o, usagef("--wrap %d: want a width of 0 (no wrapping) or more", f.wrap)
	}
	if fs.Changed("wrap") {
		w := f.wrap
		o.Wrap = &w
	}
	if f.dateType != "" {
		o.DateStyle = tree.DateStyle(f.dateType)
	}
	tmpl := f.template
	if tmpl == "" && cfg != nil {
		tmpl = cfg.Template
	}
	if tmpl != "" {
		t, err := os.ReadFile(tmpl)
		if err != nil {
			return o, usagef("template %s: %v", tmpl, diag.PathCause(err))
		}
		if strings.TrimSpace(string(t)) == "" {
			return o, usagef("template %s is empty; write an html/template page (see the README) or leave --template out", tmpl)
		}
		// Checked once here, not failing every document one by one.
		if _, err := template.New("page").Parse(string(t)); err != nil {
			msg := strings.TrimPrefix(err.Error(), "template: page:")
			return o, usagef("%s:%s", tmpl, msg)
		}
		o.Template = string(t)
	}
	o.Select = f.sel
	if o.Select == "" && cfg != nil {
		o.Select = cfg.Select
	}
	switch o.DateStyle {
	case "", tree.StyleDate, tree.StyleDateTime, tree.StyleISODate, tree.StyleISODateTime, tree.StyleCustom:
	default:
		return o, usagef("date type %q: choose date, datetime, iso_date, iso_datetime or custom", o.DateStyle)
	}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return o, usagef("SOURCE_DATE_EPOCH=%q: want seconds since 1970", v)
		}
		t := time.Unix(n, 0).UTC()
		o.SourceDateEpoch = &t
	}
	return o, nil
}

// splitList splits comma lists given once or repeatedly, dropping blanks.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
