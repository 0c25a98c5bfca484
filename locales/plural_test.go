package locales

import (
	"strconv"
	"strings"
	"testing"
)

// TestPluralSamples checks every CLDR plural rule set against the samples
// CLDR gives for each category (@integer 1, 21~24, … @decimal 0.1, 1c6):
// each sample must fall in its own category.
func TestPluralSamples(t *testing.T) {
	checked := 0
	for i, set := range pluralRuleSets {
		r, err := compilePluralRules(set)
		if err != nil {
			t.Errorf("set %d: %v", i, err)
			continue
		}
		for _, part := range strings.Split(set, "; ") {
			cat, rule, _ := strings.Cut(part, ": ")
			_, samples, _ := strings.Cut(rule, "@")
			for _, s := range expandSamples(t, samples) {
				if got := r.category(s.op); got != cat {
					t.Errorf("set %d (%s): %s is %q, want %q", i, languagesOf(i), s.text, got, cat)
				}
				checked++
			}
		}
	}
	if checked < 2000 {
		t.Errorf("only %d samples checked", checked)
	}
}

func languagesOf(set int) string {
	var out []string
	for _, l := range pluralLanguages {
		if int(l.set) == set {
			out = append(out, l.tag)
		}
	}
	return strings.Join(out, " ")
}

type sample struct {
	text string
	op   operands
}

// expandSamples reads "integer 0, 2~16, 100, … @decimal 0.0~1.5, 1c6".
func expandSamples(t *testing.T, s string) []sample {
	var out []sample
	for _, group := range strings.Split(s, "@") {
		_, list, _ := strings.Cut(strings.TrimSpace(group), " ")
		for _, item := range strings.Split(list, ",") {
			item = strings.TrimSpace(item)
			if item == "" || item == "…" {
				continue
			}
			lo, hi, isRange := strings.Cut(item, "~")
			if !isRange {
				out = append(out, sample{item, sampleOperands(t, item)})
				continue
			}
			// A range steps by the last digit of its bounds: 0.0~1.5 by 0.1.
			dec := 0
			if _, frac, ok := strings.Cut(lo, "."); ok {
				dec = len(frac)
			}
			scale := 1.0
			for range dec {
				scale *= 10
			}
			a, _ := strconv.ParseFloat(lo, 64)
			b, _ := strconv.ParseFloat(hi, 64)
			for x := int64(a*scale + 0.5); x <= int64(b*scale+0.5); x++ {
				txt := strconv.FormatFloat(float64(x)/scale, 'f', dec, 64)
				out = append(out, sample{txt, sampleOperands(t, txt)})
			}
		}
	}
	return out
}

// sampleOperands reads a sample, also in CLDR's compact form 1.2c6.
func sampleOperands(t *testing.T, s string) operands {
	mant, exp, compact := strings.Cut(s, "c")
	if !compact {
		mant, exp, compact = strings.Cut(s, "e")
	}
	if !compact {
		op, err := parseOperands(s)
		if err != nil {
			t.Fatal(err)
		}
		return op
	}
	e, _ := strconv.Atoi(exp)
	// Shift the decimal point e places: 1.2c6 is 1200000 with e = 6.
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	shift := len(intPart) + e
	for len(digits) < shift {
		digits += "0"
	}
	num := digits[:shift]
	if shift < len(digits) {
		num += "." + digits[shift:]
	}
	op, err := parseOperands(num)
	if err != nil {
		t.Fatal(err)
	}
	op.e = int64(e)
	return op
}

func TestPluralCategory(t *testing.T) {
	for _, c := range []struct {
		tag  string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 2, "other"},
		{"mk", 1, "one"}, {"mk", 21, "one"}, {"mk", 11, "other"}, // x/text's older rules: 11 is "one"
		{"mk", 111, "other"}, {"mk", 2, "other"},
		{"pl", 3, "few"}, {"pl", 5, "many"}, {"pl", 22, "few"}, {"pl", 12, "many"},
		{"ru", 21, "one"}, {"ru", 11, "many"},
		{"ar", 0, "zero"}, {"ar", 2, "two"}, {"ar", 103, "few"}, {"ar", 111, "many"},
		{"fr", 0, "one"}, {"fr", 1000000, "many"},
		{"pt", 0, "one"}, {"pt-PT", 0, "other"}, {"pt-AO", 0, "one"}, // plural rules inherit by truncation: pt-AO has pt's
		{"sr-Latn", 1, "one"}, {"sr-Latn", 11, "other"}, {"uz-Cyrl", 1, "one"},
		{"ja", 1, "other"}, {"cnh", 1, "other"}, // the root: everything is other
		{"kab", 0, "one"}, {"kab", 2, "other"},
		{"dv", 1, "one"}, {"sah", 1, "other"},
		{"sl", 102, "two"}, {"lt", 11, "other"},
	} {
		if got := MustParse(c.tag).PluralCategory(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.tag, c.n, got, c.want)
		}
	}
	for _, c := range []struct{ tag, n, want string }{
		{"en", "1", "one"}, {"en", "1.0", "other"}, {"mk", "0.1", "one"}, {"mk", "1.11", "other"},
		{"fr", "1.5", "one"}, {"cs", "1.5", "many"},
	} {
		got, err := MustParse(c.tag).PluralCategoryDecimal(c.n)
		if err != nil || got != c.want {
			t.Errorf("%s %s: %q, %v, want %q", c.tag, c.n, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "1,5", "x", "1.2.3", "-"} {
		if _, err := MustParse("en").PluralCategoryDecimal(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
