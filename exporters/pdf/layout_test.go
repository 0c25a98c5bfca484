package pdf

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGeometry asserts that no text or rule leaves the text area of its
// page and that text lines of one page never overlap.
func checkGeometry(t *testing.T, name string, lo *laidOut) {
	t.Helper()
	l := lo.l
	minX, maxX := l.left-0.01, l.pageW-l.right+0.01
	minY, maxY := l.top-0.01, l.pageH-l.bott+0.01
	for pi, items := range lo.pages {
		prevBottom := minY
		for _, pl := range items {
			if pl.y+0.01 < prevBottom {
				t.Errorf("%s: page %d: box at y=%.2f overlaps the one ending at %.2f", name, pi+1, pl.y, prevBottom)
			}
			prevBottom = pl.y + pl.b.h
			if pl.y < minY || pl.y+pl.b.h > maxY {
				t.Errorf("%s: page %d: box y %.2f..%.2f outside %.2f..%.2f", name, pi+1, pl.y, pl.y+pl.b.h, minY, maxY)
			}
			for _, o := range pl.b.ops {
				var x0, x1 float64
				switch o.kind {
				case opText:
					x0, x1 = o.x, o.x+o.run.Width(o.size)
				case opFill, opStroke, opLine, opImage:
					x0, x1 = o.x, o.x+o.w
				default:
					continue
				}
				if x0 < minX || x1 > maxX {
					t.Errorf("%s: page %d: %v %q spans x %.2f..%.2f outside %.2f..%.2f", name, pi+1, o.kind, opString(o), x0, x1, minX, maxX)
				}
			}
		}
	}
}

// laidOut is a document laid out, its pages kept (the exporter draws each
// as it comes).
type laidOut struct {
	l     *layouter
	pages [][]placement
}

// layout lays doc out, keeping its pages.
func (e *Exporter) layout(doc *tree.Document, opts exporters.Options) (*laidOut, error) {
	l, err := e.newLayouter(doc, opts)
	if err != nil {
		return nil, err
	}
	lo := &laidOut{l: l}
	l.run(func(pg pageOut) { lo.pages = append(lo.pages, pg.items) })
	return lo, nil
}

func layoutOf(t *testing.T, doc *tree.Document, opts exporters.Options) *laidOut {
	t.Helper()
	lo, err := New().layout(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return lo
}

func TestGeometry(t *testing.T) {
	for _, paper := range []string{"a4", "letter"} {
		doc := kitchenSink()
		lo := layoutOf(t, doc, exporters.Options{Paper: paper, TOC: true, Media: mediaOf(doc)})
		checkGeometry(t, "kitchen-"+paper, lo)
		if lo.l.tocMismatch {
			t.Errorf("kitchen-%s: the contents gathered from the tree are not the headings laid out", paper)
		}
	}
	files, _ := filepath.Glob(filepath.Join(corpustest.Dir(t), "mozilla-legal/*/*.md"))
	files = append(files, corpustest.Path(t, "pypi-docs/policies/docs/pypi.org/Privacy-Notice.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markdown.Read(src, filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		lo := layoutOf(t, doc, exporters.Options{TOC: true})
		checkGeometry(t, f, lo)
		if lo.l.tocMismatch {
			t.Errorf("%s: the contents gathered from the tree are not the headings laid out", f)
		}
	}
}

// dump writes the layout as text: one line per drawn text run.
func dump(lo *laidOut) string {
	var sb strings.Builder
	for pi, items := range lo.pages {
		fmt.Fprintf(&sb, "== page %d\n", pi+1)
		for _, pl := range items {
			for _, o := range pl.b.ops {
				switch o.kind {
				case opText:
					fmt.Fprintf(&sb, "%7.2f %7.2f %-22s %5.2f %s\n", o.x, pl.y+o.y, o.run.Face.Key(), o.size, o.run.Text)
				case opDest:
					fmt.Fprintf(&sb, "%7s %7.2f dest #%s\n", "", pl.y+o.y, o.dest)
				case opLink:
					fmt.Fprintf(&sb, "%7.2f %7.2f link %s%s w=%.2f\n", o.x, pl.y+o.y, o.url, hashIf(o.dest), o.w)
				case opImage:
					fmt.Fprintf(&sb, "%7.2f %7.2f image %s %.2fx%.2f\n", o.x, pl.y+o.y, o.img.name, o.w, o.h)
				}
			}
		}
	}
	return sb.String()
}

func hashIf(s string) string {
	if s == "" {
		return ""
	}
	return "#" + s
}

// TestGoldenLayout pins the layout of the kitchen-sink document: positions,
// faces and text of every run. Run with -update after an intended change and
// look at the PDF (-keep) before committing.
func TestGoldenLayout(t *testing.T) {
	doc := kitchenSink()
	got := dump(layoutOf(t, doc, exporters.Options{TOC: true, Media: mediaOf(doc)}))
	golden := filepath.Join("testdata", "kitchen-sink.layout")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("layout differs from %s at line %d:\n got %s\nwant %s\n(run go test -update if intended)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("layout differs from %s in length: %d vs %d lines", golden, len(gl), len(wl))
	}
}

// TestTallRow: a table row taller than a page is cut into strips that stay
// inside the pages, and its words still come out in order.
func TestTallRow(t *testing.T) {
	long := strings.Repeat("A cell that goes on for pages and pages. ", 400)
	doc := &tree.Document{Meta: tree.Meta{Title: "Tall"}, Blocks: []tree.Block{
		// No header row: a repeated header would interrupt the cell's text.
		&tree.Table{Aligns: []tree.Align{"", ""},
			Body: []*tree.Row{{Cells: []*tree.Cell{cell("short"), cell(long)}}, {Cells: []*tree.Cell{cell("next"), cell("row")}}}},
	}}
	lo := layoutOf(t, doc, exporters.Options{})
	if len(lo.pages) < 3 {
		t.Errorf("%d pages, want at least 3", len(lo.pages))
	}
	checkGeometry(t, "tall", lo)
	data, _ := export(t, doc, exporters.Options{})
	CheckPDF(t, "tall", data, doc)
}

func TestRevisionText(t *testing.T) {
	d := time.Date(2025, 12, 16, 23, 0, 0, 0, time.UTC)
	for loc, want := range map[string]string{"en": "December 16, 2025", "de": "16. Dezember 2025", "ja": "2025年12月16日", "": "2025-12-16", "not a tag": "2025-12-16"} {
		if got := revisionText(loc, d); got != want {
			t.Errorf("revisionText(%q) = %q, want %q", loc, got, want)
		}
	}
}

// opString is the text an op draws, for messages.
func opString(o op) string {
	if o.run != nil {
		return o.run.Text
	}
	if o.opExtra == nil {
		return ""
	}
	return o.text
}
