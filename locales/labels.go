package locales

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The label keys: the English source strings of the words galley adds to
// documents. Pass them to a Printer (Locale.Printer) to get the translation:
//
//	p := l.Printer()
//	p.Sprintf(locales.LabelPageOf, 2, 5)   // "Seite 2 von 5" in de
//	p.Sprintf(locales.LabelPages, 3)       // "3 Seiten"
//
// Date labels (LastUpdated, Created, Effective) are written before a colon
// and a date: "Zuletzt aktualisiert: 16. Dezember 2025". The admonition
// titles are the default titles of MkDocs admonitions (`!!! note` is
// titled "Note"), so the capitalized admonition type is its key.
const (
	LabelLastUpdated = "Last updated"
	LabelCreated     = "Created"
	LabelEffective   = "Effective"
	LabelPageOf      = "Page %d of %d"
	LabelContents    = "Contents"
	LabelFootnotes   = "Footnotes"
	LabelReferences  = "References"

	LabelNote      = "Note"
	LabelWarning   = "Warning"
	LabelTip       = "Tip"
	LabelImportant = "Important"
	LabelDanger    = "Danger"
	LabelCaution   = "Caution"
	LabelInfo      = "Info"
	LabelExample   = "Example"
	LabelAbstract  = "Abstract"
	LabelSuccess   = "Success"
	LabelQuestion  = "Question"
	LabelFailure   = "Failure"
	LabelBug       = "Bug"
	LabelQuote     = "Quote"
	LabelDetails   = "Details"

	// LabelImage introduces an image's alternative text in plain text
	// ("[Image: Logo]"); LabelColumn names a column that has no header.
	LabelImage  = "Image"
	LabelColumn = "Column"

	// LabelTranslationMissing takes the name of the original's language in
	// the reader's language (Locale.LanguageName): "…showing the English
	// original."
	LabelTranslationMissing = "Translation not available; showing the %s original."
	// LabelPages is plural: "1 page", "2 pages"; translations give the
	// forms of their language's CLDR plural categories.
	LabelPages = "%d pages"
)

// Labels returns every label key, in the order of the constants.
func Labels() []string {
	return []string{
		LabelLastUpdated, LabelCreated, LabelEffective, LabelPageOf, LabelContents,
		LabelFootnotes, LabelReferences,
		LabelNote, LabelWarning, LabelTip, LabelImportant, LabelDanger, LabelCaution,
		LabelInfo, LabelExample, LabelAbstract, LabelSuccess, LabelQuestion,
		LabelFailure, LabelBug, LabelQuote, LabelDetails, LabelImage, LabelColumn,
		LabelTranslationMissing, LabelPages,
	}
}

// The translations are JSON files in labels/, one per language, named by
// its BCP 47 tag (labels/de.json, labels/zh-Hant.json, labels/pt.json for
// Brazilian Portuguese). Each maps a label key to its translation, or, for
// a plural label, to an object of CLDR plural categories ("zero", "one",
// "two", "few", "many", "other"), "other" required:
//
//	{
//	  "Last updated": "Zuletzt aktualisiert",
//	  "%d pages": {"one": "%d Seite", "other": "%d Seiten"}
//	}
//
// Verbs such as %d and %s are fmt's; %[2]d reorders arguments. A key a
// file lacks falls back to the English text (labels/en.json).
//
//go:embed labels/*.json
var labelFiles embed.FS

// LabelLanguages returns the languages that have a label file, sorted.
func LabelLanguages() []string {
	langs, _ := labelData()
	out := make([]string, 0, len(langs))
	for t := range langs {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// MissingLabels returns, for each language with a label file, the label
// keys it does not translate (nil when all are there).
func MissingLabels() map[string][]string {
	langs, _ := labelData()
	out := map[string][]string{}
	for t, msgs := range langs {
		for _, k := range Labels() {
			if _, ok := msgs[k]; !ok {
				out[t] = append(out[t], k)
			}
		}
	}
	return out
}

// labelMessage is one translation: a string, or plural forms.
type labelMessage struct {
	text   string
	plural map[string]string
}

func (m *labelMessage) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		if err := json.Unmarshal(b, &m.plural); err != nil {
			return err
		}
		if m.plural["other"] == "" {
			return fmt.Errorf("plural forms without \"other\"")
		}
		for k := range m.plural {
			if !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, k) {
				return fmt.Errorf("unknown plural category %q", k)
			}
		}
		return nil
	}
	return json.Unmarshal(b, &m.text)
}

