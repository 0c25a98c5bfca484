package main

import (
	"fmt"
	"strings"

	"github.com/galleydoc/galley/internal/cobra"
)

// subcommands builds each command a user runs by name. completion and man
// are not here: they describe the whole tree.
var subcommands = map[string]func() *cobra.Command{
	"export":   newExportCmd,
	"convert":  newConvertCmd,
	"diff":     newDiffCmd,
	"locales":  newLocalesCmd,
	"verify":   newVerifyCmd,
	"manifest": newManifestCmd,
	"version":  newVersionCmd,
}

// newCmdFor builds the command tree that args need: when they start with
// the name of one of the subcommands above, the root with that command
// alone (nothing else of the tree is used, and building every command's
// flags and completions was a tenth of `galley version`); otherwise, for
// help, completion, man, shell completion requests, flags or mistakes, the
// whole tree.
func newCmdFor(args []string) *cobra.Command {
	if len(args) > 0 {
		if build, ok := subcommands[args[0]]; ok {
			root := newRootOnly()
			root.AddCommand(build())
			return root
		}
	}
	return newRootCmd()
}

// newRootCmd builds the whole command tree.
func newRootCmd() *cobra.Command {
	root := newRootOnly()
	root.AddCommand(newExportCmd(), newConvertCmd(), newDiffCmd(), newLocalesCmd(), newVerifyCmd(), newManifestCmd(), newVersionCmd())
	root.AddCommand(newCompletionCmd(), newManCmd())
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usagef("unknown help topic %q (see 'galley help')", strings.Join(args, " "))
			}
			return cmd.Help()
		},
	})
	registerCompletions(root)
	return root
}

// newRootOnly builds the root command without subcommands.
func newRootOnly() *cobra.Command {
	root := &cobra.Command{
		Use:   "galley",
		Short: "Export policy and legal documents to HTML, PDF, text and JSON",
		Long: strings.TrimSpace(`
galley turns policy and legal documents written in Markdown (CommonMark, GFM
and the MkDocs syntax policy sites use) or HTML into archive-grade exports:
standalone HTML pages, PDF files with embedded fonts and metadata, wrapped
plain text, and galley's versioned JSON tree, in every locale you publish.

Dates such as {{git_revision_date_localized}} are resolved from git author
dates (as mkdocs-git-revision-date-localized-plugin does) and written the
locale's way from CLDR data. The same input and options always give
byte-identical files, and every export run writes a manifest with SHA-256
checksums that 'galley verify' checks later.`),
		SilenceUsage:  true,
		SilenceErrors: true,
		// An unknown command is a usage error (exit 2), not a failure.
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q (see 'galley help')", args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%v (see '%s --help')", err, c.CommandPath())
	})
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// exactArgs is cobra.ExactArgs with a usage error.
func argsRange(min, max int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return usagef("%s: wrong number of arguments (see '%s --help')", c.Name(), c.CommandPath())
		}
		return nil
	}
}

func printf(c *cobra.Command, format string, args ...any) {
	fmt.Fprintf(c.OutOrStdout(), format, args...)
}
