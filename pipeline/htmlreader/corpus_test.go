package htmlreader

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

func corpusFiles(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpustest.Dir(t), pattern))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus files match %s", pattern)
	}
	return files
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

var trTag = regexp.MustCompile(`(?i)<tr[\s>]`)

// TestMozillaTables reads every Mozilla notice through the Markdown reader
// with this package as its HTML block reader: each raw <table> block must
// give a tree.Table with as many rows as the source has <tr>s, whose cells
// hold the words of the HTML cells, anchors included.
func TestMozillaTables(t *testing.T) {
	reader := markdown.NewReader(markdown.WithHTMLBlocks(BlockReader(Options{})))
	for _, f := range corpusFiles(t, "mozilla-legal/*/*.md") {
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := reader.Read(src, name)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			tables := 0
			tree.Walk(doc.Blocks, func(b tree.Block) bool {
				hb, ok := b.(*tree.HTMLBlock)
				if !ok || !strings.Contains(strings.ToLower(hb.HTML), "<table") {
					return true
				}
				tables++
				checkHTMLTable(t, hb)
				return false
			})
			if tables == 0 {
				t.Fatal("no raw HTML table found")
			}
			// Each link's line holds its URL.
			lines := strings.Split(string(src), "\n")
			for _, in := range allInlines(doc) {
				if l, ok := in.(*tree.Link); ok && l.Line > 0 && l.Line <= len(lines) && strings.Contains(lines[l.Line-1], "<a ") {
					if !strings.Contains(lines[l.Line-1], l.URL) {
						t.Errorf("link %q reported at line %d: %q", l.URL, l.Line, lines[l.Line-1])
					}
				}
			}
		})
	}
}

func checkHTMLTable(t *testing.T, hb *tree.HTMLBlock) {
	t.Helper()
	var tbl *tree.Table
	tree.Walk(hb.Blocks, func(b tree.Block) bool {
		if x, ok := b.(*tree.Table); ok && tbl == nil {
			tbl = x
		}
		return tbl == nil
	})
	if tbl == nil {
		t.Fatalf("line %d: HTML block has no tree.Table: %s", hb.Pos.Line, dump(&tree.Document{Blocks: hb.Blocks}))
	}
	rows := append(append([]*tree.Row{}, tbl.Head...), tbl.Body...)
	if want := len(trTag.FindAllString(hb.HTML, -1)); len(rows) != want {
		t.Fatalf("line %d: %d rows, source has %d <tr>", hb.Pos.Line, len(rows), want)
	}
	if len(tbl.Head) != 1 {
		t.Errorf("line %d: %d head rows, want the <thead> row", hb.Pos.Line, len(tbl.Head))
	}
	// Compare cell words with the source's cells, row by row.
	srcRows := htmlCells(t, hb.HTML)
	if len(srcRows) != len(rows) {
		t.Fatalf("line %d: parsed %d source rows", hb.Pos.Line, len(srcRows))
	}
	lists, anchors := 0, 0
	for i, r := range rows {
		if len(r.Cells) != len(srcRows[i]) {
			t.Errorf("line %d row %d: %d cells, source has %d", hb.Pos.Line, i, len(r.Cells), len(srcRows[i]))
			continue
		}
		for j, cell := range r.Cells {
			got := cellText(cell)
			gotWords := map[string]bool{}
			for _, w := range strings.Fields(got) {
				gotWords[w] = true
			}
			for _, w := range strings.Fields(srcRows[i][j].text) {
				if !gotWords[w] {
					t.Errorf("line %d row %d cell %d: word %q missing from %q", hb.Pos.Line, i, j, w, got)
					break
				}
			}
			for _, id := range srcRows[i][j].anchors {
				if !cellHasAnchor(cell, id) {
					t.Errorf("line %d row %d cell %d: anchor %q lost", hb.Pos.Line, i, j, id)
				}
				anchors++
			}
			tree.Walk(cell.Blocks, func(b tree.Block) bool {
				if _, ok := b.(*tree.List); ok {
					lists++
				}
				return true
			})
		}
	}
	// Links carry their own line of the Markdown file.
	last := hb.Pos.Line + strings.Count(hb.HTML, "\n")
	for _, in := range allInlines(&tree.Document{Blocks: hb.Blocks}) {
		if l, ok := in.(*tree.Link); ok && (l.Line < hb.Pos.Line || l.Line > last) {
			t.Errorf("link %q at line %d, outside the block's lines %d-%d", l.URL, l.Line, hb.Pos.Line, last)
		}
	}
	if strings.Contains(hb.HTML, "<ul>") && lists == 0 {
		t.Errorf("line %d: the cells' <ul> lists did not become tree lists", hb.Pos.Line)
	}
	if strings.Contains(hb.HTML, "<a id=") && anchors == 0 {
		t.Errorf("line %d: no anchors found in the source cells", hb.Pos.Line)
	}
}

type srcCell struct {
	text    string
	anchors []string
}

// htmlCells returns the text and anchor ids of every cell of the first
// table in fragment, row by row, straight from the DOM.
func htmlCells(t *testing.T, fragment string) [][]srcCell {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]srcCell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			var row []srcCell
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					sc := srcCell{text: textContent(c)}
					for x := c; x != nil; x = next(c, x) {
						if x.Type == html.ElementNode && x.DataAtom == atom.A && attr(x, "id") != "" {
							sc.anchors = append(sc.anchors, attr(x, "id"))
						}
					}
					row = append(row, sc)
				}
			}
			out = append(out, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func cellText(c *tree.Cell) string {
	var sb strings.Builder
	tree.Walk(c.Blocks, func(b tree.Block) bool {
		for _, l := range tree.InlineLists(b) {
			sb.WriteString(tree.PlainText(*l))
			sb.WriteByte(' ')
		}
		return true
	})
	return sb.String()
}

func cellHasAnchor(c *tree.Cell, id string) bool {
	found := false
	tree.Walk(c.Blocks, func(b tree.Block) bool {
		for _, l := range tree.InlineLists(b) {
			tree.WalkInlines(*l, func(in tree.Inline) {
				if isAnchor(in, id) {
					found = true
				}
			})
		}
		return true
	})
	return found
}

// TestCorpusHTMLBlocks reads every Markdown file of the corpus with raw HTML
// blocks through this package: no error, and no script text in any tree.
func TestCorpusHTMLBlocks(t *testing.T) {
	reader := markdown.NewReader(markdown.WithHTMLBlocks(BlockReader(Options{})))
	var files []string
	for _, p := range []string{"mozilla-legal/*/*.md", "pypi-docs/*/*.md", "pypi-docs/*/*/*.md", "pypi-docs/*/*/*/*.md", "pypi-docs/*/*/*/*/*.md", "github-site-policy/Policies/*/*.md"} {
		m, _ := filepath.Glob(filepath.Join(corpustest.Dir(t), p))
		files = append(files, m...)
	}
	if len(files) == 0 {
		corpusFiles(t, "*/*.md") // skips
	}
	blocks := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := reader.Read(src, f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		tree.Walk(doc.Blocks, func(b tree.Block) bool {
			hb, ok := b.(*tree.HTMLBlock)
			if !ok {
				return true
			}
			blocks++
			if text := plain(&tree.Document{Blocks: hb.Blocks}); strings.Contains(text, "widgets.js") || strings.Contains(text, "function(") {
				t.Errorf("%s:%d: script text in tree: %q", f, hb.Pos.Line, text)
			}
			return false
		})
	}
	if blocks == 0 {
		t.Error("no HTML blocks found in the corpus")
	}
}
