package htmlreader

import (
	"regexp"
	"testing"

	"github.com/galleydoc/galley/pipeline/tree"
)

func TestSourceLines(t *testing.T) {
	src := "<html>\n<body>\n<h1>Title</h1>\n<p>one\ntwo <a href=\"x\">link</a></p>\nloose text\n<table>\n<tr>\n<td>cell <a\nhref=\"y\">y</a></td></tr></table>\n</body></html>\n"
	doc := read(t, src)
	var lines []int
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		lines = append(lines, b.SourceLine())
		return true
	})
	// heading 3, paragraph 4, loose text 6, table 7, cell paragraph 9
	want := []int{3, 4, 6, 7, 9}
	if len(lines) != len(want) {
		t.Fatalf("blocks at lines %v, want %v", lines, want)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("blocks at lines %v, want %v", lines, want)
			break
		}
	}
	var links []int
	for _, in := range allInlines(doc) {
		if l, ok := in.(*tree.Link); ok {
			links = append(links, l.Line)
		}
	}
	if len(links) != 2 || links[0] != 5 || links[1] != 9 {
		t.Errorf("links at lines %v, want [5 9]", links)
	}

	// Fragments count from the HTML block's line.
	blocks, err := BlockReader(Options{})("<table>\n<tr><td>a</td></tr>\n<tr><td><ul>\n<li>b</li></ul></td></tr>\n</table>", 100)
	if err != nil {
		t.Fatal(err)
	}
	lines = nil
	tree.Walk(blocks, func(b tree.Block) bool {
		lines = append(lines, b.SourceLine())
		return true
	})
	if want := []int{100, 101, 102, 103}; len(lines) != 4 || lines[0] != 100 || lines[1] != 101 || lines[2] != 102 || lines[3] != 103 {
		t.Errorf("fragment lines %v, want %v", lines, want)
	}
}

var lineAttrPattern = regexp.MustCompile(` ` + lineAttr + `=[0-9]+ |<!--` + lineComment + `[0-9]+-->`)

// checkAnnotation verifies that annotateLines only inserts its attribute.
func checkAnnotation(t *testing.T, src string) {
	t.Helper()
	if got := lineAttrPattern.ReplaceAllString(annotateLines(src, 1), ""); got != src {
		t.Errorf("annotateLines changed the input:\n%q\n%q", src, got)
	}
}

func TestAnnotateLinesKeepsInput(t *testing.T) {
	for _, src := range []string{
		"", "<p", "<p/>", "<br/><img src=x/>", "<script>if (a<b) { x('<p>') }</script><p>x",
		"<!-- <p> -->", "<textarea><p></textarea>", "<svg><![CDATA[<p>]]></svg>", "<a\nhref=x\n>y</a>", "<P CLASS=x>",
		"<p data-galley-line=7>author's</p>", "<plaintext><p>", "<title>a<b</title>", "<>< p>",
		"text\n<p>\n\n  more</p>", "<pre>\ncode</pre>",
	} {
		checkAnnotation(t, src)
	}
	doc := read(t, "\n\n<p data-galley-line=\"99\">x</p>")
	if l := doc.Blocks[0].SourceLine(); l != 3 {
		t.Errorf("author's attribute won: line %d", l)
	}
}
