package markdown

import (
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
)

// TestRawHTMLModes checks that scripts, event attributes and javascript:
// URLs reach the Markdown only in trusted mode, and that safe markup and
// the text survive the other modes.
func TestRawHTMLModes(t *testing.T) {
	src := "<div onclick=\"evil()\"><p>Block <b>text</b></p><script>alert(1)</script></div>\n\n" +
		"Inline <span onmouseover=\"evil()\">span</span><br>next line and <script>bad()</script>.\n\n" +
		"[link](javascript:alert(1)) and ![img](javascript:alert(2)) and [ok](https://example.com)\n"
	doc := read(t, []byte(src), "raw.md")
	unsafe := []string{"onclick", "onmouseover", "<script", "javascript:"}

	trusted := writeMode(t, doc, exporters.RawTrusted)
	for _, u := range unsafe {
		if !strings.Contains(trusted, u) {
			t.Errorf("trusted mode lost %q:\n%s", u, trusted)
		}
	}
	for _, mode := range []exporters.RawHTMLMode{"", exporters.RawSanitize, exporters.RawDrop} {
		out := writeMode(t, doc, mode)
		for _, u := range unsafe {
			if strings.Contains(out, u) {
				t.Errorf("mode %q kept %q:\n%s", mode, u, out)
			}
		}
		for _, want := range []string{"Block", "text", "span", "next line", "[link](<>)", "![img](<>)", "[ok](https://example.com)"} {
			if !strings.Contains(out, want) {
				t.Errorf("mode %q lost %q:\n%s", mode, want, out)
			}
		}
	}
	if out := writeMode(t, doc, exporters.RawSanitize); !strings.Contains(out, "<b>text</b>") || !strings.Contains(out, "<br>") {
		t.Errorf("sanitize mode lost safe markup:\n%s", out)
	}
	out := writeMode(t, doc, exporters.RawDrop)
	for _, tag := range []string{"<div", "<p", "<b>", "<span", "<br"} {
		if strings.Contains(out, tag) {
			t.Errorf("drop mode kept %s:\n%s", tag, out)
		}
	}
}
