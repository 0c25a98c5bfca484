package locales

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
)

var dec16 = time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC)

func TestFormatDateLong(t *testing.T) {
	for tag, want := range map[string]string{
		"en":      "December 16, 2025",
		"de":      "16. Dezember 2025",
		"fr":      "16 décembre 2025",
		"ja":      "2025年12月16日",
		"pt-BR":   "16 de dezembro de 2025",
		"es-ES":   "16 de diciembre de 2025",
		"ru":      "16 декабря 2025\u202fг.",
		"zh-CN":   "2025年12月16日",
		"en-GB":   "16 December 2025",
		"fa":      "۱۶ دسامبر ۲۰۲۵",
		"ar":      "16 ديسمبر 2025", // CLDR 48: ar uses Latin digits
		"ar-EG":   "١٦ ديسمبر ٢٠٢٥",
		"he":      "16 בדצמבר 2025",
		"hu":      "2025. december 16.",
		"pl":      "16 grudnia 2025",
		"cs":      "16. prosince 2025",
		"tr":      "16 Aralık 2025",
		"th":      "16 ธันวาคม ค.ศ. 2025", // gregorian, with the era the pattern asks for
		"sr-Latn": "16. decembar 2025.",
	} {
		if got := MustParse(tag).FormatDate(dec16, Long); got != want {
			t.Errorf("%s: got %q, want %q", tag, got, want)
		}
	}
}

func TestFormatWidths(t *testing.T) {
	en := MustParse("en")
	for w, want := range map[Width]string{
		Full:   "Tuesday, December 16, 2025",
		Long:   "December 16, 2025",
		Medium: "Dec 16, 2025",
		Short:  "12/16/25",
	} {
		if got := en.FormatDate(dec16, w); got != want {
			t.Errorf("%v: got %q, want %q", w, got, want)
		}
	}
	if got, want := en.FormatDateTime(dec16, Long), "December 16, 2025 at 1:14:45\u202fPM UTC"; got != want {
		t.Errorf("FormatDateTime: got %q, want %q", got, want)
	}
	if got, want := MustParse("de").FormatDateTime(dec16, Medium), "16.12.2025, 13:14:45"; got != want {
		t.Errorf("de FormatDateTime: got %q, want %q", got, want)
	}
	if got, want := en.FormatTime(dec16, Full), "1:14:45\u202fPM Coordinated Universal Time"; got != want {
		t.Errorf("FormatTime: got %q, want %q", got, want)
	}
}

func TestFormatZones(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	india := time.FixedZone("IST", 5*3600+1800)
	for _, c := range []struct {
		tag  string
		t    time.Time
		w    Width
		want string
	}{
		{"en", dec16.In(ny), Long, "8:14:45\u202fAM GMT-5"},
		{"en", dec16.In(ny), Full, "8:14:45\u202fAM GMT-05:00"},
		{"de", dec16.In(india), Long, "18:44:45 GMT+5:30"},
		{"fi", dec16.In(ny), Full, "8.14.45 UTC-5.00"},
		{"de", dec16.In(time.FixedZone("", 0)), Long, "13:14:45 GMT"},
	} {
		if got := MustParse(c.tag).FormatTime(c.t, c.w); got != c.want {
			t.Errorf("%s %v %v: got %q, want %q", c.tag, c.w, c.t, got, c.want)
		}
	}
}

func TestPatternLetters(t *testing.T) {
	d := dataAt(indexOf("en"))
	for _, c := range []struct{ pattern, want string }{
		{"yyyy-MM-dd'T'HH:mm:ss", "2025-12-16T13:14:45"},
		{"yy", "25"},
		{"d 'de' MMMM", "16 de December"},
		{"h 'o''clock' a", "1 o'clock PM"},
		{"EEEE EEE E", "Tuesday Tue Tue"},
		{"LLLL LLL", "December Dec"},
		{"G GGGG y", "AD Anno Domini 2025"},
		{"K k H h", "1 13 13 1"},
		{"SSS", "000"},
		{"xxx XXX Z", "+00:00 Z +0000"},
		{"D", "350"},
	} {
		if got := d.format(compilePattern(c.pattern), dec16); got != c.want {
			t.Errorf("%q: got %q, want %q", c.pattern, got, c.want)
		}
	}
	// Before the common era the year is the year of the era.
	bc := time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC)
	if got, want := d.format(compilePattern("y G"), bc), "44 BC"; got != want {
		t.Errorf("BC: got %q, want %q", got, want)
	}
}

