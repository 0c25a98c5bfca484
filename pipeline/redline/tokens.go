package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/rivo/uniseg"
)

// token is one unit of the word-level comparison: a word, a run of white
// space, a punctuation mark, one character of a script written without
// spaces, or an atom (image, date, footnote reference).
type token struct {
	// key is what the comparison sees: the text (or the atom's value) with
	// the formatting and link target it is shown with. Tokens with equal
	// keys look the same to a reader.
	key string
	// path holds the wrapping inlines (emphasis, strong, strikethrough,
	// link) from the outside in.
	path []tree.Inline
	// leaf is the inline this token shows: a *tree.Text or *tree.Code
	// holding the token's text, or the atom itself.
	leaf tree.Inline
	kind tokenKind
}

type tokenKind uint8

const (
	tokWord      tokenKind = iota // counts as a word
	tokSpace                      // white space: never a change by itself
	tokPunct                      // punctuation, symbols
	tokInvisible                  // anchors and raw HTML: kept, never marked
)

// visible reports whether a token shows anything.
func (t *token) visible() bool { return t.kind != tokInvisible }

// tokenizer flattens inline content into tokens.
type tokenizer struct {
	out  []token
	path []tree.Inline
	// sig is the formatting signature of path, prefixed to keys.
	sig string
	// kb, when set, receives the keys of the visible tokens (white space
	// collapsed and trimmed) instead of out: inlineKey without a token
	// or a leaf allocated per word.
	kb               *strings.Builder
	pending, started bool
}

// push adds a token: to out, or its key to kb. leaf nil means a Text (a
// Code when code is set) holding text.
func (t *tokenizer) push(kind tokenKind, prefix, text string, leaf tree.Inline, code bool) {
	if t.kb != nil {
		switch kind {
		case tokSpace:
			t.pending = t.started
		case tokInvisible:
		default:
			if t.pending {
				t.kb.WriteString(" \x01")
				t.pending = false
			}
			t.kb.WriteString(prefix)
			t.kb.WriteString(text)
			t.kb.WriteByte('\x01')
			t.started = true
		}
		return
	}
	key := prefix + text
	if kind == tokSpace {
		key = " "
	}
	if leaf == nil {
		if code {
			leaf = &tree.Code{Text: text}
		} else {
			leaf = &tree.Text{Text: text}
		}
	}
	t.out = append(t.out, token{key: key, path: t.path, leaf: leaf, kind: kind})
}

// tokenize returns the tokens of list, with white space collapsed and
// trimmed at both ends (white space is not something a reader sees).
func tokenize(list []tree.Inline) []token {
	t := &tokenizer{}
	t.inlines(list)
	// Collapse runs of white space and trim the ends.
	out := t.out[:0]
	for _, tk := range t.out {
		if tk.kind == tokSpace {
			if len(out) == 0 || lastVisible(out).kind == tokSpace {
				continue
			}
		}
		out = append(out, tk)
	}
	for len(out) > 0 && out[len(out)-1].kind == tokSpace {
		out = out[:len(out)-1]
	}
	// A space before invisible tokens at the end went too; one between
	// invisible tokens is harmless.
	return out
}

// lastVisible returns the last token that is not invisible, or a space
// token when there is none (so leading white space is dropped).
func lastVisible(ts []token) token {
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].visible() {
			return ts[i]
		}
	}
	return token{kind: tokSpace}
}

func (t *tokenizer) wrap(in tree.Inline, sig string, content []tree.Inline) {
	saveP, saveS := t.path, t.sig
	t.path = append(t.path[:len(t.path):len(t.path)], in)
	t.sig += sig
	t.inlines(content)
	t.path, t.sig = saveP, saveS
}

func (t *tokenizer) atom(key string, leaf tree.Inline, kind tokenKind) {
	t.push(kind, t.sig+"\x00", key, leaf, false)
}

