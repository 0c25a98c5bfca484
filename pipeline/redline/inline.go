package redline

import (
	"github.com/galleydoc/galley/pipeline/tree"
)

// item is a token of the merged inline content with what happened to it.
type item struct {
	op op
	tk token
}

// inline compares the content of two corresponding blocks word by word and
// returns the merged content, with Insert and Delete nodes around what
// changed. The block is one change (named block in the summary) when
// anything visible changed.
func (c *comparer) inline(old, new []tree.Inline, block string) []tree.Inline {
	a, b := tokenize(old), tokenize(new)
	ka := make([]string, len(a))
	for i := range a {
		ka[i] = a[i].key
	}
	kb := make([]string, len(b))
	for j := range b {
		kb[j] = b[j].key
	}
	runs := c.in.diffKeys(ka, kb)
	items := make([]item, 0, len(a)+len(b))
	i, j := 0, 0
	for _, r := range runs {
		for x := 0; x < r.n; x++ {
			switch r.op {
			case opEqual:
				items = append(items, item{opEqual, b[j]})
				i++
				j++
			case opDelete:
				items = append(items, item{opDelete, a[i]})
				i++
			case opInsert:
				items = append(items, item{opInsert, b[j]})
				j++
			}
		}
	}
	items = tidy(items)
	added, removed := 0, 0
	for _, it := range items {
		if it.tk.kind == tokWord {
			switch it.op {
			case opInsert:
				added++
			case opDelete:
				removed++
			}
		}
	}
	if added == 0 && removed == 0 && !visibleChange(items) {
		return stripHidden(new, items)
	}
	if c.blockName != "" {
		block = c.blockName
	}
	g := c.newGroup(tree.ChangeChanged, block)
	g.old, g.new = plain(old), plain(new)
	g.added, g.removed = added, removed
	out := c.build(items, 0, g)
	return out
}

// visibleChange reports whether a change shows anything (punctuation,
// footnote references), beyond words.
func visibleChange(items []item) bool {
	for _, it := range items {
		if it.op != opEqual && it.tk.visible() && it.tk.kind != tokSpace {
			return true
		}
	}
	return false
}

// stripHidden returns the new content when nothing visible changed.
func stripHidden(new []tree.Inline, _ []item) []tree.Inline { return new }

// tidy makes the marked stretches read well without marking more words:
// invisible tokens (anchors, raw HTML) are never marked (the new ones kept,
// the old ones dropped); white space between two changes joins them, so
// "a b c" replaced by "x y z" reads [-a b c-][+x y z+] rather than three
// alternations; and within a stretch of changes the deletions come before
// the insertions.
func tidy(items []item) []item {
	out := items[:0:0]
	for _, it := range items {
		if !it.tk.visible() && it.op != opEqual {
			if it.op == opInsert {
				it.op = opEqual
				out = append(out, it)
			}
			continue
		}
		out = append(out, it)
	}
	items = out
	// Absorb white space (and lone punctuation between words) lying
	// between two changes.
	for k := 0; k < len(items); k++ {
		if items[k].op != opEqual || items[k].tk.kind != tokSpace {
			continue
		}
		prev, next := k-1, k+1
		for next < len(items) && items[next].op == opEqual && items[next].tk.kind == tokSpace {
			next++
		}
		if prev < 0 || next >= len(items) || items[prev].op == opEqual || items[next].op == opEqual {
			continue
		}
		// A stretch's own white space: shown deleted and inserted, so both
		// versions read the same.
		var repl []item
		for _, it := range items[k:next] {
			d := it
			d.op = opDelete
			repl = append(repl, d)
		}
		for _, it := range items[k:next] {
			in := it
			in.op = opInsert
			repl = append(repl, in)
		}
		items = append(items[:k], append(repl, items[next:]...)...)
		k += len(repl) - 1
	}
	// Deletions first within each stretch of changes (stable).
	for s := 0; s < len(items); {
		if items[s].op == opEqual {
			s++
			continue
		}
		e := s
		for e < len(items) && items[e].op != opEqual {
			e++
		}
		var dels, ins []item
		for _, it := range items[s:e] {
			if it.op == opDelete {
				dels = append(dels, it)
			} else {
				ins = append(ins, it)
			}
		}
		copy(items[s:], dels)
		copy(items[s+len(dels):], ins)
		s = e
	}
	return items
}

