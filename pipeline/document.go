package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/localize"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

// parseLocale reads a locale flag or front-matter value.
func parseLocale(s string) (locales.Locale, error) {
	l, err := locales.Parse(s)
	if err != nil {
		return locales.Locale{}, fmt.Errorf("locale %q: %w", s, err)
	}
	return l, nil
}

// warnLocale reports, once per run (engine) and locale, that CLDR has no
// data for loc and which data writes its dates instead (see
// locales.Locale.Match). The warning names no file: it is about the run's
// locale, and whichever document meets it first, the manifest stays the
// same.
func (e *Engine) warnLocale(loc locales.Locale, sink *diag.Sink) {
	if !loc.Fallback() {
		return
	}
	if _, seen := e.warnedLocales.LoadOrStore(loc.String(), true); seen {
		return
	}
	sink.Report(diag.Diagnostic{Severity: diag.Warning, Code: "locale-fallback",
		Message: fmt.Sprintf("locale %q: %s", loc.String(), loc.FallbackNote())})
}

// docError is a failure of one document, with the place it happened.
func docError(in Input, err error) error {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	line := 0
	msg := err.Error()
	var le interface{ SourceLine() int }
	if errors.As(err, &le) {
		line = le.SourceLine()
	}
	if line > 0 {
		msg = strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", line))
	}
	return diag.Diagnostic{Severity: diag.Error, Path: in.Display, Line: line, Message: msg}
}

// prepared is a document read and resolved, ready to be localized and
// exported.
type prepared struct {
	in     Input
	doc    *tree.Document
	sha256 string
	// media holds the local images the exports embed, and assets hashes
	// their paths and contents (see loadMedia).
	media  *tree.Media
	assets string
	// locale is the locale the document says it is written in (front-matter
	// `locale`, <html lang>, a JSON tree's locale), as read, before the
	// localize stage overwrites Meta.Locale; "" when it says none.
	// localeLine is the line of its front-matter `locale:` (0 if none).
	locale     string
	localeLine int
	// src is the input as read, kept for EmbedSource only.
	src []byte
	// dates lists every date the exports write (the revision, the
	// creation, and each date a macro resolved to, the site revision
	// among them), for the cache key: a site revision changes when another
	// file of the site is committed, with this document's source unchanged.
	dates string
}

// bodyLocale is the one rule for the locale a body is written in, shared by
// convert and export: the locale its path names (privacy.fr.md, fr/…),
// else the document's own (prepared.locale), else the configuration's
// default locale, else en.
func (e *Engine) bodyLocale(pathLocale string, p *prepared) string {
	if l := e.statedLocale(pathLocale, p); l != "" {
		return l
	}
	return "en"
}

// statedLocale is bodyLocale where something states the locale: the path,
// the document (front matter, <html lang>) or the configuration; "" where
// nothing does.
func (e *Engine) statedLocale(pathLocale string, p *prepared) string {
	if pathLocale != "" {
		return pathLocale
	}
	if p != nil && p.locale != "" {
		return p.locale
	}
	if e.opts.DefaultLocale != "" {
		if loc, err := parseLocale(e.opts.DefaultLocale); err == nil {
			return loc.String()
		}
	}
	return ""
}

// prepareInput reads the input's file, then prepares it.
func (e *Engine) prepareInput(ctx context.Context, in Input, sink *diag.Sink) (*prepared, error) {
	src, err := in.ReadSource(e.opts.MaxBytes)
	if isReadLimit(err) {
		return nil, docError(in, err)
	}
	if err != nil {
		return nil, docError(in, fmt.Errorf("cannot read the file: %w", diag.PathCause(err)))
	}
	p, err := e.prepare(ctx, in, src, sink)
	if err == nil && e.opts.Strict {
		if warns := sink.All(); len(warns) > 0 {
			return nil, strictError(in, warns)
		}
	}
	return p, err
}

