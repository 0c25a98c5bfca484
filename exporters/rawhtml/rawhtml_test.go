package rawhtml

import (
	"strings"
	"testing"
)

func TestRemoved(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{`<p>plain <b>bold</b> <span style="color:red">styled</span></p>`, ""},
		{`<a id="x"></a><table><tr><td colspan="2">a</td></tr></table>`, ""},
		{`<script src="https://example.org/w.js"></script>`, "<script>"},
		{`<img src="x.png" onerror="alert(1)">`, "onerror attribute"},
		{`<a href="javascript:alert(1)" title="t">x</a>`, "href URL of <a>"},
		{`<a href="javascript:alert(1)">x</a>`, "<a>"}, // nothing left of it
		{`<iframe src="https://example.org"></iframe><form action="/x"><input name="q"></form>`, "<form>, <iframe>, <input>"},
		{`<package>`, "<package>"},
		{`no markup at all`, ""},
	} {
		if got := strings.Join(Removed(c.in), ", "); got != c.want {
			t.Errorf("Removed(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSanitizeWhole: end tags that close nothing go; the rest is Sanitize.
func TestSanitizeWhole(t *testing.T) {
	for in, want := range map[string]string{
		"Stray </a> end":                          "Stray  end",
		"<b>bold</b></i> and </span>":             "<b>bold</b> and ",
		`<a href="https://x.example">ok</a>`:      `<a href="https://x.example">ok</a>`,
		"<b><i>x</b></i>":                         "<b><i>x</b>",
		"line<br>break</br>":                      "line<br>break",
		`<a href="javascript:x()">link</a> after`: "link after",
	} {
		if got := SanitizeWhole(in); got != want {
			t.Errorf("SanitizeWhole(%q) = %q, want %q", in, got, want)
		}
	}
}
