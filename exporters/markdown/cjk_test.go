package markdown

import (
	"strings"
	"testing"
	"unicode"

	"github.com/galleydoc/galley/pipeline/tree"
)

// TestCJKEmphasisWritten: emphasis beside Chinese, Japanese and Korean text
// is written as CJK authors write it (galley reads it the
// markdown-cjk-friendly way), with no character references, and reads
// back the same; beside Latin text the CommonMark workarounds stay.
func TestCJKEmphasisWritten(t *testing.T) {
	strong := func(s string) *tree.Strong { return &tree.Strong{Content: []tree.Inline{txt(s)}} }
	em := func(s string) *tree.Emphasis { return &tree.Emphasis{Content: []tree.Inline{txt(s)}} }
	del := func(s string) *tree.Strikethrough { return &tree.Strikethrough{Content: []tree.Inline{txt(s)}} }
	for _, c := range []struct {
		content []tree.Inline
		want    string
	}{
		{[]tree.Inline{strong("重要："), txt("请阅读")}, "**重要：**请阅读"},
		{[]tree.Inline{em("更多详情，包括如何调整您的数据设置："), txt("在您的设备上")}, "*更多详情，包括如何调整您的数据设置：*在您的设备上"},
		{[]tree.Inline{txt("太郎は"), strong("「こんにちわ」"), txt("といった")}, "太郎は**「こんにちわ」**といった"},
		{[]tree.Inline{txt("这是"), strong("“引用”"), txt("的")}, "这是**“引用”**的"},
		{[]tree.Inline{txt("𰻞𰻞"), strong("(ビャンビャン)"), txt("麺")}, "𰻞𰻞**(ビャンビャン)**麺"},
		{[]tree.Inline{txt("葛\U000E0100"), strong("(正式)"), txt("城市")}, "葛\U000E0100**(正式)**城市"},
		{[]tree.Inline{strong("C#"), txt("や")}, "**C#**や"},
		{[]tree.Inline{strong("스크립트(script)"), txt("라고")}, "**스크립트(script)**라고"},
		{[]tree.Inline{txt("a"), del("a()"), txt("あ")}, "a~~a()~~あ"},
		{[]tree.Inline{txt("注意："), em("注意事項")}, "注意：*注意事項*"},
		// Latin text keeps CommonMark's workarounds.
		{[]tree.Inline{strong("note:"), txt("read")}, "**note:**&#114;ead"},
		{[]tree.Inline{txt("a"), strong("(b)"), txt("c")}, "&#97;**(b)**&#99;"},
		// The writer does not count a full-width symbol as CJK
		// punctuation: the reference stays, which reads the same.
		{[]tree.Inline{txt("a"), strong("～x")}, "&#97;**～x**"},
	} {
		doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: c.content}}}
		got := strings.TrimSpace(write(t, doc))
		if got != c.want {
			t.Errorf("%s: written as %q, want %q", tree.PlainText(c.content), got, c.want)
		}
		checkReadsBack(t, doc, got)
	}
}

// checkReadsBack reads the Markdown written for doc and compares each
// paragraph's text and emphasis with doc's.
func checkReadsBack(t *testing.T, doc *tree.Document, written string) {
	t.Helper()
	back := read(t, []byte(written), "cjk.md")
	if len(back.Blocks) != len(doc.Blocks) {
		t.Errorf("%d paragraphs read back as %d blocks", len(doc.Blocks), len(back.Blocks))
		return
	}
	paras := strings.Split(strings.TrimSpace(written), "\n\n")
	errs := 0
	for i, b := range doc.Blocks {
		if errs > 10 {
			t.Fatal("too many errors")
		}
		p, ok := back.Blocks[i].(*tree.Paragraph)
		if !ok {
			errs++
			t.Errorf("paragraph %d reads back as %T", i, back.Blocks[i])
			continue
		}
		if want, got := shape(b.(*tree.Paragraph).Content), shape(p.Content); got != want {
			errs++
			t.Errorf("paragraph %d written as %q reads back as %s, want %s", i, paras[min(i, len(paras)-1)], got, want)
		}
	}
}

// shape writes inlines as text with their emphasis marked, adjacent texts
// joined.
func shape(list []tree.Inline) string {
	var sb strings.Builder
	for _, in := range list {
		switch x := in.(type) {
		case *tree.Text:
			sb.WriteString(x.Text)
		case *tree.Strong:
			sb.WriteString("<b>" + shape(x.Content) + "</b>")
		case *tree.Emphasis:
			sb.WriteString("<i>" + shape(x.Content) + "</i>")
		case *tree.Strikethrough:
			sb.WriteString("<s>" + shape(x.Content) + "</s>")
		default:
			sb.WriteString("<?>")
		}
	}
	return sb.String()
}

// TestCJKEmphasisEveryCharacter writes emphasis beside every East Asian
// wide character and Hangul (the ideographs and syllables sampled), on the
// side where markdown-cjk-friendly lets a run open or close past
// punctuation, and checks that each reads back as written: the characters
// the writer counts as CJK are CJK to the reader.
func TestCJKEmphasisEveryCharacter(t *testing.T) {
	var blocks []tree.Block
	para := func(list ...tree.Inline) { blocks = append(blocks, &tree.Paragraph{Content: list}) }
	n := 0
	for r := rune(0x1100); r <= 0x3fffd; r++ {
		if !unicode.IsPrint(r) || !(tree.IsEastAsianWide(r) || unicode.Is(unicode.Hangul, r)) {
			continue
		}
		if (unicode.Is(unicode.Han, r) || r >= 0xac00 && r <= 0xd7a3) && r%101 != 0 {
			continue // the ideographs and Hangul syllables: a sample
		}
		n++
		s := string(r)
		strong := &tree.Strong{Content: []tree.Inline{txt("(x)")}}
		para(txt("a"+s), strong, txt(s+"b"))                                         // runs by non-CJK punctuation
		para(txt("a"), &tree.Strong{Content: []tree.Inline{txt("x" + s)}}, txt("b")) // content ends in r
		para(txt("a"), &tree.Strong{Content: []tree.Inline{txt(s + "x")}}, txt("b")) // content starts with r
		para(&tree.Emphasis{Content: []tree.Inline{txt("重要：")}}, txt(s))             // after CJK punctuation
	}
	if n < 5000 {
		t.Fatalf("only %d characters tried", n)
	}
	doc := &tree.Document{Blocks: blocks}
	checkReadsBack(t, doc, write(t, doc))
}
