// Command peers times galley against pandoc on the same inputs and writes
// the results, with a description of the machine, into
// docs/performance.md (between the markers <!-- bench:begin --> and
// <!-- bench:end -->) and to standard output. It is what `task bench` runs:
//
//	go build -o bin/galley ./cmd/galley
//	go run ./bench/peers -galley bin/galley -doc docs/performance.md
//
// The inputs are generated (package bench): the example privacy notice, a
// 1 MB document made from it, and a batch of 1,000 notices. For every
// input it measures Markdown→HTML, →plain text and →JSON, and PDF against
// each PDF engine pandoc can use here (WeasyPrint, wkhtmltopdf). galley
// converts one document with `galley convert` and a batch with one
// `galley export` run; pandoc runs one process per document, as users run
// it. Times are wall-clock, the minimum of -runs runs (the batch once);
// peak memory is the largest maximum resident set size the kernel reports
// for the process (the number `/usr/bin/time -v` prints).
//
// First it measures the targets (targets.go, the section between
// <!-- targets:begin --> and <!-- targets:end -->): `galley version` and
// `galley convert` of the notice against pandoc's HTML, PDFs per CPU-second
// against Typst (bench/typst), and -big notices to all four formats, each
// pair run alternately and compared on CPU time; -targets-only stops there.
//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/galleydoc/galley/bench"
)

func main() {
	var c config
	flag.StringVar(&c.galley, "galley", "bin/galley", "galley binary to time")
	flag.StringVar(&c.doc, "doc", "docs/performance.md", "Markdown file whose results section is rewritten (\"\" = standard output only)")
	flag.IntVar(&c.runs, "runs", 5, "runs per single-document measurement (the minimum is reported)")
	flag.IntVar(&c.batch, "batch", 1000, "documents in the batch")
	flag.IntVar(&c.peerBatch, "peer-batch", 0, "documents of the batch pandoc converts to HTML, text and JSON (0 = all; fewer are extrapolated)")
	flag.IntVar(&c.pdfBatch, "pdf-batch", 20, "documents of the batch pandoc converts to PDF (extrapolated to the whole batch; 0 = all)")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Minute, "limit for one peer command")
	flag.BoolVar(&c.noPeers, "no-peers", false, "time galley only")
	flag.StringVar(&c.gobench, "gobench", "", "benchstat (or go test -bench) output to put in the Go benchmarks section")
	flag.StringVar(&c.gobenchNote, "gobench-note", "", "a sentence about the Go benchmark run (e.g. the load average during it)")
	flag.IntVar(&c.pairRuns, "pairs", 51, "targets: runs of each side of a galley/reference pair (alternating; the median is reported)")
	flag.IntVar(&c.big, "big", 10000, "targets: notices in the big all-formats batch (0 = skip it)")
	flag.IntVar(&c.typstDocs, "typst-docs", 200, "targets: notices compiled to PDF by galley and by Typst")
	flag.StringVar(&c.benchDir, "bench-dir", "bench", "the bench directory (for bench/typst)")
	flag.BoolVar(&c.targetsOnly, "targets-only", false, "measure and rewrite only the targets section")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

type config struct {
	galley, doc, gobench       string
	runs, batch                int
	peerBatch, pdfBatch        int
	timeout                    time.Duration
	noPeers                    bool
	pandoc, weasyprint, wkhtml string
	galleyVersion, loadAtStart string
	pandocVersion, pdfVersions string
	work                       string
	notice, large              string
	batchDir                   string
	batchFiles                 []string
	batchBytes                 int64
	seq                        int
	gobenchNote                string
	// Typst (typst.go)
	node, typstScript, typstModules string
	typstSkip                       string
	// The targets section (targets.go)
	pairRuns, big, typstDocs int
	benchDir                 string
	targetsOnly              bool
}

// measure is one timing: wall time and peak memory, or why there is none.
type measure struct {
	wall        time.Duration
	cpu         time.Duration // user + system time of the process and its children
	rssKB       int64
	extrapolate int // measured over this many documents of the batch, then scaled; 0 = exact
	err         error
	skipped     string
}

func (m measure) ok() bool { return m.err == nil && m.skipped == "" }

