package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/cobra"
	"github.com/galleydoc/galley/internal/notices"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline"
)

// shells are the shells `galley completion` writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: strings.TrimSpace(`
Completion prints a script that makes the shell complete galley's commands,
flags and flag values (formats, locales, paper sizes, raw-HTML modes). Load
it from the shell's startup file:

    # bash, in ~/.bashrc (or into /etc/bash_completion.d/galley, with the
    # bash-completion package installed):
    source <(galley completion bash)
    # zsh, with compinit enabled (autoload -U compinit; compinit):
    galley completion zsh > "${fpath[1]}/_galley"
    # fish:
    galley completion fish > ~/.config/fish/completions/galley.fish
    # PowerShell (add the line to $PROFILE to keep it):
    galley completion powershell | Out-String | Invoke-Expression

Release archives carry the four scripts in completions/.`),
		ValidArgs: shells,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("completion: name one shell: %s", strings.Join(shells, ", "))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			root, w := c.Root(), c.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return usagef("completion: unknown shell %q; choose %s", args[0], strings.Join(shells, ", "))
		},
	}
}

func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write the manual pages (section 1) into DIR",
		Long: strings.TrimSpace(`
Man writes one troff manual page per command into DIR (galley.1,
galley-export.1, galley-convert.1, …), creating DIR if needed. Install them
where man looks, for example:

    galley man /usr/local/share/man/man1

The pages are dated SOURCE_DATE_EPOCH when it is set, else the time of the
commit galley was built from, so the same build writes the same files.`),
		Args: argsRange(1, 1),
		RunE: func(c *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return &usageError{fmt.Errorf("man: %w", err)}
			}
			date := manDate()
			header := manHeader{title: "GALLEY", section: "1", source: "galley " + pipeline.Version, manual: "galley manual", date: date}
			if err := writeManTree(c.Root(), header, dir); err != nil {
				return &usageError{fmt.Errorf("man: %w", err)}
			}
			return nil
		},
	}
}

// manDate is the date printed in the manual pages: SOURCE_DATE_EPOCH, else
// the commit time recorded in the build, else today.
func manDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC()
				}
			}
		}
	}
	return time.Now().UTC()
}

// printLicenses prints galley's license and the third-party notices its
// binary carries (galley version --licenses).
func printLicenses(c *cobra.Command) {
	printf(c, "%s", notices.Text())
}

// registerCompletions gives the flags whose values are a fixed set (or
// galley's locales, or files) their shell completions.
func registerCompletions(root *cobra.Command) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	localeTags := func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		// A comma list: complete the last item.
		head := ""
		if i := strings.LastIndex(prefix, ","); i >= 0 {
			head = prefix[:i+1]
		}
		var tags []string
		for _, l := range locales.Supported() {
			if tag := head + l.String(); strings.HasPrefix(strings.ToLower(tag), strings.ToLower(prefix)) {
				tags = append(tags, tag)
			}
		}
		return tags, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	formats := func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		head := ""
		if i := strings.LastIndex(prefix, ","); i >= 0 {
			head = prefix[:i+1]
		}
		var out []string
		for _, f := range []string{"html", "pdf", "txt", "json"} {
			out = append(out, head+f)
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	completions := map[string]func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective){
		"format":    formats,
		"to":        fixed("html", "pdf", "txt", "json", "md"),
		"from":      fixed("md", "commonmark", "gfm", "html", "json"),
		"raw-html":  fixed("sanitize", "trusted", "drop"),
		"paper":     fixed("a4", "letter"),
		"date-type": fixed("date", "datetime", "iso_date", "iso_datetime", "custom"),
		"locale":    localeTags,
	}
	exts := map[string][]string{"config": {"yaml", "yml"}, "template": {"tmpl", "html"}}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		// LocalFlags builds the command's local flag set anew at every
		// call: ask once.
		local := c.LocalFlags()
		for name, fn := range completions {
			if local.Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, fn)
			}
		}
		for name, ext := range exts {
			if local.Lookup(name) != nil {
				_ = c.MarkFlagFilename(name, ext...)
			}
		}
		for _, d := range []string{"out"} {
			if local.Lookup(d) != nil {
				_ = c.MarkFlagDirname(d)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