var (
	labelsOnce  sync.Once
	labelLangs  map[string]map[string]labelMessage
	labelErr    error
	catalogOnce sync.Once
	labelCat    *catalog.Builder
	labelMatch  language.Matcher
	labelTags   []language.Tag // the catalog's languages, English first
)

// labelData reads the label files once.
func labelData() (map[string]map[string]labelMessage, error) {
	labelsOnce.Do(func() { labelLangs, labelErr = loadLabels(labelFiles) })
	return labelLangs, labelErr
}

func loadLabels(fsys fs.FS) (map[string]map[string]labelMessage, error) {
	names, err := fs.Glob(fsys, "labels/*.json")
	if err != nil {
		return nil, err
	}
	langs := map[string]map[string]labelMessage{}
	known := Labels()
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		tag := strings.TrimSuffix(path.Base(name), ".json")
		if _, err := language.Parse(tag); err != nil {
			return nil, fmt.Errorf("locales: %s: the file name is not a language tag: %v", name, err)
		}
		var msgs map[string]labelMessage
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("locales: %s: %v", name, err)
		}
		for k := range msgs {
			if !slices.Contains(known, k) {
				return nil, fmt.Errorf("locales: %s: %q is not a label key", name, k)
			}
		}
		langs[tag] = msgs
	}
	if _, ok := langs["en"]; !ok {
		return nil, fmt.Errorf("locales: labels/en.json is missing")
	}
	return langs, nil
}

// labelCatalog builds the message catalog once: every language gets every
// key, English where its file has none.
func labelCatalog() *catalog.Builder {
	labelData()
	if labelErr != nil {
		panic(labelErr) // the files are embedded: a broken one fails every test
	}
	catalogOnce.Do(func() {
		labelCat = catalog.NewBuilder(catalog.Fallback(language.English))
		en := labelLangs["en"]
		for _, t := range LabelLanguages() {
			tag := catalogTag(language.MustParse(t))
			labelTags = append(labelTags, tag)
			for _, k := range Labels() {
				m, ok := labelLangs[t][k]
				if !ok {
					m = en[k]
				}
				var err error
				if m.plural != nil {
					// x/text's plural rules are older than CLDR 48 and refuse
					// categories they lack (es "many"): give only theirs.
					forms := pluralForms(tag)
					var cases []any
					for _, c := range []string{"zero", "one", "two", "few", "many", "other"} {
						if s, ok := m.plural[c]; ok && (c == "other" || forms[c]) {
							cases = append(cases, c, s)
						}
					}
					err = labelCat.Set(tag, k, plural.Selectf(1, "%d", cases...))
				} else {
					err = labelCat.SetString(tag, k, m.text)
				}
				if err != nil {
					panic(fmt.Sprintf("locales: label %q for %s: %v", k, t, err))
				}
			}
		}
		// English first: the matcher's default.
		i := slices.IndexFunc(labelTags, func(t language.Tag) bool { return t == language.English })
		labelTags[0], labelTags[i] = labelTags[i], labelTags[0]
		labelMatch = language.NewMatcher(labelTags)
	})
	return labelCat
}

// pluralForms returns the cardinal plural categories x/text knows for tag,
// found by asking its rules about integers and decimals.
func pluralForms(tag language.Tag) map[string]bool {
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	forms := map[string]bool{}
	for i := 0; i <= 1000; i++ {
		forms[names[plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0)]] = true
		forms[names[plural.Cardinal.MatchPlural(tag, i, 1, 1, 5, 5)]] = true // i.5
	}
	for _, i := range []int{10000, 100000, 1000000, 10000000} {
		forms[names[plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0)]] = true
	}
	return forms
}

