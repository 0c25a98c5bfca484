package main

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/galleydoc/galley/pipeline"
)

// The garbage collector of `galley export`. What a batch keeps between
// documents is small and bounded (the shaping and font caches, a compact
// record per output); what it allocates is the documents in flight, which
// die young. So an export lets the heap grow to three times the live data
// between collections instead of twice (GOGC=200: about half as many
// collections), under a soft memory limit that keeps the peak bounded:
// near the limit the collector runs as often as it must, so memory does
// not grow with the number of documents. The limit leaves room for the
// largest document in flight on every worker. GOGC and GOMEMLIMIT, when
// set, are left as they say.
const (
	exportGCPercent = 200
	// exportBaseLimit is the soft limit for a batch of small documents:
	// the caches (about 40 MB when full) and a 10,000-notice run's records
	// with room to spare.
	exportBaseLimit = 128 << 20
	// inFlightPerByte is how much memory a document in flight may need
	// per byte of its source, rendered to every format at once (the 1 MB
	// test document to all four formats peaks at about 90 MB of heap).
	inFlightPerByte = 96
)

// tuneGCForExport sets the collector for an export of inputs on jobs
// workers and returns the soft memory limit it set (0 if GOMEMLIMIT is
// set).
func tuneGCForExport(inputs []pipeline.Input, jobs int) int64 {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(exportGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := exportLimit(largestInput(inputs), jobs)
	debug.SetMemoryLimit(limit)
	return limit
}

// exportLimit is the soft memory limit for a run whose largest input is
// largest bytes, on jobs workers (0: one per CPU).
func exportLimit(largest int64, jobs int) int64 {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	return exportBaseLimit + int64(jobs)*inFlightPerByte*largest
}

// largestInput returns the size of the largest input on disk (embedded
// documents, the built-in examples, are small).
func largestInput(inputs []pipeline.Input) int64 {
	var largest int64
	for _, in := range inputs {
		if in.Abs == "" {
			continue
		}
		if fi, err := os.Stat(in.Abs); err == nil {
			largest = max(largest, fi.Size())
		}
	}
	return largest
}
