// Package gitdates reads the revision and creation dates of every file in a
// git work tree from one `git log` pass.
//
// The dates are those of mkdocs-git-revision-date-localized-plugin: a
// file's revision date is the author date (%at) of the newest commit that
// touched it, its creation date the author date of the oldest one,
// following renames. Where the plugin runs git once or twice per file,
// Load runs
//
//	git log --format=%x1e%H %at --name-status -M -z --diff-merges=combined
//
// once for the whole repository and walks its output newest to oldest,
// carrying each file's history over to its older name when a commit
// renamed it. Latest answers the plugin's site revision, the newest
// commit under a folder, from the same pass.
//
// # Choices
//
//   - Order: git log's default order (newest commit date first), as the
//     plugin's `git log -n 1 -- FILE` uses: the revision is the first commit
//     in that order that touched the file, and its author date is reported
//     even if a rebase left an older commit with a newer author date.
//   - Merges: a merge counts for a file only where it differs from every
//     parent (a conflict resolved by hand), which is when `git log -- FILE`
//     shows a merge; a clean merge takes its dates from the commits merged.
//     Unlike path-limited git log, the walk does not prune side branches
//     whose changes a merge discarded.
//   - Creation: the oldest commit in the file's history, across renames
//     and across a delete and re-add of the same path (the plugin takes the
//     oldest of the commits that added it, following renames). It is never
//     after the revision: with rewritten history it is clamped to it.
//   - Uncommitted changes to tracked files do not count: the dates are
//     those of the last commit, as the plugin's. Untracked files and files
//     whose newest history entry deletes them have no dates.
//   - Shallow clones: the oldest commit of a shallow clone appears to add
//     every file it holds, so creation dates (and revisions of files older
//     than the cut) are wrong. Shallow reports it; the caller warns.
package gitdates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNotRepository is returned by Load for a directory outside any git work
// tree.
var ErrNotRepository = errors.New("not a git repository")

// ErrNoGit is returned by Load when the git command cannot be found.
var ErrNoGit = errors.New("git not found")

// Commit is a commit that touched a file.
type Commit struct {
	Hash string
	// AuthorTime is the author date, in UTC.
	AuthorTime time.Time
}

// History holds the revision and creation commits of every file of a
// repository. It is safe for concurrent use once loaded.
type History struct {
	root    string
	shallow bool
	files   map[string]*fileDates // by path relative to root, slash-separated
	// touched is the newest commit that touched each path, under every
	// name it had (a rename touches the old name too), numbered in log
	// order: what Latest needs.
	touched map[string]touch
}

// touch is a commit and its place in log order (0 = newest).
type touch struct {
	seq    int
	commit Commit
}

type fileDates struct {
	revision, creation Commit
	deleted            bool // the newest entry deletes it: not in the tree
}

// Load reads the history of the repository holding dir (any directory of
// its work tree): one `git rev-parse` for the top level and the shallow
// flag, and one `git log` for the dates. A repository without commits has
// an empty history. A directory with no .git above it is ErrNotRepository
// whether or not git is installed: it is told without searching PATH.
func Load(ctx context.Context, dir string) (*History, error) {
	if !maybeInWorkTree(dir) {
		return nil, &notRepositoryError{dir}
	}
	h, err := workTree(ctx, dir)
	if err != nil {
		return nil, err
	}
	out, err := git(ctx, h.root, "-c", "log.showSignature=false",
		"log", "--format=%x1e%H %at", "--name-status", "-M", "-z", "--diff-merges=combined", "--no-color")
	if err != nil {
		if noCommits(err) {
			return h, nil
		}
		return nil, fmt.Errorf("gitdates: %s: %w", h.root, err)
	}
	if err := h.parse(out); err != nil {
		return nil, fmt.Errorf("gitdates: %s: %w", h.root, err)
	}
	return h, nil
}

