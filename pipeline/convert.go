package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Convert reads one document from src, exports it with the run's first
// format and first locale, and writes it to w. name is the file as the user
// gave it ("<stdin>" for standard input) and dir its directory, where links,
// images and git history are looked up ("" for none); format is the reader
// ("markdown", "commonmark", "gfm", "html", "json"; "" = by extension).
// Warnings go to sink. Its git dates come from the file's own history (two
// `git log` runs over it), not from a pass over the whole repository's as
// in Export: to date many files of one repository, Export them together.
func (e *Engine) Convert(ctx context.Context, src []byte, name, format, dir string, w io.Writer, sink *diag.Sink) error {
	in := Input{Display: name, Rel: filepath.Base(name), Dir: dir, Root: dir, ReadAs: format, Single: true}
	if dir != "" {
		// A file on disk (not standard input) gets its git dates.
		if abs := filepath.Join(dir, filepath.Base(name)); fileExists(abs) {
			in.Abs = abs
		}
	}
	p, err := e.prepare(ctx, in, src, sink)
	if err != nil {
		return err
	}
	if warns := sink.All(); e.opts.Strict && len(warns) > 0 {
		return strictError(in, warns)
	}
	_, pathLocale := splitLocale(in.Rel)
	locs, err := e.localesFor(p, pathLocale)
	if err != nil {
		return &UsageError{Err: err}
	}
	if len(e.formats) == 0 {
		return fmt.Errorf("no output format")
	}
	e.warnLocale(locs[0], sink)
	if warns := sink.All(); e.opts.Strict && len(warns) > 0 {
		return strictError(in, warns)
	}
	if src := e.statedLocale(pathLocale, p); src != "" && !sameLanguage(src, locs[0].String()) {
		// The body states another language than -l asks for: as in an
		// export, the body is shown in its own language and direction with
		// the locale's labels and dates, marked as a fallback. A body that
		// states nothing is taken to be in the locale asked for.
		p.doc.Meta.Translation = &tree.Translation{Fallback: true, SourceLocale: src, SourcePath: in.Rel}
	}
	e.localizeFor(p, locs[0])
	data, err := e.render(p, locs[0], e.formats[0], sink)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
