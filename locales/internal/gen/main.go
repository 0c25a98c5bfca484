// Command gen writes locales/cldr_tables.go, galley's compact copy of the CLDR
// data that date formatting, text direction, quotation marks and paper sizes
// need.
//
// It reads the cldr-json npm packages (version cldrVersion):
//
//	cldr-core          coverage levels, parent locales, numbering systems,
//	                   paper sizes, day-period rules, plural rules, likely
//	                   subtags
//	cldr-dates-full    gregorian calendar patterns and names, UTC zone names
//	cldr-numbers-full  each locale's default numbering system
//	cldr-misc-full     quotation marks and character order
//
// Usage, from the repository root:
//
//	go generate ./locales                      # installs the packages with npm into a temporary folder
//	go run ./locales/internal/gen -cldr DIR    # DIR: an npm prefix holding node_modules/cldr-*, or a folder holding cldr-*
//
// The locales written are every locale cldr-dates-full has (all coverage
// levels: modern, moderate, basic and the "core" locales below them,
// regional variants included) and the root locale und, with each locale's
// coverage level. The cldr-json files are fully resolved, so the generator
// stores each locale as the difference from its CLDR parent (the root for
// the top-level ones; a zero field inherits), and the locales package
// resolves the chain at run time.
//
// Beside the locales it writes the supplemental data the locales package
// needs: CLDR's parent locales, numbering systems, paper sizes, cardinal
// plural rules (with their samples, which the package's tests check), the
// likely script of each language and language-region pair, and the scripts
// written right to left (those of the locales whose character order is
// right-to-left, the generator checking that every locale agrees with its
// script, plus the scripts no locale uses whose letters Unicode's bidi
// classes make right to left).
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/bidi"
)

// cldrVersion is the version of the cldr-json packages the tables come from.
const cldrVersion = "48.2.0"

var npmPackages = []string{"cldr-core", "cldr-dates-full", "cldr-numbers-full", "cldr-misc-full"}

// supportedLetters are the pattern letters the locales package formats.
const supportedLetters = "GyMLdEcaBhHKkmszZOvVXx"

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	cldrDir := flag.String("cldr", os.Getenv("GALLEY_CLDR_DIR"), "folder with the cldr-json npm packages (an npm prefix or node_modules); empty: npm install them into a temporary folder")
	out := flag.String("out", "", "output file (default: cldr_tables.go of the locales package)")
	flag.Parse()

	if *cldrDir == "" {
		tmp, err := os.MkdirTemp("", "galley-cldr-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		args := []string{"install", "--prefix", tmp, "--no-audit", "--no-fund", "--silent"}
		for _, p := range npmPackages {
			args = append(args, p+"@"+cldrVersion)
		}
		log.Printf("npm %s", strings.Join(args, " "))
		cmd := exec.Command("npm", args...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm install: %v", err)
		}
		*cldrDir = tmp
	}
	if *out == "" {
		*out = defaultOut()
	}
	g, err := newGenerator(*cldrDir)
	if err != nil {
		log.Fatal(err)
	}
	src, err := g.run()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d locales, %d bytes", *out, len(g.locales), len(src))
}

// defaultOut finds the locales package folder from the working directory:
// go generate runs in it, go run usually from the repository root.
func defaultOut() string {
	for _, dir := range []string{".", "locales", "../..", "../../.."} {
		if _, err := os.Stat(filepath.Join(dir, "doc.go")); err == nil && filepath.Base(mustAbs(dir)) == "locales" {
			return filepath.Join(dir, "cldr_tables.go")
		}
	}
	log.Fatal("cannot find the locales package folder; pass -out")
	return ""
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		log.Fatal(err)
	}
	return a
}

type generator struct {
	pkgs     map[string]string // package name → folder
	parents  map[string]string // CLDR parentLocales ("" = root)
	locales  []string          // sorted, "und" (the root) included
	data     map[string]*record
	coverage map[string]byte   // 'm'odern, 'o' moderate, 'b'asic, 'c'ore, 'r'oot
	likely   map[string]string // CLDR likelySubtags
}

// record mirrors the locales package's cldrLocale; see its documentation.
type record struct {
	Date, Time, Glue                     [4]string
	Months, MonthsAbbr                   [12]string
	MonthsStandalone, MonthsStandaloneAb [12]string
	Days, DaysAbbr                       [7]string
	DaysStandalone, DaysStandaloneAbbr   [7]string
	AM, PM                               string
	Eras, EraNames                       [2]string
	Periods                              string // encoded flexible day periods, see encodePeriods
	Numbers                              string
	Order                                string
	Quotes                               [2]string
	GMT, GMTZero, HourFormat             string
	UTCShort, UTCLong                    string
}

