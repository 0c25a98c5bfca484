package locales

import (
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parseLabelJSON parses a label file written the way galley's are: one
// JSON object whose values are strings, or objects of plural forms whose
// values are strings. It reads the file in one pass, without reflection:
// encoding/json took 0.2 ms of a process that prints one document's labels.
// ok is false for anything else (other JSON values, a \u escape of a
// surrogate, invalid UTF-8, a plural object encoding/json's path would
// reject), which parseLabelFile then hands to encoding/json, for its
// result or its error. TestParseLabelJSON checks that both agree on every
// embedded file.
func parseLabelJSON(b []byte) (msgs map[string]labelMessage, ok bool) {
	if !utf8.Valid(b) {
		return nil, false
	}
	s := labelScanner{b: b}
	s.space()
	if !s.byte('{') {
		return nil, false
	}
	msgs = make(map[string]labelMessage, 64)
	s.space()
	if s.byte('}') {
		return msgs, s.end()
	}
	for {
		key, ok := s.member()
		if !ok {
			return nil, false
		}
		var m labelMessage
		if s.peek() == '{' {
			if m.plural, ok = s.forms(); !ok {
				return nil, false
			}
		} else if m.text, ok = s.str(); !ok {
			return nil, false
		}
		msgs[key] = m
		s.space()
		if s.byte('}') {
			return msgs, s.end()
		}
		if !s.byte(',') {
			return nil, false
		}
	}
}

// labelScanner reads the JSON subset of parseLabelJSON.
type labelScanner struct {
	b []byte
	i int
}

func (s *labelScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *labelScanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// byte consumes c if it is next.
func (s *labelScanner) byte(c byte) bool {
	if s.peek() == c {
		s.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (s *labelScanner) end() bool {
	s.space()
	return s.i == len(s.b)
}

// member reads an object member's name and colon, and the space after.
func (s *labelScanner) member() (string, bool) {
	s.space()
	key, ok := s.str()
	if !ok {
		return "", false
	}
	s.space()
	if !s.byte(':') {
		return "", false
	}
	s.space()
	return key, true
}

// forms reads an object of plural forms, checked as
// labelMessage.UnmarshalJSON checks them.
func (s *labelScanner) forms() (map[string]string, bool) {
	s.i++ // {
	forms := make(map[string]string, 6)
	s.space()
	if !s.byte('}') {
		for {
			cat, ok := s.member()
			if !ok || !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, cat) {
				return nil, false
			}
			if forms[cat], ok = s.str(); !ok {
				return nil, false
			}
			s.space()
			if s.byte('}') {
				break
			}
			if !s.byte(',') {
				return nil, false
			}
		}
	}
	return forms, forms["other"] != ""
}

// str reads a JSON string.
func (s *labelScanner) str() (string, bool) {
	if !s.byte('"') {
		return "", false
	}
	start := s.i
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return string(s.b[start : s.i-1]), true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return "", false
		default:
			s.i++
		}
	}
	return "", false
}

// escaped reads the rest of a string that started at start and has an
// escape at s.i.
func (s *labelScanner) escaped(start int) (string, bool) {
	var sb strings.Builder
	sb.Grow(s.i - start + 16)
	sb.Write(s.b[start:s.i])
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return sb.String(), true
		case c < 0x20:
			return "", false
		case c != '\\':
			sb.WriteByte(c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return "", false
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			sb.WriteByte(e)
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r, ok := s.hex4()
			if !ok || utf16.IsSurrogate(r) {
				return "", false // surrogate pairs: encoding/json's business
			}
			sb.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}

// hex4 reads the four hex digits of a \u escape.
func (s *labelScanner) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		return 0, false
	}
	var r rune
	for _, c := range s.b[s.i : s.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.i += 4
	return r, true
}
