// Package galley converts policy and legal documents written in Markdown
// (CommonMark, GFM and the MkDocs syntax policy sites use), HTML or galley's
// JSON tree into standalone HTML, archive-grade PDF, wrapped plain text,
// Markdown and galley's JSON tree, for programs that embed galley instead of
// running the galley command.
//
// Convert turns one document into one format in one locale and returns the
// bytes; Export writes a tree of documents in several formats and locales
// into an output folder with a manifest, as `galley export` does. Both give
// byte-identical output for the same input and options.
//
// # Dates
//
// Date macros such as {{git_revision_date_localized}} need a date. It comes,
// in order, from Options.Date, the document's front matter (date,
// revision_date), git (the author date of the file's last commit, when
// Options.Path or the exported file is in a git checkout) and a date the
// document states ({: datetime="…" }). A document that uses a macro and has
// none of these fails with an error saying so. Unlike the galley command,
// the package reads no environment variables (SOURCE_DATE_EPOCH included).
//
// # The JSON tree
//
// The "json" format is galley's versioned document tree (schema "galley/v1",
// whose JSON Schema JSONSchema returns): the stable way for other programs
// to read what galley read, and an input format of its own (From "json").
//
// # Stability
//
// Within v0, this package's exported API (Convert, Export, JSONSchema,
// Options, ExportOptions, Settings, Report, Failure, Warning) only grows: fields and
// functions are added, none are removed or change meaning. The other
// packages of the module (pipeline, exporters, …) are galley's internals
// and may change in any release.
package galley

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// Options are the settings of Convert. The zero value converts galley's
// Markdown to a full HTML page in the document's locale (else English).
type Options struct {
	// From is the input format: "md" (galley's Markdown: CommonMark, GFM,
	// footnotes, YAML front matter and the MkDocs syntax), "commonmark" or
	// "gfm" (the bare specifications), "html" or "json" (galley's tree).
	// "" picks by Path's extension, else "md".
	From string
	// To is the output format: "html" (the default), "pdf", "txt", "json"
	// or "md".
	To string
	// Path is the document's file, if it has one. Messages name it,
	// relative links and images are resolved from its folder, and git gives
	// its dates. The content is always read from Convert's reader.
	Path string
	// Locale is the BCP 47 tag to render in ("de", "pt-BR"); "" means the
	// document's own: from Path (privacy.fr.md, fr/privacy.md), else its
	// front-matter `locale` or <html lang>, else "en".
	Locale string
	// Fragment makes HTML output the document body alone, without the page.
	Fragment bool

	Settings
}

// ExportOptions are the settings of Export.
type ExportOptions struct {
	// Formats to write: any of "html", "pdf", "txt", "json", "md"; empty
	// means html, pdf, txt and json.
	Formats []string
	// Locales to write every document in; empty means each document's own
	// (from its path, privacy.fr.md or fr/privacy.md, else its front-matter
	// `locale` or <html lang>), else DefaultLocale, else "en". A locale with no
	// translation gets the default-language body with localized labels and
	// dates, marked as a fallback in the manifest.
	Locales []string
	// DefaultLocale is the locale of documents whose front matter does not
	// name one.
	DefaultLocale string
	// Jobs is the number of documents exported at once; 0 means the number
	// of CPUs.
	Jobs int
	// Force re-exports files the manifest says are unchanged.
	Force bool
	// Prune removes outputs of earlier runs in out that this run does not
	// make (their source gone, their locale or format not asked for);
	// without it they are kept, and still listed in the manifest.
	Prune bool
	// LockTimeout is how long Export waits while another run writes into
	// out (every run holds the folder's lock); 0 means 2 minutes, a
	// negative value not at all.
	LockTimeout time.Duration

	Settings
}

// Settings are the options Convert and Export share.
type Settings struct {
	// Date is the revision date for the date macros, overriding every other
	// source; zero means none (see the package documentation).
	Date time.Time
	// TimeZone is the zone dates are shown in; nil means UTC, as the
	// MkDocs plugin does.
	TimeZone *time.Location
	// RawHTML says what happens to raw HTML in the source: "sanitize" (the
	// default: scripts, event handlers and javascript: URLs removed, with a
	// warning), "trusted" (kept verbatim) or "drop".
	RawHTML string
	// Strict makes every warning an error that fails the document.
	Strict bool
	// Paper is the PDF paper size, "a4" or "letter"; "" picks by the
	// locale's region.
	Paper string
	// TOC adds a table of contents to PDF output.
	TOC bool
	// TextWidth is the width of plain-text output in columns: 0 means 72,
	// a negative value no wrapping.
	TextWidth int
	// Warn, if set, receives the warnings (missing glyphs, broken links,
	// sanitized HTML, …), each naming its file and line.
	Warn func(Warning)
}

// Warning is a problem galley worked around, in a document.
type Warning struct {
	// Path is the document as given, Line the 1-based line (0 if unknown).
	Path string
	Line int
	// Code is a short stable identifier such as "missing-glyph",
	// "broken-link" or "date-fallback".
	Code    string
	Message string
}

// String formats the warning as `path:line: message`.
func (w Warning) String() string {
	return diag.Diagnostic{Path: w.Path, Line: w.Line, Message: w.Message}.String()
}

