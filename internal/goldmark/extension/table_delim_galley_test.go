package extension

import (
	"math/rand/v2"
	"regexp"
	"testing"

	ast "github.com/galleydoc/galley/internal/goldmark/extension/ast"
)

// tableDelimByRegexp classifies a cell with the expressions tableDelimAlign
// replaces (galley: see GALLEY.md), in the order upstream tried them.
func tableDelimByRegexp(col []byte) (ast.Alignment, bool) {
	for _, e := range []struct {
		pattern string
		align   ast.Alignment
	}{
		{tableDelimLeftPattern, ast.AlignLeft},
		{tableDelimRightPattern, ast.AlignRight},
		{tableDelimCenterPattern, ast.AlignCenter},
		{tableDelimNonePattern, ast.AlignNone},
	} {
		if regexp.MustCompile(e.pattern).Match(col) {
			return e.align, true
		}
	}
	return ast.AlignNone, false
}

func checkTableDelim(t *testing.T, s string) {
	t.Helper()
	ga, gok := tableDelimAlign([]byte(s))
	wa, wok := tableDelimByRegexp([]byte(s))
	if ga != wa || gok != wok {
		t.Fatalf("tableDelimAlign(%q) = %v, %v; the expressions give %v, %v", s, ga, gok, wa, wok)
	}
}

func TestTableDelimAlignSameAsRegexp(t *testing.T) {
	for _, s := range []string{
		"", " ", ":", "::", "-", "--", ":-", "-:", ":-:", " :--: ", "\t---\n", "\v---", "---\v",
		": -", "- :", "-- -", ":--", "---:", ":-:-", "-:-", "x", " -x", "\r\n:-\f", "：-", "—",
	} {
		checkTableDelim(t, s)
	}
	alphabet := []byte(" \t\n\v\f\r:-x|")
	rng := rand.New(rand.NewPCG(20, 2))
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		checkTableDelim(t, string(b))
	}
}

func FuzzTableDelimAlign(f *testing.F) {
	for _, s := range []string{":--", "--:", ":-:", " --- ", "- -"} {
		f.Add(s)
	}
	f.Fuzz(checkTableDelim)
}
