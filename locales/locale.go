package locales

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Locale is a supported locale: the tag that was asked for and the CLDR
// data that serves it. The zero Locale is English ("en").
type Locale struct {
	tag language.Tag
	str string
	idx int // index into cldrLocales plus one; 0 for the zero Locale
}

var enIndex = indexOf("en")

// Parse returns the locale for a BCP 47 tag such as "pt-BR". It accepts "_"
// for "-" and any letter case. The tag is served by the CLDR data for it or
// for its nearest CLDR ancestor (de-CH-1996 → de-CH, en-IN → en-IN, pt-BR → pt,
// zh-TW → zh-Hant, sr-ME → sr-Latn-ME); failing that, by the best match
// golang.org/x/text/language's Matcher finds with at least High confidence.
// Anything else is an error that names the closest supported locales.
func Parse(s string) (Locale, error) {
	norm := strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if norm == "" {
		return Locale{}, fmt.Errorf("empty locale; use a BCP 47 tag such as en, de or pt-BR")
	}
	tag, err := language.Parse(norm)
	if err != nil {
		return Locale{}, unknownLocale(s, norm)
	}
	i := lookup(tag)
	if i < 0 {
		i = match(tag)
	}
	if i < 0 {
		return Locale{}, unknownLocale(s, norm)
	}
	return Locale{tag: tag, str: tag.String(), idx: i + 1}, nil
}

// MustParse is Parse for tags known to be good; it panics on an error.
func MustParse(s string) Locale {
	l, err := Parse(s)
	if err != nil {
		panic("locales: " + err.Error())
	}
	return l
}

// lookup finds the CLDR data locale for t by CLDR's lookup: the tag itself,
// then its parents, with the likely script made explicit when it is not the
// language's default one (zh-TW is looked up as zh-Hant-TW). It returns -1
// when the chain reaches the root.
func lookup(t language.Tag) int {
	base, script, region := t.Raw()
	lang := base.String()
	if lang == "und" {
		return -1
	}
	// Exact first: this keeps variants CLDR has data for (ca-ES-valencia).
	if vs := t.Variants(); len(vs) > 0 {
		if exact, err := language.Compose(base, script, region, vs); err == nil {
			if i := indexOf(exact.String()); i >= 0 {
				return i
			}
		}
	}
	defScript, _ := language.Make(lang).Script()
	sc := script
	if sc == (language.Script{}) {
		if max, conf := t.Script(); conf != language.No && max != defScript {
			sc = max
		}
	}
	parts := []string{lang}
	if sc != (language.Script{}) {
		parts = append(parts, sc.String())
	}
	if region != (language.Region{}) {
		parts = append(parts, region.String())
	}
	nonDefault := sc != (language.Script{}) && sc != defScript
	for c := strings.Join(parts, "-"); c != ""; c = cldrParent(c) {
		if i := indexOf(c); i >= 0 {
			return i
		}
		// CLDR's nonlikelyScript rule: lang-Script with a script that is not
		// the language's likely one has the root as parent, not lang.
		if _, listed := cldrParents[c]; nonDefault && !listed && strings.Count(c, "-") == 1 {
			return -1
		}
	}
	return -1
}

var (
	matcherOnce sync.Once
	matcher     language.Matcher
	supported   []Locale
)

func initSupported() {
	matcherOnce.Do(func() {
		tags := make([]language.Tag, len(cldrLocales))
		supported = make([]Locale, len(cldrLocales))
		for i, r := range cldrLocales {
			tags[i] = language.MustParse(r.tag)
			supported[i] = Locale{tag: tags[i], str: tags[i].String(), idx: i + 1}
		}
		// The matcher's first tag is its default; make it English, which is
		// also what a match of confidence No returns.
		tags[0], tags[enIndex] = tags[enIndex], tags[0]
		matcher = language.NewMatcher(tags)
	})
}

// match asks x/text's Matcher for the best supported locale for t, for tags
// CLDR lookup cannot place (gsw → de). Matches below High confidence are
// refused.
func match(t language.Tag) int {
	initSupported()
	_, i, conf := matcher.Match(t)
	if conf < language.High {
		return -1
	}
	// Undo the swap made in initSupported.
	switch i {
	case 0:
		i = enIndex
	case enIndex:
		i = 0
	}
	return i
}

