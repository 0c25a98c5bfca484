package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `galley export .` with the default output folder out inside the folder
// exported: the old code read the HTML outputs of the run before as
// documents, nesting out/en/out/en/notice.html one level deeper each run.
// The walk now skips the output folder, whatever -o names; an output
// folder that is the folder exported is a usage error.
func TestExportSkipsItsOutputFolder(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "notice.md"), []byte("# Notice\n"), 0o644)
	os.MkdirAll(filepath.Join(site, "sub"), 0o755)
	os.WriteFile(filepath.Join(site, "sub", "terms.md"), []byte("# Terms\n"), 0o644)
	for _, out := range []string{"out", filepath.Join("sub", "archive")} {
		for run := 1; run <= 3; run++ {
			if code, _, stderr := galley(t, site, "export", "-q", "-f", "html,txt", "--date", "2026-01-02", "-o", out, "."); code != 0 {
				t.Fatalf("-o %s, run %d: exit %d\n%s", out, run, code, stderr)
			}
		}
		var files []string
		filepath.WalkDir(filepath.Join(site, out), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(filepath.Join(site, out), p)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		want := "en/notice.html en/notice.txt en/sub/terms.html en/sub/terms.txt manifest.json"
		if got := strings.Join(files, " "); got != want {
			t.Errorf("-o %s after three runs holds %s\nwant %s", out, got, want)
		}
		if code, _, stderr := galley(t, site, "verify", out); code != 0 {
			t.Errorf("verify %s: exit %d\n%s", out, code, stderr)
		}
	}
	code, _, stderr := galley(t, site, "export", "-q", "-o", ".", ".")
	if code != 2 || !strings.Contains(stderr, ". is the output folder (--out .): galley would read its own outputs as documents") {
		t.Errorf("-o . .: exit %d\n%s", code, stderr)
	}
}