// LoadFile reads the dates of the one file at path (absolute, or relative
// to the working directory), for a run that exports one document: one
// `git rev-parse` and the MkDocs plugin's own per-file commands,
//
//	git log -n 1 --format=%x1e%H %at --name-status -- FILE
//	git log --follow --format=%x1e%H %at -- FILE
//
// side by side, the first for the revision, the last commit of the
// second for the creation. It reads the file's history
// only, where Load reads the whole repository's (a convert in a repository
// of some hundred commits: 80 ms of git for Load). It agrees with Load but
// where Load's walk differs from path-limited git log: a change a side
// branch made that a merge discarded counts for Load, not here (nor for
// the plugin). The History holds that file alone.
func LoadFile(ctx context.Context, path string) (*History, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("gitdates: %w", err)
	}
	dir := filepath.Dir(abs)
	if !maybeInWorkTree(dir) {
		return nil, &notRepositoryError{dir}
	}
	h, err := workTree(ctx, dir)
	if err != nil {
		return nil, err
	}
	rel, ok := h.rel(abs)
	if !ok {
		return h, nil
	}
	// The creation: the oldest commit of its history across renames, read
	// while the revision is.
	var all []Commit
	var allErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		all, _, allErr = fileLog(ctx, h.root, rel, "--follow")
	}()
	// The revision as the plugin's `git log -n 1 -- FILE` finds it (a
	// merge that changed the file counts; --follow would skip it), with
	// its status: a file whose newest entry deletes it is not in the tree.
	newest, deleted, err := fileLog(ctx, h.root, rel, "-n", "1", "--name-status")
	<-done
	if err == nil {
		err = allErr
	}
	if err != nil {
		return nil, err
	}
	if len(newest) == 0 || deleted {
		return h, nil // untracked, deleted, or no commit touched it
	}
	commits := append(newest, all...)
	d := &fileDates{revision: commits[0], creation: commits[len(commits)-1]}
	if d.creation.AuthorTime.After(d.revision.AuthorTime) {
		d.creation = d.revision
	}
	h.files[rel] = d
	return h, nil
}

// fileLog runs git log with args for the file at rel (relative to root)
// and returns its commits, newest first, and whether the newest entry
// deletes the file (with --name-status).
func fileLog(ctx context.Context, root, rel string, args ...string) ([]Commit, bool, error) {
	args = append([]string{"-c", "log.showSignature=false", "log", "--format=%x1e%H %at", "--no-color"}, args...)
	out, err := git(ctx, root, append(args, "--", rel)...)
	if err != nil {
		if noCommits(err) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("gitdates: %s: %w", filepath.Join(root, rel), err)
	}
	var commits []Commit
	deleted := false
	for _, rec := range strings.Split(string(out), "\x1e") {
		head, status, _ := strings.Cut(strings.TrimSpace(rec), "\n")
		if head == "" {
			continue
		}
		hash, at, ok := strings.Cut(head, " ")
		secs, err := strconv.ParseInt(at, 10, 64)
		if !ok || err != nil {
			return nil, false, fmt.Errorf("gitdates: %s: unexpected git log line %q", filepath.Join(root, rel), head)
		}
		if len(commits) == 0 {
			deleted = strings.HasPrefix(strings.TrimSpace(status), "D")
		}
		commits = append(commits, Commit{Hash: hash, AuthorTime: time.Unix(secs, 0).UTC()})
	}
	return commits, deleted, nil
}

// noCommits reports whether git log failed because the repository has no
// commits yet (an empty history, not an error).
func noCommits(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && bytes.Contains(ee.Stderr, []byte("does not have any commits"))
}

// workTree runs `git rev-parse` in dir for the top level of its work tree
// and whether the repository is shallow, and returns an empty History of it.
func workTree(ctx context.Context, dir string) (*History, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("gitdates: %w: %v", ErrNoGit, err)
	}
	out, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--is-shallow-repository")
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && bytes.Contains(ee.Stderr, []byte("not a git repository")) {
			return nil, fmt.Errorf("gitdates: %s: %w", dir, ErrNotRepository)
		}
		return nil, fmt.Errorf("gitdates: %s: %w", dir, err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 3 || lines[0] != "true" {
		return nil, fmt.Errorf("gitdates: %s: %w (not inside a work tree)", dir, ErrNotRepository)
	}
	return &History{root: filepath.FromSlash(lines[1]), shallow: lines[2] == "true", files: map[string]*fileDates{}}, nil
}

