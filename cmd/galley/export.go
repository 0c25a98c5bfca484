package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/galleydoc/galley/example"
	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/internal/cobra"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/config"
	"github.com/galleydoc/galley/pipeline/gitdates"
	"golang.org/x/term"
)

type exportFlags struct {
	docFlags
	out     string
	formats []string
	config  string
	jobs    int
	quiet   bool
	json    bool
	force   bool
	shard   string
	prune   bool
	lockFor time.Duration
	since   string
}

func newExportCmd() *cobra.Command {
	f := &exportFlags{}
	c := &cobra.Command{
		Use:   "export [flags] [PATH...]",
		Short: "Export documents × locales × formats into an output folder",
		Long: strings.TrimSpace(`
Export reads the documents named by PATH (files, or folders searched
recursively for *.md, *.markdown and *.html) and writes every requested
format in every requested locale to

    OUT/<locale>/<path relative to its input root>.<ext>

with ext one of html, pdf, txt, json, plus OUT/manifest.json listing every
file with its SHA-256, source, locale, format and date provenance. A single
file's root is its folder. With no PATH, galley exports its built-in example
notice; with --config, the documents of a galley.yaml or of an MkDocs site's
mkdocs.yml.

Documents are exported in parallel (--jobs). A document that fails is
reported as file:line: message and the others are still written. Outputs
whose input and options did not change since the last run are not exported
again (--force re-exports all).

OUT is an archive that runs add to: the manifest keeps listing what earlier
runs wrote (another locale, format or document) while the files are there.
Outputs this run would not make (their source is gone, or their locale or
format is not asked for) are kept and reported as stale; --prune (or
prune: true in galley.yaml) removes them, listing each. One run at a time
writes into OUT: a second run waits for the first (--lock-timeout), then
gives up with exit status 2.

Exit status: 0 all exported; 1 some documents failed; 2 usage or
configuration error.`),
		Example: strings.Trim(`
  galley export                                   # the built-in example into out/
  galley export -l en,de,fr,ja docs/              # a folder in four locales
  galley export --config mkdocs.yml -f pdf        # PDF archive of an MkDocs site
  galley export --shard 2/4 docs/                 # the second quarter of the work`, "\n"),
		Args: argsRange(0, -1),
		RunE: func(c *cobra.Command, args []string) error { return runExport(c, f, args) },
	}
	fs := c.Flags()
	fs.StringVarP(&f.out, "out", "o", "", "output root (default: out, or the config's output)")
	fs.StringSliceVarP(&f.formats, "format", "f", nil, "comma list of html,pdf,txt,json,md (default: html,pdf,txt,json)")
	fs.StringVar(&f.config, "config", "", "galley.yaml, or an mkdocs.yml to take docs_dir, plugin and extension settings from")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "parallel workers (default: number of CPUs)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output; errors are shown, and each warning once with a count of its repeats")
	fs.BoolVar(&f.json, "json", false, "progress and results as JSON lines on stdout")
	fs.BoolVar(&f.force, "force", false, "re-export even what the manifest says is unchanged")
	fs.BoolVar(&f.prune, "prune", false, "remove outputs this run would not make (source gone, locale or format dropped), listing each")
	fs.DurationVar(&f.lockFor, "lock-timeout", pipeline.DefaultLockTimeout, "how long to wait while another run exports into the same folder (0: do not wait)")
	fs.StringVar(&f.since, "redline-since", "", "also write OUT/<locale>/<relpath>.redline.<ext>, the redline of every document whose source changed since git revision REV")
	fs.StringVar(&f.shard, "shard", "", "export a deterministic K-th of N parts of the work (K/N, 1-based; N alone takes K from JOB_COMPLETION_INDEX)")
	f.docFlags.register(fs, true)
	return c
}

