package yaml

import (
	"math"
	"strings"
	"testing"
)

// upstreamResolveTables builds the tables of upstream's resolve.go init
// functions, which resolveHint, resolveKnown, shortTag and longTag replace.
func upstreamResolveTables() (table []byte, m map[string]resolveMapItem, longTags, shortTags map[string]string) {
	table = make([]byte, 256)
	table[int('+')] = 'S'
	table[int('-')] = 'S'
	for _, c := range "0123456789" {
		table[int(c)] = 'D'
	}
	for _, c := range "yYnNtTfFoO~" {
		table[int(c)] = 'M'
	}
	table[int('<')] = 'M'
	table[int('.')] = '.'
	m = map[string]resolveMapItem{}
	for _, item := range []struct {
		v   interface{}
		tag string
		l   []string
	}{
		{true, boolTag, []string{"true", "True", "TRUE"}},
		{false, boolTag, []string{"false", "False", "FALSE"}},
		{nil, nullTag, []string{"", "~", "null", "Null", "NULL"}},
		{math.NaN(), floatTag, []string{".nan", ".NaN", ".NAN"}},
		{math.Inf(+1), floatTag, []string{".inf", ".Inf", ".INF"}},
		{math.Inf(+1), floatTag, []string{"+.inf", "+.Inf", "+.INF"}},
		{math.Inf(-1), floatTag, []string{"-.inf", "-.Inf", "-.INF"}},
		{"<<", mergeTag, []string{"<<"}},
	} {
		for _, s := range item.l {
			m[s] = resolveMapItem{item.v, item.tag}
		}
	}
	longTags, shortTags = map[string]string{}, map[string]string{}
	for _, stag := range []string{nullTag, boolTag, strTag, intTag, floatTag, timestampTag, seqTag, mapTag, binaryTag, mergeTag} {
		ltag := longTagPrefix + stag[2:]
		longTags[stag] = ltag
		shortTags[ltag] = stag
	}
	return table, m, longTags, shortTags
}

func sameItem(a, b resolveMapItem) bool {
	if a.tag != b.tag {
		return false
	}
	if fa, ok := a.value.(float64); ok {
		fb, ok := b.value.(float64)
		return ok && (fa == fb || math.IsNaN(fa) && math.IsNaN(fb))
	}
	return a.value == b.value
}

func TestResolveTablesMatchUpstream(t *testing.T) {
	table, m, longTags, shortTags := upstreamResolveTables()
	for c := range 256 {
		if got := resolveHint(byte(c)); got != table[c] {
			t.Errorf("resolveHint(%q) = %q, upstream %q", byte(c), got, table[c])
		}
	}
	inputs := []string{"yes", "no", "on", "off", "True ", "nul", "NaN", ".Nan", "inf", "+inf", "-.Inf", "<", "<<<", "0", "1.5", "~~", " "}
	for k := range m {
		inputs = append(inputs, k)
	}
	for _, in := range inputs {
		want, wantOK := m[in]
		got, ok := resolveKnown(in)
		if ok != wantOK || ok && !sameItem(got, want) {
			t.Errorf("resolveKnown(%q) = %v, %v; upstream %v, %v", in, got, ok, want, wantOK)
		}
	}
	upShort := func(tag string) string {
		if strings.HasPrefix(tag, longTagPrefix) {
			if s, ok := shortTags[tag]; ok {
				return s
			}
			return "!!" + tag[len(longTagPrefix):]
		}
		return tag
	}
	upLong := func(tag string) string {
		if strings.HasPrefix(tag, "!!") {
			if l, ok := longTags[tag]; ok {
				return l
			}
			return longTagPrefix + tag[2:]
		}
		return tag
	}
	tags := []string{"", "!", "!!", "!!foo", "!local", longTagPrefix, longTagPrefix + "foo", "tag:yaml.org,2002"}
	for s, l := range longTags {
		tags = append(tags, s, l)
	}
	for _, tag := range tags {
		if got, want := shortTag(tag), upShort(tag); got != want {
			t.Errorf("shortTag(%q) = %q, upstream %q", tag, got, want)
		}
		if got, want := longTag(tag), upLong(tag); got != want {
			t.Errorf("longTag(%q) = %q, upstream %q", tag, got, want)
		}
	}
}
