package locales

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The oracle test compares FormatDate (and FormatDateTime) for every
// supported locale with Node's Intl.DateTimeFormat, which is ICU with CLDR
// data. It runs one node process for all locales and dates and is skipped
// when node is missing or its ICU carries another CLDR version.
//
// Intl is asked for the gregorian calendar (calendar: "gregory"): galley,
// like the MkDocs plugin, writes gregorian dates for every locale, also
// where the locale's default calendar is another (th: buddhist, where Intl
// by default writes 16 ธันวาคม 2568; fa, ps, uz-Arab: persian).

// oracleScript reads {"tags": [...], "times": [ms...], "styles": [...]} and
// writes {"cldr": "48.0", "results": {tag: {"resolved": tag, "date":
// {style: [..]}, "datetime": {style: [..]}}}}.
const oracleScript = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {cldr: process.versions.cldr || '', results: {}};
for (const tag of input.tags) {
  const r = {date: {}, datetime: {}};
  for (const style of input.styles) {
    let f, g;
    try {
      f = new Intl.DateTimeFormat(tag, {dateStyle: style, timeZone: 'UTC', calendar: 'gregory'});
      g = new Intl.DateTimeFormat(tag, {dateStyle: style, timeStyle: style, timeZone: 'UTC', calendar: 'gregory'});
    } catch (e) { r.error = String(e); break; }
    r.resolved = f.resolvedOptions().locale;
    r.date[style] = input.times.map(t => f.format(new Date(t)));
    r.datetime[style] = input.times.map(t => g.format(new Date(t)));
  }
  out.results[tag] = r;
}
process.stdout.write(JSON.stringify(out));
`

// oracleKnown lists where galley's output differs from Node's ICU on
// purpose, keyed "tag what" (what: date or datetime), with the reason. The
// README's "Where dates differ from ICU" says the same for users: keep the
// two in step. Every long date matches.
var oracleKnown = map[string]string{
	"ko datetime":         "cldr-json has 오전/오후 for am/pm; Node's ICU writes AM/PM",
	"ko-KP datetime":      "as ko",
	"ps-PK datetime":      "cldr-json has غ.م./غ.و. for am/pm; Node's ICU writes AM/PM",
	"sr-Cyrl-ME datetime": "cldr-json names UTC in Cyrillic; Node's ICU in Latin script",
	"fr-ML datetime":      "cldr-json's short atTime glue is \"{1}, {0}\"; Node's ICU uses fr's \"{1} {0}\"",
	"haw date":            "haw's short date numbers the month in lower-case Roman numerals (16/xii/25, CLDR's _numbers M=romanlow); galley writes 16/12/25",
	"haw datetime":        "as haw date",
	"ku-Latn-IQ datetime": "cldr-json's time patterns are 24-hour; ICU applies Iraq's preferred 12-hour cycle (01:14 PN)",
	"vmw datetime":        "cldr-json's hourFormat is +H:mm (GMT+0:00); Node's ICU writes GMT+00:00",
}

// oracleResolved lists locales ICU has no data of its own for whose dates
// are still compared with what ICU falls back to (a parent with the same
// dates). Other locales that Intl resolves to another tag (ICU lacks about
// 120 of CLDR's basic and core locales: aa, dv, zh-Latn, …) are skipped and
// counted in the log.
var oracleResolved = map[string]bool{
	"be-tarask":      true, // ICU: be
	"ca-ES-valencia": true, // ICU: ca-ES
	"el-polyton":     true, // ICU: el
	"nb-SJ":          true, // ICU: nb
}

func TestOracleIntl(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found; the Intl oracle needs it")
	}
	times := []time.Time{
		time.Date(2026, 11, 28, 9, 5, 7, 0, time.UTC),
		time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC),
		time.Date(1999, 7, 4, 23, 59, 59, 0, time.UTC),
	}
	var in struct {
		Tags   []string `json:"tags"`
		Times  []int64  `json:"times"`
		Styles []string `json:"styles"`
	}
	for _, l := range Supported() {
		in.Tags = append(in.Tags, l.String())
	}
	for _, tm := range times {
		in.Times = append(in.Times, tm.UnixMilli())
	}
	in.Styles = widthNames[:]
	body, _ := json.Marshal(in)
	cmd := exec.Command(node, "-e", oracleScript)
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out struct {
		CLDR    string `json:"cldr"`
		Results map[string]struct {
			Resolved string              `json:"resolved"`
			Error    string              `json:"error"`
			Date     map[string][]string `json:"date"`
			DateTime map[string][]string `json:"datetime"`
		} `json:"results"`
	}
	if err := json.Unmarshal(outb, &out); err != nil {
		t.Fatal(err)
	}
	if major, _, _ := strings.Cut(out.CLDR, "."); major != strings.Split(CLDRVersion, ".")[0] {
		t.Skipf("node's ICU has CLDR %s, galley CLDR %s: the oracle needs the same version", out.CLDR, CLDRVersion)
	}
	compared, mismatches := 0, 0
	var notInICU []string
	seen := map[string]bool{}
	for _, l := range Supported() {
		tag := l.String()
		r := out.Results[tag]
		if r.Error != "" {
			t.Errorf("%s: Intl: %s", tag, r.Error)
			continue
		}
		if r.Resolved != tag && !oracleResolved[tag] {
			notInICU = append(notInICU, tag)
			continue
		}
		for w, style := range widthNames {
			for i, tm := range times {
				compared++
				check := func(what, got, want string) {
					// V8 replaces U+202F NARROW NO-BREAK SPACE with a plain
					// space in date output (a web-compatibility patch of its
					// own, not ICU's or CLDR's); compare without it.
					if strings.ReplaceAll(got, "\u202f", " ") == want {
						return
					}
					mismatches++
					seen[tag+" "+what] = true
					if oracleKnown[tag+" "+what] == "" {
						t.Errorf("%s %s %s %s:\n got  %q\n want %q (Intl)", tag, what, style, tm.Format(time.DateOnly), got, want)
					}
				}
				check("date", l.FormatDate(tm, Width(w)), r.Date[style][i])
				check("datetime", l.FormatDateTime(tm, Width(w)), r.DateTime[style][i])
			}
		}
	}
	for k := range oracleKnown {
		if !seen[k] {
			t.Errorf("oracleKnown[%q] no longer differs from Intl: remove it", k)
		}
	}
	t.Logf("compared %d locale × width × date cases (date and date-time) with Intl (CLDR %s): %d known differences; %d locales ICU has no data for: %s",
		compared, out.CLDR, mismatches, len(notInICU), strings.Join(notInICU, " "))
	if len(notInICU) > 150 {
		t.Errorf("Intl resolved %d of %d locales to other tags: is Node's ICU built with full data?", len(notInICU), len(Supported()))
	}
}

// TestOraclePluralRules compares PluralCategory with Node's
// Intl.PluralRules (ICU with CLDR 48 plural rules) for every locale ICU has
// data for and the integers 0 to 300 and some large ones; x/text's older
// rules disagree in several languages (mk, for one).
func TestOraclePluralRules(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found; the Intl oracle needs it")
	}
	const script = `
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {cldr: process.versions.cldr || '', results: {}};
for (const tag of input.tags) {
  const p = new Intl.PluralRules(tag);
  out.results[tag] = {resolved: p.resolvedOptions().locale, cats: input.numbers.map(n => p.select(n))};
}
process.stdout.write(JSON.stringify(out));
`
	var in struct {
		Tags    []string `json:"tags"`
		Numbers []int    `json:"numbers"`
	}
	for _, l := range Supported() {
		in.Tags = append(in.Tags, l.String())
	}
	for n := 0; n <= 300; n++ {
		in.Numbers = append(in.Numbers, n)
	}
	in.Numbers = append(in.Numbers, 1000, 1001, 10000, 100000, 1000000, 1000001, 2000000)
	body, _ := json.Marshal(in)
	cmd := exec.Command(node, "-e", script)
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out struct {
		CLDR    string `json:"cldr"`
		Results map[string]struct {
			Resolved string   `json:"resolved"`
			Cats     []string `json:"cats"`
		} `json:"results"`
	}
	if err := json.Unmarshal(outb, &out); err != nil {
		t.Fatal(err)
	}
	if major, _, _ := strings.Cut(out.CLDR, "."); major != strings.Split(CLDRVersion, ".")[0] {
		t.Skipf("node's ICU has CLDR %s, galley CLDR %s: the oracle needs the same version", out.CLDR, CLDRVersion)
	}
	compared := 0
	for _, l := range Supported() {
		r := out.Results[l.String()]
		// ICU's plural rules are per language: compare where ICU resolved
		// the tag to itself or to its language.
		if lang, _, _ := strings.Cut(l.String(), "-"); r.Resolved != l.String() && r.Resolved != lang {
			continue
		}
		for i, n := range in.Numbers {
			compared++
			if got := l.PluralCategory(n); got != r.Cats[i] {
				t.Errorf("%s %d: %q, Intl.PluralRules %q", l, n, got, r.Cats[i])
				break
			}
		}
	}
	if compared < 100000 {
		t.Errorf("only %d cases compared", compared)
	}
	t.Logf("compared %d locale × number plural categories with Intl.PluralRules (CLDR %s)", compared, out.CLDR)
}