// catalogTag drops a language's default script from a tag (zh-Hans → zh):
// x/text's catalog finds messages stored under the short form only.
func catalogTag(t language.Tag) language.Tag {
	base, script, region := t.Raw()
	if def, _ := language.Make(base.String()).Script(); script == def {
		if c, err := language.Compose(base, region); err == nil {
			return c
		}
	}
	return t
}

// labelTag returns the tag to print l's labels with: l's own tag when the
// catalog has its language (keeping its region's number formatting, with
// CLDR 48's default digits, which may differ from x/text's older data: ar
// is latn since CLDR 46), the catalog language x/text matches with High
// confidence otherwise (gsw → de), else English.
func (l Locale) labelTag() language.Tag {
	labelCatalog()
	tag := l.Tag()
	_, i, conf := labelMatch.Match(tag)
	if conf < language.High {
		return language.English
	}
	lb, _ := tag.Base()
	cb, _ := labelTags[i].Base()
	if lb != cb {
		return labelTags[i]
	}
	if nu := l.data().numbers; nu != "" {
		if t, err := tag.SetTypeForKey("nu", nu); err == nil {
			return t
		}
	}
	return tag
}

// Printer returns a message printer for galley's labels in this locale
// (English where the locale's language has no translation; English text for
// keys a translation lacks). Keep it: building one matches the locale
// against the catalog.
func (l Locale) Printer() *message.Printer {
	return message.NewPrinter(l.labelTag(), message.Catalog(labelCatalog()))
}

// TranslationMissing returns the LabelTranslationMissing notice in this
// locale's label language, naming the original's language in it too:
// "Keine Übersetzung verfügbar; angezeigt wird das Original auf Englisch."
func (l Locale) TranslationMissing(original language.Tag) string {
	tag := l.labelTag()
	name := display.Languages(tag).Name(original)
	if name == "" {
		name = original.String()
	}
	return message.NewPrinter(tag, message.Catalog(labelCatalog())).Sprintf(LabelTranslationMissing, name)
}

// LabelTranslations are the languages whose label translations galley
// promises; CheckLabels reports any of them missing.
var LabelTranslations = []string{
	"am", "ar", "az", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "et", "eu",
	"fa", "fi", "fil", "fr", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
	"ja", "ka", "kk", "ko", "lt", "lv", "mk", "mr", "ms", "nb", "nl", "pl", "pt",
	"ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "th", "tr", "uk", "ur",
	"uz", "vi", "zh-Hans", "zh-Hant",
}

// CheckLabels returns the problems of the label translations, one
// "locale: problem" each: a promised language without a file, a key a file
// does not translate, a translation whose format verbs differ from the
// English key's (plural forms other than "other" may leave the number out:
// "صفحة واحدة"), or a file that does not load.
func CheckLabels() []string {
	langs, err := labelData()
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, t := range LabelTranslations {
		if _, ok := langs[t]; !ok {
			problems = append(problems, fmt.Sprintf("%s: no label file labels/%s.json", t, t))
		}
	}
	for t, keys := range MissingLabels() {
		for _, k := range keys {
			problems = append(problems, fmt.Sprintf("%s: missing %q", t, k))
		}
	}
	for t, msgs := range langs {
		for k, m := range msgs {
			want := formatVerbs(k)
			if m.plural == nil {
				if got := formatVerbs(m.text); got != want {
					problems = append(problems, fmt.Sprintf("%s: %q: verbs %q, want %q", t, k, got, want))
				}
				continue
			}
			for c, s := range m.plural {
				if got := formatVerbs(s); got != want && (c == "other" || got != "") {
					problems = append(problems, fmt.Sprintf("%s: %q (%s): verbs %q, want %q", t, k, c, got, want))
				}
			}
		}
	}
	return problems
}

// formatVerbs returns the sorted verb letters of a format string, argument
// indexes ignored: "%[2]d of %[1]d" is "dd".
func formatVerbs(s string) string {
	var verbs []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		for i < len(s) && strings.IndexByte("[]0123456789+-# .", s[i]) >= 0 {
			i++
		}
		if i < len(s) && s[i] != '%' {
			verbs = append(verbs, s[i])
		}
	}
	slices.Sort(verbs)
	return string(verbs)
}