func run(c config) error {
	var err error
	if c.galley, err = filepath.Abs(c.galley); err != nil {
		return err
	}
	if _, err := os.Stat(c.galley); err != nil {
		return fmt.Errorf("galley binary: %w (build it first: go build -o bin/galley ./cmd/galley)", err)
	}
	if !c.noPeers {
		c.pandoc, _ = exec.LookPath("pandoc")
		c.weasyprint, _ = exec.LookPath("weasyprint")
		c.wkhtml, _ = exec.LookPath("wkhtmltopdf")
	}
	c.work, err = os.MkdirTemp("", "galley-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(c.work)
	warnIfStale(c.galley)
	if c.galley, err = install(c.galley, c.work); err != nil {
		return fmt.Errorf("galley binary: %w", err)
	}
	if err := c.writeInputs(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(c.work, "out"), 0o755); err != nil {
		return err
	}
	c.loadAtStart = loadavg()
	c.galleyVersion = firstLine(output(c.galley, "version"))
	c.pandocVersion = firstLine(output(c.pandoc, "--version"))
	var pdfs []string
	if c.weasyprint != "" {
		pdfs = append(pdfs, "WeasyPrint "+strings.TrimPrefix(firstLine(output(c.weasyprint, "--version")), "WeasyPrint version "))
	}
	if c.wkhtml != "" {
		pdfs = append(pdfs, firstLine(output(c.wkhtml, "--version")))
	}
	if c.typstSkip = c.typstSetup(); c.typstSkip == "" {
		pdfs = append(pdfs, "Typst (typst.ts "+typstVersion()+", Node "+strings.TrimPrefix(firstLine(output(c.node, "--version")), "v")+")")
	}
	c.pdfVersions = strings.Join(pdfs, "; ")

	targets := c.targets()
	fmt.Print(targets)
	if c.doc != "" {
		if err := replaceSection(c.doc, "targets", targets); err != nil {
			return err
		}
	}
	if c.targetsOnly {
		return nil
	}

	var rows []row
	inputs := []struct{ name, path string }{
		{"notice (3 KB)", c.notice},
		{"1 MB document", c.large},
		{fmt.Sprintf("batch of %d notices", len(c.batchFiles)), ""},
	}
	for _, in := range inputs {
		for _, f := range []struct{ format, pandocTo, peer string }{
			{"html", "html5", "pandoc"},
			{"txt", "plain", "pandoc"},
			{"json", "json", "pandoc"},
			{"pdf", "weasyprint", "pandoc + WeasyPrint"},
			{"pdf", "wkhtmltopdf", "pandoc + wkhtmltopdf"},
			{"pdf", "typst", "Typst (typst.ts)"},
		} {
			fmt.Fprintf(os.Stderr, "%s → %s (%s)…\n", in.name, f.format, f.peer)
			r := row{input: in.name, format: f.format, peer: f.peer}
			if f.pandocTo == "typst" {
				if in.path == "" {
					continue // Typst compiles one document per process: timed on single documents
				}
				r.galley = c.galleyConvert(in.path, f.format)
				r.other = c.typstOne(in.path)
			} else if in.path != "" {
				r.galley = c.galleyConvert(in.path, f.format)
				r.other = c.pandocOne(in.path, f.pandocTo)
			} else {
				r.galley = c.galleyExport(f.format)
				r.other = c.pandocBatch(f.pandocTo)
			}
			fmt.Fprintf(os.Stderr, "  galley %s (CPU %s, %s), %s %s (CPU %s, %s)\n", dur(r.galley), cpu(r.galley), rss(r.galley),
				r.peer, dur(r.other), cpu(r.other), rss(r.other))
			rows = append(rows, r)
		}
		fmt.Fprintf(os.Stderr, "%s → all four formats…\n", in.name)
		r := row{input: in.name, format: "all four", peer: "—", other: measure{skipped: "—"}}
		path := in.path
		if path == "" {
			path = c.batchDir
		}
		r.galley = c.galleyExportAll(path)
		fmt.Fprintf(os.Stderr, "  galley %s (CPU %s, %s)\n", dur(r.galley), cpu(r.galley), rss(r.galley))
		rows = append(rows, r)
	}
	report := c.report(rows)
	fmt.Print(report)
	if c.doc == "" {
		return nil
	}
	if err := replaceSection(c.doc, "bench", report); err != nil {
		return err
	}
	if c.gobench == "" {
		return nil
	}
	data, err := os.ReadFile(c.gobench)
	if err != nil {
		return fmt.Errorf("Go benchmark results: %w", err)
	}
	section := fmt.Sprintf("`go test -bench . -benchmem -count 5 ./bench`, summarised by benchstat (with five runs it reports the median; ± ∞ only means too few runs for a confidence interval). %s\n\n```\n%s```\n",
		c.gobenchNote, strings.TrimLeft(string(data), "\n"))
	return replaceSection(c.doc, "gobench", section)
}

func (c *config) writeInputs() error {
	c.notice = filepath.Join(c.work, "notice", "privacy-notice.md")
	c.large = filepath.Join(c.work, "large", "large.md")
	for _, f := range []struct {
		path string
		data []byte
	}{
		{c.notice, bench.Notice()},
		{filepath.Join(c.work, "notice", "cookie-policy.md"), bench.Cookie()},
		{c.large, bench.Large(1 << 20)},
	} {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
			return err
		}
	}
	b, err := bench.WriteBatch(filepath.Join(c.work, "batch"), c.batch)
	if err != nil {
		return err
	}
	c.batchDir, c.batchBytes = b.Dir, b.Bytes
	for _, f := range b.Files {
		c.batchFiles = append(c.batchFiles, filepath.Join(b.Dir, filepath.FromSlash(f)))
	}
	return nil
}

