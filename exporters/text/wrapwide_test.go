package text

import (
	"strings"
	"testing"
)

// TestWrapKeepsMarkerWithWideText: a link's reference marker, glued to its
// text, stays with it in Japanese and Chinese too; the marker began the
// next line behind a stray space (" [3]、包括的 …").
func TestWrapKeepsMarkerWithWideText(t *testing.T) {
	s := "および「新しいタブ」" + string(glue) + "[1]、パスワードマネージャー" + string(glue) + "[3]、包括的 Cookie 保護" + string(glue) + "[4]といったデフォルト機能"
	for w := 8; w <= 40; w++ {
		lines := wrap(s, w)
		for i, l := range lines {
			if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "[") {
				t.Errorf("width %d, line %d starts with %q: %q", w, i+1, l[:1], lines)
			}
		}
		if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(strings.ReplaceAll(s, string(glue), ""), " ", "") {
			t.Errorf("width %d: text changed: %q", w, lines)
		}
	}
}
