package diffmatchpatch

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	upstream "github.com/sergi/go-diff/diffmatchpatch"
)

// The copy differs from upstream only in when its expressions are compiled
// (GALLEY.md). These tests run both on the same inputs and compare every
// result: the rune diff galley's redlines use, and the semantic clean-ups
// that match the expressions. (Patches are not compared: galley makes none,
// and upstream's PatchMake panics on some inputs, the copy alike.)

// sameDiffs compares a diff of the copy with one of upstream.
func sameDiffs(t *testing.T, what string, got []Diff, want []upstream.Diff) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d diffs, upstream %d\n got %v\nwant %v", what, len(got), len(want), got, want)
	}
	for i := range got {
		if int(got[i].Type) != int(want[i].Type) || got[i].Text != want[i].Text {
			t.Fatalf("%s: diff %d is %v %q, upstream %v %q", what, i, got[i].Type, got[i].Text, want[i].Type, want[i].Text)
		}
	}
}

// compare runs both packages over one pair of texts.
func compare(t *testing.T, a, b string) {
	t.Helper()
	dmp, ref := New(), upstream.New()
	dmp.DiffTimeout, ref.DiffTimeout = 0, 0

	sameDiffs(t, "DiffMainRunes", dmp.DiffMainRunes([]rune(a), []rune(b), false), ref.DiffMainRunes([]rune(a), []rune(b), false))

	d, r := dmp.DiffMain(a, b, false), ref.DiffMain(a, b, false)
	sameDiffs(t, "DiffMain", d, r)
	sameDiffs(t, "DiffCleanupSemantic", dmp.DiffCleanupSemantic(d), ref.DiffCleanupSemantic(r))

	d, r = dmp.DiffMain(a, b, false), ref.DiffMain(a, b, false)
	sameDiffs(t, "DiffCleanupSemanticLossless", dmp.DiffCleanupSemanticLossless(d), ref.DiffCleanupSemanticLossless(r))

	d, r = dmp.DiffMain(a, b, false), ref.DiffMain(a, b, false)
	sameDiffs(t, "DiffCleanupEfficiency", dmp.DiffCleanupEfficiency(d), ref.DiffCleanupEfficiency(r))

}

// alphabet has what the expressions look for: letters, digits, spaces,
// line breaks and blank lines, punctuation, and a non-ASCII letter.
var alphabet = []string{"a", "b", "c", "Z", "0", "7", " ", "\t", "\n", "\r\n", "\n\n", "\r", ".", "-", "é", "word", "the "}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(40); n > 0; n-- {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func TestSameAsUpstream(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 12))
	for i := 0; i < 3000; i++ {
		a := randomText(rng)
		// Half the pairs are edits of one another, as redlines are.
		b := randomText(rng)
		if i%2 == 0 && len(a) > 0 {
			k := rng.IntN(len(a))
			b = a[:k] + b + a[k:]
		}
		compare(t, a, b)
	}
	compare(t, "The cat sat.\n\nA dog ran.", "The cat sat down.\n\nA dog ran off.\r\n\r\nEnd")
}

func FuzzSameAsUpstream(f *testing.F) {
	f.Add("The cat sat.\n\nA dog ran.", "The cat sat down.\n\nA dog ran off.")
	f.Add("a1 b2\r\n\r\nc3", "a1 b\n\nc3 d")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 2000 || len(b) > 2000 {
			t.Skip("long inputs make the comparison slow, not different")
		}
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("galley diffs valid text only")
		}
		compare(t, a, b)
	})
}