// galleyConvert times `galley convert -t format FILE -o OUT`, best of runs.
func (c *config) galleyConvert(path, format string) measure {
	out := filepath.Join(c.work, "out", "galley."+format)
	return c.best(func() measure { return timeCmd(0, c.galley, "convert", "-t", format, "-o", out, path) })
}

// galleyExport times one `galley export -f format` run over the batch.
func (c *config) galleyExport(format string) measure {
	return c.bestN(2, func() measure { return c.exportFresh(c.batchDir, "-f", format) })
}

// galleyExportAll times `galley export` in all four formats.
func (c *config) galleyExportAll(path string) measure {
	n := c.runs
	if path == c.batchDir {
		n = 2
	}
	return c.bestN(n, func() measure { return c.exportFresh(path) })
}

// exportFresh times one `galley export` run into a new output directory
// (as in CI, where the output starts empty), then removes it untimed.
func (c *config) exportFresh(path string, flags ...string) measure {
	c.seq++
	out := filepath.Join(c.work, "out", fmt.Sprintf("export-%d", c.seq))
	defer os.RemoveAll(out)
	args := append([]string{"export", "-q"}, flags...)
	return timeCmd(0, c.galley, append(args, "-o", out, path)...)
}

// pandocArgs returns the pandoc command line for one document; to is a
// pandoc writer, or a PDF engine name.
func (c *config) pandocArgs(to, in, out string) (string, []string, string) {
	switch to {
	case "weasyprint", "wkhtmltopdf":
		if (to == "weasyprint" && c.weasyprint == "") || (to == "wkhtmltopdf" && c.wkhtml == "") {
			return "", nil, to + " is not installed (apt-get install -y " + to + ")"
		}
		return c.pandoc, []string{"-s", "-f", "markdown", "--pdf-engine=" + to, "-o", out + ".pdf", in}, ""
	}
	ext := map[string]string{"html5": "html", "plain": "txt"}[to]
	if ext == "" {
		ext = to
	}
	return c.pandoc, []string{"-s", "-f", "markdown", "-t", to, "-o", out + "." + ext, in}, ""
}

func (c *config) pandocOne(path, to string) measure {
	if c.pandoc == "" {
		return measure{skipped: c.noPeer()}
	}
	bin, args, skip := c.pandocArgs(to, path, filepath.Join(c.work, "out", "pandoc"))
	if skip != "" {
		return measure{skipped: skip}
	}
	runs := c.runs
	if to == "weasyprint" || to == "wkhtmltopdf" || path == c.large {
		runs = 1 // seconds to minutes each
	}
	return c.bestN(runs, func() measure { return timeCmd(c.timeout, bin, args...) })
}

