package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/galleydoc/galley/pipeline/output"
)

// galley runs the binary in dir and returns its exit status, stdout and
// stderr.
func galley(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(galleyBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=", "TZ=UTC")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

func writeDocs(t *testing.T, dir string, n int, body string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("n%03d.md", i)), []byte(fmt.Sprintf("# Notice %d\n\n%s\n", i, body)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustVerify(t *testing.T, work string) {
	t.Helper()
	if code, _, stderr := galley(t, work, "verify", "out"); code != 0 {
		t.Errorf("verify: exit %d\n%s", code, stderr)
	}
}

// en then de into one folder: both listed, verify passes; then a locale
// dropped, without and with --prune.
func TestExportGrowsAndPrunesAnArchive(t *testing.T) {
	work := t.TempDir()
	writeDocs(t, filepath.Join(work, "docs"), 2, "Text.")
	for _, l := range []string{"en", "de"} {
		if code, _, stderr := galley(t, work, "export", "-q", "-f", "txt", "-l", l, "--date", "2025-12-16", "-o", "out", "docs"); code != 0 {
			t.Fatalf("export -l %s: exit %d\n%s", l, code, stderr)
		}
	}
	mustVerify(t, work)
	m, err := output.ReadManifest(filepath.Join(work, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) != 4 {
		t.Errorf("after en then de the manifest lists %d outputs, want 4: %+v", len(m.Outputs), m.Outputs)
	}

	code, _, stderr := galley(t, work, "export", "-q", "-f", "txt", "-l", "en", "--date", "2025-12-16", "-o", "out", "docs")
	want := "note: 2 outputs in the output folder that this run does not make were kept (locale de: 2): de/n000.txt, de/n001.txt; --prune removes them\n"
	if code != 0 || stderr != want {
		t.Errorf("de dropped without --prune: exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	mustVerify(t, work)

	code, _, stderr = galley(t, work, "export", "-q", "-f", "txt", "-l", "en", "--prune", "--date", "2025-12-16", "-o", "out", "docs")
	want = "pruned de/n000.txt: locale de is not exported by this run\npruned de/n001.txt: locale de is not exported by this run\n"
	if code != 0 || stderr != want {
		t.Errorf("de dropped with --prune: exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(work, "out", "de")); !os.IsNotExist(err) {
		t.Errorf("out/de is still there: %v", err)
	}
	mustVerify(t, work)

	// prune: true in galley.yaml does the same.
	galley(t, work, "export", "-q", "-f", "txt", "-l", "en,fr", "--date", "2025-12-16", "-o", "out", "docs")
	os.WriteFile(filepath.Join(work, "galley.yaml"), []byte("documents: [docs]\noutput: out\nformats: [txt]\nlocales: [en]\nprune: true\n"), 0o644)
	code, _, stderr = galley(t, work, "export", "-q", "--date", "2025-12-16", "--config", "galley.yaml")
	if code != 0 || strings.Count(stderr, "pruned fr/") != 2 {
		t.Errorf("prune: true: exit %d\n%s", code, stderr)
	}
	mustVerify(t, work)
}

// A run that finds the folder locked waits, tells so, and gives up with
// exit status 2 after --lock-timeout, writing nothing.
func TestExportWaitsForTheLockThenGivesUp(t *testing.T) {
	work := t.TempDir()
	writeDocs(t, filepath.Join(work, "docs"), 1, "Text.")
	out := filepath.Join(work, "out")
	os.MkdirAll(out, 0o755)
	lock, err := output.LockDir(context.Background(), out, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	start := time.Now()
	code, _, stderr := galley(t, work, "export", "-q", "-f", "txt", "--lock-timeout", "2s", "--date", "2025-12-16", "-o", "out", "docs")
	if code != 2 {
		t.Errorf("exit %d, want 2\n%s", code, stderr)
	}
	if time.Since(start) < 2*time.Second {
		t.Errorf("gave up after %s, before --lock-timeout", time.Since(start))
	}
	host, _ := os.Hostname()
	holder := fmt.Sprintf("galley pid %d on host %s since ", os.Getpid(), host)
	if !strings.Contains(stderr, "galley: out is locked by "+holder) || !strings.Contains(stderr, "exporting into it; waiting up to 2s") || !strings.Contains(stderr, "galley: out is locked by "+holder) ||
		!strings.Contains(stderr, "gave up after waiting 2s") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 || entries[0].Name() != output.LockName {
		t.Errorf("the run that gave up left %v", entries)
	}
	// verify waits too.
	code, _, stderr = galley(t, work, "verify", "--lock-timeout", "0", "out")
	if code != 2 || !strings.Contains(stderr, "out is locked by "+holder) {
		t.Errorf("verify of a locked folder: exit %d\n%s", code, stderr)
	}
}

// Two exports started together into one folder: one waits for the other,
// and afterwards every file is in the manifest and verify passes.
func TestConcurrentExportsIntoOneFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	work := t.TempDir()
	writeDocs(t, filepath.Join(work, "docs"), 20, strings.Repeat("We keep records of what we collect. ", 60))
	type result struct {
		code   int
		stderr string
	}
	results := make([]result, 2)
	var wg sync.WaitGroup
	for i, l := range []string{"en", "de"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, stderr := galley(t, work, "export", "-q", "-j", "1", "-f", "txt,pdf", "-l", l, "--date", "2025-12-16", "-o", "out", "docs")
			results[i] = result{code, stderr}
		}()
	}
	wg.Wait()
	listed := 0
	for i, r := range results {
		switch {
		case r.code == 0:
			listed += 40
		case r.code == 2 && strings.Contains(r.stderr, "is locked by galley pid"):
			// gave up: it must have left nothing behind (verify checks)
		default:
			t.Errorf("run %d: exit %d\n%s", i, r.code, r.stderr)
		}
	}
	mustVerify(t, work)
	m, err := output.ReadManifest(filepath.Join(work, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) != listed {
		t.Errorf("the manifest lists %d outputs, want %d", len(m.Outputs), listed)
	}
	if _, err := os.Stat(filepath.Join(work, "out", output.LockName)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left: %v", err)
	}
}

// A run killed while adding a locale leaves the previous manifest as it
// was, no partial file, and a lock the next run takes over at once.
func TestKilledRunKeepsThePreviousManifest(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	work := t.TempDir()
	docs := filepath.Join(work, "docs")
	writeDocs(t, docs, 100, strings.Repeat("We keep records of what we collect and why we collect it. ", 40))
	out := filepath.Join(work, "out")
	if code, _, stderr := galley(t, work, "export", "-q", "-f", "txt", "-l", "en", "--date", "2025-12-16", "-o", "out", "docs"); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, output.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(galleyBin, "export", "-q", "-j", "2", "-f", "pdf", "-l", "de", "--date", "2025-12-16", "-o", out, docs)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(out, "de", "*.pdf"))
		if len(files) >= 5 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	after, _ := os.ReadFile(filepath.Join(out, output.ManifestName))
	if !bytes.Equal(before, after) {
		t.Error("the killed run changed the manifest")
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "de", "*.pdf"))
	if len(pdfs) == 0 || len(pdfs) == 100 {
		t.Fatalf("the run was killed with %d of 100 PDFs written; the test proves nothing", len(pdfs))
	}
	for _, p := range pdfs {
		data, _ := os.ReadFile(p)
		if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("%s is incomplete (%d bytes)", p, len(data))
		}
	}
	if _, busy := output.Busy(out); busy {
		t.Error("the killed run's lock is still held")
	}
	// The next run does not wait: it takes the lock over, says whose it
	// was, and finishes the work.
	code, _, stderr := galley(t, work, "export", "-f", "pdf", "-l", "de", "--lock-timeout", "0", "--date", "2025-12-16", "-o", "out", "docs")
	if code != 0 || !strings.Contains(stderr, fmt.Sprintf("galley: out: took over the lock of galley pid %d on host ", cmd.Process.Pid)) {
		t.Errorf("next run: exit %d\n%s", code, stderr)
	}
	mustVerify(t, work)
	m, _ := output.ReadManifest(out)
	if m == nil || len(m.Outputs) != 200 {
		t.Errorf("after the re-run the manifest lists %v outputs, want 200", m)
	}
}

// TestOutputDash: -o - writes to standard output, as in pandoc, and
// leaves no file named "-" behind (convert and diff).
func TestOutputDash(t *testing.T) {
	work := t.TempDir()
	writeDocs(t, work, 2, "Some text.")
	code, stdout, stderr := galley(t, work, "convert", "-t", "txt", "--date", "2025-12-16", "-o", "-", "n000.md")
	if code != 0 || !strings.Contains(stdout, "Notice 0") {
		t.Fatalf("convert -o -: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	code, stdout, stderr = galley(t, work, "diff", "-o", "-", "n000.md", "n001.md")
	if code != 1 || !strings.Contains(stdout, "Notice 1") {
		t.Fatalf("diff -o -: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "-")); err == nil {
		t.Error(`-o - wrote a file named "-"`)
	}
}
