package pipeline_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// TestUnclosedCommentStrict checks that an HTML comment never closed,
// which hides the rest of the document in every format, is a warning with
// the file and line of its `<!--`, and under --strict a failure.
func TestUnclosedCommentStrict(t *testing.T) {
	src := []byte("---\ntitle: Terms\n---\n# Terms\n\nIntro.\n<!-- TODO: legal review\n## 1. Liability\n\n## 2. Your rights\n")
	const where = "terms.md:7: HTML comment <!-- is never closed"
	for _, from := range []string{"markdown", "commonmark", "gfm"} {
		body := src
		if from != "markdown" {
			body = src[bytes.Index(src, []byte("# Terms")):] // no front matter there
		}
		wantAt := where
		if from != "markdown" {
			wantAt = strings.Replace(where, ":7:", ":4:", 1)
		}
		for _, strict := range []bool{false, true} {
			e, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{"txt"}, Strict: strict})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			var sink diag.Sink
			err = e.Convert(context.Background(), body, "terms.md", from, "", &out, &sink)
			warns := sink.All()
			if len(warns) != 1 || !strings.HasPrefix(warns[0].String(), wantAt) || !strings.Contains(warns[0].String(), "hidden") {
				t.Errorf("%s strict=%v: warnings %v, want one starting %q", from, strict, warns, wantAt)
			}
			if strict {
				if err == nil || !strings.Contains(err.Error(), wantAt) {
					t.Errorf("%s strict: err = %v, want a failure naming %q", from, err, wantAt)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", from, err)
			}
			if txt := out.String(); !strings.Contains(txt, "Intro.") || strings.Contains(txt, "Liability") {
				t.Errorf("%s: the comment is no longer read as CommonMark says:\n%s", from, txt)
			}
		}
	}
}
