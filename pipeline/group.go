package pipeline

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/galleydoc/galley/locales"
)

// A Document is one logical document and the bodies it has: a default body
// and translations, found by the conventions policy sites use:
//
//   - privacy.fr.md beside privacy.md (mkdocs-static-i18n, suffix mode);
//   - fr/privacy.md under the input root (mkdocs-static-i18n, folder mode);
//   - privacy/fr.md, one file per locale in a folder named after the
//     document (mozilla/legal-docs).
//
// Each is exported once per locale, into OUT/<locale>/<Rel stem>.<ext>.
type Document struct {
	// Rel is the logical path, relative to the input root, that output
	// paths are made from (privacy.md for all three conventions above).
	Rel string
	// Bodies are the document's sources; Locale is "" for a body whose
	// locale the path does not say.
	Bodies []Body
	// Ignored are the files that name a locale another body of the
	// document already names (privacy.fr.md beside fr/privacy.md): the
	// first in path order is exported, these are reported and left out.
	Ignored []Ignored
}

// Ignored is a translation left out for another of the same locale.
type Ignored struct {
	Body
	// For is the body exported in its place.
	For *Body
}

// Body is one source file of a Document.
type Body struct {
	Input
	// Locale is the locale the file name says ("" if none).
	Locale string
}

// isLocaleName reports whether s has the shape of a locale tag in a file
// name: `^[a-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?$`
// (a language, then perhaps a script, then perhaps a region), checked by
// hand: the expression cost a one-document convert its compilation, about
// 0.7 % of the process. TestIsLocaleNameIsTheExpression compares them.
func isLocaleName(s string) bool {
	k := 0
	for k < len(s) && 'a' <= s[k] && s[k] <= 'z' {
		k++
	}
	if k < 2 || k > 3 {
		return false
	}
	rest := s[k:]
	sep := func(i int) bool { return rest[i] == '-' || rest[i] == '_' }
	letters := func(from, to int) bool {
		for i := from; i < to; i++ {
			if c := rest[i] | 0x20; c < 'a' || c > 'z' {
				return false
			}
		}
		return true
	}
	digits := func(from, to int) bool {
		for i := from; i < to; i++ {
			if rest[i] < '0' || rest[i] > '9' {
				return false
			}
		}
		return true
	}
	region := func(from int) bool { // sep + 2 letters or 3 digits, to the end
		switch len(rest) - from {
		case 3:
			return sep(from) && letters(from+1, from+3)
		case 4:
			return sep(from) && digits(from+1, from+4)
		}
		return false
	}
	switch len(rest) {
	case 0:
		return true
	case 3, 4:
		return region(0)
	case 5:
		return sep(0) && letters(1, 5)
	case 8, 9:
		return sep(0) && letters(1, 5) && region(5)
	}
	return false
}

// localeFromName reads a path element as a locale tag: only tags of
// languages CLDR has a locale for count ("de", "pt-BR", "zh_CN", "sr-Latn",
// "kab"), so ordinary names ("api", "dev") stay names.
func localeFromName(s string) (string, bool) {
	if !isLocaleName(s) {
		return "", false
	}
	l, ok := locales.Lookup(s)
	if !ok {
		return "", false // "api", "dev", "faq": no CLDR locale
	}
	want, _ := language.Make(strings.ReplaceAll(s, "_", "-")).Base()
	got, _ := l.Tag().Base()
	if want != got {
		return "", false
	}
	return l.String(), true
}

// splitLocale finds the locale an input's path gives and the logical path.
func splitLocale(rel string) (logical, locale string) {
	dir, base := path.Split(rel)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	// privacy.fr.md
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if l, ok := localeFromName(stem[i+1:]); ok {
			return dir + stem[:i] + ext, l
		}
	}
	// privacy/fr.md
	if l, ok := localeFromName(stem); ok {
		if d := strings.TrimSuffix(dir, "/"); d != "" {
			return d + ext, l
		}
		return rel, l
	}
	// fr/privacy.md
	if first, rest, ok := strings.Cut(rel, "/"); ok {
		if l, ok := localeFromName(first); ok {
			return rest, l
		}
	}
	return rel, ""
}

