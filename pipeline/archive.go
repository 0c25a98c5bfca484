package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/output"
)

// An output folder is an archive that runs add to over time: a run updates
// the folder's manifest instead of replacing it. Its outputs (written, or
// unchanged and skipped) replace their entries; the entries of outputs it
// did not make are kept while their files are there, dropped with a
// warning when they are gone, and, when the run would not make them at all
// (their document is gone, or its locale or format is not asked for),
// reported as stale, or removed under Options.Prune. One run at a time
// writes into a folder: Export holds the folder's lock throughout.

// lock takes the output folder's lock, reporting waits and take-overs as
// events. A lock that stays busy is a usage error (exit status 2).
func (e *Engine) lock(ctx context.Context, dir *output.Dir, out string, events func(Event)) (*output.Lock, error) {
	timeout := e.opts.LockTimeout
	switch {
	case timeout == 0:
		timeout = DefaultLockTimeout
	case timeout < 0:
		timeout = 0
	}
	wait := func(h output.Holder, waited time.Duration) {
		msg := fmt.Sprintf("%s is locked by %s, exporting into it; waiting up to %s", out, h, timeout)
		if waited >= 2*time.Second {
			msg = fmt.Sprintf("%s is still locked by %s; waited %s of %s", out, h, waited.Round(time.Second), timeout)
		}
		events(Event{Type: "wait", Message: msg})
	}
	l, err := output.LockDir(ctx, dir.Root(), timeout, wait)
	var le *output.LockedError
	switch {
	case errors.As(err, &le):
		le.Root = out
		return nil, &UsageError{Err: le}
	case err != nil && ctx.Err() != nil:
		return nil, err
	case err != nil:
		return nil, usagef("%s: %v", out, err)
	}
	if l.TookOver != nil {
		events(Event{Type: "takeover", Message: fmt.Sprintf("%s: took over the lock of %s, which is no longer running", out, *l.TookOver)})
	}
	return l, nil
}

// readPrevious reads the folder's manifest: nil if there is none. A manifest
// that cannot be read stops the run, since writing over it would lose the
// record of every file it lists.
func readPrevious(root, out string) (*output.Manifest, error) {
	m, err := output.ReadManifest(root)
	switch {
	case err == nil:
		return m, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	}
	return nil, usagef("%v; galley keeps the record of %s there: restore it (or move it away to start a new record, after which 'galley verify' lists the files as unlisted)", err, out)
}

// plan is what a run set out to make, by document: the locales of each,
// and the run's formats. Outputs of its documents outside the plan are
// stale. It keeps nothing per output: the output paths it planned are those
// of every planned locale and format of a document (see planned).
type plan struct {
	mu      sync.Mutex
	locales map[string][]string // by document stem
	unknown map[string]bool     // document stems whose locales are unknown
	formats map[string]bool     // by name
	exts    map[string]bool     // the formats' file extensions
}

func newPlan() *plan {
	return &plan{locales: map[string][]string{}, unknown: map[string]bool{}, formats: map[string]bool{}, exts: map[string]bool{}}
}

// stem is the output path of a document without locale and extension.
func stem(d *Document) string { return strings.TrimSuffix(d.Rel, path.Ext(d.Rel)) }

// entryStem is the stem of the document an output path belongs to
// ("en/legal/privacy.pdf" → "legal/privacy").
func entryStem(p string) string {
	_, rest, _ := strings.Cut(p, "/")
	return strings.TrimSuffix(rest, path.Ext(rest))
}

// add records the outputs of document d in locale loc.
func (p *plan) add(d *Document, loc string, formats []exporters.Exporter) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := stem(d)
	if !slices.Contains(p.locales[s], loc) {
		p.locales[s] = append(p.locales[s], loc)
	}
	for _, f := range formats {
		p.formats[f.Name()] = true
		p.exts[f.Extension()] = true
	}
}

// hasLocale reports whether the run planned document stem s in locale loc.
func (p *plan) hasLocale(s, loc string) bool { return slices.Contains(p.locales[s], loc) }

