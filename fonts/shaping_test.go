package fonts

import (
	"bytes"
	"strconv"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// Faces parsed without their outlines shape exactly as faces parsed whole:
// the same glyphs, advances and offsets for text in every face's own
// script, with its marks (the outlines only feed HarfBuzz's fallback mark
// positioning, which faces with GPOS never use, and faces without GPOS
// are parsed whole).
func TestShapingWithoutOutlinesIsUnchanged(t *testing.T) {
	hiddenFaces := 0
	for _, f := range All() {
		data, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := withoutOutlines(data); ok {
			hiddenFaces++
		}
		lean, err := f.Font()
		if err != nil {
			t.Fatal(err)
		}
		whole, err := gofont.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		text := sampleText(f)
		if len(text) == 0 {
			t.Fatalf("%s: no text to shape", f.File)
		}
		for _, chunk := range chunks(text, 40) {
			a, b := shapeWith(lean, chunk), shapeWith(whole.Font, chunk)
			if a != b {
				t.Errorf("%s: shaping %q differs without outlines:\n%s\nwhole:\n%s", f.File, string(chunk), a, b)
				break
			}
		}
	}
	if hiddenFaces < len(All())/2 {
		t.Errorf("only %d of %d faces are parsed without outlines", hiddenFaces, len(All()))
	}
}

// sampleText takes every 7th code point the face covers, in runs of three
// so that combining marks follow a base.
func sampleText(f *Face) []rune {
	f.load()
	var out []rune
	for r := rune(0x20); r <= 0x1FFFF; r++ { // Deseret, Osage, Nyiakeng Puachue Hmong are above the BMP
		if f.Has(r) && (r%7 < 3) {
			out = append(out, r)
		}
	}
	return out
}

func chunks(rs []rune, n int) [][]rune {
	var out [][]rune
	for len(rs) > n {
		out = append(out, rs[:n])
		rs = rs[n:]
	}
	return append(out, rs)
}

func shapeWith(f *gofont.Font, text []rune) string {
	buf := harfbuzz.NewBuffer()
	buf.AddRunes(text, 0, len(text))
	buf.Props.Direction = harfbuzz.LeftToRight
	buf.Props.Script = language.LookupScript(text[len(text)/2])
	buf.GuessSegmentProperties()
	buf.Shape(harfbuzz.NewFont(gofont.NewFace(f)), nil)
	var b bytes.Buffer
	for i, g := range buf.Info {
		p := buf.Pos[i]
		b.WriteString(" ")
		b.WriteString(itoa(int(g.Glyph)) + "/" + itoa(int(p.XAdvance)) + "/" + itoa(int(p.XOffset)) + "/" + itoa(int(p.YOffset)))
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
