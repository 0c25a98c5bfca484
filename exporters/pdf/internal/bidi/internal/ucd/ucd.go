// Package ucd gives the bidi package the Unicode data it needs, in the
// shape go-text's internal unicodedata package gives it: a rune's
// Bidi_Class as one bit (so that sets of classes are masks) and whether it
// is a bracket, with its pair. The data is golang.org/x/text/unicode/bidi's.
package ucd

import xbidi "golang.org/x/text/unicode/bidi"

// BidiClass is a Bidi_Class as one bit.
type BidiClass uint32

// The Bidi_Class values, as go-text numbers them.
const (
	BD_AL  BidiClass = 1 << 0
	BD_AN  BidiClass = 1 << 1
	BD_B   BidiClass = 1 << 2
	BD_BN  BidiClass = 1 << 3
	BD_CS  BidiClass = 1 << 4
	BD_EN  BidiClass = 1 << 5
	BD_ES  BidiClass = 1 << 6
	BD_ET  BidiClass = 1 << 7
	BD_FSI BidiClass = 1 << 8
	BD_L   BidiClass = 1 << 9
	BD_LRE BidiClass = 1 << 10
	BD_LRI BidiClass = 1 << 11
	BD_LRO BidiClass = 1 << 12
	BD_NSM BidiClass = 1 << 13
	BD_ON  BidiClass = 1 << 14
	BD_PDF BidiClass = 1 << 15
	BD_PDI BidiClass = 1 << 16
	BD_R   BidiClass = 1 << 17
	BD_RLE BidiClass = 1 << 18
	BD_RLI BidiClass = 1 << 19
	BD_RLO BidiClass = 1 << 20
	BD_S   BidiClass = 1 << 21
	BD_WS  BidiClass = 1 << 22
)

// fromX maps x/text's classes onto these.
var fromX = [...]BidiClass{
	xbidi.L: BD_L, xbidi.R: BD_R, xbidi.EN: BD_EN, xbidi.ES: BD_ES, xbidi.ET: BD_ET,
	xbidi.AN: BD_AN, xbidi.CS: BD_CS, xbidi.B: BD_B, xbidi.S: BD_S, xbidi.WS: BD_WS,
	xbidi.ON: BD_ON, xbidi.BN: BD_BN, xbidi.NSM: BD_NSM, xbidi.AL: BD_AL,
	xbidi.LRO: BD_LRO, xbidi.RLO: BD_RLO, xbidi.LRE: BD_LRE, xbidi.RLE: BD_RLE,
	xbidi.PDF: BD_PDF, xbidi.LRI: BD_LRI, xbidi.RLI: BD_RLI, xbidi.FSI: BD_FSI, xbidi.PDI: BD_PDI,
}

// BidiBracket says whether a rune is a bracket (Bidi_Paired_Bracket_Type
// Open or Close).
type BidiBracket uint8

const (
	bracket BidiBracket = 1 << iota
	opening
)

// IsBracket reports whether the rune is a bracket.
func (bb BidiBracket) IsBracket() bool { return bb&bracket != 0 }

// IsOpening reports whether the rune is an opening bracket.
func (bb BidiBracket) IsOpening() bool { return bb&opening != 0 }

// Reverse returns the bracket paired with r (its Bidi_Paired_Bracket),
// which x/text exports only through ReverseString.
func (bb BidiBracket) Reverse(r rune) rune {
	for _, p := range xbidi.ReverseString(string(r)) {
		return p
	}
	return r
}

// LookupBidiClass returns r's Bidi_Class and bracket type.
func LookupBidiClass(r rune) (BidiClass, BidiBracket) {
	p, _ := xbidi.LookupRune(r)
	var bb BidiBracket
	if p.IsBracket() {
		bb = bracket
		if p.IsOpeningBracket() {
			bb |= opening
		}
	}
	c := p.Class()
	if int(c) >= len(fromX) {
		return BD_L, bb
	}
	return fromX[c], bb
}
