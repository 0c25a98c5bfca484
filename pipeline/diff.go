package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/localize"
	"github.com/galleydoc/galley/pipeline/redline"
	"github.com/galleydoc/galley/pipeline/tree"
)

// DiffVersion is one of the two versions Diff compares.
type DiffVersion struct {
	// Src is the document's bytes.
	Src []byte
	// Label names the version as the user gave it: a file, "-" or
	// "REV:PATH". Messages use it.
	Label string
	// Path is the document's file path, for its extension and name.
	Path string
	// Format is the reader ("markdown", "html", "json", …; "" = by
	// extension).
	Format string
	// Dir is the directory links and images are looked up in; "" for none.
	Dir string
	// Abs is the file on disk whose git history dates it; "" for standard
	// input and git revisions.
	Abs string
	// Revision is the revision date of a git revision (its commit's author
	// date); nil otherwise.
	Revision *tree.DateInfo
}

// Diff reads, resolves and localizes both versions as Convert does, and
// writes their redline with the run's first format to w (the JSON format
// writes galley-diff/v1). It returns the redline's summary; no changes
// means a reader sees no difference. Both versions must be in one locale
// (or -l must name one). Warnings go to sink.
func (e *Engine) Diff(ctx context.Context, old, new DiffVersion, w io.Writer, sink *diag.Sink) (*tree.Redline, error) {
	doc, err := e.Redline(ctx, old, new, sink)
	if err != nil {
		return nil, err
	}
	if len(e.formats) == 0 {
		return nil, fmt.Errorf("no output format")
	}
	p := &prepared{in: e.versionInput(new), doc: doc}
	// The images of both versions (a deleted image too), read beside the
	// new version; their warnings were given when the versions were read.
	p.media, p.assets = e.loadMedia(p.in, doc, &diag.Sink{})
	loc, err := parseLocale(doc.Meta.Locale)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	data, err := e.render(p, loc, e.formats[0], sink)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	return doc.Redline, nil
}

// Redline returns the redline of two versions (see Diff) without rendering
// it.
func (e *Engine) Redline(ctx context.Context, old, new DiffVersion, sink *diag.Sink) (*tree.Document, error) {
	var docs [2]*tree.Document
	var locs [2]string
	var loc locales.Locale
	vers := []DiffVersion{old, new}
	for _, v := range vers {
		if isBinary(v.Src) {
			return nil, &UsageError{Err: fmt.Errorf("%s: a binary file, not a document (galley compares Markdown, HTML or galley JSON)", v.Label)}
		}
	}
	// Both versions are read at once (a long document takes most of the
	// time); warnings are reported in order.
	var preps [2]*prepared
	var errs [2]error
	var sinks [2]diag.Sink
	var wg sync.WaitGroup
	for i, v := range vers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			preps[i], errs[i] = e.prepare(ctx, e.versionInput(v), v.Src, &sinks[i])
		}()
	}
	wg.Wait()
	for i := range vers {
		for _, d := range sinks[i].All() {
			sink.Report(d)
		}
		if errs[i] != nil {
			return nil, errs[i]
		}
	}
	for i, v := range vers {
		in := e.versionInput(v)
		p := preps[i]
		if warns := sink.All(); e.opts.Strict && len(warns) > 0 {
			return nil, strictError(in, warns)
		}
		_, pathLocale := splitLocale(in.Rel)
		ls, err := e.localesFor(p, pathLocale)
		if err != nil {
			return nil, &UsageError{Err: err}
		}
		e.localizeFor(p, ls[0])
		docs[i], locs[i], loc = p.doc, ls[0].String(), ls[0]
	}
	if locs[0] != locs[1] {
		return nil, usagef("%s is in %s but %s is in %s: compare two versions in one language, or give the locale to show both in with -l", old.Label, locs[0], new.Label, locs[1])
	}
	side := func(v DiffVersion, doc *tree.Document) tree.Version {
		tv := tree.Version{Label: v.Label, Revision: doc.Meta.Revision}
		if r := doc.Meta.Revision; r != nil {
			tv.Commit = r.Commit
			tv.Date = e.localDate(r, loc)
		}
		return tv
	}
	return redline.Compare(docs[0], docs[1], redline.Options{Old: side(old, docs[0]), New: side(new, docs[1])}), nil
}

func (e *Engine) versionInput(v DiffVersion) Input {
	name := v.Path
	if name == "" {
		name = v.Label
	}
	return Input{Display: v.Label, Rel: filepath.Base(name), Dir: v.Dir, Root: v.Dir, Abs: v.Abs, ReadAs: v.Format, Revision: v.Revision}
}

// isBinary reports whether src is not text: it holds NUL bytes or is not
// UTF-8 (in its first 8 KB, as git decides).
func isBinary(src []byte) bool {
	head := src
	if len(head) > 8000 {
		head = head[:8000]
		// Do not cut a character in two.
		for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.RuneStart(head[len(head)-1]); i++ {
			head = head[:len(head)-1]
		}
		if len(head) > 0 && !utf8.FullRune(head[len(head)-1:]) {
			head = head[:len(head)-1]
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	return !utf8.Valid(head) && !bytes.HasPrefix(src, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(src, []byte{0xFE, 0xFF})
}

// localDate is a revision date as a Date written the locale's way, for a
// redline's summary.
func (e *Engine) localDate(r *tree.DateInfo, loc locales.Locale) *tree.Date {
	tz := e.opts.TimeZone
	if tz == nil {
		tz = time.UTC
	}
	return &tree.Date{Time: r.Time, Style: tree.StyleDate, Locale: loc.String(), Source: r.Source, Commit: r.Commit,
		Text: localize.FormatDate(loc, r.Time.In(tz), tree.StyleDate, "")}
}
