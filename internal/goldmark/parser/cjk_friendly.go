package parser

import (
	"unicode/utf8"

	"github.com/galleydoc/galley/internal/goldmark/text"
	"github.com/galleydoc/galley/internal/goldmark/util"
)

// galley patch 8: CommonMark's flanking rules with the markdown-cjk-friendly
// amendments (https://github.com/tats-u/markdown-cjk-friendly), behind the
// WithCJKFriendlyEmphasis option. Chinese and Japanese put emphasis right
// against full-width punctuation ("**重要：**请阅读"), where CommonMark's
// rules see punctuation inside the run and a letter outside it, and leave
// the asterisks as text.

type withCJKFriendlyEmphasis struct{}

func (o *withCJKFriendlyEmphasis) SetParserOption(c *Config) { c.CJKFriendlyEmphasis = true }

// WithCJKFriendlyEmphasis is a functional option that makes delimiter runs
// of emphasis and strikethrough follow the markdown-cjk-friendly
// specification: a run beside a CJK character or CJK punctuation opens and
// closes where CommonMark's rules would leave it as text ("**真，**她",
// "太郎は**「こんにちわ」**といった"). Text without CJK characters next to
// its delimiters parses as in CommonMark.
func WithCJKFriendlyEmphasis() Option { return &withCJKFriendlyEmphasis{} }

var cjkFriendlyKey = NewContextKey()

// CJKFriendlyEmphasis reports whether the document being parsed in pc
// follows the markdown-cjk-friendly rules (WithCJKFriendlyEmphasis).
func CJKFriendlyEmphasis(pc Context) bool {
	v, _ := pc.Get(cjkFriendlyKey).(bool)
	return v
}

// ScanDelimiterAt scans a delimiter run at the position of block, as
// ScanDelimiter does with the character before it, following the
// markdown-cjk-friendly rules when pc asks for them. It returns the
// delimiter (nil if there is none) and the character before the run.
func ScanDelimiterAt(block text.Reader, pc Context, minimum int, processor DelimiterProcessor) (*Delimiter, rune) {
	before := block.PrecendingCharacter()
	line, _ := block.PeekLine()
	if !CJKFriendlyEmphasis(pc) {
		return ScanDelimiter(line, before, minimum, processor), before
	}
	before2 := rune('\n')
	if util.IsNonEmojiVariationSelector(before) {
		// The character a variation selector belongs to decides.
		_, pos := block.Position()
		if i := pos.Start - utf8.RuneLen(before); i > 0 && pos.Padding == 0 {
			before2, _ = utf8.DecodeLastRune(block.Source()[:i])
		}
	}
	return ScanDelimiterCJKFriendly(line, before2, before, minimum, processor), before
}

// charClass is what the flanking rules need to know of the character
// beside a delimiter run.
type charClass struct {
	space, punct, cjk, ivs bool
}

// nonCJKPunct reports a punctuation character that is not CJK punctuation.
func (c charClass) nonCJKPunct() bool { return c.punct && !c.cjk }

func classify(r rune) charClass {
	return charClass{
		space: util.IsSpaceRune(r),
		punct: util.IsPunctRune(r),
		cjk:   util.IsCJKRune(r),
		ivs:   util.IsIdeographicVariationSelector(r),
	}
}

// classifyPreceding classifies the character before a run: before, or,
// when before is a variation selector, the character it follows (a
// "sequence" of the specification). A quotation mark with the selector of
// its full-width form is CJK punctuation.
func classifyPreceding(before2, before rune) charClass {
	if !util.IsNonEmojiVariationSelector(before) || util.IsSpaceRune(before2) {
		return classify(before)
	}
	if util.IsCJKAmbiguousPunctuation(before2, before) {
		return charClass{punct: true, cjk: true}
	}
	c := classify(before2)
	c.ivs = false
	return c
}

// ScanDelimiterCJKFriendly is ScanDelimiter under the markdown-cjk-friendly
// rules; before2 is the character before before (it matters when before is
// a variation selector).
//
// A run is left-flanking when it is not followed by white space, and either
// not followed by non-CJK punctuation, or preceded by white space, non-CJK
// punctuation, a CJK character (with its variation selector) or an
// ideographic variation selector. It is right-flanking when it is not
// preceded by white space, and either not preceded by non-CJK punctuation,
// or followed by white space, non-CJK punctuation or a CJK character. An
// underscore run opens when left-flanking and not right-flanking or
// preceded by punctuation (with its variation selector), and closes as in
// CommonMark.
func ScanDelimiterCJKFriendly(line []byte, before2, before rune, minimum int, processor DelimiterProcessor) *Delimiter {
	c := line[0]
	if !processor.IsDelimiter(c) {
		return nil
	}
	j := 1
	for j < len(line) && line[j] == c {
		j++
	}
	if j < minimum {
		return nil
	}
	after, after2 := rune(' '), rune(' ')
	if j < len(line) {
		var n int
		after, n = utf8.DecodeRune(line[j:])
		if j+n < len(line) {
			after2, _ = utf8.DecodeRune(line[j+n:])
		}
	}
	prev := classifyPreceding(before2, before)
	next := classify(after)
	if util.IsCJKAmbiguousPunctuation(after, after2) {
		next.cjk = true
	}
	left := !next.space &&
		(!next.nonCJKPunct() || prev.space || prev.nonCJKPunct() || prev.cjk || prev.ivs)
	right := !prev.space &&
		(!prev.nonCJKPunct() || next.space || next.nonCJKPunct() || next.cjk)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || prev.punct)
		canClose = right && (!left || next.punct)
	}
	return NewDelimiter(canOpen, canClose, j, c, processor)
}
