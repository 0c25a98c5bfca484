package locales

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// cldrLocale is one CLDR locale as the generator wrote it into
// cldr_tables.go. A zero field (or array element) inherits the value of the
// CLDR parent locale, and the top-level locales inherit from the root
// (und), which is complete.
type cldrLocale struct {
	tag string
	// Gregorian patterns, indexed by Width: dateFormats, timeFormats and the
	// glue joining them ({1} date, {0} time; the atTime variant where CLDR
	// has one, as ICU uses).
	date, time, glue [4]string
	// Format-context month names, January first.
	months, monthsAbbr [12]string
	// Stand-alone names, stored only where the patterns use L or c.
	monthsStandalone, monthsStandaloneAbbr [12]string
	// Weekday names, Sunday first.
	days, daysAbbr                     [7]string
	daysStandalone, daysStandaloneAbbr [7]string
	am, pm                             string
	// Era names, BC then AD (abbreviated for G..GGG, wide for GGGG).
	eras, eraNames [2]string
	// Flexible day periods for the B letter, "from-before=name;…" in
	// minutes after midnight ("from=name" for an exact time); only where
	// the patterns use B.
	periods string
	// numbers is the default numbering system ("latn", "arab", …).
	numbers string
	// order is the character order, "ltr" or "rtl".
	order  string
	quotes [2]string
	// Time zone formats: gmtFormat ("GMT{0}"), gmtZeroFormat, hourFormat
	// ("+HH:mm;-HH:mm"), and the names of the UTC zone.
	gmt, gmtZero, hourFormat string
	utcShort, utcLong        string
}

// localeData is a resolved CLDR locale, its patterns compiled on first
// use: a document formats its dates with one or two of the fourteen, and
// compiling them all for the locale and its parents was about 50 us of
// every process that wrote a date.
type localeData struct {
	cldrLocale
	digits     [10]string // the numbering system's digits, unused when latn
	latn       bool
	dayPeriods []dayPeriod
	// Compiled patterns by Width, through datePattern, timePattern and
	// dateTimePattern.
	datePat, timePat, dateTimePat [4]lazyPattern
	// hourFormat's halves, for GMT offsets, through hourPatterns.
	hourOnce         sync.Once
	hourPos, hourNeg []token
}

// lazyPattern is a pattern compiled on first use.
type lazyPattern struct {
	once sync.Once
	toks []token
}

func (p *lazyPattern) get(compile func() []token) []token {
	p.once.Do(func() { p.toks = compile() })
	return p.toks
}

// datePattern returns the compiled date pattern of width index w.
func (d *localeData) datePattern(w int) []token {
	return d.datePat[w].get(func() []token { return compilePattern(d.date[w]) })
}

// timePattern returns the compiled time pattern of width index w.
func (d *localeData) timePattern(w int) []token {
	return d.timePat[w].get(func() []token { return compilePattern(d.time[w]) })
}

// dateTimePattern returns the compiled glue pattern of width index w, the
// date and time patterns in place.
func (d *localeData) dateTimePattern(w int) []token {
	return d.dateTimePat[w].get(func() []token { return compileGlue(d.glue[w], d.datePattern(w), d.timePattern(w)) })
}

// hourPatterns returns hourFormat's positive and negative patterns.
func (d *localeData) hourPatterns() (pos, neg []token) {
	d.hourOnce.Do(func() {
		p, n, ok := strings.Cut(d.hourFormat, ";")
		if !ok {
			p, n = "+HH:mm", "-HH:mm"
		}
		d.hourPos, d.hourNeg = compilePattern(p), compilePattern(n)
	})
	return d.hourPos, d.hourNeg
}

type dayPeriod struct {
	from, before int // minutes after midnight; at rules have before < 0
	name         string
}

var (
	resolveOnce [len(cldrTags)]sync.Once
	resolved    [len(cldrTags)]*localeData
)

// recordSlots is the number of string fields of a cldrLocale other than
// its tag, array elements counted one by one: the slots of cldrRecords.
const recordSlots = 104

