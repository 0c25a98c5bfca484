package pipeline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline"
)

// gitRepo makes a repository whose one commit has the PyPI notice's author
// date (2025-12-16) and commit date (2025-12-17).
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	os.WriteFile(filepath.Join(dir, "docs", "notice.md"), []byte("# Notice\n\nLast updated **{{git_revision_date_localized}}**\n"), 0o644)
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2025-12-16T08:14:45-05:00", "GIT_COMMITTER_DATE=2025-12-17T17:35:26-05:00",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	run("add", ".")
	run("commit", "-q", "-m", "notice")
	return dir
}

func TestGitAuthorDateInEveryLocale(t *testing.T) {
	dir := gitRepo(t)
	inputs, err := pipeline.Discover([]string{filepath.Join(dir, "docs")})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt", "html"}, Locales: []string{"en", "de", "fr", "ja"}}).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed > 0 {
		t.Fatalf("export: %v %+v", err, res.Manifest.Failures)
	}
	want := map[string]string{"en": "December 16, 2025", "de": "16. Dezember 2025", "fr": "16 décembre 2025", "ja": "2025年12月16日"}
	for loc, date := range want {
		txt, _ := os.ReadFile(filepath.Join(out, loc, "notice.txt"))
		if !strings.Contains(string(txt), "Last updated "+date) {
			t.Errorf("%s: %q does not say %q", loc, txt, date)
		}
		html, _ := os.ReadFile(filepath.Join(out, loc, "notice.html"))
		if !strings.Contains(string(html), `<time datetime="2025-12-16">`+date+`</time>`) {
			t.Errorf("%s html lacks the <time> element for %s", loc, date)
		}
	}
	for _, e := range res.Manifest.Outputs {
		if e.Date == nil || e.Date.Source != "git" || e.Date.Value != "2025-12-16T13:14:45Z" || len(e.Commit) != 40 {
			t.Errorf("%s: date provenance %+v commit %q", e.Path, e.Date, e.Commit)
		}
	}
}

func TestShallowCloneIsReported(t *testing.T) {
	dir := gitRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	inputs, err := pipeline.Discover([]string{filepath.Join(clone, "docs")})
	if err != nil {
		t.Fatal(err)
	}
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Code == "shallow-clone" {
			found = true
		}
	}
	if !found {
		t.Errorf("no shallow-clone warning: %v", res.Diagnostics)
	}
	// Under --strict the warning fails the document.
	res, err = newEngine(t, pipeline.Options{Formats: []string{"txt"}, Strict: true, Force: true}).Export(context.Background(), inputs, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 {
		t.Errorf("strict shallow clone: %d failed, want 1", res.Failed)
	}
}
