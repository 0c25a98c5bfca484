package locales

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLabelsComplete(t *testing.T) {
	if p := CheckLabels(); len(p) > 0 {
		t.Errorf("label problems (go run ./locales/internal/labelcheck):\n%s", strings.Join(p, "\n"))
	}
	if n := len(Labels()); n != 61 {
		t.Errorf("%d labels", n)
	}
}

func TestPrinter(t *testing.T) {
	for _, c := range []struct {
		tag, key string
		args     []any
		want     string
	}{
		{"en", LabelPageOf, []any{2, 5}, "Page 2 of 5"},
		{"en", LabelPages, []any{1}, "1 page"},
		{"en", LabelPages, []any{3}, "3 pages"},
		{"de", LabelLastUpdated, nil, "Zuletzt aktualisiert"},
		{"de", LabelPageOf, []any{2, 5}, "Seite 2 von 5"},
		{"de", LabelPages, []any{1}, "1 Seite"},
		{"de-AT", LabelContents, nil, "Inhalt"},
		{"fr", LabelContents, nil, "Table des matières"},
		{"ja", LabelPageOf, []any{2, 5}, "2 / 5 ページ"},
		{"pt-BR", LabelLastUpdated, nil, "Última atualização"},
		{"pt-PT", LabelNote, nil, "Observação"},
		{"zh-CN", LabelContents, nil, "目录"},
		{"zh-Hans", LabelContents, nil, "目录"},
		{"zh-TW", LabelContents, nil, "目錄"},
		{"zh-Hant-HK", LabelContents, nil, "目錄"},
		{"ru", LabelPages, []any{1}, "1 страница"},
		{"ru", LabelPages, []any{3}, "3 страницы"},
		{"ru", LabelPages, []any{5}, "5 страниц"},
		{"pl", LabelPages, []any{22}, "22 strony"},
		{"pl", LabelPages, []any{25}, "25 stron"},
		{"cs", LabelPages, []any{4}, "4 strany"},
		{"ar", LabelPages, []any{2}, "صفحتان"},
		{"ar", LabelPageOf, []any{2, 5}, "الصفحة 2 من 5"},    // CLDR 48: Latin digits for ar
		{"ar-EG", LabelPageOf, []any{2, 5}, "الصفحة ٢ من ٥"}, // and Arabic-Indic for ar-EG
		{"fa", LabelPageOf, []any{2, 5}, "صفحهٔ ۲ از ۵"},     // fa: Extended Arabic-Indic
		{"th", LabelPageOf, []any{2, 5}, "หน้า 2 จาก 5"},
		{"th", LabelPages, []any{3}, "3 หน้า"},          // th: "other" only
		{"km", LabelPageOf, []any{2, 5}, "Page 2 of 5"}, // no Khmer labels: English
		{"sr-Latn", LabelContents, nil, "Sadržaj"},      // transliterated from sr
		{"sr-ME", LabelContents, nil, "Sadržaj"},        // Montenegro: Latin script
		{"mk", LabelPages, []any{11}, "11 страници"},    // CLDR 48; x/text's rules said "11 страница"
		{"mk", LabelPages, []any{21}, "21 страница"},
		{"mk", LabelPages, []any{111}, "111 страници"},
		{"ay", LabelContents, nil, "Índice"}, // dates in Spanish (matched): Spanish labels
		{"cnh", LabelPageOf, []any{2, 5}, "Page 2 of 5"},
		{"arz", LabelPageOf, []any{2, 5}, "الصفحة ٢ من ٥"}, // ar-EG's labels and digits
		{"nb", LabelContents, nil, "Innhold"},
		{"pt-AO", LabelNote, nil, "Observação"},
		{"sr", LabelPages, []any{22}, "22 стране"},
		{"lt", LabelPages, []any{21}, "21 puslapis"},
		{"lt", LabelPages, []any{5}, "5 puslapiai"},
		{"lt", LabelPages, []any{11}, "11 puslapių"},
		{"lv", LabelPageOf, []any{2, 5}, "2. lappuse no 5"},
		{"ro", LabelPages, []any{19}, "19 pagini"},
		{"ro", LabelPages, []any{20}, "20 de pagini"},
		{"sl", LabelPages, []any{102}, "102 strani"},
		{"sw", LabelPages, []any{1}, "ukurasa 1"},
		{"hi", LabelPageOf, []any{2, 5}, "पृष्ठ 5 में से 2"},
		{"bn", LabelPageOf, []any{2, 5}, "পৃষ্ঠা ৫-এর মধ্যে ২"}, // bn: Bengali digits
		{"ur", LabelPageOf, []any{2, 5}, "صفحہ 2 از 5"},
		{"ur-IN", LabelPageOf, []any{2, 5}, "صفحہ ۲ از ۵"},
		{"nn", LabelContents, nil, "Innhold"},   // Nynorsk reads Bokmål
		{"gsw", LabelContents, nil, "Contents"}, // CLDR's parent of gsw is the root
		{"es-MX", LabelDetails, nil, "Detalles"},
		{"de", LabelWordsAddedRemoved, []any{12, 3}, "12 hinzugefügt, 3 entfernt"},
		{"de", LabelInserted, []any{"Absatz"}, "Eingefügt: Absatz"},
		{"fr", LabelChangeCounts, []any{2, 5, 1}, "Modifications: 2, mots ajoutés: 5, mots supprimés: 1"},
		{"ar-EG", LabelChange, []any{3, "حذف: قسم"}, "التغيير ٣ – حذف: قسم"},
		{"sr-Latn", LabelSummaryOfChanges, nil, "Sažetak izmena"},
	} {
		if got := MustParse(c.tag).Printer().Sprintf(c.key, c.args...); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.tag, c.key, got, c.want)
		}
	}
}

