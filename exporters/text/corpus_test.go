package text

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestCorpusShape exports every corpus document at 72 and 40 columns and at
// no wrapping, checks the line invariants and that export is deterministic.
func TestCorpusShape(t *testing.T) {
	for _, f := range corpustest.Markdown(t) {
		doc := read(t, f)
		for _, w := range []int{72, 40, 0} {
			out := export(t, doc, w)
			if out != export(t, doc, w) {
				t.Errorf("%s: export is not deterministic", f)
			}
			checkShape(t, f, markedExport(doc, w), w)
		}
	}
}

// refMark matches a reference mark written with markRefs.
var refMark = regexp.MustCompile(refOpen + `\d+` + refClose)

// unmarked returns an export written with markRefs without its reference
// marks.
func unmarked(s string) string { return refMark.ReplaceAllString(s, "") }

// letters keeps the letters and digits of s: the word content of a text
// with its layout, spacing and punctuation removed.
func letters(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// TestCorpusWords checks that the body of every export holds the document's
// words in order (tables aside, whose columns interleave lines; their cells
// are checked one by one).
func TestCorpusWords(t *testing.T) {
	for _, f := range corpustest.Markdown(t) {
		checkWords(t, f, read(t, f))
	}
}

// checkWords checks that the export of doc holds its words in order
// (tables aside, whose cells are checked letter by letter).
func checkWords(t testing.TB, name string, doc *tree.Document) {
	t.Helper()
	var tables []*tree.Table
	body := stripTables(doc.Blocks, &tables)
	r := &renderer{opts: exporters.Options{Wrap: 72}, doc: doc, byURL: map[string]int{}, byFootnote: map[*tree.Footnote]int{}, markRefs: true}
	got := letters(unmarked(strings.Join(r.blocks(body, 72, false), "\n")))
	want := letters(expected(body))
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: words differ at byte %d:\n got …%s…\nwant …%s…", name, i, clip(got, i), clip(want, i))
	}
	// Every letter of every cell is in the table's output, as often.
	for _, tb := range tables {
		count := map[rune]int{}
		for _, c := range letters(unmarked(strings.Join(r.table(tb, 72), "\n"))) {
			count[c]++
		}
		for _, rows := range [][]*tree.Row{tb.Head, tb.Body} {
			for _, row := range rows {
				if row == nil {
					continue
				}
				for _, cell := range row.Cells {
					if cell == nil {
						continue
					}
					for _, c := range letters(expected(cell.Blocks)) {
						count[c]--
						if count[c] < 0 {
							t.Errorf("%s: table at line %d lost a %q", name, tb.Pos.Line, c)
						}
					}
				}
			}
		}
	}
}

func clip(s string, i int) string {
	lo, hi := max(0, i-40), min(len(s), i+40)
	return s[lo:hi]
}

// stripTables copies the block structure without its tables, collecting
// them.
func stripTables(bs []tree.Block, tables *[]*tree.Table) []tree.Block {
	var out []tree.Block
	for _, b := range bs {
		switch b := b.(type) {
		case *tree.Table:
			*tables = append(*tables, b)
		case *tree.List:
			l := *b
			l.Items = nil
			for _, it := range b.Items {
				c := *it
				c.Blocks = stripTables(it.Blocks, tables)
				l.Items = append(l.Items, &c)
			}
			out = append(out, &l)
		case *tree.Quote:
			q := *b
			q.Blocks = stripTables(b.Blocks, tables)
			out = append(out, &q)
		case *tree.Admonition:
			a := *b
			a.Blocks = stripTables(b.Blocks, tables)
			out = append(out, &a)
		case *tree.Tabs:
			tb := *b
			tb.Tabs = nil
			for _, x := range b.Tabs {
				c := *x
				c.Blocks = stripTables(x.Blocks, tables)
				tb.Tabs = append(tb.Tabs, &c)
			}
			out = append(out, &tb)
		case *tree.HTMLBlock:
			h := *b
			h.Blocks = stripTables(b.Blocks, tables)
			out = append(out, &h)
		default:
			out = append(out, b)
		}
	}
	return out
}

// expected is the text content of blocks in document order, computed
// independently of the exporter from tree.PlainText, plus the words the
// exporter adds (admonition labels, "Image").
func expected(bs []tree.Block) string {
	var sb strings.Builder
	tree.Walk(bs, func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			sb.WriteString(inlineText(b.Content) + "\n")
		case *tree.Paragraph:
			sb.WriteString(inlineText(b.Content) + "\n")
		case *tree.CodeBlock:
			sb.WriteString(b.Text + "\n")
		case *tree.Admonition:
			if len(b.Title) > 0 && strings.TrimSpace(clean(tree.PlainText(b.Title))) != "" {
				sb.WriteString(inlineText(b.Title) + "\n")
			} else {
				sb.WriteString(tree.KindTitleKey(b.Kind) + "\n")
			}
		case *tree.List:
			for i, it := range b.Items {
				if b.Ordered {
					sb.WriteString(strconv.Itoa(b.Start+i) + " ")
				}
				if it.Task != nil && *it.Task {
					sb.WriteString("x ")
				}
				sb.WriteString(expected(it.Blocks))
			}
			return false
		case *tree.Tabs:
			for _, tab := range b.Tabs {
				sb.WriteString(inlineText(tab.Title) + "\n")
				sb.WriteString(expected(tab.Blocks))
			}
			return false
		}
		return true
	})
	return sb.String()
}

// inlineText is tree.PlainText with images as "Image alt" and unresolved
// footnote references as their label.
func inlineText(list []tree.Inline) string {
	var sb strings.Builder
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Image:
			sb.WriteString("Image " + in.Alt)
		case *tree.Emphasis:
			sb.WriteString(inlineText(in.Content))
		case *tree.Strong:
			sb.WriteString(inlineText(in.Content))
		case *tree.Strikethrough:
			sb.WriteString(inlineText(in.Content))
		case *tree.Link:
			// A link with no visible text (control characters are not
			// written) shows its URL.
			if strings.TrimSpace(clean(inlineText(in.Content))) == "" && !in.Internal && !strings.HasPrefix(in.URL, "#") {
				sb.WriteString(in.URL)
			}
			sb.WriteString(inlineText(in.Content))
		default:
			sb.WriteString(tree.PlainText([]tree.Inline{in}))
		}
	}
	return sb.String()
}