// logicalPath returns the logical path of the file at rel under root, and
// the locale its path says: splitLocale, and for fr.md at the top of the
// input root, the root folder as the document (privacy/fr.md given as
// privacy/ or privacy/fr.md).
func logicalPath(rel, root string) (logical, locale string) {
	logical, locale = splitLocale(rel)
	if locale != "" && logical == rel && !strings.Contains(rel, "/") && root != "" {
		logical = filepath.Base(root) + path.Ext(rel)
	}
	return logical, locale
}

// Group gathers inputs into logical documents. Inputs from different roots
// never share a document. The result is sorted by root and logical path.
func Group(inputs []Input) []*Document {
	byKey := map[string]*Document{}
	var keys []string
	for _, in := range inputs {
		logical, loc := logicalPath(in.Rel, in.Root)
		key := in.Root + "\x00" + logical
		if in.FS != nil {
			key = "fs\x00" + logical
		}
		d, ok := byKey[key]
		if !ok {
			d = &Document{Rel: logical}
			byKey[key] = d
			keys = append(keys, key)
		}
		d.Bodies = append(d.Bodies, Body{Input: in, Locale: loc})
	}
	sort.Strings(keys)
	out := make([]*Document, len(keys))
	for i, k := range keys {
		d := byKey[k]
		out[i] = d
		sort.SliceStable(d.Bodies, func(a, b int) bool {
			if d.Bodies[a].Locale != d.Bodies[b].Locale {
				return d.Bodies[a].Locale < d.Bodies[b].Locale
			}
			return d.Bodies[a].Rel < d.Bodies[b].Rel
		})
		// Two files for one locale (privacy.fr.md, fr/privacy.md): the
		// first in path order is the translation, the others are left out.
		kept := d.Bodies[:0]
		var dups []Body
		for _, b := range d.Bodies {
			if n := len(kept); n > 0 && b.Locale != "" && kept[n-1].Locale == b.Locale {
				dups = append(dups, b)
				continue
			}
			kept = append(kept, b)
		}
		d.Bodies = kept
		for _, b := range dups {
			for j := range d.Bodies {
				if d.Bodies[j].Locale == b.Locale {
					d.Ignored = append(d.Ignored, Ignored{Body: b, For: &d.Bodies[j]})
				}
			}
		}
	}
	return out
}

// Display is the name shown for the document: its default body's path, or
// its first body's.
func (d *Document) Display() string {
	for _, b := range d.Bodies {
		if b.Locale == "" {
			return b.Display
		}
	}
	return d.Bodies[0].Display
}

// defaultBody returns the body used where no translation fits: the one
// without a locale in its name, else the one for defaultLocale (or its
// closest match), else the first.
func (d *Document) defaultBody(defaultLocale string) *Body {
	for i := range d.Bodies {
		if d.Bodies[i].Locale == "" {
			return &d.Bodies[i]
		}
	}
	if defaultLocale == "" {
		defaultLocale = "en"
	}
	if b := d.bodyFor(defaultLocale); b != nil {
		return b
	}
	return &d.Bodies[0]
}

// bodyFor returns the translation for locale: the exact tag, or the closest
// by language matching (es → es-ES, pt-BR → pt) with high confidence; nil
// when there is none (zh-TW does not take zh-CN).
func (d *Document) bodyFor(locale string) *Body {
	if locale == "" {
		return nil
	}
	var have []string
	var idx []int
	for i, b := range d.Bodies {
		if b.Locale == locale {
			return &d.Bodies[i]
		}
		if b.Locale != "" {
			have = append(have, b.Locale)
			idx = append(idx, i)
		}
	}
	if i := closestLocale(have, locale); i >= 0 {
		return &d.Bodies[idx[i]]
	}
	return nil
}
