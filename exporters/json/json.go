// Package json writes galley's document tree as JSON in the versioned
// galley/v1 schema of package treejson (documented there, with its JSON
// Schema): {"schema": "galley/v1", "meta": {…}, "blocks": […],
// "footnotes": […]}. Dates carry both their instant and their localized
// text; the output is byte-identical for the same tree, and treejson.Decode
// reads it back exactly.
package json

import (
	"bytes"
	"fmt"
	"io"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/rawhtml"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// Exporter writes the galley/v1 JSON form of a document. The zero value is
// ready to use; it is safe for concurrent use.
type Exporter struct{}

// New returns the JSON exporter.
func New() *Exporter { return &Exporter{} }

var _ exporters.Exporter = (*Exporter)(nil)

// Name returns "json".
func (*Exporter) Name() string { return "json" }

// Extension returns "json".
func (*Exporter) Extension() string { return "json" }

// Traits: in a default run; it keeps the source's raw HTML and URLs.
func (*Exporter) Traits() exporters.Traits {
	return exporters.Traits{Default: true, CarriesRawHTML: true}
}

// Export writes doc to w. Options.RawHTML applies to raw HTML and URLs as in
// the HTML exporter: RawTrusted writes the tree as it is (treejson.Encode);
// RawSanitize (the default) sanitizes html_block markup and raw_html tags
// and empties javascript:-style link and image URLs; RawDrop leaves raw HTML
// out (an html_block keeps the blocks the HTML reader made of it).
func (*Exporter) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	var f treejson.Filter
	switch opts.RawHTML {
	case exporters.RawTrusted:
	case exporters.RawDrop:
		f.HTML = func(string) string { return "" }
		f.URL, f.ImageURL = safeLinkURL, safeImageURL
	default:
		f.HTML = rawhtml.Sanitize
		f.URL, f.ImageURL = safeLinkURL, safeImageURL
	}
	if doc.Redline != nil {
		return exportRedline(w, doc, f)
	}
	// Into the buffer's free space when w is a buffer (the engine's are
	// reused from one output to the next), so the bytes are not made
	// apart and copied.
	var dst []byte
	if buf, ok := w.(*bytes.Buffer); ok {
		dst = buf.AvailableBuffer()
	}
	if cap(dst) < 8192 {
		dst = make([]byte, 0, 8192)
	}
	b, err := treejson.AppendFiltered(dst, doc, f)
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("json: write: %w", err)
	}
	return nil
}

// safeLinkURL empties link URLs that run code or open data: content.
func safeLinkURL(u string) string {
	if rawhtml.IsDangerousLinkURL(u) {
		return ""
	}
	return u
}

// safeImageURL empties image URLs that run code or embed data other than
// PNG, GIF, JPEG or WebP images.
func safeImageURL(u string) string {
	if rawhtml.IsDangerousURL(u) {
		return ""
	}
	return u
}
