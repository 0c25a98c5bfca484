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

func TestImageLocalPath(t *testing.T) {
	for _, c := range []struct {
		url, want string
		ok        bool
	}{
		{"logo.png", "logo.png", true},
		{"../assets/a%20b.png?v=2#x", "../assets/a b.png", true},
		{"/site/logo.png", "", false},
		{"//cdn.example.org/logo.png", "", false},
		{"https://example.org/logo.png", "", false},
		{"data:image/png;base64,AAAA", "", false},
		{"", "", false},
	} {
		got, ok := (&Image{URL: c.url}).LocalPath()
		if got != c.want || ok != c.ok {
			t.Errorf("LocalPath(%q) = %q, %v; want %q, %v", c.url, got, ok, c.want, c.ok)
		}
	}
}