func TestFlexibleDayPeriods(t *testing.T) {
	zh := MustParse("zh-Hant")
	for _, c := range []struct {
		h, m int
		want string
	}{
		{0, 0, "凌晨12:00"}, // never "midnight", as ICU
		{6, 30, "清晨6:30"},
		{9, 0, "上午9:00"},
		{12, 5, "中午12:05"},
		{15, 0, "下午3:00"},
		{21, 0, "晚上9:00"},
	} {
		tm := time.Date(2025, 12, 16, c.h, c.m, 0, 0, time.UTC)
		if got := zh.FormatTime(tm, Short); got != c.want {
			t.Errorf("%02d:%02d: got %q, want %q", c.h, c.m, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, str, cldr string
	}{
		{"pt-BR", "pt-BR", "pt"},
		{"pt_BR", "pt-BR", "pt"},
		{"PT-br", "pt-BR", "pt"},
		{"pt-PT", "pt-PT", "pt-PT"},
		{"pt-AO", "pt-AO", "pt-AO"},
		{"de-AT", "de-AT", "de-AT"}, // CLDR has Austrian data (Jänner)
		{"de-DE", "de-DE", "de"},
		{"de-CH-1996", "de-CH-1996", "de-CH"},
		{"zh-TW", "zh-TW", "zh-Hant"},
		{"zh-HK", "zh-HK", "zh-Hant-HK"},
		{"zh-CN", "zh-CN", "zh"},
		{"zh-Hans", "zh-Hans", "zh-Hans"},
		{"zh-Hant", "zh-Hant", "zh-Hant"},
		{"sr-Latn", "sr-Latn", "sr-Latn"},
		{"sr-ME", "sr-ME", "sr-Latn-ME"},
		{"sr", "sr", "sr"},
		{"en", "en", "en"},
		{"en-US", "en-US", "en"},
		{"pt-FR", "pt-FR", "pt-PT"}, // no data: parentLocales sends pt-FR to pt-PT
		{"es-JP", "es-JP", "es-419"},
		{"es-XX", "es-XX", "es"},
		{"iw", "he", "he"},
		{"nb-NO", "nb-NO", "nb"},
		{"ca-ES-valencia", "ca-ES-valencia", "ca-ES-valencia"},
		{"gsw", "gsw", "gsw"},
		{"kab", "kab", "kab"}, // CLDR core coverage
		{"sah", "sah", "sah"}, // basic
		{"dv", "dv", "dv"},
		{"cv", "cv", "cv"},
		{"de-QQ", "de-QQ", "de"}, // a private-use region is still German
		{"en-XA", "en-XA", "en"},
		{"zh-Latn", "zh-Latn", "zh-Latn"},
		{"zh-Latn-CN", "zh-Latn-CN", "zh-Latn"}, // not zh: Latin-script Chinese is not zh's data
		{"az-Arab", "az-Arab", "az-Arab"},
		{"en-u-ca-buddhist", "en-u-ca-buddhist", "en"},
	} {
		l, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if l.String() != c.str || l.CLDR() != c.cldr {
			t.Errorf("Parse(%q) = %s (CLDR %s), want %s (CLDR %s)", c.in, l, l.CLDR(), c.str, c.cldr)
		}
	}
}

func TestParseFallback(t *testing.T) {
	for _, c := range []struct {
		in, str, cldr string
		match         Match
		dir, script   string
	}{
		{"cnh", "cnh", "und", MatchRoot, "ltr", "Latn"}, // Hakha Chin: not in CLDR
		{"xx-YY", "xx-YY", "und", MatchRoot, "ltr", "Latn"},
		{"qaa", "qaa", "und", MatchRoot, "ltr", "Latn"},
		{"x-foo", "x-foo", "und", MatchRoot, "ltr", "Latn"},
		{"und", "und", "und", MatchRoot, "ltr", "Latn"},
		{"und-MV", "und-MV", "dv", MatchLanguage, "rtl", "Thaa"}, // the Maldives' language
		{"gsw-XX", "gsw-XX", "gsw", MatchCLDR, "ltr", "Latn"},
		{"syr", "syr", "syr", MatchCLDR, "rtl", "Syrc"},
		{"ay", "ay", "es", MatchLanguage, "ltr", "Latn"},    // Aymara: x/text's Matcher picks Spanish
		{"kmr", "kmr", "ku", MatchLanguage, "ltr", "Latn"},  // Northern Kurdish: Kurdish
		{"tw", "tw", "ak", MatchLanguage, "ltr", "Latn"},    // Twi: Akan
		{"arz", "arz", "ar-EG", MatchRegion, "rtl", "Arab"}, // Egyptian Arabic: Egypt's Arabic
		{"ary", "ary", "ar-MA", MatchRegion, "rtl", "Arab"},
		{"wuu", "wuu", "zh", MatchRegion, "ltr", "Hans"},
		{"sam", "sam", "und", MatchRoot, "rtl", "Samr"}, // Samaritan Aramaic: direction from Unicode
		{"pa-Arab", "pa-Arab", "pa-Arab", MatchCLDR, "rtl", "Arab"},
	} {
		l, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if l.String() != c.str || l.CLDR() != c.cldr || l.Match() != c.match || l.Direction() != c.dir || l.Script() != c.script {
			t.Errorf("Parse(%q) = %s (CLDR %s, match %d, %s, %s), want %s (CLDR %s, match %d, %s, %s)",
				c.in, l, l.CLDR(), l.Match(), l.Direction(), l.Script(), c.str, c.cldr, c.match, c.dir, c.script)
		}
		if l.Fallback() != (c.match != MatchCLDR) || (l.FallbackNote() == "") == l.Fallback() {
			t.Errorf("Parse(%q): Fallback %v, note %q", c.in, l.Fallback(), l.FallbackNote())
		}
	}
	// The root's dates are CLDR's neutral ones, and the note says so.
	l := MustParse("cnh")
	if got, want := l.FormatDate(dec16, Long), "2025 M12 16"; got != want {
		t.Errorf("root long date: got %q, want %q", got, want)
	}
	if note := l.FallbackNote(); !strings.Contains(note, `"cnh"`) || !strings.Contains(note, "root") || !strings.Contains(note, "2025 M12 16") {
		t.Errorf("note: %q", note)
	}
	if note := MustParse("xx-DE").FallbackNote(); !strings.Contains(note, "de, ") {
		t.Errorf("note for xx-DE suggests no German: %q", note)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"engl", `"engl" is not a BCP 47 language tag`},
		{"", `empty locale`},
		{"en--US", `"en--US" is not a BCP 47 language tag`},
		{"not a tag", `"not a tag" is not a BCP 47 language tag`},
		{"a", `"a" is not a BCP 47 language tag`},
		{"de-Latn-Latn-DE", `"de-Latn-Latn-DE" is not a BCP 47 language tag`},
	} {
		_, err := Parse(c.in)
		if err == nil {
			t.Errorf("Parse(%q): no error", c.in)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q): %q, want it to start with %q", c.in, err, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"en--US\") did not panic")
		}
	}()
	MustParse("en--US")
}

