package pipeline

import (
	"sync"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// read runs the reader for the input's format.
func (e *Engine) read(in Input, src []byte) (*tree.Document, error) {
	return e.readAs(in.Format(), in.Rel, src)
}

// readAs parses src with the named reader: "markdown" (galley's dialect),
// "commonmark", "gfm", "html" or "json".
func (e *Engine) readAs(format, path string, src []byte) (*tree.Document, error) {
	switch format {
	case "html":
		return htmlreader.Read(src, path, htmlreader.Options{Select: e.opts.Select, MaxBytes: int(e.opts.MaxBytes), MaxNesting: e.opts.MaxNesting})
	case "json":
		return treejson.Read(src, path)
	case "commonmark":
		if e.opts.MaxNesting > 0 {
			return markdown.NewReader(markdown.WithDialect(markdown.CommonMark), markdown.WithMaxNesting(e.opts.MaxNesting)).Read(src, path)
		}
		return commonMarkReader().Read(src, path)
	case "gfm":
		if e.opts.MaxNesting > 0 {
			return markdown.NewReader(markdown.WithDialect(markdown.GFM), markdown.WithMaxNesting(e.opts.MaxNesting)).Read(src, path)
		}
		return gfmReader().Read(src, path)
	default:
		return e.md.Read(src, path)
	}
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
