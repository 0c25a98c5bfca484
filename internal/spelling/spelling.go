// Package spelling suggests the name a misspelled one likely means, for
// messages such as "unknown key "stirct"; did you mean strict?".
package spelling

// Distance is the Levenshtein distance of a and b, counted in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the name in names closest to s and at most maxEdits
// edits from it (the first of equally close ones), or "" when none is.
func Nearest(s string, names []string, maxEdits int) string {
	best, bestD := "", maxEdits+1
	for _, n := range names {
		if d := Distance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
