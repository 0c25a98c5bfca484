package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/gitdates"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

// dateSource finds each document's dates, in DESIGN order: --date, front
// matter (date, revision_date), git author dates, a date the document
// states ({: datetime=… }), SOURCE_DATE_EPOCH, and the build time where
// fallback_to_build_date allows it. Git history is read once per repository
// (one `git log` pass) and shared by every document in it.
type dateSource struct {
	opts Options

	mu        sync.Mutex
	histories map[string]*repoHistory // by directory
}

// gitHistory is the git history of one repository (package gitdates).
type gitHistory interface {
	Revision(path string) (hash string, author time.Time, ok bool)
	Creation(path string) (hash string, author time.Time, ok bool)
	Latest(dir string) (hash string, author time.Time, ok bool)
	Shallow() bool
	Root() string
}

// loadGitHistory reads the history of the repository holding dir.
func loadGitHistory(ctx context.Context, dir string) (gitHistory, error) {
	h, err := gitdates.Load(ctx, dir)
	if err != nil {
		return nil, err
	}
	return gitAdapter{h}, nil
}

// gitAdapter presents a gitdates.History as a gitHistory.
type gitAdapter struct{ h *gitdates.History }

func (g gitAdapter) Revision(path string) (string, time.Time, bool) {
	c, ok := g.h.Revision(path)
	return c.Hash, c.AuthorTime, ok
}

func (g gitAdapter) Creation(path string) (string, time.Time, bool) {
	c, ok := g.h.Creation(path)
	return c.Hash, c.AuthorTime, ok
}

func (g gitAdapter) Latest(dir string) (string, time.Time, bool) {
	c, ok := g.h.Latest(dir)
	return c.Hash, c.AuthorTime, ok
}

func (g gitAdapter) Shallow() bool { return g.h.Shallow() }
func (g gitAdapter) Root() string  { return g.h.Root() }

type repoHistory struct {
	once sync.Once
	h    gitHistory
	err  error
	// shallowReported makes the shallow-clone warning appear once.
	shallowReported sync.Once
	// site is the newest commit under the input root (the site revision),
	// found once, on first use.
	siteOnce sync.Once
	site     *tree.DateInfo
}

func newDateSource(opts Options) *dateSource {
	return &dateSource{opts: opts, histories: map[string]*repoHistory{}}
}

// history returns the git history of the repository holding dir (an input
// root: every document under it shares one history), or nil.
func (s *dateSource) history(dir string) *repoHistory {
	if dir == "" {
		return nil
	}
	s.mu.Lock()
	rh, ok := s.histories[dir]
	if !ok {
		rh = &repoHistory{}
		s.histories[dir] = rh
	}
	s.mu.Unlock()
	rh.once.Do(func() {
		rh.h, rh.err = loadGitHistory(context.Background(), dir)
	})
	return rh
}

// fileHistory returns the git history of the one file at abs
// (gitdates.LoadFile), nil outside a repository or without git.
func fileHistory(abs string) *repoHistory {
	h, err := gitdates.LoadFile(context.Background(), abs)
	if err != nil {
		return nil
	}
	return &repoHistory{h: gitAdapter{h}}
}

// latestCommit is the newest commit touching anything under dir
// (gitdates.LoadLatest), nil outside a repository, without git, or where
// no commit touched it.
func latestCommit(dir string) *tree.DateInfo {
	c, ok, err := gitdates.LoadLatest(context.Background(), dir)
	if err != nil || !ok {
		return nil
	}
	return &tree.DateInfo{Time: c.AuthorTime, Source: tree.FromGit, Commit: c.Hash}
}

// forDocument returns the dates of doc, read from in.
func (s *dateSource) forDocument(in Input, doc *tree.Document, sink *diag.Sink) resolve.Dates {
	var d resolve.Dates
	if s.opts.Date != nil {
		d.Revision = &tree.DateInfo{Time: *s.opts.Date, Source: tree.FromFlag}
		return d
	}
	if t, ok := frontMatterDate(doc.Meta.FrontMatter, s.opts.TimeZone); ok {
		d.Revision = &tree.DateInfo{Time: t, Source: tree.FromFrontMatter}
	}
	if t, ok := frontMatterTime(doc.Meta.FrontMatter, "creation_date", s.opts.TimeZone); ok {
		d.Creation = &tree.DateInfo{Time: t, Source: tree.FromFrontMatter}
	}
	if d.Revision == nil && in.Revision != nil {
		d.Revision = in.Revision
	}
	s.gitDates(in, doc, &d, sink)
	if d.Revision == nil {
		if t, ok := statedDate(doc, s.opts.TimeZone); ok {
			d.Revision = &tree.DateInfo{Time: t, Source: tree.FromDocument}
		}
	}
	if d.Revision == nil && s.opts.SourceDateEpoch != nil {
		d.Revision = &tree.DateInfo{Time: *s.opts.SourceDateEpoch, Source: tree.FromSourceEpoch}
	}
	if d.Revision == nil && s.opts.FallbackToBuildDate {
		now := s.opts.Now
		if now.IsZero() {
			now = time.Now()
		}
		d.Revision = &tree.DateInfo{Time: now.UTC(), Source: tree.FromBuild}
		if hasDateMacro(doc) {
			sink.Report(diag.Diagnostic{Severity: diag.Warning, Path: in.Display, Code: "date-fallback",
				Message: "no revision date from --date, front matter, git or SOURCE_DATE_EPOCH; using the build date (fallback_to_build_date)"})
		}
	}
	if d.Creation != nil && d.Revision != nil && d.Creation.Time.After(d.Revision.Time) {
		d.Creation = d.Revision
	}
	// A site is revised no earlier than any page of it; without git, the
	// site revision is the page's.
	if d.SiteRevision != nil && d.Revision != nil && d.SiteRevision.Time.Before(d.Revision.Time) {
		d.SiteRevision = d.Revision
	}
	return d
}

