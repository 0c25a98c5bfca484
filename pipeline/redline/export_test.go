package redline

import "github.com/galleydoc/galley/pipeline/tree"

// DocKey is the comparison key of a whole document (its blocks and
// footnotes, raw-HTML blocks by what they show), for tests that check
// Accept and Reject give back the versions compared.
func DocKey(doc *tree.Document) string {
	c := &comparer{in: interner{ids: map[string]rune{}}, keys: map[tree.Block]string{}}
	var out []byte
	var add func([]tree.Block)
	add = func(bs []tree.Block) {
		for _, b := range bs {
			if h, ok := b.(*tree.HTMLBlock); ok {
				add(h.Blocks)
				continue
			}
			if k := c.key(b); k != "" {
				out = append(out, k...)
				out = append(out, '\n')
			}
		}
	}
	add(doc.Blocks)
	for _, f := range doc.Footnotes {
		out = append(out, "[^"+f.ID+"]"...)
		add(f.Blocks)
	}
	return string(out)
}

// Words returns the word tokens of inline content, for the minimality test.
func Words(list []tree.Inline) []string {
	var out []string
	for _, t := range tokenize(list) {
		if t.kind == tokWord {
			out = append(out, t.key)
		}
	}
	return out
}
