package text

import (
	"fmt"
	"strings"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Redlines (tree.Redline): inserted words are written [+like this+], deleted
// ones [-like this-]; whole blocks inserted or deleted get the marks around
// their lines. The summary of the changes follows the document.

// changeBlock renders a BlockChange: its blocks between [+ +] or [- -].
func (r *renderer) changeBlock(b *tree.BlockChange, w int) []string {
	lines := r.blocks(b.Blocks, w, false)
	if len(lines) == 0 {
		return nil
	}
	open, close := "[-", "-]"
	if b.Inserted {
		open, close = "[+", "+]"
	}
	out := append([]string(nil), lines...)
	out[0] = open + out[0]
	out[len(out)-1] += close
	return out
}

// redlineSummary renders the summary of a redline document.
func (r *renderer) redlineSummary(width int) []string {
	rl := r.doc.Redline
	if rl == nil {
		return nil
	}
	var out []string
	out = append(out, r.underlined(r.label(locales.LabelSummaryOfChanges), '-', width)...)
	out = append(out, "")
	version := func(label string, v tree.Version) string {
		s := label + ": " + v.Label
		if v.Date != nil && v.Date.Text != "" {
			s += " (" + v.Date.Text + ")"
		}
		return s
	}
	out = append(out, wrap(version(r.label(locales.LabelOldVersion), rl.Old), width)...)
	out = append(out, wrap(version(r.label(locales.LabelNewVersion), rl.New), width)...)
	if len(rl.Changes) == 0 {
		return append(out, "", r.label(locales.LabelNoChanges))
	}
	out = append(out, wrap(r.opts.Label(locales.LabelChangeCounts, len(rl.Changes), rl.WordsAdded, rl.WordsRemoved), width)...)
	var secs []string
	for _, s := range rl.Sections {
		if s.Title != "" {
			secs = append(secs, s.Title)
		}
	}
	if len(secs) > 0 {
		out = append(out, wrap(r.label(locales.LabelSectionsChanged)+": "+strings.Join(secs, r.label(locales.LabelSectionSeparator)), width)...)
	}
	out = append(out, "")
	for _, c := range rl.Changes {
		mark := fmt.Sprintf("%d. ", c.Number)
		s := r.opts.ChangeTitle(c)
		if c.Section.Title != "" {
			s += " (" + c.Section.Title + ")"
		}
		s += ": " + excerpt(c)
		out = append(out, hang(wrap(clean(s), inner(width, len(mark))), mark, strings.Repeat(" ", len(mark)))...)
	}
	return out
}

// excerpt is a short text of a change for the summary.
func excerpt(c tree.Change) string {
	text := c.New
	if c.Kind == tree.ChangeDeleted {
		text = c.Old
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 80 {
		text = string(r[:79]) + "…"
	}
	return text
}
