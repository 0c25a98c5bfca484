package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/output"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Event reports progress of an export run.
type Event struct {
	// Type is "start" (a document begins), "output" (a file was written),
	// "skip" (unchanged, not re-exported), "fail" (a document or variant
	// failed), "warning", or "done" (a document finished); for the output
	// folder (see archive.go): "wait" (another run holds its lock),
	// "takeover" (a killed run's lock was taken over), "gone" (a listed
	// output was deleted by hand; its entry is dropped), "changed" (a
	// listed output this run did not write was changed by hand), "stale"
	// (an output this run would not make, kept) and "prune" (such an
	// output, removed under Options.Prune). Message says more.
	Type   string `json:"event"`
	Source string `json:"source,omitempty"`
	Locale string `json:"locale,omitempty"`
	Format string `json:"format,omitempty"`
	Path   string `json:"path,omitempty"`
	Error  string `json:"error,omitempty"`
	// Code and Message are a warning's code ("broken-link", …) and its
	// text without the place, so that repeats across a batch can be told;
	// Message also explains the output-folder events.
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	// Done and Total count documents.
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Result summarises an export run.
type Result struct {
	Exported, Skipped, Failed int // outputs written, outputs unchanged, documents failed
	Documents                 int
	Elapsed                   time.Duration
	// Manifest is the folder's manifest as written: this run's outputs and
	// those of earlier runs still in the folder.
	Manifest *output.Manifest
	// Failures are this run's failures (Manifest's also has those of
	// earlier runs, for documents this run did not export again).
	Failures    []output.Failure
	Diagnostics []diag.Diagnostic
}

// Export exports inputs into the output root out and updates its manifest
// (see archive.go: the folder's other outputs stay listed, stale ones are
// reported or pruned). It holds the folder's lock throughout, waiting for
// another run's up to Options.LockTimeout. Failures of single documents
// are recorded in the result and manifest, not returned; the error is for
// problems with the run itself (the output directory cannot be written or
// stayed locked, its manifest cannot be read).
func (e *Engine) Export(ctx context.Context, inputs []Input, out string, events func(Event)) (*Result, error) {
	start := time.Now()
	if events == nil {
		events = func(Event) {}
	}
	dir, err := output.Open(out)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if probe, err := os.CreateTemp(dir.Root(), ".galley-probe-*"); err != nil {
		return nil, usagef("cannot write in output directory %s: %v; choose another with --out", out, diag.PathCause(err))
	} else {
		probe.Close()
		os.Remove(probe.Name())
	}
	lock, err := e.lock(ctx, dir, out, events)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	dir.RemoveTemp()
	all := Group(inputs)
	clash := collisions(all)
	for _, d := range all {
		if msg, bad := badName(d); bad {
			if clash == nil {
				clash = map[*Document]string{}
			}
			clash[d] = msg
		}
	}
	docs := e.shard(all)
	prev, err := readPrevious(dir.Root(), out)
	if err != nil {
		return nil, err
	}
	previous := map[string]output.Entry{}
	if prev != nil && !e.opts.Force {
		for _, en := range prev.Outputs {
			previous[en.Path] = en
		}
	}
	run := &batch{e: e, dir: dir, previous: previous, events: events, total: len(docs),
		manifest: &output.Manifest{Schema: output.ManifestSchema, Galley: Version}, plan: newPlan(),
		made: make([]made, 0, len(docs)*len(e.formats))}
	// Each worker runs a document and its formats on kept goroutines.
	run.goroutines = newGoroutines(e.opts.Jobs * (1 + len(e.formats)))
	defer run.goroutines.Close()
	work := make(chan *Document)
	var wg sync.WaitGroup
	for i := 0; i < e.opts.Jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				if msg, ok := clash[d]; ok {
					run.refuse(d, msg)
					continue
				}
				run.guarded(ctx, d)
			}
		}()
	}
