package pipeline_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/tree"
)

// slowExporter takes longer than the time limit for documents titled
// "slow", and 300 ms for those titled "steady".
type slowExporter struct{}

func (slowExporter) Name() string             { return "txt" }
func (slowExporter) Extension() string        { return "txt" }
func (slowExporter) Traits() exporters.Traits { return exporters.Traits{Default: true} }
func (slowExporter) Export(w io.Writer, doc *tree.Document, _ exporters.Options) error {
	if doc.Meta.Title == "steady" {
		time.Sleep(300 * time.Millisecond)
	}
	if doc.Meta.Title == "slow" {
		time.Sleep(2 * time.Second)
	}
	_, err := io.WriteString(w, doc.Meta.Title+"\n")
	return err
}

func TestTimePerDocument(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "slow.md"), []byte("# slow\n"), 0o644)
	os.WriteFile(filepath.Join(src, "fast.md"), []byte("# fast\n"), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	e, err := pipeline.New(exporters.NewRegistry(slowExporter{}), pipeline.Options{Formats: []string{"txt"}, Timeout: 200 * time.Millisecond, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	start := time.Now()
	res, err := e.Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 1500*time.Millisecond {
		t.Errorf("the run waited for the slow document")
	}
	if res.Failed != 1 || len(res.Manifest.Failures) != 1 || !strings.Contains(res.Manifest.Failures[0].Error, "took longer than the 200ms limit") {
		t.Fatalf("failures: %+v", res.Manifest.Failures)
	}
	if _, err := os.Stat(filepath.Join(out, "en/fast.txt")); err != nil {
		t.Errorf("fast document not exported: %v", err)
	}
	time.Sleep(2 * time.Second) // let the abandoned export finish: it must write nothing
	if _, err := os.Stat(filepath.Join(out, "en/slow.txt")); err == nil {
		t.Errorf("the abandoned document was written after its time ran out")
	}
}

func TestSizeLimit(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "big.md"), []byte("# big\n\n"+strings.Repeat("word ", 1000)), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, MaxBytes: 1000}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 || !strings.Contains(res.Manifest.Failures[0].Error, "over the 1000-byte limit") {
		t.Fatalf("failures: %+v", res.Manifest.Failures)
	}
}

func TestNestingLimit(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "deep.md"), []byte(strings.Repeat(">", 500)+" deep\n"), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 || !strings.Contains(res.Manifest.Failures[0].Error, "deep.md:1: blocks nest too deeply") {
		t.Fatalf("failures: %+v", res.Manifest.Failures)
	}
}

// TestNestingLimitOption: max_nesting lowers the limit, and the refusal
// names the file, the line of the first container past it and the limit.
func TestNestingLimitOption(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "ok.md"), []byte("# ok\n\n> > > three\n"), 0o644)
	os.WriteFile(filepath.Join(src, "deep.md"), []byte("# deep\n\n- a\n  - b\n    > c\n    > > !!! note\n    > >     d\n"), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, MaxNesting: 4}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "deep.md:6: blocks nest too deeply (more than 4 levels, the max_nesting limit)"
	if res.Failed != 1 || !strings.Contains(res.Manifest.Failures[0].Error, want) {
		t.Fatalf("failures: %+v, want %q", res.Manifest.Failures, want)
	}
}

// TestNestingLimitHTML: max_nesting applies to HTML inputs and to raw HTML
// blocks in Markdown, and the refusal names the file and the line of the
// first container (or element) past the limit.
func TestNestingLimitHTML(t *testing.T) {
	src := t.TempDir()
	quotes := func(n int) string {
		return strings.Repeat("<blockquote>\n", n) + "deep\n" + strings.Repeat("</blockquote>\n", n)
	}
	os.WriteFile(filepath.Join(src, "ok.html"), []byte("<title>ok</title>\n<p>intro</p>\n"+quotes(4)), 0o644)
	os.WriteFile(filepath.Join(src, "deep.html"), []byte("<title>deep</title>\n<p>intro</p>\n"+quotes(5)), 0o644)
	os.WriteFile(filepath.Join(src, "raw.md"), []byte("# raw\n\ntext\n\n<div>\n"+quotes(5)+"</div>\n"), 0o644)
	os.WriteFile(filepath.Join(src, "elements.html"), []byte("<title>elements</title>\n"+strings.Repeat("<div>\n", 600)), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, MaxNesting: 4}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"deep.html":     "deep.html:7: blocks nest too deeply (more than 4 levels, the max_nesting limit)",
		"raw.md":        "raw.md:10: raw HTML block cannot be read: blocks nest too deeply (more than 4 levels, the max_nesting limit)",
		"elements.html": "elements.html:512: HTML elements nest too deeply (more than 512 levels)",
	}
	if res.Failed != len(want) {
		t.Errorf("%d failures, want %d: %+v", res.Failed, len(want), res.Manifest.Failures)
	}
	for _, f := range res.Manifest.Failures {
		w, ok := want[filepath.Base(f.Source)]
		if !ok || !strings.Contains(f.Error, w) {
			t.Errorf("failure %s: %q, want %q", f.Source, f.Error, w)
		}
	}
}

// TestTimePerTranslation: the limit applies to each source file of a
// document, so a notice with translations that each export well within
// it is not failed for their sum; a translation set slower than the limit
// times its files is.
func TestTimePerTranslation(t *testing.T) {
	src := t.TempDir()
	for _, l := range []string{"de", "fr", "it", "es"} {
		os.MkdirAll(filepath.Join(src, "notice"), 0o755)
		os.WriteFile(filepath.Join(src, "notice", l+".md"), []byte("# steady\n"), 0o644)
	}
	inputs, err := pipeline.Discover([]string{src})
	if err != nil || len(inputs) != 4 {
		t.Fatalf("inputs %v: %v", inputs, err)
	}
	run := func(limit time.Duration) *pipeline.Result {
		e, err := pipeline.New(exporters.NewRegistry(slowExporter{}), pipeline.Options{Formats: []string{"txt"}, Timeout: limit, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Export(context.Background(), inputs, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// Four translations of 300 ms each: 1.2 s in all, over the limit of
	// 1 s for one file but well under 4 × 1 s (room for a loaded machine
	// under -race).
	if res := run(time.Second); res.Failed != 0 {
		t.Errorf("failed within the limit per translation: %+v", res.Manifest.Failures)
	}
	// Over 4 × 60 ms (the first translation alone takes 300 ms).
	res := run(60 * time.Millisecond)
	if res.Failed != 1 || len(res.Manifest.Failures) != 1 || !strings.Contains(res.Manifest.Failures[0].Error, "took longer than 240ms, the 60ms limit per document for each of its 4 source files") {
		t.Errorf("failures: %+v", res.Manifest.Failures)
	}
}