// prepare reads and resolves one input.
func (e *Engine) prepare(ctx context.Context, in Input, src []byte, sink *diag.Sink) (*prepared, error) {
	if int64(len(src)) > e.opts.MaxBytes {
		return nil, docError(in, &TooLargeError{Size: int64(len(src)), Limit: e.opts.MaxBytes})
	}
	sum := sha256.Sum256(src)
	doc, err := e.read(in, src, sink)
	if err != nil {
		return nil, docError(in, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, docError(in, err)
	}
	doc.Meta.Source.Path = in.Rel
	doc.Meta.Source.SHA256 = hex.EncodeToString(sum[:])
	p := &prepared{in: in, doc: doc, sha256: doc.Meta.Source.SHA256}
	if e.opts.EmbedSource {
		p.src = src
	}
	if v, ok := doc.Meta.FrontMatter["locale"]; ok && v != nil {
		if _, ok := v.(string); !ok {
			return nil, diag.Diagnostic{Severity: diag.Error, Path: in.Display, Line: frontMatterLine(src, "locale"),
				Message: fmt.Sprintf("front matter locale is %v, not a BCP 47 tag; write one locale such as `locale: de`", v)}
		}
	}
	checkFrontMatterDates(doc.Meta.FrontMatter, src, in, sink, e.opts.TimeZone)
	if l, ok := doc.Meta.FrontMatter["locale"].(string); ok {
		loc, err := parseLocale(l)
		if err == nil && e.opts.Strict && loc.Fallback() {
			err = fmt.Errorf("locale %q: %s (%w)", l, loc.FallbackNote(), errStrict)
		}
		if err != nil {
			return nil, diag.Diagnostic{Severity: diag.Error, Path: in.Display, Line: frontMatterLine(src, "locale"),
				Message: err.Error() + "; fix `locale:` in the front matter"}
		}
		p.locale, p.localeLine = loc.String(), frontMatterLine(src, "locale")
	} else if l := doc.Meta.Locale; l != "" {
		// <html lang> of an HTML page, the locale of a JSON tree.
		if loc, err := parseLocale(l); err == nil {
			p.locale = loc.String()
		} else {
			sink.Warnf(in.Display, 0, "locale", "%v; the document's own locale is ignored", err)
		}
	}
	dates := e.dates.forDocument(in, doc, sink)
	// The bare CommonMark and GFM dialects read a document as its
	// specification does: no heading ids, links as written.
	bare := in.Format() == "commonmark" || in.Format() == "gfm"
	linkExt := "html"
	if bare {
		linkExt = ""
	}
	err = resolve.Document(doc, resolve.Options{
		Dates:        dates,
		Style:        e.opts.DateStyle,
		CustomFormat: e.opts.CustomFormat,
		LinkExt:      linkExt,
		PageTarget:   pageTarget(in),
		SourceDir:    in.Dir,
		DisplayPath:  in.Display,
		Diag:         sink,

		WarnUnknownMacros: e.opts.Strict,
		NoHeadingIDs:      bare,
	})
	if err != nil {
		return nil, docError(in, err)
	}
	if e.opts.RawHTML == exporters.RawSanitize {
		warnSanitized(doc, in.Display, sink, e.writesMarkup)
	}
	p.media, p.assets = e.loadMedia(in, doc, sink)
	p.dates = documentDates(doc)
	return p, nil
}

// documentDates writes down the dates of a resolved document: its
// revision and creation and the dates in its text, in order.
func documentDates(doc *tree.Document) string {
	var b strings.Builder
	add := func(t time.Time, commit string) {
		b.WriteString(t.UTC().Format(time.RFC3339Nano))
		b.WriteByte(' ')
		b.WriteString(commit)
		b.WriteByte('\n')
	}
	for _, d := range []*tree.DateInfo{doc.Meta.Revision, doc.Meta.Creation} {
		if d == nil {
			b.WriteString("-\n")
			continue
		}
		add(d.Time, d.Commit)
	}
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if d, ok := in.(*tree.Date); ok {
			add(d.Time, d.Commit)
		}
		return in
	})
	return b.String()
}

