package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/internal/cobra"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/gitdates"
	"github.com/galleydoc/galley/pipeline/tree"
)

type diffFlags struct {
	docFlags
	to    string
	from  string
	out   string
	quiet bool
}

// exitDifferent is diff(1)'s status for "the inputs differ".
const exitDifferent = 1

func newDiffCmd() *cobra.Command {
	f := &diffFlags{}
	c := &cobra.Command{
		Use:   "diff [flags] OLD NEW",
		Short: "Redline: what changed between two versions of a document",
		Long: strings.TrimSpace(`
Diff compares two versions of a document as a reader sees them and writes a
redline: the new version with inserted words marked and deleted words shown
struck, and a summary of the changes (the two versions with their dates,
the sections changed, words added and removed, a link to each change).

OLD and NEW are each a file, - (standard input, once), or a file at a git
revision, REV:PATH, as git show takes it (PATH relative to the current
directory): HEAD~1:docs/privacy.md, v2025.1:docs/privacy.md. Both are read,
resolved and localized as convert does; a git revision's date macros show
the date of its own last commit.

What counts as a change is what a reader sees: words (each character in
scripts written without spaces), link targets, a block whose kind changed,
table cells, images, footnotes; moved sections are reported as moved. White
space, line wrapping and Markdown spelling (* or _, reference or inline
links) are not changes, and dates compare as dates.

Formats (-t): html (default; <ins>/<del>, summary in the page header), pdf
(underlined insertions, struck deletions, change bars, bookmarks), txt
([+inserted+] [-deleted-], then the summary), json (galley-diff/v1), md
(CriticMarkup).

Exit status, as diff(1): 0 no differences, 1 differences, 2 trouble.
--quiet writes nothing and only sets the status.`),
		Example: strings.Trim(`
  galley diff HEAD~1:docs/privacy.md docs/privacy.md -o privacy-redline.html
  galley diff -t pdf -o changes.pdf v2025.1:docs/privacy.md v2026.1:docs/privacy.md
  galley diff --quiet HEAD~1:docs/privacy.md docs/privacy.md || echo "changed: bump the effective date"`, "\n"),
		Args: argsRange(2, 2),
		RunE: func(c *cobra.Command, args []string) error { return runDiff(c, f, args) },
	}
	fs := c.Flags()
	fs.StringVarP(&f.to, "to", "t", "html", "output format: html, pdf, txt, json or md")
	fs.StringVar(&f.from, "from", "", "input format of both versions: md, commonmark, gfm, html or json (default: by extension; standard input: md)")
	fs.StringVarP(&f.out, "output", "o", "", "write to FILE instead of standard output (- is standard output)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "write nothing; only the exit status says whether the versions differ")
	f.docFlags.register(fs, false)
	return c
}

func runDiff(c *cobra.Command, f *diffFlags, args []string) error {
	opts, err := f.options(c.Flags(), nil)
	if err != nil {
		return err
	}
	to := strings.ToLower(f.to)
	switch to {
	case "text":
		to = "txt"
	case "markdown":
		to = "md"
	}
	opts.Formats = []string{to}
	if len(opts.Locales) > 1 {
		return usagef("diff renders one locale; give one with -l")
	}
	from, err := readerName(f.from)
	if err != nil {
		return err
	}
	if args[0] == "-" && args[1] == "-" {
		return usagef("diff: standard input (-) can be only one of OLD and NEW")
	}
	eng, err := pipeline.New(builtin.Registry(), opts)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var vers [2]pipeline.DiffVersion
	for i, a := range args {
		v, err := loadVersion(ctx, c.InOrStdin(), a, from)
		if err != nil {
			return err
		}
		vers[i] = v
	}
	sink := &diag.Sink{}
	var buf bytes.Buffer
	var rl *tree.Redline
	if f.quiet {
		doc, derr := eng.Redline(ctx, vers[0], vers[1], sink)
		err = derr
		if doc != nil {
			rl = doc.Redline
		}
	} else {
		rl, err = eng.Diff(ctx, vers[0], vers[1], &buf, sink)
	}
	if !f.quiet && (err == nil || !opts.Strict) {
		for _, d := range sink.All() {
			fmt.Fprintf(c.ErrOrStderr(), "warning: %s\n", d)
		}
	}
	if err != nil {
		// Trouble is exit status 2 for diff, whatever went wrong.
		return &usageError{err}
	}
	if !f.quiet {
		if f.out != "" && f.out != "-" {
			if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
				return &usageError{err}
			}
		} else if _, err := c.OutOrStdout().Write(buf.Bytes()); err != nil {
			return &usageError{err}
		}
	}
	if len(rl.Changes) > 0 {
		return &differentError{}
	}
	return nil
}

// differentError is diff's "the versions differ" (exit status 1), not a
// failure.
type differentError struct{}

func (*differentError) Error() string { return "the versions differ" }

// readerName maps --from to a reader name.
func readerName(from string) (string, error) {
	switch strings.ToLower(from) {
	case "":
		return "", nil
	case "md", "markdown":
		return "markdown", nil
	case "html", "htm":
		return "html", nil
	case "json":
		return "json", nil
	case "commonmark", "gfm":
		return strings.ToLower(from), nil
	}
	return "", usagef("--from %q: choose md, commonmark, gfm, html or json", from)
}

// loadVersion reads one side of a diff: -, a file, or REV:PATH.
func loadVersion(ctx context.Context, stdin io.Reader, arg, from string) (pipeline.DiffVersion, error) {
	wd, _ := os.Getwd()
	v := pipeline.DiffVersion{Label: arg, Format: from}
	if arg == "-" {
		src, err := pipeline.ReadLimited(stdin, 0) // max_bytes' default
		if err != nil {
			return v, usagef("reading standard input: %v", err)
		}
		v.Src, v.Path, v.Dir = src, "stdin.md", wd
		if from == "" {
			v.Format = "markdown"
		}
		return v, nil
	}
	if rev, path, ok := strings.Cut(arg, ":"); ok && rev != "" && path != "" && !fileExists(arg) {
		gv, err := gitdates.Show(ctx, wd, rev, path)
		if err != nil {
			return v, usagef("%s: %v", arg, gitMessage(err, rev, path))
		}
		abs, _ := filepath.Abs(path)
		v.Src, v.Path, v.Dir = gv.Data, path, filepath.Dir(abs)
		if gv.Commit.Hash != "" {
			v.Revision = &tree.DateInfo{Time: gv.Commit.AuthorTime, Source: tree.FromGit, Commit: gv.Commit.Hash}
		}
		return v, nil
	}
	src, err := pipeline.ReadFile(arg, 0, false) // through max_bytes' default: not /dev/zero
	if err != nil {
		return v, usagef("%s: cannot read: %v", arg, diag.PathCause(err))
	}
	abs, _ := filepath.Abs(arg)
	v.Src, v.Path, v.Dir, v.Abs = src, arg, filepath.Dir(abs), abs
	return v, nil
}

func gitMessage(err error, rev, path string) string {
	switch {
	case errors.Is(err, gitdates.ErrNoGit):
		return "git is not installed; install git to compare revisions"
	case errors.Is(err, gitdates.ErrNotRepository):
		return "not inside a git work tree; run galley diff from the repository"
	case errors.Is(err, gitdates.ErrUnknownRevision):
		return fmt.Sprintf("unknown revision %q (see git log for the revisions of the file)", rev)
	case errors.Is(err, gitdates.ErrNotInRevision):
		return fmt.Sprintf("revision %s has no file %s (PATH is relative to the current directory; see git log --stat)", rev, path)
	}
	return err.Error()
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}
