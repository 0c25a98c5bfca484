package html

import (
	"bytes"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/spectest"
	"github.com/galleydoc/galley/pipeline/markdown"
)

// renderSpec reads md with reader and writes it with the HTML exporter in
// fragment mode with trusted raw HTML.
func renderSpec(reader *markdown.Reader, md string) (string, error) {
	doc, err := reader.Read([]byte(md), "spec.md")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = New().Export(&buf, doc, exporters.Options{Fragment: true, RawHTML: exporters.RawTrusted})
	return buf.String(), err
}

func normalizeHTML(s string) string { return spectest.Normalize(s) }

// TestCommonMarkSpec runs the 652 CommonMark 0.31.2 examples through the
// CommonMark reader, the tree and this exporter: all must pass.
func TestCommonMarkSpec(t *testing.T) {
	r := markdown.NewReader(markdown.WithDialect(markdown.CommonMark))
	spectest.Run(t, spectest.Load(t, "commonmark/spec.json"), nil, 652, func(ex spectest.Example) (string, error) {
		return renderSpec(r, ex.Markdown)
	})
}

// TestGFMSpec runs the 673 GFM 0.29 examples through the GFM reader (plain
// CommonMark for examples that list no extension): all pass but goldmark's
// own 3 failures, more than goldmark's 668.
func TestGFMSpec(t *testing.T) {
	gfm := markdown.NewReader(markdown.WithDialect(markdown.GFM))
	plain := markdown.NewReader(markdown.WithDialect(markdown.CommonMark))
	spectest.Run(t, spectest.Load(t, "gfm/spec.json"), spectest.GFMKnownFailures, 670, func(ex spectest.Example) (string, error) {
		if ex.Plain() {
			return renderSpec(plain, ex.Markdown)
		}
		return renderSpec(gfm, ex.Markdown)
	})
}
