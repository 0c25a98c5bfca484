package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/output"
	"github.com/spf13/cobra"
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
	return &cobra.Command{
		Use:   "verify OUT",
		Short: "Re-hash every output against OUT/manifest.json",
		Long: strings.TrimSpace(`
Verify reads OUT/manifest.json and re-hashes every file it lists, reporting
each file that is missing or whose SHA-256 or size changed: a tamper check
for an archive. Exit status: 0 every file matches; 1 some do not; 2 the
manifest cannot be read.`),
		Args: argsRange(1, 1),
		RunE: func(c *cobra.Command, args []string) error {
			bad, m, err := output.Verify(args[0])
			if err != nil {
				return &usageError{fmt.Errorf("%s: %w", args[0], err)}
			}
			for _, b := range bad {
				fmt.Fprintf(c.ErrOrStderr(), "%s: %s\n", b.Path, b.Problem)
			}
			if len(bad) > 0 {
				fmt.Fprintf(c.ErrOrStderr(), "%d of %d files do not match the manifest\n", len(bad), len(m.Outputs))
				return &failedError{len(bad)}
			}
			printf(c, "%d files match %s\n", len(m.Outputs), args[0]+"/manifest.json")
			return nil
		},
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
			if out != "" {
				return writeFileAtomic(out, []byte(sb.String()))
			}
			printf(c, "%s", sb.String())
			return nil
		},
	}
	merge.Flags().StringVarP(&out, "output", "o", "", "write the merged manifest to FILE")
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