feed:
	for _, d := range docs {
		select {
		case work <- d:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	// From here on nothing more is written: a document abandoned at its
	// time limit or by an interruption may still be running, and its files
	// would be on disk without being in the manifest. A write in progress
	// is waited for, and recorded.
	run.gate.Lock()
	run.closed = true
	run.gate.Unlock()
	run.mu.Lock()
	failures := append([]output.Failure(nil), run.manifest.Failures...)
	run.settle(ctx.Err() == nil, prev, all, docs, inputs)
	run.manifest.Outputs, run.made = manifestOutputs(run.made), nil
	err = dir.WriteManifest(run.manifest)
	run.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("writing the manifest: %w", err)
	}
	res := &Result{Exported: run.exported, Skipped: run.skipped, Failed: run.failedDocs, Documents: len(docs),
		Elapsed: time.Since(start), Manifest: run.manifest, Failures: failures, Diagnostics: run.diags}
	return res, ctx.Err()
}

// collisions finds the documents whose outputs would have the same paths
// (OUT/<locale>/<stem>.<ext>): a.md and a.html in one folder, or d1/x.md and
// d2/x.md given as two inputs (each file's root is its folder). Which one's
// file would stay on disk depends on which worker finishes last, and the
// manifest would list the path twice, so none of them is exported: each
// fails, naming the others. The result says why, by document.
func collisions(docs []*Document) map[*Document]string {
	byStem := map[string][]*Document{}
	var stems []string
	for _, d := range docs {
		s := stem(d)
		if len(byStem[s]) == 0 {
			stems = append(stems, s)
		}
		byStem[s] = append(byStem[s], d)
	}
	var out map[*Document]string
	for _, s := range stems {
		same := byStem[s]
		if len(same) < 2 {
			continue
		}
		if out == nil {
			out = map[*Document]string{}
		}
		for _, d := range same {
			var others []string
			for _, o := range same {
				if o != d {
					others = append(others, o.Display())
				}
			}
			none := "neither"
			if len(same) > 2 {
				none = "none of them"
			}
			out[d] = fmt.Sprintf("exports to the same files as %s (OUT/<locale>/%s.<ext>), so %s is exported; rename one of them, or export them into separate output folders", strings.Join(others, " and "), s, none)
		}
	}
	return out
}

// badName says why a document cannot be exported when the path of one of
// its files (relative to its input root, which the manifest records) is
// not valid UTF-8: JSON would record it with U+FFFD in place of the bytes,
// a path that is not the file's, and verify would fail right after the
// export.
func badName(d *Document) (string, bool) {
	rels := []string{d.Rel}
	for _, b := range d.Bodies {
		rels = append(rels, b.Rel)
	}
	for _, b := range d.Ignored {
		rels = append(rels, b.Rel)
	}
	for _, rel := range rels {
		if !utf8.ValidString(rel) {
			return fmt.Sprintf("the file name %s is not valid UTF-8, which the manifest cannot record; rename it (for example with convmv) to UTF-8", printable(rel)), true
		}
	}
	return "", false
}

