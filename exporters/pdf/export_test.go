package pdf

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

var keep = flag.String("keep", "", "directory to write the test PDFs to (for looking at them)")

func export(t testing.TB, doc *tree.Document, opts exporters.Options) ([]byte, []diag.Diagnostic) {
	t.Helper()
	var sink diag.Sink
	opts.Diag = &sink
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, opts); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes(), sink.All()
}

func save(t *testing.T, name string, data []byte) {
	if *keep == "" {
		return
	}
	if err := os.MkdirAll(*keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*keep, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestKitchenSink(t *testing.T) {
	doc := kitchenSink()
	for _, paper := range []string{"a4", "letter"} {
		for _, toc := range []bool{false, true} {
			opts := exporters.Options{Producer: "galley test", Paper: paper, TOC: toc, Media: mediaOf(doc)}
			data, diags := export(t, doc, opts)
			name := "kitchen-" + paper
			if toc {
				name += "-toc"
			}
			save(t, name+".pdf", data)
			CheckPDF(t, name, data, doc)
			var msgs []string
			for _, d := range diags {
				msgs = append(msgs, d.String())
			}
			all := strings.Join(msgs, "\n")
			for _, want := range []string{
				"notice.md:101: no embedded font has a glyph for U+10000 (𐀀)",
				"notice.md:101: no embedded font has a glyph for U+E000",
				// Line 94's image file is missing: the resolve stage reports
				// that, for every format, so the PDF exporter does not.
				"notice.md:95: image corrupt.png",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("%s: missing warning %q in:\n%s", name, want, all)
				}
			}
			if len(diags) != 3 {
				t.Errorf("%s: %d warnings, want 3:\n%s", name, len(diags), all)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	doc := kitchenSink()
	opts := exporters.Options{Producer: "galley test", TOC: true}
	a, _ := export(t, doc, opts)
	b, _ := export(t, doc, opts)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same document differ")
	}
	// Concurrent exports give the same bytes too.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, opts); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(a, o) {
			t.Errorf("concurrent export %d differs", i)
		}
	}
}

func TestMetadata(t *testing.T) {
	doc := kitchenSink()
	data, _ := export(t, doc, exporters.Options{Producer: "galley 1.2.3"})
	for _, want := range []string{
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>U</pdfaid:conformance>",
		"<xmp:CreateDate>2025-12-16T10:30:00Z</xmp:CreateDate>",
		"<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>",
		"<dc:creator><rdf:Seq><rdf:li>Galley Test Author</rdf:li></rdf:Seq></dc:creator>",
		"<dc:publisher><rdf:Bag><rdf:li>Galley Foundation</rdf:li></rdf:Bag></dc:publisher>",
		"<pdf:Producer>galley 1.2.3</pdf:Producer>",
		"/CreationDate (D:20251216103000+00'00')", "/OutputIntents", "/S /GTS_PDFA1", "/Lang (en)",
		"/F 4 ", "/ID [<",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !have("pdfinfo") {
		t.Skip("poppler-utils not installed (apt-get install -y poppler-utils)")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "m.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"Title:           Privacy Notice", "Author:          Galley Test Author", "Producer:        galley 1.2.3", "Page size:       595.28 x 841.89 pts (A4)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	out, err = exec.Command("pdfinfo", "-dests", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo -dests: %v\n%s", err, out)
	}
}

func TestDoesNotModifyTree(t *testing.T) {
	doc := kitchenSink()
	before := kitchenSink()
	export(t, doc, exporters.Options{TOC: true})
	var a, b bytes.Buffer
	if err := New().Export(&a, doc, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := New().Export(&b, before, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("exporting changed the document")
	}
}

func TestBadInput(t *testing.T) {
	var buf bytes.Buffer
	if err := New().Export(&buf, nil, exporters.Options{}); err == nil {
		t.Error("nil document: no error")
	}
	if err := New().Export(&buf, &tree.Document{}, exporters.Options{Paper: "a5"}); err == nil {
		t.Error("unknown paper: no error")
	}
	// An empty document still gives a valid file.
	data, _ := export(t, &tree.Document{}, exporters.Options{})
	CheckPDF(t, "empty", data, &tree.Document{})
}

func TestNavigation(t *testing.T) {
	data, _ := export(t, kitchenSink(), exporters.Options{})
	// External link, internal GoTo links (to a heading and to an anchor in a
	// table cell), and one outline entry for the title plus one per heading.
	for _, want := range []string{"/URI (https://www.mozilla.org/privacy/)", "/Subtype /Link /Rect", "/Border [0 0 0] /F 4 "} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Outline entries: the title and the three headings after the leading H1.
	if got := bytes.Count(data, []byte("<</Title ")); got != 4 {
		t.Errorf("%d outline entries, want 4", got)
	}
	// Each outline entry has a /Dest, and so does each internal link: "your
	// rights", the anchored table cell, the footnote reference.
	if got := bytes.Count(data, []byte("/Dest [")); got < 4+3 {
		t.Errorf("%d destinations, want at least 7", got)
	}
}

func TestOnlyUsedFacesEmbedded(t *testing.T) {
	doc := &tree.Document{Meta: tree.Meta{Title: "Plain"}, Blocks: []tree.Block{para(1, txt("Plain text only."))}}
	data, _ := export(t, doc, exporters.Options{})
	// Title (bold) and body and footer (regular): two faces.
	if n := bytes.Count(data, []byte("/Subtype /Type0")); n != 2 {
		t.Errorf("%d fonts embedded, want 2", n)
	}
}