// pandocBatch runs pandoc once per document of the batch, one after the
// other, and sums the time; with a sample smaller than the batch it scales
// the time up to the whole batch.
func (c *config) pandocBatch(to string) measure {
	if c.pandoc == "" {
		return measure{skipped: c.noPeer()}
	}
	n := c.peerBatch
	if to == "weasyprint" || to == "wkhtmltopdf" {
		n = c.pdfBatch
	}
	if n <= 0 || n > len(c.batchFiles) {
		n = len(c.batchFiles)
	}
	var total measure
	deadline := time.Now().Add(c.timeout * 3)
	done := 0
	for i := 0; i < n; i++ {
		// An even spread over the batch, so a sample is representative.
		in := c.batchFiles[i*len(c.batchFiles)/n]
		bin, args, skip := c.pandocArgs(to, in, filepath.Join(c.work, "out", fmt.Sprintf("pandoc-batch-%d", i)))
		if skip != "" {
			return measure{skipped: skip}
		}
		m := timeCmd(c.timeout, bin, args...)
		if m.err != nil {
			return m
		}
		total.wall += m.wall
		total.cpu += m.cpu
		total.rssKB = max(total.rssKB, m.rssKB)
		done++
		if time.Now().After(deadline) {
			break
		}
	}
	if done < len(c.batchFiles) {
		total.wall = total.wall * time.Duration(len(c.batchFiles)) / time.Duration(done)
		total.cpu = total.cpu * time.Duration(len(c.batchFiles)) / time.Duration(done)
		total.extrapolate = done
	}
	return total
}

func (c *config) best(f func() measure) measure { return c.bestN(c.runs, f) }

// bestN runs f n times and keeps the fastest run (the least disturbed by
// other work on the machine) and the largest peak memory.
func (c *config) bestN(n int, f func() measure) measure {
	var best measure
	for i := 0; i < max(n, 1); i++ {
		m := f()
		if !m.ok() {
			return m
		}
		if i == 0 || m.wall < best.wall {
			// The fastest run's wall time, with its CPU time.
			rss := max(best.rssKB, m.rssKB)
			best = m
			best.rssKB = rss
		} else {
			best.rssKB = max(best.rssKB, m.rssKB)
		}
	}
	return best
}

// install copies the galley binary into dir, as an installer (a package,
// a release archive, `install`) writes it, and returns the copy's path. The
// copy is what is timed: a file just written by Go's linker (through a
// shared memory map) stays in the page cache in the pieces the linker wrote
// it in, and each process started from it spends about 0.9 ms more (a
// quarter of `galley version`) mapping them, until the page cache drops
// them. pandoc, installed by dpkg, is timed as it is.
func install(bin, dir string) (string, error) {
	src, err := os.Open(bin)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst := filepath.Join(dir, filepath.Base(bin))
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return "", fmt.Errorf("copying %s: %w", bin, err)
	}
	if err := out.Close(); err != nil {
		return "", err
	}
	return dst, nil
}

// timeCmd runs a command with its output discarded and returns its wall
// time and peak resident memory; a failure carries the end of its standard
// error.
func timeCmd(timeout time.Duration, bin string, args ...string) measure {
	return timeCmdOut(timeout, io.Discard, bin, args...)
}

// timeCmdOut is timeCmd with the command's standard output going to stdout.
func timeCmdOut(timeout time.Duration, stdout io.Writer, bin string, args ...string) measure {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout = stdout
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen")
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	m := measure{wall: wall}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.rssKB = int64(ru.Maxrss) // kilobytes on Linux
			m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		m.err = fmt.Errorf("over %s", timeout)
	} else if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		m.err = fmt.Errorf("%s failed: %v: %s", filepath.Base(bin), err, msg)
	}
	return m
}

type row struct {
	input, format, peer string
	galley, other       measure
}