func (t *tokenizer) inlines(list []tree.Inline) {
	for _, in := range list {
		switch in := in.(type) {
		case *tree.Text:
			t.text(in.Text, false)
		case *tree.Code:
			t.text(in.Text, true)
		case *tree.SoftBreak, *tree.LineBreak:
			t.space()
		case *tree.Emphasis:
			t.wrap(in, "<em>", in.Content)
		case *tree.Strong:
			t.wrap(in, "<strong>", in.Content)
		case *tree.Strikethrough:
			t.wrap(in, "<s>", in.Content)
		case *tree.Link:
			target := in.Target
			if target == "" {
				target = in.URL
			}
			t.wrap(in, "<a "+target+">", in.Content)
		case *tree.Insert:
			// A redline compared again: its new side.
			t.inlines(in.Content)
		case *tree.Delete:
		case *tree.Image:
			t.atom("img "+in.URL+"\x00"+in.Alt+"\x00"+in.Title, in, tokWord)
		case *tree.Date:
			// Dates compare as dates: the same day is the same date,
			// whichever way it was written or where it came from.
			t.atom("date "+in.Time.Format("2006-01-02"), in, tokWord)
		case *tree.Macro:
			t.atom("macro "+in.Name, in, tokWord)
		case *tree.FootnoteRef:
			t.atom("fn "+in.ID, in, tokPunct)
		case *tree.Anchor:
			t.atom("anchor "+in.ID, in, tokInvisible)
		case *tree.RawHTML:
			t.atom("raw "+in.HTML, in, tokInvisible)
		}
	}
}

func (t *tokenizer) space() {
	t.push(tokSpace, "", " ", nil, false)
}

// text splits s into words, white space, punctuation and, in scripts
// written without spaces between words, single characters.
func (t *tokenizer) text(s string, code bool) {
	prefix := t.sig + "\x00"
	if code {
		prefix = t.sig + "<code>\x00"
	}
	word := -1 // start of the current word in s
	flush := func(end int) {
		if word >= 0 {
			w := s[word:end]
			t.push(tokWord, prefix, w, nil, code)
			word = -1
		}
	}
	state := -1
	rest := s
	pos := 0
	for len(rest) > 0 {
		var cluster string
		if c := rest[0]; c < utf8.RuneSelf && (len(rest) == 1 || rest[1] < utf8.RuneSelf) {
			// ASCII followed by ASCII: a cluster of its own (the fast path
			// for most text; \r\n, a cluster of two, is white space either
			// way).
			cluster, rest, state = rest[:1], rest[1:], -1
		} else {
			cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		}
		start := pos
		pos += len(cluster)
		r := rune(cluster[0])
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(cluster)
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			if word < 0 {
				word = start
			}
		case unicode.IsSpace(r):
			flush(start)
			if code {
				// White space inside code is shown as it is, but it is
				// still white space: one space token.
				t.push(tokSpace, "", cluster, nil, true)
			} else {
				t.space()
			}
		case unspaced(r):
			flush(start)
			t.push(tokWord, prefix, cluster, nil, code)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if word < 0 {
				word = start
			}
		case (r == '\'' || r == '’' || r == '-' || r == '.' || r == ',') && word >= 0 && len(rest) > 0 && wordStart(rest):
			// Inside a word: don't, e-mail, 1.5, 10,000.
		default:
			flush(start)
			t.push(tokPunct, prefix, cluster, nil, code)
		}
	}
	flush(len(s))
}

// wordStart reports whether s begins with a letter or digit of a spaced
// script.
func wordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unspaced(r)
}

// unspaced reports whether r belongs to a script written without spaces
// between words, where each character is compared on its own.
func unspaced(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan, unicode.Yi)
}

// countWords counts the word tokens of ts.
func countWords(ts []token) int {
	n := 0
	for i := range ts {
		if ts[i].kind == tokWord {
			n++
		}
	}
	return n
}

// inlineKey is the comparison key of inline content: its visible tokens'
// keys, white space collapsed and trimmed.
func inlineKey(list []tree.Inline) string {
	var sb strings.Builder
	t := &tokenizer{kb: &sb}
	t.inlines(list)
	return sb.String()
}
