package pdf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestNoWidowsOrOrphans: no page ends with the first line of a paragraph
// that goes on over the page, and none starts with the last line of one
// (corpus report F-8: the PSF Privacy Notice's last page held only
// "practical time."). Paragraphs of 1 to 6 lines (hard breaks), after 0 to
// 20 one-line paragraphs, put their lines at every place on a page; the
// lines are read back per page with pdftotext.
func TestNoWidowsOrOrphans(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext not installed (Debian poppler-utils); skipping")
	}
	lineRE := regexp.MustCompile(`^P(\d+)L(\d+)of(\d+)$`)
	for lead := 0; lead <= 20; lead += 4 {
		var blocks []tree.Block
		for i := 0; i < lead; i++ {
			blocks = append(blocks, para(1, txt(fmt.Sprintf("P%dL1of1", 1000+i))))
		}
		for p := 0; p < 60; p++ {
			n := p%6 + 1
			var content []tree.Inline
			for k := 1; k <= n; k++ {
				if k > 1 {
					content = append(content, &tree.LineBreak{})
				}
				content = append(content, txt(fmt.Sprintf("P%dL%dof%d", p, k, n)))
			}
			blocks = append(blocks, para(1, content...))
		}
		doc := &tree.Document{Meta: tree.Meta{Title: "Widows", Locale: "en"}, Blocks: blocks}
		data, diags := export(t, doc, exporters.Options{})
		for _, d := range diags {
			t.Errorf("%s", d)
		}
		file := filepath.Join(t.TempDir(), "w.pdf")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pages := 0
		for pg := 1; ; pg++ {
			out, err := exec.Command("pdftotext", "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg), file, "-").Output()
			if err != nil {
				break // past the last page
			}
			var body [][]string
			for _, l := range strings.Fields(string(out)) {
				if m := lineRE.FindStringSubmatch(l); m != nil {
					body = append(body, m[1:])
				}
			}
			if len(body) == 0 {
				break
			}
			pages++
			first, last := body[0], body[len(body)-1]
			if first[1] == first[2] && first[1] != "1" {
				t.Errorf("lead %d, page %d starts with the last line of a paragraph alone: P%sL%sof%s", lead, pg, first[0], first[1], first[2])
			}
			if last[1] == "1" && last[2] != "1" {
				t.Errorf("lead %d, page %d ends with the first line of a paragraph alone: P%sL1of%s", lead, pg, last[0], last[2])
			}
		}
		if pages < 3 {
			t.Fatalf("lead %d: %d pages, want several", lead, pages)
		}
	}
}