func TestFormatVerbs(t *testing.T) {
	for s, want := range map[string]string{"Page %d of %d": "dd", "%[2]d von %[1]d": "dd", "100%% %s": "s", "x": ""} {
		if got := formatVerbs(s); got != want {
			t.Errorf("formatVerbs(%q) = %q, want %q", s, got, want)
		}
	}
}

// A label folder is indexed by file name and each file parsed on first use:
// printing one language's labels parses that file (and English) only, so a
// broken file of another language does not stop it, and the broken one is
// reported, naming the file, when it is used or checked.
func TestLabelFilesParsedOnFirstUse(t *testing.T) {
	set := newLabelSet(fstest.MapFS{
		"labels/en.json": {Data: []byte(`{"Contents": "Contents"}`)},
		"labels/de.json": {Data: []byte(`{"Contents": "Inhalt"}`)},
		"labels/fr.json": {Data: []byte(`{"Contents": `)},
	})
	if set.err != nil {
		t.Fatal(set.err)
	}
	if msgs, err := set.file("de"); err != nil || msgs["Contents"].text != "Inhalt" {
		t.Fatalf("de: %v, %v", msgs, err)
	}
	parsed := 0
	set.parsed.Range(func(k, v any) bool {
		if v.(*labelParse).msgs != nil || v.(*labelParse).err != nil {
			parsed++
		}
		return true
	})
	if parsed != 1 {
		t.Errorf("%d files parsed for one language, want 1", parsed)
	}
	if _, err := set.file("fr"); err == nil || !strings.Contains(err.Error(), "labels/fr.json") {
		t.Errorf("broken fr.json: %v", err)
	}
	if _, err := set.all(); err == nil {
		t.Error("all() accepted a broken file")
	}
	if bad := newLabelSet(fstest.MapFS{"labels/de.json": {Data: []byte(`{}`)}}); bad.err == nil {
		t.Error("a folder without en.json was accepted")
	}
}

// galley's own label files are indexed without parsing their names at
// every start; this checks what that skips: each name is a canonical
// language tag, and the index is the same either way.
func TestEmbeddedLabelNames(t *testing.T) {
	checked := indexLabels(labelFiles, true)
	if checked.err != nil {
		t.Fatal(checked.err)
	}
	fast := embeddedLabels().labelIndex
	if fast.err != nil || !slices.Equal(fast.tags, checked.tags) {
		t.Fatalf("the index of the embedded files differs when names are not checked:\n%v\n%v", fast, checked)
	}
	if len(checked.tags) < 50 || !slices.IsSorted(checked.tags) {
		t.Fatalf("index of %d files, sorted %v", len(checked.tags), slices.IsSorted(checked.tags))
	}
	// Lookup keys: a file's own tag, and a bare language for the file
	// named with its likely script; a file for the bare language wins.
	for key, want := range map[string]string{"zh": "zh-Hans", "zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "sr": "sr", "sr-Latn": "sr-Latn", "de": "de", "en": "en", "xx": "", "de-AT": ""} {
		if got, _ := checked.key(key); got != want {
			t.Errorf("key(%q) = %q, want %q", key, got, want)
		}
	}
	if bad := newLabelSet(fstest.MapFS{"labels/en.json": {Data: []byte(`{}`)}, "labels/de_DE.json": {Data: []byte(`{}`)}}); bad.err == nil {
		t.Error("a file named de_DE.json was accepted")
	}
	if set := newLabelSet(fstest.MapFS{}); set.err == nil || !strings.Contains(set.err.Error(), "en.json is missing") {
		t.Errorf("an empty folder: %v", set.err)
	}
}
