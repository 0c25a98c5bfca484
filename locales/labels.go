package locales

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
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
	// the reader's language (package langnames): "…showing the English
	// original."
	LabelTranslationMissing = "Translation not available; showing the %s original."
	// LabelPages is plural: "1 page", "2 pages"; translations give the
	// forms of their language's CLDR plural categories.
	LabelPages = "%d pages"

	// The summary of a redline (galley diff): its title, the two versions
	// ("Old version: v1:privacy.md, January 15, 2025 (commit 1a2b3c4d5e6f)"),
	// the sections changed and the words added and removed (each label
	// written before a colon or as a term of a description list), and
	// "No changes." for two versions that read the same.
	LabelSummaryOfChanges = "Summary of changes"
	LabelOldVersion       = "Old version"
	LabelNewVersion       = "New version"
	LabelCommit           = "commit"
	LabelNoChanges        = "No changes."
	LabelSectionsChanged  = "Sections changed"
	LabelWords            = "Words"
	// LabelWordsAddedRemoved follows LabelWords: "Words: 12 added, 3
	// removed". LabelChangeCounts is the plain-text summary's line of
	// counts. The numbers come as label-and-value pairs where a number
	// would otherwise have to agree with its noun.
	LabelWordsAddedRemoved = "%d added, %d removed"
	LabelChangeCounts      = "Changes: %d, words added: %d, words removed: %d"
	// LabelChange names a change by its number and its title (the
	// ChangeTitle of package exporters), in PDF bookmarks: "Change 3:
	// Inserted paragraph", "Änderung 3 – Eingefügt: Absatz".
	LabelChange = "Change %d: %s"
	// LabelSectionSeparator separates the titles of the sections changed
	// ("Cookies; Your rights"; "、" in Japanese, "؛ " in Arabic).
	LabelSectionSeparator = "; "
	// The kinds of change, each taking what changed (a block's kind:
	// "paragraph", "table row 4"): "Inserted paragraph", in de
	// "Eingefügt: Absatz".
	LabelInserted = "Inserted %s"
	LabelDeleted  = "Deleted %s"
	LabelMoved    = "Moved %s"
	LabelChanged  = "Changed %s"
	// What changed, as a redline names it (tree.Change.Block, English in
	// the JSON): each kind of block is its own key, its numbers written
	// %d ("heading 3" is LabelHeading with 3); LabelBlockBecame joins
	// the old and new kinds of a block whose kind changed ("heading 3 →
	// heading 2"; right-to-left languages point the arrow their way).
	LabelParagraph    = "paragraph"
	LabelHeading      = "heading %d"
	LabelList         = "list"
	LabelNumberedList = "numbered list"
	LabelListItem     = "list item"
	LabelBlockQuote   = "quote"
	LabelCodeBlock    = "code block"
	LabelTable        = "table"
	LabelRule         = "rule"
	LabelAdmonition   = "admonition"
	LabelTabs         = "tabs"
	LabelHTMLBlock    = "HTML block"
	LabelBlock        = "block"
	LabelBlocks       = "blocks"
	LabelSection      = "section"
	LabelFootnote     = "footnote"
	LabelTableRow     = "table row %d"
	LabelTableColumn  = "table column %d"
	LabelTableCell    = "table cell (row %d, column %d)"
	LabelBlockBecame  = "%s → %s"
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
		LabelSummaryOfChanges, LabelOldVersion, LabelNewVersion, LabelCommit, LabelNoChanges,
		LabelSectionsChanged, LabelWords, LabelWordsAddedRemoved, LabelChangeCounts,
		LabelChange, LabelSectionSeparator, LabelInserted, LabelDeleted, LabelMoved, LabelChanged,
		LabelParagraph, LabelHeading, LabelList, LabelNumberedList, LabelListItem,
		LabelBlockQuote, LabelCodeBlock, LabelTable, LabelRule, LabelAdmonition, LabelTabs,
		LabelHTMLBlock, LabelBlock, LabelBlocks, LabelSection, LabelFootnote,
		LabelTableRow, LabelTableColumn, LabelTableCell, LabelBlockBecame,
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
	return slices.Clone(labelFilesIndex().tags)
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

// emptyCat is the catalog of the number printers: none of their messages
// are translated. Built on first use.
var emptyCat = sync.OnceValue(func() *catalog.Builder { return catalog.NewBuilder() })

// labelIndex is what the label folder's file names say: the language of
// each file, and through key the lookup keys that lead to them. Building
// it reads no file, so printing one locale's labels parses only that
// language's file and English (labelFile), not all of them; and it builds
// no map, since a process looks up two or three keys.
type labelIndex struct {
	tags []string // the files' tags (labels/<tag>.json), sorted
	err  error
}

// has reports whether there is a file for tag.
func (ix labelIndex) has(tag string) bool {
	_, found := slices.BinarySearch(ix.tags, tag)
	return found
}

