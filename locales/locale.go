package locales

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"

	"github.com/galleydoc/galley/internal/spelling"
)

// Locale is a locale: the tag that was asked for and the CLDR data that
// serves it. The zero Locale is English ("en").
type Locale struct {
	tag    language.Tag
	str    string
	idx    int // index into cldrTags plus one; 0 for the zero Locale
	match  Match
	script string // see Script; "" for the zero Locale
	plural int16  // index into pluralRuleSets plus one; 0 for the zero Locale
}

// Match says how a tag found its CLDR data.
type Match uint8

// The ways a tag finds its CLDR data; every one but MatchCLDR is a
// fallback (Locale.Fallback), which galley reports.
const (
	// MatchCLDR: CLDR has a locale for the tag or for an ancestor of it in
	// the same language (pt-BR → pt, de-QQ → de, zh-TW → zh-Hant).
	MatchCLDR Match = iota
	// MatchLanguage: CLDR has no data for the tag's language, and
	// golang.org/x/text/language's Matcher found a close one with High
	// confidence.
	MatchLanguage
	// MatchRoot: nothing close; CLDR's root locale (und) serves the tag,
	// with its neutral patterns ("2025 M12 16").
	MatchRoot
	// MatchRegion: CLDR has no data for the tag's language and the Matcher
	// found nothing close, but the main language of the tag's (likely)
	// region is written in the same script: its data serves the tag (arz,
	// Egyptian Arabic → ar-EG; ary → ar-MA).
	MatchRegion
)

var (
	// enIndex is the index of en, found on first use.
	enIndex = sync.OnceValue(func() int { return indexOf("en") })
	// parsed caches Parse's answers, which take a few microseconds to find
	// (up to parsedMax of them; more are found again each time).
	parsed     sync.Map // normalized string → Locale
	parsedSize atomic.Int32
)

const parsedMax = 4096

// Parse returns the locale for a BCP 47 tag such as "pt-BR". It accepts "_"
// for "-" and any letter case, and every well-formed tag: CLDR's data for
// the tag or its nearest CLDR ancestor serves it (de-CH-1996 → de-CH,
// en-IN → en-IN, pt-BR → pt, zh-TW → zh-Hant, sr-ME → sr-Latn-ME, a made-up
// region such as de-QQ → de); failing that, the best match
// golang.org/x/text/language's Matcher finds with at least High confidence;
// failing that, CLDR's root data. The last two are fallbacks: Fallback
// reports them and FallbackNote says which data was chosen, so callers can
// warn (or refuse under --strict). Only a string that is not a BCP 47 tag
// at all is an error.
func Parse(s string) (Locale, error) {
	norm := strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if l, ok := parsed.Load(norm); ok {
		return l.(Locale), nil
	}
	l, err := parse(s, norm)
	if err == nil && parsedSize.Add(1) <= parsedMax {
		parsed.Store(norm, l)
	}
	return l, err
}

// Lookup returns the locale for a BCP 47 tag, as Parse does, when CLDR
// has a locale for the tag or for an ancestor of it in the same language
// (MatchCLDR), and false otherwise: a string that is not a tag, or a tag
// only a fallback would serve. It never builds x/text's Matcher (which
// takes milliseconds), so it suits guessing whether a name such as "faq"
// or "de" is a locale.
func Lookup(s string) (Locale, bool) {
	norm := strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if l, ok := parsed.Load(norm); ok {
		l := l.(Locale)
		return l, !l.Fallback()
	}
	tag, str, err := parseTag(s, norm)
	if err != nil {
		return Locale{}, false
	}
	i := lookup(tag)
	if i < 0 {
		return Locale{}, false
	}
	l := newLocale(tag, str, i, MatchCLDR)
	if parsedSize.Add(1) <= parsedMax {
		parsed.Store(norm, l)
	}
	return l, true
}

