package fpdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

var fixedTime = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// TestDeflatePagesEarly: compressing each page as it ends (galley patch 11)
// writes the same file, byte for byte, as compressing them all at Output;
// also when an earlier page is written to again (SetPage) and when
// AliasNbPages replaces text in the pages.
func TestDeflatePagesEarly(t *testing.T) {
	make := func(early, alias bool) []byte {
		t.Helper()
		pdf := New("P", "pt", "A4", "")
		pdf.SetCompression(true)
		pdf.SetDeflatePagesEarly(early)
		pdf.SetCreationDate(fixedTime)
		pdf.SetModificationDate(fixedTime)
		pdf.SetCatalogSort(true)
		if alias {
			pdf.AliasNbPages("")
		}
		for p := 0; p < 5; p++ {
			pdf.AddPage()
			pdf.RawWriteStr(strings.Repeat("0 0 m 100 100 l S\n", 50+p))
			if alias {
				pdf.RawWriteStr("% page {nb}\n")
			}
		}
		pdf.SetPage(2)
		pdf.RawWriteStr("1 1 m 2 2 l S\n")
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	for _, alias := range []bool{false, true} {
		late, early := make(false, alias), make(true, alias)
		if !bytes.Equal(late, early) {
			t.Errorf("aliases %v: pages compressed as they end give another file (%d bytes, %d at Output)", alias, len(early), len(late))
		}
	}
}
