package pdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestLastIndex compares lastIndex with bytes.LastIndex on random strings
// over a small alphabet (so keys occur, overlap and sit at both ends).
func TestLastIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []byte("/(D:ab")
	for range 20000 {
		s := make([]byte, r.IntN(40))
		for i := range s {
			s[i] = alpha[r.IntN(len(alpha))]
		}
		sep := make([]byte, 1+r.IntN(4))
		for i := range sep {
			sep[i] = alpha[r.IntN(len(alpha))]
		}
		if got, want := lastIndex(s, sep), bytes.LastIndex(s, sep); got != want {
			t.Fatalf("lastIndex(%q, %q) = %d, want %d", s, sep, got, want)
		}
	}
	if got := lastIndex([]byte("aaaa"), []byte("aa")); got != 2 {
		t.Errorf("overlapping: got %d, want 2", got)
	}
}

// TestAppendPadded compares appendPadded with fmt's %010d.
func TestAppendPadded(t *testing.T) {
	ns := []int{0, 1, 9, 10, 12345, 999999999, 1000000000, 9999999999, 10000000000, 1 << 40}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		ns = append(ns, r.IntN(1<<uint(r.IntN(45)+1)))
	}
	for _, n := range ns {
		if got, want := string(appendPadded([]byte("x"), n)), fmt.Sprintf("x%010d", n); got != want {
			t.Errorf("appendPadded(%d) = %q, want %q", n, got, want)
		}
	}
}
