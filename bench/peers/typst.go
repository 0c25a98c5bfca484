package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Typst as a PDF peer: the notice (and the 1 MB document) written as
// Typst by typstFromMarkdown and compiled to PDF by typst.ts's Node
// compiler (bench/typst/compile.js), one process per document, as galley
// convert runs. Found when node is installed and the package is under
// .task/typst (bench/run.sh installs it with npm).

// typstSetup finds node and the compiler package; it returns why Typst
// cannot run, or "".
func (c *config) typstSetup() string {
	if c.noPeers {
		return "not run (-no-peers)"
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return "node not installed"
	}
	mods, _ := filepath.Abs(filepath.Join(".task", "typst", "node_modules"))
	if _, err := os.Stat(filepath.Join(mods, "@myriaddreamin", "typst-ts-node-compiler")); err != nil {
		return "typst.ts not installed (npm install --prefix .task/typst @myriaddreamin/typst-ts-node-compiler)"
	}
	script, _ := filepath.Abs(filepath.Join("bench", "typst", "compile.js"))
	c.node, c.typstScript, c.typstModules = node, script, mods
	return ""
}

// typstOne times compiling the Typst version of a Markdown document.
func (c *config) typstOne(path string) measure {
	if c.typstSkip != "" {
		return measure{skipped: c.typstSkip}
	}
	md, err := os.ReadFile(path)
	if err != nil {
		return measure{err: err}
	}
	in := strings.TrimSuffix(path, ".md") + ".typ"
	if err := os.WriteFile(in, []byte(typstFromMarkdown(string(md))), 0o644); err != nil {
		return measure{err: err}
	}
	out := filepath.Join(c.work, "out", "typst.pdf")
	os.Setenv("NODE_PATH", c.typstModules)
	runs := c.runs
	if path == c.large {
		runs = 1
	}
	return c.bestN(runs, func() measure { return timeCmd(c.timeout, c.node, c.typstScript, in, out) })
}

var (
	mdFrontMatter = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	mdMacro       = regexp.MustCompile(`\{\{[^}]*\}\}`)
	mdImage       = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink        = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)[^)]*\)`)
	mdFootRef     = regexp.MustCompile(`\[\^([^\]]+)\]`)
	mdStrong      = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdEm          = regexp.MustCompile(`(^|[^*\w])\*([^*\s][^*]*)\*`)
	mdCode        = regexp.MustCompile("`([^`]*)`")
	mdAttrs       = regexp.MustCompile(`\{:[^}]*\}`)
)

// typstFromMarkdown writes the bench inputs' Markdown (headings, paragraphs,
// emphasis, links, lists, tables, admonitions, footnotes) as an equivalent
// Typst document. It is not a general converter: enough for the generated
// notice to typeset with the same structure and text.
func typstFromMarkdown(md string) string {
	md = mdFrontMatter.ReplaceAllString(md, "")
	md = mdMacro.ReplaceAllString(md, "December 16, 2025")
	md = mdAttrs.ReplaceAllString(md, "")
	var b strings.Builder
	b.WriteString("#set page(paper: \"a4\", margin: 2.2cm)\n#set text(size: 10.5pt)\n\n")
	var table [][]string
	flushTable := func() {
		if len(table) == 0 {
			return
		}
		b.WriteString("#table(columns: " + strconv.Itoa(len(table[0])) + ",\n")
		for _, row := range table {
			for _, cell := range row {
				b.WriteString("  [" + cell + "],")
			}
			b.WriteString("\n")
		}
		b.WriteString(")\n\n")
		table = nil
	}
	for _, line := range strings.Split(md, "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "|") {
			if strings.Trim(trim, "|-: ") == "" {
				continue // the delimiter row
			}
			var cells []string
			for _, c := range strings.Split(strings.Trim(trim, "|"), "|") {
				cells = append(cells, typstInline(strings.TrimSpace(c)))
			}
			if len(table) > 0 && len(cells) != len(table[0]) {
				flushTable()
			}
			table = append(table, cells)
			continue
		}
		flushTable()
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case strings.HasPrefix(trim, "#"):
			n := len(trim) - len(strings.TrimLeft(trim, "#"))
			b.WriteString(strings.Repeat("=", n) + " " + typstInline(strings.TrimSpace(trim[n:])) + "\n")
		case strings.HasPrefix(trim, "!!!") || strings.HasPrefix(trim, "???"):
			title := strings.Trim(strings.TrimSpace(trim[3:]), "+")
			if i := strings.Index(title, "\""); i >= 0 {
				title = strings.Trim(title[i:], "\"")
			}
			b.WriteString("*" + typstInline(title) + "*\n\n")
		case strings.HasPrefix(trim, "[^"):
			if i := strings.Index(trim, "]:"); i >= 0 {
				b.WriteString(typstInline(strings.TrimSpace(trim[i+2:])) + "\n")
			}
		case strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "* "):
			b.WriteString(strings.Repeat("  ", indent/2) + "- " + typstInline(trim[2:]) + "\n")
		case len(trim) > 2 && trim[0] >= '0' && trim[0] <= '9' && strings.Contains(trim[:min(4, len(trim))], ". "):
			b.WriteString(strings.Repeat("  ", indent/2) + "+ " + typstInline(trim[strings.Index(trim, ". ")+2:]) + "\n")
		default:
			b.WriteString(typstInline(trim) + "\n")
		}
	}
	flushTable()
	return b.String()
}

// typstInline converts inline Markdown and escapes Typst's markup characters.
func typstInline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdFootRef.ReplaceAllString(s, "")
	var b strings.Builder
	last := 0
	for _, m := range mdLink.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(typstText(s[last:m[0]]))
		url := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s[m[4]:m[5]])
		b.WriteString(`#link("` + url + `")[` + typstText(s[m[2]:m[3]]) + `]`)
		last = m[1]
	}
	b.WriteString(typstText(s[last:]))
	return b.String()
}

// typstText escapes text and converts emphasis and code spans.
func typstText(s string) string {
	s = strings.NewReplacer(`\`, `\\`, "#", `\#`, "$", `\$`, "@", `\@`, "<", `\<`, ">", `\>`, "_", `\_`,
		"~", `\~`, "=", `\=`, "+", `\+`, "[", `\[`, "]", `\]`, "/", `\/`, `"`, `\"`, "'", `\'`, "-", `\-`).Replace(s)
	s = mdCode.ReplaceAllStringFunc(s, func(c string) string {
		return "#raw(\"" + strings.NewReplacer(`\\`, `\\`, `"`, `\"`).Replace(strings.Trim(c, "`")) + "\")"
	})
	s = mdStrong.ReplaceAllString(s, "#strong[$1]")
	s = mdEm.ReplaceAllString(s, "$1#emph[$2]")
	return s
}

// typstVersion is the installed typst.ts compiler package's version.
func typstVersion() string {
	data, err := os.ReadFile(filepath.Join(".task", "typst", "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "package.json"))
	if err != nil {
		return "?"
	}
	if m := regexp.MustCompile(`"version":\s*"([^"]+)"`).FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return "?"
}
