package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestLongWordCut: a word longer than maxUnitRunes is shaped in parts cut
// between grapheme clusters, and still fills every line up to the frame
// (the parts join where they were cut, no short line there) and keeps all
// its characters, marks with their letters.
func TestLongWordCut(t *testing.T) {
	word := strings.Repeat("abe\u0301", 3*maxUnitRunes/8) // "abé", é as e + combining acute: 1.5 cap
	doc := &tree.Document{Meta: tree.Meta{Title: "T"}, Blocks: []tree.Block{para(1, &tree.Text{Text: "start " + word + " end"})}}
	lo := layoutOf(t, doc, exporters.Options{})
	checkGeometry(t, "long word", lo)
	var text strings.Builder
	var widths []float64
	for _, items := range lo.pages {
		for _, pl := range items {
			w := 0.0
			for _, o := range pl.b.ops {
				if o.kind == opText {
					text.WriteString(o.run.Text)
					w += o.run.Width(o.size)
				}
			}
			if w > 0 && strings.Contains(text.String(), "start") { // the paragraph's lines, not the title's
				widths = append(widths, w)
			}
		}
	}
	if got, want := strings.TrimPrefix(text.String(), "T"), "start"+word+"end"; got != want {
		t.Fatalf("the text drawn (%d bytes) is not the paragraph's (%d bytes): %q … %q", len(got), len(want), got[:min(40, len(got))], got[max(0, len(got)-40):])
	}
	// "start" is alone on its line (the word does not fit after it), the
	// word's lines are full up to its last.
	frame := lo.l.textWidth()
	for i := 1; i < len(widths)-1; i++ {
		if widths[i] < frame*0.95 {
			t.Errorf("line %d of %d is %.1f pt wide, in a %.1f pt frame: a short line inside the word", i+1, len(widths), widths[i], frame)
		}
	}
	if len(widths) < 100 {
		t.Errorf("%d lines: the word was not broken across lines", len(widths))
	}
}

// TestParagraphChunks: a paragraph resolved in chunks (as one longer than
// maxChunkRunes is) gives the same PDF, byte for byte, as resolved at once,
// when its words are shorter than a chunk: mixed styles, links, anchors,
// hard breaks, right-to-left words and CJK between spaces. A word longer
// than a chunk keeps all its characters, in order.
func TestParagraphChunks(t *testing.T) {
	src := strings.Repeat("Plain *emphasis* `code` [link](https://example.com) <a id=\"x\"></a>שלום עולם "+
		"مرحبا بالعالم 漢字 かな 한국어 e\u0301 **bold**\\\nafter a hard break. ", 4)
	export := func(chunk int) []byte {
		t.Helper()
		saved := maxChunkRunes
		maxChunkRunes = chunk
		defer func() { maxChunkRunes = saved }()
		doc, err := markdown.Read([]byte("# Chunks\n\n"+src), "chunks.md")
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := New().Export(&out, doc, exporters.Options{}); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	whole := export(1 << 20)
	// Every chunk size from 20 to 120 characters: chunks end at every
	// space, before every anchor and break.
	for chunk := 20; chunk <= 120; chunk++ {
		if got := export(chunk); !bytes.Equal(got, whole) {
			t.Errorf("chunks of %d characters: the PDF differs from the paragraph resolved at once (%d bytes, %d)", chunk, len(got), len(whole))
		}
	}

	saved := maxChunkRunes
	maxChunkRunes = 100
	defer func() { maxChunkRunes = saved }()
	word := strings.Repeat("abe\u0301漢字", 90)
	doc := &tree.Document{Meta: tree.Meta{Title: "T"}, Blocks: []tree.Block{para(1, &tree.Text{Text: "start " + word + " end"})}}
	lo := layoutOf(t, doc, exporters.Options{})
	var text strings.Builder
	for _, items := range lo.pages {
		for _, pl := range items {
			for _, o := range pl.b.ops {
				if o.kind == opText {
					text.WriteString(o.run.Text)
				}
			}
		}
	}
	if got, want := strings.TrimPrefix(text.String(), "T"), "start"+word+"end"; got != want {
		t.Errorf("a word cut between chunks: the text drawn is\n%q\nnot\n%q", got, want)
	}
}