func (c *config) report(rows []row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s by `task bench` (`go run ./bench/peers`).\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	b.WriteString("| Machine | |\n|:--|:--|\n")
	fmt.Fprintf(&b, "| CPU | %s, %d logical CPUs (`nproc`) |\n", cpuModel(), runtime.NumCPU())
	fmt.Fprintf(&b, "| Memory | %s |\n", memTotal())
	fmt.Fprintf(&b, "| OS | %s %s |\n", runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "| Go | %s |\n", runtime.Version())
	fmt.Fprintf(&b, "| galley | %s |\n", orNone(c.galleyVersion))
	fmt.Fprintf(&b, "| pandoc | %s |\n", orNone(c.pandocVersion))
	fmt.Fprintf(&b, "| PDF engines | %s |\n", orNone(c.pdfVersions))
	fmt.Fprintf(&b, "| Load average (1, 5, 15 min) | %s at the start, %s at the end |\n\n", c.loadAtStart, loadavg())
	fmt.Fprintf(&b, "Inputs: the example notice (%d bytes), a %d-byte document made from it, and %d notices (%d bytes in all). ",
		len(bench.Notice()), len(bench.Large(1<<20)), len(c.batchFiles), c.batchBytes)
	b.WriteString("galley: `galley convert -t FORMAT` for one document, one `galley export -f FORMAT` run for the batch " +
		"(all CPUs, into an empty output directory). pandoc: `pandoc -s -f markdown -t WRITER` (PDF: `--pdf-engine=ENGINE`), one process per document, " +
		"one after another. Time is wall-clock, the best of several runs; peak memory is the largest maximum resident set size. " +
		"CPU is user + system time (less sensitive than wall time to other work on a shared machine). " +
		"The ratio is pandoc's wall time over galley's (how many times faster galley is). ≈ marks a time extrapolated from the number of documents shown.\n\n")
	b.WriteString("| Input | Format | galley | galley CPU | galley peak memory | Peer | Peer time | Peer CPU | Peer peak memory | Ratio |\n")
	b.WriteString("|:--|:--|--:|--:|--:|:--|--:|--:|--:|--:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.input, r.format,
			dur(r.galley), cpu(r.galley), rss(r.galley), r.peer, dur(r.other), cpu(r.other), rss(r.other), ratio(r.galley, r.other))
	}
	return b.String()
}

func dur(m measure) string {
	switch {
	case m.skipped != "":
		return m.skipped
	case m.err != nil:
		return "failed: " + strings.ReplaceAll(m.err.Error(), "|", "\\|")
	}
	s := short(m.wall)
	if m.extrapolate > 0 {
		s = fmt.Sprintf("≈ %s (from %d)", s, m.extrapolate)
	}
	return s
}

func cpu(m measure) string {
	if !m.ok() {
		return ""
	}
	return short(m.cpu)
}

func short(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func rss(m measure) string {
	if !m.ok() || m.rssKB == 0 {
		return ""
	}
	return fmt.Sprintf("%.0f MB", float64(m.rssKB)/1024)
}

func ratio(g, p measure) string {
	if !g.ok() || !p.ok() || g.wall <= 0 {
		return ""
	}
	return fmt.Sprintf("%.1f×", float64(p.wall)/float64(g.wall))
}

// replaceSection writes report between the markers <!-- name:begin -->
// and <!-- name:end --> of the file at path, adding them at the end when
// absent.
func replaceSection(path, name, report string) error {
	beginMark, endMark := "<!-- "+name+":begin -->", "<!-- "+name+":end -->"
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s := string(old)
	block := beginMark + "\n" + report + endMark
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i >= 0 && j > i {
		s = s[:i] + block + s[j+len(endMark):]
	} else {
		if s != "" && !strings.HasSuffix(s, "\n\n") {
			s += "\n"
		}
		s += block + "\n"
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		return fmt.Errorf("writing the results: %w", err)
	}
	return nil
}

func output(bin string, args ...string) string {
	if bin == "" {
		return ""
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "not installed"
	}
	return s
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	data, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return fmt.Sprintf("%.1f GB", float64(kb)/(1<<20))
		}
	}
	return "unknown"
}

func nproc() int { return runtime.NumCPU() }

func loadavg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

// noPeer says why pandoc was not run.
func (c *config) noPeer() string {
	if c.noPeers {
		return "not run (-no-peers)"
	}
	return "pandoc not installed (apt-get install -y pandoc)"
}

// warnIfStale warns on standard error when a Go file of the checkout is
// newer than the galley binary: a stale bin/galley (bench/run.sh builds it;
// `go run ./bench/peers` alone does not) would otherwise be timed in
// silence.
func warnIfStale(bin string) {
	fi, err := os.Stat(bin)
	if err != nil {
		return
	}
	var newer string
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || newer != "" {
			return filepath.SkipDir
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") && p != ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			if info, err := d.Info(); err == nil && info.ModTime().After(fi.ModTime()) {
				newer = p
			}
		}
		return nil
	})
	if newer != "" {
		fmt.Fprintf(os.Stderr, "warning: %s is older than %s: rebuild it (go build -trimpath -o %s ./cmd/galley) to time this checkout\n", bin, newer, bin)
	}
}
