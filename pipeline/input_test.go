//go:build unix

package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/galleydoc/galley/pipeline"
)

// A file over max_bytes is refused by its size before it is read: the old
// code read the whole file (os.ReadFile) and checked its length afterwards,
// so a 512 MiB file cost 512 MiB of memory before it was refused.
func TestInputOverLimitIsNotRead(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "ok.md"), []byte("# OK\n"), 0o644)
	f, err := os.Create(filepath.Join(src, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	const size = 512 << 20
	if err := f.Truncate(size); err != nil { // sparse: costs no disk
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	inputs, err := pipeline.Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, MaxBytes: 1000, Jobs: 1}).Export(context.Background(), inputs, t.TempDir(), nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > size/2 {
		t.Errorf("the export allocated %d MiB: the 512 MiB file over the 1000-byte limit was read", got>>20)
	}
	want := "the file is 536870912 bytes, over the 1000-byte limit; raise the limit (max_bytes in galley.yaml)"
	if msg := failureOf(res, "big.md"); !strings.Contains(msg, want) || !strings.Contains(msg, "big.md") {
		t.Errorf("failure of big.md: %q, want it to name the file and say %q", msg, want)
	}
	if res.Failed != 1 || res.Exported != 1 {
		t.Errorf("%d exported, %d failed; want 1 and 1", res.Exported, res.Failed)
	}
}

// Discovery finds *.md names that are not regular files: a named pipe
// (whose open blocks until something writes into it: the old code hung
// its worker until the 2-minute time limit) and a symbolic link to
// /dev/zero (which the old code read without end, gigabytes a second).
// Each fails alone, at once, with a message that names it and says what it
// is; the other documents are exported.
func TestNonRegularInputsAreRefused(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "ok.md"), []byte("# OK\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(src, "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	if err := os.Symlink("/dev/zero", filepath.Join(src, "zero.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	inputs, err := pipeline.Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, Jobs: 2}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for source, want := range map[string]string{
		"pipe.md": "pipe.md: it is a named pipe (FIFO), not a regular file",
		"zero.md": "zero.md: it is a symbolic link to /dev/zero, which is a device, not a regular file",
	} {
		if msg := failureOf(res, source); !strings.Contains(msg, want) {
			t.Errorf("failure of %s: %q, want %q", source, msg, want)
		}
	}
	if res.Failed != 2 || res.Exported != 1 {
		t.Errorf("%d exported, %d failed; want 1 and 2", res.Exported, res.Failed)
	}
	checkManifest(t, out)

	// convert reads pipes and devices (<(…), /dev/stdin), through the limit.
	_, err = pipeline.ReadFile("/dev/zero", 1000, false)
	var tl *pipeline.TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1000 || !strings.Contains(err.Error(), "larger than the 1000-byte limit") {
		t.Errorf("ReadFile(/dev/zero, 1000): %v", err)
	}
}
