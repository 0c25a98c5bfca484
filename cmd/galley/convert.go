package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/galleydoc/galley/internal/cobra"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

type convertFlags struct {
	docFlags
	to       string
	from     string
	out      string
	fragment bool
}

func newConvertCmd() *cobra.Command {
	f := &convertFlags{}
	c := &cobra.Command{
		Use:   "convert [flags] [FILE|-]",
		Short: "Convert one document to standard output (or -o FILE)",
		Long: strings.TrimSpace(`
Convert reads one document (FILE, or standard input when FILE is - or
absent) and writes it in one format to standard output, or to the file named
by -o. The input format comes from the file extension (.md, .html, .json)
or --from; standard input is read as Markdown unless --from says otherwise.

Warnings go to standard error as file:line: message; with --strict they are
errors. Exit status: 0 converted; 1 the document failed; 2 usage error.`),
		Example: strings.Trim(`
  galley convert -t html --fragment notice.md
  galley convert -t json notice.md | galley convert --from json -t pdf -o notice.pdf
  galley convert -t md --from html saved-page.html > notice.md`, "\n"),
		Args: argsRange(0, 1),
		RunE: func(c *cobra.Command, args []string) error { return runConvert(c, f, args) },
	}
	fs := c.Flags()
	fs.StringVarP(&f.to, "to", "t", "html", "output format: html, pdf, txt, json or md")
	fs.StringVar(&f.from, "from", "", "input format: md (galley's Markdown: CommonMark, GFM, MkDocs syntax), commonmark or gfm (the bare specifications), html or json (default: by extension; standard input: md)")
	fs.StringVarP(&f.out, "output", "o", "", "write to FILE instead of standard output (- is standard output)")
	fs.BoolVar(&f.fragment, "fragment", false, "html: the body alone, no page template")
	f.docFlags.register(fs, false)
	return c
}

func runConvert(c *cobra.Command, f *convertFlags, args []string) error {
	growStack()
	opts, err := f.options(c.Flags(), nil)
	if err != nil {
		return err
	}
	opts.Formats = []string{f.to} // names and aliases are the registry's
	opts.Fragment = f.fragment
	if len(opts.Locales) > 1 {
		return usagef("convert renders one locale; give one with -l")
	}
	from := ""
	switch strings.ToLower(f.from) {
	case "":
	case "md", "markdown":
		from = "markdown"
	case "html", "htm":
		from = "html"
	case "json":
		from = "json"
	case "commonmark", "gfm":
		from = strings.ToLower(f.from)
	default:
		return usagef("--from %q: choose md, commonmark, gfm, html or json", f.from)
	}
	name, dir := "<stdin>", ""
	var src []byte
	// The input is read through the size limit (max_bytes): /dev/zero or
	// an endless pipe is refused after max_bytes+1 bytes.
	var tooLarge *pipeline.TooLargeError
	if len(args) == 0 || args[0] == "-" {
		src, err = pipeline.ReadLimited(c.InOrStdin(), opts.MaxBytes)
		if errors.As(err, &tooLarge) {
			fmt.Fprintf(c.ErrOrStderr(), "%s: %v\n", name, err)
			return &failedError{1}
		}
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		if from == "" {
			from = "markdown"
		}
		dir, _ = os.Getwd()
	} else {
		name = args[0]
		src, err = pipeline.ReadFile(name, opts.MaxBytes, false)
		if errors.As(err, &tooLarge) {
			fmt.Fprintf(c.ErrOrStderr(), "%s: %v\n", name, err)
			return &failedError{1}
		}
		if err != nil {
			return &usageError{fmt.Errorf("%s: cannot read: %v", name, diag.PathCause(err))}
		}
		abs, _ := filepath.Abs(name)
		dir = filepath.Dir(abs)
	}
	eng, err := pipeline.New(builtin.Registry(), opts)
	if err != nil {
		return err
	}
	relaxGCForSmallInput(len(src))
	sink := &diag.Sink{}
	var buf bytes.Buffer
	cerr := eng.Convert(context.Background(), src, name, from, dir, &buf, sink)
	if cerr == nil || !opts.Strict { // under --strict the first warning is the error
		for _, d := range sink.All() {
			fmt.Fprintf(c.ErrOrStderr(), "warning: %s\n", d)
		}
	}
	if cerr != nil {
		if _, ok := cerr.(*pipeline.UsageError); ok {
			return cerr
		}
		fmt.Fprintln(c.ErrOrStderr(), cerr)
		return &failedError{1}
	}
	if f.out != "" && f.out != "-" {
		if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
			return err
		}
		return nil
	}
	_, err = c.OutOrStdout().Write(buf.Bytes())
	return err
}

// writeFileAtomic writes data to name through a temporary file renamed into
// place.
func writeFileAtomic(name string, data []byte) error {
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder; give -o a file name", name)
	}
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		// A device or pipe (-o /dev/null, -o /dev/stdout): write to it;
		// renaming over it would replace it with a file.
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", name, diag.PathCause(err))
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("cannot write %s: %w", name, err)
		}
		return f.Close()
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, diag.PathCause(err))
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	os.Chmod(tmp.Name(), 0o644)
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// growStack grows the goroutine's stack to 64 KB at once, while it is
// shallow. Go starts a goroutine with 2 KB and doubles its stack when a
// call needs more, copying it and walking every frame on it; converting a
// document deepens the stack to 16 KB (HTML) or 64 KB (PDF) in three to
// five such steps, which walked the deep frames of goldmark's and the
// layouter's recursion, each first walk of a function faulting in its
// part of the binary's tables (about 3 % of convert -t html). Here the
// stack holds a few frames.
//
//go:noinline
func growStack() {
	var pad [40 << 10]byte
	touchStack(pad[:])
}

//go:noinline
func touchStack(b []byte) { b[len(b)-1] = 1 }

// smallInput is the largest input for which convert collects garbage less
// often.
const smallInput = 256 << 10

// relaxGCForSmallInput lets the heap grow to five times the live data
// between collections (GOGC=400) instead of twice, when the document is
// small and GOGC is not set: a one-document process then runs a collection
// or two instead of several (about a sixth of the CPU time of the notice
// to PDF), and its peak memory stays within a few megabytes of the default,
// since the heap of a small document is mostly the fonts and tables it
// uses. Larger inputs keep the default pace, under a soft memory limit
// (convertLimit) unless GOMEMLIMIT is set.
func relaxGCForSmallInput(n int) {
	if n <= smallInput && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if n > smallInput && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(convertLimit(n))
	}
}

// convertLimit is the soft memory limit of a one-document process whose
// input is n bytes: near it the collector runs more often, so the peak
// stays near what the document needs instead of twice its live heap. A
// document of 50,000 footnotes (1.5 MB) to PDF peaked at 320–385 MB of
// RSS at the default pace and peaks at about 270 MB under its limit of
// 252 MB, for about 3 % more CPU; the 1 MB test document and smaller
// inputs stay under their limit and are not slowed.
func convertLimit(n int) int64 {
	const base, perByte = 160 << 20, 64
	return base + perByte*int64(n)
}
