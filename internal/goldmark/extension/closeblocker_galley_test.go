package extension

import (
	"testing"

	"github.com/galleydoc/galley/internal/goldmark/parser"
)

// The extensions add their inline parsers with
// parser.PrioritizedInlineParser, which never calls CloseBlock: none of
// them may be a parser.CloseBlocker (their CloseBlock methods take no
// reader, as goldmark's older interface did, and were never called).
func TestInlineParsersAreNoCloseBlockers(t *testing.T) {
	for _, p := range []parser.InlineParser{
		NewTaskCheckBoxParser(), NewTypographerParser(), NewFootnoteParser(),
		NewLinkifyParser(), NewStrikethroughParser(),
	} {
		if _, ok := p.(parser.CloseBlocker); ok {
			t.Errorf("%T is a CloseBlocker: add it with parser.PrioritizedCloseBlocker", p)
		}
	}
	if _, ok := parser.NewLinkParser().(parser.CloseBlocker); !ok {
		t.Error("the link parser is no CloseBlocker any more: DefaultInlineParsers adds it as one")
	}
}
