// Package cputime reads the CPU time a process has used, for benchmarks
// that report it (cpu-ms/op) beside wall time: on a shared machine, wall
// time says more about the other jobs than about the code measured.
package cputime

import (
	"testing"
)

// Report starts counting the process's CPU time; the returned function
// reports it per operation of b as cpu-ms/op. Call it right before the
// timed loop and the function right after it.
func Report(b *testing.B) func() {
	start := Process()
	return func() { b.ReportMetric(float64(Process()-start)/1e6/float64(b.N), "cpu-ms/op") }
}