// Supported returns every supported locale, sorted by tag: the CLDR locales
// galley has data for. Other tags are accepted by Parse when they resolve to
// one of these.
func Supported() []Locale {
	initSupported()
	return slices.Clone(supported)
}

// unknownLocale is the error for a tag nothing serves, naming the closest
// supported locales: the language of the tag's region, then the languages
// whose code is nearest in spelling, widely used ones first.
func unknownLocale(orig, norm string) error {
	return fmt.Errorf("unknown locale %q; closest supported: %s", orig, strings.Join(closest(norm, 3), ", "))
}

// popular breaks ties between equally close suggestions.
var popular = []string{"en", "es", "fr", "de", "pt", "zh", "ja", "ar", "ru", "it", "nl", "pl", "tr", "ko", "hi", "id"}

func closest(norm string, n int) []string {
	subtags := strings.Split(strings.ToLower(norm), "-")
	lang := subtags[0]
	var out []string
	add := func(tag string) {
		if indexOf(tag) >= 0 && !slices.Contains(out, tag) && len(out) < n {
			out = append(out, tag)
		}
	}
	// The likely language of the region, if the tag names one.
	for _, st := range subtags[1:] {
		if len(st) == 2 || len(st) == 3 && st[0] >= '0' && st[0] <= '9' {
			if r, err := language.ParseRegion(st); err == nil {
				if t, err := language.Compose(r); err == nil {
					if b, conf := t.Base(); conf != language.No {
						add(b.String())
					}
				}
			}
			break
		}
	}
	// Languages by edit distance of their code.
	type cand struct {
		tag  string
		dist int
		rank int
	}
	var cands []cand
	for _, r := range cldrLocales {
		if strings.Contains(r.tag, "-") {
			continue
		}
		rank := slices.Index(popular, r.tag)
		if rank < 0 {
			rank = len(popular)
		}
		cands = append(cands, cand{r.tag, editDistance(lang, r.tag), rank})
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].rank < cands[j].rank
	})
	for _, c := range cands {
		add(c.tag)
	}
	return out
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func (l Locale) index() int {
	if l.idx == 0 {
		return enIndex
	}
	return l.idx - 1
}

func (l Locale) data() *localeData { return dataAt(l.index()) }

// String returns the canonical BCP 47 form of the tag that was asked for,
// such as "pt-BR" (not the "pt" whose data serves it; see CLDR).
func (l Locale) String() string {
	if l.idx == 0 {
		return "en"
	}
	return l.str
}

// Tag returns the tag that was asked for.
func (l Locale) Tag() language.Tag {
	if l.idx == 0 {
		return language.English
	}
	return l.tag
}

// CLDR returns the tag of the CLDR locale whose data serves l: "pt" for
// pt-BR, "zh-Hant" for zh-TW.
func (l Locale) CLDR() string { return cldrLocales[l.index()].tag }

// Direction returns the locale's character order, "ltr" or "rtl" (ar, he,
// fa, ur, ps, sd, ug, yi, dv, ckb, …).
func (l Locale) Direction() string { return l.data().order }

// Paper returns the CLDR paper size of the locale's region, "letter" (US,
// CA, MX, …) or "a4". A tag without a region uses its likely region: en →
// US → letter, de → DE → a4.
func (l Locale) Paper() string {
	r, conf := l.Tag().Region()
	if conf != language.No && letterRegions[r.String()] {
		return "letter"
	}
	return "a4"
}

// Quotes returns the locale's quotation marks (CLDR delimiters
// quotationStart and quotationEnd): “ ” in en, „ “ in de, « » in fr.
func (l Locale) Quotes() (open, close string) {
	q := l.data().quotes
	return q[0], q[1]
}

// LanguageName returns the name of the language of t in this locale's
// language ("Englisch" for en in de), or t's tag when x/text has no name
// for it.
func (l Locale) LanguageName(t language.Tag) string {
	if n := display.Languages(l.Tag()).Name(t); n != "" {
		return n
	}
	return t.String()
}