// slot returns the k-th string field of r, numbering the fields after the
// tag in their order in the struct and array elements one by one, as the
// generator numbers them; nil if k is out of range.
func (r *cldrLocale) slot(k int) *string {
	arrays := [...][]string{
		r.date[:], r.time[:], r.glue[:],
		r.months[:], r.monthsAbbr[:], r.monthsStandalone[:], r.monthsStandaloneAbbr[:],
		r.days[:], r.daysAbbr[:], r.daysStandalone[:], r.daysStandaloneAbbr[:],
	}
	for _, a := range arrays {
		if k < len(a) {
			return &a[k]
		}
		k -= len(a)
	}
	rest := [...]*string{
		&r.am, &r.pm, &r.eras[0], &r.eras[1], &r.eraNames[0], &r.eraNames[1],
		&r.periods, &r.numbers, &r.order, &r.quotes[0], &r.quotes[1],
		&r.gmt, &r.gmtZero, &r.hourFormat, &r.utcShort, &r.utcLong,
	}
	if k < len(rest) {
		return rest[k]
	}
	return nil
}

// record decodes locale i's fields from cldrRecords (see there); the
// strings are slices of the constant, so nothing is copied.
func record(i int) cldrLocale {
	r := cldrLocale{tag: cldrTags[i]}
	start := uint32(0)
	if i > 0 {
		start = cldrRecordEnds[i-1]
	}
	s := cldrRecords[start:cldrRecordEnds[i]]
	for len(s) > 0 {
		k := int(s[0])
		n, w := 0, 1
		for shift := 0; ; shift += 7 {
			b := s[w]
			w++
			n |= int(b&0x7f) << shift
			if b < 0x80 {
				break
			}
		}
		*r.slot(k) = s[w : w+n]
		s = s[w+n:]
	}
	return r
}

// indexOf returns the index of the CLDR locale tag, or -1.
func indexOf(tag string) int {
	i := sort.Search(len(cldrTags), func(i int) bool { return cldrTags[i] >= tag })
	if i < len(cldrTags) && cldrTags[i] == tag {
		return i
	}
	return -1
}

// tagPair is an entry of a generated table sorted by key (cldrParents,
// numberingDigits), searched by lookupPair: a static array costs nothing
// at start, where a map literal is built in every process that reads it.
type tagPair struct{ key, value string }

// lookupPair returns the value of key in table, sorted by key.
func lookupPair(table []tagPair, key string) (string, bool) {
	i, ok := slices.BinarySearchFunc(table, key, func(p tagPair, k string) int { return strings.Compare(p.key, k) })
	if !ok {
		return "", false
	}
	return table[i].value, true
}

// listedParent returns tag's parent in CLDR's parentLocales table
// (cldrParents), if it is listed there.
func listedParent(tag string) (string, bool) { return lookupPair(cldrParents[:], tag) }

// cldrParent is the CLDR parent of tag ("" for the root): the parentLocales
// entry if there is one, else tag without its last subtag.
func cldrParent(tag string) string {
	if p, ok := listedParent(tag); ok {
		return p
	}
	if i := strings.LastIndexByte(tag, '-'); i > 0 {
		return tag[:i]
	}
	return ""
}

// rootIndex is the index of CLDR's root locale, und, which every chain of
// parents ends in. Found on first use: the search would touch the table
// in every process, galley version included.
var rootIndex = sync.OnceValue(func() int { return indexOf("und") })

// dataAt returns the resolved data of locale i, resolving it (and its
// parents) on first use.
func dataAt(i int) *localeData {
	resolveOnce[i].Do(func() {
		rec := record(i)
		if rec.tag != "und" {
			j := rootIndex()
			for p := cldrParent(rec.tag); p != ""; p = cldrParent(p) {
				if k := indexOf(p); k >= 0 {
					j = k
					break
				}
			}
			inherit(&rec, &dataAt(j).cldrLocale, j != rootIndex())
		}
		resolved[i] = compile(rec)
	})
	return resolved[i]
}

