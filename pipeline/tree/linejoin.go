package tree

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// JoinsLines reports whether a line break in the source between the
// characters before and after it reads as nothing rather than as a space:
// Chinese and Japanese are written without spaces, so a line wrapped
// between two of their characters ("这是第一行" / "这是第二行") must not
// show one. The rule is CSS Text 3's segment break transformation: both
// characters East Asian wide (Unicode East Asian Width F, W or H: ideographs,
// kana, bopomofo, full-width punctuation and forms) and neither Hangul, since
// Korean separates its words with spaces; or either side a zero width space.
// Readers apply it where they read a soft line break (Markdown) or a
// segment break (HTML), so every format gets the same text.
func JoinsLines(before, after rune) bool {
	if before == '\u200b' || after == '\u200b' {
		return true
	}
	return IsEastAsianWide(before) && IsEastAsianWide(after) &&
		!unicode.Is(unicode.Hangul, before) && !unicode.Is(unicode.Hangul, after)
}

// IsEastAsianWide reports whether r has Unicode East Asian Width F, W or H
// (UAX #11): the characters of Chinese, Japanese and Korean text that take
// a full cell, and the half-width forms of kana and Hangul.
func IsEastAsianWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return true
	}
	return false
}

// DropJoinedBreaks removes from list, and from the content of the
// emphasis, strong, strikethrough and links in it, the soft breaks that
// JoinsLines says read as nothing. The characters on either side are found
// across inline boundaries ("**重要**" + break + "内容"); a break beside an
// image, a footnote reference, raw HTML, a date or another break stays.
// The texts on either side of a dropped break are joined into the first.
func DropJoinedBreaks(list []Inline) []Inline {
	out := list[:0]
	joined := false
	for i, in := range list {
		if inner := inlineChildren(in); inner != nil {
			*inner = DropJoinedBreaks(*inner)
		}
		if _, ok := in.(*SoftBreak); ok {
			before, okb := lastRune(out)
			after, oka := firstRune(list[i+1:])
			if okb && oka && JoinsLines(before, after) {
				joined = true
				continue
			}
		}
		if t, ok := in.(*Text); ok && joined {
			if prev, ok := out[len(out)-1].(*Text); ok {
				prev.Text += t.Text
				joined = false
				continue
			}
		}
		joined = false
		out = append(out, in)
	}
	// Clear the tail the kept inlines no longer use.
	for i := len(out); i < len(list); i++ {
		list[i] = nil
	}
	return out
}

// edgeRune returns the first (or last) character list shows, and false when
// the inline at that edge is not text (an image, a break, raw HTML…).
func edgeRune(list []Inline, last bool) (rune, bool) {
	for k := range list {
		i := k
		if last {
			i = len(list) - 1 - k
		}
		var s string
		switch x := list[i].(type) {
		case *Text:
			s = x.Text
		case *Code:
			s = x.Text
		case *Anchor:
			continue // shows nothing
		default:
			inner := inlineChildren(x)
			if inner == nil {
				return 0, false
			}
			if r, ok := edgeRune(*inner, last); ok {
				return r, true
			}
			if len(*inner) == 0 {
				continue
			}
			return 0, false
		}
		if s == "" {
			continue
		}
		if last {
			r, _ := utf8.DecodeLastRuneInString(s)
			return r, true
		}
		r, _ := utf8.DecodeRuneInString(s)
		return r, true
	}
	return 0, false
}

func firstRune(list []Inline) (rune, bool) { return edgeRune(list, false) }
func lastRune(list []Inline) (rune, bool)  { return edgeRune(list, true) }
