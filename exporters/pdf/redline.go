package pdf

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Redlines (a document whose Redline is set, made by package redline):
// inserted words are drawn in green and underlined, deleted words in red
// and struck through, moved text in blue and double-underlined where it
// stands now, double-struck where it stood (so the marks read without
// colour too; the edits inside a moved section keep their own marks), every line
// holding a change gets a change bar in the margin, and whole blocks
// inserted or deleted get the bar along their whole height. The summary
// (the two versions with their dates, the sections changed, words added
// and removed, a link to each change) opens the first page, and every
// change has a bookmark, nested under its section's.

var (
	colIns = rgb{0x0b, 0x6e, 0x2a}
	colDel = rgb{0xb3, 0x12, 0x1d}
	colMov = rgb{0x1a, 0x4f, 0x8b}
	colBar = rgb{0x3c, 0x40, 0x43}
)

// Change marks of a tstyle.
const (
	markNone int8 = iota
	markIns
	markDel
	markMovedTo
	markMovedFrom
)

// barX is the x of the change bar: in the margin on the side lines start.
func (l *layouter) barX() float64 {
	if l.rtl {
		return l.pageW - l.right + 9
	}
	return l.left - 9
}

// changeStyle returns st for the content of an Insert or Delete, and the
// anchor span of the change's first mark.
func (l *layouter) changeStyle(st tstyle, ins bool, change int, out []span) (tstyle, []span) {
	s := st
	moved := l.doc.Redline != nil && change > 0 && change <= len(l.doc.Redline.Changes) &&
		l.doc.Redline.Changes[change-1].Kind == tree.ChangeMoved
	switch {
	case moved && ins:
		s.mark, s.color = markMovedTo, colMov
	case moved:
		s.mark, s.color = markMovedFrom, colMov
	case ins:
		s.mark, s.color = markIns, colIns
	default:
		s.mark, s.color = markDel, colDel
	}
	if change > 0 && !l.anchored[change] && !l.measuring {
		if l.anchored == nil {
			l.anchored = map[int]bool{}
		}
		l.anchored[change] = true
		out = append(out, span{anchor: tree.ChangeAnchor(change), st: st})
	}
	return s, out
}

// changeBookmark returns the bookmark of a change anchor ("change-3").
func (l *layouter) changeBookmark(id string) (op, bool) {
	rl := l.doc.Redline
	n, err := strconv.Atoi(strings.TrimPrefix(id, "change-"))
	if rl == nil || !strings.HasPrefix(id, "change-") || err != nil || n < 1 || n > len(rl.Changes) {
		return op{}, false
	}
	c := rl.Changes[n-1]
	text := l.opts.Label(locales.LabelChange, n, l.opts.ChangeTitle(c))
	return op{kind: opBookmark, opExtra: &opExtra{text: text, level: l.headingLevel + 1}}, true
}

// changeBlock lays out a BlockChange: its blocks marked inline, with a bar
// along them.
func (l *layouter) changeBlock(b *tree.BlockChange, x, w float64, tight bool) {
	if len(b.Blocks) == 0 {
		return
	}
	d := l.openDeco(deco{kind: decoRule, x: l.barX(), depth: l.depth, color: colBar, lw: 1.6})
	if b.Change > 0 && !l.anchored[b.Change] {
		if l.anchored == nil {
			l.anchored = map[int]bool{}
		}
		l.anchored[b.Change] = true
		id := tree.ChangeAnchor(b.Change)
		bx := &box{ops: []op{{kind: opDest, opExtra: &opExtra{dest: id}}}}
		if bm, ok := l.changeBookmark(id); ok {
			bx.ops = append(bx.ops, bm)
		}
		l.add(bx)
	}
	l.blocks(tree.MarkedBlocks(codeAsText(b)), x, w, tight)
	// The bar ends at the last box that is not space (there is at most one
	// space box at the end: space merges with space).
	to := l.fl.n()
	if last := l.fl.last(); to > d.from && last != nil && last.space {
		to--
	}
	l.closeDeco(d, to)
}

