package markdown

import (
	"regexp"
	"testing"
)

// TestWordMatchersAreTheExpressions checks the hand-written attribute
// matchers against the expressions they replace.
func TestWordMatchersAreTheExpressions(t *testing.T) {
	cases := []struct {
		m  wordMatcher
		re *regexp.Regexp
	}{
		{attrName, regexp.MustCompile(`^[\w:.-]+$`)},
		{attrClass, regexp.MustCompile(`^[\w-]+$`)},
		{attrKey, regexp.MustCompile(`^[\w:-]+$`)},
	}
	inputs := []string{"", "a", "Z9_", "a-b", "a:b", "a.b", "a b", "é", "a\n", "\n", "-", ":", ".", "x.y:z-w_1",
		"a\xff", "ß-x", "tab\t", "a/b", "{a}", "a=b", "日本", "a\x00"}
	for _, c := range cases {
		for _, in := range inputs {
			if got, want := c.m.MatchString(in), c.re.MatchString(in); got != want {
				t.Errorf("%s on %q: %v, the expression says %v", c.re, in, got, want)
			}
		}
	}
}
