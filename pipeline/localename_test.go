package pipeline

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestIsLocaleNameIsTheExpression compares the hand-written check with the
// expression it replaces, on file-name parts seen in docs trees and on
// random strings over the characters that matter.
func TestIsLocaleNameIsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`^[a-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?$`)
	inputs := []string{"", "d", "de", "kab", "abcd", "pt-BR", "pt_br", "zh_CN", "sr-Latn", "sr-Latn-ME", "sr_latn_me",
		"es-419", "es-41", "es-4190", "zh-Hant-TW", "zh-Hant-419", "zh-Hant-", "zh-", "De", "api", "dev", "index",
		"en-GB-oed", "en-@@", "en-[[", "en-``", "en-ÄB", "é", "de.md", "x-y", "ab-cdef-gh", "ab-cdef-123", "ab-cd3f"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abzAZ09-_@[`{é."
	for range 20000 {
		b := make([]byte, r.IntN(11))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		if got, want := isLocaleName(in), re.MatchString(in); got != want {
			t.Errorf("isLocaleName(%q) = %v, the expression says %v", in, got, want)
		}
	}
}

// TestSameLanguage checks the rule that marks a body shown in another
// locale as a fallback, asked twice (the second answer is the cached one).
func TestSameLanguage(t *testing.T) {
	for range 2 {
		for _, c := range []struct {
			have, want string
			same       bool
		}{
			{"pt", "pt-BR", true}, {"pt-BR", "pt-PT", true}, {"en", "en-GB", true}, {"de", "de", true},
			{"zh-Hans", "zh-TW", false}, {"en", "de", false}, {"sr-Latn", "sr-Cyrl", false}, {"nb", "no", true},
		} {
			if got := sameLanguage(c.have, c.want); got != c.same {
				t.Errorf("sameLanguage(%q, %q) = %v, want %v", c.have, c.want, got, c.same)
			}
		}
	}
}

// TestClosestLocale checks which translation serves a locale, asked twice.
func TestClosestLocale(t *testing.T) {
	have := []string{"es-ES", "pt", "zh-CN", "de"}
	for range 2 {
		for want, i := range map[string]int{"es": 0, "es-MX": 0, "pt-BR": 1, "zh-Hans": 2, "zh-TW": -1, "de-AT": 3, "ja": -1} {
			if got := closestLocale(have, want); got != i {
				t.Errorf("closestLocale(%q, %q) = %d, want %d", have, want, got, i)
			}
		}
	}
	if got := closestLocale(nil, "en"); got != -1 {
		t.Errorf("closestLocale(nil, en) = %d, want -1", got)
	}
}
