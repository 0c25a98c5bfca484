// Package exporters defines what an exporter is: a writer from galley's
// document tree (package tree) to one output format. Each format lives in its
// own sub-package (html, pdf, text, json, markdown) and depends on the tree,
// never on a parser.
package exporters

import (
	"io"
	"strings"
	"sync"

	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/text/message"
)

// Exporter writes a document in one format.
type Exporter interface {
	// Name is the format name used on the command line: "html", "pdf", ….
	Name() string
	// Extension is the output file extension without the dot.
	Extension() string
	// Export writes doc to w. It must not modify doc: one tree is shared by
	// all the formats of a document, possibly concurrently.
	Export(w io.Writer, doc *tree.Document, opts Options) error
	// Traits describe the format to the engine.
	Traits() Traits
}

// Traits describe a format to the engine, so that it takes names, defaults
// and the raw-HTML policy from the registry and knows no format by name.
type Traits struct {
	// Aliases are other names the format answers to ("text" for txt).
	Aliases []string
	// Default puts the format in a run that names none (no -f).
	Default bool
	// CarriesRawHTML is set for formats that write the source's raw HTML
	// or URLs (HTML, JSON, Markdown): what sanitizing removes from them is
	// reported as a warning.
	CarriesRawHTML bool
}

// RawHTMLMode says what happens to raw HTML in the source.
type RawHTMLMode string

// Raw HTML modes (--raw-html).
const (
	RawSanitize RawHTMLMode = "sanitize" // keep safe markup only (default)
	RawTrusted  RawHTMLMode = "trusted"  // pass through verbatim
	RawDrop     RawHTMLMode = "drop"     // remove it
)

// Options are the settings an exporter may honour. The zero value is usable:
// English labels, A4, default wrapping.
type Options struct {
	// Labels translates the words galley adds ("Last updated",
	// "Page %d of %d", "Contents", "Note", …) into the document's locale:
	// locales.Locale.Printer, or an x/text message.Printer. Keys are the
	// English strings. Nil means English.
	Labels Labeler
	// RawHTML is the raw HTML mode; "" means sanitize.
	RawHTML RawHTMLMode
	// Fragment asks the HTML exporter for the body alone.
	Fragment bool
	// Paper is "a4" or "letter" (PDF); "" means A4.
	Paper string
	// TOC asks for a table of contents (PDF).
	TOC bool
	// Wrap is the plain-text width in columns; 0 means no wrapping. Callers
	// that want the default pass DefaultWrap.
	Wrap int
	// Template is a user html/template source replacing the HTML page.
	Template string
	// Media holds the local images of the document, read by the pipeline
	// (tree.Media): the PDF embeds them, the HTML export PNG, GIF, JPEG
	// and WebP ones as data: URLs. Exporters never open files; an image
	// Media lacks is shown by its alt text (HTML: linked as written).
	Media *tree.Media
	// Diag receives warnings such as missing glyphs. Nil discards them.
	Diag *diag.Sink
	// Producer is written into document metadata ("galley vX.Y.Z").
	Producer string
	// NoTags asks for an untagged PDF (no structure tree; --no-tags).
	NoTags bool
	// EmbedSource asks the PDF exporter to attach Source, the document's
	// source bytes, as a PDF/A-3 associated file (--embed-source).
	EmbedSource bool
	// Source is the input file as read, for EmbedSource.
	Source []byte
}

// Labeler formats a label key with arguments in a locale (see
// Options.Labels); *locales.LabelPrinter and *message.Printer are Labelers.
type Labeler interface {
	Sprintf(key message.Reference, args ...any) string
}

// DefaultWrap is the default plain-text width.
const DefaultWrap = 72

// Label returns the translation of the English label key with args, through
// opts.Labels, or fmt-style English when Labels is nil.
func (o Options) Label(key string, args ...any) string {
	if o.Labels == nil {
		return english().Sprintf(key, args...)
	}
	return o.Labels.Sprintf(key, args...)
}

// english is the printer of Label without labels, made on first use.
var english = sync.OnceValue(func() *message.Printer { return message.NewPrinter(message.MatchLanguage("en")) })

// Registry maps format names (and their aliases) to exporters.
type Registry struct {
	byName map[string]Exporter
	order  []string
}

// NewRegistry returns a registry holding exps, in that order. Names and
// aliases are case-insensitive; a later exporter does not take a name an
// earlier one has.
func NewRegistry(exps ...Exporter) *Registry {
	r := &Registry{byName: map[string]Exporter{}}
	for _, e := range exps {
		if _, taken := r.byName[e.Name()]; taken {
			continue
		}
		r.order = append(r.order, e.Name())
		for _, n := range append([]string{e.Name()}, e.Traits().Aliases...) {
			if _, taken := r.byName[strings.ToLower(n)]; !taken {
				r.byName[strings.ToLower(n)] = e
			}
		}
	}
	return r
}

// Lookup returns the exporter for a format name or alias.
func (r *Registry) Lookup(name string) (Exporter, bool) {
	e, ok := r.byName[strings.ToLower(strings.TrimSpace(name))]
	return e, ok
}

// Names returns the registered format names in registration order.
func (r *Registry) Names() []string { return append([]string(nil), r.order...) }

// Defaults returns the names of the formats of a run that names none, in
// registration order.
func (r *Registry) Defaults() []string {
	var out []string
	for _, n := range r.order {
		if r.byName[n].Traits().Default {
			out = append(out, n)
		}
	}
	return out
}