// printable writes s with each byte that is not part of valid UTF-8 as
// \xNN, so that a message shows (and JSON keeps) the name as it is.
func printable(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, "\\x%02x", s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// refuse fails document d without exporting it (see collisions). Its
// outputs of earlier runs are kept (as when its locales are unknown).
func (b *batch) refuse(d *Document, msg string) {
	b.plan.undecided(d)
	err := diag.Diagnostic{Severity: diag.Error, Path: printable(d.Display()), Message: msg}
	b.emit(Event{Type: "start", Source: printable(d.Display())})
	b.mu.Lock()
	b.manifest.Failures = append(b.manifest.Failures, output.Failure{Source: printable(d.Rel), Error: err.Error()})
	b.failedDocs++
	b.done++
	b.mu.Unlock()
	b.emit(Event{Type: "fail", Source: printable(d.Display()), Error: err.Error()})
	b.emit(Event{Type: "done", Source: printable(d.Display())})
}

// shard keeps the inputs of shard K of N: a document belongs to the shard
// picked by a hash of its relative path, so every shard decides alike and
// adding a document moves no other.
func (e *Engine) shard(docs []*Document) []*Document {
	if e.opts.ShardN <= 1 {
		return docs
	}
	var out []*Document
	for _, d := range docs {
		h := fnv.New32a()
		io.WriteString(h, d.Rel)
		if int(h.Sum32()%uint32(e.opts.ShardN)) == e.opts.ShardK-1 {
			out = append(out, d)
		}
	}
	return out
}

// manifestOptions are the options recorded in the manifest for each
// output: those that change outputs (but locale and format, which every
// entry has), and galley's version.
func (e *Engine) manifestOptions() map[string]any {
	o := e.opts
	m := map[string]any{
		"galley":   Version,
		"raw_html": string(o.RawHTML),
		"strict":   o.Strict,
	}
	if o.Date != nil {
		m["date"] = o.Date.Format(time.RFC3339)
	}
	if o.TimeZone != nil {
		m["timezone"] = o.TimeZone.String()
	}
	if o.DateStyle != "" {
		m["date_type"] = string(o.DateStyle)
	}
	if o.Paper != "" {
		m["paper"] = o.Paper
	}
	if o.TOC {
		m["toc"] = true
	}
	if o.NoTags {
		m["no_tags"] = true
	}
	if o.EmbedSource {
		m["embed_source"] = true
	}
	if o.Wrap != nil {
		m["wrap"] = *o.Wrap
	}
	if o.CustomFormat != "" {
		m["custom_format"] = o.CustomFormat
	}
	if o.DefaultLocale != "" {
		m["default_locale"] = o.DefaultLocale
	}
	if o.Fragment {
		m["fragment"] = true
	}
	if o.Select != "" {
		m["select"] = o.Select
	}
	if o.Template != "" {
		m["template_sha256"] = fmt.Sprintf("%x", sha256.Sum256([]byte(o.Template)))
	}
	return m
}

func (e *Engine) formatNames() []string {
	var names []string
	for _, f := range e.formats {
		names = append(names, f.Name())
	}
	return names
}

// batch is the shared state of one export run.
type batch struct {
	e        *Engine
	dir      *output.Dir
	previous map[string]output.Entry
	events   func(Event)
	total    int

	mu         sync.Mutex
	done       int
	exported   int
	skipped    int
	failedDocs int
	// manifest holds the run's failures and warnings; its outputs are
	// made, in compact form, until the end of the run.
	manifest *output.Manifest
	made     []made
	diags    []diag.Diagnostic
	plan     *plan
	// goroutines run documents and the formats of each variant.
	goroutines *goroutines
	// gate is held (read) by each write of an output until the output is
	// recorded in made; closed, set under it (write) once the workers are
	// done, refuses writes after that, so that every file the run put in
	// the folder is in its manifest.
	gate   sync.RWMutex
	closed bool
}

// Test hooks, called before and after each write of an output (nil but in
// tests).
var beforeWrite, afterWrite func(rel string)

// writeOutput writes an output file and records it (record runs with
// b.mu held), unless the run has stopped writing (see gate): then it
// writes nothing and says so with ok false.
func (b *batch) writeOutput(rel string, data []byte, record func(output.Written)) (ok bool, err error) {
	if beforeWrite != nil {
		beforeWrite(rel)
	}
	if afterWrite != nil {
		defer afterWrite(rel)
	}
	b.gate.RLock()
	defer b.gate.RUnlock()
	if b.closed {
		return false, nil
	}
	w, err := b.dir.WriteBytes(rel, data)
	if err != nil {
		return false, err
	}
	b.mu.Lock()
	record(w)
	b.mu.Unlock()
	return true, nil
}

func (b *batch) emit(ev Event) {
	b.mu.Lock()
	ev.Done, ev.Total = b.done, b.total
	b.events(ev)
	b.mu.Unlock()
}

// guarded runs document under its time limit, Options.Timeout for each of
// its source files (a notice and its 15 translations get 16 times the
// limit, as 16 documents would): a document that takes longer is reported
// as failed and abandoned (it writes nothing more: every write checks the
// context first), and the worker moves on.
func (b *batch) guarded(ctx context.Context, d *Document) {
	if b.e.opts.Timeout <= 0 {
		b.document(ctx, d)
		return
	}
	limit := b.e.opts.Timeout * time.Duration(max(1, len(d.Bodies)))
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	done := make(chan struct{})
	b.goroutines.Go(func() {
		defer close(done)
		b.document(ctx, d)
	})
	select {
	case <-done:
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			b.mu.Lock()
			b.manifest.Failures = append(b.manifest.Failures, output.Failure{Source: d.Rel,
				Error: d.Display() + ": " + b.tooLong(d, limit) + "; raise timeout in galley.yaml or split the document"})
			b.failedDocs++
			b.done++
			b.mu.Unlock()
			b.emit(Event{Type: "fail", Source: d.Display(), Error: d.Display() + ": " + b.tooLong(d, limit)})
			b.emit(Event{Type: "done", Source: d.Display()})
		}
		// The document is abandoned: it stops at its next context check and
		// reports nothing more (see timedOut).
	}
}

