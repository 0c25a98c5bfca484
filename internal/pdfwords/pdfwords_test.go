package pdfwords

import (
	"reflect"
	"testing"
)

// TestParseJoinsTouchingLetters: poppler reports a right-to-left word drawn
// in logical order letter by letter; letters whose boxes touch (or overlap
// a little) on one line are one word, left to right, while a gap, another
// line or another height keeps words apart.
func TestParseJoinsTouchingLetters(t *testing.T) {
	out := []byte(`<doc><page width="595" height="842">
    <word xMin="422.767" yMin="116.061" xMax="429.277" yMax="130.341">ף</word>
    <word xMin="428.9515" yMin="116.061" xMax="435.703" yMax="130.341">ס</word>
    <word xMin="435.6295" yMin="116.061" xMax="438.79" yMax="130.341">ו</word>
    <word xMin="438.79" yMin="116.061" xMax="445.426" yMax="130.341">א</word>
    <word xMin="448.156" yMin="116.0505" xMax="481.672" yMax="130.3515">Firefox</word>
    <word xMin="484.402" yMin="116.0505" xMax="502.42" yMax="130.3515">120</word>
    <word xMin="502.42" yMin="140.0" xMax="510.0" yMax="154.0">&amp;</word>
  </page></doc>`)
	want := []Word{
		{"ףסוא", 422.767, 116.061, 445.426, 130.341},
		{"Firefox", 448.156, 116.0505, 481.672, 130.3515},
		{"120", 484.402, 116.0505, 502.42, 130.3515},
		{"&", 502.42, 140, 510, 154},
	}
	if got := parse(out); !reflect.DeepEqual(got, want) {
		t.Errorf("parse:\n got %v\nwant %v", got, want)
	}
}
