package redline

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// key is the comparison key of a block: what a reader sees of it (kind,
// text with formatting and link targets, nested blocks). Blocks with equal
// keys look the same; "" is a block that shows nothing (an HTML comment).
func (c *comparer) key(b tree.Block) string {
	if k, ok := c.keys[b]; ok {
		return k
	}
	var sb strings.Builder
	c.writeKey(&sb, b)
	k := sb.String()
	c.keys[b] = k
	return k
}

func (c *comparer) blocksKey(sb *strings.Builder, bs []tree.Block) {
	for _, b := range bs {
		sb.WriteString(c.key(b))
	}
}

func (c *comparer) writeKey(sb *strings.Builder, b tree.Block) {
	switch b := b.(type) {
	case *tree.Heading:
		sb.WriteString("<h" + strconv.Itoa(b.Level) + ">")
		sb.WriteString(inlineKey(b.Content))
	case *tree.Paragraph:
		sb.WriteString("<p>")
		sb.WriteString(inlineKey(b.Content))
	case *tree.List:
		if b.Ordered {
			sb.WriteString("<ol " + strconv.Itoa(b.Start) + ">")
		} else {
			sb.WriteString("<ul>")
		}
		for _, it := range b.Items {
			sb.WriteString(itemKey(c, it))
		}
		sb.WriteString("</list>")
	case *tree.Quote:
		sb.WriteString("<quote>")
		c.blocksKey(sb, b.Blocks)
		sb.WriteString("</quote>")
	case *tree.CodeBlock:
		sb.WriteString("<code " + b.Language + ">")
		sb.WriteString(strings.TrimRight(b.Text, "\n"))
		sb.WriteString("</code>")
	case *tree.Table:
		sb.WriteString("<table>")
		for _, a := range b.Aligns {
			sb.WriteString(string(a) + ",")
		}
		for _, r := range b.Head {
			sb.WriteString("<th>" + rowKey(c, r))
		}
		for _, r := range b.Body {
			sb.WriteString("<tr>" + rowKey(c, r))
		}
		sb.WriteString("</table>")
	case *tree.ThematicBreak:
		sb.WriteString("<hr>")
	case *tree.Admonition:
		sb.WriteString("<adm " + b.Kind)
		if b.Collapsible {
			sb.WriteString(" collapsible")
		}
		if b.Title == nil {
			sb.WriteString(">")
		} else {
			sb.WriteString(" title>" + inlineKey(b.Title))
		}
		c.blocksKey(sb, b.Blocks)
		sb.WriteString("</adm>")
	case *tree.Tabs:
		sb.WriteString("<tabs>")
		for _, t := range b.Tabs {
			sb.WriteString("<tab>" + inlineKey(t.Title) + "\x02")
			c.blocksKey(sb, t.Blocks)
		}
		sb.WriteString("</tabs>")
	case *tree.HTMLBlock:
		// What the markup shows, not how it is written.
		c.blocksKey(sb, b.Blocks)
	case *tree.BlockChange:
		if b.Inserted {
			c.blocksKey(sb, b.Blocks)
		}
	}
}

func itemKey(c *comparer, it *tree.ListItem) string {
	var sb strings.Builder
	sb.WriteString("<li")
	if it.Task != nil {
		sb.WriteString(" task=" + strconv.FormatBool(*it.Task))
	}
	sb.WriteString(">")
	c.blocksKey(&sb, it.Blocks)
	sb.WriteString("</li>")
	return sb.String()
}

func rowKey(c *comparer, r *tree.Row) string {
	var sb strings.Builder
	for _, cell := range r.Cells {
		sb.WriteString("<td " + strconv.Itoa(cell.ColSpan) + " " + strconv.Itoa(cell.RowSpan) + ">")
		c.blocksKey(&sb, cell.Blocks)
		sb.WriteString("</td>")
	}
	return sb.String()
}

// bag is the multiset of a block's words, for similarity.
func (c *comparer) bag(b tree.Block) map[string]int {
	if m, ok := c.bags[b]; ok {
		return m
	}
	m := wordBag(blockText([]tree.Block{b}))
	c.bags[b] = m
	return m
}

func wordBag(text string) map[string]int {
	m := map[string]int{}
	t := &tokenizer{}
	t.text(strings.ToLower(text), false)
	for _, tk := range t.out {
		if tk.kind == tokWord {
			m[tk.leaf.(*tree.Text).Text]++
		}
	}
	return m
}

