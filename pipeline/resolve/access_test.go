package resolve

import (
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/diag"
)

// TestAccessibilityWarnings pins the source problems tagged PDF and
// accessible HTML cannot repair: a skipped heading level, an empty header
// cell, an image without alt text; each once, with its line.
func TestAccessibilityWarnings(t *testing.T) {
	src := "# Notice\n\n## Scope\n\n#### Too deep\n\n## Back\n\n| Data | |\n|---|---|\n| a | b |\n\n![](chart.png) and ![A chart](chart.png)\n\n| | |\n|---|---|\n| no header row | at all |\n"
	doc := read(t, src)
	sink := &diag.Sink{}
	if err := Document(doc, Options{LinkExt: "html", SourceDir: t.TempDir(), DisplayPath: "doc.md", Diag: sink}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range sink.All() {
		if d.Code == "heading-skip" || d.Code == "empty-header" || d.Code == "missing-alt" {
			got = append(got, d.Code+" "+strings.SplitN(d.String(), ":", 3)[1])
		}
	}
	want := []string{"heading-skip 5", "empty-header 9", "missing-alt 13"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("warnings %v, want %v\n%v", got, want, sink.All())
	}
}
