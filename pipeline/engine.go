// Package pipeline runs galley's stages over documents:
//
//	read → tree → resolve → localize → export (fan out) → write
//
// Readers (package markdown, htmlreader, treejson) build a tree.Document;
// package resolve gives it ids, dates and link targets; package localize
// renders its dates for one locale; every requested exporter writes it; and
// package output writes the files atomically and keeps the manifest.
//
// An Engine holds the options of a run. Convert runs one document to one
// writer (the `galley convert` command); Export runs a batch of documents ×
// locales × formats on a bounded pool of workers (the `galley export`
// command), isolating failures per document.
package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/output"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Version is galley's version, recorded in manifests and PDF metadata.
var Version = "0.1.0"

// Options are the settings of a run (the CLI flags and the configuration
// file).
type Options struct {
	// Formats to export, by exporter name; empty means every registered one.
	Formats []string
	// Locales requested (BCP 47); empty means the document's front-matter
	// `locale`, else DefaultLocale, else "en".
	Locales       []string
	DefaultLocale string
	// Date overrides every revision date (--date).
	Date *time.Time
	// TimeZone dates are shown in (--timezone); nil means UTC.
	TimeZone *time.Location
	// DateStyle is the date macros' style (the MkDocs plugin's `type`) and
	// CustomFormat its strftime format for "custom".
	DateStyle    tree.DateStyle
	CustomFormat string
	// FallbackToBuildDate uses the build time, with a warning, where no
	// other date is known (the plugin's fallback_to_build_date).
	FallbackToBuildDate bool
	// SourceDateEpoch is SOURCE_DATE_EPOCH, when set.
	SourceDateEpoch *time.Time
	// Now is the build time used by FallbackToBuildDate; zero means
	// time.Now().
	Now time.Time
	// Strict makes warnings fail the document.
	Strict bool
	// RawHTML is the raw HTML mode.
	RawHTML exporters.RawHTMLMode
	// Paper forces "a4" or "letter"; "" picks by the locale's region.
	Paper string
	TOC   bool
	// NoTags asks for untagged PDFs (--no-tags).
	NoTags bool
	// EmbedSource attaches each document's source to its PDF, which makes
	// it PDF/A-3 (--embed-source).
	EmbedSource bool
	// Wrap is the text width; nil means exporters.DefaultWrap.
	Wrap *int
	// Fragment asks for HTML bodies without the page.
	Fragment bool
	// Template is a user HTML page template.
	Template string
	// Jobs is the number of parallel workers; 0 means the number of CPUs.
	Jobs int
	// Force re-exports outputs the manifest says are unchanged.
	Force bool
	// Shard exports only the K-th of N parts of the work (1-based); zero
	// values mean all.
	ShardK, ShardN int
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxNesting is how deeply Markdown blocks, and the block containers
	// of HTML inputs and raw HTML blocks, may nest; 0 means
	// markdown.DefaultMaxNesting.
	MaxNesting int
	// Timeout bounds the time spent on one document, for each of its
	// source files (a document with translations gets it once per file);
	// 0 means DefaultTimeout, a negative value no limit.
	Timeout time.Duration
	// Select is a CSS selector for the main content of HTML inputs.
	Select string
	// Prune removes outputs from the output folder that this run would
	// not make (a document gone, a locale or format dropped); without it
	// they are kept and reported as stale.
	Prune bool
	// LockTimeout is how long Export waits for another run's lock on the
	// output folder; 0 means DefaultLockTimeout, a negative value not at
	// all.
	LockTimeout time.Duration
	// RedlineSince, when set, also writes each document's redline against
	// its version at this git revision (export --redline-since).
	RedlineSince string
}

// DefaultLockTimeout is how long an export waits by default for another
// run into the same folder to finish.
const DefaultLockTimeout = 2 * time.Minute

// DefaultMaxBytes is the default input size limit (64 MiB).
const DefaultMaxBytes = 64 << 20

// DefaultTimeout is the default time limit per document.
const DefaultTimeout = 2 * time.Minute