// planned reports whether the run set out to make the output at out
// ("<locale>/<stem>.<ext>" for a planned locale of the document and an
// extension of the run's formats).
func (p *plan) planned(out string) bool {
	loc, rest, ok := strings.Cut(out, "/")
	ext := path.Ext(rest)
	return ok && ext != "" && p.exts[ext[1:]] && p.hasLocale(strings.TrimSuffix(rest, ext), loc)
}

// undecided records that the locales of d are unknown (its default body
// failed), so that none of its outputs counts as stale.
func (p *plan) undecided(d *Document) {
	p.mu.Lock()
	p.unknown[stem(d)] = true
	p.mu.Unlock()
}

// settle makes the folder's manifest: this run's outputs (b.made) and
// b.manifest (its failures and warnings) gain what the previous manifest
// says about everything the run did not redo. complete is false for an interrupted
// run, which neither reports nor removes stale outputs. Called with b.mu
// held.
func (b *batch) settle(complete bool, prev *output.Manifest, all, docs []*Document, inputs []Input) {
	b.plan.mu.Lock() // an abandoned (timed-out) document may still be planning
	defer b.plan.mu.Unlock()
	m := b.manifest
	m.OptionSets = map[string]map[string]any{b.e.optionSet(): b.e.manifestOptions()}
	inRun, inAll := stems(docs), stems(all)
	defer func() {
		m.Shard = ""
		if b.e.opts.ShardN > 0 {
			m.Shard = fmt.Sprintf("%d/%d", b.e.opts.ShardK, b.e.opts.ShardN)
			for i := range b.made {
				if !inRun[entryStem(b.made[i].Path())] {
					m.Shard = "" // the folder holds more than this shard
				}
			}
		}
	}()
	if prev == nil {
		return
	}
	for id, set := range prev.OptionSets {
		if _, ok := m.OptionSets[id]; !ok {
			m.OptionSets[id] = set
		}
	}
	docOf := map[string]string{} // source path → document stem
	for _, d := range all {
		docOf[d.Rel] = stem(d)
		for _, body := range d.Bodies {
			docOf[body.Rel] = stem(d)
		}
		for _, ign := range d.Ignored {
			docOf[ign.Rel] = stem(d)
		}
	}
	touched := make(map[string]bool, len(b.made))
	for i := range b.made {
		touched[b.made[i].Path()] = true
	}
	root := b.dir.Root()
	var removed []string
	for i := range prev.Outputs {
		en := &prev.Outputs[i]
		if touched[en.Path] {
			continue
		}
		clean, err := output.Clean(en.Path)
		if err != nil {
			b.folderEvent(Event{Type: "gone", Path: en.Path, Message: fmt.Sprintf("%s: the manifest listed a path outside the folder; its entry is dropped", en.Path)})
			continue
		}
		file := filepath.Join(root, filepath.FromSlash(clean))
		sum, n, err := output.HashFile(file)
		if err != nil {
			b.folderEvent(Event{Type: "gone", Path: en.Path, Source: en.Source, Locale: en.Locale, Format: en.Format,
				Message: fmt.Sprintf("%s was deleted since galley wrote it; its entry is dropped from the manifest", en.Path)})
			continue
		}
		reason := ""
		if complete {
			reason = b.staleReason(*en, inRun, inAll, inputs)
		}
		if (reason == "" || !b.e.opts.Prune) && (sum != en.SHA256 || n != en.Bytes) {
			b.folderEvent(Event{Type: "changed", Path: en.Path, Source: en.Source, Locale: en.Locale, Format: en.Format,
				Message: fmt.Sprintf("%s was changed since galley wrote it (sha256 %s, manifest says %s); the manifest keeps its record, so 'galley verify' reports it until it is exported again", en.Path, sum, en.SHA256)})
		}
		switch {
		case reason == "":
			b.made = append(b.made, made{entry: en})
		case b.e.opts.Prune:
			if err := removeInside(root, clean); err != nil {
				b.folderEvent(Event{Type: "warning", Path: en.Path, Error: fmt.Sprintf("cannot prune %s: %v", en.Path, err)})
				b.made = append(b.made, made{entry: en})
				continue
			}
			removed = append(removed, file)
			b.folderEvent(Event{Type: "prune", Path: en.Path, Source: en.Source, Locale: en.Locale, Format: en.Format, Message: reason})
		default:
			b.made = append(b.made, made{entry: en})
			b.folderEvent(Event{Type: "stale", Path: en.Path, Source: en.Source, Locale: en.Locale, Format: en.Format, Message: reason})
		}
	}
	removeEmptyDirs(root, removed)
	// Failures and warnings of documents this run exported again are
	// replaced by the run's; those of other documents are kept, or dropped
	// with their outputs under Prune.
	for _, f := range prev.Failures {
		s, known := docOf[f.Source]
		switch {
		case known && inRun[s] && (f.Locale == "" || b.plan.hasLocale(s, f.Locale) || b.plan.unknown[s]):
			// redone
		case known && !inRun[s], !complete, !b.e.opts.Prune:
			m.Failures = append(m.Failures, f)
		}
	}
	for _, w := range prev.Warnings {
		s, known := docOf[w.Source]
		switch {
		case known && inRun[s]:
			// redone
		case known, !complete, !b.e.opts.Prune:
			m.Warnings = append(m.Warnings, w)
		}
	}
}

