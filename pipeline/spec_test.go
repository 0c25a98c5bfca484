package pipeline_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/spectest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// convertSpec runs one example the way `galley convert --from FORMAT -t html
// --fragment --raw-html trusted` does: the whole pipeline, resolve included.
func convertSpec(t *testing.T, format string) func(spectest.Example) (string, error) {
	e := newEngine(t, pipeline.Options{Formats: []string{"html"}, Fragment: true, RawHTML: exporters.RawTrusted})
	return func(ex spectest.Example) (string, error) {
		f := format
		if format == "gfm" && ex.Plain() {
			f = "commonmark"
		}
		var out bytes.Buffer
		err := e.Convert(context.Background(), []byte(ex.Markdown), "spec.md", f, "", &out, &diag.Sink{})
		return out.String(), err
	}
}

func TestConvertCommonMarkSpec(t *testing.T) {
	spectest.Run(t, spectest.Load(t, "commonmark/spec.json"), nil, 652, convertSpec(t, "commonmark"))
}

func TestConvertGFMSpec(t *testing.T) {
	spectest.Run(t, spectest.Load(t, "gfm/spec.json"), spectest.GFMKnownFailures, 670, convertSpec(t, "gfm"))
}
