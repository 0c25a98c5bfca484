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

// GrowsLinearly tells a linear loop from a quadratic one at twice the size.
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
	if ratio, ok := GrowsLinearly(linear(4_000_000), linear(2_000_000), 20*time.Millisecond, 3.5, nil); !ok {
		t.Errorf("a linear loop: ratio %.2f, over 3.5", ratio)
	}
	if ratio, ok := GrowsLinearly(quadratic(3000), quadratic(1500), 20*time.Millisecond, 3.5, nil); ok {
		t.Errorf("a quadratic loop: ratio %.2f, within 3.5", ratio)
	}
	_ = sink
}
