package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// glue stands for a space that must not become a line break (the space
// before a link's reference mark). It is a noncharacter, so it never occurs in
// interchanged text; clean maps any in the input to U+FFFD. It has line-break
// class XX (treated as AL) and width 1, like the space it becomes.
const glue = '\uFDD0'

// width returns the display width of s in terminal cells: East Asian wide
// characters count two, combining marks and format characters zero.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return uniseg.StringWidth(s)
		}
	}
	return len(s) // ASCII: control characters were removed by clean
}

// clean prepares inline character data for wrapping: runs of ASCII white
// space become one space, control characters (which could drive a terminal)
// are dropped, and the glue character is replaced. NBSP, U+202F, zero-width
// spaces and direction marks are kept.
func clean(s string) string {
	if printableASCII(s) && !strings.Contains(s, "  ") {
		return s // nothing to change
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
			space = true
			continue
		case r == glue:
			r = unicode.ReplacementChar
		case unicode.IsControl(r):
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// cleanVerbatim drops control characters other than tab from code text and
// normalizes line endings to LF.
func cleanVerbatim(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// wrap breaks s into lines of at most w cells using the Unicode line breaking
// algorithm (UAX #14). A '\n' in s is a hard line break. w <= 0 disables
// wrapping. A segment that cannot be broken and is wider than w gets a line
// of its own. Leading and trailing spaces of each line are removed, and glue
// characters become spaces.
func wrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = strings.Trim(para, " ")
		for strings.Contains(para, "  ") {
			// Spaces from adjacent inlines ("a " + soft break + " b").
			para = strings.ReplaceAll(para, "  ", " ")
		}
		if w <= 0 {
			out = append(out, unglue(para))
			continue
		}
		out = append(out, wrapLine(para, w)...)
	}
	return out
}

func unglue(s string) string {
	if !strings.ContainsRune(s, glue) {
		return s
	}
	return strings.ReplaceAll(s, string(glue), " ")
}

// wrapLine wraps one paragraph that holds no hard break.
//
// Of the break opportunities UAX #14 finds, only those after a space or a
// zero-width space and those next to a wide (East Asian) character are
// taken: words, hyphenated words and URLs are never split, so that every
// word of the text survives intact and URLs can be copied.
func wrapLine(s string, w int) []string {
	if s == "" {
		return []string{""}
	}
	if ok, glued := asciiOrGlue(s); ok {
		return wrapASCII(s, w, glued)
	}
	return wrapUnicode(s, w)
}

// wrapUnicode is wrapLine for any text, through uniseg's UAX #14 line
// segmentation.
func wrapUnicode(s string, w int) []string {
	var (
		lines []string
		line  strings.Builder
		lineW int // width of line, trailing spaces included
		word  strings.Builder
		wordW int // width of word without its trailing spaces
		wordS int // width of word's trailing spaces
		seg   string
		state = -1
	)
	flush := func() {
		if line.Len() > 0 && lineW+wordW > w {
			lines = append(lines, unglue(strings.TrimRight(line.String(), " ")))
			line.Reset()
			lineW = 0
		}
		line.WriteString(word.String())
		lineW += wordW + wordS
		word.Reset()
		wordW, wordS = 0, 0
	}
	for len(s) > 0 {
		seg, s, _, state = uniseg.FirstLineSegmentInString(s, state)
		body := strings.TrimRight(seg, " ")
		word.WriteString(seg)
		if body != "" {
			wordW += wordS + width(body)
			wordS = 0
		}
		wordS += len(seg) - len(body)
		if len(s) == 0 {
			break
		}
		last, _ := utf8.DecodeLastRuneInString(seg)
		next, _ := utf8.DecodeRuneInString(s)
		// Wide text breaks between any two characters, but not before
		// the glue that keeps a link's reference with its text: in
		// Japanese or Chinese the marker started the next line
		// (" [3]、包括的 …").
		if last == ' ' || last == '\u200b' || (wide(last) || wide(next)) && next != glue {
			flush()
		}
	}
	flush()
	if line.Len() > 0 {
		lines = append(lines, unglue(strings.TrimRight(line.String(), " ")))
	}
	for i := 0; i < len(lines); i++ {
		if width(lines[i]) > w {
			if parts := splitSoutheastAsian(lines[i], w); len(parts) > 1 {
				lines = append(lines[:i], append(parts, lines[i+1:]...)...)
				i += len(parts) - 1
			}
		}
	}
	return lines
}

// splitSoutheastAsian breaks a line wider than w inside its Thai, Lao,
// Khmer or Myanmar text. These scripts write words without spaces and
// UAX #14 leaves their breaks to a dictionary, which galley does not have:
// a run too long for a line is broken between two of its grapheme
// clusters, before a leading vowel (เ แ โ ใ ไ, which starts a syllable)
// where one falls in the second half of the line, and never after a
// leading vowel or before a following one (า ะ ำ). Other text (Latin words,
// URLs) is never split; a line with no such run is returned whole.
func splitSoutheastAsian(s string, w int) []string {
	var out []string
	for total := width(s); total > w; {
		cut, vowelCut, cw := -1, -1, 0
		var prev rune
		state := -1
		for rest, off := s, 0; len(rest) > 0; {
			var cluster string
			cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			first, _ := utf8.DecodeRuneInString(cluster)
			if off > 0 && southeastAsian(prev) && southeastAsian(first) && !leadingVowel(prev) && !followingVowel(first) {
				if cw > w {
					break
				}
				cut = off
				if leadingVowel(first) && cw*2 >= w {
					vowelCut = off
				}
			}
			cw += width(cluster)
			prev, _ = utf8.DecodeLastRuneInString(cluster)
			off += len(cluster)
		}
		if vowelCut > 0 {
			cut = vowelCut
		}
		if cut <= 0 {
			break
		}
		out = append(out, s[:cut])
		total -= width(s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

// southeastAsian reports whether r belongs to a script written without
// spaces between words whose line breaks need a dictionary (UAX #14 class
// SA): Thai, Lao, Myanmar, Khmer, and the Tai scripts.
func southeastAsian(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Myanmar, unicode.Khmer,
		unicode.Tai_Le, unicode.New_Tai_Lue, unicode.Tai_Tham, unicode.Tai_Viet)
}

// followingVowel reports whether r is a Thai or Lao vowel or mark written
// after its consonant as a letter of its own (sara a, aa, am; the
// repetition mark), which does not start a line.
func followingVowel(r rune) bool {
	switch r {
	case 0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0E46, 0x0EB0, 0x0EB2, 0x0EB3, 0x0EC6:
		return true
	}
	return false
}

// leadingVowel reports whether r is a Thai or Lao vowel written before the
// consonant it follows in speech, so that a syllable starts with it.
func leadingVowel(r rune) bool {
	return (r >= 0x0E40 && r <= 0x0E44) || (r >= 0x0EC0 && r <= 0x0EC4)
}

// wide reports whether r takes two cells (East Asian wide or fullwidth).
func wide(r rune) bool {
	return r >= 0x1100 && uniseg.StringWidth(string(r)) == 2
}
