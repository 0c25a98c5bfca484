// Package markdown writes galley's document tree as Markdown: CommonMark
// with the GFM extensions (pipe tables, strikethrough, task lists),
// footnotes and the MkDocs / Python-Markdown block syntax galley reads
// (admonitions, collapsible blocks, content tabs). It is the writer behind
// `galley convert -t md`, which turns an HTML notice into maintainable
// Markdown. (The Markdown reader is the separate package pipeline/markdown.)
//
// The goal is a round trip: reading the output back gives a tree with the
// same text per block and the same structure (headings, lists, tables,
// links, admonitions, tabs, footnotes).
//
// # Choices
//
//   - ATX headings without ids where MkDocs and galley regenerate them
//     from the text (the toc slug); an id they would not generate (an HTML
//     page's own `<h2 id="collect">`) is kept as an attribute list,
//     `## Title { #collect }`, so that links to it still work. Attribute
//     lists are written back for paragraphs (`{: datetime="2026-05-04" }` on
//     a line of its own, as in the Mozilla notices) and images too.
//   - Lists use "-" bullets and "1." numbers (keeping List.Start), with the
//     item content at 4 columns ("-   item"), which both CommonMark and
//     Python-Markdown (MkDocs) read as the same nesting. Adjacent lists
//     alternate "-"/"*" and "."/")" so that they stay separate lists.
//   - Code blocks are fenced with backticks (tildes when the info string has
//     a backtick), the fence one longer than any run inside.
//   - Tables are GFM pipe tables, padded to aligned columns; "|" in cells
//     is escaped; a cell with several blocks is flattened onto one line
//     with <br>; a table without header rows gets an empty header row;
//     spanned cells leave empty cells.
//   - Admonitions are `!!! kind "Title"` (`???` / `???+` for collapsibles),
//     tabs `=== "Title"`, both with 4-space indented bodies. Their titles
//     are written as plain text, as Python-Markdown reads them.
//   - Footnote references are `[^id]`, with the definitions at the end.
//   - Dates are written as their text, unresolved macros as written,
//     anchors as `<a id="…"></a>`.
//   - Raw HTML (blocks and inline tags) follows Options.RawHTML: sanitized
//     by the HTML exporter's policy (the default), verbatim (trusted), or
//     removed (drop: an HTML block is replaced by the tree blocks the HTML
//     reader made of it, and <br> by a hard break). Outside trusted mode,
//     links and images whose URL would run code (javascript:, vbscript:,
//     file:, non-image data:) keep their text and lose the destination.
//   - Front matter is written back as YAML when the document had some, else
//     a `title:` when the title is not the first heading's text.
//
// # Escaping
//
// Text is escaped so that reading it back gives the same characters and
// no new syntax: backslash, `*`, `[`, `]`, backtick, `<`, `~` and `|`
// always; `_` unless between letters or digits; `&` before something that
// looks like an entity; at the start of a line `#`, `-`, `+`, `=`, `>`, `!`,
// `?` and the `.` or `)` after a number. `{{` is written `\{\{` and `{:`
// as `\{:`, so that MkDocs' macro plugins and attribute lists do not see
// them (galley's own reader decodes escapes before it looks for the date
// macros, so for it such text still reads as a macro). Bare URLs and
// e-mail addresses in text are broken with an escape (`https\://`,
// `user\@example.com`) so that GFM's autolinking does not turn them into
// links.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/yaml"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Exporter writes Markdown. It holds no state and is safe for concurrent
// use.
type Exporter struct{}

// New returns the Markdown exporter.
func New() *Exporter { return &Exporter{} }

// Name returns "md", the format name on the command line.
func (*Exporter) Name() string { return "md" }

// Extension returns "md".
func (*Exporter) Extension() string { return "md" }

// Traits: asked for by name ("md" or "markdown"); it writes the source's raw HTML and URLs.
func (*Exporter) Traits() exporters.Traits {
	return exporters.Traits{Aliases: []string{"markdown"}, CarriesRawHTML: true}
}

var _ exporters.Exporter = (*Exporter)(nil)

