package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/gitdates"
	"github.com/galleydoc/galley/pipeline/output"
	"github.com/galleydoc/galley/pipeline/redline"
	"github.com/galleydoc/galley/pipeline/tree"
)

// redlines writes, for `export --redline-since REV`, the redline of one
// localized document against its version at REV, in every format:
// OUT/<locale>/<relpath>.redline.<ext>, listed in the manifest with
// redline_since. Documents whose source is the same at REV get none; a
// document that did not exist at REV is compared with an empty one. p's
// document is already localized for loc.
func (b *batch) redlines(ctx context.Context, d *Document, p *prepared, loc locales.Locale, sink *diag.Sink, fail func(source, locale, format string, err error)) {
	rev := b.e.opts.RedlineSince
	if rev == "" || p.in.Abs == "" {
		return
	}
	gv, err := gitdates.Show(ctx, filepath.Dir(p.in.Abs), rev, p.in.Abs)
	var old []byte
	var oldRev *tree.DateInfo
	switch {
	case errors.Is(err, gitdates.ErrNotInRevision):
		// New since REV: everything is inserted.
	case err != nil:
		fail(p.in.Rel, loc.String(), "", docError(p.in, fmt.Errorf("--redline-since %s: %w", rev, err)))
		return
	default:
		old = gv.Data
		if gv.Commit.Hash != "" {
			oldRev = &tree.DateInfo{Time: gv.Commit.AuthorTime, Source: tree.FromGit, Commit: gv.Commit.Hash}
		}
	}
	sum := sha256.Sum256(old)
	oldSHA := hex.EncodeToString(sum[:])
	if old != nil && oldSHA == p.sha256 {
		return // unchanged since REV
	}
	oldIn := p.in
	oldIn.Display = rev + ":" + p.in.Display
	oldIn.Abs = ""
	oldIn.Revision = oldRev
	var oldDoc *tree.Document
	if old != nil {
		op, err := b.e.prepare(ctx, oldIn, old, sink)
		if err != nil {
			fail(p.in.Rel, loc.String(), "", err)
			return
		}
		b.e.localizeFor(op, loc)
		oldDoc = op.doc
	} else {
		oldDoc = &tree.Document{Meta: tree.Meta{Locale: loc.String()}}
	}
	side := func(label string, doc *tree.Document) tree.Version {
		v := tree.Version{Label: label, Revision: doc.Meta.Revision}
		if r := doc.Meta.Revision; r != nil {
			v.Commit = r.Commit
			v.Date = b.e.localDate(r, loc)
		}
		return v
	}
	rl := redline.Compare(oldDoc, p.doc, redline.Options{Old: side(oldIn.Display, oldDoc), New: side(p.in.Display, p.doc)})
	rp := &prepared{in: p.in, doc: rl, sha256: p.sha256}
	rp.media, rp.assets = b.e.loadMedia(p.in, rl, &diag.Sink{})
	stem := strings.TrimSuffix(d.Rel, path.Ext(d.Rel))
	for _, exp := range b.e.formats {
		if ctx.Err() != nil {
			return
		}
		rel := loc.String() + "/" + stem + ".redline." + exp.Extension()
		entry := output.Entry{Path: rel, Source: p.in.Rel, SourceSHA256: p.sha256, Locale: loc.String(), Format: exp.Name(), RedlineSince: rev}
		if dt := p.doc.Meta.Revision; dt != nil {
			entry.Commit = dt.Commit
		}
		data, err := b.e.render(rp, loc, exp, sink)
		if err != nil {
			fail(p.in.Rel, loc.String(), exp.Name(), err)
			continue
		}
		ok, err := b.writeOutput(rel, data, func(w output.Written) {
			entry.Bytes, entry.SHA256 = w.Bytes, w.SHA256
			b.exported++
			b.made = append(b.made, made{entry: &entry})
		})
		if err != nil {
			fail(p.in.Rel, loc.String(), exp.Name(), docError(p.in, fmt.Errorf("cannot write %s: %w", rel, err)))
			continue
		}
		if !ok {
			return // the run is over
		}
		b.emit(Event{Type: "output", Source: p.in.Display, Locale: loc.String(), Format: exp.Name(), Path: rel})
	}
}