// staleReason says why the run would not make the output of entry en, or
// "" if it would (or if it belongs to another shard, or the run could not
// tell).
func (b *batch) staleReason(en output.Entry, inRun, inAll map[string]bool, inputs []Input) string {
	s := entryStem(en.Path)
	switch {
	case b.plan.planned(en.Path), b.plan.unknown[s]:
		return ""
	case inRun[s]:
		if !b.plan.hasLocale(s, en.Locale) {
			return fmt.Sprintf("locale %s is not exported by this run", en.Locale)
		}
		if !b.plan.formats[en.Format] {
			return fmt.Sprintf("format %s is not exported by this run", en.Format)
		}
		return "this run does not export it"
	case inAll[s]:
		return "" // another shard's
	}
	for _, in := range inputs {
		if in.Root == "" || en.Source == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(in.Root, filepath.FromSlash(en.Source))); err == nil {
			return fmt.Sprintf("its source %s is not among this run's documents", en.Source)
		}
	}
	return fmt.Sprintf("its source %s no longer exists", en.Source)
}

// folderEvent reports an output-folder event (called with b.mu held).
func (b *batch) folderEvent(ev Event) {
	ev.Done, ev.Total = b.done, b.total
	b.events(ev)
}

func stems(docs []*Document) map[string]bool {
	out := make(map[string]bool, len(docs))
	for _, d := range docs {
		out[stem(d)] = true
	}
	return out
}

// removeInside removes the file at clean (a cleaned slash path) under the
// output folder root, and nothing outside it: a folder on the way that is
// a symbolic link leading out of root (OUT/de -> ../elsewhere) is refused,
// the check and the removal made through an os.Root, so that no swap of a
// folder for a link in between makes it remove a file outside.
func removeInside(root, clean string) error {
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	if real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(clean))); err == nil && real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return fmt.Errorf("it leads outside the output folder, to %s, through a symbolic link; galley removes only what is inside the folder, so it is kept", real)
	}
	return r.Remove(clean)
}

// removeEmptyDirs removes the folders of removed files that pruning left
// empty, up to (not including) root; a symbolic link to a folder is not a
// folder of the output folder's, and stays.
func removeEmptyDirs(root string, removed []string) {
	dirs := map[string]bool{}
	for _, f := range removed {
		for d := filepath.Dir(f); d != root && strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) }) // deepest first
	for _, d := range list {
		if fi, err := os.Lstat(d); err != nil || !fi.IsDir() {
			continue
		}
		os.Remove(d) // fails, as wanted, where the folder is not empty
	}
}
