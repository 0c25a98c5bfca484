package pdfcheck_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestGalleyOutputPasses exports a document with every kind of block the
// rules look at and checks it against every rule; GALLEY_PDFCHECK=FILE
// checks a file of one's own instead.
func TestGalleyOutputPasses(t *testing.T) {
	var data []byte
	if f := os.Getenv("GALLEY_PDFCHECK"); f != "" {
		var err error
		if data, err = os.ReadFile(filepath.Clean(f)); err != nil {
			t.Fatal(err)
		}
	} else {
		var buf bytes.Buffer
		if err := pdf.New().Export(&buf, sampleDoc(), exporters.Options{TOC: true}); err != nil {
			t.Fatal(err)
		}
		data = buf.Bytes()
	}
	vs, err := pdfcheck.Check(data, pdfcheck.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
}

func txt(s string) tree.Inline { return &tree.Text{Text: s} }

func sampleDoc() *tree.Document {
	yes := true
	return &tree.Document{
		Meta: tree.Meta{Title: "Sample notice", Locale: "en", Source: tree.Source{Path: "sample.md", Format: "markdown"}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, ID: "sample-notice", Content: []tree.Inline{txt("Sample notice")}},
			&tree.Paragraph{Content: []tree.Inline{txt("See "), &tree.Link{URL: "#rights", Content: []tree.Inline{txt("your rights")}},
				txt(" and "), &tree.Link{URL: "https://example.org/", Content: []tree.Inline{txt("our site")}},
				txt("."), &tree.FootnoteRef{ID: "1", Index: 1}}},
			&tree.Heading{Level: 3, ID: "skipped", Content: []tree.Inline{txt("A skipped level")}},
			&tree.List{Items: []*tree.ListItem{
				{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("One")}}}},
				{Task: &yes, Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Two")}},
					&tree.List{Ordered: true, Start: 1, Items: []*tree.ListItem{{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Nested")}}}}}}}},
			}},
			&tree.Heading{Level: 2, ID: "rights", Content: []tree.Inline{txt("Your rights")}},
			&tree.Table{Aligns: []tree.Align{"", ""},
				Head: []*tree.Row{{Cells: []*tree.Cell{{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Right")}}}}, {Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("How")}}}}}}},
				Body: []*tree.Row{{Cells: []*tree.Cell{{ColSpan: 2, Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Access"), &tree.Anchor{ID: "access"}}}}}}}},
			},
			&tree.Quote{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Quoted.")}}}},
			&tree.CodeBlock{Text: "code line\n"},
			&tree.Admonition{Kind: "note", Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("Noted.")}}}},
			&tree.ThematicBreak{},
		},
		Footnotes: []*tree.Footnote{{ID: "1", Index: 1, Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{txt("A footnote.")}}}}},
	}
}
