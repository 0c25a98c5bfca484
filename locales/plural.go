package locales

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Plural categories, as CLDR names them.
const (
	PluralZero  = "zero"
	PluralOne   = "one"
	PluralTwo   = "two"
	PluralFew   = "few"
	PluralMany  = "many"
	PluralOther = "other"
)

// PluralCategory returns the CLDR 48 cardinal plural category of the
// integer n in l's language: "one" for 1 in en, "other" for 11 in mk (where
// x/text's older rules say "one"), "few" for 3 in pl. The rules are those
// of l's CLDR locale or its language (see pluralRulesFor), else the
// root's (every number "other").
func (l Locale) PluralCategory(n int) string {
	return l.pluralRules().category(intOperands(int64(n)))
}

func (l Locale) pluralRules() *pluralRules {
	if l.plural == 0 {
		return pluralRulesFor("en")
	}
	return compiledPluralRules(int(l.plural) - 1)
}

// PluralCategoryDecimal is PluralCategory for a decimal number written in
// ASCII digits with "." as decimal separator, such as "1.50", whose
// visible fraction digits count (1.0 is "other" in en). It returns an
// error for anything else.
func (l Locale) PluralCategoryDecimal(s string) (string, error) {
	op, err := parseOperands(s)
	if err != nil {
		return "", err
	}
	return l.pluralRules().category(op), nil
}

// pluralTag is the tag whose plural rules apply to l: its CLDR locale, or,
// where the root serves it, its own tag (a language CLDR has plural rules
// for but no dates would be rare, but costs nothing to honour).
func (l Locale) pluralTag() string {
	if l.match == MatchRoot && l.str != "" {
		return l.str
	}
	return l.CLDR()
}

// operands are CLDR's plural operands of a number.
type operands struct {
	n    float64 // absolute value
	i    int64   // integer digits
	v, w int64   // visible fraction digits, with and without trailing zeros
	f, t int64   // visible fraction digits as an integer, with and without trailing zeros
	e    int64   // compact decimal exponent (c, e); galley passes none
}

func intOperands(n int64) operands {
	if n < 0 {
		n = -n
	}
	return operands{n: float64(n), i: n}
}

func parseOperands(s string) (operands, error) {
	num := strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(num, ".")
	bad := intPart == "" || len(intPart) > 18 || len(frac) > 18
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			bad = true
		}
	}
	if bad {
		return operands{}, fmt.Errorf("plural operands: %q is not a decimal number such as 3 or 1.50", s)
	}
	var op operands
	op.i, _ = strconv.ParseInt(intPart, 10, 64)
	op.n, _ = strconv.ParseFloat(num, 64)
	op.v = int64(len(frac))
	if frac != "" {
		op.f, _ = strconv.ParseInt(frac, 10, 64)
	}
	trimmed := strings.TrimRight(frac, "0")
	op.w = int64(len(trimmed))
	if trimmed != "" {
		op.t, _ = strconv.ParseInt(trimmed, 10, 64)
	}
	return op, nil
}

// pluralRules is one compiled set of CLDR plural rules.
type pluralRules struct {
	cats  []string       // categories in order, "other" last
	conds [][][]relation // per category (other excluded): or of ands
}

type relation struct {
	operand byte // n i v w f t c e
	mod     int64
	not     bool
	ranges  [][2]int64
}

var (
	pluralOnce  [len(pluralRuleSets)]sync.Once
	pluralCache [len(pluralRuleSets)]*pluralRules
)

// pluralRulesFor returns the rules for a CLDR tag: its own, else those of
// the tag shortened subtag by subtag (sr-Latn-BA → sr-Latn → sr, pt-AO → pt:
// CLDR 48's parentLocales has no entries for plurals, so they inherit by
// truncation alone), else the root's.
func pluralRulesFor(tag string) *pluralRules {
	return compiledPluralRules(pluralSetFor(tag))
}

// pluralSetFor returns the index in pluralRuleSets of the rules for tag.
func pluralSetFor(tag string) int {
	set := -1
	for c := tag; c != "" && set < 0; {
		set = pluralSetOf(c)
		i := strings.LastIndexByte(c, '-')
		if i < 0 {
			break
		}
		c = c[:i]
	}
	if set < 0 {
		set = pluralSetOf("und")
	}
	return set
}

