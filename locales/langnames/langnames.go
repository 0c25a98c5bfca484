// Package langnames names languages in other languages, with CLDR's names
// (x/text/language/display): "Englisch" for en in German. The notice that
// a document is shown in its original language (locales.LabelTranslationMissing)
// takes such a name.
//
// It is a package of its own, apart from locales, because x/text's display
// tables build a language matcher at package initialisation (about 1 ms and
// 200 KB in every process that links them) and weigh 4 MB in the
// executable: only programs that name languages import it.
package langnames

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/galleydoc/galley/locales"
)

// Name returns the name of the language of t in the language of locale in
// ("Englisch" for en in de), or t's tag when CLDR has no name for it.
func Name(in locales.Locale, t language.Tag) string {
	if n := display.Languages(in.Tag()).Name(t); n != "" {
		return n
	}
	return t.String()
}

// TranslationMissing returns the LabelTranslationMissing notice in l's
// label language, naming the original's language in it too: "Keine
// Übersetzung verfügbar; angezeigt wird das Original auf Englisch."
func TranslationMissing(l locales.Locale, original language.Tag) string {
	p := l.Printer()
	name := display.Languages(language.MustParse(p.Language())).Name(original)
	if name == "" {
		name = original.String()
	}
	return p.Sprintf(locales.LabelTranslationMissing, name)
}