// parse is Parse without the cache.
func parse(s, norm string) (Locale, error) {
	tag, str, err := parseTag(s, norm)
	if err != nil {
		return Locale{}, err
	}
	if i := lookup(tag); i >= 0 {
		return newLocale(tag, str, i, MatchCLDR), nil
	}
	if i := match(tag); i >= 0 {
		return newLocale(tag, str, i, MatchLanguage), nil
	}
	l := newLocale(tag, str, rootIndex(), MatchRoot)
	if i := matchRegion(tag, l.Script()); i >= 0 {
		l = newLocale(tag, str, i, MatchRegion)
	}
	return l, nil
}

// parseTag parses a normalized tag (norm, from s as given), returning it
// and its string. A well-formed tag x/text refuses is language.Und with
// the tag's own string.
func parseTag(s, norm string) (language.Tag, string, error) {
	if norm == "" {
		return language.Und, "", fmt.Errorf("empty locale; use a BCP 47 tag such as en, de or pt-BR")
	}
	tag, err := language.Parse(norm)
	if err != nil {
		// x/text refuses well-formed tags whose subtags its (older) registry
		// lacks; they are valid BCP 47 and fall back to the root.
		var ve interface{ Subtag() string }
		if !errors.As(err, &ve) || !wellFormed(norm) {
			return language.Und, "", fmt.Errorf("%q is not a BCP 47 language tag (such as en, de or pt-BR): %v", s, err)
		}
		return language.Und, canonicalCase(norm), nil
	}
	return tag, tag.String(), nil
}

// newLocale is the locale for tag (written str) served by the CLDR locale
// of index i, found by m.
func newLocale(tag language.Tag, str string, i int, m Match) Locale {
	l := Locale{tag: tag, str: str, idx: i + 1, match: m}
	l.script = l.findScript()
	l.plural = int16(pluralSetFor(l.pluralTag())) + 1
	return l
}

// wellFormed reports whether s has the shape of a BCP 47 tag: subtags of 1
// to 8 letters or digits separated by hyphens, the first 2 to 8 letters (or
// "x" or "i" for a private-use or grandfathered tag).
func wellFormed(s string) bool {
	for i, st := range strings.Split(s, "-") {
		if len(st) == 0 || len(st) > 8 {
			return false
		}
		for _, c := range st {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && !(i > 0 && c >= '0' && c <= '9') {
				return false
			}
		}
		if i == 0 && len(st) < 2 && st != "x" && st != "X" && st != "i" && st != "I" {
			return false
		}
	}
	return true
}

// canonicalCase writes a tag in BCP 47's conventional letter case:
// language lower case, script title case, region upper case.
func canonicalCase(s string) string {
	parts := strings.Split(strings.ToLower(s), "-")
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if len(parts[i-1]) == 1 { // after an extension or private-use singleton
			break
		}
		switch {
		case len(p) == 4 && p[0] >= 'a':
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		}
	}
	return strings.Join(parts, "-")
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
	for c := range chain(t) {
		if i := indexOf(c); i >= 0 {
			return i
		}
	}
	return -1
}

// chain yields the CLDR lookup chain of t without the root: lang-Script-REGION
// with the script made explicit where it is not the language's likely one
// (zh-TW is zh-Hant-TW), then its CLDR parents (zh-Hant-TW → zh-Hant; en-IN →
// en-001 → en). A lang-Script whose script is not the language's likely one
// has the root as parent (CLDR's nonlikelyScript rule), unless CLDR's
// parentLocales says otherwise.
func chain(t language.Tag) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		base, script, region := t.Raw()
		lang := base.String()
		if lang == "und" {
			return
		}
		reg := ""
		if region != (language.Region{}) {
			reg = region.String()
		}
		defScript := likelyScript(lang, "")
		sc := ""
		if script != (language.Script{}) {
			sc = script.String()
		} else if s := likelyScript(lang, reg); s != defScript {
			sc = s
		}
		c := lang
		if sc != "" {
			c += "-" + sc
		}
		if reg != "" {
			c += "-" + reg
		}
		nonDefault := sc != "" && sc != defScript
		for ; c != ""; c = cldrParent(c) {
			if !yield(c) {
				return
			}
			if _, listed := listedParent(c); nonDefault && !listed && strings.Count(c, "-") == 1 {
				return
			}
		}
	}
}

