package text

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/galleydoc/galley/pipeline/tree"
)

// blocks renders a block list at width w (0: no wrapping). Blocks are
// separated by a blank line, except in tight lists.
func (r *renderer) blocks(bs []tree.Block, w int, tight bool) []string {
	var out []string
	for _, b := range bs {
		lines := r.block(b, w)
		if len(lines) == 0 {
			continue
		}
		if tight && len(out) > 0 {
			out = append(out, lines...)
			continue
		}
		out = joinBlocks(out, lines)
	}
	return out
}

// block renders one block.
func (r *renderer) block(b tree.Block, w int) []string {
	switch b := b.(type) {
	case *tree.Heading:
		return r.heading(b, w)
	case *tree.Paragraph:
		s := strings.Trim(r.inlines(b.Content), " \n")
		if s == "" {
			return nil
		}
		return wrap(s, w)
	case *tree.List:
		return r.list(b, w)
	case *tree.Quote:
		body := r.blocks(b.Blocks, inner(w, 2), false)
		out := make([]string, len(body))
		for i, l := range body {
			out[i] = "> " + l
		}
		return out
	case *tree.CodeBlock:
		return r.code(b.Text)
	case *tree.Table:
		return r.table(b, w)
	case *tree.ThematicBreak:
		n := w
		if n <= 0 || n > 72 {
			n = 72
		}
		return []string{strings.Repeat("-", n)}
	case *tree.Admonition:
		return r.admonition(b, w)
	case *tree.Tabs:
		var out []string
		for _, t := range b.Tabs {
			if t == nil {
				continue
			}
			head := strings.Trim(r.inlines(t.Title), " \n")
			out = joinBlocks(out, r.labelled(head, t.Blocks, w))
		}
		return out
	case *tree.HTMLBlock:
		// The markup itself is dropped; what the HTML reader made of it
		// (a <table> read into a Table) is shown.
		return r.blocks(b.Blocks, w, false)
	case *tree.BlockChange:
		return r.changeBlock(b, w)
	}
	return nil
}

// heading renders levels 1 and 2 underlined and deeper levels with a '#'
// prefix and a hanging indent.
func (r *renderer) heading(h *tree.Heading, w int) []string {
	s := strings.Trim(strings.ReplaceAll(r.inlines(h.Content), "\n", " "), " ")
	if s == "" {
		return nil
	}
	switch {
	case h.Level <= 1:
		return r.underlined(s, '=', w)
	case h.Level == 2:
		return r.underlined(s, '-', w)
	}
	level := h.Level
	if level > 6 {
		level = 6
	}
	mark := strings.Repeat("#", level) + " "
	return hang(wrap(s, inner(w, len(mark))), mark, strings.Repeat(" ", len(mark)))
}

// code renders a code block verbatim, indented by 4 spaces.
func (r *renderer) code(text string) []string {
	text = strings.TrimRight(cleanVerbatim(text), "\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l != "" {
			l = "    " + l
			if r.markCode {
				l = codeMark + l
			}
		}
		lines[i] = l
	}
	// Leading blank lines of a code block carry nothing.
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	return lines
}

// list renders a list with hanging indents.
func (r *renderer) list(l *tree.List, w int) []string {
	delim := "."
	if l.Marker == ")" {
		delim = ")"
	}
	markW := 2
	if l.Ordered {
		last := l.Start + len(l.Items) - 1
		markW = max(len(strconv.Itoa(l.Start)), len(strconv.Itoa(last))) + len(delim) + 1
	}
	var out []string
	for i, it := range l.Items {
		if it == nil {
			continue
		}
		mark := "- "
		if l.Ordered {
			mark = strconv.Itoa(l.Start+i) + delim
			mark += strings.Repeat(" ", max(1, markW-len(mark)))
		}
		indent := len(mark)
		if it.Task != nil {
			if *it.Task {
				mark += "[x] "
			} else {
				mark += "[ ] "
			}
			indent = len(mark)
		}
		body := r.blocks(it.Blocks, inner(w, indent), l.Tight)
		if len(body) == 0 {
			body = []string{""}
		}
		lines := hang(body, mark, strings.Repeat(" ", indent))
		if l.Tight {
			out = append(out, lines...)
		} else {
			out = joinBlocks(out, lines)
		}
	}
	return out
}

// admonition renders a call-out as a label line and an indented body.
func (r *renderer) admonition(a *tree.Admonition, w int) []string {
	head := ""
	if len(a.Title) > 0 {
		head = strings.Trim(strings.ReplaceAll(r.inlines(a.Title), "\n", " "), " ")
	}
	if head == "" {
		// Plain text has no box to show an admonition by, so one with no
		// title bar is still labelled by its kind.
		head = r.label(tree.KindTitleKey(a.Kind))
	}
	return r.labelled(head, a.Blocks, w)
}

// labelled renders a label line (with a colon unless it ends in punctuation)
// and blocks indented 4 spaces under it. A label that ends a sentence
// (".", "?", "：", …) gets no colon.
func (r *renderer) labelled(head string, bs []tree.Block, w int) []string {
	var out []string
	if head != "" {
		if last, _ := utf8.DecodeLastRuneInString(head); !strings.ContainsRune(".:;?!。：；？！…", last) {
			head += ":"
		}
		out = wrap(head, w)
	}
	body := r.blocks(bs, inner(w, 4), false)
	for _, l := range body {
		if l != "" {
			l = "    " + l
		}
		out = append(out, l)
	}
	return out
}
