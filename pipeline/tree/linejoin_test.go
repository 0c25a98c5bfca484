package tree

import (
	"reflect"
	"testing"
)

func TestJoinsLines(t *testing.T) {
	for _, c := range []struct {
		before, after rune
		want          bool
	}{
		{'行', '这', true},      // Han, Han
		{'，', '这', true},      // full-width comma (F), Han
		{'。', 'ア', true},      // ideographic full stop, katakana
		{'ｱ', 'ｲ', true},      // half-width katakana (H)
		{'る', '（', true},      // hiragana, full-width parenthesis
		{'行', 'L', false},     // Latin after
		{'a', '这', false},     // Latin before
		{'行', '1', false},     // ASCII digit
		{'다', '문', false},     // Hangul: Korean separates words with spaces
		{'行', '한', false},     // one side Hangul
		{'“', '这', false},     // ambiguous-width quotation mark
		{'a', '\u200b', true}, // zero width space
		{'é', 'e', false},
	} {
		if got := JoinsLines(c.before, c.after); got != c.want {
			t.Errorf("JoinsLines(%q, %q) = %v, want %v", c.before, c.after, got, c.want)
		}
	}
}

func TestDropJoinedBreaks(t *testing.T) {
	txt := func(s string) *Text { return &Text{Text: s} }
	got := DropJoinedBreaks([]Inline{
		txt("这是第一行"), &SoftBreak{}, txt("这是第二行，"), &SoftBreak{},
		&Strong{Content: []Inline{txt("重要")}}, &SoftBreak{},
		&Link{URL: "u", Content: []Inline{&Emphasis{Content: []Inline{txt("链接")}}}}, &SoftBreak{},
		txt("Latin"), &SoftBreak{}, txt("中文"), &SoftBreak{},
		&Image{URL: "x.png", Alt: "图"}, &SoftBreak{}, txt("图后"), &SoftBreak{},
		&Emphasis{Content: []Inline{txt("强调"), &SoftBreak{}, txt("内")}}, &SoftBreak{},
		&Anchor{ID: "a"}, txt("锚"),
	})
	want := []Inline{
		txt("这是第一行这是第二行，"),
		&Strong{Content: []Inline{txt("重要")}},
		&Link{URL: "u", Content: []Inline{&Emphasis{Content: []Inline{txt("链接")}}}}, &SoftBreak{},
		txt("Latin"), &SoftBreak{}, txt("中文"), &SoftBreak{},
		&Image{URL: "x.png", Alt: "图"}, &SoftBreak{}, txt("图后"),
		&Emphasis{Content: []Inline{txt("强调内")}},
		&Anchor{ID: "a"}, txt("锚"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %s\nwant %s", dumpInlines(got), dumpInlines(want))
	}
}

func dumpInlines(list []Inline) string {
	s := ""
	for _, in := range list {
		switch x := in.(type) {
		case *Text:
			s += "[" + x.Text + "]"
		case *SoftBreak:
			s += "/"
		default:
			if inner := inlineChildren(in); inner != nil {
				s += "(" + dumpInlines(*inner) + ")"
			} else {
				s += "<>"
			}
		}
	}
	return s
}