func runExport(c *cobra.Command, f *exportFlags, args []string) error {
	var cfg *config.Config
	if f.config != "" {
		var err error
		if cfg, err = config.Load(f.config); err != nil {
			return &usageError{err}
		}
		if unread := cfg.UnreadExtensions(); len(unread) > 0 {
			fmt.Fprintf(c.ErrOrStderr(), "warning: %s: galley does not read the syntax of %s; it appears in the exports as written\n",
				f.config, strings.Join(unread, ", "))
		}
	}
	opts, err := f.options(c.Flags(), cfg)
	if err != nil {
		return err
	}
	if c.Flags().Changed("format") {
		opts.Formats = splitList(f.formats)
	}
	if f.jobs < 0 {
		return usagef("--jobs %d: want a number of workers, or 0 for one per CPU", f.jobs)
	}
	opts.Jobs = f.jobs
	opts.Force = f.force
	opts.Prune = f.prune || (cfg != nil && cfg.Prune && !c.Flags().Changed("prune"))
	switch {
	case f.lockFor < 0:
		return usagef("--lock-timeout %s: want a duration of 0 or more, such as 30s or 10m", f.lockFor)
	case f.lockFor == 0:
		opts.LockTimeout = -1
	default:
		opts.LockTimeout = f.lockFor
	}
	if f.shard != "" {
		if opts.ShardK, opts.ShardN, err = parseShard(f.shard); err != nil {
			return err
		}
	}
	out := f.out
	if out == "" && cfg != nil {
		out = cfg.Output
	}
	if out == "" {
		out = "out"
	}
	var inputs []pipeline.Input
	switch {
	case len(args) > 0:
		inputs, err = pipeline.DiscoverSkipping(args, out)
	case cfg != nil:
		inputs, err = pipeline.DiscoverSkipping(cfg.Documents, out)
	default:
		inputs, err = pipeline.DiscoverFS(example.Notices, example.Root)
	}
	if err != nil {
		return &usageError{err}
	}
	if len(inputs) == 0 {
		where := args
		if len(where) == 0 && cfg != nil {
			where = cfg.Documents
		}
		return usagef("no documents found in %s (galley looks for *.md, *.markdown and *.html)", strings.Join(where, ", "))
	}
	if f.since != "" {
		dir := inputs[0].Dir
		if dir == "" {
			return usagef("--redline-since needs documents in a git work tree, not the built-in examples")
		}
		if _, err := gitdates.ResolveRevision(context.Background(), dir, f.since); err != nil {
			return usagef("--redline-since %s: %v", f.since, gitMessage(err, f.since, inputs[0].Display))
		}
		opts.RedlineSince = f.since
	}
	eng, err := pipeline.New(builtin.Registry(), opts)
	if err != nil {
		return err
	}
	tuneGCForExport(inputs, opts.Jobs)
	// SIGINT (Ctrl-C) and SIGTERM (what CI and Kubernetes send to cancel a
	// job) stop the run the same way: no new document starts, writes in
	// progress finish, and the manifest is written with what is on disk.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var got atomic.Value
	go func() {
		select {
		case s := <-sigs:
			got.Store(s)
			cancel()
		case <-ctx.Done():
		}
	}()
	rep := newReporter(c.ErrOrStderr(), c.OutOrStdout(), f.quiet, f.json, len(inputs))
	res, err := eng.Export(ctx, inputs, out, rep.event)
	rep.finish()
	if s, ok := got.Load().(os.Signal); ok && errors.Is(err, context.Canceled) {
		msg := "the output folder is unchanged"
		if res != nil {
			msg = fmt.Sprintf("%s written and listed in %s; export again to finish", count(res.Exported, "file"), filepath.Join(out, "manifest.json"))
		}
		return &interruptedError{sig: s, msg: msg}
	}
	if err != nil {
		return err
	}
	rep.summary(res, out)
	if res.Failed > 0 {
		return &failedError{res.Failed}
	}
	return nil
}

func parseShard(s string) (k, n int, err error) {
	ks, ns, found := strings.Cut(s, "/")
	if !found {
		ns, ks = ks, ""
		idx := os.Getenv("JOB_COMPLETION_INDEX")
		if idx == "" {
			return 0, 0, usagef("--shard %s: give K/N, or N with JOB_COMPLETION_INDEX set", s)
		}
		i, err := strconv.Atoi(idx)
		if err != nil {
			return 0, 0, usagef("JOB_COMPLETION_INDEX=%q is not a number", idx)
		}
		ks = strconv.Itoa(i + 1)
	}
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, usagef("--shard %s: want K/N with 1 ≤ K ≤ N, e.g. 2/4", s)
	}
	return k, n, nil
}

// reporter shows progress: a bar on a terminal, plain lines otherwise,
// JSON lines with --json, nothing with --quiet (errors are always shown).
type reporter struct {
	mu     sync.Mutex
	errOut io.Writer
	out    io.Writer
	quiet  bool
	json   bool
	bar    *progressBar
	// With --quiet, warnings are gathered by message and summarised at the
	// end, each once with its first place and a count.
	repeats map[string]*repeated
	order   []string
	// stale are the outputs this run does not make, reported once at the
	// end.
	stale []pipeline.Event
}

// repeated is one warning message seen across a batch.
type repeated struct {
	first string // the first warning, with its place
	n     int
}

func newReporter(errOut, out io.Writer, quiet, jsonOut bool, total int) *reporter {
	r := &reporter{errOut: errOut, out: out, quiet: quiet, json: jsonOut}
	if !quiet && !jsonOut {
		if f, ok := errOut.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			r.bar = newProgressBar(errOut, total)
		}
	}
	return r
}