// isLetterRegion reports whether CLDR's paper size of region is US-Letter.
func isLetterRegion(region string) bool {
	_, found := slices.BinarySearch(letterRegions[:], region)
	return found
}

// likelyScript returns CLDR's likely script of a language, or of a
// language in a region (region may be ""): "Thaa" for dv, "Latn" for sr in
// ME, "Latn" for languages CLDR does not know.
func likelyScript(lang, region string) string {
	if region != "" {
		if sc, ok := likelyScriptOf(lang + "-" + region); ok {
			return sc
		}
	}
	if sc, ok := likelyScriptOf(lang); ok {
		return sc
	}
	return "Latn"
}

func likelyScriptOf(key string) (string, bool) {
	const rec = 12
	n := len(likelyScripts) / rec
	i := sort.Search(n, func(i int) bool {
		return strings.TrimRight(likelyScripts[i*rec:i*rec+8], " ") >= key
	})
	if i < n && strings.TrimRight(likelyScripts[i*rec:i*rec+8], " ") == key {
		return likelyScripts[i*rec+8 : i*rec+12], true
	}
	return "", false
}

// supported lists every CLDR locale but the root, in cldrTags order.
var supported = sync.OnceValue(func() []Locale {
	ls := make([]Locale, 0, len(cldrTags)-1)
	for i, tag := range cldrTags {
		if tag == "und" {
			continue
		}
		t := language.MustParse(tag)
		ls = append(ls, newLocale(t, t.String(), i, MatchCLDR))
	}
	return ls
})

// x/text's Matcher over the supported locales, built by match alone: it
// takes milliseconds, and only tags CLDR has no locale for need it.
var (
	matcherOnce sync.Once
	matcher     language.Matcher
	matchTags   []int // matcher index → cldrTags index
)

func initMatcher() {
	matcherOnce.Do(func() {
		ls := supported()
		tags := make([]language.Tag, len(ls))
		matchTags = make([]int, len(ls))
		for i, l := range ls {
			tags[i], matchTags[i] = l.tag, l.idx-1
		}
		// The matcher's first tag is its default; make it English, which is
		// also what a match of confidence No returns.
		e := slices.Index(matchTags, enIndex())
		tags[0], tags[e] = tags[e], tags[0]
		matchTags[0], matchTags[e] = matchTags[e], matchTags[0]
		matcher = language.NewMatcher(tags)
	})
}

// match asks x/text's Matcher for the best CLDR locale for t, for tags
// CLDR lookup cannot place. Matches below High confidence are refused.
func match(t language.Tag) int {
	if b, _ := t.Base(); b.String() == "und" {
		return -1
	}
	initMatcher()
	_, i, conf := matcher.Match(t)
	if conf < language.High {
		return -1
	}
	return matchTags[i]
}

// matchRegion returns the CLDR locale of the main language of t's region
// (the one it names, else its language's likely region) where that
// language is written in script, the script of t; -1 otherwise.
func matchRegion(t language.Tag, script string) int {
	base, _, region := t.Raw()
	if base.String() == "und" {
		return -1
	}
	if region == (language.Region{}) {
		r, conf := t.Region()
		if conf == language.No {
			return -1
		}
		region = r
	}
	if region.String() == "ZZ" || !region.IsCountry() {
		return -1
	}
	u, err := language.Compose(region)
	if err != nil {
		return -1
	}
	lang, conf := u.Base()
	if conf == language.No || lang == base || likelyScript(lang.String(), region.String()) != script {
		return -1
	}
	cand, err := language.Compose(lang, region)
	if err != nil {
		return -1
	}
	return lookup(cand)
}

// Supported returns every CLDR locale, sorted by tag (the root, und, left
// out). Parse accepts these and any other well-formed tag.
func Supported() []Locale {
	return slices.Clone(supported())
}

// Fallback reports whether CLDR has no data for l's language, so that its
// dates come from a matched language or the root (see Match).
func (l Locale) Fallback() bool { return l.match != MatchCLDR }

