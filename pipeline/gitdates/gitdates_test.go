package gitdates

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/locales"
)

// repo is a throwaway git repository for tests.
type repo struct {
	t   testing.TB
	dir string
}

// gitEnv isolates the test repositories from the user's and the system's
// git configuration and from any GIT_DIR of a surrounding hook.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
	)
}

func newRepo(t testing.TB) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git(nil, "init", "-q", "-b", "main")
	return r
}

func (r *repo) git(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(gitEnv(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything with the given author and committer dates
// (RFC 3339) and returns the commit hash.
func (r *repo) commit(msg, authorDate, committerDate string) string {
	r.t.Helper()
	r.git(nil, "add", "-A")
	r.git([]string{"GIT_AUTHOR_DATE=" + authorDate, "GIT_COMMITTER_DATE=" + committerDate}, "commit", "-q", "--no-gpg-sign", "-m", msg)
	return r.git(nil, "rev-parse", "HEAD")
}

func load(t testing.TB, dir string) *History {
	t.Helper()
	h, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func rfc(s string) time.Time {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return tm.UTC()
}

// The PyPI notice's case: the published date is the author date, not the
// (later) commit date.
func TestAuthorDate(t *testing.T) {
	r := newRepo(t)
	r.write("docs/privacy.md", "# Privacy\n")
	r.commit("older", "2025-01-02T10:00:00Z", "2025-01-02T10:00:00Z")
	r.write("docs/privacy.md", "# Privacy notice\n")
	hash := r.commit("edit", "2025-12-16T08:14:45-05:00", "2025-12-17T17:35:26-05:00")

	h := load(t, filepath.Join(r.dir, "docs"))
	rev, ok := h.Revision(filepath.Join(r.dir, "docs", "privacy.md"))
	if !ok {
		t.Fatal("no revision")
	}
	if want := time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC); !rev.AuthorTime.Equal(want) || rev.AuthorTime.Location() != time.UTC || rev.Hash != hash {
		t.Errorf("revision %v %s, want %v %s", rev.AuthorTime, rev.Hash, want, hash)
	}
	for tag, want := range map[string]string{
		"en": "December 16, 2025",
		"de": "16. Dezember 2025",
		"fr": "16 décembre 2025",
		"ja": "2025年12月16日",
	} {
		if got := locales.MustParse(tag).FormatDate(rev.AuthorTime.UTC(), locales.Long); got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
	cr, ok := h.Creation(filepath.Join(r.dir, "docs", "privacy.md"))
	if !ok || !cr.AuthorTime.Equal(rfc("2025-01-02T10:00:00Z")) {
		t.Errorf("creation %v %v", cr, ok)
	}
	if h.Shallow() {
		t.Error("a full repository reported shallow")
	}
	if h.Root() != r.dir {
		if real, _ := filepath.EvalSymlinks(r.dir); h.Root() != real {
			t.Errorf("root %s, want %s", h.Root(), r.dir)
		}
	}
}

func TestRenameAndPaths(t *testing.T) {
	r := newRepo(t)
	r.write("old name.md", "v1\n")
	r.write("ünïcode/日本語.md", "ja\n")
	r.write("keep.md", "keep\n")
	r.commit("create", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
	r.write("old name.md", "v2\n")
	r.commit("edit", "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z")
	os.MkdirAll(filepath.Join(r.dir, "docs"), 0o755)
	r.git(nil, "mv", "old name.md", "docs/new name.md")
	r.commit("rename", "2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z")
	r.write("docs/new name.md", "v3\n")
	r.commit("edit again", "2024-04-01T00:00:00Z", "2024-04-01T00:00:00Z")
	// A new file takes the old name.
	r.write("old name.md", "another file\n")
	r.commit("reuse name", "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z")
	// A deleted file.
	r.git(nil, "rm", "-q", "keep.md")
	r.commit("delete", "2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z")
	// Uncommitted change and untracked file.
	r.write("ünïcode/日本語.md", "changed, not committed\n")
	r.write("untracked.md", "new\n")

	h := load(t, r.dir)
	check := func(path, rev, created string) {
		t.Helper()
		rv, ok1 := h.Revision(filepath.Join(r.dir, path))
		cr, ok2 := h.Creation(filepath.Join(r.dir, path))
		if rev == "" {
			if ok1 || ok2 {
				t.Errorf("%s: dates %v %v, want none", path, rv, cr)
			}
			return
		}
		if !ok1 || !ok2 || !rv.AuthorTime.Equal(rfc(rev)) || !cr.AuthorTime.Equal(rfc(created)) {
			t.Errorf("%s: revision %v created %v (%v %v), want %s %s", path, rv.AuthorTime, cr.AuthorTime, ok1, ok2, rev, created)
		}
	}
	check("docs/new name.md", "2024-04-01T00:00:00Z", "2024-01-01T00:00:00Z") // history follows the rename
	check("old name.md", "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z")      // the new file with the old name
	check("ünïcode/日本語.md", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")   // the uncommitted change does not count
	check("keep.md", "", "")                                                  // deleted
	check("untracked.md", "", "")
	check("nowhere.md", "", "")
	if h.Len() != 3 {
		t.Errorf("Len %d, want 3", h.Len())
	}

	// Paths relative to the working directory.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(filepath.Join(r.dir, "docs")); err != nil {
		t.Fatal(err)
	}
	if rv, ok := h.Revision("new name.md"); !ok || !rv.AuthorTime.Equal(rfc("2024-04-01T00:00:00Z")) {
		t.Errorf("relative path: %v %v", rv, ok)
	}
	if _, ok := h.Revision("../../outside.md"); ok {
		t.Error("a path outside the repository has dates")
	}
}

func TestSymlinkedRoot(t *testing.T) {
	r := newRepo(t)
	r.write("a.md", "a\n")
	r.commit("a", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(r.dir, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	h := load(t, link)
	if _, ok := h.Revision(filepath.Join(link, "a.md")); !ok {
		t.Error("no dates through the symlink")
	}
	if _, ok := h.Revision(filepath.Join(r.dir, "a.md")); !ok {
		t.Error("no dates through the real path")
	}
	for _, dir := range []string{link, r.dir} {
		if _, ok := h.Latest(dir); !ok {
			t.Errorf("no site revision for %s", dir)
		}
		if _, ok, err := LoadLatest(context.Background(), dir); !ok || err != nil {
			t.Errorf("LoadLatest %s: %v %v", dir, ok, err)
		}
	}
}

func TestMerge(t *testing.T) {
	r := newRepo(t)
	r.write("a.md", "base\n")
	r.write("b.md", "base\n")
	r.commit("base", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
	r.git(nil, "checkout", "-q", "-b", "side")
	r.write("a.md", "side\n")
	r.write("b.md", "side only\n")
	r.commit("side", "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z")
	r.git(nil, "checkout", "-q", "main")
	r.write("a.md", "main\n")
	r.commit("main", "2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z")
	// A clean merge for b.md, a conflict resolved by hand for a.md.
	cmd := exec.Command("git", "merge", "-q", "--no-edit", "side")
	cmd.Dir, cmd.Env = r.dir, gitEnv()
	cmd.Run() // conflicts
	r.write("a.md", "resolved\n")
	r.commit("merge", "2024-04-01T00:00:00Z", "2024-04-01T00:00:00Z")

	h := load(t, r.dir)
	if rv, _ := h.Revision(filepath.Join(r.dir, "a.md")); !rv.AuthorTime.Equal(rfc("2024-04-01T00:00:00Z")) {
		t.Errorf("a.md (resolved in the merge): %v", rv.AuthorTime)
	}
	if rv, _ := h.Revision(filepath.Join(r.dir, "b.md")); !rv.AuthorTime.Equal(rfc("2024-02-01T00:00:00Z")) {
		t.Errorf("b.md (merged cleanly): %v", rv.AuthorTime)
	}
	// The plugin's own command agrees, and so does LoadFile.
	for _, f := range []string{"a.md", "b.md"} {
		at := r.git(nil, "log", "-n", "1", "--format=%at", "--", f)
		rv, _ := h.Revision(filepath.Join(r.dir, f))
		if at != fmt.Sprint(rv.AuthorTime.Unix()) {
			t.Errorf("%s: git log -n 1 says %s, Load %d", f, at, rv.AuthorTime.Unix())
		}
		sameAsLoad(t, h, filepath.Join(r.dir, f))
	}
	// The site revision is the merge that resolved a.md.
	if c, ok := h.Latest(r.dir); !ok || c.Hash != r.git(nil, "rev-parse", "HEAD") {
		t.Errorf("Latest: %v %v, want the merge", c, ok)
	}
}

// sameAsLoad checks that LoadFile gives the file at path the dates h
// (Load's) gives it, or none where h has none.
func sameAsLoad(t *testing.T, h *History, path string) {
	t.Helper()
	one, err := LoadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("LoadFile %s: %v", path, err)
	}
	if one.Root() != h.Root() || one.Shallow() != h.Shallow() {
		t.Errorf("%s: LoadFile root %s shallow %v, Load %s %v", path, one.Root(), one.Shallow(), h.Root(), h.Shallow())
	}
	for _, get := range []struct {
		what string
		f    func(*History, string) (Commit, bool)
	}{{"revision", (*History).Revision}, {"creation", (*History).Creation}} {
		want, wok := get.f(h, path)
		got, gok := get.f(one, path)
		if gok != wok || got != want {
			t.Errorf("%s: %s %v %v from LoadFile, %v %v from Load", path, get.what, got, gok, want, wok)
		}
	}
}

// TestLoadFileAgreesWithLoad: reading one file's history gives every file
// of a generated history (renames included) the dates Load gives, and none
// to a deleted or an untracked file. (TestMerge checks a merge.)
func TestLoadFileAgreesWithLoad(t *testing.T) {
	r := generated(t, 40, 120)
	r.write("gone.md", "soon deleted\n")
	r.commit("add gone", "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
	r.git(nil, "rm", "-q", "gone.md")
	r.commit("delete gone", "2030-01-02T00:00:00Z", "2030-01-02T00:00:00Z")
	h := load(t, r.dir)
	files := strings.Split(r.git(nil, "ls-files"), "\n")
	for _, f := range files {
		sameAsLoad(t, h, filepath.Join(r.dir, f))
	}
	r.write("untracked.md", "not added\n")
	for _, f := range []string{"gone.md", "untracked.md"} {
		one, err := LoadFile(context.Background(), filepath.Join(r.dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := one.Revision(filepath.Join(r.dir, f)); ok {
			t.Errorf("%s: LoadFile gives a revision %v", f, c)
		}
	}
	if _, err := LoadFile(context.Background(), filepath.Join(t.TempDir(), "x.md")); !errors.Is(err, ErrNotRepository) {
		t.Errorf("LoadFile outside a repository: %v, want ErrNotRepository", err)
	}
}

func TestCreationNotAfterRevision(t *testing.T) {
	r := newRepo(t)
	r.write("a.md", "1\n")
	r.commit("first, authored late", "2024-09-01T00:00:00Z", "2024-01-01T00:00:00Z")
	r.write("a.md", "2\n")
	r.commit("second, authored early", "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z")
	h := load(t, r.dir)
	rv, _ := h.Revision(filepath.Join(r.dir, "a.md"))
	cr, _ := h.Creation(filepath.Join(r.dir, "a.md"))
	if !rv.AuthorTime.Equal(rfc("2024-02-01T00:00:00Z")) || !cr.AuthorTime.Equal(rv.AuthorTime) {
		t.Errorf("revision %v, creation %v", rv.AuthorTime, cr.AuthorTime)
	}
}

func TestShallow(t *testing.T) {
	r := newRepo(t)
	for i := 1; i <= 3; i++ {
		r.write("a.md", fmt.Sprintf("v%d\n", i))
		r.commit("c", fmt.Sprintf("2024-0%d-01T00:00:00Z", i), fmt.Sprintf("2024-0%d-01T00:00:00Z", i))
	}
	clone := filepath.Join(t.TempDir(), "clone")
	cmd := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	cmd.Env = gitEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	h := load(t, clone)
	if !h.Shallow() {
		t.Error("shallow clone not detected")
	}
	// Only the newest commit is there: creation is (wrongly) that one.
	cr, _ := h.Creation(filepath.Join(clone, "a.md"))
	if !cr.AuthorTime.Equal(rfc("2024-03-01T00:00:00Z")) {
		t.Errorf("creation in the shallow clone: %v", cr.AuthorTime)
	}
}

func TestNoHistory(t *testing.T) {
	r := newRepo(t)
	r.write("a.md", "a\n")
	h := load(t, r.dir) // no commits yet
	if _, ok := h.Revision(filepath.Join(r.dir, "a.md")); ok || h.Len() != 0 {
		t.Error("dates in a repository without commits")
	}
	r.commit("a", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
	r.write("b.md", "staged, never committed\n")
	r.git(nil, "add", "b.md")
	h = load(t, r.dir)
	if _, ok := h.Revision(filepath.Join(r.dir, "b.md")); ok {
		t.Error("dates for a file no commit touched")
	}
}

func TestNotRepository(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, err := Load(context.Background(), dir)
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("Load outside a repository: %v, want ErrNotRepository", err)
	}
	_, err = Load(context.Background(), filepath.Join(dir, "missing"))
	if err == nil {
		t.Error("Load of a missing directory: no error")
	}
}

// TestNotRepositoryWithoutGit checks that a directory with no .git above it
// is answered without starting git, and that GIT_DIR still sends Load to
// git.
func TestNotRepositoryWithoutGit(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in git is a shell script")
	}
	dir := t.TempDir()
	if maybeInWorkTree(dir) {
		t.Skipf("%s has a .git entry above it", dir)
	}
	bin, mark := t.TempDir(), filepath.Join(t.TempDir(), "git-ran")
	script := "#!/bin/sh\n: > '" + mark + "'\necho 'fatal: not a git repository' >&2\nexit 128\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	if _, err := Load(context.Background(), dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Load outside a repository: %v, want ErrNotRepository", err)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Error("Load started git for a directory with no .git above it")
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(context.Background(), dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Load beside a .git git rejects: %v, want ErrNotRepository", err)
	}
	if _, err := os.Stat(mark); err != nil {
		t.Error("Load did not ask git about a directory holding .git")
	}
	os.Remove(mark)
	os.Remove(filepath.Join(dir, ".git"))
	t.Setenv("GIT_DIR", filepath.Join(dir, "elsewhere.git"))
	Load(context.Background(), dir)
	if _, err := os.Stat(mark); err != nil {
		t.Error("Load did not ask git when GIT_DIR is set")
	}
}

func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Load(context.Background(), ".")
	if !errors.Is(err, ErrNoGit) {
		t.Errorf("Load without git: %v, want ErrNoGit", err)
	}
}

// generated builds, with one git fast-import, a repository of files files
// and commits commits: each commit edits up to five files, every 50th also
// renames one. (A renamed file's old name is not used again: git log
// --follow, the plugin's way, would then carry the new file's history on
// into the renamed one's, where Load gives each its own.)
func generated(tb testing.TB, files, commits int) *repo {
	r := newRepo(tb)
	var s strings.Builder
	renamed := map[int]bool{}
	for c := 0; c < commits; c++ {
		ts := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(c) * time.Hour).Unix()
		fmt.Fprintf(&s, "commit refs/heads/main\nauthor T <t@example.com> %d +0000\ncommitter T <t@example.com> %d +0000\ndata 2\nc\n", ts, ts)
		if c == 0 {
			for f := 0; f < files; f++ {
				content := strings.Repeat(fmt.Sprintf("a paragraph of file %d\n", f), 10)
				fmt.Fprintf(&s, "M 644 inline docs/dir %d/file %d.md\ndata %d\n%s", f%20, f, len(content), content)
			}
			continue
		}
		for k := 0; k < 5; k++ {
			f := (c*7 + k*61) % files
			if renamed[f] {
				continue
			}
			content := fmt.Sprintf("commit %d\n%s", c, strings.Repeat(fmt.Sprintf("a paragraph of file %d\n", f), 10))
			fmt.Fprintf(&s, "M 644 inline docs/dir %d/file %d.md\ndata %d\n%s", f%20, f, len(content), content)
		}
		if c%50 == 0 {
			f := c % files
			renamed[f] = true
			fmt.Fprintf(&s, "R \"docs/dir %d/file %d.md\" \"docs/renamed/file %d-%d.md\"\n", f%20, f, f, c)
		}
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Env = r.dir, gitEnv()
	cmd.Stdin = strings.NewReader(s.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("fast-import: %v\n%s", err, out)
	}
	r.git(nil, "checkout", "-q", "-f", "main")
	return r
}

// TestAgreesWithPerFileGit checks Load against the commands the MkDocs
// plugin runs for each file.
func TestAgreesWithPerFileGit(t *testing.T) {
	r := generated(t, 40, 120)
	h := load(t, r.dir)
	files := strings.Split(r.git(nil, "ls-files"), "\n")
	if h.Len() != len(files) {
		t.Errorf("%d files with dates, %d tracked", h.Len(), len(files))
	}
	for _, f := range files {
		rv, ok := h.Revision(filepath.Join(r.dir, f))
		if want := r.git(nil, "log", "-n", "1", "--format=%at", "--", f); !ok || fmt.Sprint(rv.AuthorTime.Unix()) != want {
			t.Errorf("%s: revision %d (%v), git log -n 1 says %s", f, rv.AuthorTime.Unix(), ok, want)
		}
		added := strings.Fields(r.git(nil, "log", "--follow", "--diff-filter=A", "--format=%at", "--", f))
		cr, _ := h.Creation(filepath.Join(r.dir, f))
		if len(added) == 0 || fmt.Sprint(cr.AuthorTime.Unix()) != added[len(added)-1] {
			t.Errorf("%s: creation %d, git log --follow --diff-filter=A says %v", f, cr.AuthorTime.Unix(), added)
		}
	}
}

// BenchmarkLoad loads a repository of 400 files and 300 commits.
func BenchmarkLoad(b *testing.B) {
	r := generated(b, 400, 300)
	tracked := len(strings.Split(r.git(nil, "ls-files"), "\n"))
	b.ResetTimer()
	var h *History
	for b.Loop() {
		h = load(b, r.dir)
	}
	if h.Len() != tracked {
		b.Fatalf("%d files with dates, want the %d tracked", h.Len(), tracked)
	}
}

// Outside any work tree, Load answers ErrNotRepository without looking for
// git, so a missing git does not change the answer.
func TestNotRepositoryWithGitMissing(t *testing.T) {
	dir := t.TempDir()
	if maybeInWorkTree(dir) {
		t.Skip("the temporary directory is inside a git work tree")
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Load(context.Background(), dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Load outside a repository without git: %v, want ErrNotRepository", err)
	}
}

// TestLatest checks the site revision (Latest, LoadLatest) against the
// plugin's command for it, `git log -n 1 -- DIR`, on folders whose newest
// change is an edit, a rename out of or into them, and a deletion.
func TestLatest(t *testing.T) {
	r := generated(t, 40, 120)
	r.git(nil, "rm", "-q", "docs/dir 5/file 5.md")
	deleted := r.commit("delete", "2031-01-01T00:00:00Z", "2031-01-01T00:00:00Z")
	if err := os.MkdirAll(filepath.Join(r.dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := load(t, r.dir)
	dirs := []string{"", "docs", "docs/renamed", "empty"}
	for d := 0; d < 20; d++ {
		dirs = append(dirs, fmt.Sprintf("docs/dir %d", d))
	}
	for _, d := range dirs {
		abs := filepath.Join(r.dir, filepath.FromSlash(d))
		spec := d
		if spec == "" {
			spec = "."
		}
		want := r.git(nil, "log", "-n", "1", "--format=%H %at", "--", spec)
		got, ok := h.Latest(abs)
		one, oneOK, err := LoadLatest(context.Background(), abs)
		if err != nil {
			t.Fatalf("LoadLatest %q: %v", d, err)
		}
		for _, c := range []struct {
			who string
			c   Commit
			ok  bool
		}{{"Latest", got, ok}, {"LoadLatest", one, oneOK}} {
			s := ""
			if c.ok {
				s = fmt.Sprintf("%s %d", c.c.Hash, c.c.AuthorTime.Unix())
			}
			if s != want {
				t.Errorf("%q: %s gives %q, git log -n 1 %q", d, c.who, s, want)
			}
		}
	}
	if c, _ := h.Latest(filepath.Join(r.dir, "docs", "dir 5")); c.Hash != deleted {
		t.Errorf("a folder whose newest change deletes a file: %s, want the deletion %s", c.Hash, deleted)
	}
	outside := t.TempDir()
	if _, ok := h.Latest(outside); ok {
		t.Error("Latest of a folder outside the repository")
	}
	if _, ok, err := LoadLatest(context.Background(), outside); ok || err != nil {
		t.Errorf("LoadLatest outside any repository: %v %v, want false and no error", ok, err)
	}
}
