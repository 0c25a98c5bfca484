package bidi

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// tu stands in for go-text's testutils package in the tests copied from
// go-text.
var tu asserts

type asserts struct{}

func (asserts) Assert(tb testing.TB, ok bool) {
	tb.Helper()
	if !ok {
		tb.Fatal("assertion failed")
	}
}

func (asserts) AssertNoErr(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

var (
	conformanceOnce sync.Once
	conformanceErr  error
)

// loadConformance reads Unicode's BidiCharacterTest.txt and BidiTest.txt
// from the go-text module galley requires (in the module cache whenever
// galley builds), skipping where it is not there.
func loadConformance(tb testing.TB) {
	tb.Helper()
	conformanceOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-text/typesetting").Output()
		if err != nil {
			conformanceErr = err
			return
		}
		dir := filepath.Join(strings.TrimSpace(string(out)), "bidi", "test")
		if bidiCharacterTestSrc, err = os.ReadFile(filepath.Join(dir, "BidiCharacterTest.txt")); err != nil {
			conformanceErr = err
			return
		}
		bidiTestSrc, conformanceErr = os.ReadFile(filepath.Join(dir, "BidiTest.txt"))
	})
	if conformanceErr != nil {
		tb.Skipf("Unicode's bidi conformance files are not in go-text's module here: %v", conformanceErr)
	}
}

// TestRunsSplitAtEveryLevel checks galley patch 2: a number after
// right-to-left text in a left-to-right paragraph is at level 2 and the
// left-to-right text after it at level 0, so they are two runs, not one run
// at level 2 (which put the Arabic word after all of it on the page:
// "B: 2026 then text. مارس").
func TestRunsSplitAtEveryLevel(t *testing.T) {
	for _, c := range []struct {
		text   string
		dir    Direction
		levels []Level // of each character
	}{
		{"B: مارس 2026 then text.", LeftToRight, lv("000", 1, "11111", 2, "2222", 0, "00000000000")},
		{"5 مارس 2026. Created", LeftToRight, lv("00", 0, "", 1, "11111", 2, "2222", 0, ". Created")},
		{"שלום 12 abc", RightToLeft, lv("", 1, "שלום ", 2, "12", 1, " ", 2, "abc")},
		{"abc", LeftToRight, lv("000", 0, "")},
	} {
		text := []rune(c.text)
		var p Paragraph
		runs := p.Segment(text, c.dir)
		var got []Level
		for i := 0; i < runs.NumRuns(); i++ {
			r := runs.Run(i)
			if i > 0 && runs.Run(i-1).Level == r.Level {
				t.Errorf("%q: runs %d and %d both at level %d", c.text, i-1, i, r.Level)
			}
			for range r.End - r.Start {
				got = append(got, r.Level)
			}
		}
		if !slices.Equal(got, c.levels) {
			t.Errorf("%q: levels %v, want %v", c.text, got, c.levels)
		}
	}
}

// lv spells levels: "000" gives three characters at level 0, and each
// (level, text) pair that follows as many characters at that level as the
// text has.
func lv(first string, rest ...any) []Level {
	var out []Level
	for range []rune(first) {
		out = append(out, 0)
	}
	for i := 0; i+1 < len(rest); i += 2 {
		for range []rune(rest[i+1].(string)) {
			out = append(out, Level(rest[i].(int)))
		}
	}
	return out
}
