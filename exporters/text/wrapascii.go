package text

import "strings"

// printableASCII reports whether s holds only printable ASCII characters
// (U+0020 to U+007E): no controls, tabs, line ends or glue.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// glueUTF8 is glue as it is encoded in a string.
const glueUTF8 = string(glue)

// asciiOrGlue reports whether s holds only printable ASCII characters and
// glue (which links put before their reference marks), and whether it
// holds glue.
func asciiOrGlue(s string) (ok, glued bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			if !strings.HasPrefix(s[i:], glueUTF8) {
				return false, false
			}
			glued = true
			i += len(glueUTF8) - 1
		}
	}
	return true, glued
}

// wrapASCII is wrapLine for a paragraph of printable ASCII characters and
// glue, which is most of what notices say. It makes the same lines as
// wrapUnicode without segmenting the text through uniseg: wrapLine takes
// only the break opportunities after spaces (and next to wide characters,
// of which ASCII has none), so a line is a run of "words", each ending
// after the spaces where UAX #14, as uniseg implements it, allows a break
// (breakAfterSpaces). Every character is one cell wide (glue too, being of
// line-break class XX, treated as a letter), and no line is split further
// (splitSoutheastAsian finds nothing to split in ASCII).
//
// TestWrapASCII compares it with wrapUnicode on every short string over a
// character of each line-break class, on every pair of characters around
// spaces, and on random text; FuzzWrapASCII does so on any input.
func wrapASCII(s string, w int, glued bool) []string {
	cells := func(t string) int { return len(t) }
	finish := func(line string) string { return strings.TrimRight(line, " ") }
	if glued {
		cells = func(t string) int { return len(t) - (len(glueUTF8)-1)*strings.Count(t, glueUTF8) }
		finish = func(line string) string { return unglue(strings.TrimRight(line, " ")) }
	}
	var lines []string
	lineStart, lineW := 0, 0 // the line so far is s[lineStart:word]
	for word := 0; word < len(s); {
		end := nextBreakASCII(s, word)
		if lineStart < word && lineW+cells(strings.TrimRight(s[word:end], " ")) > w {
			lines = append(lines, finish(s[lineStart:word]))
			lineStart, lineW = word, 0
		}
		lineW += cells(s[word:end])
		word = end
	}
	return append(lines, finish(s[lineStart:]))
}

// nextBreakASCII returns where the word of s starting at i ends: after the
// first run of spaces at which a line may break, or at the end of s.
func nextBreakASCII(s string, i int) int {
	for {
		sp := strings.IndexByte(s[i:], ' ')
		if sp < 0 {
			return len(s)
		}
		a := i + sp
		b := a + 1
		for b < len(s) && s[b] == ' ' {
			b++
		}
		if b == len(s) {
			return len(s)
		}
		if breakAfterSpaces(s, a, b) {
			return b
		}
		i = b
	}
}

// breakAfterSpaces reports whether uniseg (v0.4.7, Unicode 15.0) allows a
// line break before s[b], after the spaces s[a:b] (a < b < len(s), s
// printable ASCII and glue, which counts as a letter). After spaces UAX #14 breaks (LB18) unless an
// earlier rule forbids it:
//   - LB13: no break before ! ? (EX), } (CL), ) ] (CP), , . : ; (IS) or
//     / (SY);
//   - LB14: none after ( [ { (OP) and spaces;
//   - LB15: none between " or ' (QU) and an OP across spaces; uniseg
//     keeps this only across a single space;
//   - uniseg's LB25 look-ahead (an operator-precedence slip in its
//     condition) keeps a hyphen followed by a digit with what precedes
//     it, after spaces too ("a -1").
func breakAfterSpaces(s string, a, b int) bool {
	var before byte // none at the start of the text
	if a > 0 {
		before = s[a-1]
	}
	x := s[b]
	switch {
	case before == '(' || before == '[' || before == '{':
		return false
	case strings.IndexByte("!?})],.:;/", x) >= 0:
		return false
	case x == '-' && b+1 < len(s) && s[b+1] >= '0' && s[b+1] <= '9':
		return false
	case (before == '"' || before == '\'') && b-a == 1 && (x == '(' || x == '[' || x == '{'):
		return false
	}
	return true
}