// Match says how l found its CLDR data.
func (l Locale) Match() Match { return l.match }

// FallbackNote says, for a fallback locale, which data serves it, as a
// sentence for a warning; "" otherwise.
func (l Locale) FallbackNote() string {
	switch l.match {
	case MatchLanguage:
		return fmt.Sprintf("CLDR %s has no locale for %q; dates use the closest language CLDR has, %s", CLDRVersion, l.String(), l.CLDR())
	case MatchRegion:
		r, _ := l.tag.Region()
		return fmt.Sprintf("CLDR %s has no locale for %q nor a close language; dates use %s, the main language of its region (%s) in the same script",
			CLDRVersion, l.String(), l.CLDR(), r)
	case MatchRoot:
		// A language code no registry knows may be a typo: suggest some.
		var sug []string
		if b, _, _ := l.tag.Raw(); b.String() == "und" && l.str != "und" && !strings.HasPrefix(l.str, "x-") {
			sug = closest(l.String(), 3)
		}
		hint := ""
		if len(sug) > 0 {
			hint = " (if you meant another language: " + strings.Join(sug, ", ") + ")"
		}
		return fmt.Sprintf("CLDR %s has no locale for %q nor a close language; dates use CLDR's root locale (und), written as %s%s",
			CLDRVersion, l.String(), l.FormatDate(time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Long), hint)
	}
	return ""
}

// Coverage returns the CLDR coverage level of the data that serves l:
// "modern", "moderate", "basic", "core" (below basic: CLDR has only core
// data for the locale, such as its dates) or "root" for the root locale.
func (l Locale) Coverage() string {
	switch cldrCoverage[l.index()] {
	case 'm':
		return "modern"
	case 'o':
		return "moderate"
	case 'b':
		return "basic"
	case 'c':
		return "core"
	}
	return "root"
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
	for i, tag := range cldrTags {
		if strings.Contains(tag, "-") || cldrCoverage[i] != 'm' {
			continue
		}
		rank := slices.Index(popular, tag)
		if rank < 0 {
			rank = len(popular)
		}
		cands = append(cands, cand{tag, spelling.Distance(lang, tag), rank})
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

func (l Locale) index() int {
	if l.idx == 0 {
		return enIndex()
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
// pt-BR, "zh-Hant" for zh-TW, "und" (the root) for a tag nothing serves.
func (l Locale) CLDR() string { return cldrTags[l.index()] }

// Direction returns the locale's character order, "ltr" or "rtl": that of
// the tag's script, or of its likely script (dv → Thaana, ar → Arabic,
// uz-Arab, ks, pa-PK), for any tag, in CLDR or not.
func (l Locale) Direction() string {
	if l.script != "" && l.script != "Latn" && strings.Contains(rtlScripts, l.script) {
		return "rtl"
	}
	return "ltr"
}

// Script returns the ISO 15924 code of the tag's script: the one it names
// (sr-Latn), else CLDR's likely script for its language and region (dv:
// Thaa; sr-ME: Latn), else Latn.
func (l Locale) Script() string {
	if l.script == "" {
		return "Latn"
	}
	return l.script
}

func (l Locale) findScript() string {
	base, script, region := l.tag.Raw()
	if script != (language.Script{}) {
		return script.String()
	}
	lang := base.String()
	if lang == "und" && l.str != "und" && !strings.HasPrefix(l.str, "x-") {
		lang, _, _ = strings.Cut(l.str, "-") // a language x/text does not know
	}
	reg := ""
	if region != (language.Region{}) {
		reg = region.String()
	}
	if lang == "und" {
		if reg != "" {
			if sc, ok := likelyScriptOf("und-" + reg); ok {
				return sc
			}
		}
		return "Latn"
	}
	return likelyScript(lang, reg)
}

// Paper returns the CLDR paper size of the locale's region, "letter" (US,
// CA, MX, …) or "a4". A tag without a region uses its likely region: en →
// US → letter, de → DE → a4.
func (l Locale) Paper() string {
	r, conf := l.Tag().Region()
	if conf != language.No && isLetterRegion(r.String()) {
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