func hasDateMacro(doc *tree.Document) bool {
	return hasMacro(doc, func(string) bool { return true })
}

// hasMacro reports whether doc has a date macro whose name is accepted.
func hasMacro(doc *tree.Document, accept func(name string) bool) bool {
	found := false
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if m, ok := in.(*tree.Macro); ok && accept(m.Name) {
			found = true
		}
		return in
	})
	return found
}

func isSiteMacro(name string) bool { return name == "git_site_revision_date_localized" }

// statedDate is the first `{: datetime="YYYY-MM-DD" }` a paragraph carries
// (the Mozilla notices' effective date), a day in tz.
func statedDate(doc *tree.Document, tz *time.Location) (time.Time, bool) {
	var t time.Time
	found := false
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		if found {
			return false
		}
		if p, ok := b.(*tree.Paragraph); ok {
			if v, ok := p.Attr.Get("datetime"); ok {
				if parsed, err := ParseDate(v, tz); err == nil {
					t, found = parsed, true
				}
			}
		}
		return true
	})
	return t, found
}

func frontMatterDate(fm map[string]any, tz *time.Location) (time.Time, bool) {
	for _, key := range []string{"revision_date", "date"} {
		if t, ok := frontMatterTime(fm, key, tz); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func frontMatterTime(fm map[string]any, key string, tz *time.Location) (time.Time, bool) {
	switch v := fm[key].(type) {
	case time.Time:
		// YAML reads a bare date (2026-03-05) as midnight UTC; it means
		// that day wherever the dates are written.
		if tz != nil && v.Location() == time.UTC && v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, tz), true
		}
		return v, true
	case string:
		if t, err := ParseDate(v, tz); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// gitDates fills in the dates d lacks from git: the author dates of the
// last and first commits touching the file and, where the document asks
// for it, of the last commit touching anything under its input root (the
// plugin's site revision: the newest commit in docs_dir). Standard input
// and embedded documents have no history.
func (s *dateSource) gitDates(in Input, doc *tree.Document, d *resolve.Dates, sink *diag.Sink) {
	if in.Abs == "" {
		return
	}
	var rh *repoHistory
	if in.Single {
		if hasMacro(doc, isSiteMacro) {
			d.SiteRevision = latestCommit(in.Root)
		}
		rh = fileHistory(in.Abs)
	} else {
		rh = s.history(in.Root)
		if rh != nil && rh.h != nil && hasMacro(doc, isSiteMacro) {
			rh.siteOnce.Do(func() {
				if hash, t, ok := rh.h.Latest(in.Root); ok {
					rh.site = &tree.DateInfo{Time: t, Source: tree.FromGit, Commit: hash}
				}
			})
			d.SiteRevision = rh.site
		}
	}
	if rh == nil || rh.h == nil {
		return
	}
	if rh.h.Shallow() {
		rh.shallowReported.Do(func() {
			sink.Report(diag.Diagnostic{Severity: diag.Warning, Path: in.Display, Code: "shallow-clone",
				Message: fmt.Sprintf("the git repository %s is a shallow clone, so revision dates may be wrong; fetch the full history (git fetch --unshallow, or fetch-depth: 0 in CI)", rh.h.Root())})
		})
	}
	if d.Revision == nil {
		if hash, t, ok := rh.h.Revision(in.Abs); ok {
			d.Revision = &tree.DateInfo{Time: t, Source: tree.FromGit, Commit: hash}
		} else if hasDateMacro(doc) {
			sink.Report(diag.Diagnostic{Severity: diag.Warning, Path: in.Display, Code: "no-git-history",
				Message: "the file has no git history (not committed yet?); its revision date comes from the next source"})
		}
	}
	if d.Creation == nil {
		if hash, t, ok := rh.h.Creation(in.Abs); ok {
			d.Creation = &tree.DateInfo{Time: t, Source: tree.FromGit, Commit: hash}
		}
	}
}

// ErrBadDate is wrapped by ParseDate's errors.
var ErrBadDate = errors.New("not a date")

// ParseDate reads YYYY-MM-DD (midnight of that day) or a naive
// YYYY-MM-DDTHH:MM[:SS], both in zone tz (or UTC), or RFC 3339 (lower-case
// "t" and "z" and a leap second included).
func ParseDate(s string, tz *time.Location) (time.Time, error) {
	if tz == nil {
		tz = time.UTC
	}
	// RFC 3339 allows "t" and "z" for "T" and "Z" (section 5.6), and a
	// leap second (23:59:60), which Go's parser refuses: it is taken as
	// the second before, on the same day.
	rfc := strings.ToUpper(s)
	if t, err := time.Parse(time.RFC3339, rfc); err == nil {
		return t, nil
	}
	if i := strings.Index(rfc, ":60"); i == len("2006-01-02T23:59") {
		if t, err := time.Parse(time.RFC3339, rfc[:i]+":59"+rfc[i+3:]); err == nil && t.Minute() == 59 {
			return t, nil
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, tz); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q; write YYYY-MM-DD or an RFC 3339 time such as 2025-12-16T13:14:45Z", ErrBadDate, s)
}
