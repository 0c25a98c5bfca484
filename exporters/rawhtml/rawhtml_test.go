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