func compiledPluralRules(set int) *pluralRules {
	pluralOnce[set].Do(func() {
		r, err := compilePluralRules(pluralRuleSets[set])
		if err != nil {
			panic("locales: generated plural rules: " + err.Error()) // the tests parse every set
		}
		pluralCache[set] = r
	})
	return pluralCache[set]
}

func pluralSetOf(tag string) int {
	i := sort.Search(len(pluralLanguages), func(i int) bool { return pluralLanguages[i].tag >= tag })
	if i < len(pluralLanguages) && pluralLanguages[i].tag == tag {
		return int(pluralLanguages[i].set)
	}
	return -1
}

// compilePluralRules parses "one: i = 1 and v = 0 @integer 1; other: …".
func compilePluralRules(src string) (*pluralRules, error) {
	r := &pluralRules{}
	for _, part := range strings.Split(src, "; ") {
		cat, rule, ok := strings.Cut(part, ": ")
		if !ok {
			cat, rule = strings.TrimSuffix(part, ":"), ""
		}
		cond, _, _ := strings.Cut(rule, "@")
		r.cats = append(r.cats, cat)
		if cat == PluralOther {
			break
		}
		ors, err := parseCondition(strings.TrimSpace(cond))
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", cat, cond, err)
		}
		r.conds = append(r.conds, ors)
	}
	if len(r.cats) == 0 || r.cats[len(r.cats)-1] != PluralOther {
		return nil, fmt.Errorf("rules %q do not end in other", src)
	}
	return r, nil
}

func parseCondition(s string) ([][]relation, error) {
	var ors [][]relation
	for _, and := range strings.Split(s, " or ") {
		var rels []relation
		for _, rel := range strings.Split(and, " and ") {
			r, err := parseRelation(strings.TrimSpace(rel))
			if err != nil {
				return nil, err
			}
			rels = append(rels, r)
		}
		ors = append(ors, rels)
	}
	return ors, nil
}

// parseRelation reads "n % 10 = 2..4,9" or "v != 0".
func parseRelation(s string) (relation, error) {
	var r relation
	lhs, rhs, ok := strings.Cut(s, "!=")
	if ok {
		r.not = true
	} else if lhs, rhs, ok = strings.Cut(s, "="); !ok {
		return r, fmt.Errorf("relation %q has no = or !=", s)
	}
	lhs = strings.TrimSpace(lhs)
	op, mod, hasMod := strings.Cut(lhs, "%")
	op = strings.TrimSpace(op)
	if len(op) != 1 || !strings.Contains("nivwftce", op) {
		return r, fmt.Errorf("unknown operand %q", op)
	}
	r.operand = op[0]
	if hasMod {
		m, err := strconv.ParseInt(strings.TrimSpace(mod), 10, 64)
		if err != nil || m <= 0 {
			return r, fmt.Errorf("bad modulus in %q", s)
		}
		r.mod = m
	}
	for _, rg := range strings.Split(strings.TrimSpace(rhs), ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(rg), "..")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return r, fmt.Errorf("bad value in %q", s)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil {
				return r, fmt.Errorf("bad range in %q", s)
			}
		}
		r.ranges = append(r.ranges, [2]int64{a, b})
	}
	return r, nil
}

func (r *pluralRules) category(op operands) string {
	for i, ors := range r.conds {
		for _, ands := range ors {
			if allHold(ands, op) {
				return r.cats[i]
			}
		}
	}
	return PluralOther
}

func allHold(rels []relation, op operands) bool {
	for _, rel := range rels {
		if !rel.holds(op) {
			return false
		}
	}
	return true
}

func (rel relation) holds(op operands) bool {
	var x float64
	switch rel.operand {
	case 'n':
		x = op.n
	case 'i':
		x = float64(op.i)
	case 'v':
		x = float64(op.v)
	case 'w':
		x = float64(op.w)
	case 'f':
		x = float64(op.f)
	case 't':
		x = float64(op.t)
	case 'c', 'e':
		x = float64(op.e)
	}
	if rel.mod > 0 {
		x = math.Mod(x, float64(rel.mod))
	}
	in := false
	for _, rg := range rel.ranges {
		// A value in a range must be an integer (n = 1..3 does not hold for
		// 1.5), as CLDR's spec says.
		if x == math.Trunc(x) && float64(rg[0]) <= x && x <= float64(rg[1]) {
			in = true
			break
		}
	}
	return in != rel.not
}
