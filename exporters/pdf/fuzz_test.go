package pdf

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
)

// FuzzExport feeds Markdown through the reader and the layout: any input the
// reader accepts must lay out without panicking. Under go test (the seeds
// only) each input is also written as a PDF; while fuzzing, only the layout
// runs, since drawing and compressing with coverage instrumentation is too
// slow to explore anything.
func FuzzExport(f *testing.F) {
	fuzzing := flag.Lookup("test.fuzz").Value.String() != ""
	for _, s := range []string{
		"# Title\n\nText with **bold**, *italic*, `code` and [a link](#title).\n",
		"- a\n  - b\n    - c\n      - d\n        - e\n          - f\n            - g\n              - h\n                - i\n",
		"| a | b |\n|---|---|\n| " + strings.Repeat("x", 500) + " | y |\n",
		"> > > > > > > > > > > > > > > > deep quote\n",
		"!!! ünïcode \"\"\n    body\n",
		"Emoji 😀 and private \ue000 and RTL שלום عربي and 漢字かな한글\n",
		"```\n\t\ttabs\x00nul\n```\n",
		"![img](nope.png) [^1]\n\n[^1]: note\n",
		"प्राप्त शक्ति বিজ্ঞপ্তি தமிழ்நாடு ਪੰਜਾਬੀ ខ្មែរ မြန်မာ ශ්‍රී ދިވެހި ที่น้ำ\n",
		"تاریخ اجرا: ۱۵ اوت ۲۰۱۸ (abc) \u202Bembedded\u202C \u2067iso\u2069 می‌گذاریم שָׁלוֹם\n",
		"officeAVAWAY\u0301\u0301\u0301 a\u200Db\u200Cc\u00AD\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := markdown.Read([]byte(src), "fuzz.md")
		if err != nil {
			return
		}
		if _, err := New().layout(doc, exporters.Options{TOC: true}); err != nil {
			t.Fatalf("layout failed: %v", err)
		}
		if !fuzzing {
			if err := New().Export(io.Discard, doc, exporters.Options{TOC: true}); err != nil {
				t.Fatalf("export failed: %v", err)
			}
		}
	})
}
