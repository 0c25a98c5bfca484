package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository in a temporary folder holding docs/notice.md
// in two commits with the author dates given, and returns its folder.
func gitRepo(t *testing.T, v1, v2, date1, date2 string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed; skipping")
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	run := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T",
			"GIT_COMMITTER_EMAIL=t@example.org", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run(date1, "init", "-q", "-b", "main")
	os.WriteFile(filepath.Join(dir, "docs", "notice.md"), []byte(v1), 0o644)
	run(date1, "add", ".")
	run(date1, "commit", "-q", "-m", "v1")
	run(date1, "tag", "v1")
	os.WriteFile(filepath.Join(dir, "docs", "notice.md"), []byte(v2), 0o644)
	run(date2, "commit", "-q", "-am", "v2")
	return dir
}

func diffRun(t *testing.T, dir string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(galleyBin, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

const noticeV1 = "# Notice\n\nLast updated {{git_revision_date_localized}}\n\nWe keep logs for 90 days.\n"
const noticeV2 = "# Notice\n\nLast updated {{git_revision_date_localized}}\n\nWe keep logs for 30 days.\n"

// TestDiffGitRevisions: each side read from git is dated by its own
// commit, in the date macros and the summary.
func TestDiffGitRevisions(t *testing.T) {
	dir := gitRepo(t, noticeV1, noticeV2, "2025-03-04T10:00:00Z", "2025-12-16T09:00:00Z")
	out, errOut, code := diffRun(t, dir, "", "diff", "-t", "txt", "v1:docs/notice.md", "HEAD:docs/notice.md")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (differences)\n%s", code, errOut)
	}
	for _, want := range []string{
		"Last updated [-March 4, 2025-][+December 16, 2025+]",
		"We keep logs for [-90-][+30+] days.",
		"Old version: v1:docs/notice.md (March 4, 2025)",
		"New version: HEAD:docs/notice.md (December 16, 2025)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// From a subfolder, PATH is relative to it, as git show takes ./PATH.
	out, _, code = diffRun(t, filepath.Join(dir, "docs"), "", "diff", "-t", "txt", "HEAD~1:notice.md", "notice.md")
	if code != 1 || !strings.Contains(out, "[-90-][+30+]") {
		t.Errorf("from docs/: exit %d\n%s", code, out)
	}
	// German dates.
	out, _, _ = diffRun(t, dir, "", "diff", "-t", "txt", "-l", "de", "v1:docs/notice.md", "docs/notice.md")
	if !strings.Contains(out, "[-4. März 2025-][+16. Dezember 2025+]") {
		t.Errorf("-l de: dates not in German:\n%s", out)
	}
	// The same revision twice: no differences.
	out, _, code = diffRun(t, dir, "", "diff", "HEAD:docs/notice.md", "docs/notice.md")
	if code != 0 {
		t.Errorf("HEAD against the work tree: exit %d, want 0", code)
	}
	if !strings.Contains(out, "No changes.") {
		t.Errorf("no differences: the page does not say so")
	}
	// --quiet: nothing written, the status says it.
	out, errOut, code = diffRun(t, dir, "", "diff", "--quiet", "v1:docs/notice.md", "docs/notice.md")
	if code != 1 || out != "" || errOut != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q; want 1 and nothing", code, out, errOut)
	}
	out, _, code = diffRun(t, dir, "", "diff", "-q", "HEAD:docs/notice.md", "docs/notice.md")
	if code != 0 || out != "" {
		t.Errorf("-q, no differences: exit %d, stdout %q", code, out)
	}
}

// TestDiffTrouble: bad input is exit status 2 with a message saying what
// is wrong and what to do.
func TestDiffTrouble(t *testing.T) {
	dir := gitRepo(t, noticeV1, noticeV2, "2025-03-04T10:00:00Z", "2025-12-16T09:00:00Z")
	os.WriteFile(filepath.Join(dir, "logo.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	os.WriteFile(filepath.Join(dir, "de.md"), []byte("---\nlocale: de\n---\n# Hinweis\n\nText.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "en.md"), []byte("---\nlocale: en\n---\n# Notice\n\nText.\n"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown revision", []string{"nosuchtag:docs/notice.md", "docs/notice.md"}, `nosuchtag:docs/notice.md: unknown revision "nosuchtag"`},
		{"path not in revision", []string{"v1:docs/terms.md", "docs/notice.md"}, "v1:docs/terms.md: revision v1 has no file docs/terms.md"},
		{"missing file", []string{"docs/notice.md", "docs/nowhere.md"}, "docs/nowhere.md: cannot read: no such file or directory"},
		{"binary file", []string{"logo.png", "docs/notice.md"}, "logo.png: a binary file, not a document"},
		{"locale mismatch", []string{"de.md", "en.md"}, "de.md is in de but en.md is in en: compare two versions in one language, or give the locale to show both in with -l"},
		{"standard input twice", []string{"-", "-"}, "standard input (-) can be only one of OLD and NEW"},
		{"one argument", []string{"docs/notice.md"}, "wrong number of arguments"},
		{"unknown format", []string{"-t", "docx", "docs/notice.md", "docs/notice.md"}, `unknown format "docx"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := diffRun(t, dir, "", append([]string{"diff"}, c.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2\nstderr: %s", code, errOut)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q lacks %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("trouble wrote to stdout: %q", out)
			}
		})
	}
	// -l puts both versions in one locale.
	if _, errOut, code := diffRun(t, dir, "", "diff", "-l", "en", "de.md", "en.md"); code != 1 {
		t.Errorf("-l en: exit %d, want 1\n%s", code, errOut)
	}
	// Not a repository.
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "a.md"), []byte("# A\n"), 0o644)
	if _, errOut, code := diffRun(t, plain, "", "diff", "HEAD:a.md", "a.md"); code != 2 || !strings.Contains(errOut, "not inside a git work tree") {
		t.Errorf("outside a repository: exit %d, stderr %q", code, errOut)
	}
}

// TestDiffStdinAndOutput: - reads standard input; -o writes a file.
func TestDiffStdinAndOutput(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.md"), []byte("# T\n\nOne  two\nthree.\n"), 0o644)
	// White space and wrapping only: no differences.
	if _, errOut, code := diffRun(t, dir, "# T\n\nOne two three.\n", "diff", "old.md", "-"); code != 0 {
		t.Errorf("white space only: exit %d, want 0\n%s", code, errOut)
	}
	_, _, code := diffRun(t, dir, "# T\n\nOne two four.\n", "diff", "-t", "md", "-o", "r.md", "old.md", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	got, err := os.ReadFile(filepath.Join(dir, "r.md"))
	if err != nil || !strings.Contains(string(got), "One two {~~three~>four~~}.") {
		t.Errorf("-o r.md: %q, %v", got, err)
	}
}

// TestExportRedlineSince: export --redline-since REV also writes the
// redline of each document changed since REV, in each format, listed in
// the manifest; unchanged documents get none.
func TestExportRedlineSince(t *testing.T) {
	dir := gitRepo(t, noticeV1, noticeV2, "2025-03-04T10:00:00Z", "2025-12-16T09:00:00Z")
	os.WriteFile(filepath.Join(dir, "docs", "terms.md"), []byte("# Terms\n\nUnchanged.\n"), 0o644)
	_, errOut, code := diffRun(t, dir, "", "export", "-q", "-f", "html,txt", "--redline-since", "v1", "-o", "out", "docs")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	txt, err := os.ReadFile(filepath.Join(dir, "out", "en", "notice.redline.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "We keep logs for [-90-][+30+] days.") || !strings.Contains(string(txt), "Old version: v1:docs/notice.md (March 4, 2025)") {
		t.Errorf("notice.redline.txt:\n%s", txt)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "en", "notice.redline.html")); err != nil {
		t.Error(err)
	}
	// terms.md is not in v1 (new since): compared with an empty document.
	if b, err := os.ReadFile(filepath.Join(dir, "out", "en", "terms.redline.txt")); err != nil || !strings.Contains(string(b), "Unchanged.+]") || strings.Count(string(b), "Terms\n=====") != 1 {
		t.Errorf("terms.redline.txt (new since v1): %q, %v", b, err)
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "out", "manifest.json"))
	if n := strings.Count(string(manifest), `"redline_since": "v1"`); n != 4 {
		t.Errorf("manifest lists %d redlines, want 4:\n%s", n, manifest)
	}
	if _, errOut, code := diffRun(t, dir, "", "verify", "out"); code != 0 {
		t.Errorf("verify: exit %d\n%s", code, errOut)
	}
	// Since HEAD: notice.md is unchanged, no redline.
	_, _, code = diffRun(t, dir, "", "export", "-q", "-f", "txt", "--redline-since", "HEAD", "-o", "out2", "docs/notice.md")
	if _, err := os.Stat(filepath.Join(dir, "out2", "en", "notice.redline.txt")); code != 0 || err == nil {
		t.Errorf("unchanged since HEAD: exit %d, redline written: %v", code, err == nil)
	}
	// An unknown revision is a usage error.
	if _, errOut, code := diffRun(t, dir, "", "export", "--redline-since", "nosuch", "docs"); code != 2 || !strings.Contains(errOut, `unknown revision "nosuch"`) {
		t.Errorf("unknown revision: exit %d, %s", code, errOut)
	}
}
