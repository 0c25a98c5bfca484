package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

// vnuJar finds the Nu HTML Checker: $GALLEY_VNU_JAR, else the npm vnu-jar
// package installed under /tmp/vnu or ./node_modules.
func vnuJar() string {
	if p := os.Getenv("GALLEY_VNU_JAR"); p != "" {
		return p
	}
	for _, p := range []string{
		"/tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
		"node_modules/vnu-jar/build/dist/vnu.jar",
		"/usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar",
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// headingSkip matches the checker's message about a document's outline
// skipping heading levels (`#` followed by `###` in the source).
var headingSkip = regexp.MustCompile(`^The heading “h[1-6]” \(with computed level \d\) follows the heading “h[1-6]” \(with computed level \d\), skipping \d heading levels?\.$`)

// mdReader reads raw HTML blocks into tree nodes too, as the pipeline does.
var mdReader = markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))

// pipelineDoc reads a corpus document and runs the resolve stage on it (ids,
// dates, link targets), as the export pipeline does before the exporter.
func pipelineDoc(src []byte, path string) (*tree.Document, error) {
	doc, err := mdReader.Read(src, path)
	if err != nil {
		return nil, err
	}
	doc.Meta.Locale, doc.Meta.Direction = "en", "ltr"
	rev := &tree.DateInfo{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Source: tree.FromFlag}
	err = resolve.Document(doc, resolve.Options{Dates: resolve.Dates{Revision: rev, Creation: rev, SiteRevision: rev}, LinkExt: "html"})
	return doc, err
}

type vnuMessage struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	Message  string `json:"message"`
	LastLine int    `json:"lastLine"`
	Extract  string `json:"extract"`
}

// TestValidHTML5 writes the standalone page of every corpus document (and of
// the fixture) and checks them all with one run of the Nu HTML Checker:
// there must be no errors. It needs java and vnu.jar (npm install --prefix
// /tmp/vnu vnu-jar, or GALLEY_VNU_JAR=path).
func TestValidHTML5(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the Nu HTML Checker run")
	}
	jar := vnuJar()
	if jar == "" {
		t.Skip("vnu.jar not found (npm install --prefix /tmp/vnu vnu-jar, or set GALLEY_VNU_JAR); skipping HTML5 validation")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java not found; skipping HTML5 validation")
	}
	files := corpustest.Markdown(t)
	dir := t.TempDir()
	var pages []string
	write := func(name string, page []byte) {
		p := filepath.Join(dir, fmt.Sprintf("%03d-%s.html", len(pages), name))
		if err := os.WriteFile(p, page, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pipelineDoc(src, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := New().Export(&buf, doc, exporters.Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		write(strings.TrimSuffix(filepath.Base(f), ".md"), buf.Bytes())
	}
	var buf bytes.Buffer
	if err := New().Export(&buf, fixture(t), exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	write("fixture", buf.Bytes())

	args := append([]string{"-jar", jar, "--errors-only", "--format", "json"}, pages...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // exit status 1 when there are errors; the report says which
	out := stderr.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		out = stdout.Bytes()
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("cannot read the checker's report: %v\n%s", err, out)
	}
	errs, skips := 0, 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		// The documents' own heading outline: galley keeps the author's
		// levels (ids, links and the PDF outline depend on them).
		if headingSkip.MatchString(m.Message) {
			skips++
			continue
		}
		errs++
		if errs <= 400 {
			t.Errorf("%s:%d: %s\n    %s", filepath.Base(m.URL), m.LastLine, m.Message, strings.TrimSpace(m.Extract))
		}
	}
	t.Logf("Nu HTML Checker: %d pages, %d errors; %d skipped heading levels in the documents' own outlines (not counted)", len(pages), errs, skips)
}