func newGenerator(dir string) (*generator, error) {
	g := &generator{pkgs: map[string]string{}, data: map[string]*record{}}
	for _, p := range npmPackages {
		found := ""
		for _, cand := range []string{filepath.Join(dir, "node_modules", p), filepath.Join(dir, p)} {
			if _, err := os.Stat(filepath.Join(cand, "package.json")); err == nil {
				found = cand
				break
			}
		}
		if found == "" {
			return nil, fmt.Errorf("package %s not found under %s (install with: npm install --prefix %s %s)", p, dir, dir, installArgs())
		}
		var pj struct{ Version string }
		if err := readJSON(filepath.Join(found, "package.json"), &pj); err != nil {
			return nil, err
		}
		if pj.Version != cldrVersion {
			return nil, fmt.Errorf("%s is version %s; the generator expects %s (npm install --prefix %s %s)", p, pj.Version, cldrVersion, dir, installArgs())
		}
		g.pkgs[p] = found
	}
	return g, nil
}

func installArgs() string {
	var s []string
	for _, p := range npmPackages {
		s = append(s, p+"@"+cldrVersion)
	}
	return strings.Join(s, " ")
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (g *generator) path(pkg string, elem ...string) string {
	return filepath.Join(append([]string{g.pkgs[pkg]}, elem...)...)
}

// parent is CLDR's parent locale: the explicit parentLocales entry, else
// root for a non-likely script (the nonlikelyScript rule; the explicit table
// already lists those CLDR has data for), else the tag with its last subtag
// removed.
func (g *generator) parent(tag string) string {
	if p, ok := g.parents[tag]; ok {
		return p
	}
	if lang, sc, ok := strings.Cut(tag, "-"); ok && len(sc) == 4 {
		if max := g.likely[lang]; max != "" && !strings.HasPrefix(max, lang+"-"+sc) {
			return "" // nonlikelyScript: zh-Latn's parent is the root
		}
	}
	if i := strings.LastIndexByte(tag, '-'); i > 0 {
		return tag[:i]
	}
	return ""
}

// hasData reports whether CLDR has gregorian data for the locale.
func (g *generator) hasData(loc string) bool {
	_, err := os.Stat(g.path("cldr-dates-full", "main", loc, "ca-gregorian.json"))
	return err == nil
}

// dataParent is the nearest CLDR ancestor of loc in set: "und" (the root)
// for a top-level locale, "" for the root itself.
func (g *generator) dataParent(loc string, set map[string]bool) string {
	if loc == "und" {
		return ""
	}
	p := g.parent(loc)
	for p != "" && !set[p] {
		p = g.parent(p)
	}
	if p == "" {
		return "und"
	}
	return p
}

func (g *generator) run() ([]byte, error) {
	// Parent locales.
	var pl struct {
		Supplemental struct {
			ParentLocales struct {
				ParentLocale map[string]string `json:"parentLocale"`
			} `json:"parentLocales"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "parentLocales.json"), &pl); err != nil {
		return nil, err
	}
	g.parents = map[string]string{}
	for k, v := range pl.Supplemental.ParentLocales.ParentLocale {
		if v == "und" || v == "root" {
			v = ""
		}
		g.parents[k] = v
	}

	var ls struct {
		Supplemental struct {
			LikelySubtags map[string]string `json:"likelySubtags"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "likelySubtags.json"), &ls); err != nil {
		return nil, err
	}
	g.likely = ls.Supplemental.LikelySubtags

	// The locale set: every locale cldr-dates-full has, whatever its
	// coverage level, with the root ("und") that all of them inherit from.
	entries, err := os.ReadDir(g.path("cldr-dates-full", "main"))
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && g.hasData(e.Name()) {
			set[e.Name()] = true
			g.locales = append(g.locales, e.Name())
		}
	}
	if !set["und"] {
		return nil, errors.New("cldr-dates-full has no root locale (und)")
	}
	sort.Strings(g.locales)
	var cov struct {
		Levels    map[string]string `json:"coverageLevels"`
		Effective map[string]string `json:"effectiveCoverageLevels"`
	}
	if err := readJSON(g.path("cldr-core", "coverageLevels.json"), &cov); err != nil {
		return nil, err
	}
	g.coverage = map[string]byte{}
	for _, loc := range g.locales {
		level := cov.Effective[loc]
		if level == "" {
			level = cov.Levels[loc]
		}
		switch {
		case loc == "und":
			g.coverage[loc] = 'r'
		case level == "":
			g.coverage[loc] = 'c' // below basic: CLDR's "core" data only
		case level == "modern":
			g.coverage[loc] = 'm'
		case level == "moderate":
			g.coverage[loc] = 'o'
		case level == "basic":
			g.coverage[loc] = 'b'
		default:
			return nil, fmt.Errorf("%s: unknown coverage level %q", loc, level)
		}
	}

	// Supplemental tables.
	var ns struct {
		Supplemental struct {
			NumberingSystems map[string]struct {
				Digits string `json:"_digits"`
				Type   string `json:"_type"`
			} `json:"numberingSystems"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "numberingSystems.json"), &ns); err != nil {
		return nil, err
	}
	var md struct {
		Supplemental struct {
			MeasurementData struct {
				PaperSize map[string]string `json:"paperSize"`
			} `json:"measurementData"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "measurementData.json"), &md); err != nil {
		return nil, err
	}
	var dp struct {
		Supplemental struct {
			RuleSet map[string]map[string]map[string]string `json:"dayPeriodRuleSet"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "dayPeriods.json"), &dp); err != nil {
		return nil, err
	}

	// Per-locale data.
	usedSystems := map[string]bool{}
	for _, loc := range g.locales {
		r, err := g.readLocale(loc, dp.Supplemental.RuleSet)
		if err != nil {
			return nil, err
		}
		g.data[loc] = r
		usedSystems[r.Numbers] = true
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "// Code generated by go run ./locales/internal/gen from CLDR %s (npm %s); DO NOT EDIT.\n\n", cldrVersion, installArgs())
	buf.WriteString("package locales\n\n")
	fmt.Fprintf(&buf, "// CLDRVersion is the version of the CLDR data the locale tables come from.\nconst CLDRVersion = %q\n\n", cldrVersion)

	// The locales are stored without pointers (tags aside), so that the
	// table costs a process nothing at start (no pointer mask to build) and
	// the garbage collector nothing at each cycle: a string of records and
	// their end offsets, decoded on first use by the locales package's
	// record function.
	var records bytes.Buffer
	ends := make([]int, len(g.locales))
	for i, loc := range g.locales {
		var base record
		if p := g.dataParent(loc, set); p != "" {
			base = *g.data[p]
		}
		if err := writeRecord(&records, loc, g.data[loc], &base); err != nil {
			return nil, err
		}
		ends[i] = records.Len()
	}
	if records.Len() > math.MaxUint32 {
		return nil, fmt.Errorf("the locale records take %d bytes, more than their uint32 offsets hold", records.Len())
	}
	buf.WriteString("// cldrTags holds the tag of every supported CLDR locale, sorted; the\n// locale's fields are record(i).\nvar cldrTags = [...]string{\n")
	for _, loc := range g.locales {
		fmt.Fprintf(&buf, "%q,\n", loc)
	}
	buf.WriteString("}\n\n")
	buf.WriteString("// cldrRecords holds the fields of each locale that differ from its CLDR\n// parent's, locale i's ending at byte cldrRecordEnds[i]: for each field, its\n// slot (see cldrLocale.slot), its length in bytes as a uvarint, and its\n// text. A field left out inherits from the parent.\nconst cldrRecords = \"\" +\n")
	writeChunked(&buf, records.String())
	buf.WriteString("\n// cldrRecordEnds holds where each locale's record in cldrRecords ends.\nvar cldrRecordEnds = [...]uint32{")
	for i, e := range ends {
		if i%12 == 0 {
			buf.WriteString("\n")
		} else {
			buf.WriteString(" ")
		}
		fmt.Fprintf(&buf, "%d,", e)
	}
	buf.WriteString("\n}\n\n")

	buf.WriteString("// cldrParents is CLDR's parentLocales table (\"\" is the root) for the\n// languages galley has data for, each parent replaced by its nearest\n// ancestor with data. Other tags inherit by truncation. Sorted by\n// tag, for listedParent: static data, nothing is built at start.\nvar cldrParents = [...]tagPair{\n")
	keys := make([]string, 0, len(g.parents))
	for k := range g.parents {
		if lang, _, _ := strings.Cut(k, "-"); set[lang] {
			keys = append(keys, k)
		}
	}
	for _, loc := range g.locales {
		if _, listed := g.parents[loc]; !listed && strings.Count(loc, "-") == 1 && g.parent(loc) == "" && loc != "und" {
			keys = append(keys, loc) // a nonlikelyScript locale (zh-Latn)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := g.parent(k)
		if v != "" && !set[v] {
			v = g.dataParent(v, set)
		}
		if v == "und" {
			v = ""
		}
		fmt.Fprintf(&buf, "{%q, %q},\n", k, v)
	}
	buf.WriteString("}\n\n")

	buf.WriteString("// numberingDigits maps the numbering systems the locales use by default to\n// their digits zero to nine, sorted by system for lookupPair.\nvar numberingDigits = [...]tagPair{\n")
	systems := make([]string, 0, len(usedSystems))
	for s := range usedSystems {
		systems = append(systems, s)
	}
	sort.Strings(systems)
	for _, s := range systems {
		n, ok := ns.Supplemental.NumberingSystems[s]
		if !ok || n.Type != "numeric" {
			return nil, fmt.Errorf("numbering system %q is not a numeric system", s)
		}
		fmt.Fprintf(&buf, "{%q, %q},\n", s, n.Digits)
	}
	buf.WriteString("}\n\n")

	buf.WriteString("// letterRegions are the regions whose CLDR paper size is US-Letter; all\n// others use A4. Sorted, for a binary search.\nvar letterRegions = [...]string{\n")
	var letter []string
	for region, size := range md.Supplemental.MeasurementData.PaperSize {
		switch size {
		case "US-Letter":
			letter = append(letter, region)
		case "A4":
		default:
			return nil, fmt.Errorf("unknown paper size %q for %s", size, region)
		}
	}
	sort.Strings(letter)
	for _, r := range letter {
		fmt.Fprintf(&buf, "%q,\n", r)
	}
	buf.WriteString("}\n")

	covs := make([]byte, len(g.locales))
	for i, loc := range g.locales {
		covs[i] = g.coverage[loc]
	}
	fmt.Fprintf(&buf, "\n// cldrCoverage holds the CLDR coverage level of cldrTags[i] at byte i:\n// 'm' modern, 'o' moderate, 'b' basic, 'c' core (below basic), 'r' the root.\nconst cldrCoverage = %q\n", covs)

	if err := g.writeScripts(&buf); err != nil {
		return nil, err
	}
	if err := g.writePlurals(&buf); err != nil {
		return nil, err
	}

	src, err := format.Source(buf.Bytes())
	if err != nil {
		return buf.Bytes(), fmt.Errorf("formatting the output: %w", err)
	}
	return src, nil
}

type gregorian struct {
	Months struct {
		Format     map[string]map[string]string `json:"format"`
		StandAlone map[string]map[string]string `json:"stand-alone"`
	} `json:"months"`
	Days struct {
		Format     map[string]map[string]string `json:"format"`
		StandAlone map[string]map[string]string `json:"stand-alone"`
	} `json:"days"`
	DayPeriods struct {
		Format map[string]map[string]string `json:"format"`
	} `json:"dayPeriods"`
	Eras struct {
		Names map[string]string `json:"eraNames"`
		Abbr  map[string]string `json:"eraAbbr"`
	} `json:"eras"`
	DateFormats     map[string]pattern         `json:"dateFormats"`
	TimeFormats     map[string]pattern         `json:"timeFormats"`
	DateTimeFormats map[string]json.RawMessage `json:"dateTimeFormats"`
	AtTime          struct {
		Standard map[string]string `json:"standard"`
	} `json:"dateTimeFormats-atTime"`
}

// pattern is a date or time pattern: a string, or an object whose _value
// is the pattern and whose _numbers overrides the numbering system of some
// fields (haw: "M=romanlow"), which galley does not apply (see oracleKnown).
type pattern string

func (p *pattern) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*p = pattern(s)
		return nil
	}
	var o struct {
		Value string `json:"_value"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	*p = pattern(o.Value)
	return nil
}

func patterns(m map[string]pattern) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

var widths = [4]string{"full", "long", "medium", "short"}
var dayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func (g *generator) readLocale(loc string, rules map[string]map[string]map[string]string) (*record, error) {
	var cal struct {
		Main map[string]struct {
			Dates struct {
				Calendars struct {
					Gregorian gregorian `json:"gregorian"`
				} `json:"calendars"`
			} `json:"dates"`
		} `json:"main"`
	}
	if err := readJSON(g.path("cldr-dates-full", "main", loc, "ca-gregorian.json"), &cal); err != nil {
		return nil, err
	}
	gr := cal.Main[loc].Dates.Calendars.Gregorian
	r := &record{}
	var err error
	need := func(m map[string]string, key, what string) string {
		v, ok := m[key]
		if (!ok || v == "") && err == nil {
			err = fmt.Errorf("%s: no %s %q", loc, what, key)
		}
		return v
	}
	for i, w := range widths {
		r.Date[i] = need(patterns(gr.DateFormats), w, "dateFormat")
		r.Time[i] = need(patterns(gr.TimeFormats), w, "timeFormat")
		// ICU (and so Intl) joins date and time with the atTime glue where
		// the locale has one: "December 16, 2025 at 1:14:45 PM UTC".
		if v := gr.AtTime.Standard[w]; v != "" {
			r.Glue[i] = v
		} else {
			var s string
			if e := json.Unmarshal(gr.DateTimeFormats[w], &s); e != nil && err == nil {
				err = fmt.Errorf("%s: dateTimeFormat %s: %v", loc, w, e)
			}
			r.Glue[i] = s
		}
	}
	for m := 0; m < 12; m++ {
		k := strconv.Itoa(m + 1)
		r.Months[m] = need(gr.Months.Format["wide"], k, "month")
		r.MonthsAbbr[m] = need(gr.Months.Format["abbreviated"], k, "month")
	}
	for d, k := range dayKeys {
		r.Days[d] = need(gr.Days.Format["wide"], k, "day")
		r.DaysAbbr[d] = need(gr.Days.Format["abbreviated"], k, "day")
	}
	r.AM = need(gr.DayPeriods.Format["abbreviated"], "am", "day period")
	r.PM = need(gr.DayPeriods.Format["abbreviated"], "pm", "day period")
	for i, k := range []string{"0", "1"} {
		r.Eras[i] = need(gr.Eras.Abbr, k, "era")
		r.EraNames[i] = need(gr.Eras.Names, k, "era")
	}

	// What the patterns use decides which optional names are stored.
	letters := map[byte]bool{}
	for _, p := range slices.Concat(r.Date[:], r.Time[:], r.Glue[:]) {
		for _, f := range patternFields(p) {
			if !strings.ContainsRune(supportedLetters, rune(f)) {
				return nil, fmt.Errorf("%s: pattern %q uses the letter %q, which the locales package does not format", loc, p, f)
			}
			letters[f] = true
		}
	}
	if letters['L'] {
		for m := 0; m < 12; m++ {
			k := strconv.Itoa(m + 1)
			r.MonthsStandalone[m] = need(gr.Months.StandAlone["wide"], k, "stand-alone month")
			r.MonthsStandaloneAb[m] = need(gr.Months.StandAlone["abbreviated"], k, "stand-alone month")
		}
	}
	if letters['c'] {
		for d, k := range dayKeys {
			r.DaysStandalone[d] = need(gr.Days.StandAlone["wide"], k, "stand-alone day")
			r.DaysStandaloneAbbr[d] = need(gr.Days.StandAlone["abbreviated"], k, "stand-alone day")
		}
	}
	if letters['B'] {
		r.Periods, err = encodePeriods(loc, rules, gr.DayPeriods.Format["abbreviated"])
	}
	if err != nil {
		return nil, err
	}

	// Numbering system.
	var num struct {
		Main map[string]struct {
			Numbers struct {
				Default string `json:"defaultNumberingSystem"`
			} `json:"numbers"`
		} `json:"main"`
	}
	if err := readJSON(g.path("cldr-numbers-full", "main", loc, "numbers.json"), &num); err != nil {
		return nil, err
	}
	r.Numbers = num.Main[loc].Numbers.Default
	if r.Numbers == "" {
		return nil, fmt.Errorf("%s: no default numbering system", loc)
	}

	// Time zone formats.
	var tz struct {
		Main map[string]struct {
			Dates struct {
				TimeZoneNames struct {
					GMT     string `json:"gmtFormat"`
					GMTZero string `json:"gmtZeroFormat"`
					Hour    string `json:"hourFormat"`
					Zone    struct {
						Etc struct {
							UTC struct {
								Long  struct{ Standard string } `json:"long"`
								Short struct{ Standard string } `json:"short"`
							} `json:"UTC"`
						} `json:"Etc"`
					} `json:"zone"`
				} `json:"timeZoneNames"`
			} `json:"dates"`
		} `json:"main"`
	}
	if err := readJSON(g.path("cldr-dates-full", "main", loc, "timeZoneNames.json"), &tz); err != nil {
		return nil, err
	}
	tzn := tz.Main[loc].Dates.TimeZoneNames
	r.GMT, r.GMTZero, r.HourFormat = tzn.GMT, tzn.GMTZero, tzn.Hour
	if r.GMT == "" || r.GMTZero == "" || !strings.Contains(r.HourFormat, ";") {
		return nil, fmt.Errorf("%s: incomplete GMT formats %q %q %q", loc, r.GMT, r.GMTZero, r.HourFormat)
	}
	// Without a short name for UTC, ICU writes the localized GMT zero
	// format ("GMT").
	r.UTCShort, r.UTCLong = tzn.Zone.Etc.UTC.Short.Standard, tzn.Zone.Etc.UTC.Long.Standard
	if r.UTCShort == "" {
		r.UTCShort = r.GMTZero
	}
	// Without a long name, ICU writes the long localized GMT format
	// ("GMT+00:00"); the locales package does that where utcLong is empty.

	// Quotation marks and character order.
	var del struct {
		Main map[string]struct {
			Delimiters struct {
				Start string `json:"quotationStart"`
				End   string `json:"quotationEnd"`
			} `json:"delimiters"`
		} `json:"main"`
	}
	if err := readJSON(g.path("cldr-misc-full", "main", loc, "delimiters.json"), &del); err != nil {
		return nil, err
	}
	r.Quotes = [2]string{del.Main[loc].Delimiters.Start, del.Main[loc].Delimiters.End}
	var lay struct {
		Main map[string]struct {
			Layout struct {
				Orientation struct {
					CharacterOrder string `json:"characterOrder"`
				} `json:"orientation"`
			} `json:"layout"`
		} `json:"main"`
	}
	if err := readJSON(g.path("cldr-misc-full", "main", loc, "layout.json"), &lay); err != nil {
		return nil, err
	}
	switch o := lay.Main[loc].Layout.Orientation.CharacterOrder; o {
	case "left-to-right":
		r.Order = "ltr"
	case "top-to-bottom":
		// Mongolian script (mn-Mong) is written in vertical columns; set
		// horizontally, as galley's HTML and PDF do, it runs left to right.
		r.Order = "ltr"
	case "right-to-left":
		r.Order = "rtl"
	default:
		return nil, fmt.Errorf("%s: unknown character order %q", loc, o)
	}
	if r.Quotes[0] == "" || r.Quotes[1] == "" {
		return nil, fmt.Errorf("%s: no quotation marks", loc)
	}
	return r, nil
}

// patternFields returns the pattern letters of a CLDR date pattern (quoted
// literals skipped).
func patternFields(p string) []byte {
	var out []byte
	quoted := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case !quoted && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			out = append(out, c)
		}
	}
	return out
}

