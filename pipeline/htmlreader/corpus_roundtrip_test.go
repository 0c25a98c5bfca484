package htmlreader

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestCorpusRoundTrip exports every corpus document with galley's HTML
// exporter and reads the page back: the words of every block must come
// back, in order, and the block structure (headings, lists, tables,
// admonitions, footnotes) must match.
func TestCorpusRoundTrip(t *testing.T) {
	files := corpustest.Markdown(t)
	reader := markdown.NewReader(markdown.WithHTMLBlocks(BlockReader(Options{})))
	for _, f := range files {
		rel := corpustest.Rel(t, f)
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			md, err := reader.Read(src, rel)
			if err != nil {
				t.Fatalf("markdown: %v", err)
			}
			page := htmlexp.Render(md, exporters.Options{RawHTML: exporters.RawDrop})
			back, err := Read([]byte(page), rel, Options{})
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			want, got := shape(inlineHTMLBlocks(md.Blocks)), shape(back.Blocks)
			if want != got {
				t.Errorf("structure differs:\n%s", firstDiff(want, got))
			}
			wantText, gotText := words(md), words(back)
			if wantText != gotText {
				t.Errorf("text differs:\n%s", firstDiff(wantText, gotText))
			}
		})
	}
}

// inlineHTMLBlocks replaces HTML blocks by the blocks read from them, as the
// exporter does in drop mode.
func inlineHTMLBlocks(blocks []tree.Block) []tree.Block {
	var out []tree.Block
	for _, b := range blocks {
		if hb, ok := b.(*tree.HTMLBlock); ok {
			out = append(out, inlineHTMLBlocks(hb.Blocks)...)
			continue
		}
		out = append(out, b)
	}
	return out
}

// shape is the block outline of a tree: kinds and nesting, no text.
func shape(blocks []tree.Block) string {
	var sb strings.Builder
	var walk func([]tree.Block, int)
	walk = func(blocks []tree.Block, depth int) {
		for _, b := range inlineHTMLBlocks(blocks) {
			sb.WriteString(strings.Repeat(" ", depth))
			switch b := b.(type) {
			case *tree.Heading:
				sb.WriteString("heading\n")
			case *tree.Paragraph:
				sb.WriteString("para\n")
			case *tree.List:
				sb.WriteString("list\n")
				for _, it := range b.Items {
					walk(it.Blocks, depth+1)
				}
			case *tree.Table:
				sb.WriteString("table\n")
				for _, r := range append(append([]*tree.Row{}, b.Head...), b.Body...) {
					for _, c := range r.Cells {
						walk(c.Blocks, depth+1)
					}
				}
			default:
				sb.WriteString(typeName(b) + "\n")
				for _, ch := range tree.Children(b) {
					walk(ch, depth+1)
				}
			}
		}
	}
	walk(blocks, 0)
	return sb.String()
}

func typeName(b tree.Block) string {
	switch b.(type) {
	case *tree.Quote:
		return "quote"
	case *tree.CodeBlock:
		return "code"
	case *tree.ThematicBreak:
		return "hr"
	case *tree.Admonition:
		return "admonition"
	case *tree.Tabs:
		return "tabs"
	}
	return "other"
}

// words returns the document's text as words, one block a line.
func words(doc *tree.Document) string {
	var sb strings.Builder
	visit := func(b tree.Block) bool {
		for _, l := range tree.InlineLists(b) {
			sb.WriteString(strings.Join(strings.Fields(tree.PlainText(*l)), " "))
			sb.WriteByte('\n')
		}
		if cb, ok := b.(*tree.CodeBlock); ok {
			sb.WriteString(cb.Text)
		}
		return true
	}
	tree.Walk(inlineHTMLBlocks(doc.Blocks), visit)
	for _, f := range doc.Footnotes {
		tree.Walk(f.Blocks, visit)
	}
	return sb.String()
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + a + "\n  got  " + b
		}
	}
	return ""
}
