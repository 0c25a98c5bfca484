package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// pathological is cmark's test/pathological_tests.py, at cmark's sizes, plus
// galley's own hostile inputs. Each case makes its input for n repetitions.
var pathological = []struct {
	name string
	n    int
	make func(n int) string
}{
	{"nested strong emph", 65000, func(n int) string {
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
	}},
	{"many emph closers with no openers", 65000, func(n int) string { return strings.Repeat("a_ ", n) }},
	{"many emph openers with no closers", 65000, func(n int) string { return strings.Repeat("_a ", n) }},
	{"many link closers with no openers", 65000, func(n int) string { return strings.Repeat("a]", n) }},
	{"many link openers with no closers", 65000, func(n int) string { return strings.Repeat("[a", n) }},
	{"mismatched openers and closers", 50000, func(n int) string { return strings.Repeat("*a_ ", n) }},
	{"openers and closers multiple of 3", 50000, func(n int) string { return "a**b" + strings.Repeat("c* ", n) }},
	{"link openers and emph closers", 50000, func(n int) string { return strings.Repeat("[ a_", n) }},
	{"pattern [ (]( repeated", 80000, func(n int) string { return strings.Repeat("[ (](", n) }},
	{"pattern ![[]() repeated", 80000, func(n int) string { return strings.Repeat("![[]()", n) }},
	{"nested brackets", 50000, func(n int) string { return strings.Repeat("[", n) + "a" + strings.Repeat("]", n) }},
	{"nested block quotes", 50000, func(n int) string { return strings.Repeat("> ", n) + "a" }},
	{"deeply nested lists", 1000, func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString(strings.Repeat("  ", i) + "* a\n")
		}
		return sb.String()
	}},
	{"backticks", 5000, func(n int) string {
		var sb strings.Builder
		for i := 1; i < n; i++ {
			sb.WriteString("e" + strings.Repeat("`", i))
		}
		return sb.String()
	}},
	{"unclosed links A", 30000, func(n int) string { return strings.Repeat("[a](<b", n) }},
	{"unclosed links B", 30000, func(n int) string { return strings.Repeat("[a](b", n) }},
	{"many references", 5000, func(n int) string {
		var sb strings.Builder
		for i := 1; i < n*16; i++ {
			fmt.Fprintf(&sb, "[%d]: u\n", i)
		}
		return sb.String() + strings.Repeat("[0] ", n)
	}},
	{"many footnotes", 50000, func(n int) string {
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
	{"nested admonitions", 2000, func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString(strings.Repeat("    ", i) + "!!! note\n")
		}
		return sb.String() + strings.Repeat("    ", n) + "a\n"
	}},
}

// TestPathologicalTimes prints how long each case takes to read at full
// and half size (GALLEY_PATHO=1).
func TestPathologicalTimes(t *testing.T) {
	if os.Getenv("GALLEY_PATHO") == "" {
		t.Skip("set GALLEY_PATHO=1")
	}
	only := os.Getenv("GALLEY_PATHO_CASE")
	for _, c := range pathological {
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		for _, n := range []int{c.n / 2, c.n} {
			src := []byte(c.make(n))
			start := time.Now()
			_, err := Read(src, "p.md")
			t.Logf("%-40s n=%6d %8d bytes %v err=%v", c.name, n, len(src), time.Since(start), err)
		}
	}
}

// TestPathologicalProfile reads one case (GALLEY_PATHO_CASE) at a quarter
// of its size, for -cpuprofile.
func TestPathologicalProfile(t *testing.T) {
	only := os.Getenv("GALLEY_PATHO_PROFILE")
	if only == "" {
		t.Skip("set GALLEY_PATHO_PROFILE=case")
	}
	for _, c := range pathological {
		if strings.Contains(c.name, only) {
			Read([]byte(c.make(c.n/4)), "p.md")
		}
	}
}
