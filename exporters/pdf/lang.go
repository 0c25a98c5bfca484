package pdf

import (
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"golang.org/x/text/language"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Language of parts of a document. The tree has no language of its own
// below the document's: a passage in another language is written as raw
// HTML with a lang attribute, inline (<span lang="fr">…</span>, <q lang>,
// <i lang>) or around blocks (<p lang="de">…</p>, or <div lang="it"
// markdown> … </div> with Markdown inside), and the HTML export passes
// those attributes through. The tagged PDF says the same with /Lang: an
// inline passage becomes a Span element, a block passage a Div element,
// each with the language, where it differs from the language around it
// (the catalog's /Lang, the export locale). A fallback export (a locale
// with no translation, shown with the default-language body) has the
// body's language on its Document element.

// rawTag is a tag of raw HTML: its element name, whether it is an end tag,
// and its lang attribute (canonical BCP 47; ok is false without one).
type rawTag struct {
	name string
	end  bool
	lang string
	ok   bool
}

// voidElement reports whether the element name has no end tag (a switch,
// not a map built in every process).
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// rawTags returns the start and end tags of raw HTML that open and close
// elements (not void or self-closing ones), in order.
func rawTags(raw string) []rawTag {
	if !strings.Contains(raw, "<") {
		return nil
	}
	var out []rawTag
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, more := z.TagName()
			t := rawTag{name: string(name)}
			if voidElement(t.name) {
				continue
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "lang" {
					t.lang, t.ok = canonicalLang(string(v))
				}
			}
			out = append(out, t)
		case html.EndTagToken:
			name, _ := z.TagName()
			out = append(out, rawTag{name: string(name), end: true})
		}
	}
}

// canonicalLang returns the BCP 47 form of a lang attribute's value, and
// false for a value that is none (an empty lang says "unknown", which the
// PDF leaves to the language around it).
func canonicalLang(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", false
	}
	t, err := language.Parse(v)
	if err != nil {
		return "", false
	}
	return t.String(), true
}

// sameLang reports whether two language tags name the same language.
func sameLang(a, b string) bool { return strings.EqualFold(a, b) }

// langFrame is an element of raw HTML open around blocks.
type langFrame struct {
	name string
	lang string // the language inside it
	done func() // closes its Div element (nil: none)
}

// docLang returns the language of the document's body: the export locale,
// or for a fallback export the locale of the body shown.
func (l *layouter) docLang() string {
	if tr := l.doc.Meta.Translation; tr != nil && tr.Fallback && tr.SourceLocale != "" {
		return tr.SourceLocale
	}
	if l.doc.Meta.Locale == "" {
		return "en"
	}
	return l.doc.Meta.Locale
}

// blockLang returns the language of the blocks being laid out.
func (l *layouter) blockLang() string {
	if n := len(l.langs); n > 0 {
		return l.langs[n-1].lang
	}
	return l.docLang()
}

// htmlBlock lays out a raw HTML block: its blocks read by the HTML reader,
// inside a Div with the language of its outermost element where that has
// another language; or, for the tags of Markdown in HTML (an opening tag
// alone, its content the blocks that follow), opens or closes the element
// around the blocks that follow.
func (l *layouter) htmlBlock(b *tree.HTMLBlock, x, w float64, tight bool) {
	tags := rawTags(b.HTML)
	if b.Blocks != nil {
		lang := ""
		if len(tags) > 0 && !tags[0].end && tags[0].ok && !sameLang(tags[0].lang, l.blockLang()) {
			lang = tags[0].lang
		}
		if lang == "" {
			l.blocks(b.Blocks, x, w, tight)
			return
		}
		e, done := l.push("Div")
		if e != nil {
			e.setLang(lang)
		}
		l.langs = append(l.langs, langFrame{name: tags[0].name, lang: lang})
		l.blocks(b.Blocks, x, w, tight)
		l.langs = l.langs[:len(l.langs)-1]
		done()
		return
	}
	for _, t := range tags {
		if t.end {
			l.closeLang(t.name, l.langBase)
			continue
		}
		f := langFrame{name: t.name, lang: l.blockLang()}
		if t.ok && !sameLang(t.lang, f.lang) {
			f.lang = t.lang
			if e, done := l.push("Div"); e != nil {
				e.setLang(t.lang)
				f.done = done
			}
		}
		l.langs = append(l.langs, f)
	}
}

// closeLang closes the innermost open element called name, and those
// inside it, but none of the first keep frames (those opened outside the
// block list being laid out).
func (l *layouter) closeLang(name string, keep int) {
	for i := len(l.langs) - 1; i >= keep; i-- {
		if l.langs[i].name != name {
			continue
		}
		l.closeLangs(i)
		return
	}
}

// closeLangs closes the open elements from the n-th on.
func (l *layouter) closeLangs(n int) {
	for len(l.langs) > n {
		f := l.langs[len(l.langs)-1]
		l.langs = l.langs[:len(l.langs)-1]
		if f.done != nil {
			f.done()
		}
	}
}

// inlineLang applies the tags of inline raw HTML to the style of the text
// that follows: an element with another language opens a Span with it
// (inside the link or span the text is in), its end tag restores the
// style it had. open holds the elements open in this inline list.
func (l *layouter) inlineLang(raw string, st tstyle, open *[]inlineFrame) tstyle {
	for _, t := range rawTags(raw) {
		if t.end {
			for i := len(*open) - 1; i >= 0; i-- {
				if (*open)[i].name == t.name {
					st = (*open)[i].st
					*open = (*open)[:i]
					break
				}
			}
			continue
		}
		*open = append(*open, inlineFrame{name: t.name, st: st})
		if !t.ok || sameLang(t.lang, l.styleLang(st)) {
			continue
		}
		st.lang = t.lang
		if e := l.inlineElem("Span", l.inlineParent(st)); e != nil {
			e.setLang(t.lang)
			st.tag = e
		}
	}
	return st
}

// inlineFrame is an inline raw HTML element open, with the style before it.
type inlineFrame struct {
	name string
	st   tstyle
}

// styleLang returns the language of text in style st.
func (l *layouter) styleLang(st tstyle) string {
	if st.lang != "" {
		return st.lang
	}
	return l.blockLang()
}

// inlineParent returns the element inline elements in style st go under:
// the Span or Link the text is in, else the block's element.
func (l *layouter) inlineParent(st tstyle) *selem {
	if st.tag != nil && (st.tag.typ == "Span" || st.tag.typ == "Link") {
		return st.tag
	}
	return l.cur
}
