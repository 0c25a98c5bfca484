package pdf

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestHostileMemory exports hostile documents once each and checks the
// peak heap (sampled every millisecond, less the heap before) against a
// budget. Memory, not time: the
// figure does not depend on the machine's load. The collector runs at its
// default pace (GOGC 100) for the test, so the peak is at most about twice
// the live heap; the budgets leave about twice what the export takes
// today and catch the regressions they were set after: a paragraph's
// per-character data held for all of it (the word of 2 million letters),
// joined CJK runs and fat ops held until the pages are drawn and page
// content held uncompressed until the file is written (the CJK paragraph),
// the whole layout held until the first page was drawn (10,000 paragraphs,
// 50,000 footnotes).
func TestHostileMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exports megabytes of input: not under -short or the race detector")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	cases := []struct {
		name   string
		src    string
		budget float64 // MB of peak heap
	}{
		// 37 MB today; 182 MB with the paragraph's data held whole.
		{"word of 2M letters", strings.Repeat("a", 2<<20), 80},
		// 36 MB today; 207 MB with runs joined anew on every line,
		// ops of 200 bytes and page content held uncompressed.
		{"CJK paragraph", strings.Repeat("漢字かな", 100000), 140},
		// 30–46 MB today; 104–125 MB with the whole layout held until the
		// first page was drawn.
		{"10,000 paragraphs", strings.Repeat("A paragraph of plain words that fills about three lines of the page when it is set in the body size of the notice, as most paragraphs of policies do; it goes on a little longer so that its lines break, with a [link](https://example.com/) in it.\n\n", 10000), 70},
		// 200–245 MB today, most of it the structure tree, the link
		// annotations and the destinations of 50,000 notes, and the file;
		// 297–333 MB with the whole layout held until the first page was
		// drawn, the structure tree in fat elements and the object
		// streams' text held until the file was written.
		{"50,000 footnotes", hostileSource("footnotes", 50000), 280},
	}
	// Fonts and caches are loaded before measuring: a process pays
	// for them once.
	if err := New().Export(&bytes.Buffer{}, &tree.Document{Blocks: []tree.Block{para(1, &tree.Text{Text: "warm 漢字"})}}, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		start := time.Now()
		doc, err := markdown.Read([]byte(c.src), "hostile.md")
		if err != nil {
			t.Fatal(err)
		}
		peak := watchHeap()
		var out bytes.Buffer
		if err := New().Export(&out, doc, exporters.Options{}); err != nil {
			t.Fatal(err)
		}
		mb := peak() / (1 << 20)
		if mb > c.budget {
			t.Errorf("%s: peak heap %.0f MB, over the %.0f MB budget (see the comments above)", c.name, mb, c.budget)
		}
		t.Logf("%s: %.1f MB of input, %.1f MB of PDF, peak heap %.0f MB (%v)", c.name, float64(len(c.src))/(1<<20), float64(out.Len())/(1<<20), mb, time.Since(start).Round(time.Millisecond))
	}
}
