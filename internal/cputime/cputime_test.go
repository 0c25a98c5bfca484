package cputime

import (
	"runtime"
	"testing"
	"time"
)

func TestProcessAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage here")
	}
	start := Process()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	if x == 0 || Process() <= start {
		t.Errorf("CPU time did not advance: %v then %v", start, Process())
	}
}

// GrowsLinearly tells a linear loop from a quadratic one.
func TestGrowsLinearly(t *testing.T) {
	sink := 0
	linear := func(n int) func() {
		return func() {
			for i := 0; i < n; i++ {
				sink += i ^ sink
			}
		}
	}
	quadratic := func(n int) func() {
		return func() {
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					sink += i ^ j ^ sink
				}
			}
		}
	}
	// Four times the size, so that a quadratic path's ratio (about 16) stays
	// far above the limit a linear one (about 4) must keep, 1.5 × 4 + 0.5 as
	// the hostile-input tests allow, however noisy this machine's
	// measurements of a few milliseconds are.
	const limit = 6.5
	if ratio, ok := GrowsLinearly(linear(8_000_000), linear(2_000_000), 50*time.Millisecond, limit, nil); !ok {
		t.Errorf("a linear loop: ratio %.2f, over %.1f", ratio, limit)
	}
	if ratio, ok := GrowsLinearly(quadratic(4000), quadratic(1000), 50*time.Millisecond, limit, nil); ok {
		t.Errorf("a quadratic loop: ratio %.2f, within %.1f", ratio, limit)
	}
	_ = sink
}
