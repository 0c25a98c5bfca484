package markdown

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

var admonitionOpen = regexp.MustCompile(admonitionOpenPattern)

// sameGroup compares a group of the matcher with the expression's,
// including whether it matched at all (nil) or matched the empty string.
func sameGroup(got, want []byte) bool {
	return (got == nil) == (want == nil) && string(got) == string(want)
}

func checkAdmonitionOpen(t *testing.T, s string) {
	t.Helper()
	m, ok := matchAdmonitionOpen([]byte(s))
	want := admonitionOpen.FindSubmatch([]byte(s))
	if ok != (want != nil) {
		t.Fatalf("matchAdmonitionOpen(%q): matched %v, the expression %v", s, ok, want != nil)
	}
	if !ok {
		return
	}
	for i, g := range [][]byte{m.marker, m.types, m.dqTitle, m.sqTitle} {
		if !sameGroup(g, want[i+1]) {
			t.Fatalf("matchAdmonitionOpen(%q): group %d is %q (nil %v), the expression's %q (nil %v)", s, i+1, g, g == nil, want[i+1], want[i+1] == nil)
		}
	}
}

// matchAdmonitionOpen gives what the expression it replaces gave: whether
// a line opens an admonition, and each group, nil or not.
func TestMatchAdmonitionOpenSameAsRegexp(t *testing.T) {
	for _, s := range []string{
		"", "!!!", "!!! note", "!!!note", "!!! note \"Title\"", "!!! note 'Title'", "??? note", "???+ note", "???+note",
		"???+", "??? ", "!!! \"Only a title\"", "!!! \"\"", "!!! ''", "!!! \"", "!!! note \"a\" \"b\"", "!!! note \"a\" b",
		"!!! note inline end \"Title\"  ", "!!!\tnote\t'x'\t", "!!! note \"it's\"", "!!! note 'say \"hi\"'",
		"!!! note \"a\nb\"", "!!! note\n", "!!! note \"x\"\n", "!!! no-te_1 x-y", "!!! note \"x", "!!! note x\"",
		"!!! é", "!!! note \"é\"", "!!!!", "?? note", "!!! note  \"x\"  ", "!!! - \"x\"", "!!! note \"x\" '",
		"!!! note \"\xff\"", "!!! \"a\" \"", "!!! a\t\tb  c 'q'",
	} {
		checkAdmonitionOpen(t, s)
	}
	parts := []string{"!!!", "???", "???+", "+", " ", "\t", "  ", "note", "x", "-", "_", "\"", "'", "é", "\n", "\r", "a b", "!"}
	rng := rand.New(rand.NewPCG(20, 4))
	for n := 0; n < 50000; n++ {
		s := parts[rng.IntN(3)]
		for i := rng.IntN(9); i > 0; i-- {
			s += parts[rng.IntN(len(parts))]
		}
		checkAdmonitionOpen(t, s)
	}
}

func FuzzMatchAdmonitionOpen(f *testing.F) {
	for _, s := range []string{"!!! note \"Title\"", "???+ tip 'x'", "!!! \"\"", "!!! a b \"c\" "} {
		f.Add(s)
	}
	f.Fuzz(checkAdmonitionOpen)
}
