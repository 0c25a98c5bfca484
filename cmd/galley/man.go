package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/cobra"
	"github.com/galleydoc/galley/internal/pflag"
)

// manHeader is what the title line of every manual page says.
type manHeader struct {
	title, section, source, manual string
	date                           time.Time
}

// writeManTree writes the manual page of cmd and of each of its available
// subcommands into dir, named by the command path joined with dashes
// (galley-export.1). galley writes troff itself rather than through
// cobra/doc, whose Markdown step (go-md2man and blackfriday) read the help
// texts as Markdown, dropping <placeholders> as HTML tags, and linked a
// Markdown parser whose package initialisation every galley process paid.
func writeManTree(cmd *cobra.Command, h manHeader, dir string) error {
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := writeManTree(c, h, dir); err != nil {
			return err
		}
	}
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	var b strings.Builder
	writeMan(&b, cmd, h)
	return os.WriteFile(filepath.Join(dir, name+"."+h.section), []byte(b.String()), 0o644)
}

// writeMan writes the manual page of one command.
func writeMan(b *strings.Builder, cmd *cobra.Command, h manHeader) {
	cmd.InitDefaultHelpFlag()
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	fmt.Fprintf(b, ".nh\n.TH %s %s %s %s %s\n", roffQuote(h.title), roffQuote(h.section),
		roffQuote(h.date.Format("Jan 2006")), roffQuote(h.source), roffQuote(h.manual))
	fmt.Fprintf(b, ".SH NAME\n%s - %s\n", roffText(name), roffText(cmd.Short))
	fmt.Fprintf(b, ".SH SYNOPSIS\n\\fB%s\\fP\n", roffText(cmd.UseLine()))
	desc := cmd.Long
	if desc == "" {
		desc = cmd.Short
	}
	b.WriteString(".SH DESCRIPTION\n")
	writeManText(b, desc)
	if fs := cmd.NonInheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS\n")
		writeManFlags(b, fs)
	}
	if fs := cmd.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString(".SH OPTIONS INHERITED FROM PARENT COMMANDS\n")
		writeManFlags(b, fs)
	}
	if cmd.Example != "" {
		b.WriteString(".SH EXAMPLE\n.EX\n")
		for _, l := range strings.Split(strings.TrimRight(cmd.Example, "\n"), "\n") {
			b.WriteString(roffLine(l) + "\n")
		}
		b.WriteString(".EE\n")
	}
	var also []string
	if cmd.HasParent() {
		also = append(also, strings.ReplaceAll(cmd.Parent().CommandPath(), " ", "-"))
	}
	children := cmd.Commands()
	sort.Slice(children, func(i, j int) bool { return children[i].Name() < children[j].Name() })
	for _, c := range children {
		if c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand() {
			also = append(also, name+"-"+c.Name())
		}
	}
	if len(also) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, a := range also {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(b, "\\fB%s\\fP(%s)", roffText(a), h.section)
		}
		b.WriteString("\n")
	}
}

// writeManText writes a help text: paragraphs separated by blank lines,
// and paragraphs whose every line is indented (commands, paths) as
// examples, lines kept.
func writeManText(b *strings.Builder, text string) {
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		code := true
		for _, l := range para {
			if !strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "\t") {
				code = false
			}
		}
		b.WriteString(".PP\n")
		if code {
			b.WriteString(".EX\n")
			for _, l := range para {
				if strings.HasPrefix(l, "\t") {
					l = l[1:]
				} else {
					l = l[4:]
				}
				b.WriteString(roffLine(l) + "\n")
			}
			b.WriteString(".EE\n")
		} else {
			for _, l := range para {
				b.WriteString(roffLine(strings.TrimSpace(l)) + "\n")
			}
		}
		para = para[:0]
	}
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		para = append(para, strings.TrimRight(l, " \t"))
	}
	flush()
}

// writeManFlags writes the flags of fs, one tagged paragraph each, in the
// form of the help output: -s, --name=default.
func writeManFlags(b *strings.Builder, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Deprecated != "" || f.Hidden {
			return
		}
		b.WriteString(".TP\n")
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			fmt.Fprintf(b, "\\fB-%s\\fP, ", roffText(f.Shorthand))
		}
		fmt.Fprintf(b, "\\fB--%s\\fP", roffText(f.Name))
		def := f.DefValue
		if f.Value.Type() == "string" {
			def = fmt.Sprintf("%q", def)
		}
		if f.NoOptDefVal != "" {
			fmt.Fprintf(b, "[=%s]\n", roffText(def))
		} else {
			fmt.Fprintf(b, "=%s\n", roffText(def))
		}
		b.WriteString(roffLine(f.Usage) + "\n")
	})
}

// roffText escapes text for troff: backslashes.
func roffText(s string) string { return strings.ReplaceAll(s, `\`, `\e`) }

// roffLine escapes one line of text: backslashes, and a leading dot or
// apostrophe, which would start a request.
func roffLine(s string) string {
	s = roffText(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote quotes a macro argument.
func roffQuote(s string) string { return `"` + strings.ReplaceAll(roffText(s), `"`, `\(dq`) + `"` }
