package tree

import (
	"strings"
	"testing"
)

// flowString writes inlines the way a text format would: text as is, a
// break as "\n", raw tags dropped.
func flowString(list []Inline) string {
	var sb strings.Builder
	for _, in := range list {
		switch in := in.(type) {
		case *Text:
			sb.WriteString(in.Text)
		case *Code:
			sb.WriteString(in.Text)
		case *SoftBreak:
			sb.WriteByte(' ')
		case *LineBreak:
			sb.WriteByte('\n')
		case *RawHTML:
			if in.IsBreak() {
				sb.WriteByte('\n')
			}
		}
	}
	return sb.String()
}

// inlines splits s into Text and RawHTML nodes at every tag.
func inlines(s string) []Inline {
	var out []Inline
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			out = append(out, &Text{Text: s})
			break
		}
		if i > 0 {
			out = append(out, &Text{Text: s[:i]})
		}
		j := strings.IndexByte(s[i:], '>')
		out = append(out, &RawHTML{HTML: s[i : i+j+1]})
		s = s[i+j+1:]
	}
	return out
}

func TestFlowRawHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<ul><li>Email</li><li>Name</li></ul>", "• Email\n• Name"},
		{"<ol><li>Card</li><li>Address</li></ol> then more", "1. Card\n2. Address\n then more"},
		{`<ol start="3"><li>c</li><li>d</li></ol>`, "3. c\n4. d"},
		{"<p>First</p><p>Second</p>", "First\nSecond"},
		{"Intro<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>tail", "Intro\n• one\n• two\ntail"},
		{"<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "• a\n  ◦ b\n• c"},
		{"<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>", "1. a\n  ◦ b\n2. c"},
		{"a<br>b<p>c</p>", "a\nb\nc"},                                      // <br> is kept and counts as a break
		{"<div></div><p></p>text", "text"},                                 // empty blocks add no lines
		{"<td>a</td><td>b</td>", "a b"},                                    // cells of a row
		{"plain <b>bold</b> and <span>span</span>", "plain bold and span"}, // inline tags: no change
		{"<ulx>a</ulx><li2>b", "ab"},                                       // not block tags
	} {
		got := flowString(FlowRawHTML(inlines(tc.in)))
		if got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestFlowRawHTMLUnchanged(t *testing.T) {
	list := inlines("no <em>block</em> tags<br>here")
	got := FlowRawHTML(list)
	if &got[0] != &list[0] || len(got) != len(list) {
		t.Error("a list without block tags was copied; it should be returned as it is")
	}
	// The raw nodes stay (formats read lang attributes from them).
	n := 0
	for _, in := range FlowRawHTML(inlines(`<p lang="de">Hallo</p>`)) {
		if _, ok := in.(*RawHTML); ok {
			n++
		}
	}
	if n != 2 {
		t.Errorf("raw tags kept: %d, want 2", n)
	}
}
