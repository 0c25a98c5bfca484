package text

import (
	"fmt"
	"strings"

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
	out = append(out, r.underlined(r.label("Summary of changes"), '-', width)...)
	out = append(out, "")
	version := func(label string, v tree.Version) string {
		s := label + ": " + v.Label
		if v.Date != nil && v.Date.Text != "" {
			s += " (" + v.Date.Text + ")"
		}
		return s
	}
	out = append(out, wrap(version(r.label("Old version"), rl.Old), width)...)
	out = append(out, wrap(version(r.label("New version"), rl.New), width)...)
	if len(rl.Changes) == 0 {
		return append(out, "", r.label("No changes."))
	}
	out = append(out, wrap(fmt.Sprintf("%s: %d, %s: %d, %s: %d", r.label("Changes"), len(rl.Changes),
		r.label("words added"), rl.WordsAdded, r.label("words removed"), rl.WordsRemoved), width)...)
	var secs []string
	for _, s := range rl.Sections {
		if s.Title != "" {
			secs = append(secs, s.Title)
		}
	}
	if len(secs) > 0 {
		out = append(out, wrap(r.label("Sections changed")+": "+strings.Join(secs, "; "), width)...)
	}
	out = append(out, "")
	for _, c := range rl.Changes {
		mark := fmt.Sprintf("%d. ", c.Number)
		s := string(c.Kind) + " " + c.Block
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
