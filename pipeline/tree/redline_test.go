package tree

import (
	"strings"
	"testing"
)

// marks renders inlines with their redline marks as CriticMarkup-like
// text, failing on a mark nested in another.
func marks(t *testing.T, list []Inline, inMark bool) string {
	t.Helper()
	var sb strings.Builder
	for _, in := range list {
		switch in := in.(type) {
		case *Text:
			sb.WriteString(in.Text)
		case *Insert:
			if inMark {
				t.Fatalf("an insertion nested in a mark")
			}
			sb.WriteString("{+" + marks(t, in.Content, true) + "+}")
		case *Delete:
			if inMark {
				t.Fatalf("a deletion nested in a mark")
			}
			sb.WriteString("{-" + marks(t, in.Content, true) + "-}")
		case *Emphasis:
			sb.WriteString("*" + marks(t, in.Content, inMark) + "*")
		}
	}
	return sb.String()
}

// TestMarkedBlocksKeepInnerMarks: a moved section holds the edits made to
// it; marking it as moved wraps the words between those edits, never the
// edits themselves (CriticMarkup and the PDF cannot nest marks), and a
// change inside keeps its own side.
func TestMarkedBlocksKeepInnerMarks(t *testing.T) {
	para := &Paragraph{Content: []Inline{
		&Text{Text: "keep "},
		&Delete{Change: 2, Content: []Inline{&Text{Text: "old"}}},
		&Emphasis{Content: []Inline{&Insert{Change: 2, Content: []Inline{&Text{Text: "new"}}}, &Text{Text: " words"}}},
		&Text{Text: " end"},
	}}
	inner := &BlockChange{Change: 3, Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "gone"}}}}}
	moved := &BlockChange{Change: 1, Inserted: true, Moved: true, Blocks: []Block{para, inner}}
	got := MarkedBlocks(moved)
	if len(got) != 2 {
		t.Fatalf("%d blocks, want 2", len(got))
	}
	if s := marks(t, got[0].(*Paragraph).Content, false); s != "{+keep +}{-old-}*{+new+}{+ words+}*{+ end+}" {
		t.Errorf("moved paragraph marked as %q", s)
	}
	if s := marks(t, got[1].(*Paragraph).Content, false); s != "{-gone-}" {
		t.Errorf("a deletion inside a moved section marked as %q", s)
	}
	// The original is left as it was.
	if _, ok := para.Content[0].(*Text); !ok {
		t.Error("MarkedBlocks changed its input")
	}
	if e := para.Content[2].(*Emphasis); len(e.Content) != 2 {
		t.Error("MarkedBlocks changed its input's emphasis")
	}
}
