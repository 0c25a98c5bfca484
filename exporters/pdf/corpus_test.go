package pdf_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// capture is the PDF exporter that also keeps the tree it was given, so the
// test can compare the PDF's text with the document.
type capture struct {
	*pdf.Exporter
	mu  sync.Mutex
	doc *tree.Document
}

func (c *capture) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	c.mu.Lock()
	c.doc = doc
	c.mu.Unlock()
	return c.Exporter.Export(w, doc, opts)
}

// convert runs the real pipeline (read, resolve, localize) on a corpus file.
func convert(t *testing.T, path, locale string, toc bool) ([]byte, *tree.Document, []diag.Diagnostic) {
	t.Helper()
	opts := pipeline.Options{TOC: toc}
	if locale != "" {
		opts.Locales = []string{locale}
	}
	return convertWith(t, path, opts)
}

// convertWith is convert with the pipeline options opts (its format and,
// unless set, its date are the test's).
func convertWith(t *testing.T, path string, opts pipeline.Options) ([]byte, *tree.Document, []diag.Diagnostic) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &capture{Exporter: pdf.New()}
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	opts.Formats = []string{"pdf"}
	if opts.Date == nil {
		opts.Date = &date
	}
	eng, err := pipeline.New(exporters.NewRegistry(c), opts)
	if err != nil {
		t.Fatal(err)
	}
	var sink diag.Sink
	var buf bytes.Buffer
	if err := eng.Convert(context.Background(), src, filepath.Base(path), "markdown", filepath.Dir(path), &buf, &sink); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return buf.Bytes(), c.doc, sink.All()
}

func corpusFiles(t *testing.T) []string {
	t.Helper()
	return append([]string{corpustest.Path(t, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md")}, corpustest.Markdown(t, "mozilla-legal")...)
}

// TestCorpus exports the PyPI privacy notice and every Mozilla notice and
// validates each file (qpdf, pdfcpu, pdffonts, pdftotext reading order).
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	for _, f := range files {
		rel := corpustest.Rel(t, f)
		if testing.Short() && !shortSet(rel) {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			locale := ""
			if strings.Contains(f, "mozilla-legal") {
				locale = strings.TrimSuffix(filepath.Base(f), ".md")
			}
			data, doc, diags := convert(t, f, locale, false)
			for _, d := range diags {
				if d.Code == "missing-glyph" {
					t.Errorf("%s", d)
				}
			}
			if dir := os.Getenv("GALLEY_PDF_KEEP"); dir != "" {
				out := filepath.Join(dir, strings.ReplaceAll(rel, "/", "_")+".pdf")
				if err := os.WriteFile(out, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pdf.CheckPDF(t, rel, data, doc)
		})
	}
}

// TestCorpusDeterministic exports a large notice twice, the second time
// with a table of contents and back, and compares bytes.
func TestCorpusDeterministic(t *testing.T) {
	files := corpusFiles(t)
	a, _, _ := convert(t, files[0], "", true)
	b, _, _ := convert(t, files[0], "", true)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the PyPI notice differ")
	}
}

// shortSet is the subset of the corpus checked under -short: the PyPI
// notice and the Firefox notice in the locales the brief names.
func shortSet(rel string) bool {
	if strings.HasPrefix(rel, "pypi-docs") {
		return true
	}
	for _, loc := range []string{"en", "de", "ru", "ja", "zh-CN"} {
		if rel == "mozilla-legal/firefox_privacy_notice/"+loc+".md" {
			return true
		}
	}
	return false
}