// tooLong says that d ran past its time limit.
func (b *batch) tooLong(d *Document, limit time.Duration) string {
	if n := len(d.Bodies); n > 1 {
		return fmt.Sprintf("took longer than %s, the %s limit per document for each of its %d source files", limit, b.e.opts.Timeout, n)
	}
	return fmt.Sprintf("took longer than the %s limit per document", b.e.opts.Timeout)
}

// document exports one logical document in every locale and format. Each
// body is parsed and resolved once, however many locales use it.
func (b *batch) document(ctx context.Context, d *Document) {
	display := d.Display()
	b.emit(Event{Type: "start", Source: display})
	sink := &diag.Sink{}
	failed := false
	timedOut := func() bool { return b.e.opts.Timeout > 0 && ctx.Err() == context.DeadlineExceeded }
	fail := func(source, locale, format string, err error) {
		if timedOut() {
			return // guarded reported it
		}
		failed = true
		b.mu.Lock()
		b.manifest.Failures = append(b.manifest.Failures, output.Failure{Source: source, Locale: locale, Format: format, Error: err.Error()})
		b.mu.Unlock()
		b.emit(Event{Type: "fail", Source: display, Locale: locale, Format: format, Error: err.Error()})
	}
	defer func() {
		if timedOut() {
			return
		}
		diags := sink.All()
		b.mu.Lock()
		b.done++
		if failed {
			b.failedDocs++
		}
		b.diags = append(b.diags, diags...)
		for _, dg := range diags {
			b.manifest.Warnings = append(b.manifest.Warnings, output.Warning{Source: d.Rel, Message: dg.String()})
		}
		b.mu.Unlock()
		for _, dg := range diags {
			b.emit(Event{Type: "warning", Source: display, Error: dg.String(), Code: dg.Code, Message: dg.Message})
		}
		b.emit(Event{Type: "done", Source: display})
	}()
	defer func() {
		if r := recover(); r != nil {
			fail(d.Rel, "", "", diag.Diagnostic{Severity: diag.Error, Path: display, Message: fmt.Sprintf("internal error: %v (please report this with the document)", r)})
		}
	}()

	parsed := map[*Body]*prepared{}
	errs := map[*Body]error{}
	prepare := func(body *Body) (*prepared, error) {
		if p, ok := parsed[body]; ok {
			return p, nil
		}
		if err, ok := errs[body]; ok {
			return nil, err
		}
		p, err := b.e.prepareInput(ctx, body.Input, sink)
		if err != nil {
			errs[body] = err
			fail(body.Rel, "", "", err)
			return nil, err
		}
		parsed[body] = p
		return p, nil
	}
	for _, ign := range d.Ignored {
		sink.Warnf(ign.Display, 0, "duplicate-translation", "this file and %s are both the %s translation of %s; galley exports %s (the first in path order) and ignores this file: remove or rename one of them",
			ign.For.Display, ign.Locale, d.Rel, ign.For.Display)
	}
	def := d.defaultBody(b.e.opts.DefaultLocale)
	defPrep, _ := prepare(def)
	bodyLocale := func(body *Body, p *prepared) string { return b.e.bodyLocale(body.Locale, p) }
	if def.Locale == "" && defPrep != nil {
		// The default body's own locale (front matter, <html lang>, the
		// default) is also a translation's: the translation is exported in
		// it, and the default body only where a locale has no translation.
		own := bodyLocale(def, defPrep)
		if tr := d.bodyFor(own); tr != nil && tr != def && tr.Locale == own {
			why := fmt.Sprintf("has no locale of its own, so it is in %s (the default locale)", own)
			if defPrep.locale != "" {
				why = fmt.Sprintf("says it is in %s", own)
				if defPrep.localeLine > 0 {
					why = fmt.Sprintf("says `locale: %s` in its front matter", own)
				}
			}
			sink.Warnf(def.Display, defPrep.localeLine, "duplicate-translation", "this file %s, and %s is the %s translation too; galley exports %s as %s, and this file only in locales without a translation: change this file's locale or remove one of them",
				why, tr.Display, own, tr.Display, own)
		}
	}
	var wanted []string
	if len(b.e.opts.Locales) == 0 && defPrep == nil {
		b.plan.undecided(d) // which locales the default body has is unknown
	}
	if len(b.e.opts.Locales) > 0 {
		for _, l := range b.e.opts.Locales {
			loc, _ := parseLocale(l) // checked by New
			wanted = append(wanted, loc.String())
		}
	} else {
		for i := range d.Bodies {
			body := &d.Bodies[i]
			if body == def {
				if defPrep == nil {
					continue
				}
				wanted = append(wanted, bodyLocale(body, defPrep))
			} else {
				wanted = append(wanted, body.Locale)
			}
		}
	}
	seen := map[string]bool{}
	for _, want := range wanted {
		if seen[want] {
			continue
		}
		seen[want] = true
		loc, err := parseLocale(want)
		if err != nil {
			fail(d.Rel, want, "", diag.Diagnostic{Severity: diag.Error, Path: display, Message: err.Error()})
			continue
		}
		b.plan.add(d, loc.String(), b.e.formats)
		body := d.bodyFor(loc.String())
		if body == nil {
			body = def
		}
		p, err := prepare(body)
		if err != nil {
			continue // reported once by prepare
		}
		src := bodyLocale(body, p)
		p.doc.Meta.Translation = &tree.Translation{
			Fallback:     !sameLanguage(src, loc.String()),
			SourceLocale: src,
			SourcePath:   body.Rel,
		}
		b.variant(ctx, d, p, loc, sink, fail)
	}
}

