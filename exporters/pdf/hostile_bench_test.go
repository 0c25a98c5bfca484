package pdf

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
)

// hostileInputs are documents other people could hand galley that once made
// the PDF layout grow far past the size of the input: one huge paragraph
// (Latin, CJK, mixed-direction, an unbroken word) and 50,000 footnotes.
// BenchmarkHostile exports each at full and at half size; the peak heap is
// reported as peak-heap-MB, so memory that grows faster than the input (or
// much faster than the file) shows beside the time.
var hostileInputs = []struct {
	name string
	n    int
	make func(n int) string
}{
	{"paragraph-latin", 50000, func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString("word *emphasis* `code` [link](/u) ")
			if i%8 == 7 {
				sb.WriteString("\n")
			}
		}
		return sb.String()
	}},
	{"paragraph-cjk", 200000, func(n int) string { return strings.Repeat("漢字かな", n) }},
	{"paragraph-bidi", 40000, func(n int) string {
		return strings.Repeat("שלום עולם hello world مرحبا بالعالم ", n)
	}},
	{"unbroken-word", 1 << 20, func(n int) string { return strings.Repeat("a", n) }},
	{"footnotes", 50000, func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "x[^%d]\n", i)
		}
		sb.WriteString("\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "[^%d]: note %d\n", i, i)
		}
		return sb.String()
	}},
}

// BenchmarkHostile exports each hostile input at half and at full size
// (-bench Hostile -benchtime 1x is enough: each export takes seconds).
func BenchmarkHostile(b *testing.B) {
	for _, in := range hostileInputs {
		for _, size := range []struct {
			name string
			n    int
		}{{"half", in.n / 2}, {"full", in.n}} {
			b.Run(in.name+"/"+size.name, func(b *testing.B) {
				src := in.make(size.n)
				doc, err := markdown.Read([]byte(src), "hostile.md")
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				peak := watchHeap()
				for b.Loop() {
					if err := New().Export(io.Discard, doc, exporters.Options{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(peak()/(1<<20), "peak-heap-MB")
			})
		}
	}
}

// watchHeap samples the heap (live and not yet collected objects) every
// millisecond until the returned function is called, which gives the
// largest sample less the heap at the start: about the peak a process
// exporting the document alone would reach, beside what the test binary
// already holds (the document tree, the fonts).
func watchHeap() func() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() float64 {
		metrics.Read(s)
		return float64(s[0].Value.Uint64())
	}
	base := read()
	var (
		mu   sync.Mutex
		peak = base
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				v := read()
				mu.Lock()
				peak = max(peak, v)
				mu.Unlock()
			}
		}
	}()
	return func() float64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return max(peak, read()) - base
	}
}
