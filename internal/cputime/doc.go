// Package cputime reads the CPU time a process has used, for benchmarks
// that report it (cpu-ms/op) beside wall time: on a shared machine, wall
// time says more about the other jobs than about the code measured.
package cputime

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Report starts counting the process's CPU time; the returned function
// reports it per operation of b as cpu-ms/op. Call it right before the
// timed loop and the function right after it.
func Report(b *testing.B) func() {
	start := Process()
	return func() { b.ReportMetric(float64(Process()-start)/1e6/float64(b.N), "cpu-ms/op") }
}

// Per returns the CPU time one call of run takes: the best of two
// measurements, each repeating run until it has used at least least. Tests
// that compare the time of two input sizes (linear, not quadratic) use it:
// on a shared machine the best CPU time is steadier than any wall time.
// Where Process is unknown it measures wall time.
//
// The garbage collector is off while run runs (up to a memory limit of
// gcHeadroom above the heap left by the collection that precedes each
// measurement). Otherwise the time would
// count the collections a call happens to meet, whose cost is the heap the
// process holds, not the input: after tests that fill caches, a call at
// full size met a collection where one at half size met none, and a linear
// path measured four times slower at twice the size. What a call costs the
// collector in proportion to what it allocates is still counted where the
// limit is reached, and allocating itself is counted always.
func Per(run func(), least time.Duration) time.Duration {
	clock := Process
	if clock() == 0 {
		start := time.Now()
		clock = func() time.Duration { return time.Since(start) }
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 2; i++ {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		limit := debug.SetMemoryLimit(int64(ms.HeapAlloc) + gcHeadroom)
		start, runs := clock(), 0
		var spent time.Duration
		for spent < least {
			run()
			runs++
			spent = clock() - start
		}
		debug.SetMemoryLimit(limit)
		best = min(best, spent/time.Duration(runs))
	}
	runtime.GC()
	return best
}

// gcHeadroom is how much a call measured by Per may allocate before the
// collector runs during it.
const gcHeadroom = 1 << 30

// GrowsLinearly measures one call of full and of half (the same input at
// about half the size) with Per (each for at least least), up to five times, and reports whether
// the best full time over the best half time is at most limit (a linear
// path gives about the size ratio, a quadratic one its square). It stops
// at the first try within the limit; a try slowed by the machine's other
// work (other packages' tests, a collection) does not count against the
// input, as only the best times are compared. logf, when not nil, is
// given each try's times and the ratio of the best so far.
func GrowsLinearly(full, half func(), least time.Duration, limit float64, logf func(tf, th time.Duration, ratio float64)) (ratio float64, ok bool) {
	var bestF, bestH time.Duration
	for try := 0; try < 5; try++ {
		tf, th := Per(full, least), Per(half, least)
		if try == 0 || tf < bestF {
			bestF = tf
		}
		if try == 0 || th < bestH {
			bestH = th
		}
		ratio = float64(bestF) / float64(bestH)
		if logf != nil {
			logf(tf, th, ratio)
		}
		if ratio <= limit {
			return ratio, true
		}
	}
	return ratio, false
}