func (r *reporter) event(ev pipeline.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.json {
		b, _ := json.Marshal(ev)
		fmt.Fprintf(r.out, "%s\n", b)
		switch ev.Type {
		case "fail":
			fmt.Fprintf(r.errOut, "%s\n", ev.Error)
		case "wait":
			fmt.Fprintf(r.errOut, "galley: %s\n", ev.Message)
		}
		return
	}
	switch ev.Type {
	case "wait", "gone", "changed", "prune":
		// The output folder's events are shown even with --quiet: a run
		// that waits, or a record of the archive that changes.
		if r.bar != nil {
			r.bar.Clear()
		}
		switch ev.Type {
		case "wait":
			fmt.Fprintf(r.errOut, "galley: %s\n", ev.Message)
		case "prune":
			fmt.Fprintf(r.errOut, "pruned %s: %s\n", ev.Path, ev.Message)
		default:
			fmt.Fprintf(r.errOut, "warning: %s\n", ev.Message)
		}
	case "takeover":
		if !r.quiet {
			fmt.Fprintf(r.errOut, "galley: %s\n", ev.Message)
		}
	case "stale":
		r.stale = append(r.stale, ev)
	case "warning":
		if r.quiet && ev.Message != "" {
			key := ev.Code + "\x00" + ev.Message
			if rp, ok := r.repeats[key]; ok {
				rp.n++
				return
			}
			if r.repeats == nil {
				r.repeats = map[string]*repeated{}
			}
			r.repeats[key] = &repeated{first: ev.Error, n: 1}
			r.order = append(r.order, key)
			return
		}
		fallthrough
	case "fail":
		if r.bar != nil {
			r.bar.Clear()
		}
		{ // diagnostics are shown even with --quiet
			prefix := ""
			if ev.Type == "warning" {
				prefix = "warning: "
			}
			fmt.Fprintf(r.errOut, "%s%s\n", prefix, ev.Error)
		}
	case "output":
		if r.bar == nil && !r.quiet {
			fmt.Fprintf(r.errOut, "wrote %s\n", ev.Path)
		}
	case "done":
		if r.bar != nil {
			r.bar.Add(1)
		}
	}
}

func (r *reporter) finish() {
	if r.bar != nil {
		r.bar.Finish()
	}
	for _, key := range r.order {
		rp := r.repeats[key]
		if rp.n == 1 {
			fmt.Fprintf(r.errOut, "warning: %s\n", rp.first)
		} else {
			fmt.Fprintf(r.errOut, "warning: %s (%d times in this run)\n", rp.first, rp.n)
		}
	}
	r.reportStale()
}

// reportStale says once, at the end, which outputs the run would not make
// and kept: one line with their count by reason, then the first few paths.
func (r *reporter) reportStale() {
	if len(r.stale) == 0 {
		return
	}
	byReason := map[string]int{}
	var reasons []string
	for _, ev := range r.stale {
		reason := strings.TrimSuffix(ev.Message, " is not exported by this run")
		if strings.HasPrefix(reason, "its source ") {
			reason = "source not among this run's documents"
			if strings.HasSuffix(ev.Message, "no longer exists") {
				reason = "source deleted"
			}
		}
		if byReason[reason] == 0 {
			reasons = append(reasons, reason)
		}
		byReason[reason]++
	}
	var parts []string
	for _, reason := range reasons {
		parts = append(parts, fmt.Sprintf("%s: %d", reason, byReason[reason]))
	}
	const shown = 5
	var paths []string
	for i, ev := range r.stale {
		if i == shown {
			paths = append(paths, fmt.Sprintf("and %d more", len(r.stale)-shown))
			break
		}
		paths = append(paths, ev.Path)
	}
	fmt.Fprintf(r.errOut, "note: %s in the output folder that this run does not make were kept (%s): %s; --prune removes them\n",
		count(len(r.stale), "output"), strings.Join(parts, "; "), strings.Join(paths, ", "))
}

func (r *reporter) summary(res *pipeline.Result, out string) {
	if r.json {
		b, _ := json.Marshal(map[string]any{"event": "summary", "documents": res.Documents, "exported": res.Exported,
			"skipped": res.Skipped, "failed": res.Failed, "seconds": res.Elapsed.Seconds(), "out": out})
		fmt.Fprintf(r.out, "%s\n", b)
		return
	}
	if r.quiet {
		return
	}
	fmt.Fprintf(r.errOut, "%s: %s exported, %d unchanged, %s failed in %.2fs; manifest: %s\n",
		count(res.Documents, "document"), count(res.Exported, "file"), res.Skipped, count(res.Failed, "document"),
		res.Elapsed.Seconds(), out+string(os.PathSeparator)+"manifest.json")
}

// count writes n with noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
