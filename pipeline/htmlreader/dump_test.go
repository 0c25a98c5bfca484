package htmlreader

import (
	"fmt"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// dump writes a document as an indented outline, one node a line, for golden
// files and failure messages.
func dump(doc *tree.Document) string {
	var sb strings.Builder
	m := doc.Meta
	fmt.Fprintf(&sb, "title=%q locale=%q dir=%q format=%q\n", m.Title, m.Locale, m.Direction, m.Source.Format)
	if m.Revision != nil {
		fmt.Fprintf(&sb, "revision=%s (%s)\n", m.Revision.Time.Format("2006-01-02T15:04:05Z07:00"), m.Revision.Source)
	}
	dumpBlocks(&sb, doc.Blocks, 0)
	for _, f := range doc.Footnotes {
		fmt.Fprintf(&sb, "footnote id=%q index=%d\n", f.ID, f.Index)
		dumpBlocks(&sb, f.Blocks, 1)
	}
	return sb.String()
}

func dumpBlocks(sb *strings.Builder, blocks []tree.Block, depth int) {
	ind := strings.Repeat("  ", depth)
	for _, b := range blocks {
		switch b := b.(type) {
		case *tree.Heading:
			fmt.Fprintf(sb, "%sheading %d id=%q: %s\n", ind, b.Level, b.ID, dumpInlines(b.Content))
		case *tree.Paragraph:
			attr := ""
			if b.Attr.ID != "" {
				attr = fmt.Sprintf(" id=%q", b.Attr.ID)
			}
			fmt.Fprintf(sb, "%spara%s: %s\n", ind, attr, dumpInlines(b.Content))
		case *tree.List:
			fmt.Fprintf(sb, "%slist ordered=%v start=%d tight=%v\n", ind, b.Ordered, b.Start, b.Tight)
			for _, it := range b.Items {
				task := ""
				if it.Task != nil {
					task = fmt.Sprintf(" task=%v", *it.Task)
				}
				fmt.Fprintf(sb, "%s  item%s\n", ind, task)
				dumpBlocks(sb, it.Blocks, depth+2)
			}
		case *tree.Quote:
			fmt.Fprintf(sb, "%squote\n", ind)
			dumpBlocks(sb, b.Blocks, depth+1)
		case *tree.CodeBlock:
			fmt.Fprintf(sb, "%scode lang=%q %q\n", ind, b.Language, b.Text)
		case *tree.ThematicBreak:
			fmt.Fprintf(sb, "%shr\n", ind)
		case *tree.Table:
			fmt.Fprintf(sb, "%stable aligns=%v\n", ind, b.Aligns)
			for i, rows := range [][]*tree.Row{b.Head, b.Body} {
				kind := [2]string{"head", "body"}[i]
				for _, r := range rows {
					fmt.Fprintf(sb, "%s  %s row\n", ind, kind)
					for _, c := range r.Cells {
						fmt.Fprintf(sb, "%s    cell colspan=%d rowspan=%d\n", ind, c.ColSpan, c.RowSpan)
						dumpBlocks(sb, c.Blocks, depth+3)
					}
				}
			}
		case *tree.Admonition:
			title := "<default>"
			if b.Title != nil {
				title = dumpInlines(b.Title)
			}
			fmt.Fprintf(sb, "%sadmonition kind=%q collapsible=%v open=%v title=%s\n", ind, b.Kind, b.Collapsible, b.Open, title)
			dumpBlocks(sb, b.Blocks, depth+1)
		case *tree.Tabs:
			fmt.Fprintf(sb, "%stabs\n", ind)
			for _, tab := range b.Tabs {
				fmt.Fprintf(sb, "%s  tab id=%q title=%s\n", ind, tab.ID, dumpInlines(tab.Title))
				dumpBlocks(sb, tab.Blocks, depth+2)
			}
		case *tree.HTMLBlock:
			fmt.Fprintf(sb, "%shtml %q\n", ind, b.HTML)
			dumpBlocks(sb, b.Blocks, depth+1)
		default:
			fmt.Fprintf(sb, "%s%T\n", ind, b)
		}
	}
}

func dumpInlines(list []tree.Inline) string {
	var parts []string
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Text:
			parts = append(parts, fmt.Sprintf("%q", in.Text))
		case *tree.Emphasis:
			parts = append(parts, "em("+dumpInlines(in.Content)+")")
		case *tree.Strong:
			parts = append(parts, "strong("+dumpInlines(in.Content)+")")
		case *tree.Strikethrough:
			parts = append(parts, "del("+dumpInlines(in.Content)+")")
		case *tree.Code:
			parts = append(parts, fmt.Sprintf("code(%q)", in.Text))
		case *tree.Link:
			parts = append(parts, fmt.Sprintf("link(%q %q: %s)", in.URL, in.Title, dumpInlines(in.Content)))
		case *tree.Image:
			parts = append(parts, fmt.Sprintf("img(%q alt=%q)", in.URL, in.Alt))
		case *tree.LineBreak:
			parts = append(parts, "br")
		case *tree.SoftBreak:
			parts = append(parts, "softbreak")
		case *tree.Anchor:
			parts = append(parts, fmt.Sprintf("anchor(%q)", in.ID))
		case *tree.FootnoteRef:
			parts = append(parts, fmt.Sprintf("fnref(%q %d)", in.ID, in.Index))
		case *tree.Date:
			parts = append(parts, fmt.Sprintf("date(%s %s %s %q)", in.Time.Format("2006-01-02T15:04:05Z07:00"), in.Style, in.Source, in.Text))
		case *tree.Macro:
			parts = append(parts, fmt.Sprintf("macro(%q)", in.Raw))
		case *tree.RawHTML:
			parts = append(parts, fmt.Sprintf("raw(%q)", in.HTML))
		default:
			parts = append(parts, fmt.Sprintf("%T", in))
		}
	}
	return strings.Join(parts, " ")
}
