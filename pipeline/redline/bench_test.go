package redline_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/bench"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// edited returns src with edits spread through it: every tenth "personal
// information" reworded, one paragraph in a hundred dropped.
func edited(src []byte) []byte {
	parts := strings.Split(string(src), "personal information")
	var sb strings.Builder
	for i, p := range parts {
		if i > 0 {
			if i%10 == 2 {
				sb.WriteString("personal data")
			} else {
				sb.WriteString("personal information")
			}
		}
		sb.WriteString(p)
	}
	paras := strings.Split(sb.String(), "\n\n")
	var out []string
	for i, p := range paras {
		if i%100 == 50 && !strings.HasPrefix(p, "#") && !strings.HasPrefix(p, "|") {
			continue
		}
		out = append(out, p)
	}
	return []byte(strings.Join(out, "\n\n"))
}

func benchDiff(b *testing.B, src []byte, format string) {
	d := &tree.DateInfo{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Source: tree.FromGit}
	old := pipeline.DiffVersion{Src: src, Label: "old.md", Path: "old.md", Revision: d}
	new := pipeline.DiffVersion{Src: edited(src), Label: "new.md", Path: "new.md", Revision: d}
	eng := engine(b, format)
	var buf bytes.Buffer
	rl, err := eng.Diff(context.Background(), old, new, &buf, &diag.Sink{})
	if err != nil {
		b.Fatal(err)
	}
	if len(rl.Changes) == 0 {
		b.Fatal("no changes")
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if _, err := eng.Diff(context.Background(), old, new, &buf, &diag.Sink{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rl.Changes)), "changes")
}

// BenchmarkDiffNoticeHTML: the example notice and an edited version to an
// HTML redline (target: under 20 ms).
func BenchmarkDiffNoticeHTML(b *testing.B) { benchDiff(b, bench.Notice(), "html") }

// BenchmarkDiffLargeHTML: two versions of the 1 MB document to an HTML
// redline (target: under 1 s).
func BenchmarkDiffLargeHTML(b *testing.B) { benchDiff(b, bench.Large(1<<20), "html") }