// key returns the tag of the file that serves the lookup key c: c's own,
// or, for a bare language without one, the file named with the language's
// likely script (zh-Hans for zh), which is how CLDR's chain for zh-CN
// ends.
func (ix labelIndex) key(c string) (string, bool) {
	if ix.has(c) {
		return c, true
	}
	if !strings.Contains(c, "-") {
		if t := c + "-" + likelyScript(c, ""); ix.has(t) {
			return t, true
		}
	}
	return "", false
}

// serves reports whether c is a lookup key of a file.
func (ix labelIndex) serves(c string) bool {
	_, ok := ix.key(c)
	return ok
}

// fileName returns the name of the file of tag.
func fileName(tag string) string { return "labels/" + tag + ".json" }

// labelSet is a folder of label files: its index, and its files parsed on
// first use.
type labelSet struct {
	fsys fs.FS
	labelIndex
	parsed sync.Map // file tag → *labelParse
}

// embeddedLabels are galley's label files. Their names are not parsed as
// language tags at every start: TestEmbeddedLabelNames checks them.
var embeddedLabels = sync.OnceValue(func() *labelSet {
	return &labelSet{fsys: labelFiles, labelIndex: indexLabels(labelFiles, false)}
})

func newLabelSet(fsys fs.FS) *labelSet {
	return &labelSet{fsys: fsys, labelIndex: indexLabels(fsys, true)}
}

// labelFilesIndex returns the index of galley's label files.
func labelFilesIndex() labelIndex { return embeddedLabels().labelIndex }

// indexLabels indexes the files labels/*.json of fsys. checkNames checks
// that each file name is a canonical language tag.
func indexLabels(fsys fs.FS, checkNames bool) labelIndex {
	entries, err := readDir(fsys, "labels")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return labelIndex{err: err}
	}
	ix := labelIndex{tags: make([]string, 0, len(entries))}
	for _, e := range entries {
		tag, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		if checkNames {
			if t, err := language.Parse(tag); err != nil || t.String() != tag {
				return labelIndex{err: fmt.Errorf("locales: %s: the file name is not a canonical language tag", fileName(tag))}
			}
		}
		ix.tags = append(ix.tags, tag)
	}
	slices.Sort(ix.tags) // by tag, not by file name: sr before sr-Latn
	if !ix.has("en") {
		return labelIndex{err: fmt.Errorf("locales: labels/en.json is missing")}
	}
	return ix
}

// readDir and readFile are fs.ReadDir and fs.ReadFile, which call the
// embedded files' methods directly: fs's assertions of an embed.FS to
// fs.ReadDirFS and fs.ReadFileFS built method tables at run time in every
// process that prints labels.
func readDir(fsys fs.FS, name string) ([]fs.DirEntry, error) {
	if e, ok := fsys.(embed.FS); ok {
		return e.ReadDir(name)
	}
	return fs.ReadDir(fsys, name)
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if e, ok := fsys.(embed.FS); ok {
		return e.ReadFile(name)
	}
	return fs.ReadFile(fsys, name)
}

type labelParse struct {
	once sync.Once
	msgs map[string]labelMessage
	err  error
}

// file returns the translations of the label file tag (a key of
// files), parsing it on first use.
func (s *labelSet) file(tag string) (map[string]labelMessage, error) {
	if s.err != nil {
		return nil, s.err
	}
	if !s.has(tag) {
		return nil, fmt.Errorf("locales: no label file for %s", tag)
	}
	name := fileName(tag)
	v, _ := s.parsed.LoadOrStore(tag, &labelParse{})
	p := v.(*labelParse)
	p.once.Do(func() { p.msgs, p.err = parseLabelFile(s.fsys, name) })
	return p.msgs, p.err
}

// all parses every label file.
func (s *labelSet) all() (map[string]map[string]labelMessage, error) {
	if s.err != nil {
		return nil, s.err
	}
	langs := make(map[string]map[string]labelMessage, len(s.tags))
	for _, tag := range s.tags {
		msgs, err := s.file(tag)
		if err != nil {
			return nil, err
		}
		langs[tag] = msgs
	}
	return langs, nil
}

// mustLabelFile is labelFile for the files embedded in galley, which a
// test checks (CheckLabels): a broken one fails every test.
func mustLabelFile(tag string) map[string]labelMessage {
	msgs, err := embeddedLabels().file(tag)
	if err != nil {
		panic(err)
	}
	return msgs
}

func parseLabelFile(fsys fs.FS, name string) (map[string]labelMessage, error) {
	b, err := readFile(fsys, name)
	if err != nil {
		return nil, err
	}
	msgs, ok := parseLabelJSON(b)
	if !ok {
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("locales: %s: %v", name, err)
		}
	}
	// Every key is a label key when as many label keys are in msgs as
	// msgs has keys (61 lookups, not a search of the keys for each).
	known := Labels()
	n := 0
	for _, k := range known {
		if _, ok := msgs[k]; ok {
			n++
		}
	}
	if n != len(msgs) {
		for k := range msgs {
			if !slices.Contains(known, k) {
				return nil, fmt.Errorf("locales: %s: %q is not a label key", name, k)
			}
		}
	}
	return msgs, nil
}

