package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// unisegBreaksAfterSpaces returns where uniseg's line segmentation of s
// allows a break right after a space: the only breaks wrapLine takes in
// ASCII text.
func unisegBreaksAfterSpaces(s string) []int {
	var at []int
	state, off := -1, 0
	for rest := s; len(rest) > 0; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		off += len(seg)
		if len(rest) > 0 && strings.HasSuffix(seg, " ") {
			at = append(at, off)
		}
	}
	return at
}

// asciiBreaksAfterSpaces is the same for the ASCII fast path.
func asciiBreaksAfterSpaces(s string) []int {
	var at []int
	for i := 0; i < len(s); {
		i = nextBreakASCII(s, i)
		if i < len(s) {
			at = append(at, i)
		}
	}
	return at
}

// printable is every printable ASCII character, and glue.
var printable = func() []string {
	var all []string
	for c := byte(' '); c <= '~'; c++ {
		all = append(all, string(c))
	}
	return append(all, glueUTF8)
}()

func checkASCII(t *testing.T, s string, widths ...int) {
	t.Helper()
	if s == "" {
		return // wrapLine answers [""] itself
	}
	if got, want := asciiBreaksAfterSpaces(s), unisegBreaksAfterSpaces(s); !slices.Equal(got, want) {
		t.Fatalf("%q: breaks after spaces at %v, uniseg at %v", s, got, want)
	}
	for _, w := range widths {
		ok, glued := asciiOrGlue(s)
		if !ok {
			t.Fatalf("%q: not for the fast path", s)
		}
		if got, want := wrapASCII(s, w, glued), wrapUnicode(s, w); !slices.Equal(got, want) {
			t.Fatalf("%q at width %d: %q, uniseg path %q", s, w, got, want)
		}
	}
}

// TestWrapASCII checks that the ASCII fast path breaks exactly where the
// uniseg path does.
func TestWrapASCII(t *testing.T) {
	// Every pair of characters around one or two spaces (uniseg forgets
	// what preceded a run of two), after nothing or a letter, before
	// nothing, a digit, a letter, a space, an opening bracket or glue (the
	// contexts uniseg's rules look at). Under the race detector, which
	// slows this tenfold, shorter strings.
	pres, maxLen := []string{"", "a"}, 5
	if testing.Short() || raceEnabled {
		pres, maxLen = []string{""}, 4
	}
	for _, pre := range pres {
		for _, before := range append([]string{""}, printable...) {
			for n := 1; n <= 2; n++ {
				for _, x := range printable[1:] {
					for _, after := range []string{"", "1", "a", " ", "(", glueUTF8} {
						checkASCII(t, pre+before+strings.Repeat(" ", n)+x+after)
					}
				}
			}
		}
	}
	// Every string up to five characters long over a letter, a digit,
	// glue, the space and one character of each line-break class that a
	// rule after spaces names (wrapped at width 3: lines of one word and
	// of several).
	classes := []string{"a", "1", "$", "!", "\"", "(", ")", "}", ",", "/", "-", " ", glueUTF8}
	var gen func(s string, n int)
	gen = func(s string, n int) {
		checkASCII(t, s, 3)
		if n == maxLen {
			return
		}
		for _, c := range classes {
			gen(s+c, n+1)
		}
	}
	gen("", 0)
	// Random text, spaces made common, at random widths.
	r := rand.New(rand.NewPCG(20, 14))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(90) {
			if r.IntN(4) == 0 {
				sb.WriteByte(' ')
			} else {
				sb.WriteString(printable[r.IntN(len(printable))])
			}
		}
		checkASCII(t, sb.String(), 1+r.IntN(40), 1+r.IntN(8))
	}
}

// TestCleanUnchanged checks clean's shortcut: printable ASCII without two
// spaces in a row comes back as it went in.
func TestCleanUnchanged(t *testing.T) {
	for _, s := range []string{"", " ", "a b", " a ", "(see [1], p. 2)", "a  b", "a\tb", "a\u00a0b", "\x7f"} {
		want := s
		if !printableASCII(s) || strings.Contains(s, "  ") {
			continue
		}
		if got := clean(s); got != want {
			t.Errorf("clean(%q) = %q", s, got)
		}
	}
	if got := clean("a  b\tc\x01"); got != "a b c" {
		t.Errorf("clean still collapses white space and drops controls: %q", got)
	}
}

// FuzzWrapASCII compares the ASCII fast path with the uniseg path on any
// input, mapped to printable ASCII and glue.
func FuzzWrapASCII(f *testing.F) {
	f.Add("Contact us (privacy@example.com) - or write: \"Legal\" (Dept. 4) -1 ' [x]", 20)
	f.Add("a ( b \" (c d' [e", 1)
	f.Fuzz(func(t *testing.T, in string, w int) {
		var sb strings.Builder
		for i := 0; i < len(in); i++ {
			sb.WriteString(printable[int(in[i])%len(printable)])
		}
		if w < 0 {
			w = -w
		}
		checkASCII(t, sb.String(), 1+w%100)
	})
}
