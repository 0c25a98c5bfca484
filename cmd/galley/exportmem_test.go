package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/galleydoc/galley/pipeline"
)

// export collects garbage less often under a soft memory limit that leaves
// room for the largest document on every worker, unless GOGC and
// GOMEMLIMIT say otherwise.
func TestTuneGCForExport(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small.md"), filepath.Join(dir, "large.md")
	for name, n := range map[string]int{small: 3 << 10, large: 1 << 20} {
		if err := os.WriteFile(name, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs := []pipeline.Input{{Abs: small}, {Abs: large}, {FS: os.DirFS(dir), FSPath: "small.md"}}
	want := int64(exportBaseLimit + 2*inFlightPerByte<<20) // the base, and room for the 1 MB input on both workers
	if limit := tuneGCForExport(inputs, 2); limit != want || debug.SetMemoryLimit(-1) != want {
		t.Errorf("memory limit %d (set %d), want %d", limit, debug.SetMemoryLimit(-1), want)
	}
	if got := debug.SetGCPercent(100); got != exportGCPercent {
		t.Errorf("GC percent %d, want %d", got, exportGCPercent)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "1GiB")
	limit := tuneGCForExport(inputs, 2)
	if limit != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 || debug.SetGCPercent(100) != 100 {
		t.Errorf("GOGC and GOMEMLIMIT set: the collector was changed (limit %d)", limit)
	}
}
