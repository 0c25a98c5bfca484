package util

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// emailDomainRegexp is the expression emailDomainLen replaces (galley: see
// GALLEY.md); the tests below compare the two.
var emailDomainRegexp = regexp.MustCompile(emailDomainPattern)

func emailDomainLenByRegexp(b []byte) int {
	m := emailDomainRegexp.FindSubmatchIndex(b)
	if m == nil {
		return -1
	}
	return m[1]
}

func checkEmailDomain(t *testing.T, s string) {
	t.Helper()
	if got, want := emailDomainLen([]byte(s)), emailDomainLenByRegexp([]byte(s)); got != want {
		t.Fatalf("emailDomainLen(%q) = %d, the expression matches %d bytes", s, got, want)
	}
}

func TestEmailDomainLenSameAsRegexp(t *testing.T) {
	label := func(n int, c byte) string { return strings.Repeat(string(c), n) }
	for _, s := range []string{
		"", "a", "-", ".", "a.", ".a", "a.b", "a..b", "a.-b", "a-.b", "a-b", "a--b-", "-a",
		"example.com", "example.com.", "mail.example.co.uk>", "ex_ample.com", "a.b.c.d.e",
		"xn--bcher-kva.example", "1.2.3.4", "a.b-", "é.com", "a.é", "a@b.c",
		label(62, 'a'), label(63, 'a'), label(64, 'a'), label(70, 'a'),
		"a" + label(61, '-') + "b", "a" + label(62, '-') + "b", "a" + label(61, '-') + "b.c",
		label(63, 'a') + ".b", label(64, 'a') + ".b", "a" + label(60, '-') + "bc.d",
		strings.Repeat("ab.", 100), strings.Repeat(label(63, 'x')+".", 5),
	} {
		checkEmailDomain(t, s)
	}
	alphabet := []byte("aZ09-._@é ")
	rng := rand.New(rand.NewPCG(20, 1))
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.IntN(150))
		for i := range b {
			// Mostly letters, so that long labels occur.
			if rng.IntN(4) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = 'a' + byte(rng.IntN(3))
			}
		}
		checkEmailDomain(t, string(b))
	}
}

// FindEmailIndex as a whole, with the expression and with the matcher.
func TestFindEmailIndexSameAsRegexp(t *testing.T) {
	byRegexp := func(b []byte) int {
		i := 0
		for lim := min(len(b), 64); i < lim && emailTable[b[i]]&1 == 1; i++ {
		}
		if i == 0 || i >= len(b) || b[i] != '@' {
			return -1
		}
		i++
		if i >= len(b) {
			return -1
		}
		n := emailDomainLenByRegexp(b[i:min(len(b), i+256)])
		if n < 0 || n > 255 {
			return -1
		}
		return i + n
	}
	for _, s := range []string{"foo@bar.example.com", "foo@", "@a", "a@-", "a@a-", "a.b+c@d.e>", "x@" + strings.Repeat("abc.", 80)} {
		if got, want := FindEmailIndex([]byte(s)), byRegexp([]byte(s)); got != want {
			t.Errorf("FindEmailIndex(%q) = %d, with the expression %d", s, got, want)
		}
	}
}

func FuzzEmailDomainLen(f *testing.F) {
	for _, s := range []string{"example.com", "a-b.c-", "a" + strings.Repeat("-", 61) + "b.c", strings.Repeat("a", 70)} {
		f.Add(s)
	}
	f.Fuzz(checkEmailDomain)
}
