package pipeline

import (
	"context"
	"fmt"
	"io"

	"github.com/galleydoc/galley/pipeline/diag"
)

// Convert reads one document from src (named name, read as format:
// "markdown", "html" or "json"), exports it with the run's first format and
// first locale, and writes it to w. Warnings go to sink.
func (e *Engine) Convert(ctx context.Context, src []byte, name, format, dir string, w io.Writer, sink *diag.Sink) error {
	in := Input{Display: name, Rel: name, Dir: dir, Root: dir, ReadAs: format}
	p, err := e.prepare(ctx, in, src, sink)
	if err != nil {
		return err
	}
	if warns := sink.All(); e.opts.Strict && len(warns) > 0 {
		return strictError(in, warns)
	}
	doc := p.doc
	locs, err := e.localesFor(doc)
	if err != nil {
		return &UsageError{Err: err}
	}
	if len(e.formats) == 0 {
		return fmt.Errorf("no output format")
	}
	e.localizeFor(p, locs[0])
	data, err := e.render(p, locs[0], e.formats[0], sink)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
