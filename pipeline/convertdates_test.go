package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// gitDir makes an empty folder for a git repository, a function running
// git in it with author and committer dates set to date, and one writing
// a file into it.
func gitDir(t *testing.T) (string, func(date string, args ...string), func(name, body string)) {
	t.Helper()
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
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, run, write
}

// TestConvertReadsTheFilesOwnHistory: convert dates one file from its own
// history (two `git log` runs over it) where export reads the whole
// repository's; in a repository where the file was renamed and changed
// since, and another file changed after it, both give its revision (the
// last commit touching it) and its creation (the first, under its old
// name).
func TestConvertReadsTheFilesOwnHistory(t *testing.T) {
	dir, run, write := gitDir(t)
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

// TestSiteRevision: {{git_site_revision_date_localized}} is the newest
// commit under the folder the document was found in (the plugin's
// docs_dir; convert: the file's folder), not the document's own revision
// and not a commit outside that folder, in export and convert alike; a
// commit to another page re-exports the page that shows it, which its own
// source did not change; --date gives every macro its date.
func TestSiteRevision(t *testing.T) {
	dir, run, write := gitDir(t)
	docs := filepath.Join(dir, "docs")
	const notice = "# Notice\n\nThis page {{ git_revision_date_localized }}, the site {{git_site_revision_date_localized}}.\n"
	commit := func(date, msg string) {
		t.Helper()
		run(date, "add", "-A")
		run(date, "commit", "-q", "--no-gpg-sign", "-m", msg)
	}
	run("2021-01-01T10:00:00Z", "init", "-q", "-b", "main")
	write("docs/notice.md", notice)
	commit("2021-03-04T10:00:00Z", "notice")
	write("docs/terms/other.md", "# Other\n")
	commit("2022-05-06T10:00:00Z", "another page")
	write("README.md", "not in the site\n")
	commit("2023-07-08T10:00:00Z", "outside docs")

	inputs, err := pipeline.Discover([]string{docs})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	export := func(opts pipeline.Options) (*pipeline.Result, string) {
		t.Helper()
		opts.Formats, opts.Locales = []string{"text"}, []string{"en"}
		res, err := newEngine(t, opts).Export(context.Background(), inputs, out, nil)
		if err != nil || res.Failed > 0 {
			t.Fatalf("export: %v %+v", err, res)
		}
		b, err := os.ReadFile(filepath.Join(out, "en", "notice.txt"))
		if err != nil {
			t.Fatal(err)
		}
		return res, string(b)
	}
	_, exported := export(pipeline.Options{})
	if want := "This page March 4, 2021, the site May 6, 2022."; !strings.Contains(exported, want) {
		t.Errorf("export: %q not in\n%s", want, exported)
	}
	src, err := os.ReadFile(filepath.Join(docs, "notice.md"))
	if err != nil {
		t.Fatal(err)
	}
	var converted bytes.Buffer
	e := newEngine(t, pipeline.Options{Formats: []string{"text"}, Locales: []string{"en"}})
	if err := e.Convert(context.Background(), src, filepath.Join(docs, "notice.md"), "", docs, &converted, &diag.Sink{}); err != nil {
		t.Fatal(err)
	}
	if converted.String() != exported {
		t.Errorf("convert and export differ:\n%s\n---\n%s", converted.String(), exported)
	}

	write("docs/terms/other.md", "# Other, revised\n")
	commit("2024-09-10T10:00:00Z", "revise the other page")
	res, exported := export(pipeline.Options{})
	if want := "This page March 4, 2021, the site September 10, 2024."; !strings.Contains(exported, want) {
		t.Errorf("after a commit to another page: %q not in\n%s", want, exported)
	}
	if res.Exported != 2 {
		t.Errorf("after a commit to another page: %d outputs exported, want 2 (both pages)", res.Exported)
	}

	date := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	if _, exported := export(pipeline.Options{Date: &date}); !strings.Contains(exported, "This page January 2, 2025, the site January 2, 2025.") {
		t.Errorf("--date: %s", exported)
	}
}
