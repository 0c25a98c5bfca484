package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// TestJSONRoundTripEqualsDirect converts every corpus document to HTML
// directly and through galley's JSON tree (md → json → html): the two
// pages must be byte for byte the same, so the JSON export holds all that
// the HTML export shows.
func TestJSONRoundTripEqualsDirect(t *testing.T) {
	files := corpustest.Markdown(t)
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	engine := func(format string) *pipeline.Engine {
		return newEngine(t, pipeline.Options{Formats: []string{format}, Date: &date})
	}
	toHTML, toJSON := engine("html"), engine("json")
	for _, f := range files {
		rel := corpustest.Rel(t, f)
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Dir(f)
			convert := func(e *pipeline.Engine, src []byte, name, from string) []byte {
				t.Helper()
				var buf bytes.Buffer
				if err := e.Convert(context.Background(), src, name, from, dir, &buf, &diag.Sink{}); err != nil {
					t.Fatalf("%s from %s: %v", name, from, err)
				}
				return buf.Bytes()
			}
			direct := convert(toHTML, src, filepath.Base(f), "")
			tree := convert(toJSON, src, filepath.Base(f), "")
			via := convert(toHTML, tree, filepath.Base(f), "json")
			if !bytes.Equal(direct, via) {
				t.Errorf("md → html and md → json → html differ:\n%s", firstLineDiff(string(direct), string(via)))
			}
		})
	}
}

// firstLineDiff shows the first line where a and b differ.
func firstLineDiff(a, b string) string {
	la, lb := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return "line " + strconv.Itoa(i+1) + ":\n  direct: " + string(la[i]) + "\n  via json: " + string(lb[i])
		}
	}
	return "lengths differ: " + strconv.Itoa(len(la)) + " and " + strconv.Itoa(len(lb)) + " lines"
}

// TestJSONRoundTripRawHTML: raw inline HTML that sanitizing takes apart
// reads the same through galley's JSON tree: the JSON tree kept the `</a>`
// of an `<a href="javascript:…">` it dropped, and the page written from it
// had a stray end tag.
func TestJSONRoundTripRawHTML(t *testing.T) {
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	toHTML := newEngine(t, pipeline.Options{Formats: []string{"html"}, Date: &date})
	toJSON := newEngine(t, pipeline.Options{Formats: []string{"json"}, Date: &date})
	for i, src := range []string{
		"<a href=\"javascript:alert(1)\">raw link</a>\n",
		"Inline <a href=\"javascript:x()\">in</a> text and <a href=\"https://ok.example\">ok</a>.\n",
		"A <b>bold <a onclick=\"x()\" href=\"https://ok.example\">link</a></b> and <span>x</span> <br> <img src=\"a.png\" alt=\"a\"/>.\n",
		"Stray </a> end and <em>open <script>alert(1)</script></em>.\n",
		"<a href=\"https://ok.example\">*emphasis* inside</a> and <q>quote</q>.\n",
	} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			convert := func(e *pipeline.Engine, src []byte, from string) []byte {
				t.Helper()
				var buf bytes.Buffer
				if err := e.Convert(context.Background(), src, "n.md", from, "", &buf, &diag.Sink{}); err != nil {
					t.Fatalf("from %q: %v", from, err)
				}
				return buf.Bytes()
			}
			direct := convert(toHTML, []byte(src), "")
			via := convert(toHTML, convert(toJSON, []byte(src), ""), "json")
			if !bytes.Equal(direct, via) {
				t.Errorf("%q: md → html and md → json → html differ:\n%s", src, firstLineDiff(string(direct), string(via)))
			}
		})
	}
}
