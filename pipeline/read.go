package pipeline

import (
	"sync"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// read runs the reader for the input's format; the Markdown reader's
// warnings (an HTML comment never closed) go to sink.
func (e *Engine) read(in Input, src []byte, sink *diag.Sink) (*tree.Document, error) {
	doc, warns, err := e.readAs(in.Format(), in.Rel, src)
	for _, w := range warns {
		sink.Warnf(in.Display, w.Line, w.Code, "%s", w.Msg)
	}
	return doc, err
}

// readAs parses src with the named reader: "markdown" (galley's dialect),
// "commonmark", "gfm", "html" or "json". Only Markdown has warnings.
func (e *Engine) readAs(format, path string, src []byte) (*tree.Document, []markdown.Warning, error) {
	var r *markdown.Reader
	switch format {
	case "html":
		doc, err := htmlreader.Read(src, path, htmlreader.Options{Select: e.opts.Select, MaxBytes: int(e.opts.MaxBytes), MaxNesting: e.opts.MaxNesting})
		return doc, nil, err
	case "json":
		doc, err := treejson.Read(src, path)
		return doc, nil, err
	case "commonmark":
		r = commonMarkReader()
		if e.opts.MaxNesting > 0 {
			r = markdown.NewReader(markdown.WithDialect(markdown.CommonMark), markdown.WithMaxNesting(e.opts.MaxNesting))
		}
	case "gfm":
		r = gfmReader()
		if e.opts.MaxNesting > 0 {
			r = markdown.NewReader(markdown.WithDialect(markdown.GFM), markdown.WithMaxNesting(e.opts.MaxNesting))
		}
	default:
		r = e.md
	}
	return r.ReadWarn(src, path)
}

// The bare dialects' readers, made once (they take no options).
var (
	commonMarkReader = sync.OnceValue(func() *markdown.Reader {
		return markdown.NewReader(markdown.WithDialect(markdown.CommonMark))
	})
	gfmReader = sync.OnceValue(func() *markdown.Reader { return markdown.NewReader(markdown.WithDialect(markdown.GFM)) })
)

// newMarkdownReader returns the Markdown reader for the options: raw HTML
// blocks are read into tree nodes (for PDF and text) unless they are to be
// dropped.
func newMarkdownReader(opts Options) *markdown.Reader {
	nesting := markdown.WithMaxNesting(opts.MaxNesting)
	if opts.RawHTML == exporters.RawDrop {
		return markdown.NewReader(nesting)
	}
	return markdown.NewReader(nesting, markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{MaxNesting: opts.MaxNesting})))
}