func TestCoverage(t *testing.T) {
	for tag, want := range map[string]string{
		"de": "modern", "cv": "modern", "sah": "basic", "kab": "core", "dv": "core",
		"pt-BR": "modern", "cnh": "root", "ia": "moderate",
	} {
		if got := MustParse(tag).Coverage(); got != want {
			t.Errorf("%s: coverage %q, want %q", tag, got, want)
		}
	}
	counts := map[string]int{}
	for _, l := range Supported() {
		counts[l.Coverage()]++
	}
	if counts["modern"] < 400 || counts["basic"] < 50 || counts["core"] < 150 || counts["root"] != 0 {
		t.Errorf("coverage counts %v", counts)
	}
}

// TestDirectionFromScript checks the rule behind Direction (the tag's
// likely script) against CLDR's own character order for every locale.
func TestDirectionFromScript(t *testing.T) {
	for _, l := range Supported() {
		if got, want := l.Direction(), l.data().order; got != want {
			t.Errorf("%s (script %s): direction %s, CLDR's character order %s", l, l.Script(), got, want)
		}
	}
	for tag, want := range map[string]string{
		"dv": "rtl", "dv-MV": "rtl", "sr-Latn": "ltr", "sr": "ltr", "uz-Arab": "rtl", "uz": "ltr",
		"ks": "rtl", "ks-Deva": "ltr", "pa-PK": "rtl", "pa": "ltr", "ms-Arab": "rtl", "az-IR": "rtl",
		"ckb": "rtl", "mn-Mong": "ltr", "he": "rtl", "yi": "rtl", "cnh": "ltr", "nqo": "rtl",
	} {
		if got := MustParse(tag).Direction(); got != want {
			t.Errorf("%s (script %s): direction %s, want %s", tag, MustParse(tag).Script(), got, want)
		}
	}
}

