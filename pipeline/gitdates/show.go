package gitdates

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrUnknownRevision is wrapped by Show's error when git knows no such
// revision.
var ErrUnknownRevision = errors.New("unknown revision")

// ErrNotInRevision is wrapped by Show's error when the revision has no such
// file.
var ErrNotInRevision = errors.New("no such file in the revision")

// Version is a file as it was at a git revision.
type Version struct {
	// Data is the file's content at the revision.
	Data []byte
	// Commit is the newest commit at or before the revision that touched
	// the file: its revision date is that commit's author date, as the
	// MkDocs plugin would have shown at the revision.
	Commit Commit
}

// Show reads the file at path (relative to dir, or absolute) as it was at
// revision rev (anything `git show` takes: a tag, a branch, HEAD~1, a
// commit), with the commit its revision date comes from. dir is the
// directory the path is relative to; it must be inside a work tree.
func Show(ctx context.Context, dir, rev, path string) (*Version, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoGit, err)
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%q: %w", rev, ErrUnknownRevision)
	}
	if _, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree"); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	commit, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || len(strings.TrimSpace(string(commit))) == 0 {
		return nil, fmt.Errorf("%q: %w", rev, ErrUnknownRevision)
	}
	rel := filepath.ToSlash(path)
	if !filepath.IsAbs(path) && !strings.HasPrefix(rel, "./") && !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	if filepath.IsAbs(path) {
		top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
		if err != nil {
			return nil, err
		}
		r, ok := within(strings.TrimSpace(string(top)), path)
		if !ok {
			return nil, fmt.Errorf("%s: %w (outside the repository)", path, ErrNotInRevision)
		}
		rel = r
	}
	data, err := git(ctx, dir, "cat-file", "blob", rev+":"+rel)
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", path, rev, ErrNotInRevision)
	}
	out, err := git(ctx, dir, "-c", "log.showSignature=false", "log", "-1", "--format=%H %at", rev, "--", path)
	if err != nil {
		return nil, err
	}
	v := &Version{Data: data}
	if f := strings.Fields(string(out)); len(f) == 2 {
		if sec, err := strconv.ParseInt(f[1], 10, 64); err == nil {
			v.Commit = Commit{Hash: f[0], AuthorTime: time.Unix(sec, 0).UTC()}
		}
	}
	return v, nil
}

// ResolveRevision returns the commit that rev names in the repository
// holding dir, or an error wrapping ErrUnknownRevision, ErrNotRepository or
// ErrNoGit.
func ResolveRevision(ctx context.Context, dir, rev string) (string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoGit, err)
	}
	if _, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree"); err != nil {
		return "", fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q: %w", rev, ErrUnknownRevision)
	}
	out, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		return "", fmt.Errorf("%q: %w", rev, ErrUnknownRevision)
	}
	return strings.TrimSpace(string(out)), nil
}
