package builtin

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// sample returns a document holding one node of every type, each with a
// word of its own, and the word of each type. A type whose node carries no
// text (a break, an anchor) maps to "".
func sample() (*tree.Document, map[string]string) {
	words := map[string]string{}
	w := func(typ, word string) string { words[typ] = word; return word }
	text := func(typ, word string) []tree.Inline { return []tree.Inline{&tree.Text{Text: w(typ, word)}} }
	para := func(in ...tree.Inline) *tree.Paragraph { return &tree.Paragraph{Content: in} }
	checked := true
	doc := &tree.Document{
		Meta: tree.Meta{Title: "Coverage", Locale: "en", Direction: "ltr",
			Revision: &tree.DateInfo{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Source: tree.FromFlag}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, ID: "cov", Content: text("Heading", "headingword")},
			para(&tree.Text{Text: w("Text", "textword") + " "},
				&tree.Emphasis{Content: text("Emphasis", "emphasisword")}, &tree.SoftBreak{},
				&tree.Strong{Content: text("Strong", "strongword")}, &tree.LineBreak{},
				&tree.Strikethrough{Content: text("Strikethrough", "strikeword")}, &tree.Text{Text: " "},
				&tree.Code{Text: w("Code", "codeword")}, &tree.Text{Text: " "},
				&tree.Link{URL: "https://example.org/", Target: "https://example.org/", Content: text("Link", "linkword")},
				&tree.Text{Text: " "}, &tree.Image{URL: "https://example.org/i.png", Alt: w("Image", "imageword")},
				&tree.Anchor{ID: "here"}, &tree.Text{Text: " "},
				&tree.FootnoteRef{ID: "n", Index: 1},
				&tree.Text{Text: " "}, &tree.Macro{Name: "unknown_macro", Raw: w("Macro", "macroword")},
				&tree.Text{Text: " "}, &tree.Date{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Style: tree.StyleDate,
					Locale: "en", Source: tree.FromFlag, Text: w("Date", "December 16, 2025")},
				&tree.Text{Text: " "}, &tree.RawHTML{HTML: "<kbd>" + w("RawHTML", "rawinlineword") + "</kbd>"}),
			&tree.List{Ordered: true, Start: 1, Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(text("List", "listword")...)}},
				{Task: &checked, Blocks: []tree.Block{para(text("ListItem", "itemword")...)}},
			}},
			&tree.Quote{Blocks: []tree.Block{para(text("Quote", "quoteword")...)}},
			&tree.CodeBlock{Language: "go", Text: w("CodeBlock", "codeblockword") + "()"},
			&tree.Table{Aligns: []tree.Align{tree.AlignLeft, tree.AlignRight},
				Head: []*tree.Row{{Cells: []*tree.Cell{{Blocks: []tree.Block{para(text("Table", "tableword")...)}}, {Blocks: []tree.Block{para(&tree.Text{Text: "H"})}}}}},
				Body: []*tree.Row{{Cells: []*tree.Cell{{RowSpan: 2, Blocks: []tree.Block{para(text("Row", "rowword")...)}}, {Blocks: []tree.Block{para(text("Cell", "cellword")...)}}}},
					{Cells: []*tree.Cell{{Blocks: []tree.Block{para(&tree.Text{Text: "x"})}}}}}},
			&tree.ThematicBreak{},
			&tree.Admonition{Kind: "warning", Title: text("Admonition", "admonitionword"), Blocks: []tree.Block{para(&tree.Text{Text: "body"})}},
			&tree.Tabs{Tabs: []*tree.Tab{{ID: "t1", Title: text("Tab", "tabword"), Blocks: []tree.Block{para(text("Tabs", "tabsword")...)}}}},
			&tree.HTMLBlock{HTML: "<p>" + "htmlblockword" + "</p>", Blocks: []tree.Block{para(text("HTMLBlock", "htmlblockword")...)}},
			// A redline's marks (package redline).
			para(&tree.Delete{Change: 1, Content: text("Delete", "deleteword")}, &tree.Text{Text: " "},
				&tree.Insert{Change: 1, Content: text("Insert", "insertword")}),
			&tree.BlockChange{Inserted: true, Change: 2, Blocks: []tree.Block{para(text("BlockChange", "blockchangeword")...)}},
		},
		Footnotes: []*tree.Footnote{{ID: "n", Index: 1, Blocks: []tree.Block{para(text("Footnote", "footnoteword")...)}}},
	}
	for _, typ := range []string{"SoftBreak", "LineBreak", "Anchor", "ThematicBreak", "Paragraph", "FootnoteRef", "Cell", "Row"} {
		if _, ok := words[typ]; !ok {
			words[typ] = ""
		}
	}
	return doc, words
}

// nodeTypes lists the tree's node types: the types of package tree with a
// block() or inline() method, read from its source.
func nodeTypes(t *testing.T) []string {
	dir := filepath.Join("..", "..", "pipeline", "tree")
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv == nil || (fn.Name.Name != "block" && fn.Name.Name != "inline") {
					continue
				}
				if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
					out = append(out, star.X.(*ast.Ident).Name)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryNodeInEveryFormat exports a tree holding one node of every type
// to every format: each node's words must be in each export, so a new node
// type that an exporter does not handle cannot silently drop content.
// Raw HTML is markup: the formats that carry it (HTML, JSON, Markdown)
// show it, PDF and text show the tree form of an HTML block.
func TestEveryNodeInEveryFormat(t *testing.T) {
	doc, words := sample()
	types := nodeTypes(t)
	if len(types) < 20 {
		t.Fatalf("found %d node types in package tree; the test is not reading it", len(types))
	}
	for _, typ := range types {
		if _, ok := words[typ]; !ok {
			t.Errorf("node type tree.%s is not in the sample document: add one, with a word of its own", typ)
		}
	}
	reg := Registry()
	for _, name := range reg.Names() {
		exp, _ := reg.Lookup(name)
		var buf bytes.Buffer
		if err := exp.Export(&buf, doc, exporters.Options{RawHTML: exporters.RawTrusted, Wrap: 0}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := buf.String()
		if name == "pdf" {
			got = pdfText(t, buf.Bytes())
			if got == "" {
				continue
			}
		}
		got = strings.Join(strings.Fields(got), " ")
		for typ, word := range words {
			if word == "" || (typ == "RawHTML" && !exp.Traits().CarriesRawHTML) {
				continue
			}
			if !strings.Contains(got, word) {
				t.Errorf("%s export lost tree.%s (%q)", name, typ, word)
			}
		}
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext, or skips.
func pdfText(t *testing.T, pdf []byte) string {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (Debian poppler-utils); the PDF is not checked")
		return ""
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return softHyphen.ReplaceAllString(string(out), "")
}

var softHyphen = regexp.MustCompile("\u00ad")