// maybeInWorkTree reports whether git could find a work tree holding dir:
// false only when dir is a directory with no .git entry in it or any
// directory above it and no GIT_DIR or GIT_WORK_TREE in the environment,
// where git would answer "not a git repository". It spares a one-document
// `galley convert` outside a repository starting git (a fork and exec, and
// git's own start: about a tenth of the process's CPU time) and searching
// PATH for it (1 %).
// notRepositoryError is ErrNotRepository for dir, as fmt.Errorf("gitdates:
// %s: %w") writes it, made without fmt: every convert outside a repository
// makes one.
type notRepositoryError struct{ dir string }

func (e *notRepositoryError) Error() string {
	return "gitdates: " + e.dir + ": " + ErrNotRepository.Error()
}

func (e *notRepositoryError) Unwrap() error { return ErrNotRepository }

func maybeInWorkTree(dir string) bool {
	if os.Getenv("GIT_DIR") != "" || os.Getenv("GIT_WORK_TREE") != "" {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return true // git says what is wrong with it
	}
	for {
		// os.IsNotExist, not errors.Is: Lstat's error is not wrapped, and
		// errors.Is's assertions built method tables at run time in
		// every convert outside a repository.
		if _, err := os.Lstat(filepath.Join(abs, ".git")); !os.IsNotExist(err) {
			return true // there, or unreadable: git decides
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}

// git runs git in dir and returns its standard output; a failure's error
// carries the first line of its standard error.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg, _, _ := strings.Cut(strings.TrimSpace(string(ee.Stderr)), "\n")
			return nil, &gitError{args: args, msg: msg, ExitError: ee}
		}
		return nil, err
	}
	return out, nil
}

type gitError struct {
	args []string
	msg  string
	*exec.ExitError
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s: %s (%v)", e.args[0], e.msg, e.ExitError)
}

func (e *gitError) Unwrap() error { return e.ExitError }

// parse walks the log output, newest commit first. Each commit is a header
// token "\x1eHASH AUTHORTIME" followed by name-status entries: a status
// token ("M", "A", "D", "R100", or one letter per parent for a merge's
// combined diff) and its path, or for a rename or copy the old and the new
// path; all NUL-terminated, a status token possibly preceded by a newline.
func (h *History) parse(out []byte) error {
	// alias maps a path to the file (its newest path) whose older history
	// it holds; set when a rename is seen, newest first.
	alias := map[string]string{}
	h.touched = map[string]touch{}
	var cur Commit
	seq := -1
	toks := bytes.Split(out, []byte{0})
	for i := 0; i < len(toks); i++ {
		tok := string(bytes.TrimLeft(toks[i], "\n"))
		if tok == "" {
			continue
		}
		if tok[0] == '\x1e' {
			hash, at, ok := strings.Cut(tok[1:], " ")
			secs, err := strconv.ParseInt(at, 10, 64)
			if !ok || err != nil {
				return fmt.Errorf("unexpected git log header %q", tok)
			}
			cur = Commit{Hash: hash, AuthorTime: time.Unix(secs, 0).UTC()}
			seq++
			continue
		}
		status := tok
		if i+1 >= len(toks) {
			return fmt.Errorf("git log entry %q without a path", status)
		}
		path := string(toks[i+1])
		i++
		renamed := ""
		if (status[0] == 'R' || status[0] == 'C') && len(status) > 1 && status[1] >= '0' && status[1] <= '9' {
			if i+1 >= len(toks) {
				return fmt.Errorf("git log rename without a new path")
			}
			old := path
			path = string(toks[i+1])
			i++
			if status[0] == 'R' {
				renamed = old
				h.markTouched(old, seq, cur)
			} else {
				// A copy creates path from old; old's own history goes on.
				status = "A"
			}
		}
		h.markTouched(path, seq, cur)
		file := path
		if f, ok := alias[path]; ok {
			file = f
		}
		d := h.files[file]
		if d == nil {
			d = &fileDates{revision: cur, deleted: strings.Trim(status, "D") == ""}
			h.files[file] = d
		}
		d.creation = cur
		if renamed != "" {
			alias[renamed] = file
		}
	}
	for _, d := range h.files {
		if d.creation.AuthorTime.After(d.revision.AuthorTime) {
			d.creation = d.revision
		}
	}
	return nil
}