// labelData parses every label file (for the checks and listings that
// need them all).
func labelData() (map[string]map[string]labelMessage, error) { return embeddedLabels().all() }

// labelLanguage returns the label file that serves l: the first along l's
// CLDR chain (de-AT → de, pt-AO → pt-PT → pt, zh-TW → zh-Hant, nn → no),
// then, for a locale whose dates come from a matched language (ay → es,
// arz → ar-EG), that language's chain, else English. Labels thus follow the dates: a
// document never mixes the labels of one language with the dates of a
// third.
func (l Locale) labelLanguage() string {
	ix := labelFilesIndex()
	if ix.err != nil {
		panic(ix.err) // the files are embedded: a broken one fails every test
	}
	for c := range chain(l.Tag()) {
		if f, ok := ix.key(c); ok {
			return f
		}
	}
	if l.match == MatchLanguage || l.match == MatchRegion {
		for c := range chain(language.MustParse(l.CLDR())) {
			if f, ok := ix.key(c); ok {
				return f
			}
		}
	}
	return "en"
}

// LabelPrinter writes galley's labels in one locale: the translations of
// its label language, English for keys that language lacks, plural forms
// chosen by CLDR 48's plural rules, and numbers in the locale's default
// digits. It satisfies exporters' label interface, like x/text's
// message.Printer, whose Sprintf it mirrors.
type LabelPrinter struct {
	lang  string
	msgs  map[string]labelMessage
	en    map[string]labelMessage
	rules *pluralRules
	num   *message.Printer
}

// Printer returns the label printer of this locale. Keep it: building one
// walks the locale's chain of label languages.
func (l Locale) Printer() *LabelPrinter {
	lang := l.labelLanguage()
	tag := l.Tag()
	if tag == language.Und {
		tag = language.English // an unknown language: plain digits
	}
	if nu := l.data().numbers; nu != "" {
		if t, err := tag.SetTypeForKey("nu", nu); err == nil {
			tag = t
		}
	}
	return &LabelPrinter{
		lang:  lang,
		msgs:  mustLabelFile(lang),
		en:    mustLabelFile("en"),
		rules: pluralRulesFor(lang),
		num:   message.NewPrinter(tag, message.Catalog(emptyCat())),
	}
}

// Language returns the label language: the tag of the label file used
// ("de" for de-AT, "en" for a locale without translations).
func (p *LabelPrinter) Language() string { return p.lang }

// Sprintf formats the label key (one of the Label constants) with args. A
// plural label picks its form by the first argument, an integer, through
// the label language's CLDR plural rules. A key that is no label is
// formatted as it is.
func (p *LabelPrinter) Sprintf(key message.Reference, args ...any) string {
	k, ok := key.(string)
	if !ok {
		k = fmt.Sprint(key)
	}
	m, ok := p.msgs[k]
	if !ok {
		m, ok = p.en[k]
	}
	format := k
	if ok {
		format = m.text
		if m.plural != nil {
			cat := PluralOther
			if len(args) > 0 {
				if n, isInt := asInt(args[0]); isInt {
					cat = p.rules.category(intOperands(n))
				}
			}
			format = m.plural[cat]
			if format == "" {
				format = m.plural[PluralOther]
			}
		}
	}
	return p.num.Sprintf(format, args...)
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		return int64(n), true
	}
	return 0, false
}

// UntranslatedLanguages returns the languages (and language-script pairs)
// of CLDR's modern-coverage locales that have no label file, each mapped to
// the label language they fall back to (a CLDR parent such as "no" for nn,
// else "en").
func UntranslatedLanguages() map[string]string {
	out := map[string]string{}
	for _, l := range Supported() {
		tag := l.String()
		base, script, region := l.Tag().Raw()
		if l.Coverage() != "modern" || region != (language.Region{}) || len(l.Tag().Variants()) > 0 {
			continue
		}
		if script != (language.Script{}) && likelyScript(base.String(), "") == script.String() {
			continue // zh-Hans is zh
		}
		if lang := l.labelLanguage(); lang != tag && !labelFilesIndex().serves(tag) {
			out[tag] = lang
		}
	}
	return out
}

// LabelTranslations are the languages whose label translations galley
// promises; CheckLabels reports any of them missing.
var LabelTranslations = []string{
	"am", "ar", "az", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "et", "eu",
	"fa", "fi", "fil", "fr", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
	"ja", "ka", "kk", "ko", "lt", "lv", "mk", "mr", "ms", "nl", "no", "pl", "pt",
	"ro", "ru", "sk", "sl", "sq", "sr", "sr-Latn", "sv", "sw", "ta", "th", "tr", "uk", "ur",
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
