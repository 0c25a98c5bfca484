package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestStreamedPages: a document drawn page by page as it is laid out (as
// one longer than holdPages is), with holes for its page total and
// contents filled in at the end, is the same document as when it is drawn
// once laid out: the same objects, the same page content once
// decompressed, the same structure tree. Only the compressed bytes differ.
// With a table of contents, a page number written into a hole starts a
// text object of its own, so for those the text and the checks are
// compared. Each file passes CheckPDF.
func TestStreamedPages(t *testing.T) {
	type input struct {
		name string
		doc  *tree.Document
		opts exporters.Options
	}
	kitchen := kitchenSink()
	inputs := []input{
		{"kitchen-sink", kitchen, exporters.Options{Media: mediaOf(kitchen)}},
		{"kitchen-sink-untagged", kitchen, exporters.Options{Media: mediaOf(kitchen), NoTags: true}},
		{"footnotes", hostileDoc(t, "footnotes", 300), exporters.Options{}},
	}
	var files []string
	for _, lang := range []string{"en", "ja", "ru"} {
		files = append(files, corpustest.Path(t, "mozilla-legal/firefox_privacy_notice/"+lang+".md"))
	}
	files = append(files, corpustest.Path(t, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markdown.Read(src, filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"corpus-" + filepath.Base(filepath.Dir(f)) + "-" + filepath.Base(f), doc, exporters.Options{}})
	}
	inputs = append(inputs, input{"kitchen-sink-toc", kitchen, exporters.Options{Media: mediaOf(kitchen), TOC: true}})
	for _, in := range inputs {
		held, _ := export(t, in.doc, in.opts)
		saved := holdPages
		holdPages = 0
		streamed, _ := export(t, in.doc, in.opts)
		holdPages = saved
		if bytes.Equal(held, streamed) {
			t.Errorf("%s: streamed the same bytes as held: no holes?", in.name)
		}
		CheckPDF(t, in.name+"-streamed", streamed, in.doc)
		if in.opts.TOC {
			if a, b := textOf(t, held), textOf(t, streamed); a != b {
				t.Errorf("%s: the text of the streamed file differs:\n%s\nheld:\n%s", in.name, b, a)
			}
			continue
		}
		a, b := objectsOf(t, held), objectsOf(t, streamed)
		if len(a) != len(b) {
			t.Errorf("%s: %d objects streamed, %d held", in.name, len(b), len(a))
			continue
		}
		for i := range a {
			if a[i] != b[i] {
				k := 0
				for k < min(len(a[i]), len(b[i])) && a[i][k] == b[i][k] {
					k++
				}
				from := max(0, k-150)
				t.Errorf("%s: object %d differs streamed at byte %d:\n%q\nheld:\n%q", in.name, i+1, k, b[i][from:min(len(b[i]), k+150)], a[i][from:min(len(a[i]), k+150)])
				break
			}
		}
	}
}

// hostileDoc returns the hostile input name (hostileInputs) at size n.
func hostileDoc(t *testing.T, name string, n int) *tree.Document {
	t.Helper()
	doc, err := markdown.Read([]byte(hostileSource(name, n)), name+".md")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// hostileSource returns the source of hostile input name at size n.
func hostileSource(name string, n int) string {
	for _, in := range hostileInputs {
		if in.name == name {
			return in.make(n)
		}
	}
	panic("no hostile input " + name)
}

// objectsOf returns the objects of a PDF file in order, each stream
// decompressed, leaving out the cross-reference stream (its offsets differ
// with the compressed bytes).
func objectsOf(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`)
	stream := regexp.MustCompile(`(?s)^(<<.*?/Length )(\d+)(.*?>>)\nstream\n`)
	for _, m := range re.FindAllSubmatch(data, -1) {
		body := m[2]
		if s := stream.FindSubmatchIndex(body); s != nil {
			dict := string(body[s[2]:s[3]]) + string(body[s[6]:s[7]])
			if strings.Contains(dict, "/XRef") {
				continue
			}
			n, _ := strconv.Atoi(string(body[s[4]:s[5]]))
			raw := body[s[1] : s[1]+n]
			if strings.Contains(dict, "/FlateDecode") {
				r, err := zlib.NewReader(bytes.NewReader(raw))
				if err != nil {
					t.Fatalf("object %s: %v", m[1], err)
				}
				if raw, err = io.ReadAll(r); err != nil {
					t.Fatalf("object %s: %v", m[1], err)
				}
			}
			body = append([]byte(dict+"\n"), raw...)
		}
		out = append(out, string(m[1])+": "+string(body))
	}
	return out
}

// textOf returns the text pdftotext reads from a PDF (skipping the test
// without it).
func textOf(t *testing.T, data []byte) string {
	t.Helper()
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