// build rebuilds inline content from the merged tokens: consecutive tokens
// under the same formatting share one wrapper, and stretches of inserted or
// deleted tokens become Insert and Delete nodes (inside the formatting).
func (c *comparer) build(items []item, depth int, g *group) []tree.Inline {
	var out []tree.Inline
	for k := 0; k < len(items); {
		it := items[k]
		if len(it.tk.path) > depth {
			w := it.tk.path[depth]
			wk := wrapperKey(w)
			e := k + 1
			for e < len(items) && len(items[e].tk.path) > depth && wrapperKey(items[e].tk.path[depth]) == wk {
				e++
			}
			out = append(out, rewrap(w, c.build(items[k:e], depth+1, g)))
			k = e
			continue
		}
		e := k + 1
		for e < len(items) && len(items[e].tk.path) == depth && items[e].op == it.op {
			e++
		}
		leaves := c.leaves(items[k:e])
		switch it.op {
		case opInsert:
			n := &tree.Insert{Content: leaves}
			c.groups[n] = g
			out = append(out, n)
		case opDelete:
			n := &tree.Delete{Content: leaves}
			c.groups[n] = g
			out = append(out, n)
		default:
			out = append(out, leaves...)
		}
		k = e
	}
	return out
}

// leaves returns the inlines of tokens, joining neighbouring text.
func (c *comparer) leaves(items []item) []tree.Inline {
	var out []tree.Inline
	for _, it := range items {
		switch l := it.tk.leaf.(type) {
		case *tree.Text:
			if n := len(out); n > 0 {
				if prev, ok := out[n-1].(*tree.Text); ok {
					out[n-1] = &tree.Text{Text: prev.Text + l.Text}
					continue
				}
			}
			out = append(out, &tree.Text{Text: l.Text})
		case *tree.Code:
			if n := len(out); n > 0 {
				if prev, ok := out[n-1].(*tree.Code); ok {
					out[n-1] = &tree.Code{Text: prev.Text + l.Text}
					continue
				}
			}
			out = append(out, &tree.Code{Text: l.Text})
		case *tree.FootnoteRef:
			ref := *l
			if n, ok := c.fnIndex[l.ID]; ok {
				ref.Index = n
			}
			out = append(out, &ref)
		default:
			out = append(out, it.tk.leaf)
		}
	}
	return out
}

// rewrap returns a copy of the wrapping inline w holding content.
func rewrap(w tree.Inline, content []tree.Inline) tree.Inline {
	switch w := w.(type) {
	case *tree.Emphasis:
		return &tree.Emphasis{Content: content}
	case *tree.Strong:
		return &tree.Strong{Content: content}
	case *tree.Strikethrough:
		return &tree.Strikethrough{Content: content}
	case *tree.Link:
		l := *w
		l.Content = content
		return &l
	}
	return w
}

// wordChanges counts the words a minimal word-level comparison of two token
// lists marks as removed and added.
func (c *comparer) wordChanges(a, b []token) (removed, added int) {
	ka := make([]string, 0, len(a))
	for _, t := range a {
		if t.kind == tokWord {
			ka = append(ka, t.key)
		}
	}
	kb := make([]string, 0, len(b))
	for _, t := range b {
		if t.kind == tokWord {
			kb = append(kb, t.key)
		}
	}
	for _, r := range c.in.diffKeys(ka, kb) {
		switch r.op {
		case opDelete:
			removed += r.n
		case opInsert:
			added += r.n
		}
	}
	return removed, added
}

// wrapperKey says what a wrapping inline shows: consecutive tokens under
// wrappers with one key (the old and the new version's emphasis around the
// same words) share one wrapper in the redline.
func wrapperKey(w tree.Inline) string {
	switch w := w.(type) {
	case *tree.Emphasis:
		return "em"
	case *tree.Strong:
		return "strong"
	case *tree.Strikethrough:
		return "s"
	case *tree.Link:
		return "a " + w.Target + "\x00" + w.URL + "\x00" + w.Title
	}
	return ""
}
