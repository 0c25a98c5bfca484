package main

import (
	"strings"
	"testing"
	"time"
)

func TestProgressBar(t *testing.T) {
	var out strings.Builder
	clock := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	b := newProgressBar(&out, 4)
	b.now = func() time.Time { return clock }
	b.start = clock

	clock = clock.Add(2 * time.Second)
	b.Add(1)
	want := "\rexporting  25% |██████████                              | (1/4) [2s:6s] "
	if out.String() != want {
		t.Fatalf("first draw:\n got %q\nwant %q", out.String(), want)
	}

	// Within barRedraw of the last draw, nothing is drawn...
	out.Reset()
	clock = clock.Add(10 * time.Millisecond)
	b.Add(1)
	if out.Len() != 0 {
		t.Errorf("drew %q within %v of the last draw", out.String(), barRedraw)
	}
	// ...except after a Clear, which erases the widest line drawn.
	b.Clear()
	if got, want := out.String(), "\r"+strings.Repeat(" ", len([]rune(want))-1)+"\r"; got != want {
		t.Errorf("Clear wrote %q, want %q", got, want)
	}
	out.Reset()
	b.Add(1)
	if !strings.HasPrefix(out.String(), "\rexporting  75% |██████████████████████████████          | (3/4) [2s:1s]") {
		t.Errorf("redraw after Clear: %q", out.String())
	}

	// The last document is always drawn, with nothing left.
	out.Reset()
	clock = clock.Add(time.Millisecond)
	b.Add(1)
	if got := out.String(); !strings.HasPrefix(got, "\rexporting 100% |"+strings.Repeat("█", barWidth)+"| (4/4) [2s:0s]") {
		t.Errorf("last draw: %q", got)
	}
	out.Reset()
	b.Finish()
	if got := out.String(); !strings.HasPrefix(got, "\r ") || !strings.HasSuffix(got, " \r") {
		t.Errorf("Finish wrote %q, want the line erased", got)
	}
}
