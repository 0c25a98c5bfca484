package markdown

import (
	"testing"
)

// TestCJKDialects: galley's dialect reads emphasis beside CJK punctuation
// (markdown-cjk-friendly) and drops line breaks between Chinese or
// Japanese characters; the commonmark and gfm dialects read both as their
// specifications say.
func TestCJKDialects(t *testing.T) {
	src := []byte("**重要：**请阅读\n本声明。~~旧（删除）~~新\n")
	for _, c := range []struct {
		dialect Dialect
		want    string
	}{
		{Galley, `1: para strong("重要：") "请阅读本声明。" del("旧（删除）") "新"`},
		{GFM, `1: para "**重要：**请阅读" soft "本声明。~~旧（删除）~~新"`},
		{CommonMark, `1: para "**重要：**请阅读" soft "本声明。~~旧（删除）~~新"`},
	} {
		doc, err := NewReader(WithDialect(c.dialect)).Read(src, "cjk.md")
		if err != nil {
			t.Fatal(err)
		}
		if got := Outline(doc); got != c.want+"\n" {
			t.Errorf("dialect %d:\n got %s\nwant %s", c.dialect, got, c.want)
		}
	}
}