// Report summarises an Export run.
type Report struct {
	// Documents is the number of source documents found.
	Documents int
	// Written counts the files written; Unchanged the files left as they
	// were because their input and options did not change.
	Written, Unchanged int
	// Failures are the documents (or a document's locale or format) that
	// could not be exported; the others were still written.
	Failures []Failure
	// Warnings are the warnings of the documents exported.
	Warnings []Warning
	// Manifest is the path of the manifest written, OUT/manifest.json.
	Manifest string
}

// Failure is a document, or one locale or format of it, that failed.
type Failure struct {
	Source, Locale, Format string
	Message                string
}

// Convert reads one document from r and returns it in the format opts.To,
// rendered in one locale. Problems with the options are errors before
// anything is read; a document that cannot be converted (a date macro with
// no date, a warning under Strict) is an error naming its file and line.
func Convert(ctx context.Context, r io.Reader, opts Options) ([]byte, error) {
	po := opts.Settings.pipelineOptions()
	to := strings.ToLower(opts.To)
	switch to {
	case "":
		to = "html"
	case "text":
		to = "txt"
	case "markdown":
		to = "md"
	}
	po.Formats = []string{to}
	po.Fragment = opts.Fragment
	if opts.Locale != "" {
		po.Locales = []string{opts.Locale}
	}
	from, err := readerName(opts.From, opts.Path)
	if err != nil {
		return nil, err
	}
	eng, err := pipeline.New(builtin.Registry(), po)
	if err != nil {
		return nil, fmt.Errorf("galley: %w", err)
	}
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("galley: reading the document: %w", err)
	}
	name, dir := "<input>", ""
	if opts.Path != "" {
		name = opts.Path
		abs, err := filepath.Abs(opts.Path)
		if err != nil {
			return nil, fmt.Errorf("galley: %w", err)
		}
		dir = filepath.Dir(abs)
	}
	sink := &diag.Sink{}
	var buf bytes.Buffer
	err = eng.Convert(ctx, src, name, from, dir, &buf, sink)
	opts.Settings.report(sink.All())
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Export exports the documents under paths (files, or folders searched
// recursively for *.md, *.markdown and *.html) into the folder out, as
// OUT/<locale>/<path relative to its input root>.<ext>, and writes
// OUT/manifest.json with every file's SHA-256. A document that fails is
// listed in the report and the manifest, and the others are still written;
// the error is for problems with the run itself (bad options, no
// documents, an output folder that cannot be written, ctx cancelled).
func Export(ctx context.Context, paths []string, out string, opts ExportOptions) (*Report, error) {
	po := opts.Settings.pipelineOptions()
	po.Formats = opts.Formats
	po.Locales = opts.Locales
	po.DefaultLocale = opts.DefaultLocale
	po.Jobs = opts.Jobs
	po.Force = opts.Force
	po.Prune = opts.Prune
	po.LockTimeout = opts.LockTimeout
	eng, err := pipeline.New(builtin.Registry(), po)
	if err != nil {
		return nil, fmt.Errorf("galley: %w", err)
	}
	inputs, err := pipeline.DiscoverSkipping(paths, out)
	if err != nil {
		return nil, fmt.Errorf("galley: %w", err)
	}
	if len(inputs) == 0 {
		return nil, fmt.Errorf("galley: no documents found in %s (galley looks for *.md, *.markdown and *.html)", strings.Join(paths, ", "))
	}
	res, err := eng.Export(ctx, inputs, out, nil)
	if res == nil {
		return nil, fmt.Errorf("galley: %w", err)
	}
	rep := &Report{Documents: res.Documents, Written: res.Exported, Unchanged: res.Skipped,
		Manifest: filepath.Join(out, "manifest.json")}
	for _, f := range res.Failures {
		rep.Failures = append(rep.Failures, Failure{Source: f.Source, Locale: f.Locale, Format: f.Format, Message: f.Error})
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Warning {
			rep.Warnings = append(rep.Warnings, warning(d))
		}
	}
	opts.Settings.report(res.Diagnostics)
	return rep, err
}

// JSONSchema returns the JSON Schema (draft 2020-12) of galley's JSON tree,
// the "json" format.
func JSONSchema() []byte { return treejson.Schema() }

func (s Settings) pipelineOptions() pipeline.Options {
	var o pipeline.Options
	if !s.Date.IsZero() {
		d := s.Date
		o.Date = &d
	}
	o.TimeZone = s.TimeZone
	o.RawHTML = exporters.RawHTMLMode(s.RawHTML)
	o.Strict = s.Strict
	o.Paper = s.Paper
	o.TOC = s.TOC
	switch {
	case s.TextWidth > 0:
		w := s.TextWidth
		o.Wrap = &w
	case s.TextWidth < 0:
		w := 0
		o.Wrap = &w
	}
	return o
}

func (s Settings) report(ds []diag.Diagnostic) {
	if s.Warn == nil {
		return
	}
	for _, d := range ds {
		if d.Severity == diag.Warning {
			s.Warn(warning(d))
		}
	}
}

func warning(d diag.Diagnostic) Warning {
	return Warning{Path: d.Path, Line: d.Line, Code: d.Code, Message: d.Message}
}

// readerName maps Options.From to the pipeline's reader names.
func readerName(from, path string) (string, error) {
	switch strings.ToLower(from) {
	case "":
		if path != "" {
			return pipeline.FormatOf(path), nil
		}
		return "markdown", nil
	case "md", "markdown":
		return "markdown", nil
	case "commonmark", "gfm", "html", "json":
		return strings.ToLower(from), nil
	}
	return "", fmt.Errorf("galley: From %q: choose md, commonmark, gfm, html or json", from)
}