func TestSupported(t *testing.T) {
	all := Supported()
	if len(all) < 400 {
		t.Fatalf("only %d supported locales", len(all))
	}
	tags := make([]string, len(all))
	for i, l := range all {
		tags[i] = l.String()
		if l.CLDR() != l.String() {
			t.Errorf("supported %s is served by %s", l, l.CLDR())
		}
	}
	if !sort.StringsAreSorted(tags) {
		t.Error("Supported is not sorted by tag")
	}
	for _, want := range []string{"ar", "cs", "de", "el", "en", "en-GB", "es", "fa", "fr", "he", "hu", "id", "it", "ja", "ko", "nl", "pl", "pt", "pt-PT", "ru", "sr-Latn", "tr", "uk", "ur", "zh", "zh-Hant", "zh-Hant-HK"} {
		if !slices.Contains(tags, want) {
			t.Errorf("%s is not supported", want)
		}
	}
	// Every locale resolves and formats.
	for _, l := range all {
		if l.FormatDate(dec16, Full) == "" || l.FormatDateTime(dec16, Short) == "" {
			t.Errorf("%s: empty output", l)
		}
		if d := l.Direction(); d != "ltr" && d != "rtl" {
			t.Errorf("%s: direction %q", l, d)
		}
	}
}

func TestDirectionPaperQuotes(t *testing.T) {
	for _, c := range []struct {
		tag, dir, paper, open, close string
	}{
		{"en", "ltr", "letter", "“", "”"},
		{"en-GB", "ltr", "a4", "“", "”"},
		{"en-CA", "ltr", "letter", "“", "”"},
		{"fr-CA", "ltr", "letter", "«", "»"},
		{"es-MX", "ltr", "letter", "“", "”"},
		{"de", "ltr", "a4", "„", "“"},
		{"fr", "ltr", "a4", "«", "»"},
		{"ja", "ltr", "a4", "「", "」"},
		{"ar", "rtl", "a4", "”", "“"},
		{"he", "rtl", "a4", "”", "”"},
		{"fa", "rtl", "a4", "«", "»"},
		{"ur", "rtl", "a4", "”", "“"},
		{"ps", "rtl", "a4", "“", "”"},
		{"sd", "rtl", "a4", "\u201c", "\u201d"},
		{"pt-BR", "ltr", "a4", "“", "”"},
	} {
		l := MustParse(c.tag)
		open, close := l.Quotes()
		if l.Direction() != c.dir || l.Paper() != c.paper || open != c.open || close != c.close {
			t.Errorf("%s: %s %s %s%s, want %s %s %s%s", c.tag, l.Direction(), l.Paper(), open, close, c.dir, c.paper, c.open, c.close)
		}
	}
}