// encodePeriods writes the flexible day periods ('B') of a locale as
// "from-before=name" entries in minutes after midnight, ";"-separated, with
// "at" rules written as "from=name" (used only at that exact minute).
func encodePeriods(loc string, rules map[string]map[string]map[string]string, names map[string]string) (string, error) {
	var set map[string]map[string]string
	for t := loc; t != ""; {
		if s, ok := rules[t]; ok {
			set = s
			break
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	if set == nil {
		return "", fmt.Errorf("%s: the patterns use B but CLDR has no day-period rules for it", loc)
	}
	minutes := func(s string) (int, error) {
		var h, m int
		if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
			return 0, fmt.Errorf("%s: day period time %q: %v", loc, s, err)
		}
		return h*60 + m, nil
	}
	type entry struct {
		from, before int
		at           bool
		name         string
	}
	var entries []entry
	for period, rule := range set {
		name := names[period]
		if name == "" {
			continue // no name for it in this locale: CLDR falls back to the next rule
		}
		if at, ok := rule["_at"]; ok {
			m, err := minutes(at)
			if err != nil {
				return "", err
			}
			entries = append(entries, entry{from: m, at: true, name: name})
			continue
		}
		from, err := minutes(rule["_from"])
		if err != nil {
			return "", err
		}
		before, err := minutes(rule["_before"])
		if err != nil {
			return "", err
		}
		entries = append(entries, entry{from: from, before: before, name: name})
	}
	if len(entries) == 0 {
		return "", errors.New(loc + ": no named day periods")
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].from != entries[j].from {
			return entries[i].from < entries[j].from
		}
		return entries[i].at && !entries[j].at
	})
	var parts []string
	for _, e := range entries {
		if strings.ContainsAny(e.name, ";=") {
			return "", fmt.Errorf("%s: day period name %q contains a separator", loc, e.name)
		}
		if e.at {
			parts = append(parts, fmt.Sprintf("%d=%s", e.from, e.name))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d=%s", e.from, e.before, e.name))
		}
	}
	return strings.Join(parts, ";"), nil
}