// summaryBlocks is the summary of a redline as blocks, laid out on the
// first page.
func (l *layouter) summaryBlocks() []tree.Block {
	rl := l.doc.Redline
	lab := l.opts.Label
	para := func(in ...tree.Inline) *tree.Paragraph { return &tree.Paragraph{Content: in} }
	text := func(s string) *tree.Text { return &tree.Text{Text: s} }
	version := func(name string, v tree.Version) *tree.Paragraph {
		p := para(&tree.Strong{Content: []tree.Inline{text(lab(name) + ": ")}}, &tree.Code{Text: v.Label})
		if v.Date != nil {
			p.Content = append(p.Content, text(", "), v.Date)
		}
		if v.Commit != "" {
			p.Content = append(p.Content, text(" ("+lab(locales.LabelCommit)+" "), &tree.Code{Text: v.Commit[:min(12, len(v.Commit))]}, text(")"))
		}
		return p
	}
	out := []tree.Block{
		para(&tree.Strong{Content: []tree.Inline{text(lab(locales.LabelSummaryOfChanges))}}),
		version(locales.LabelOldVersion, rl.Old),
		version(locales.LabelNewVersion, rl.New),
	}
	if len(rl.Changes) == 0 {
		return append(out, para(text(lab(locales.LabelNoChanges))))
	}
	var secs []tree.Inline
	for _, s := range rl.Sections {
		if s.Title == "" {
			continue
		}
		if len(secs) > 0 {
			secs = append(secs, text(lab(locales.LabelSectionSeparator)))
		}
		if s.ID != "" && l.ids[s.ID] {
			secs = append(secs, &tree.Link{Target: "#" + s.ID, Internal: true, Content: []tree.Inline{text(s.Title)}})
		} else {
			secs = append(secs, text(s.Title))
		}
	}
	if len(secs) > 0 {
		out = append(out, para(append([]tree.Inline{&tree.Strong{Content: []tree.Inline{text(lab(locales.LabelSectionsChanged) + ": ")}}}, secs...)...))
	}
	out = append(out, para(&tree.Strong{Content: []tree.Inline{text(lab(locales.LabelWords) + ": ")}}, text(lab(locales.LabelWordsAddedRemoved, rl.WordsAdded, rl.WordsRemoved))))
	list := &tree.List{Ordered: true, Start: 1, Tight: true}
	for _, c := range rl.Changes {
		in := []tree.Inline{&tree.Link{Target: "#" + tree.ChangeAnchor(c.Number), Internal: true,
			Content: []tree.Inline{text(l.opts.ChangeTitle(c))}}}
		if c.Section.Title != "" {
			in = append(in, text(" ("+c.Section.Title+")"))
		}
		in = append(in, text(": "+excerpt(c)))
		list.Items = append(list.Items, &tree.ListItem{Blocks: []tree.Block{para(in...)}})
	}
	return append(out, list)
}

// summary lays out the summary of a redline in a frame.
func (l *layouter) summary(x, w float64) {
	for i := range l.doc.Redline.Changes {
		l.ids[tree.ChangeAnchor(i+1)] = true
	}
	d := l.openDeco(deco{kind: decoFrame, x: x, w: w, depth: l.depth, color: colRule, lw: 0.8})
	pad := 8.0
	l.space(pad)
	l.blocks(l.summaryBlocks(), x+pad, w-2*pad, true)
	l.trimSpace()
	l.closeEdge(pad)
	l.closeDeco(d, l.fl.n())
	l.space(l.body * 1.2)
}

// excerpt is a short text of a change for the summary.
func excerpt(c tree.Change) string {
	text := c.New
	if c.Kind == tree.ChangeDeleted {
		text = c.Old
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 90 {
		text = string(r[:89]) + "…"
	}
	return text
}

// codeAsText returns b with its code blocks as paragraphs of code, one line
// a line, so that they can be underlined or struck like text.
func codeAsText(b *tree.BlockChange) *tree.BlockChange {
	out := *b
	out.Blocks = nil
	for _, bl := range b.Blocks {
		cb, ok := bl.(*tree.CodeBlock)
		if !ok {
			out.Blocks = append(out.Blocks, bl)
			continue
		}
		var in []tree.Inline
		for i, line := range strings.Split(strings.TrimRight(cb.Text, "\n"), "\n") {
			if i > 0 {
				in = append(in, &tree.LineBreak{})
			}
			in = append(in, &tree.Code{Text: expandTabs(line, 4)})
		}
		out.Blocks = append(out.Blocks, &tree.Paragraph{Pos: cb.Pos, Content: in})
	}
	return &out
}

// markLines returns the underlines of a line's insertions and the
// strike-through of its deletions (both doubled for moved text), one line
// across each run of marked pieces (the spaces between marked words
// included).
func markLines(ln lineOut, x, base float64) []op {
	var out []op
	var cur []op // the lines of the run being drawn
	var curMark int8
	for _, it := range ln.items {
		if it.st.mark == markNone {
			cur = nil
			continue
		}
		px := x + it.x
		y := base - it.st.rise
		var o []op
		switch it.st.mark {
		case markIns:
			o = []op{{kind: opLine, x: px, y: y + it.st.size*0.13, w: it.w, lw: it.st.size * 0.05, color: colIns}}
		case markDel:
			o = []op{{kind: opLine, x: px, y: y - it.st.size*0.3, w: it.w, lw: it.st.size * 0.055, color: colDel}}
		case markMovedTo:
			o = []op{{kind: opLine, x: px, y: y + it.st.size*0.1, w: it.w, lw: it.st.size * 0.04, color: colMov},
				{kind: opLine, x: px, y: y + it.st.size*0.19, w: it.w, lw: it.st.size * 0.04, color: colMov}}
		default:
			o = []op{{kind: opLine, x: px, y: y - it.st.size*0.26, w: it.w, lw: it.st.size * 0.04, color: colMov},
				{kind: opLine, x: px, y: y - it.st.size*0.36, w: it.w, lw: it.st.size * 0.04, color: colMov}}
		}
		if cur != nil && curMark == it.st.mark && px-(cur[0].x+cur[0].w) < it.st.size && px >= cur[0].x {
			for i := range cur {
				cur[i].w = px + it.w - cur[i].x
			}
			continue
		}
		out = append(out, o...)
		cur, curMark = out[len(out)-len(o):], it.st.mark
	}
	return out
}
