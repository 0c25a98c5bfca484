//go:build unix

package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/internal/cputime"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// hostileDocs are galley's own hostile inputs, converted to every format:
// the reader's linear time is TestPathological's (pipeline/markdown); this
// checks the exporters after it. n is the repetitions at full size (pdf:
// a quarter, its time per byte is larger).
var hostileDocs = []struct {
	name string
	n    int
	make func(n int) string
}{
	{"many footnotes", 50000, func(n int) string {
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
	{"many reference uses", 20000, func(n int) string {
		return "[a]: /u \"t\"\n\n" + strings.Repeat("[a] [b][a] ", n)
	}},
	{"huge paragraph", 20000, func(n int) string {
		return strings.Repeat("word *emphasis* `code` [link](/u) ", n)
	}},
	{"nested strong emph", 20000, func(n int) string {
		return strings.Repeat("*a **a ", n) + "b" + strings.Repeat(" a** a*", n)
	}},
	{"wide table", 2000, func(n int) string {
		row := strings.Repeat("| a ", n) + "|\n"
		return row + strings.Repeat("|---", n) + "|\n" + row + row
	}},
}

// TestHostileFormats converts each hostile document to every format at
// full and at half size and checks that the CPU time grows with the size,
// not its square (as TestPathological: the best of a few measurements,
// timed without the race detector and -short only).
func TestHostileFormats(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timed: not under the race detector or -short")
	}
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	for _, format := range []string{"html", "txt", "md", "json", "pdf"} {
		e, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{format}, Date: &date})
		if err != nil {
			t.Fatal(err)
		}
		convert := func(src []byte) error {
			var out bytes.Buffer
			return e.Convert(context.Background(), src, "hostile.md", "markdown", "", &out, &diag.Sink{})
		}
		for _, c := range hostileDocs {
			t.Run(format+"/"+c.name, func(t *testing.T) {
				n := c.n
				if format == "pdf" {
					n /= 4
				}
				full, half := []byte(c.make(n)), []byte(c.make(n/2))
				if err := convert(full); err != nil {
					t.Fatal(err)
				}
				size := float64(len(full)) / float64(len(half))
				limit := 1.5*size + 0.5
				// cputime.GrowsLinearly compares the best times of a few tries.
				ratio, ok := cputime.GrowsLinearly(func() { convert(full) }, func() { convert(half) }, 50*time.Millisecond, limit, func(tf, th time.Duration, ratio float64) {
					t.Logf("%d bytes: %v, %d bytes: %v, ratio of the best %.2f (size ratio %.2f)", len(full), tf, len(half), th, ratio, size)
				})
				if !ok {
					t.Errorf("time grows faster than the input: ratio %.2f for a size ratio of %.2f (limit %.2f)", ratio, size, limit)
				}
			})
		}
	}
}