// Engine runs the pipeline with fixed options and exporters. It is safe
// for concurrent use.
type Engine struct {
	opts    Options
	formats []exporters.Exporter
	// media reads each local image once per run (loadMedia).
	media *mediaStore
	dates *dateSource
	md    *markdown.Reader
	// runKey identifies what every output of the run depends on besides
	// its document: galley's build and the options. It is computed on
	// first use (by the cache key of export), so that `galley convert`
	// never identifies the executable.
	runKey func() string
	// optionSet returns the id of the run's options in the manifest.
	optionSet func() string
	// writesMarkup is set when a format of the run carries raw HTML (HTML,
	// JSON, Markdown), so that what sanitizing removes is reported.
	writesMarkup bool
	// warnedLocales holds the fallback locales already reported (see
	// warnLocale).
	warnedLocales sync.Map
}

// UsageError is a problem with the options rather than with a document
// (exit status 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// New returns an engine, checking the options: unknown formats or locales
// and a bad shard are usage errors.
func New(reg *exporters.Registry, opts Options) (*Engine, error) {
	e := &Engine{opts: opts, media: &mediaStore{}}
	names := opts.Formats
	if len(names) == 0 {
		names = reg.Defaults()
	}
	seen := map[string]bool{}
	for _, name := range names {
		exp, ok := reg.Lookup(name)
		if !ok {
			return nil, usagef("unknown format %q; choose from %s", name, strings.Join(reg.Names(), ", "))
		}
		if !seen[exp.Name()] {
			seen[exp.Name()] = true
			e.formats = append(e.formats, exp)
			e.writesMarkup = e.writesMarkup || exp.Traits().CarriesRawHTML
		}
	}
	for _, l := range append(append([]string(nil), opts.Locales...), opts.DefaultLocale) {
		if l == "" {
			continue
		}
		loc, err := parseLocale(l)
		if err == nil && opts.Strict && loc.Fallback() {
			err = fmt.Errorf("locale %q: %s (%w)", l, loc.FallbackNote(), errStrict)
		}
		if err != nil {
			return nil, &UsageError{Err: err}
		}
	}
	if opts.ShardN < 0 || opts.ShardK < 0 || (opts.ShardN > 0 && (opts.ShardK < 1 || opts.ShardK > opts.ShardN)) {
		return nil, usagef("--shard %d/%d: want K/N with 1 ≤ K ≤ N", opts.ShardK, opts.ShardN)
	}
	if opts.Paper != "" && opts.Paper != "a4" && opts.Paper != "letter" {
		return nil, usagef("--paper %q: choose a4 or letter", opts.Paper)
	}
	if e.opts.RawHTML == "" {
		e.opts.RawHTML = exporters.RawSanitize
	}
	switch e.opts.RawHTML {
	case exporters.RawSanitize, exporters.RawTrusted, exporters.RawDrop:
	default:
		return nil, usagef("--raw-html %q: choose sanitize, trusted or drop", opts.RawHTML)
	}
	if e.opts.Jobs <= 0 {
		e.opts.Jobs = runtime.NumCPU()
	}
	if e.opts.Timeout == 0 {
		e.opts.Timeout = DefaultTimeout
	}
	if e.opts.MaxBytes <= 0 {
		e.opts.MaxBytes = DefaultMaxBytes
	}
	e.dates = newDateSource(e.opts)
	e.md = newMarkdownReader(e.opts)
	e.runKey = sync.OnceValue(func() string {
		recorded, _ := json.Marshal(e.manifestOptions())
		return Version + "\x00" + buildHash() + "\x00" + string(recorded)
	})
	// The manifest's option set id, JSON-encoded and hashed when a run
	// first writes an entry: convert writes none.
	e.optionSet = sync.OnceValue(func() string { return output.OptionSetID(e.manifestOptions()) })
	return e, nil
}

// errStrict marks a document failed because --strict turned warnings into
// errors.
var errStrict = errors.New("warnings are errors under --strict")
