package pdf

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestExportLeavesFontDataAlone pins the fix in internal/fpdf
// (fileReader.Read): subsetting a face used to write into the font file it
// was given, which is shared by every export in the process.
func TestExportLeavesFontDataAlone(t *testing.T) {
	sums := map[*fonts.Face][32]byte{}
	for _, f := range fonts.All() {
		b, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		sums[f] = sha256.Sum256(b)
	}
	text := "Privacy 隐私 プライバシー 개인정보 Конфиденциальность Ιδιωτικό απόρρητο פרטיות خصوصية गोपनीयता ความเป็นส่วนตัว → ✓ code"
	doc := &tree.Document{Meta: tree.Meta{Title: "Fonts"}, Blocks: []tree.Block{
		&tree.Paragraph{Content: []tree.Inline{&tree.Text{Text: text}, &tree.Strong{Content: []tree.Inline{&tree.Text{Text: text}}}, &tree.Code{Text: "x := 1"}}},
	}}
	var first []byte
	for i := 0; i < 2; i++ {
		var buf bytes.Buffer
		if err := New().Export(&buf, doc, exporters.Options{}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Error("the second export differs from the first")
		}
	}
	for f, sum := range sums {
		b, _ := f.Bytes()
		if sha256.Sum256(b) != sum {
			t.Errorf("exporting changed the bytes of %s", f.File)
		}
	}
}
