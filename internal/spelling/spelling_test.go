package spelling

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"strict", "strict", 0}, {"stirct", "strict", 2},
		{"kitten", "sitting", 3}, {"git_revision_date_localised", "git_revision_date_localized", 1},
	} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
		if got := Distance(c.b, c.a); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.b, c.a, got, c.d)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"strict", "locale", "locales", "output"}
	for s, want := range map[string]string{"stirct": "strict", "locale": "locale", "locals": "locale", "outptu": "output", "paper": "", "": ""} {
		if got := Nearest(s, names, 2); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", s, got, want)
		}
	}
}
