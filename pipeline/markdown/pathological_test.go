//go:build unix

package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/internal/cputime"
)

// pathologicalCase is a hostile input: the reader must read it (or refuse
// it) in time linear in its size.
type pathologicalCase struct {
	name string
	n    int // repetitions at full size
	make func(n int) string
	// refused, when set, starts the error the input must give: it nests
	// deeper than the limit, which is found while parsing.
	refused string
}

func rep(s string) func(int) string { return func(n int) string { return strings.Repeat(s, n) } }

func tooDeep(line int) string {
	return fmt.Sprintf("line %d: blocks nest too deeply (more than 64 levels, the max_nesting limit)", line)
}

// pathological holds cmark's test/pathological_tests.py at cmark's sizes,
// then galley's own hostile inputs.
var pathological = []pathologicalCase{
	{name: "nested strong emph", n: 65000, make: func(n int) string {
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
	}},
	{name: "many emph closers with no openers", n: 65000, make: rep("a_ ")},
	{name: "many emph openers with no closers", n: 65000, make: rep("_a ")},
	{name: "many link closers with no openers", n: 65000, make: rep("a]")},
	{name: "many link openers with no closers", n: 65000, make: rep("[a")},
	{name: "mismatched openers and closers", n: 50000, make: rep("*a_ ")},
	{name: "openers and closers multiple of 3", n: 50000, make: func(n int) string { return "a**b" + strings.Repeat("c* ", n) }},
	{name: "link openers and emph closers", n: 50000, make: rep("[ a_")},
	{name: "pattern [ (]( repeated", n: 80000, make: rep("[ (](")},
	{name: "pattern ![[]() repeated", n: 80000, make: rep("![[]()")},
	{name: "nested brackets", n: 50000, make: func(n int) string { return strings.Repeat("[", n) + "a" + strings.Repeat("]", n) }},
	{name: "nested block quotes", n: 50000, make: func(n int) string { return strings.Repeat("> ", n) + "a" }, refused: tooDeep(1)},
	{name: "deeply nested lists", n: 1000, make: func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString(strings.Repeat("  ", i) + "* a\n")
		}
		return sb.String()
	}, refused: tooDeep(65)},
	{name: "backticks", n: 5000, make: func(n int) string {
		var sb strings.Builder
		for i := 1; i < n; i++ {
			sb.WriteString("e" + strings.Repeat("`", i))
		}
		return sb.String()
	}},
	{name: "unclosed links A", n: 30000, make: rep("[a](<b")},
	{name: "unclosed links B", n: 30000, make: rep("[a](b")},
	{name: "many references", n: 5000, make: func(n int) string {
		var sb strings.Builder
		for i := 1; i < n*16; i++ {
			fmt.Fprintf(&sb, "[%d]: u\n", i)
		}
		return sb.String() + strings.Repeat("[0] ", n)
	}},
	// galley's own.
	{name: "many footnotes", n: 50000, make: func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "x[^%d]\n", i)
		}
		sb.WriteString("\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "[^%d]: note %d\n", i, i)
		}
		return sb.String()
	}},
	{name: "nested admonitions", n: 2000, make: func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString(strings.Repeat("    ", i) + "!!! note\n")
		}
		return sb.String() + strings.Repeat("    ", n) + "a\n"
	}, refused: tooDeep(65)},
	{name: "nested md_in_html", n: 2000, make: func(n int) string {
		return strings.Repeat("<div markdown>\n", n) + "a\n" + strings.Repeat("</div>\n", n)
	}, refused: "line 66: blocks nest too deeply"},
	{name: "many reference uses", n: 50000, make: func(n int) string {
		return "[a]: /u \"t\"\n\n" + strings.Repeat("[a] [b][a] ", n)
	}},
	{name: "unclosed link titles", n: 30000, make: rep(`[a](b "c `)},
	{name: "unclosed reference labels", n: 30000, make: rep("[a][b ")},
	{name: "wide table", n: 5000, make: func(n int) string {
		row := strings.Repeat("| a ", n) + "|\n"
		return row + strings.Repeat("|---", n) + "|\n" + row + row
	}},
	{name: "huge paragraph", n: 50000, make: func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString("word *emphasis* `code` [link](/u) ")
			if i%8 == 7 {
				sb.WriteString("\n")
			}
		}
		return sb.String()
	}},
	{name: "many short paragraphs", n: 100000, make: rep("a *b* c\n\n")},
}

// TestPathological reads every case and checks that the time grows
// linearly: the CPU time of the full input over that of the input at half
// the repetitions must stay near their size ratio (a quadratic path gives
// its square). CPU time, the best of several measurements, keeps the check
// steady on a loaded machine. Under the race detector, or with -short, the
// cases are only read, at a sixteenth of their size (refused ones at 100
// repetitions, past the limit all the same).
func TestPathological(t *testing.T) {
	timed := !raceEnabled && !testing.Short()
	for _, c := range pathological {
		t.Run(c.name, func(t *testing.T) {
			n := c.n
			switch {
			case timed:
			case c.refused == "":
				n /= 16
			default:
				n = min(n, 100) // deeper than the limit all the same
			}
			full := []byte(c.make(n))
			if _, err := Read(full, "p.md"); c.refused == "" && err != nil {
				t.Fatalf("error: %v", err)
			} else if c.refused != "" && (err == nil || !strings.HasPrefix(err.Error(), c.refused)) {
				t.Fatalf("error %v, want one starting %q", err, c.refused)
			}
			if !timed {
				return
			}
			half := []byte(c.make(n / 2))
			size := float64(len(full)) / float64(len(half))
			// Linear time gives the size ratio; quadratic its square.
			limit := 1.5*size + 0.5
			// cputime.GrowsLinearly compares the best times of a few tries.
			ratio, ok := cputime.GrowsLinearly(func() { Read(full, "p.md") }, func() { Read(half, "p.md") }, 30*time.Millisecond, limit, func(tf, th time.Duration, ratio float64) {
				t.Logf("%d bytes: %v, %d bytes: %v, ratio of the best %.2f (size ratio %.2f)", len(full), tf, len(half), th, ratio, size)
			})
			if !ok {
				t.Errorf("time grows faster than the input: ratio %.2f for a size ratio of %.2f (limit %.2f)", ratio, size, limit)
			}
		})
	}
}
