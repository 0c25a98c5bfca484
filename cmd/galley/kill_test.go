package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledRunLeavesNoPartialFile kills an export half-way and checks that
// every file under a final name is complete, that no manifest claims the
// unfinished run, and that the next run cleans up and completes.
func TestKilledRunLeavesNoPartialFile(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	work := t.TempDir()
	docs := filepath.Join(work, "docs")
	writeLongNotices(t, docs)
	out := filepath.Join(work, "out")
	cmd := exec.Command(galleyBin, "export", "-q", "-j", "2", "--date", "2025-12-16", "-o", out, docs)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForPDFs(out, 10)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err == nil {
		t.Fatal("a killed run left a manifest")
	}
	complete := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, _ := os.ReadFile(p)
		ok := false
		switch filepath.Ext(p) {
		case ".pdf":
			ok = bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF"))
		case ".json":
			ok = json.Valid(data)
		case ".html":
			ok = bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>"))
		case ".txt":
			ok = bytes.HasSuffix(data, []byte("\n")) && bytes.Contains(data, []byte("Details"))
		}
		if !ok {
			t.Errorf("%s is incomplete (%d bytes)", p, len(data))
		}
		complete++
		return nil
	})
	if complete == 0 {
		t.Fatal("the run was killed before it wrote anything; the test proves nothing")
	}
	// The next run removes the temporary files and finishes the work.
	if out, err := exec.Command(galleyBin, "export", "-q", "--date", "2025-12-16", "-o", out, docs).CombinedOutput(); err != nil {
		t.Fatalf("re-run: %v\n%s", err, out)
	}
	temps, _ := filepath.Glob(filepath.Join(out, "en", ".*"))
	if len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
	if v, err := exec.Command(galleyBin, "verify", out).CombinedOutput(); err != nil {
		t.Errorf("verify after re-run: %v\n%s", err, v)
	}
}

// SIGTERM (what CI and Kubernetes send to cancel a job) and SIGINT stop an
// export half-way the same way: exit 143 or 130 with a message, a manifest
// that lists every file the run wrote (verify passes), and no temporary
// file. The old code died of SIGTERM at once, leaving no manifest and a
// temporary file; on SIGINT it exited 1 with "context canceled", at times
// with a finished output missing from the manifest.
func TestSignalledRunLeavesAConsistentFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	work := t.TempDir()
	docs := filepath.Join(work, "docs")
	writeLongNotices(t, docs)
	for _, c := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{{syscall.SIGTERM, "SIGTERM", 143}, {syscall.SIGINT, "SIGINT", 130}} {
		out := filepath.Join(work, "out-"+c.name)
		cmd := exec.Command(galleyBin, "export", "-q", "-j", "2", "--date", "2025-12-16", "-o", out, docs)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForPDFs(out, 5)
		cmd.Process.Signal(c.sig)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != c.code || !strings.Contains(stderr.String(), "galley: interrupted ("+c.name+"): ") {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, code, c.code, stderr.String())
		}
		if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
			t.Errorf("%s: no manifest: %v", c.name, err)
			continue
		}
		if v, err := exec.Command(galleyBin, "verify", out).CombinedOutput(); err != nil {
			t.Errorf("%s: verify: %v\n%s", c.name, err, v)
		}
		temps, _ := filepath.Glob(filepath.Join(out, "en", ".*"))
		if len(temps) > 0 {
			t.Errorf("%s: temporary files left: %v", c.name, temps)
		}
	}
}

// waitForPDFs waits until a running export has written n PDFs into
// out/en, or a minute has passed.
func waitForPDFs(out string, n int) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(out, "en", "*.pdf"))
		if len(files) >= n || time.Now().After(deadline) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// writeLongNotices writes 150 notices of two long paragraphs into dir,
// enough for an export to be stopped half-way.
func writeLongNotices(t *testing.T, dir string) {
	para := strings.Repeat("We keep records of what we collect and why we collect it. ", 40)
	writeDocs(t, dir, 150, para+"\n\n## Details\n\n"+para)
}
