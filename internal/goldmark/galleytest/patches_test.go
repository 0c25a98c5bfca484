// Package galleytest tests galley's patches to its goldmark copy (see
// ../GALLEY.md), one test a patch, on the outputs the patches must keep.
// How the time grows on hostile input is tested in pipeline/markdown
// (TestPathological).
package galleytest

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/goldmark"
	"github.com/galleydoc/galley/internal/goldmark/extension"
	"github.com/galleydoc/galley/internal/goldmark/parser"
	"github.com/galleydoc/galley/internal/goldmark/text"
)

func render(t *testing.T, md goldmark.Markdown, src string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

func check(t *testing.T, md goldmark.Markdown, cases map[string]string) {
	t.Helper()
	for src, want := range cases {
		if got := render(t, md, src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// Patch 1: the openers bottom skips only what was searched in vain; a
// closer that could not close may still open for a later closer.
func TestOpenersBottom(t *testing.T) {
	check(t, goldmark.New(), map[string]string{
		"*a_ *b_ *c*":         "<p>*a_ *b_ <em>c</em></p>",
		"a*b*c":               "<p>a<em>b</em>c</p>",
		"_a *b_ c* d_":        "<p><em>a *b</em> c* d_</p>",
		"a**b" + "c* c* c*":   "<p>a**bc* c* c*</p>",
		"*a **b** c*":         "<p><em>a <strong>b</strong> c</em></p>",
		"**a *b* c** *d*":     "<p><strong>a <em>b</em> c</strong> <em>d</em></p>",
		"*a_ " + "*b* _c_ d_": "<p>*a_ <em>b</em> <em>c</em> d_</p>",
	})
}

// Patch 2: a backtick run with no closing run of its length is text; the
// recorded runs keep the last of each length, so a later opener still
// finds its closer.
func TestCodeSpanRuns(t *testing.T) {
	check(t, goldmark.New(), map[string]string{
		"`` ` `` and ``` x ` y":          "<p><code>`</code> and ``` x ` y</p>",
		"``` a `b` c":                    "<p>``` a <code>b</code> c</p>",
		"```` x `` a ` b `` y ` z ` w":   "<p>```` x <code>a ` b</code> y <code>z</code> w</p>",
		"e`e``e```e````e`````":           "<p>e`e``e```e````e`````</p>",
		"x ` a\nb ``` c\nd `":            "<p>x <code>a b ``` c d</code></p>",
		"para one ```\n\npara two ``` x": "<p>para one ```</p>\n<p>para two ``` x</p>",
	})
}

// Patch 3: "<" ends an angle-bracket destination; parentheses nest at most
// 32 deep in a bare one.
func TestLinkDestinationLimits(t *testing.T) {
	md := goldmark.New()
	check(t, md, map[string]string{
		"[a](<b)c>)":     "<p><a href=\"b)c\">a</a></p>",
		"[a](<b<c>)":     "<p>[a](&lt;b<!-- raw HTML omitted -->)</p>",
		"[a](b(c)d)":     "<p><a href=\"b(c)d\">a</a></p>",
		"[a](<b>c)":      "<p>[a](<!-- raw HTML omitted -->c)</p>",
		"[a](b\\(c)":     "<p><a href=\"b(c\">a</a></p>",
		"[a](<b) [c](d)": "<p>[a](&lt;b) <a href=\"d\">c</a></p>",
	})
	deep := func(n int) string { return "[a](b" + strings.Repeat("(", n) + strings.Repeat(")", n) + ")" }
	if got := render(t, md, deep(32)); !strings.Contains(got, "<a href=") {
		t.Errorf("32 nested parentheses: %s", got)
	}
	if got := render(t, md, deep(33)); strings.Contains(got, "<a href=") {
		t.Errorf("33 nested parentheses made a link: %s", got)
	}
}

// Patch 4: a link text holds no link, at any depth; an image's may.
func TestNoLinkInLink(t *testing.T) {
	check(t, goldmark.New(), map[string]string{
		"[a [b](c) d](e)":             "<p>[a <a href=\"c\">b</a> d](e)</p>",
		"[a *[b](c)*](e)":             "<p>[a <em><a href=\"c\">b</a></em>](e)</p>",
		"![a [b](c) d](e)":            "<p><img src=\"e\" alt=\"a b d\"></p>",
		"[![a](b)](c)":                "<p><a href=\"c\"><img src=\"b\" alt=\"a\"></a></p>",
		"[a](b) [c [d](e)](f) [g](h)": "<p><a href=\"b\">a</a> [c <a href=\"e\">d</a>](f) <a href=\"h\">g</a></p>",
		"[[a](b)](c)":                 "<p>[<a href=\"b\">a</a>](c)</p>",
	})
}

// Patch 5: WithMaxNesting leaves a too-deep container unopened, reads its
// line as content and reports where it stands.
func TestMaxNesting(t *testing.T) {
	p := goldmark.New(goldmark.WithParserOptions(parser.WithMaxNesting(2))).Parser()
	for _, c := range []struct {
		src    string
		offset int // -1: within the limit
	}{
		{"> > a\n", -1},
		{"> > > a\n", 4},
		{"- a\n  - b\n", -1},
		{"- a\n  - b\n    - c\n", 14},
		{"> - a\n>   > b\n", 10},
		{"text\n\n> > > > > > > > a\n", 10},
	} {
		pc := parser.NewContext()
		p.Parse(text.NewReader([]byte(c.src)), parser.WithContext(pc))
		off, exceeded := parser.NestingLimitExceeded(pc)
		if !exceeded {
			off = -1
		}
		if off != c.offset {
			t.Errorf("%q: offset %d, want %d", c.src, off, c.offset)
		}
	}
	check(t, goldmark.New(goldmark.WithParserOptions(parser.WithMaxNesting(2))), map[string]string{
		"> > > a": "<blockquote>\n<blockquote>\n<p>&gt; a</p>\n</blockquote>\n</blockquote>",
	})
}

// Patch 6: reference definitions leave the rest of their paragraph, and
// labels over several lines are read.
func TestReferenceDefinitions(t *testing.T) {
	check(t, goldmark.New(), map[string]string{
		"[a]: /1\n[b]: /2\nrest\n\n[a] [b]":    "<p>rest</p>\n<p><a href=\"/1\">a</a> <a href=\"/2\">b</a></p>",
		"[a\nb]: /u\n\n[a b]":                  "<p><a href=\"/u\">a b</a></p>",
		"[x]: /1\n[y]: /2\n[z]: /3\n\n[z] [x]": "<p><a href=\"/3\">z</a> <a href=\"/1\">x</a></p>",
		"[a]: /1 'one'\n[a]: /2\n\n[a]":        "<p><a href=\"/1\" title=\"one\">a</a></p>",
	})
}

// Patch 7: footnotes are numbered in order of first reference, the first
// definition of a label wins, and the list comes out in number order.
func TestFootnotes(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	got := render(t, md, "x[^b] y[^a] z[^b]\n\n[^a]: one\n[^b]: two\n[^a]: dup\n[^c]: unused\n")
	two, one := strings.Index(got, "<p>two"), strings.Index(got, "<p>one")
	if two < 0 || one < 0 || two > one || strings.Contains(got, "dup") || strings.Contains(got, "unused") {
		t.Errorf("footnotes out of order or wrong:\n%s", got)
	}
	if !strings.Contains(got, `href="#fn:1"`) || !strings.Contains(got, `href="#fn:2"`) {
		t.Errorf("references not numbered 1, 2:\n%s", got)
	}
}

// cjkFriendlyExamples reads testdata/cjk-friendly.txt: the examples of the
// markdown-cjk-friendly specification with the HTML they must give.
func cjkFriendlyExamples(t *testing.T) [][2]string {
	t.Helper()
	data, err := os.ReadFile("testdata/cjk-friendly.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" || strings.HasPrefix(l, "# ") {
			continue
		}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "=> ") {
			t.Fatalf("cjk-friendly.txt:%d: example without its \"=> \" line", i+1)
		}
		out = append(out, [2]string{l, strings.TrimPrefix(lines[i+1], "=> ")})
		i++
	}
	if len(out) < 100 {
		t.Fatalf("read %d examples from cjk-friendly.txt, want over 100", len(out))
	}
	return out
}

// Patch 8: with WithCJKFriendlyEmphasis, the markdown-cjk-friendly
// specification's examples give its HTML, strikethrough included; without
// it, CommonMark's rules leave the runs of those that differ as text.
func TestCJKFriendlyEmphasis(t *testing.T) {
	cjk := goldmark.New(goldmark.WithExtensions(extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithCJKFriendlyEmphasis()))
	plain := goldmark.New(goldmark.WithExtensions(extension.Strikethrough))
	differ := 0
	for _, ex := range cjkFriendlyExamples(t) {
		want := "<p>" + ex[1] + "</p>"
		if got := render(t, cjk, ex[0]); got != want {
			t.Errorf("%q:\n got %s\nwant %s", ex[0], got, want)
		}
		if render(t, plain, ex[0]) != want {
			differ++
		}
	}
	// Most examples are what CommonMark gets wrong: the test would pass
	// without the option if the examples did not exercise it.
	if differ < 60 {
		t.Errorf("only %d examples parse differently without the option", differ)
	}
	// Text with no CJK character beside its delimiters is CommonMark's.
	check(t, cjk, map[string]string{
		"*a*b **c.**d _e_f":  "<p><em>a</em>b **c.**d _e_f</p>",
		"a_b_ 'x'**y**":      "<p>a_b_ 'x'<strong>y</strong></p>",
		"**(x)**y":           "<p>**(x)**y</p>",
		"~~(x)~~y and ~~z~~": "<p>~~(x)~~y and <del>z</del></p>",
		"*「引用」* 后":           "<p><em>「引用」</em> 后</p>",
		"\u3000*全角空格* 后":     "<p>\u3000<em>全角空格</em> 后</p>",
	})
}