// markTouched records that commit c, seq in log order, touched path,
// unless a newer one did.
func (h *History) markTouched(path string, seq int, c Commit) {
	if _, ok := h.touched[path]; !ok {
		h.touched[path] = touch{seq, c}
	}
}

// Latest returns the newest commit that touched anything under dir (a
// directory of the work tree, absolute or relative to the working
// directory): the MkDocs plugin's site revision, `git log -n 1 -- DIR`
// for its docs_dir. It reports false for a directory outside the
// repository or one no commit touched. A History of LoadFile knows one
// file only; use LoadLatest there.
func (h *History) Latest(dir string) (Commit, bool) {
	prefix, ok := h.relDir(dir)
	if !ok {
		return Commit{}, false
	}
	best := touch{seq: -1}
	for p, t := range h.touched {
		if strings.HasPrefix(p, prefix) && (best.seq < 0 || t.seq < best.seq) {
			best = t
		}
	}
	return best.commit, best.seq >= 0
}

// LoadLatest returns the newest commit that touched anything under dir,
// as History.Latest does, with the one command the plugin runs for it
// (`git log -n 1 -- DIR`), for a run that exports one document. It reports
// false, without error, for a directory no commit touched and for one
// outside any repository.
func LoadLatest(ctx context.Context, dir string) (Commit, bool, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Commit{}, false, fmt.Errorf("gitdates: %w", err)
	}
	if !maybeInWorkTree(abs) {
		return Commit{}, false, nil
	}
	h, err := workTree(ctx, abs)
	if errors.Is(err, ErrNotRepository) {
		return Commit{}, false, nil
	}
	if err != nil {
		return Commit{}, false, err
	}
	prefix, ok := h.relDir(abs)
	if !ok {
		return Commit{}, false, nil
	}
	spec := strings.TrimSuffix(prefix, "/")
	if spec == "" {
		spec = "."
	}
	commits, _, err := fileLog(ctx, h.root, spec, "-n", "1")
	if err != nil || len(commits) == 0 {
		return Commit{}, false, err
	}
	return commits[0], true, nil
}

// relDir turns dir into the slash-separated prefix its paths have relative
// to the root ("" for the root itself, else ending in "/"): rel of a name
// inside dir, less the name (rel resolves links in its directory part).
func (h *History) relDir(dir string) (string, bool) {
	const name = "x"
	r, ok := h.rel(filepath.Join(dir, name))
	return strings.TrimSuffix(r, name), ok
}

// Root returns the top-level directory of the work tree.
func (h *History) Root() string { return h.root }

// Shallow reports whether the repository is a shallow clone, whose oldest
// commits stand in for a history that is not there: creation dates (and
// some revision dates) are then wrong, and the caller should say so.
func (h *History) Shallow() bool { return h.shallow }

// Revision returns the newest commit that touched the file at path
// (absolute, or relative to the working directory). It reports false for a
// path outside the repository, an untracked file, or a file no commit
// touched.
func (h *History) Revision(path string) (Commit, bool) {
	d := h.lookup(path)
	if d == nil {
		return Commit{}, false
	}
	return d.revision, true
}

// Creation returns the oldest commit in the history of the file at path,
// following renames; see Revision for path and the boolean.
func (h *History) Creation(path string) (Commit, bool) {
	d := h.lookup(path)
	if d == nil {
		return Commit{}, false
	}
	return d.creation, true
}

// Len returns the number of files with dates.
func (h *History) Len() int {
	n := 0
	for _, d := range h.files {
		if !d.deleted {
			n++
		}
	}
	return n
}

func (h *History) lookup(path string) *fileDates {
	rel, ok := h.rel(path)
	if !ok {
		return nil
	}
	d := h.files[rel]
	if d == nil || d.deleted {
		return nil
	}
	return d
}

// rel turns path into a slash-separated path relative to the root, also
// when path or the root goes through a symbolic link.
func (h *History) rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	if r, ok := within(h.root, abs); ok {
		return r, true
	}
	// Resolve links in the directory part (the file itself may be gone).
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", false
	}
	root, err := filepath.EvalSymlinks(h.root)
	if err != nil {
		root = h.root
	}
	return within(root, filepath.Join(dir, filepath.Base(abs)))
}

func within(root, abs string) (string, bool) {
	r, err := filepath.Rel(root, abs)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
