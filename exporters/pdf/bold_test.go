package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// streams returns the PDF's Flate streams, inflated and joined.
func streams(t *testing.T, data []byte) string {
	t.Helper()
	var sb strings.Builder
	for _, m := range regexp.MustCompile(`(?s)/FlateDecode.*?stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(r)
		sb.Write(b)
	}
	return sb.String()
}

// TestSyntheticBold: bold text in a face that has no bold design (Han,
// kana, Hangul) is drawn filled and stroked (text rendering mode 2); bold
// Latin text uses Noto Sans Bold and is only filled.
func TestSyntheticBold(t *testing.T) {
	strong := func(s string) tree.Inline { return &tree.Strong{Content: []tree.Inline{txt(s)}} }
	for _, c := range []struct {
		name    string
		content []tree.Inline
		stroked bool
	}{
		{"ja bold", []tree.Inline{txt("本お知らせでは、"), strong("個人情報")}, true},
		{"ko bold", []tree.Inline{strong("개인정보")}, true},
		{"ja regular", []tree.Inline{txt("個人情報")}, false},
		{"latin bold", []tree.Inline{strong("Personal data")}, false},
	} {
		doc := &tree.Document{Blocks: []tree.Block{para(1, c.content...)}}
		data, diags := export(t, doc, exporters.Options{})
		if len(diags) > 0 {
			t.Errorf("%s: %v", c.name, diags)
		}
		content := streams(t, data)
		if !strings.Contains(content, " Tj") && !strings.Contains(content, "TJ") {
			t.Fatalf("%s: no text found in the content streams", c.name)
		}
		if got := strings.Contains(content, "2 Tr"); got != c.stroked {
			t.Errorf("%s: stroked text = %v, want %v", c.name, got, c.stroked)
		}
	}
}

// TestSyntheticOblique: italic Chinese, Japanese or Korean text, whose
// faces have no italic design, is slanted (a skew matrix before the text);
// italic Latin uses Noto Sans Italic, and italic Arabic stays upright.
func TestSyntheticOblique(t *testing.T) {
	em := func(s string) tree.Inline { return &tree.Emphasis{Content: []tree.Inline{txt(s)}} }
	skew := regexp.MustCompile(`1 0 0\.2126 1 -?[0-9.]+ 0 cm`)
	for _, c := range []struct {
		name    string
		content []tree.Inline
		slanted bool
	}{
		{"zh italic", []tree.Inline{em("更多详情："), txt("在您的设备上")}, true},
		{"ja bold italic", []tree.Inline{&tree.Strong{Content: []tree.Inline{em("その他の詳細")}}}, true},
		{"ko italic", []tree.Inline{em("개인정보")}, true},
		{"zh regular", []tree.Inline{txt("更多详情")}, false},
		{"latin italic", []tree.Inline{em("More details")}, false},
		{"arabic italic", []tree.Inline{em("البيانات الشخصية")}, false},
	} {
		doc := &tree.Document{Blocks: []tree.Block{para(1, c.content...)}}
		data, diags := export(t, doc, exporters.Options{})
		if len(diags) > 0 {
			t.Errorf("%s: %v", c.name, diags)
		}
		if got := skew.MatchString(streams(t, data)); got != c.slanted {
			t.Errorf("%s: slanted text = %v, want %v", c.name, got, c.slanted)
		}
	}
}
