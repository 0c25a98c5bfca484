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
