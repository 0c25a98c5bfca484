package pdf

import (
	"testing"
	"time"

	"github.com/galleydoc/galley/fonts"
	"github.com/galleydoc/galley/locales"
)

// TestEveryLocaleHasGlyphs writes a date of every month (each width, with
// the time) in every supported locale and checks that the embedded faces
// have a glyph for every character, in the regular and the bold chain: a
// PDF in any CLDR locale shows its dates in full, whatever its script
// (Syriac, N'Ko, Vai, Yi, Mongolian, Canadian syllabics, Chakma, Meetei
// Mayek, Osage, Deseret, Shavian and Nyiakeng Puachue Hmong were left out
// before their faces were added).
func TestEveryLocaleHasGlyphs(t *testing.T) {
	missing := map[rune][]string{}
	for _, l := range locales.Supported() {
		seen := map[rune]bool{}
		for m := time.January; m <= time.December; m++ {
			at := time.Date(2026, m, 2+int(m), 15, 4, 5, 0, time.UTC)
			for w := locales.Full; w <= locales.Short; w++ {
				for _, r := range l.FormatDate(at, w) + l.FormatDateTime(at, w) {
					seen[r] = true
				}
			}
		}
		for r := range seen {
			if isSpace(r) || isIgnorable(r) || nonBreakingSpace(r) {
				continue
			}
			for _, chain := range []fonts.Chain{fonts.Sans(fonts.Regular), fonts.Sans(fonts.Bold)} {
				if chain.Face(r) == nil {
					if len(missing[r]) < 3 {
						missing[r] = append(missing[r], l.String())
					}
					break
				}
			}
		}
	}
	for r, ls := range missing {
		t.Errorf("no embedded face has %U %q, which dates in %v use", r, r, ls)
	}
}
