package output

import (
	"strconv"
	"unicode/utf8"
)

// appendEntry appends en as json.Encoder with SetEscapeHTML(false) and
// SetIndent(prefix, "  ") writes it, without the final newline. A batch's
// manifest is tens of thousands of entries, written at the end of the run
// on one CPU: through encoding/json's reflection that took about a second
// for 40,000 entries; TestAppendEntry and FuzzAppendEntry check that the
// bytes are the same.
func appendEntry(b []byte, en *Entry, prefix string) []byte {
	in1, in2 := prefix+"  ", prefix+"    "
	b = append(b, '{')
	b = appendField(b, in1, "path", en.Path, true)
	b = appendField(b, in1, "source", en.Source, false)
	b = appendField(b, in1, "source_sha256", en.SourceSHA256, false)
	if en.Commit != "" {
		b = appendField(b, in1, "commit", en.Commit, false)
	}
	b = appendField(b, in1, "locale", en.Locale, false)
	if en.DateLocale != "" {
		b = appendField(b, in1, "date_locale", en.DateLocale, false)
	}
	b = appendField(b, in1, "format", en.Format, false)
	b = appendKey(b, in1, "bytes", false)
	b = strconv.AppendInt(b, en.Bytes, 10)
	b = appendField(b, in1, "sha256", en.SHA256, false)
	if d := en.Date; d != nil {
		b = appendKey(b, in1, "date", false)
		b = append(b, '{')
		b = appendField(b, in2, "value", d.Value, true)
		b = appendField(b, in2, "source", d.Source, false)
		if d.Commit != "" {
			b = appendField(b, in2, "commit", d.Commit, false)
		}
		b = append(b, '\n')
		b = append(b, in1...)
		b = append(b, '}')
	}
	if t := en.Translation; t != nil {
		b = appendKey(b, in1, "translation", false)
		b = append(b, '{')
		b = appendKey(b, in2, "fallback", true)
		b = strconv.AppendBool(b, t.Fallback)
		if t.SourceLocale != "" {
			b = appendField(b, in2, "source_locale", t.SourceLocale, false)
		}
		if t.SourcePath != "" {
			b = appendField(b, in2, "source_path", t.SourcePath, false)
		}
		b = append(b, '\n')
		b = append(b, in1...)
		b = append(b, '}')
	}
	if en.RedlineSince != "" {
		b = appendField(b, in1, "redline_since", en.RedlineSince, false)
	}
	if en.Key != "" {
		b = appendField(b, in1, "key", en.Key, false)
	}
	if en.Options != "" {
		b = appendField(b, in1, "options", en.Options, false)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendKey starts a member of an object on a line of its own, after a
// comma unless it is the first.
func appendKey(b []byte, indent, key string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	b = appendString(b, key)
	return append(b, ':', ' ')
}

func appendField(b []byte, indent, key, value string, first bool) []byte {
	return appendString(appendKey(b, indent, key, first), value)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped (\b, \f, \n, \r and \t by their short forms), invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