// Export writes doc as Markdown to w. It does not modify doc.
func (*Exporter) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	if doc == nil {
		return fmt.Errorf("markdown export: nil document")
	}
	lines, err := Render(doc, opts)
	if err != nil {
		return fmt.Errorf("markdown export of %s: %w", doc.Meta.Source.Path, err)
	}
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("markdown export of %s: %w", doc.Meta.Source.Path, err)
	}
	return nil
}

// Render returns the Markdown lines of doc, without line endings.
func Render(doc *tree.Document, opts exporters.Options) ([]string, error) {
	wr := &writer{opts: opts, doc: doc}
	var out []string
	fm, err := frontMatter(doc)
	if err != nil {
		return nil, err
	}
	out = append(out, fm...)
	body := wr.blocks(doc.Blocks, false)
	if len(fm) == 0 && len(body) > 0 && body[0] == "---" {
		body[0] = "***" // a first line of --- would open front matter
	}
	out = join(out, body)
	for _, fn := range doc.Footnotes {
		if fn == nil {
			continue
		}
		mark := "[^" + footnoteLabel(fn.ID, fn.Index) + "]: "
		body := wr.blocks(fn.Blocks, false)
		if len(body) == 0 {
			body = []string{""}
		}
		out = join(out, indent(body, mark, "    "))
	}
	return out, nil
}

// frontMatter returns the YAML front matter block: the document's own, or
// its title when that is not the text of its first level-1 heading
// (tree.BodyTitle, the rule the resolve stage reads titles by). Keys are
// sorted, title first; dates at midnight UTC are written as dates.
func frontMatter(doc *tree.Document) ([]string, error) {
	var v any
	switch {
	case doc.Meta.FrontMatter != nil:
		v = doc.Meta.FrontMatter
	case doc.Meta.Title != "" && tree.BodyTitle(doc.Blocks) != strings.TrimSpace(doc.Meta.Title):
		// Read back, a title the body's first level-1 heading does not
		// give would be lost.
		v = map[string]any{"title": doc.Meta.Title}
	default:
		return nil, nil
	}
	node, err := yamlNode(v, true)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var buf strings.Builder
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(node); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	out := append([]string{"---"}, lines...)
	return append(out, "---"), nil
}

// yamlNode builds the YAML node of a decoded front-matter value with a
// deterministic key order.
func yamlNode(v any, top bool) (*yaml.Node, error) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if top && (keys[i] == "title") != (keys[j] == "title") {
				return keys[i] == "title"
			}
			return keys[i] < keys[j]
		})
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range keys {
			val, err := yamlNode(v[k], false)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, val)
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, x := range v {
			val, err := yamlNode(x, false)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, val)
		}
		return n, nil
	case time.Time:
		text := v.Format(time.RFC3339Nano)
		if v.Location() == time.UTC && v.Equal(v.Truncate(24*time.Hour)) {
			text = v.Format("2006-01-02")
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: text}, nil
	case float64:
		// An integral float keeps a ".0", or it would read back as an int.
		if v == math.Trunc(v) && !math.IsInf(v, 0) {
			s := strconv.FormatFloat(v, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eE") {
				s += ".0"
			}
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: s}, nil
		}
	}
	n := &yaml.Node{}
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	return n, nil
}

// join appends block lines b to a, separated by a blank line.
func join(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) > 0 {
		a = append(a, "")
	}
	return append(a, b...)
}

// indent prefixes the first line with first and the others with rest;
// blank lines stay empty.
func indent(lines []string, first, rest string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch {
		case i == 0:
			out[i] = strings.TrimRight(first+l, " ")
			if l != "" {
				out[i] = first + l
			}
		case l == "":
			out[i] = ""
		default:
			out[i] = rest + l
		}
	}
	return out
}

// trimBlank removes the white space Markdown does: spaces, tabs and line
// endings. (strings.TrimSpace would also take a vertical tab or form feed,
// which Markdown keeps as text.)
func trimBlank(s string) string { return strings.Trim(s, " \t\n\r") }
