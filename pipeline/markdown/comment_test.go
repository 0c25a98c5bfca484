package markdown

import (
	"strings"
	"testing"
)

// TestUnclosedCommentWarns checks that an HTML comment never closed, which
// CommonMark makes run to the end of the document (or of the block it is
// in) and so hides all that follows, is read that way but warned about,
// with the line of its `<!--`, in every dialect; and that closed comments
// are not.
func TestUnclosedCommentWarns(t *testing.T) {
	cases := []struct {
		name, src string
		line      int    // 0: no warning
		want      string // in the message
	}{
		{"to the end", "# Terms\nIntro.\n<!-- TODO: legal review\n## 1. Liability\n\n## 2. Your rights\n\n", 3, "(lines 3-6, to the end of the document)"},
		{"last line", "Text.\n\n<!-- note", 3, "(to the end of the document)"},
		{"in a list item", "- item\n  <!-- open\n  hidden\n\nvisible\n", 2, "(lines 2-3, to the end of the block it is in)"},
		{"in markdown html", "<div markdown>\n<!-- inner\n</div>\n\nafter\n", 2, "to the end of the <div markdown> element"},
		{"closed on its line", "a\n\n<!-- closed -->\n\nb\n", 0, ""},
		{"closed below", "a\n\n<!-- one\ntwo -->\n\nb\n", 0, ""},
		{"empty comment", "<!-->\n\nb\n", 0, ""},
		{"inline, not closed", "a <!-- b\n\nc\n", 0, ""}, // text, not a comment: nothing hidden
	}
	for _, d := range []Dialect{Galley, CommonMark, GFM} {
		r := NewReader(WithDialect(d))
		for _, tc := range cases {
			if d != Galley && strings.Contains(tc.src, "markdown>") {
				continue // Markdown in HTML is the md dialect's
			}
			doc, warns, err := r.ReadWarn([]byte(tc.src), "x.md")
			if err != nil {
				t.Fatalf("%d/%s: %v", d, tc.name, err)
			}
			if tc.line == 0 {
				if len(warns) > 0 {
					t.Errorf("%d/%s: warned %v", d, tc.name, warns)
				}
				continue
			}
			if len(warns) != 1 {
				t.Errorf("%d/%s: %d warnings, want 1: %v", d, tc.name, len(warns), warns)
				continue
			}
			w := warns[0]
			if w.Line != tc.line || w.Code != "unclosed-comment" || !strings.Contains(w.Msg, tc.want) ||
				!strings.Contains(w.Msg, "never closed") || !strings.Contains(w.Msg, "-->") {
				t.Errorf("%d/%s: got %+v, want line %d and %q", d, tc.name, w, tc.line, tc.want)
			}
			// The parse is CommonMark's: the rest is the comment's.
			if tc.name == "to the end" && len(doc.Blocks) != 3 {
				t.Errorf("%d/%s: %d blocks, want heading, paragraph and the comment", d, tc.name, len(doc.Blocks))
			}
		}
	}
}
