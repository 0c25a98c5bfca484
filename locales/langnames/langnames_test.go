package langnames

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/galleydoc/galley/locales"
)

func TestTranslationMissing(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "Translation not available; showing the English original.",
		"de": "Keine Übersetzung verfügbar; angezeigt wird das Original auf Englisch.",
		"fr": "Traduction non disponible\u202f; affichage de l’original en anglais.",
		"ja": "翻訳はありません。英語の原文を表示しています。",
		"th": "ไม่มีฉบับแปล จึงแสดงต้นฉบับภาษาอังกฤษ",
		"fi": "Käännöstä ei ole saatavilla; näytetään alkuperäinen teksti (englanti).",
		"ur": "ترجمہ دستیاب نہیں؛ اصل انگریزی متن دکھایا جا رہا ہے۔",
		"km": "Translation not available; showing the English original.",
	} {
		if got := TranslationMissing(locales.MustParse(tag), language.English); got != want {
			t.Errorf("%s: got %q, want %q", tag, got, want)
		}
	}
	if got, want := TranslationMissing(locales.MustParse("en"), language.German), "Translation not available; showing the German original."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestName(t *testing.T) {
	for _, c := range []struct{ in, tag, want string }{
		{"de", "en", "Englisch"},
		{"en", "de", "German"},
		{"fr", "ja", "japonais"},
		{"en", "qaa", "qaa"}, // a private-use tag has no name
	} {
		if got := Name(locales.MustParse(c.in), language.MustParse(c.tag)); got != c.want {
			t.Errorf("Name(%s, %s) = %q, want %q", c.in, c.tag, got, c.want)
		}
	}
}
