package redline

import (
	"unicode/utf8"

	"github.com/galleydoc/galley/internal/diffmatchpatch"
)

// Sequence alignment is github.com/sergi/go-diff (a port of Google's
// diff-match-patch): Myers' O(ND) algorithm with the usual common prefix
// and suffix speed-ups, well kept and used widely. It compares strings of
// runes, so galley maps each distinct key (a word with its formatting, a
// block's content) to one rune and compares the rune strings: the classic
// way to make a character diff a word or line diff. Its time limit is off
// (DiffTimeout 0): with a limit, the result would depend on the machine's
// speed, and a redline must be reproducible; with none it is the minimal
// edit script (the half-match shortcut is used only under a limit).

// op is one kind of alignment step.
type op uint8

const (
	opEqual op = iota
	opDelete
	opInsert
)

// interner maps keys to runes for the rune-string comparison.
type interner struct {
	ids map[string]rune
}

func (in *interner) id(key string) rune {
	if r, ok := in.ids[key]; ok {
		return r
	}
	n := rune(len(in.ids) + 1)
	// Skip the surrogate range (not valid runes in a Go string) and keep
	// clear of the replacement character's place.
	if n >= 0xD800 {
		n += 0x800
	}
	if n >= 0xFFFD {
		n += 3
	}
	in.ids[key] = n
	return n
}

// run is a stretch of the alignment: n items equal in both (opEqual), or
// only in the old sequence (opDelete), or only in the new (opInsert).
type run struct {
	op op
	n  int
}

// diffKeys aligns two sequences of keys and returns the runs of the minimal
// edit script, in order.
func (in *interner) diffKeys(a, b []string) []run {
	ra := make([]rune, len(a))
	for i, k := range a {
		ra[i] = in.id(k)
	}
	rb := make([]rune, len(b))
	for i, k := range b {
		rb[i] = in.id(k)
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(ra, rb, false)
	out := make([]run, 0, len(diffs))
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		if n == 0 {
			continue
		}
		var o op
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			o = opDelete
		case diffmatchpatch.DiffInsert:
			o = opInsert
		default:
			o = opEqual
		}
		out = append(out, run{o, n})
	}
	return out
}

// step is one item of a container alignment: old[i] equal to new[j], old[i]
// paired with a changed new[j], old[i] deleted (j = -1) or new[j] inserted
// (i = -1).
type step struct {
	op   op // opEqual, opDelete, opInsert, or opPair
	i, j int
}

const opPair op = 3

// pairThreshold is the least similarity (Dice coefficient of the two
// blocks' words) at which a deleted and an inserted block are shown as one
// changed block rather than a deletion and an insertion.
const pairThreshold = 0.4

// align aligns two sequences of items (blocks, list items, table rows)
// given their keys: items with equal keys are equal; within each stretch
// of unequal items, old and new items are paired (in order, maximizing
// their similarity) where sim says they are alike enough.
func (in *interner) align(oldKeys, newKeys []string, sim func(i, j int) float64) []step {
	var out []step
	i, j := 0, 0
	runs := in.diffKeys(oldKeys, newKeys)
	for k := 0; k < len(runs); k++ {
		r := runs[k]
		if r.op == opEqual {
			for x := 0; x < r.n; x++ {
				out = append(out, step{opEqual, i, j})
				i++
				j++
			}
			continue
		}
		// A stretch of deletions and insertions up to the next equality.
		di, dj := 0, 0
		for ; k < len(runs) && runs[k].op != opEqual; k++ {
			if runs[k].op == opDelete {
				di += runs[k].n
			} else {
				dj += runs[k].n
			}
		}
		k--
		out = append(out, pairUp(i, di, j, dj, sim)...)
		i += di
		j += dj
	}
	return out
}

// pairUp aligns old[i0:i0+n] with new[j0:j0+m], none equal: a monotone
// pairing maximizing total similarity (pairs below pairThreshold are not
// made), by dynamic programming; long stretches are paired greedily
// within a window to bound the work.
func pairUp(i0, n, j0, m int, sim func(i, j int) float64) []step {
	var out []step
	if n == 0 || m == 0 {
		for x := 0; x < n; x++ {
			out = append(out, step{opDelete, i0 + x, -1})
		}
		for y := 0; y < m; y++ {
			out = append(out, step{opInsert, -1, j0 + y})
		}
		return out
	}
	var pairs [][2]int
	if n*m <= 250000 {
		pairs = dpPairs(i0, n, j0, m, sim)
	} else {
		pairs = greedyPairs(i0, n, j0, m, sim)
	}
	x, y := 0, 0
	for _, p := range pairs {
		for ; x < p[0]; x++ {
			out = append(out, step{opDelete, i0 + x, -1})
		}
		for ; y < p[1]; y++ {
			out = append(out, step{opInsert, -1, j0 + y})
		}
		out = append(out, step{opPair, i0 + x, j0 + y})
		x++
		y++
	}
	for ; x < n; x++ {
		out = append(out, step{opDelete, i0 + x, -1})
	}
	for ; y < m; y++ {
		out = append(out, step{opInsert, -1, j0 + y})
	}
	return out
}

func dpPairs(i0, n, j0, m int, sim func(i, j int) float64) [][2]int {
	// best[x][y]: the best score aligning old[x:] with new[y:].
	w := m + 1
	best := make([]float64, (n+1)*w)
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			v := best[(x+1)*w+y]
			if u := best[x*w+y+1]; u > v {
				v = u
			}
			if s := sim(i0+x, j0+y); s >= pairThreshold {
				if u := s + best[(x+1)*w+y+1]; u > v {
					v = u
				}
			}
			best[x*w+y] = v
		}
	}
	var pairs [][2]int
	x, y := 0, 0
	for x < n && y < m {
		v := best[x*w+y]
		if s := sim(i0+x, j0+y); s >= pairThreshold && s+best[(x+1)*w+y+1] == v {
			pairs = append(pairs, [2]int{x, y})
			x++
			y++
		} else if best[(x+1)*w+y] == v {
			x++
		} else {
			y++
		}
	}
	return pairs
}

func greedyPairs(i0, n, j0, m int, sim func(i, j int) float64) [][2]int {
	const window = 16
	var pairs [][2]int
	y := 0
	for x := 0; x < n && y < m; x++ {
		bestY, bestS := -1, pairThreshold
		for k := y; k < m && k < y+window; k++ {
			if s := sim(i0+x, j0+k); s >= bestS {
				bestY, bestS = k, s
				if s == 1 {
					break
				}
			}
		}
		if bestY >= 0 {
			pairs = append(pairs, [2]int{x, bestY})
			y = bestY + 1
		}
	}
	return pairs
}
