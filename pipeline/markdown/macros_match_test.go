package markdown

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestFindMacrosIsTheExpression compares findMacros with the expression it
// replaces, on texts made of macro names, braces, spaces and other words.
func TestFindMacrosIsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`\{\{\s*(git_revision_date_localized|git_creation_date_localized|git_site_revision_date_localized|git_revision_date_localized_raw_[a-z_]+|git_creation_date_localized_raw_[a-z_]+)\s*\}\}`)
	tokens := []string{"{{", "}}", "{", "}", " ", "\t", "\n", "\v", "x", "_", "Z", "é",
		"git_revision_date_localized", "git_creation_date_localized", "git_site_revision_date_localized",
		"git_revision_date_localized_raw_", "git_creation_date_localized_raw_", "iso_date", "git_revision_date"}
	texts := []string{"", "{{git_revision_date_localized}}", "Last updated **{{ git_revision_date_localized }}**",
		"{{{ git_creation_date_localized }}}", "{{git_revision_date_localized_raw_}}", "{{git_revision_date_localized_raw_iso_datetime}}",
		"{{ git_revision_date_localizedx }}", "{{git_site_revision_date_localized}}{{git_creation_date_localized}}"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 30000 {
		var b strings.Builder
		for range r.IntN(9) {
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		got, want := findMacros(s), re.FindAllStringSubmatchIndex(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("findMacros(%q) = %v, the expression finds %v", s, got, want)
		}
	}
}
