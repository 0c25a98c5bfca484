package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	reader "github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// mdReader reads Markdown with its raw HTML blocks read into tree blocks,
// as the pipeline does.
var mdReader = reader.NewReader(reader.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// write exports doc in the default (sanitize) mode.
func write(t testing.TB, doc *tree.Document) string {
	t.Helper()
	return writeMode(t, doc, "")
}

func writeMode(t testing.TB, doc *tree.Document, mode exporters.RawHTMLMode) string {
	t.Helper()
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, exporters.Options{RawHTML: mode}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func read(t testing.TB, src []byte, name string) *tree.Document {
	t.Helper()
	doc, err := mdReader.Read(src, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// TestGolden writes every testdata/*.md read back as Markdown and compares
// it with testdata/*.golden.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := write(t, read(t, src, f))
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(path); err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			} else if got != string(want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
			}
			roundTrip(t, f, src)
		})
	}
}

// roundTrip checks that src read, written and read again gives the same
// outline, and that writing is idempotent.
func roundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	roundTripStable(t, name, src, true)
}

// roundTripStable is roundTrip; with strict false, the writing need only
// be stable from the second round on (a tight list whose blocks cannot be
// written without blank lines reads back loose once).
func roundTripStable(t *testing.T, name string, src []byte, strict bool) {
	t.Helper()
	doc := read(t, src, name)
	out := writeMode(t, doc, exporters.RawTrusted)
	again := read(t, []byte(out), name)
	a, b := outline(doc), outline(again)
	for i := 0; i < max(len(a), len(b)); i++ {
		x, y := "<none>", "<none>"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if !strict {
			// Fuzzing: emphasis made only of punctuation and delimiter
			// characters can be ambiguous under CommonMark's flanking
			// rules; compare without the delimiter characters.
			x, y = delimChars.Replace(x), delimChars.Replace(y)
		}
		if x != y {
			t.Errorf("%s: round trip differs at outline line %d:\n before: %s\n  after: %s", name, i+1, x, y)
			return
		}
	}
	if !reflect.DeepEqual(doc.Meta.FrontMatter, again.Meta.FrontMatter) {
		t.Errorf("%s: front matter differs after the round trip:\n before: %v\n  after: %v", name, doc.Meta.FrontMatter, again.Meta.FrontMatter)
	}
	out2 := writeMode(t, again, exporters.RawTrusted)
	if strict && out2 != out {
		t.Errorf("%s: writing is not idempotent:\n%s\n---\n%s", name, out, out2)
	}
	if !strict {
		// Fuzzing: the outline, not the bytes, must be stable from the
		// second round on (see above for the delimiter characters).
		third := read(t, []byte(out2), name)
		a, b := outline(again), outline(third)
		if delimChars.Replace(strings.Join(a, "\n")) != delimChars.Replace(strings.Join(b, "\n")) {
			t.Errorf("%s: outline not stable after the second round:\n%s\n---\n%s", name, out, out2)
		}
	}
}

var delimChars = strings.NewReplacer("*", "", "_", "", "~", "")

// outline lists the structure and text of a document, one line per block,
// link and footnote: what a round trip must keep.
func outline(doc *tree.Document) []string {
	var out []string
	var walk func(bs []tree.Block, depth int)
	text := func(list []tree.Inline) string {
		s := strings.Join(strings.Fields(tree.PlainText(list)), " ")
		tree.WalkInlines(list, func(in tree.Inline) {
			switch in := in.(type) {
			case *tree.Link:
				s += fmt.Sprintf(" {link %s}", in.URL)
			case *tree.Image:
				s += fmt.Sprintf(" {image %s}", in.URL)
			case *tree.FootnoteRef:
				s += " {fn}"
			case *tree.Macro:
				s += " {macro " + in.Name + "}"
			}
		})
		return s
	}
	walk = func(bs []tree.Block, depth int) {
		ind := strings.Repeat("  ", depth)
		for _, b := range bs {
			switch b := b.(type) {
			case *tree.Heading:
				// The id is left out: a slug id is not written back.
				out = append(out, fmt.Sprintf("%sH%d %s %v %v", ind, b.Level, text(b.Content), b.Attr.Classes, b.Attr.Pairs))
			case *tree.Paragraph:
				if s := text(b.Content); s != "" {
					if !b.Attr.IsZero() {
						s += fmt.Sprintf(" {attr %v}", b.Attr)
					}
					out = append(out, ind+"P "+s)
				}
			case *tree.List:
				out = append(out, fmt.Sprintf("%sList ordered=%v start=%d items=%d", ind, b.Ordered, b.Start, len(b.Items)))
				for _, it := range b.Items {
					task := ""
					if it.Task != nil {
						task = fmt.Sprint(" task=", *it.Task)
					}
					out = append(out, ind+"  Item"+task)
					walk(it.Blocks, depth+2)
				}
			case *tree.Quote:
				out = append(out, ind+"Quote")
				walk(b.Blocks, depth+1)
			case *tree.CodeBlock:
				out = append(out, fmt.Sprintf("%sCode %q %q", ind, b.Language, strings.TrimRight(b.Text, "\n")))
			case *tree.Table:
				out = append(out, fmt.Sprintf("%sTable head=%d body=%d aligns=%v", ind, len(b.Head), len(b.Body), b.Aligns))
				for _, rows := range [][]*tree.Row{b.Head, b.Body} {
					for _, r := range rows {
						var cells []string
						for _, c := range r.Cells {
							var parts []string
							tree.Walk(c.Blocks, func(x tree.Block) bool {
								if p, ok := x.(*tree.Paragraph); ok {
									parts = append(parts, text(p.Content))
								}
								return true
							})
							cells = append(cells, strings.Join(parts, " "))
						}
						out = append(out, ind+"  | "+strings.Join(cells, " | "))
					}
				}
			case *tree.ThematicBreak:
				out = append(out, ind+"Rule")
			case *tree.Admonition:
				title := "<default>"
				if b.Title != nil {
					title = text(b.Title)
				}
				kind := b.Kind
				if kind == "" && !b.Collapsible {
					kind = "note" // written so: MkDocs needs a kind after !!!
				}
				out = append(out, fmt.Sprintf("%sAdmonition %s %q collapsible=%v open=%v", ind, kind, title, b.Collapsible, b.Open))
				walk(b.Blocks, depth+1)
			case *tree.Tabs:
				for _, tab := range b.Tabs {
					out = append(out, ind+"Tab "+text(tab.Title))
					walk(tab.Blocks, depth+1)
				}
			case *tree.HTMLBlock:
				out = append(out, ind+"HTML "+strings.Join(strings.Fields(b.HTML), " "))
			}
		}
	}
	if doc.Meta.Title != "" {
		out = append(out, "Title "+doc.Meta.Title)
	}
	walk(doc.Blocks, 0)
	for _, fn := range doc.Footnotes {
		out = append(out, "Footnote "+fn.ID)
		walk(fn.Blocks, 1)
	}
	return out
}

// TestCorpusRoundTrip checks the round trip on every corpus Markdown
// document.
func TestCorpusRoundTrip(t *testing.T) {
	for _, p := range corpustest.Markdown(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, p, src)
	}
}
