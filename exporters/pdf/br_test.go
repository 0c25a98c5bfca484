package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestRawBreaks: a <br> in raw inline HTML (an address in a paragraph, the
// lines of a table cell, as GitHub's and Mozilla's policies write them)
// breaks the line, as it does in the HTML and text exports.
func TestRawBreaks(t *testing.T) {
	if !have("pdftotext") {
		t.Skip("pdftotext (poppler-utils) not installed; skipping")
	}
	text := func(s string) tree.Inline { return &tree.Text{Text: s} }
	br := func(h string) tree.Inline { return &tree.RawHTML{HTML: h} }
	para := func(in ...tree.Inline) *tree.Paragraph { return &tree.Paragraph{Content: in} }
	cell := func(in ...tree.Inline) *tree.Cell { return &tree.Cell{Blocks: []tree.Block{para(in...)}} }
	doc := &tree.Document{Meta: tree.Meta{Title: "Breaks", Locale: "en"}, Blocks: []tree.Block{
		para(text("Alpha Street 1"), br("<br>"), text("Bravo City"), br("<BR />"), text("Charlie Land")),
		&tree.Table{
			Head: []*tree.Row{{Cells: []*tree.Cell{cell(text("Kind")), cell(text("Examples"))}}},
			Body: []*tree.Row{
				{Cells: []*tree.Cell{cell(text("Contact")), cell(text("Delta name"), br(`<br class="x">`), text("Echo email"))}},
				// A list written inline in a cell, as GitHub-style pipe tables do.
				{Cells: []*tree.Cell{cell(text("Sign in")), cell(br("<ul>"), br("<li>"), text("Hotel hash"), br("</li>"), br("<li>"), text("India token"), br("</li>"), br("</ul>"))}},
			},
		},
		para(text("Foxtrot"), br("<bravo>"), text("Golf")),
	}}
	data, _ := export(t, doc, exporters.Options{Producer: "galley test"})
	file := filepath.Join(t.TempDir(), "br.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	lines := map[string]bool{}
	for _, ln := range strings.Split(string(out), "\n") {
		lines[strings.TrimSpace(ln)] = true
	}
	for _, want := range []string{"Alpha Street 1", "Bravo City", "Charlie Land"} {
		if !lines[want] {
			t.Errorf("no line %q: a <br> did not break the line\n%s", want, out)
		}
	}
	for _, word := range []string{"Delta name", "Echo email"} {
		found := false
		for ln := range lines {
			if strings.HasSuffix(ln, word) && !strings.Contains(ln, "Delta name Echo") && !strings.Contains(ln, "nameEcho") {
				found = true
			}
		}
		if !found {
			t.Errorf("the table cell's <br> did not break its line (%q)\n%s", word, out)
		}
	}
	// Block tags written inline (a list in a cell) set each item on a
	// line of its own, with a bullet, as a browser shows it.
	for _, item := range []string{"• Hotel hash", "• India token"} {
		found := false
		for ln := range lines {
			if strings.HasSuffix(ln, item) {
				found = true
			}
		}
		if !found {
			t.Errorf("no line ending %q: the items of an inline <ul> ran together\n%s", item, out)
		}
	}
	// Only a <br> or a block tag breaks: an inline tag does not.
	if !strings.Contains(string(out), "FoxtrotGolf") {
		t.Errorf("a tag other than <br> broke the line\n%s", out)
	}
}