// writeRecord writes r as a cldrLocale literal holding only what differs
// from base, the resolved data of its parent.
func writeRecord(buf *bytes.Buffer, tag string, r, base *record) error {
	var err error
	// Optional names (stand-alone forms, flexible day periods) are stored
	// only for locales whose patterns use them; a child without them simply
	// inherits its parent's.
	optional := func(name string) bool {
		return strings.Contains(name, "Standalone") || name == "periods"
	}
	// slot numbers the string fields in their order in the record (and in
	// the locales package's cldrLocale), array elements one by one.
	slot := 0
	field := func(name string, i int, v, b string) {
		k := slot
		slot++
		if v == b || v == "" && optional(name) {
			return
		}
		if v == "" && err == nil {
			err = fmt.Errorf("%s: %s[%d] is empty but its parent's is %q; an empty field cannot override", tag, name, i, b)
		}
		buf.WriteByte(byte(k))
		buf.Write(binary.AppendUvarint(nil, uint64(len(v))))
		buf.WriteString(v)
	}
	str := func(name, v, b string) { field(name, 0, v, b) }
	arr := func(name string, v, b []string) {
		for i := range v {
			field(name, i, v[i], b[i])
		}
	}
	arr("date", r.Date[:], base.Date[:])
	arr("time", r.Time[:], base.Time[:])
	arr("glue", r.Glue[:], base.Glue[:])
	arr("months", r.Months[:], base.Months[:])
	arr("monthsAbbr", r.MonthsAbbr[:], base.MonthsAbbr[:])
	arr("monthsStandalone", r.MonthsStandalone[:], base.MonthsStandalone[:])
	arr("monthsStandaloneAbbr", r.MonthsStandaloneAb[:], base.MonthsStandaloneAb[:])
	arr("days", r.Days[:], base.Days[:])
	arr("daysAbbr", r.DaysAbbr[:], base.DaysAbbr[:])
	arr("daysStandalone", r.DaysStandalone[:], base.DaysStandalone[:])
	arr("daysStandaloneAbbr", r.DaysStandaloneAbbr[:], base.DaysStandaloneAbbr[:])
	str("am", r.AM, base.AM)
	str("pm", r.PM, base.PM)
	arr("eras", r.Eras[:], base.Eras[:])
	arr("eraNames", r.EraNames[:], base.EraNames[:])
	str("periods", r.Periods, base.Periods)
	str("numbers", r.Numbers, base.Numbers)
	str("order", r.Order, base.Order)
	arr("quotes", r.Quotes[:], base.Quotes[:])
	str("gmt", r.GMT, base.GMT)
	str("gmtZero", r.GMTZero, base.GMTZero)
	str("hourFormat", r.HourFormat, base.HourFormat)
	str("utcShort", r.UTCShort, base.UTCShort)
	str("utcLong", r.UTCLong, base.UTCLong)
	if slot != recordSlots {
		return fmt.Errorf("%d record slots written, want %d", slot, recordSlots)
	}
	return err
}

