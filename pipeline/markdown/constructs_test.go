package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline/tree"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestConstructs reads each testdata/constructs/*.md and compares an outline
// of its tree with the .tree golden file beside it.
func TestConstructs(t *testing.T) {
	files, _ := filepath.Glob("testdata/constructs/*.md")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(src, filepath.Base(f))
			if err != nil {
				t.Fatal(err)
			}
			got := Outline(doc)
			golden := strings.TrimSuffix(f, ".md") + ".tree"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("tree differs from %s (run with -update and review the diff)\n--- got ---\n%s", golden, got)
			}
		})
	}
}

// Outline writes a compact, indented view of a document tree for tests.
func Outline(doc *tree.Document) string {
	var sb strings.Builder
	if doc.Meta.Title != "" || doc.Meta.Locale != "" {
		fmt.Fprintf(&sb, "meta title=%q locale=%q\n", doc.Meta.Title, doc.Meta.Locale)
	}
	if fm := doc.Meta.FrontMatter; fm != nil {
		keys := make([]string, 0, len(fm))
		for k := range fm {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&sb, "front-matter %s=%v\n", k, fm[k])
		}
	}
	outlineBlocks(&sb, doc.Blocks, 0)
	for _, f := range doc.Footnotes {
		fmt.Fprintf(&sb, "footnote %d id=%q\n", f.Index, f.ID)
		outlineBlocks(&sb, f.Blocks, 1)
	}
	return sb.String()
}

func outlineBlocks(sb *strings.Builder, blocks []tree.Block, depth int) {
	ind := strings.Repeat("  ", depth)
	for _, b := range blocks {
		fmt.Fprintf(sb, "%s%d: ", ind, b.SourceLine())
		switch b := b.(type) {
		case *tree.Heading:
			fmt.Fprintf(sb, "heading %d id=%q%s %s\n", b.Level, b.ID, attr(b.Attr), inl(b.Content))
		case *tree.Paragraph:
			fmt.Fprintf(sb, "para%s %s\n", attr(b.Attr), inl(b.Content))
		case *tree.List:
			fmt.Fprintf(sb, "list ordered=%v start=%d tight=%v marker=%q\n", b.Ordered, b.Start, b.Tight, b.Marker)
			for _, it := range b.Items {
				task := ""
				if it.Task != nil {
					task = fmt.Sprintf(" task=%v", *it.Task)
				}
				fmt.Fprintf(sb, "%s  item%s\n", ind, task)
				outlineBlocks(sb, it.Blocks, depth+2)
			}
		case *tree.Quote:
			sb.WriteString("quote\n")
			outlineBlocks(sb, b.Blocks, depth+1)
		case *tree.CodeBlock:
			fmt.Fprintf(sb, "code lang=%q info=%q %q\n", b.Language, b.Info, b.Text)
		case *tree.Table:
			fmt.Fprintf(sb, "table aligns=%v\n", b.Aligns)
			for _, rows := range [][]*tree.Row{b.Head, b.Body} {
				for _, r := range rows {
					var cells []string
					for _, c := range r.Cells {
						var parts []string
						for _, cb := range c.Blocks {
							if p, ok := cb.(*tree.Paragraph); ok {
								parts = append(parts, inl(p.Content))
							}
						}
						cells = append(cells, strings.Join(parts, "+"))
					}
					fmt.Fprintf(sb, "%s  row %s\n", ind, strings.Join(cells, " | "))
				}
			}
		case *tree.ThematicBreak:
			sb.WriteString("hr\n")
		case *tree.Admonition:
			title := "default"
			if b.Title != nil {
				title = fmt.Sprintf("%q", tree.PlainText(b.Title))
			}
			fmt.Fprintf(sb, "admonition kind=%q title=%s collapsible=%v open=%v\n", b.Kind, title, b.Collapsible, b.Open)
			outlineBlocks(sb, b.Blocks, depth+1)
		case *tree.Tabs:
			sb.WriteString("tabs\n")
			for _, tab := range b.Tabs {
				fmt.Fprintf(sb, "%s  tab %q\n", ind, tree.PlainText(tab.Title))
				outlineBlocks(sb, tab.Blocks, depth+2)
			}
		case *tree.HTMLBlock:
			fmt.Fprintf(sb, "html %q\n", b.HTML)
		default:
			fmt.Fprintf(sb, "%T\n", b)
		}
	}
}

func attr(a tree.Attr) string {
	if a.IsZero() {
		return ""
	}
	s := " {"
	if a.ID != "" {
		s += "#" + a.ID + " "
	}
	for _, c := range a.Classes {
		s += "." + c + " "
	}
	for _, kv := range a.Pairs {
		s += kv.Key + "=" + kv.Value + " "
	}
	return strings.TrimSpace(s) + "}"
}

func inl(list []tree.Inline) string {
	var parts []string
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Text:
			parts = append(parts, fmt.Sprintf("%q", in.Text))
		case *tree.Emphasis:
			parts = append(parts, "em("+inl(in.Content)+")")
		case *tree.Strong:
			parts = append(parts, "strong("+inl(in.Content)+")")
		case *tree.Strikethrough:
			parts = append(parts, "del("+inl(in.Content)+")")
		case *tree.Code:
			parts = append(parts, fmt.Sprintf("code(%q)", in.Text))
		case *tree.Link:
			auto := ""
			if in.Autolink {
				auto = " auto"
			}
			parts = append(parts, fmt.Sprintf("link(%q%s: %s)", in.URL, auto, inl(in.Content)))
		case *tree.Image:
			parts = append(parts, fmt.Sprintf("img(%q alt=%q%s)", in.URL, in.Alt, attr(in.Attr)))
		case *tree.SoftBreak:
			parts = append(parts, "soft")
		case *tree.LineBreak:
			parts = append(parts, "br")
		case *tree.RawHTML:
			parts = append(parts, fmt.Sprintf("raw(%q)", in.HTML))
		case *tree.Anchor:
			parts = append(parts, fmt.Sprintf("anchor(%q)", in.ID))
		case *tree.FootnoteRef:
			parts = append(parts, fmt.Sprintf("fnref(%q %d)", in.ID, in.Index))
		case *tree.Macro:
			parts = append(parts, fmt.Sprintf("macro(%s line %d)", in.Name, in.Line))
		default:
			parts = append(parts, fmt.Sprintf("%T", in))
		}
	}
	return strings.Join(parts, " ")
}
