package pdf

import (
	"testing"

	"github.com/galleydoc/galley/exporters"
)

// TestFirstFaceShortcut compares the faces resolve gives characters with
// and without its shortcut for a character the face before it has, on text
// where the cases it must leave alone meet: emoji asked for by U+FE0F
// (keycaps, © and ®), ignorable format characters below U+2000 (soft
// hyphen, Arabic number signs, the Mongolian vowel separator), marks,
// scripts the first face lacks, and every style.
func TestFirstFaceShortcut(t *testing.T) {
	l, err := New().newLayouter(kitchenSink(), exporters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Privacy notice, version 2: who we are.",
		"Press 1\uFE0F\u20E3 or #\uFE0F\u20E3 now",
		"Copyright a©\uFE0F b®\uFE0F c© d®",
		"soft\u00ADhyphen and a\u00AD\u00ADb",
		"number \u0600\u0661\u0662 sign, ALM \u061C, x\u180Ey",
		"cafe\u0301 nai\u0308ve A\u030A",
		"Greek αβγ, Cyrillic жзи, Hebrew שלום, Arabic سلام, Devanagari नमस्ते",
		"mixed abc\u0BA4\u0BAE\u0BBF\u0BB4\u0BCD def ๑๒๓ ghi",
		"nbsp\u00A0here\u202Fand\u2007there",
		"emoji after text x😀y ✓ z→",
	}
	styles := []tstyle{{size: 10}, {size: 10, bold: true}, {size: 10, italic: true}, {size: 10, bold: true, italic: true}, {size: 10, mono: true}}
	faces := func(spans []span) []string {
		rd := paraReader{spans: spans}
		pt := &paraText{}
		rd.fill(pt, maxChunkRunes)
		st := paraState{spans: spans, span: -1}
		l.resolve(pt, &st, true)
		out := make([]string, len(pt.face))
		for i, f := range pt.face {
			if f != nil {
				out[i] = f.File
			}
		}
		return out
	}
	defer func() { fastFirstFace = true }()
	for _, text := range texts {
		for si, st := range styles {
			// One span, and the text cut in two spans of two styles.
			cut := len(text) / 2
			for cut < len(text) && text[cut]&0xC0 == 0x80 {
				cut++
			}
			other := styles[(si+1)%len(styles)]
			for _, spans := range [][]span{
				{{text: text, st: st}},
				{{text: text[:cut], st: st}, {text: text[cut:], st: other}},
			} {
				fastFirstFace = true
				fast := faces(spans)
				fastFirstFace = false
				slow := faces(spans)
				if len(fast) != len(slow) {
					t.Fatalf("%q: %d faces with the shortcut, %d without", text, len(fast), len(slow))
				}
				for i := range fast {
					if fast[i] != slow[i] {
						t.Errorf("%q (style %d, %d spans), character %d: face %q with the shortcut, %q without", text, si, len(spans), i, fast[i], slow[i])
					}
				}
			}
		}
	}
}