func TestZeroLocaleIsEnglish(t *testing.T) {
	var l Locale
	if l.String() != "en" || l.Tag() != language.English || l.FormatDate(dec16, Long) != "December 16, 2025" {
		t.Errorf("zero Locale: %s %s %q", l, l.Tag(), l.FormatDate(dec16, Long))
	}
}

func TestStrftime(t *testing.T) {
	tm := time.Date(2025, 3, 5, 8, 4, 9, 0, time.FixedZone("CET", 3600))
	for _, c := range []struct{ tag, format, want string }{
		{"en", "%Y-%m-%d %H:%M:%S", "2025-03-05 08:04:09"},
		{"de", "%d. %B %Y", "05. März 2025"},
		{"de", "%-d. %B %Y", "5. März 2025"},
		{"fr", "%A %e %b %Y", "mercredi  5 mars 2025"},
		{"en", "%a %I:%M %p %Z %z", "Wed 08:04 AM CET +0100"},
		{"ja", "%Y年%m月%d日 (%a)", "2025年03月05日 (水)"},
		{"en", "%j %y %F %T %D %R %u %w %% %Q", "064 25 2025-03-05 08:04:09 03/05/25 08:04 3 3 % %Q"},
		{"en", "100%", "100%"},
	} {
		if got := MustParse(c.tag).Strftime(tm, c.format); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.tag, c.format, got, c.want)
		}
	}
}

func TestWidth(t *testing.T) {
	for _, s := range []string{"full", "LONG", "Medium", "short"} {
		w, err := ParseWidth(s)
		if err != nil || !strings.EqualFold(w.String(), s) {
			t.Errorf("ParseWidth(%q) = %v, %v", s, w, err)
		}
	}
	if _, err := ParseWidth("tiny"); err == nil {
		t.Error("ParseWidth(tiny): no error")
	}
}

func TestFormatAllocatesOnlyTheResult(t *testing.T) {
	l := MustParse("fa")
	l.FormatDate(dec16, Long)
	if n := testing.AllocsPerRun(100, func() { l.FormatDate(dec16, Long) }); n > 1 {
		t.Errorf("FormatDate allocates %v times per call, want 1", n)
	}
}

func BenchmarkFormatDate(b *testing.B) {
	for _, tag := range []string{"en", "de", "ja", "fa"} {
		l := MustParse(tag)
		l.FormatDate(dec16, Long)
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.FormatDate(dec16, Long)
			}
		})
	}
}

func BenchmarkFormatDateTime(b *testing.B) {
	l := MustParse("en")
	b.ReportAllocs()
	for b.Loop() {
		l.FormatDateTime(dec16, Full)
	}
}

// BenchmarkParse measures the lookups a run makes per document and locale
// (the README promises under 1 µs): a CLDR locale, one served by a parent,
// a basic-coverage one, and fallbacks (the Matcher's answer is cached).
func BenchmarkParse(b *testing.B) {
	for _, tag := range []string{"pt-BR", "de", "zh-TW", "sah", "ay", "cnh"} {
		MustParse(tag)
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MustParse(tag)
			}
		})
	}
}

// BenchmarkLookup measures what exporters ask of a Locale per document.
func BenchmarkLookup(b *testing.B) {
	l := MustParse("dv")
	b.Run("Direction", func(b *testing.B) {
		for b.Loop() {
			l.Direction()
		}
	})
	b.Run("PluralCategory", func(b *testing.B) {
		l.PluralCategory(11)
		for b.Loop() {
			l.PluralCategory(11)
		}
	})
	p := MustParse("mk").Printer()
	b.Run("LabelPages", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.Sprintf(LabelPages, 11)
		}
	})
}

