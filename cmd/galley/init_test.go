package main

import (
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// A galley process builds nothing heavy before main: sanitizer policies,
// CSS tables, regular expressions, Markdown parsers, label files and fonts
// are built on first use, so `galley version` (and every command that does
// not need them) does not pay for them. Checked on what the runtime reports
// of each package's initialisation (GODEBUG=inittrace=1): memory allocated,
// which unlike time does not depend on the machine's load. galley's own
// packages, the patched copies under internal/ included, stay within a
// budget; a package-level regexp.MustCompile of a large expression, or a
// table built in an init function, exceeds it (goldmark's linkify
// expressions alone allocated 260 KB, bluemonday's CSS handlers 490 KB).
func TestNoHeavyInit(t *testing.T) {
	_, stderr, code := runGalley(t, []string{"GODEBUG=inittrace=1"}, "version")
	if code != 0 {
		t.Fatalf("galley version: exit %d\n%s", code, stderr)
	}
	const perPackage, total = 64 << 10, 192 << 10
	sum, seen := 0, 0
	for _, line := range strings.Split(stderr, "\n") {
		m := initLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		seen++
		pkg := m[1]
		bytes, _ := strconv.Atoi(m[2])
		for _, heavy := range []string{"microcosm-cc/bluemonday", "gorilla/css", "aymerick/douceur", "yuin/goldmark", "sergi/go-diff", "andybalholm/cascadia", "golang.org/x/net/html", "golang.org/x/text/encoding/htmlindex"} {
			if strings.Contains(pkg, heavy) && pkg != "golang.org/x/net/html/atom" {
				t.Errorf("%s is initialised at start (%d bytes): use the patched copy under internal/", pkg, bytes)
			}
		}
		// debug/elf (for the build ID) would link these two and initialise
		// them in every process: pipeline/buildid.go reads the note by hand.
		if pkg == "debug/dwarf" || pkg == "internal/zstd" {
			t.Errorf("%s is linked and initialised at start: do not import debug/elf (or debug/*) in galley's packages", pkg)
		}
		if !strings.HasPrefix(pkg, "github.com/galleydoc/galley") {
			continue
		}
		sum += bytes
		if bytes > perPackage {
			t.Errorf("%s allocates %d bytes at init (budget %d): build it on first use (sync.OnceValue, internal/lazyregexp)", pkg, bytes, perPackage)
		}
	}
	if seen < 20 {
		t.Fatalf("inittrace reported %d packages; is GODEBUG=inittrace=1 honoured?\n%s", seen, stderr)
	}
	if sum > total {
		t.Errorf("galley's packages allocate %d bytes at init in all (budget %d)", sum, total)
	}
}

// convert collects garbage less often for a small document, unless GOGC
// says otherwise, and keeps the default for a large one.
func TestRelaxGCForSmallInput(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	relaxGCForSmallInput(3 << 10)
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("small input: GC percent %d, want 400", got)
	}
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	relaxGCForSmallInput(smallInput + 1)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("large input: GC percent %d, want the default 100", got)
	}
	if got, want := debug.SetMemoryLimit(-1), convertLimit(smallInput+1); got != want {
		t.Errorf("large input: soft memory limit %d, want %d", got, want)
	}
	t.Setenv("GOGC", "50")
	relaxGCForSmallInput(3 << 10)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set: GC percent changed to %d", got)
	}
}
