package tree

import "testing"

func TestTargetFor(t *testing.T) {
	for _, c := range []struct {
		link Link
		ext  string
		want string
	}{
		{Link{Target: "terms.html", PageExt: "html"}, "pdf", "terms.pdf"},
		{Link{Target: "../a/terms.html#use", PageExt: "html"}, "txt", "../a/terms.txt#use"},
		{Link{Target: "terms.html?x=1#y", PageExt: "html"}, "pdf", "terms.pdf?x=1#y"},
		{Link{Target: "terms.html", PageExt: "html"}, "html", "terms.html"},
		{Link{Target: "terms.html", PageExt: "html"}, "", "terms.html"},
		// Not a page of the set: as it is.
		{Link{Target: "https://example.org/terms.html"}, "pdf", "https://example.org/terms.html"},
		{Link{Target: "notes.html"}, "pdf", "notes.html"},
		{Link{Target: "#top", Internal: true}, "pdf", "#top"},
	} {
		if got := c.link.TargetFor(c.ext); got != c.want {
			t.Errorf("%+v.TargetFor(%q) = %q, want %q", c.link, c.ext, got, c.want)
		}
	}
}

func TestImageMediaPath(t *testing.T) {
	for _, c := range []struct {
		url, want     string
		local, inside bool
	}{
		{"logo.png", "legal/logo.png", true, true},
		{"../assets/a%20b.png?v=2#x", "assets/a b.png", true, true},
		{"/assets/logo.png", "assets/logo.png", true, true}, // root-relative, as MkDocs writes it
		{"./x/../y.png", "legal/y.png", true, true},
		{"../../etc/passwd", "../etc/passwd", true, false},
		{"/../x.png", "../x.png", true, false},
		{"//cdn.example.org/logo.png", "", false, false},
		{"https://example.org/logo.png", "", false, false},
		{"data:image/png;base64,AAAA", "", false, false},
		{"", "", false, false},
	} {
		got, local, inside := (&Image{URL: c.url}).MediaPath("legal/privacy.md")
		if got != c.want || local != c.local || inside != c.inside {
			t.Errorf("MediaPath(%q) = %q, %v, %v; want %q, %v, %v", c.url, got, local, inside, c.want, c.local, c.inside)
		}
	}
}

func TestRawHTMLIsBreak(t *testing.T) {
	for h, want := range map[string]bool{
		"<br>": true, "<BR>": true, "<br/>": true, "<br />": true, ` <br class="x"> `: true, "<br\n/>": true,
		"<bravo>": false, "<b>": false, "</br>": false, "<br": false, "text": false, "": false,
	} {
		if got := (&RawHTML{HTML: h}).IsBreak(); got != want {
			t.Errorf("%q: IsBreak %v, want %v", h, got, want)
		}
	}
}
