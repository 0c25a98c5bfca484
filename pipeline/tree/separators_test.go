package tree

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

var separatorRun = regexp.MustCompile(separatorRunPattern)

func checkJoinSeparators(t *testing.T, s string) {
	t.Helper()
	if got, want := joinSeparators(s), separatorRun.ReplaceAllString(s, "-"); got != want {
		t.Fatalf("joinSeparators(%q) = %q, the expression gives %q", s, got, want)
	}
}

// joinSeparators gives what the expression it replaces gave.
func TestJoinSeparatorsSameAsRegexp(t *testing.T) {
	for _, s := range []string{"", "-", "a", "a b", "a - b", "--a--", " \t\n\f\r\v", "a\vb", "é - ü", "1-definitions", "a\u00a0b", "a\u2003-b"} {
		checkJoinSeparators(t, s)
	}
	alphabet := []string{"a", "1", "_", "-", " ", "\t", "\n", "\v", "\f", "\r", "é", "\u00a0", "\x85", "\xff"}
	rng := rand.New(rand.NewPCG(20, 3))
	for n := 0; n < 20000; n++ {
		var s string
		for i := rng.IntN(12); i > 0; i-- {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		checkJoinSeparators(t, s)
	}
}

func FuzzJoinSeparators(f *testing.F) {
	f.Add("1. DEFINITIONS -- and  more")
	f.Fuzz(checkJoinSeparators)
}
