package htmlreader

import (
	"errors"
	"strings"
	"testing"
)

// lines returns n lines, the i-th (1-based) made by f(i).
func lines(n int, f func(i int) string) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		sb.WriteString(f(i) + "\n")
	}
	return sb.String()
}

// TestNestingLimits: too deep markup is refused with the line of the first
// element past the limit, for whole pages and for raw HTML blocks (whose
// lines count from the block's line in the Markdown file); block
// containers count against MaxNesting (default 64, Markdown's), elements
// against the HTML parser's 512.
func TestNestingLimits(t *testing.T) {
	quotes := func(n int) string { // one <blockquote> a line from line 2
		return "<p>intro</p>\n" + strings.Repeat("<blockquote>\n", n) + "deep\n" + strings.Repeat("</blockquote>\n", n)
	}
	lists := func(n int) string { // a list and its item are one level
		return "<p>intro</p>\n" + strings.Repeat("<ul><li>item\n", n) + strings.Repeat("</li></ul>", n)
	}
	mixed := "<p>intro</p>\n<table><tr><td>\n<ol><li>\n<dl><dd>\n<details><summary>s</summary>\n<div class=\"admonition note\">\n<blockquote>\nx\n</blockquote></div></details></dd></dl></li></ol></td></tr></table>\n"
	divs := "<p>intro</p>\n" + lines(600, func(int) string { return "<div>" })
	tooDeep := func(line, limit int) string {
		return "line " + itoa(line) + ": blocks nest too deeply (more than " + itoa(limit) + " levels, the max_nesting limit)"
	}
	for _, c := range []struct {
		name string
		src  string
		max  int
		base int // > 0: read as a raw HTML block at this line
		want string
	}{
		{name: "quotes at the limit", src: quotes(64)},
		{name: "quotes past the limit", src: quotes(65), want: tooDeep(66, 64)},
		{name: "quotes, lower limit", src: quotes(65), max: 10, want: tooDeep(12, 10)},
		{name: "quotes, higher limit", src: quotes(65), max: 100},
		{name: "lists past the limit", src: lists(70), want: tooDeep(66, 64)},
		{name: "containers of every kind", src: mixed, max: 5, want: tooDeep(7, 5)},
		{name: "containers of every kind, at the limit", src: mixed, max: 6},
		{name: "plain divs do not count", src: "<p>intro</p>\n" + strings.Repeat("<div>\n", 100) + "x"},
		{name: "elements past the parser's limit", src: divs, want: "line 512: HTML elements nest too deeply (more than 512 levels)"},
		{name: "raw block, quotes", src: quotes(65), base: 10, want: tooDeep(75, 64)},
		// A fragment is parsed under <html> alone: one element more fits.
		{name: "raw block, elements", src: divs, base: 10, want: "line 522: HTML elements nest too deeply (more than 512 levels)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.base > 0 {
				_, err = BlockReader(Options{MaxNesting: c.max})(c.src, c.base)
			} else {
				_, err = Read([]byte(c.src), "deep.html", Options{MaxNesting: c.max})
			}
			if c.want == "" {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				return
			}
			var ne *NestingError
			if !errors.As(err, &ne) || !errors.Is(err, ErrTooDeep) || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v, want a NestingError (ErrTooDeep) starting %q", err, c.want)
			}
			if ne.SourceLine() != ne.Line || ne.Line == 0 {
				t.Errorf("SourceLine %d, Line %d", ne.SourceLine(), ne.Line)
			}
		})
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
