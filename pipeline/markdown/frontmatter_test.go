package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestFrontMatterDuplicateKeys: a repeated key is reported at the file's
// lines (YAML counts from the line after ---), once per repetition,
// against its first definition.
func TestFrontMatterDuplicateKeys(t *testing.T) {
	_, err := decodeFrontMatter([]byte("title: a\nlocale: de\ntitle: b\ntitle: c\n"))
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want a SyntaxError", err)
	}
	if se.Line != 4 {
		t.Errorf("line %d, want 4 (the second title)", se.Line)
	}
	for _, want := range []string{`line 4: mapping key "title" already defined at line 2`, `line 5: mapping key "title" already defined at line 2`} {
		if !strings.Contains(se.Msg, want) {
			t.Errorf("%q lacks %q", se.Msg, want)
		}
	}
	if n := strings.Count(se.Msg, "already defined"); n != 2 {
		t.Errorf("%d duplicate reports, want 2: %s", n, se.Msg)
	}
}

// BenchmarkFrontMatterManyKeys decodes front matter of 40,000 keys: the
// duplicate-key check compared every key with every later one (11 s).
func BenchmarkFrontMatterManyKeys(b *testing.B) {
	var sb strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&sb, "k%d: v\n", i)
	}
	raw := []byte(sb.String())
	for b.Loop() {
		if _, err := decodeFrontMatter(raw); err != nil {
			b.Fatal(err)
		}
	}
}
