// Package locales is galley's knowledge of locales: which ones it supports,
// how each writes a date (CLDR patterns, names and digits), which way its
// text runs, which quotation marks and paper size it uses, and the
// translations of the few words galley adds to documents.
//
// # Locales
//
// Parse turns a BCP 47 tag into a Locale:
//
//	l, err := locales.Parse("pt-BR")   // CLDR "pt" data, String() "pt-BR"
//	l.FormatDate(t, locales.Long)      // "16 de dezembro de 2025"
//	l.Direction(), l.Paper()           // "ltr", "a4"
//
// A tag resolves to CLDR data the way CLDR's own lookup does: the tag itself
// if CLDR has data for it (de-AT has its own "Jänner"), else its CLDR parent
// chain (en-IN → en-001 → en, pt-AO → pt-PT → pt, zh-Hant-HK → zh-Hant), with
// the likely script added first so that zh-TW finds zh-Hant and sr-ME finds
// sr-Latn. Every well-formed tag is accepted: one CLDR lookup cannot place is
// matched with golang.org/x/text/language's Matcher (ay → es), else with
// the main language of its likely region where that is written in the same
// script (arz → ar-EG), and one nothing matches is served by CLDR's root
// locale (cnh, qaa, x-foo: "2025 M12 16"). Those three are fallbacks (Locale.Fallback, Locale.FallbackNote), which the
// pipeline reports once per run. The Locale remembers the tag that was asked
// for: String() is "pt-BR", not "pt", and Paper() comes from that tag's
// region.
//
// The CLDR locales are every locale of cldr-dates-full, at every coverage
// level (Locale.Coverage), regional variants included; Supported lists them.
// Direction and Script come from the tag's script or CLDR's likely script for
// it (dv → Thaa → rtl), for CLDR's locales and any other tag alike.
//
// # Plurals
//
// PluralCategory gives CLDR 48's cardinal plural category of a number
// ("one", "few", …), from the rules the generator copies from CLDR (x/text's
// are older). The label printer chooses plural forms with them.
//
// # Dates
//
// FormatDate, FormatDateTime and FormatTime write a time.Time with the
// locale's CLDR gregorian patterns for a Width (Full, Long, Medium, Short),
// in the locale's default numbering system (fa: ۱۶ دسامبر ۲۰۲۵; ar-EG uses
// Arabic-Indic digits, ar Latin ones, as CLDR 48 says). Patterns are compiled
// once per locale; a call costs a few hundred nanoseconds and allocates only
// the result. The time is written in the Location it carries: convert first.
//
// Only the gregorian calendar is written, as the MkDocs
// git-revision-date-localized plugin (through Babel) does, also for locales
// whose default calendar is another one (th: buddhist; fa, ps, uz-Arab:
// persian). Time zones are written as CLDR's names for UTC ("UTC",
// "Coordinated Universal Time") when the Location is UTC, and otherwise in the
// localized GMT format ("GMT-5", "GMT-05:00"): the metazone names ICU uses
// for other zones ("Eastern Standard Time") are not included.
//
// Strftime is the strftime-style format of the plugin's "custom" type, with
// localized month, weekday and AM/PM names.
//
// # Labels
//
// Printer returns a LabelPrinter over galley's label translations: the
// English label constants (LabelLastUpdated, LabelPageOf, …) are the keys.
// The translations are JSON files, one per language, in labels/ (see
// labels.go and labels/SOURCES.md). A locale without its own file takes the
// first along its CLDR parent chain (nn → no), or that of the language a
// fallback matched, else English; a key a file lacks is English.
// `go tool task locales:check` reports broken files and the modern
// languages without one.
//
// # Data
//
// cldr_tables.go is generated from the cldr-json npm packages (CLDR 48) by
// locales/internal/gen; see that command for how to run it. It stores each
// locale as the difference from its CLDR parent (the root, und, for the
// top-level ones), plus CLDR's parent locales, likely scripts, plural rules,
// numbering systems and paper sizes.
package locales

//go:generate go run ./internal/gen