// recordSlots is the number of string fields of a record, array elements
// counted one by one; the locales package's cldrLocale has as many.
const recordSlots = 104

// writeChunked writes s as lines of a Go string concatenation, about 96
// bytes of s to a line, cut only between UTF-8 sequences.
func writeChunked(buf *bytes.Buffer, s string) {
	for len(s) > 0 {
		n := min(96, len(s))
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++
		}
		buf.WriteString(strconv.Quote(s[:n]))
		s = s[n:]
		if len(s) > 0 {
			buf.WriteString(" +\n")
		} else {
			buf.WriteString("\n")
		}
	}
}

// writeScripts writes likelyScripts (CLDR 48's likely subtags reduced to
// the script of a language, of a language-region pair where it differs
// from the language's, and of a region for the undetermined language) and
// rtlScripts, the scripts of the locales whose character order is right to
// left.
func (g *generator) writeScripts(buf *bytes.Buffer) error {
	likely := g.likely
	scriptOf := func(max string) string {
		parts := strings.Split(max, "-")
		if len(parts) < 2 || len(parts[1]) != 4 {
			return ""
		}
		return parts[1]
	}
	entries := map[string]string{}
	for k, v := range likely {
		sc := scriptOf(v)
		if sc == "" {
			return fmt.Errorf("likely subtags: %s → %s has no script", k, v)
		}
		parts := strings.Split(k, "-")
		switch {
		case len(parts) == 1:
			entries[k] = sc
		case len(parts) == 2 && len(parts[1]) != 4: // lang-REGION, und-REGION
			entries[k] = sc
		}
	}
	// Latin is the default: a language or region is kept only where its
	// script is another, and a language-region pair only where its script
	// is not the language's (sr-ME is Latn, sr is Cyrl).
	for k, sc := range entries {
		lang, _, pair := strings.Cut(k, "-")
		switch {
		case pair && lang != "und":
			want := entries[lang]
			if want == "" {
				want = "Latn"
			}
			if want == sc {
				delete(entries, k)
			}
		case sc == "Latn":
			delete(entries, k)
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		if len(k) > 8 {
			return fmt.Errorf("likely subtags key %q is longer than 8 bytes", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf.WriteString("\n// likelyScripts is CLDR's likely subtags reduced to scripts: records of\n// 12 bytes, a key (\"dv\", \"sr-ME\", \"und-MV\") padded to 8 with spaces and\n// its script, sorted by key. Keys whose script is Latn are left out, and a\n// language-region pair is listed only where its script differs from the\n// language's.\nconst likelyScripts = \"\" +\n")
	for i := 0; i < len(keys); i += 6 {
		var rec strings.Builder
		for _, k := range keys[i:min(i+6, len(keys))] {
			fmt.Fprintf(&rec, "%-8s%s", k, entries[k])
		}
		sep := " +"
		if i+6 >= len(keys) {
			sep = ""
		}
		fmt.Fprintf(buf, "\t%q%s\n", rec.String(), sep)
	}

	// The right-to-left scripts, from the locales' character order.
	likelyScript := func(loc string) string {
		parts := strings.Split(loc, "-")
		if len(parts) > 1 && len(parts[1]) == 4 {
			return parts[1]
		}
		if len(parts) > 1 {
			if sc, ok := entries[parts[0]+"-"+parts[1]]; ok {
				return sc
			}
		}
		if sc, ok := entries[parts[0]]; ok {
			return sc
		}
		return "Latn"
	}
	order := map[string]string{}
	where := map[string]string{}
	for _, loc := range g.locales {
		if loc == "und" {
			continue
		}
		sc := likelyScript(loc)
		if sc == "" {
			return fmt.Errorf("%s: no likely script", loc)
		}
		o := g.data[loc].Order
		if prev, ok := order[sc]; ok && prev != o {
			return fmt.Errorf("script %s is %s in %s but %s in %s: direction cannot come from the script", sc, prev, where[sc], o, loc)
		}
		order[sc], where[sc] = o, loc
	}
	// Scripts no locale uses take the direction of their letters, by
	// Unicode's bidi classes (Samr, the likely script of Samaritan Aramaic,
	// is right to left).
	for _, sc := range entries {
		if _, ok := order[sc]; ok {
			continue
		}
		if dir := unicodeDirection(sc); dir != "" {
			order[sc] = dir
		}
	}
	var rtl []string
	for sc, o := range order {
		if o == "rtl" {
			rtl = append(rtl, sc)
		}
	}
	sort.Strings(rtl)
	buf.WriteString("\n// rtlScripts are the scripts written right to left: those of the CLDR\n// locales whose character order is right-to-left.\n")
	fmt.Fprintf(buf, "const rtlScripts = %q\n", strings.Join(rtl, " "))
	return nil
}

// writePlurals writes CLDR's cardinal plural rules: pluralRuleSets, each
// distinct set of rules once ("one: i = 1 and v = 0 @integer 1; other:
// @integer 0, 2~16 …", samples kept for the tests), and pluralLanguages,
// the locales that have rules, sorted, with the index of their set.
func (g *generator) writePlurals(buf *bytes.Buffer) error {
	var pl struct {
		Supplemental struct {
			Cardinal map[string]map[string]string `json:"plurals-type-cardinal"`
		} `json:"supplemental"`
	}
	if err := readJSON(g.path("cldr-core", "supplemental", "plurals.json"), &pl); err != nil {
		return err
	}
	order := []string{"zero", "one", "two", "few", "many", "other"}
	var sets []string
	index := map[string]int{}
	langs := make([]string, 0, len(pl.Supplemental.Cardinal))
	for l := range pl.Supplemental.Cardinal {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var table strings.Builder
	for _, l := range langs {
		rules := pl.Supplemental.Cardinal[l]
		var parts []string
		for _, c := range order {
			r, ok := rules["pluralRule-count-"+c]
			if !ok {
				continue
			}
			if strings.ContainsAny(r, ";") {
				return fmt.Errorf("plural rule %s/%s contains ';'", l, c)
			}
			parts = append(parts, c+": "+strings.TrimSpace(r))
		}
		if len(parts) != len(rules) || !strings.HasPrefix(parts[len(parts)-1], "other:") {
			return fmt.Errorf("plural rules of %s: unexpected categories %v", l, rules)
		}
		set := strings.Join(parts, "; ")
		i, ok := index[set]
		if !ok {
			i = len(sets)
			index[set] = i
			sets = append(sets, set)
		}
		fmt.Fprintf(&table, "{%q, %d},\n", l, i)
	}
	buf.WriteString("\n// pluralRuleSets are CLDR's distinct sets of cardinal plural rules, in\n// CLDR's syntax, \"category: condition @integer … @decimal …; …\", other last.\nvar pluralRuleSets = [...]string{\n")
	for _, s := range sets {
		fmt.Fprintf(buf, "%q,\n", s)
	}
	buf.WriteString("}\n\n// pluralLanguages maps the locales CLDR gives plural rules (\"und\" is the\n// root's) to their set in pluralRuleSets, sorted by tag.\nvar pluralLanguages = [...]struct {\n\ttag string\n\tset uint8\n}{\n")
	buf.WriteString(table.String())
	buf.WriteString("}\n")
	if len(sets) > 255 {
		return fmt.Errorf("%d plural rule sets do not fit a uint8", len(sets))
	}
	return nil
}

// unicodeDirection returns the direction of a script's letters by their
// Unicode bidi class ("rtl" for R and AL), found through the script's
// English name in Go's Unicode tables; "" when the tables do not name it.
func unicodeDirection(code string) string {
	sc, err := language.ParseScript(code)
	if err != nil {
		return ""
	}
	name := strings.ReplaceAll(display.English.Scripts().Name(sc), " ", "_")
	table, ok := unicode.Scripts[name]
	if !ok {
		return ""
	}
	rtl, ltr := 0, 0
	for _, r16 := range table.R16 {
		for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
			count(r, &rtl, &ltr)
		}
	}
	for _, r32 := range table.R32 {
		for r := rune(r32.Lo); r <= rune(r32.Hi); r += rune(r32.Stride) {
			count(r, &rtl, &ltr)
		}
	}
	switch {
	case rtl > ltr:
		return "rtl"
	case ltr > 0:
		return "ltr"
	}
	return ""
}

func count(r rune, rtl, ltr *int) {
	if !unicode.IsLetter(r) {
		return
	}
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.R, bidi.AL:
		*rtl++
	case bidi.L:
		*ltr++
	}
}
