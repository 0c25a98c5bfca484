//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMedianKeepsMedianCPUAndLargestMemory(t *testing.T) {
	ms := []measure{
		{cpu: 30 * time.Millisecond, wall: 1 * time.Second, rssKB: 10},
		{cpu: 10 * time.Millisecond, wall: 3 * time.Second, rssKB: 50},
		{cpu: 20 * time.Millisecond, wall: 2 * time.Second, rssKB: 20},
	}
	m := median(ms)
	if m.cpu != 20*time.Millisecond || m.wall != 2*time.Second || m.rssKB != 50 {
		t.Errorf("median = %+v, want the 20 ms run with 50 KB", m)
	}
	if ms[0].cpu != 30*time.Millisecond {
		t.Error("median reordered its argument")
	}
}

func TestRatioTarget(t *testing.T) {
	g := measure{cpu: 10 * time.Millisecond, wall: 20 * time.Millisecond}
	p := measure{cpu: 55 * time.Millisecond, wall: 90 * time.Millisecond}
	tg := ratioTarget("x", "pandoc", g, p, 5, "1.0")
	if tg.ratio != "5.5×" || !strings.Contains(tg.met, "met") || strings.Contains(tg.met, "missed") {
		t.Errorf("5.5× against a goal of 5: %+v", tg)
	}
	tg = ratioTarget("x", "pandoc", g, p, 10, "1.0")
	if !strings.Contains(tg.met, "missed") {
		t.Errorf("5.5× against a goal of 10: %+v", tg)
	}
	tg = ratioTarget("x", "pandoc", g, measure{skipped: "pandoc not installed"}, 10, "1.0")
	if tg.ratio != "" || !strings.Contains(tg.met, "not measured") || tg.peer != "pandoc not installed" {
		t.Errorf("without a reference: %+v", tg)
	}
}

func TestPerDoc(t *testing.T) {
	m := perDoc(measure{cpu: time.Second, wall: 2 * time.Second}, 100)
	if m.cpu != 10*time.Millisecond || m.wall != 20*time.Millisecond {
		t.Errorf("perDoc = %+v", m)
	}
}

func TestWriteNotices(t *testing.T) {
	dir := t.TempDir()
	n, err := writeNotices(dir, 3)
	if err != nil || n != 4 {
		t.Fatalf("writeNotices = %d, %v; want 4 documents", n, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Fatalf("%d files, want 4", len(entries))
	}
	// The cookie policy links to privacy-notice.md: it must exist.
	if _, err := os.Stat(filepath.Join(dir, "privacy-notice.md")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "privacy-notice-0003.md"))
	if !strings.Contains(string(b), "Org 0003") || strings.Contains(string(b), "Harbour Lane") {
		t.Errorf("the third notice is not Org 0003's:\n%.300s", b)
	}
}