// variant exports one locale of a document in every format. The formats
// are rendered concurrently (exporters read the shared tree and never
// modify it), each with its own diagnostics sink; the outputs are then
// written, counted and reported in format order, so that files, events and
// warnings are the same as those of a serial run. A single large document
// thus uses more than one CPU.
func (b *batch) variant(ctx context.Context, d *Document, p *prepared, loc locales.Locale, sink *diag.Sink, fail func(source, locale, format string, err error)) {
	b.e.warnLocale(loc, sink)
	b.e.localizeFor(p, loc)
	stem := strings.TrimSuffix(d.Rel, path.Ext(d.Rel))
	// What the variant's outputs share, kept once for all of them.
	v := &variantInfo{shared: output.Entry{Source: p.in.Rel, SourceSHA256: p.sha256, Locale: loc.String(), DateLocale: loc.CLDR(), Options: b.e.optionSet()}}
	if dt := p.doc.Meta.Revision; dt != nil {
		v.shared.Commit = dt.Commit
		v.shared.Date = &output.Date{Value: dt.Time.UTC().Format(time.RFC3339), Source: string(dt.Source), Commit: dt.Commit}
	}
	if t := p.doc.Meta.Translation; t != nil {
		v.shared.Translation = &output.Translated{Fallback: t.Fallback, SourceLocale: t.SourceLocale, SourcePath: t.SourcePath}
	}
	type job struct {
		out  made
		prev *output.Entry // unchanged since the previous run
		buf  *bytes.Buffer // the output, from renderBuffers
		err  error
		sink diag.Sink
	}
	jobs := make([]job, len(b.e.formats))
	var wg sync.WaitGroup
	for i, exp := range b.e.formats {
		if ctx.Err() != nil {
			break // reported in order below
		}
		j := &jobs[i]
		j.out = made{path: v.shared.Locale + "/" + stem + "." + exp.Extension(), format: exp.Name(), v: v}
		j.out.key = b.e.cacheKey(p, &v.shared, exp.Name())
		if prev, ok := b.previous[j.out.path]; ok && prev.Key == hex.EncodeToString(j.out.key[:]) && b.unchanged(prev) {
			j.prev = &prev
			continue
		}
		wg.Add(1)
		b.goroutines.Go(func() {
			defer wg.Done()
			buf := pooledBuffer()
			j.buf, j.err = b.e.renderBuffer(p, loc, exp, &j.sink, buf)
			if j.err != nil {
				releaseBuffer(buf)
			}
		})
	}
	wg.Wait()
	for i, exp := range b.e.formats {
		j := &jobs[i]
		if err := ctx.Err(); err != nil {
			if errors.Is(err, context.Canceled) {
				err = errors.New("the run was interrupted; export again to finish")
			}
			fail(p.in.Rel, loc.String(), exp.Name(), docError(p.in, fmt.Errorf("stopped: %w", err)))
			return
		}
		for _, dg := range j.sink.All() {
			sink.Report(dg)
		}
		if j.prev != nil {
			b.mu.Lock()
			b.skipped++
			b.made = append(b.made, made{entry: j.prev})
			b.mu.Unlock()
			b.emit(Event{Type: "skip", Source: p.in.Display, Locale: loc.String(), Format: exp.Name(), Path: j.out.path})
			continue
		}
		if j.err != nil {
			fail(p.in.Rel, loc.String(), exp.Name(), j.err)
			continue
		}
		ok, err := b.writeOutput(j.out.path, j.buf.Bytes(), func(w output.Written) {
			j.out.bytes, j.out.sha256 = w.Bytes, w.Sum
			b.exported++
			b.made = append(b.made, j.out)
		})
		releaseBuffer(j.buf)
		j.buf = nil
		if err != nil {
			fail(p.in.Rel, loc.String(), exp.Name(), docError(p.in, fmt.Errorf("cannot write %s: %w", j.out.path, err)))
			continue
		}
		if !ok {
			return // the run is over
		}
		b.emit(Event{Type: "output", Source: p.in.Display, Locale: loc.String(), Format: exp.Name(), Path: j.out.path})
	}
	b.redlines(ctx, d, p, loc, sink, fail)
}

// unchanged reports whether the file of a previous manifest entry is still
// on disk as the entry says (a file changed by hand is exported again).
func (b *batch) unchanged(prev output.Entry) bool {
	sum, n, err := output.HashFile(filepath.Join(b.dir.Root(), filepath.FromSlash(prev.Path)))
	return err == nil && n == prev.Bytes && sum == prev.SHA256
}

// cacheKey hashes everything an output in format depends on: the run
// (galley's build and the options, see runKey), the source bytes and the
// local images it embeds, the locale and format, and the dates (the
// variant's, and every date the document writes; shared is the entry of
// the output's variant, see variantInfo).
func (e *Engine) cacheKey(p *prepared, shared *output.Entry, format string) [sha256.Size]byte {
	h := sha256.New()
	date, _ := json.Marshal(shared.Date)
	tr, _ := json.Marshal(shared.Translation)
	for _, part := range [][]byte{[]byte(e.runKey()), []byte(p.sha256), []byte(p.assets), []byte(shared.Locale), []byte(format), date, tr, []byte(p.dates)} {
		h.Write(part)
		h.Write([]byte{0})
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}