// Locales resolve lazily; concurrent first uses must be safe (go test -race).
func TestConcurrentFirstUse(t *testing.T) {
	all := Supported()
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for _, l := range all {
				l.FormatDateTime(dec16, Full)
				l.Printer().Sprintf(LabelPageOf, 1, 2)
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// The generated tables searched by binary search are sorted, without
// duplicates.
func TestGeneratedTablesSorted(t *testing.T) {
	for name, table := range map[string][]tagPair{"cldrParents": cldrParents[:], "numberingDigits": numberingDigits[:]} {
		for i := 1; i < len(table); i++ {
			if table[i-1].key >= table[i].key {
				t.Errorf("%s: %q before %q", name, table[i-1].key, table[i].key)
			}
		}
		for _, p := range table {
			if v, ok := lookupPair(table, p.key); !ok || v != p.value {
				t.Errorf("%s: lookupPair(%q) = %q, %v", name, p.key, v, ok)
			}
		}
	}
	for i := 1; i < len(letterRegions); i++ {
		if letterRegions[i-1] >= letterRegions[i] {
			t.Errorf("letterRegions: %q before %q", letterRegions[i-1], letterRegions[i])
		}
	}
	if !isLetterRegion("US") || isLetterRegion("DE") {
		t.Error("isLetterRegion: US is Letter, DE is A4")
	}
	if p, ok := listedParent("en-AT"); !ok || p != "en-150" {
		t.Errorf("listedParent(en-AT) = %q, %v", p, ok)
	}
	if _, ok := listedParent("de-AT"); ok {
		t.Error("de-AT is not in parentLocales")
	}
}

// TestLookup checks that Lookup answers as Parse does where CLDR has the
// locale, and refuses what only a fallback (or nothing) would serve.
func TestLookup(t *testing.T) {
	ins := []string{"de", "pt_BR", "zh-TW", "sr-ME", "de-QQ", "ca-ES-valencia", "gsw-XX", "pa-Arab", "en-IN",
		"iw", "sh", "no", "tl", "mo", "ay", "kmr", "tw", "arz", "wuu", "und-MV", "cnh", "qaa", "x-foo", "und",
		"faq", "tos", "api", "dev", "dpa", "en-Cyrl", "uz-Arab", "xx-DE", "", "a", "not a tag", "en-GB-oed"}
	for _, s := range Supported() {
		ins = append(ins, s.String())
	}
	for _, in := range ins {
		got, ok := Lookup(in)
		want, err := Parse(in)
		if wantOK := err == nil && !want.Fallback(); ok != wantOK || ok && got != want {
			t.Errorf("Lookup(%q) = %s, %v; Parse gives %s (match %d, error %v)", in, got, ok, want, want.Match(), err)
		}
	}
}

// TestLookupBuildsNoMatcher checks, in a fresh process, that Lookup of
// names CLDR has no locale for ("faq", "tos": file names a docs tree is
// full of) and Supported leave x/text's Matcher unbuilt: it takes
// milliseconds, two thirds of a one-page `galley convert -t html` of faq.md
// and a third of `galley locales`.
func TestLookupBuildsNoMatcher(t *testing.T) {
	if os.Getenv("GALLEY_LOOKUP_CHILD") == "1" {
		for _, s := range []string{"faq", "tos", "dpa", "ay", "arz", "en-Cyrl", "de"} {
			Lookup(s)
		}
		Supported() // galley locales
		if matcher != nil {
			fmt.Println("matcher built")
			os.Exit(3)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLookupBuildsNoMatcher$")
	cmd.Env = append(os.Environ(), "GALLEY_LOOKUP_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Lookup built the Matcher: %v\n%s", err, out)
	}
}
