package htmlreader

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/galleydoc/galley/internal/nethtml/charset"

	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/pipeline/markdown"
)

// metaCharset finds a charset declared in a <meta charset> or <meta
// http-equiv="Content-Type" content="…; charset=…"> element.
var metaCharset = lazyregexp.New(`(?is)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)`)

// decode returns src as UTF-8 text. Valid UTF-8 (with or without a byte order
// mark) is taken as it is; otherwise a UTF-16 byte order mark or a charset
// declared in the first 1024 bytes decides, and without one the input is an
// error naming the first bad line.
func decode(src []byte) (string, error) {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		src = src[3:]
	}
	if utf8.Valid(src) {
		return string(src), nil
	}
	if bytes.HasPrefix(src, []byte("\xfe\xff")) || bytes.HasPrefix(src, []byte("\xff\xfe")) {
		enc, _, _ := charset.DetermineEncoding(src, "")
		out, err := enc.NewDecoder().Bytes(src)
		if err != nil {
			return "", fmt.Errorf("decode UTF-16 input: %w", err)
		}
		return string(bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))), nil
	}
	head := src
	if len(head) > 1024 {
		head = head[:1024]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		enc, name := charset.Lookup(string(m[1]))
		if enc == nil {
			return "", fmt.Errorf("HTML input declares the unknown charset %q", m[1])
		}
		if name != "utf-8" {
			out, err := enc.NewDecoder().Bytes(src)
			if err != nil {
				return "", fmt.Errorf("decode %s input: %w", name, err)
			}
			if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
				// A legacy charset has no U+FFFD of its own: bytes that
				// do not decode, which would print as � unnoticed (invalid
				// UTF-8 is an error too).
				line := bytes.Count(out[:i], []byte("\n")) + 1
				return "", &markdown.SyntaxError{Line: line, Msg: fmt.Sprintf("bytes that are not %s, the charset the page declares; fix them, or re-save the file as UTF-8", name)}
			}
			return string(out), nil
		}
	}
	if len(src) > 1024 && metaCharset.Match(src) {
		return "", fmt.Errorf("%w; its <meta charset> comes after the first 1024 bytes, where it is not read: move it to the top of <head>, or re-save the file as UTF-8", ErrInvalidUTF8)
	}
	return "", checkUTF8(src)
}

// checkUTF8 returns nil for valid UTF-8, else a markdown.SyntaxError naming
// the first line with an invalid byte and wrapping ErrInvalidUTF8's text.
func checkUTF8(src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return &syntaxError{SyntaxError: markdown.SyntaxError{Line: line, Msg: ErrInvalidUTF8.Error() + "; add <meta charset> or re-save the file as UTF-8"}, err: ErrInvalidUTF8}
}

// syntaxError is a markdown.SyntaxError (so the pipeline reports file:line
// the same way for both readers) that also unwraps to a sentinel error.
type syntaxError struct {
	markdown.SyntaxError
	err error
}

func (e *syntaxError) Unwrap() []error { return []error{&e.SyntaxError, e.err} }
