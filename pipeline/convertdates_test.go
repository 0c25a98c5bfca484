package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// TestConvertReadsTheFilesOwnHistory: convert dates one file from its own
// history (two `git log` runs over it) where export reads the whole
// repository's; in a repository where the file was renamed and changed
// since, and another file changed after it, both give its revision (the
// last commit touching it) and its creation (the first, under its old
// name).
func TestConvertReadsTheFilesOwnHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := t.TempDir()
	run := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const notice = "# Notice\n\nLast updated {{ git_revision_date_localized }}, first published {{ git_creation_date_localized }}.\n"
	run("2021-03-04T10:00:00Z", "init", "-q", "-b", "main")
	write("draft.md", notice)
	run("2021-03-04T10:00:00Z", "add", "-A")
	run("2021-03-04T10:00:00Z", "commit", "-q", "--no-gpg-sign", "-m", "draft")
	run("2022-05-06T10:00:00Z", "mv", "draft.md", "notice.md")
	run("2022-05-06T10:00:00Z", "commit", "-q", "--no-gpg-sign", "-m", "rename")
	write("notice.md", notice+"\nA new paragraph.\n")
	run("2023-07-08T10:00:00Z", "commit", "-q", "--no-gpg-sign", "-am", "edit")
	write("other.md", "# Other\n")
	run("2024-09-10T10:00:00Z", "add", "-A")
	run("2024-09-10T10:00:00Z", "commit", "-q", "--no-gpg-sign", "-m", "other")

	src, err := os.ReadFile(filepath.Join(dir, "notice.md"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, pipeline.Options{Formats: []string{"text"}, Locales: []string{"en"}})
	var converted bytes.Buffer
	if err := e.Convert(context.Background(), src, filepath.Join(dir, "notice.md"), "", dir, &converted, &diag.Sink{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Last updated July 8, 2023", "first published March 4, 2021"} {
		if !strings.Contains(converted.String(), want) {
			t.Errorf("convert: %q not in\n%s", want, converted.String())
		}
	}
	out := t.TempDir()
	inputs, err := pipeline.Discover([]string{filepath.Join(dir, "notice.md")})
	if err != nil {
		t.Fatal(err)
	}
	res, err := newEngine(t, pipeline.Options{Formats: []string{"text"}, Locales: []string{"en"}}).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed > 0 {
		t.Fatalf("export: %v %+v", err, res)
	}
	exported, err := os.ReadFile(filepath.Join(out, "en", "notice.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if string(exported) != converted.String() {
		t.Errorf("convert and export differ:\n%s\n---\n%s", converted.String(), exported)
	}
}