// localesFor returns the locales a document is exported in: those asked
// for (-l), else the locale its body is written in (bodyLocale).
func (e *Engine) localesFor(p *prepared, pathLocale string) ([]locales.Locale, error) {
	names := e.opts.Locales
	if len(names) == 0 {
		names = []string{e.bodyLocale(pathLocale, p)}
	}
	out := make([]locales.Locale, 0, len(names))
	for _, n := range names {
		l, err := parseLocale(n)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// exportOptions are the exporter options for one locale.
func (e *Engine) exportOptions(doc *tree.Document, loc locales.Locale, sink *diag.Sink) exporters.Options {
	paper := e.opts.Paper
	if paper == "" {
		paper = loc.Paper()
	}
	wrap := exporters.DefaultWrap
	if e.opts.Wrap != nil {
		wrap = *e.opts.Wrap
	}
	return exporters.Options{
		Labels:      loc.Printer(),
		RawHTML:     e.opts.RawHTML,
		Fragment:    e.opts.Fragment,
		Paper:       paper,
		TOC:         e.opts.TOC,
		Wrap:        wrap,
		Template:    e.opts.Template,
		Diag:        sink,
		Producer:    "galley " + Version,
		NoTags:      e.opts.NoTags,
		EmbedSource: e.opts.EmbedSource,
	}
}

// render localizes doc for loc and runs one exporter into memory, so that
// a failure (or a warning under --strict) leaves no file behind.
func (e *Engine) render(p *prepared, loc locales.Locale, exp exporters.Exporter, sink *diag.Sink) ([]byte, error) {
	buf, err := e.renderBuffer(p, loc, exp, sink, new(bytes.Buffer))
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderBuffers are the buffers a batch's exporters write into: each goes
// back once its file is written (releaseBuffer), so a run of thousands of
// documents grows a few buffers to an output's size instead of one per
// output.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for reuse: the outputs of a
// long document are let go.
const maxPooledBuffer = 4 << 20

// pooledBuffer returns an empty buffer from renderBuffers.
func pooledBuffer() *bytes.Buffer {
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

// releaseBuffer returns buf to renderBuffers; nothing may use its bytes
// afterwards.
func releaseBuffer(buf *bytes.Buffer) {
	if buf != nil && buf.Cap() <= maxPooledBuffer {
		renderBuffers.Put(buf)
	}
}

// renderBuffer renders p's document in loc with exp into buf, which it
// returns (or an error).
func (e *Engine) renderBuffer(p *prepared, loc locales.Locale, exp exporters.Exporter, sink *diag.Sink, buf *bytes.Buffer) (*bytes.Buffer, error) {
	// Exporters report against the tree's source path; messages name the
	// file as the user did.
	local := &diag.Sink{}
	opts := e.exportOptions(p.doc, loc, local)
	opts.Media = p.media
	opts.Source = p.src
	err := safeExport(exp, buf, p.doc, opts)
	warns := local.All()
	for i := range warns {
		if warns[i].Path == "" || warns[i].Path == p.doc.Meta.Source.Path {
			warns[i].Path = p.in.Display
		}
		sink.Report(warns[i])
	}
	if err != nil {
		return nil, docError(p.in, fmt.Errorf("%s export: %w", exp.Name(), err))
	}
	if e.opts.Strict && len(warns) > 0 {
		return nil, strictError(p.in, warns)
	}
	return buf, nil
}

func strictError(in Input, warns []diag.Diagnostic) error {
	d := warns[0]
	d.Severity = diag.Error
	if d.Path == "" {
		d.Path = in.Display
	}
	d.Message += " (" + errStrict.Error() + ")"
	return d
}

// safeExport runs an exporter, turning a panic into an error so that one
// bad document cannot take the batch down.
func safeExport(exp exporters.Exporter, buf *bytes.Buffer, doc *tree.Document, opts exporters.Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in the %s exporter: %v (please report this with the document)", exp.Name(), r)
		}
	}()
	return exp.Export(buf, doc, opts)
}

// localizeFor renders the dates of p's document in loc. A fallback body
// keeps the direction of its own language: an English body shown for ar is
// still laid out left to right, with Arabic labels and dates inside it.
func (e *Engine) localizeFor(p *prepared, loc locales.Locale) {
	localize.Document(p.doc, loc, e.opts.TimeZone)
	if t := p.doc.Meta.Translation; t != nil && t.Fallback {
		if src, err := locales.Parse(t.SourceLocale); err == nil {
			p.doc.Meta.Direction = src.Direction()
		}
	}
}

// checkFrontMatterDates warns about a front-matter date galley cannot
// read (`revision_date: 2026-02-30`, `date: 03/04/2026`, a list): the
// document's date then comes from the next source (git), which a reader
// would not expect.
func checkFrontMatterDates(fm map[string]any, src []byte, in Input, sink *diag.Sink, tz *time.Location) {
	for _, key := range []string{"revision_date", "date", "creation_date"} {
		v, ok := fm[key]
		if !ok || v == nil {
			continue
		}
		if _, ok := frontMatterTime(fm, key, tz); ok {
			continue
		}
		line := frontMatterLine(src, key)
		text := fmt.Sprint(v)
		if line > 0 {
			// As written: YAML's reading of a list of dates is no help.
			text = strings.TrimSpace(strings.TrimPrefix(strings.Split(string(src), "\n")[line-1], key+":"))
		}
		sink.Warnf(in.Display, line, "bad-date",
			"front matter %s: %s is not a date; write YYYY-MM-DD or an RFC 3339 time such as 2025-12-16T13:14:45Z (the date now comes from the next source, such as git)", key, text)
	}
}

// frontMatterLine returns the line of `key:` in the front matter, or 0.
func frontMatterLine(src []byte, key string) int {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if i > 0 && strings.TrimRight(l, "\r") == "---" {
			break
		}
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
	}
	return 0
}