// dice is the Dice coefficient of two word multisets; 1 for two empty ones.
func dice(a, b map[string]int) float64 {
	na, nb := 0, 0
	for _, n := range a {
		na += n
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for w, n := range a {
		common += min(n, b[w])
	}
	return 2 * float64(common) / float64(na+nb)
}

// sameKind reports whether two blocks can be shown as one changed block
// (their differences marked inside), rather than the old one deleted and
// the new one inserted.
func sameKind(a, b tree.Block) bool {
	switch a := a.(type) {
	case *tree.Heading:
		b, ok := b.(*tree.Heading)
		return ok && a.Level == b.Level
	case *tree.Paragraph:
		_, ok := b.(*tree.Paragraph)
		return ok
	case *tree.List:
		b, ok := b.(*tree.List)
		return ok && a.Ordered == b.Ordered && (!a.Ordered || a.Start == b.Start)
	case *tree.Quote:
		_, ok := b.(*tree.Quote)
		return ok
	case *tree.Table:
		_, ok := b.(*tree.Table)
		return ok
	case *tree.Admonition:
		b, ok := b.(*tree.Admonition)
		return ok && a.Kind == b.Kind && a.Collapsible == b.Collapsible && (a.Title == nil) == (b.Title == nil)
	case *tree.Tabs:
		b, ok := b.(*tree.Tabs)
		if !ok || len(a.Tabs) != len(b.Tabs) {
			return false
		}
		for i := range a.Tabs {
			if inlineKey(a.Tabs[i].Title) != inlineKey(b.Tabs[i].Title) {
				return false
			}
		}
		return true
	case *tree.HTMLBlock:
		_, ok := b.(*tree.HTMLBlock)
		return ok
	}
	// Code blocks, rules and anything else are replaced whole.
	return false
}

// blocks compares two lists of blocks and returns the merged list.
func (c *comparer) blocks(old, new []tree.Block) []tree.Block {
	// Blocks that show nothing take no part: old ones go, new ones stay
	// where they are, unmarked.
	var ov, nv []tree.Block
	var ok, nk []string
	for _, b := range old {
		if k := c.key(b); k != "" {
			ov = append(ov, b)
			ok = append(ok, k)
		}
	}
	var hidden [][]tree.Block // hidden[j]: invisible new blocks before nv[j]
	var pending []tree.Block
	for _, b := range new {
		if k := c.key(b); k != "" {
			nv = append(nv, b)
			nk = append(nk, k)
			hidden = append(hidden, pending)
			pending = nil
		} else {
			pending = append(pending, b)
		}
	}
	steps := c.in.align(ok, nk, func(i, j int) float64 {
		return c.similarity(ov[i], nv[j])
	})
	var out []tree.Block
	emitNew := func(j int) {
		out = append(out, hidden[j]...)
	}
	for s := 0; s < len(steps); s++ {
		st := steps[s]
		switch st.op {
		case opEqual:
			emitNew(st.j)
			c.seeHeading(nv[st.j])
			out = append(out, nv[st.j])
		case opPair:
			emitNew(st.j)
			out = append(out, c.pair(ov[st.i], nv[st.j])...)
		case opDelete:
			e := s
			for e < len(steps) && steps[e].op == opDelete {
				e++
			}
			var run []tree.Block
			for _, x := range steps[s:e] {
				run = append(run, ov[x.i])
			}
			bcs := c.wholeBlocks(run, false)
			for _, b := range bcs {
				c.deleted = append(c.deleted, c.groups[b])
			}
			out = append(out, bcs...)
			s = e - 1
		case opInsert:
			e := s
			for e < len(steps) && steps[e].op == opInsert {
				e++
			}
			var run []tree.Block
			for _, x := range steps[s:e] {
				emitNew(x.j)
				run = append(run, nv[x.j])
			}
			bcs := c.wholeBlocks(run, true)
			for _, b := range bcs {
				c.inserted = append(c.inserted, c.groups[b])
			}
			out = append(out, bcs...)
			s = e - 1
		}
	}
	return append(out, pending...)
}

func (c *comparer) similarity(a, b tree.Block) float64 {
	if ah, ok := a.(*tree.HTMLBlock); ok && len(ah.Blocks) == 1 {
		a = ah.Blocks[0]
	}
	if bh, ok := b.(*tree.HTMLBlock); ok && len(bh.Blocks) == 1 {
		b = bh.Blocks[0]
	}
	s := dice(c.bag(a), c.bag(b))
	if s == 1 && c.key(a) != c.key(b) && len(c.bag(a)) == 0 {
		// Two blocks without words (rules, images): alike when of one kind.
		if !sameKind(a, b) {
			return 0
		}
	}
	if s >= pairThreshold && sameKind(a, b) {
		// Between equally alike blocks, one of the same kind is the better
		// match: its changes show inside it.
		s += sameKindBonus
	}
	return s
}

// sameKindBonus is added to the similarity of blocks of one kind.
const sameKindBonus = 0.3

// wholeBlocks marks a run of blocks as inserted or deleted: one change per
// section (a run is split before each heading), so that a moved section can
// be matched as a whole.
func (c *comparer) wholeBlocks(run []tree.Block, inserted bool) []tree.Block {
	var out []tree.Block
	for len(run) > 0 {
		n := 1
		for n < len(run) {
			if _, ok := run[n].(*tree.Heading); ok {
				break
			}
			n++
		}
		part := run[:n]
		run = run[n:]
		if inserted {
			c.seeHeading(part[0])
		}
		kind := tree.ChangeDeleted
		if inserted {
			kind = tree.ChangeInserted
		}
		g := c.newGroup(kind, kindName(part[0]))
		g.kindName = kindName(part[0])
		if _, ok := part[0].(*tree.Heading); ok {
			g.block = "section"
		}
		if len(part) > 1 && g.block != "section" {
			g.block = "blocks"
		}
		text := blockText(part)
		words := countWords(tokenize([]tree.Inline{&tree.Text{Text: text}}))
		var kb strings.Builder
		c.blocksKey(&kb, part)
		g.key = kb.String()
		bc := &tree.BlockChange{Pos: tree.Pos{Line: part[0].SourceLine()}, Inserted: inserted, Blocks: part}
		g.bc = bc
		if inserted {
			g.new, g.added = text, words
		} else {
			g.old, g.removed = text, words
		}
		c.groups[bc] = g
		out = append(out, bc)
	}
	return out
}

// pair merges an old and a new block that correspond.
func (c *comparer) pair(a, b tree.Block) []tree.Block {
	if !sameKind(a, b) {
		// The kind changed: old deleted, new inserted, one change.
		name := kindName(a)
		if kindName(b) != name {
			name += " → " + kindName(b)
		}
		g := c.newGroup(tree.ChangeChanged, name)
		c.seeHeading(b)
		g.section = c.section
		g.old, g.new = blockText([]tree.Block{a}), blockText([]tree.Block{b})
		oldT := tokenize([]tree.Inline{&tree.Text{Text: g.old}})
		newT := tokenize([]tree.Inline{&tree.Text{Text: g.new}})
		g.removed, g.added = c.wordChanges(oldT, newT)
		del := &tree.BlockChange{Pos: tree.Pos{Line: b.SourceLine()}, Blocks: []tree.Block{a}}
		ins := &tree.BlockChange{Pos: tree.Pos{Line: b.SourceLine()}, Inserted: true, Blocks: []tree.Block{b}}
		c.groups[del], c.groups[ins] = g, g
		return []tree.Block{del, ins}
	}
	switch a := a.(type) {
	case *tree.Heading:
		b := b.(*tree.Heading)
		h := *b
		c.seeHeading(b)
		h.Content = c.inline(a.Content, b.Content, kindName(b))
		return []tree.Block{&h}
	case *tree.Paragraph:
		b := b.(*tree.Paragraph)
		p := *b
		p.Content = c.inline(a.Content, b.Content, "paragraph")
		return []tree.Block{&p}
	case *tree.List:
		return []tree.Block{c.list(a, b.(*tree.List))}
	case *tree.Quote:
		b := b.(*tree.Quote)
		q := *b
		q.Blocks = c.blocks(a.Blocks, b.Blocks)
		return []tree.Block{&q}
	case *tree.Table:
		return []tree.Block{c.table(a, b.(*tree.Table))}
	case *tree.Admonition:
		b := b.(*tree.Admonition)
		ad := *b
		if a.Title != nil {
			ad.Title = c.inline(a.Title, b.Title, "admonition title")
		}
		ad.Blocks = c.blocks(a.Blocks, b.Blocks)
		return []tree.Block{&ad}
	case *tree.Tabs:
		b := b.(*tree.Tabs)
		t := *b
		t.Tabs = make([]*tree.Tab, len(b.Tabs))
		for i, tb := range b.Tabs {
			nt := *tb
			nt.Blocks = c.blocks(a.Tabs[i].Blocks, tb.Blocks)
			t.Tabs[i] = &nt
		}
		return []tree.Block{&t}
	case *tree.HTMLBlock:
		// The markup cannot carry the marks: its blocks stand in for it.
		return c.blocks(a.Blocks, b.(*tree.HTMLBlock).Blocks)
	}
	return []tree.Block{b}
}

// list merges two lists item by item.
func (c *comparer) list(a, b *tree.List) *tree.List {
	ok := make([]string, len(a.Items))
	for i, it := range a.Items {
		ok[i] = itemKey(c, it)
	}
	nk := make([]string, len(b.Items))
	for j, it := range b.Items {
		nk[j] = itemKey(c, it)
	}
	ab := make([]map[string]int, len(a.Items))
	for i, it := range a.Items {
		ab[i] = wordBag(blockText(it.Blocks))
	}
	bb := make([]map[string]int, len(b.Items))
	for j, it := range b.Items {
		bb[j] = wordBag(blockText(it.Blocks))
	}
	steps := c.in.align(ok, nk, func(i, j int) float64 { return dice(ab[i], bb[j]) })
	l := *b
	l.Items = nil
	for s := 0; s < len(steps); s++ {
		st := steps[s]
		switch st.op {
		case opEqual:
			for _, bl := range b.Items[st.j].Blocks {
				c.seeHeading(bl)
			}
			l.Items = append(l.Items, b.Items[st.j])
		case opPair:
			ai, bi := a.Items[st.i], b.Items[st.j]
			if (ai.Task == nil) != (bi.Task == nil) || (ai.Task != nil && *ai.Task != *bi.Task) {
				l.Items = append(l.Items, c.wholeItem(ai, false), c.wholeItem(bi, true))
				continue
			}
			it := *bi
			it.Blocks = c.blocks(ai.Blocks, bi.Blocks)
			l.Items = append(l.Items, &it)
		case opDelete:
			l.Items = append(l.Items, c.wholeItem(a.Items[st.i], false))
		case opInsert:
			l.Items = append(l.Items, c.wholeItem(b.Items[st.j], true))
		}
	}
	return &l
}

// wholeItem marks a list item as inserted or deleted.
func (c *comparer) wholeItem(it *tree.ListItem, inserted bool) *tree.ListItem {
	bcs := c.wholeBlocks(it.Blocks, inserted)
	for _, b := range bcs {
		if g := c.groups[b]; g != nil && g.block != "section" {
			g.block, g.kindName = "list item", "list item"
		}
	}
	// One BlockChange per item, so that accepting or rejecting the change
	// removes the item itself.
	if len(bcs) > 1 {
		first := bcs[0].(*tree.BlockChange)
		for _, b := range bcs[1:] {
			first.Blocks = append(first.Blocks, b.(*tree.BlockChange).Blocks...)
			c.dropGroup(b, first)
		}
		bcs = bcs[:1]
	}
	if len(bcs) == 0 {
		bcs = []tree.Block{c.emptyWhole(inserted, "list item")}
	}
	bcs[0].(*tree.BlockChange).Whole = true
	if g := c.groups[bcs[0]]; g != nil {
		g.key = "<li>" + g.key
		if inserted {
			c.inserted = append(c.inserted, g)
		} else {
			c.deleted = append(c.deleted, g)
		}
	}
	n := *it
	n.Blocks = bcs
	return &n
}

// dropGroup merges the group of whole blocks b into into.
func (c *comparer) dropGroup(b tree.Block, into *tree.BlockChange) {
	g, dst := c.groups[b], c.groups[into]
	delete(c.groups, b)
	if g == nil || dst == nil || g == dst {
		return
	}
	dst.old = joinText(dst.old, g.old)
	dst.new = joinText(dst.new, g.new)
	dst.added += g.added
	dst.removed += g.removed
}

func joinText(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// footnoteIndexes numbers the footnotes of the redline: the new version's
// numbers, then the deleted footnotes after them.
func footnoteIndexes(old, new *tree.Document) map[string]int {
	m := map[string]int{}
	n := 0
	for _, f := range new.Footnotes {
		n++
		m[f.ID] = n
	}
	for _, f := range old.Footnotes {
		if _, ok := m[f.ID]; !ok {
			n++
			m[f.ID] = n
		}
	}
	return m
}

// footnotes merges footnote definitions by label.
func (c *comparer) footnotes(old, new []*tree.Footnote) []*tree.Footnote {
	byID := map[string]*tree.Footnote{}
	for _, f := range old {
		byID[f.ID] = f
	}
	var out []*tree.Footnote
	seen := map[string]bool{}
	for _, f := range new {
		seen[f.ID] = true
		nf := *f
		nf.Index = c.fnIndex[f.ID]
		if of, ok := byID[f.ID]; ok {
			nf.Blocks = c.blocks(of.Blocks, f.Blocks)
		} else {
			nf.Blocks = c.footnoteWhole(f.Blocks, true)
		}
		out = append(out, &nf)
	}
	for _, f := range old {
		if seen[f.ID] {
			continue
		}
		nf := *f
		nf.Index = c.fnIndex[f.ID]
		nf.Blocks = c.footnoteWhole(f.Blocks, false)
		out = append(out, &nf)
	}
	return out
}

func (c *comparer) footnoteWhole(blocks []tree.Block, inserted bool) []tree.Block {
	bcs := c.wholeBlocks(blocks, inserted)
	if len(bcs) > 1 {
		first := bcs[0].(*tree.BlockChange)
		for _, b := range bcs[1:] {
			first.Blocks = append(first.Blocks, b.(*tree.BlockChange).Blocks...)
			c.dropGroup(b, first)
		}
		bcs = bcs[:1]
	}
	if len(bcs) == 0 {
		bcs = []tree.Block{c.emptyWhole(inserted, "footnote")}
	}
	bcs[0].(*tree.BlockChange).Whole = true
	c.groups[bcs[0]].block = "footnote"
	return bcs
}

// minMoveWords is the fewest words a run of blocks needs to be reported as
// moved (a short line that happens to be repeated is not a move).
const minMoveWords = 5

// findMoves pairs deleted and inserted runs of blocks that are the same:
// they are one moved change, not a deletion and an insertion.
func (c *comparer) findMoves() {
	byKey := map[string][]*group{}
	for _, g := range c.inserted {
		if g.added >= minMoveWords || g.block == "section" {
			byKey[g.key] = append(byKey[g.key], g)
		}
	}
	moved := map[*group]bool{}
	for _, d := range c.deleted {
		cands := byKey[d.key]
		if len(cands) == 0 {
			continue
		}
		moved[d], moved[cands[0]] = true, true
		ins := cands[0]
		byKey[d.key] = cands[1:]
		c.markMoved(d, ins)
	}
	c.findEditedMoves(moved)
	// The same words in a block of another kind (a list item that became a
	// paragraph): one change, the kind changed.
	byText := map[string][]*group{}
	for _, g := range c.inserted {
		if !moved[g] && g.added > 0 {
			byText[norm(g.new)] = append(byText[norm(g.new)], g)
		}
	}
	for _, d := range c.deleted {
		if moved[d] || d.removed == 0 {
			continue
		}
		cands := byText[norm(d.old)]
		if len(cands) == 0 {
			continue
		}
		ins := cands[0]
		byText[norm(d.old)] = cands[1:]
		d.kind = tree.ChangeChanged
		d.block = d.kindName + " → " + ins.kindName
		d.new = ins.new
		d.added, d.removed = 0, 0
		c.groups[ins.bc] = d
	}
}

// movedEditThreshold is the least similarity (Dice coefficient of their
// words) at which a deleted and an inserted section are one section moved
// and edited; sections whose headings read the same need only
// pairThreshold.
const movedEditThreshold = 0.7

// findEditedMoves pairs the deleted and inserted sections that findMoves
// left (a section that was moved and also edited): a section whose heading
// reads the same, or whose words are mostly the same, is one moved change.
// Where it stands now, it shows its edits inside, compared block by block
// as if it had not moved; where it stood, it shows deleted whole.
func (c *comparer) findEditedMoves(moved map[*group]bool) {
	var dels, inss []*group
	for _, g := range c.deleted {
		if !moved[g] && g.block == "section" && g.removed >= minMoveWords {
			dels = append(dels, g)
		}
	}
	for _, g := range c.inserted {
		if !moved[g] && g.block == "section" && g.added >= minMoveWords {
			inss = append(inss, g)
		}
	}
	if len(dels) == 0 || len(inss) == 0 {
		return
	}
	bag := func(g *group) map[string]int {
		text := g.new
		if !g.bc.Inserted {
			text = g.old
		}
		return wordBag(text)
	}
	heading := func(g *group) string {
		if h, ok := g.bc.Blocks[0].(*tree.Heading); ok {
			return inlineKey(h.Content)
		}
		return ""
	}
	insBags := make([]map[string]int, len(inss))
	insHeads := make([]string, len(inss))
	for i, g := range inss {
		insBags[i], insHeads[i] = bag(g), heading(g)
	}
	for _, d := range dels {
		db, dh := bag(d), heading(d)
		best, bestScore := -1, 0.0
		for i, ins := range inss {
			if moved[ins] {
				continue
			}
			s := dice(db, insBags[i])
			need := movedEditThreshold
			if dh != "" && dh == insHeads[i] {
				need = pairThreshold
			}
			if s >= need && s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			continue
		}
		ins := inss[best]
		moved[d], moved[ins] = true, true
		// The edits inside belong to the section where it stands now.
		saved := c.section
		c.section = ins.section
		ins.bc.Blocks = c.blocks(d.bc.Blocks, ins.bc.Blocks)
		c.section = saved
		// The words the edits add and remove are counted by the changes
		// inside; the move itself adds and removes none.
		c.markMoved(d, ins)
	}
}

// markMoved makes the deleted group d and the inserted group ins one moved
// change, shown at both places.
func (c *comparer) markMoved(d, ins *group) {
	d.kind = tree.ChangeMoved
	d.new = ins.new
	d.added, d.removed = 0, 0
	d.bc.Moved, ins.bc.Moved = true, true
	c.groups[ins.bc] = d
	if ins.section.Title != "" || d.section.Title == "" {
		d.section = ins.section
	}
}

// norm collapses white space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// number gives the changes their numbers in document order and fills the
// summary.
func (c *comparer) number(doc *tree.Document, rl *tree.Redline) {
	var groups []*group
	visit := func(node any) int {
		g := c.groups[node]
		if g == nil {
			return 0
		}
		if g.number == 0 {
			groups = append(groups, g)
			g.number = len(groups)
		}
		return g.number
	}
	var inl func([]tree.Inline)
	inl = func(list []tree.Inline) {
		tree.WalkInlines(list, func(in tree.Inline) {
			switch in := in.(type) {
			case *tree.Insert:
				in.Change = visit(in)
			case *tree.Delete:
				in.Change = visit(in)
			}
		})
	}
	visitBlock := func(b tree.Block) bool {
		if bc, ok := b.(*tree.BlockChange); ok {
			bc.Change = visit(bc)
		}
		for _, list := range tree.InlineLists(b) {
			inl(*list)
		}
		return true
	}
	tree.Walk(doc.Blocks, visitBlock)
	for _, f := range doc.Footnotes {
		tree.Walk(f.Blocks, visitBlock)
	}
	seen := map[tree.SectionRef]bool{}
	for _, g := range groups {
		rl.Changes = append(rl.Changes, tree.Change{
			Number: g.number, Kind: g.kind, Section: g.section, Block: g.block,
			Old: g.old, New: g.new, WordsAdded: g.added, WordsRemoved: g.removed,
		})
		rl.WordsAdded += g.added
		rl.WordsRemoved += g.removed
		if !seen[g.section] {
			seen[g.section] = true
			rl.Sections = append(rl.Sections, g.section)
		}
	}
}

// emptyWhole is the change of an empty container (a list item, cell or
// footnote with no blocks) inserted or deleted.
func (c *comparer) emptyWhole(inserted bool, block string) *tree.BlockChange {
	kind := tree.ChangeDeleted
	if inserted {
		kind = tree.ChangeInserted
	}
	g := c.newGroup(kind, block)
	bc := &tree.BlockChange{Inserted: inserted, Whole: true}
	c.groups[bc] = g
	return bc
}