// inherit fills the zero fields of r from its resolved parent p. The
// optional fields (stand-alone names, flexible day periods), which the
// generator stores only for locales whose patterns use them, are not taken
// from the root (optional false): a top-level locale without them uses its
// own format-context names (see compile), not the root's "M12".
func inherit(r, p *cldrLocale, optional bool) {
	s := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	a := func(dst, src []string) {
		for i := range dst {
			s(&dst[i], src[i])
		}
	}
	a(r.date[:], p.date[:])
	a(r.time[:], p.time[:])
	a(r.glue[:], p.glue[:])
	a(r.months[:], p.months[:])
	a(r.monthsAbbr[:], p.monthsAbbr[:])
	if optional {
		a(r.monthsStandalone[:], p.monthsStandalone[:])
	}
	if optional {
		a(r.monthsStandaloneAbbr[:], p.monthsStandaloneAbbr[:])
	}
	a(r.days[:], p.days[:])
	a(r.daysAbbr[:], p.daysAbbr[:])
	if optional {
		a(r.daysStandalone[:], p.daysStandalone[:])
	}
	if optional {
		a(r.daysStandaloneAbbr[:], p.daysStandaloneAbbr[:])
	}
	s(&r.am, p.am)
	s(&r.pm, p.pm)
	a(r.eras[:], p.eras[:])
	a(r.eraNames[:], p.eraNames[:])
	if optional {
		s(&r.periods, p.periods)
	}
	s(&r.numbers, p.numbers)
	s(&r.order, p.order)
	a(r.quotes[:], p.quotes[:])
	s(&r.gmt, p.gmt)
	s(&r.gmtZero, p.gmtZero)
	s(&r.hourFormat, p.hourFormat)
	s(&r.utcShort, p.utcShort)
	s(&r.utcLong, p.utcLong)
}

// compile builds the run-time form of a resolved record.
func compile(rec cldrLocale) *localeData {
	d := &localeData{cldrLocale: rec, latn: rec.numbers == "latn" || rec.numbers == ""}
	if !d.latn {
		i := 0
		digits, _ := lookupPair(numberingDigits[:], rec.numbers)
		for _, r := range digits {
			if i < 10 {
				d.digits[i] = string(r)
			}
			i++
		}
		if i != 10 {
			d.latn = true // not a decimal system we know: keep ASCII digits
		}
	}
	// Names missing in the stand-alone context fall back to the format
	// context, as CLDR's inheritance between contexts does.
	fill := func(dst, src []string) {
		for i := range dst {
			if dst[i] == "" {
				dst[i] = src[i]
			}
		}
	}
	fill(d.monthsStandalone[:], d.months[:])
	fill(d.monthsStandaloneAbbr[:], d.monthsAbbr[:])
	fill(d.daysStandalone[:], d.days[:])
	fill(d.daysStandaloneAbbr[:], d.daysAbbr[:])
	d.dayPeriods = parsePeriods(rec.periods)
	return d
}

func parsePeriods(s string) []dayPeriod {
	if s == "" {
		return nil
	}
	var out []dayPeriod
	for _, e := range strings.Split(s, ";") {
		span, name, _ := strings.Cut(e, "=")
		from, before, isRange := strings.Cut(span, "-")
		p := dayPeriod{before: -1, name: name}
		p.from, _ = strconv.Atoi(from)
		if isRange {
			p.before, _ = strconv.Atoi(before)
		}
		out = append(out, p)
	}
	return out
}

// dayPeriodName returns the flexible day period ('B') for minute m of the
// day. As in ICU, an "at" period applies only on its exact minute with zero
// seconds (exact), and midnight never: it is ambiguous between the start and
// the end of a day, so 00:00 is in the night period.
func (d *localeData) dayPeriodName(m int, exact bool) string {
	for _, p := range d.dayPeriods {
		if p.before < 0 {
			if exact && p.from == m && m != 0 {
				return p.name
			}
			continue
		}
		if p.from <= m && m < p.before || p.before < p.from && (m >= p.from || m < p.before) {
			return p.name
		}
	}
	if m < 12*60 {
		return d.am
	}
	return d.pm
}
