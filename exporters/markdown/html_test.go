package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/htmlreader"
)

// TestHTMLToMarkdown converts testdata/html/*.html (read with the HTML
// reader, as `galley convert -t md` does) to Markdown, compares with the
// golden file and checks that reading the Markdown back keeps the outline,
// apart from what Markdown cannot say (cells with several blocks are
// flattened; dates become their text).
func TestHTMLToMarkdown(t *testing.T) {
	// Outline lines of notice.html that differ by design: the table cells
	// with a list or two paragraphs, flattened with <br>, and the column span,
	// which becomes an empty cell.
	knownLoss := map[int]bool{27: true, 28: true}
	files, _ := filepath.Glob("testdata/html/*.html")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := htmlreader.Read(src, filepath.Base(f), htmlreader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := write(t, doc)
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		path := filepath.Join("testdata/html", name+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if want, err := os.ReadFile(path); err != nil {
			t.Fatalf("%v (run go test -update)", err)
		} else if got != string(want) {
			t.Errorf("%s: output differs from %s:\n%s", f, path, got)
		}
		back := read(t, []byte(got), name+".md")
		// The Markdown reader takes the title from front matter only; the
		// writer leaves it out when it is the first heading's text.
		a, b := outline(doc)[1:], outline(back)
		for i := 0; i < max(len(a), len(b)); i++ {
			x, y := "<none>", "<none>"
			if i < len(a) {
				x = a[i]
			}
			if i < len(b) {
				y = b[i]
			}
			if strings.Join(strings.Fields(x), " ") != strings.Join(strings.Fields(y), " ") && !knownLoss[i+1] {
				t.Errorf("%s: outline line %d:\n HTML: %s\n   md: %s", f, i+1, x, y)
			}
		}
		if out2 := write(t, back); out2 != got {
			t.Errorf("%s: Markdown → Markdown is not stable:\n%s", f, out2)
		}
	}
}
