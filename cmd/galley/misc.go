package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/cobra"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/output"
)

func newLocalesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "locales",
		Short: "List the supported locales with a sample date",
		Long: strings.TrimSpace(`
Locales prints every CLDR locale galley has data for, one a line: the
BCP 47 tag, the text direction, the paper size, CLDR's coverage level
(modern, moderate, basic, or core for the locales CLDR has little more than
dates for), and 2025-12-16 in the locale's CLDR long date format.

Other tags are accepted too: a language CLDR lacks gets the dates of the
closest language x/text's matcher finds, or CLDR's root dates (2025 M12 16),
with a warning (an error under --strict).`),
		Args: argsRange(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			sample := time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC)
			for _, l := range locales.Supported() {
				printf(c, "%-14s %-3s %-6s %-8s %s\n", l.String(), l.Direction(), l.Paper(), l.Coverage(), l.FormatDate(sample, locales.Long))
			}
			return nil
		},
	}
}

func newVerifyCmd() *cobra.Command {
	var asJSON bool
	var lockFor time.Duration
	c := &cobra.Command{
		Use:   "verify OUT",
		Short: "Check an output folder against OUT/manifest.json",
		Long: strings.TrimSpace(`
Verify checks an output folder against its manifest, a tamper check for an
archive: it re-hashes every file the manifest lists and reports each that
changed (its SHA-256 or size differs) or is missing, and each file in OUT
that the manifest does not list. galley's own files (the manifest, the lock
file, temporary files of writes in progress or of a killed run) are not
outputs and are not reported.

If an export is writing into OUT, verify waits for it to finish (up to
--lock-timeout). --json prints the result as one JSON object with the list
of problems, for CI.

Exit status: 0 the folder matches its manifest; 1 it does not; 2 the
manifest cannot be read, or OUT stayed locked.`),
		Example: strings.Trim(`
  galley verify out
  galley verify --json out | jq -r '.problems[] | "\(.problem) \(.path)"'`, "\n"),
		Args: argsRange(1, 1),
		RunE: func(c *cobra.Command, args []string) error {
			out := args[0]
			if err := waitUnlocked(c, out, lockFor); err != nil {
				return err
			}
			manifest := filepath.Join(out, output.ManifestName)
			bad, m, err := output.Verify(out)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return usagef("%s: no manifest.json, so nothing to verify against: is it the output folder of galley export?", out)
			case err != nil:
				return &usageError{fmt.Errorf("%s: %w", out, err)}
			}
			if asJSON {
				if bad == nil {
					bad = []output.Mismatch{}
				}
				b, _ := json.MarshalIndent(map[string]any{"out": out, "manifest": manifest, "listed": len(m.Outputs), "ok": len(bad) == 0, "problems": bad}, "", "  ")
				printf(c, "%s\n", b)
			} else {
				for _, b := range bad {
					fmt.Fprintln(c.ErrOrStderr(), b)
				}
			}
			if len(bad) > 0 {
				if !asJSON {
					fmt.Fprintf(c.ErrOrStderr(), "%s does not match %s: %s\n", out, manifest, summarize(bad))
				}
				return &failedError{len(bad)}
			}
			if !asJSON {
				verb := "match"
				if len(m.Outputs) == 1 {
					verb = "matches"
				}
				printf(c, "%s %s %s, and nothing else is there\n", count(len(m.Outputs), "file"), verb, manifest)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON on stdout")
	c.Flags().DurationVar(&lockFor, "lock-timeout", pipeline.DefaultLockTimeout, "how long to wait for an export into OUT to finish (0: do not wait)")
	return c
}

// summarize counts mismatches by problem: "1 changed, 2 missing".
func summarize(bad []output.Mismatch) string {
	n := map[string]int{}
	for _, b := range bad {
		n[b.Problem]++
	}
	var parts []string
	for _, p := range []struct{ key, text string }{{"changed", "changed"}, {"missing", "missing"}, {"unlisted", "not in the manifest"}, {"unsafe", "outside the folder"}} {
		if n[p.key] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[p.key], p.text))
		}
	}
	return strings.Join(parts, ", ")
}

// waitUnlocked waits while an export holds the lock of out, so that verify
// sees a finished folder.
func waitUnlocked(c *cobra.Command, out string, timeout time.Duration) error {
	if timeout < 0 {
		return usagef("--lock-timeout %s: want a duration of 0 or more, such as 30s or 10m", timeout)
	}
	start := time.Now()
	told := time.Duration(-1)
	for {
		h, busy := output.Busy(out)
		if !busy {
			return nil
		}
		waited := time.Since(start)
		if waited >= timeout {
			return &usageError{&output.LockedError{Root: out, Holder: h, Waited: waited}}
		}
		if told < 0 || waited-told >= output.LockWaitInterval {
			told = waited
			fmt.Fprintf(c.ErrOrStderr(), "galley: %s is locked by %s, exporting into it; waiting up to %s\n", out, h, timeout)
		}
		time.Sleep(min(100*time.Millisecond, timeout-waited))
	}
}

func newManifestCmd() *cobra.Command {
	m := &cobra.Command{Use: "manifest", Short: "Work with export manifests"}
	var out string
	merge := &cobra.Command{
		Use:   "merge OUT...",
		Short: "Combine the manifests of sharded runs",
		Long: strings.TrimSpace(`
Merge reads OUT/manifest.json of each sharded run (galley export --shard K/N)
and writes one manifest listing all their outputs and failures, to standard
output or to the file named by -o (typically the manifest.json of the folder
the shards' outputs were gathered in).`),
		Args: argsRange(1, -1),
		RunE: func(c *cobra.Command, args []string) error {
			var ms []*output.Manifest
			for _, dir := range args {
				mf, err := output.ReadManifest(dir)
				if err != nil {
					return &usageError{fmt.Errorf("%s: %w", dir, err)}
				}
				ms = append(ms, mf)
			}
			merged, err := output.Merge(ms)
			if err != nil {
				return err
			}
			var sb strings.Builder
			if err := merged.Encode(&sb); err != nil {
				return err
			}
			if out != "" && out != "-" {
				return writeFileAtomic(out, []byte(sb.String()))
			}
			printf(c, "%s", sb.String())
			return nil
		},
	}
	merge.Flags().StringVarP(&out, "output", "o", "", "write the merged manifest to FILE (- is standard output)")
	m.AddCommand(merge)
	return m
}

func newVersionCmd() *cobra.Command {
	var asJSON, licenses bool
	c := &cobra.Command{
		Use:   "version",
		Short: "Print galley's version (and, with --licenses, its license notices)",
		Long: strings.TrimSpace(`
Version prints galley's version and the Go release that built it. With
--licenses it prints galley's license (Apache-2.0) and the notices of the
third-party works the binary embeds: the fonts, the Unicode CLDR data, the
fpdf copy, the sRGB colour profile and the Go modules, each with its license
text.`),
		Args: argsRange(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if licenses {
				if asJSON {
					return usagef("version: --licenses and --json do not go together")
				}
				printLicenses(c)
				return nil
			}
			if asJSON {
				b, _ := json.Marshal(map[string]string{"galley": pipeline.Version, "go": runtime.Version()})
				printf(c, "%s\n", b)
				return nil
			}
			printf(c, "galley %s (%s)\n", pipeline.Version, runtime.Version())
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	c.Flags().BoolVar(&licenses, "licenses", false, "print galley's license and the third-party notices of what the binary embeds")
	return c
}
