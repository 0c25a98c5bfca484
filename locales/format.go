package locales

import (
	"fmt"
	"strings"
	"time"
)

// Width is a CLDR format length.
type Width int

// The CLDR widths, longest first.
const (
	Full   Width = iota // Tuesday, December 16, 2025
	Long                // December 16, 2025
	Medium              // Dec 16, 2025
	Short               // 12/16/25
)

var widthNames = [...]string{"full", "long", "medium", "short"}

// String returns "full", "long", "medium" or "short".
func (w Width) String() string {
	if w < Full || w > Short {
		return fmt.Sprintf("Width(%d)", int(w))
	}
	return widthNames[w]
}

// ParseWidth parses "full", "long", "medium" or "short" (any case).
func ParseWidth(s string) (Width, error) {
	for i, n := range widthNames {
		if strings.EqualFold(s, n) {
			return Width(i), nil
		}
	}
	return Long, fmt.Errorf("unknown date width %q (want full, long, medium or short)", s)
}

func (w Width) index() int {
	if w < Full || w > Short {
		return int(Long)
	}
	return int(w)
}

// FormatDate writes the date of t with the locale's CLDR date pattern for
// the width, in t's Location: Long is "December 16, 2025" in en,
// "16. Dezember 2025" in de, "2025年12月16日" in ja.
func (l Locale) FormatDate(t time.Time, w Width) string {
	d := l.data()
	return d.format(d.datePattern(w.index()), t)
}

// FormatTime writes the time of day of t with the locale's CLDR time
// pattern for the width, in t's Location.
func (l Locale) FormatTime(t time.Time, w Width) string {
	d := l.data()
	return d.format(d.timePattern(w.index()), t)
}

// FormatDateTime writes date and time of t, each with the pattern for the
// width, joined by the locale's glue pattern for that width (as ICU and Intl
// do for dateStyle and timeStyle together): "December 16, 2025 at 1:14:45 PM
// UTC" in en at Long.
func (l Locale) FormatDateTime(t time.Time, w Width) string {
	d := l.data()
	return d.format(d.dateTimePattern(w.index()), t)
}

// token is one piece of a compiled pattern: literal text, or a field letter
// repeated n times.
type token struct {
	lit    string
	letter byte
	n      int
}

// compilePattern splits a CLDR date pattern into tokens. Letters a-z and A-Z
// are fields, text between apostrophes is literal, and ” is an apostrophe.
func compilePattern(p string) []token {
	var toks []token
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, token{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' { // '' inside quotes
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(p[j])
				j++
			}
			i = j + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			toks = append(toks, token{letter: c, n: j - i})
			i = j
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return toks
}

// compileGlue expands a dateTime glue pattern ("{1} 'at' {0}") around the
// compiled date ({1}) and time ({0}) patterns into one token list.
func compileGlue(glue string, date, tim []token) []token {
	var out []token
	for _, t := range compilePattern(glue) {
		if t.letter != 0 {
			out = append(out, t)
			continue
		}
		s := t.lit
		for s != "" {
			i := strings.IndexByte(s, '{')
			if i < 0 || i+2 >= len(s) || s[i+2] != '}' || (s[i+1] != '0' && s[i+1] != '1') {
				out = appendLit(out, s)
				break
			}
			out = appendLit(out, s[:i])
			if s[i+1] == '1' {
				out = append(out, date...)
			} else {
				out = append(out, tim...)
			}
			s = s[i+3:]
		}
	}
	return out
}

func appendLit(toks []token, s string) []token {
	if s == "" {
		return toks
	}
	if n := len(toks); n > 0 && toks[n-1].letter == 0 {
		toks[n-1].lit += s
		return toks
	}
	return append(toks, token{lit: s})
}

// fields holds the calendar fields of one instant, computed once per call.
type fields struct {
	year, month, day, yday int
	weekday                int
	hour, min, sec, nsec   int
	zone                   string
	offset                 int
	utc                    bool
}

func fieldsOf(t time.Time) fields {
	var f fields
	var m time.Month
	f.year, m, f.day = t.Date()
	f.month = int(m)
	f.hour, f.min, f.sec = t.Clock()
	f.nsec = t.Nanosecond()
	f.weekday = int(t.Weekday())
	f.yday = t.YearDay()
	f.zone, f.offset = t.Zone()
	loc := t.Location()
	f.utc = loc == time.UTC || loc.String() == "UTC" || loc.String() == "Etc/UTC"
	return f
}

func (d *localeData) format(toks []token, t time.Time) string {
	var buf [128]byte
	return string(d.appendFormat(buf[:0], toks, fieldsOf(t)))
}

func (d *localeData) appendFormat(b []byte, toks []token, f fields) []byte {
	for i := range toks {
		tk := &toks[i]
		if tk.letter == 0 {
			b = append(b, tk.lit...)
			continue
		}
		b = d.appendField(b, tk.letter, tk.n, f)
	}
	return b
}

func (d *localeData) appendField(b []byte, letter byte, n int, f fields) []byte {
	switch letter {
	case 'G': // era
		era := 1
		if f.year <= 0 {
			era = 0
		}
		if n == 4 {
			return append(b, d.eraNames[era]...)
		}
		return append(b, d.eras[era]...)
	case 'y', 'Y', 'u': // year (of era for y; week-year approximated by year)
		y := f.year
		if letter == 'y' && y <= 0 {
			y = 1 - y
		}
		if n == 2 {
			return d.appendNum(b, (y%100+100)%100, 2)
		}
		return d.appendNum(b, y, n)
	case 'M', 'L': // month
		switch {
		case n <= 2:
			return d.appendNum(b, f.month, n)
		case letter == 'L' && n == 3:
			return append(b, d.monthsStandaloneAbbr[f.month-1]...)
		case letter == 'L':
			return append(b, d.monthsStandalone[f.month-1]...)
		case n == 3:
			return append(b, d.monthsAbbr[f.month-1]...)
		default:
			return append(b, d.months[f.month-1]...)
		}
	case 'd':
		return d.appendNum(b, f.day, n)
	case 'D':
		return d.appendNum(b, f.yday, n)
	case 'E': // weekday
		if n == 4 {
			return append(b, d.days[f.weekday]...)
		}
		return append(b, d.daysAbbr[f.weekday]...)
	case 'c', 'e': // stand-alone / local weekday; numeric forms use ISO (Monday 1)
		if n <= 2 {
			return d.appendNum(b, (f.weekday+6)%7+1, n)
		}
		if letter == 'e' {
			return d.appendField(b, 'E', n, f)
		}
		if n == 4 {
			return append(b, d.daysStandalone[f.weekday]...)
		}
		return append(b, d.daysStandaloneAbbr[f.weekday]...)
	case 'a', 'b': // AM/PM
		if f.hour < 12 {
			return append(b, d.am...)
		}
		return append(b, d.pm...)
	case 'B': // flexible day period
		if len(d.dayPeriods) == 0 {
			return d.appendField(b, 'a', n, f)
		}
		return append(b, d.dayPeriodName(f.hour*60+f.min, f.sec == 0)...)
	case 'h': // 1-12
		h := f.hour % 12
		if h == 0 {
			h = 12
		}
		return d.appendNum(b, h, n)
	case 'H': // 0-23
		return d.appendNum(b, f.hour, n)
	case 'K': // 0-11
		return d.appendNum(b, f.hour%12, n)
	case 'k': // 1-24
		h := f.hour
		if h == 0 {
			h = 24
		}
		return d.appendNum(b, h, n)
	case 'm':
		return d.appendNum(b, f.min, n)
	case 's':
		return d.appendNum(b, f.sec, n)
	case 'S': // fraction of a second, truncated to n digits
		frac := f.nsec
		digits := 9
		for digits > n {
			frac /= 10
			digits--
		}
		return d.appendNum(b, frac, n)
	case 'z', 'v', 'V', 'O': // zone name, or localized GMT
		long := n >= 4
		if f.utc && letter != 'O' {
			if long && d.utcLong == "" {
				// Without a name for UTC, ICU writes the long localized
				// GMT format with its zero offset: "GMT+00:00".
				return d.appendGMTOffset(b, 0, true)
			}
			if long {
				return append(b, d.utcLong...)
			}
			return append(b, d.utcShort...)
		}
		return d.appendGMT(b, f.offset, long)
	case 'Z':
		switch {
		case n == 4:
			return d.appendGMT(b, f.offset, true)
		case n == 5 && f.offset == 0:
			return append(b, 'Z')
		case n == 5:
			return appendISOOffset(b, f.offset, 5)
		}
		return appendISOOffset(b, f.offset, 2)
	case 'X', 'x': // ISO 8601 offset; X writes Z for zero
		if letter == 'X' && f.offset == 0 {
			return append(b, 'Z')
		}
		return appendISOOffset(b, f.offset, n)
	}
	// Unknown letters are written as they stand.
	for range n {
		b = append(b, letter)
	}
	return b
}

// appendNum writes v zero-padded to width digits in the locale's digits.
func (d *localeData) appendNum(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	for len(tmp)-i < width && i > 0 {
		i--
		tmp[i] = '0'
	}
	if d.latn {
		return append(b, tmp[i:]...)
	}
	for _, c := range tmp[i:] {
		b = append(b, d.digits[c-'0']...)
	}
	return b
}

// appendGMT writes a UTC offset in the localized GMT format: the long form
// applies hourFormat as it stands ("GMT-05:00"), the short one drops the
// hour's padding and zero minutes ("GMT-5", "GMT+5:30").
func (d *localeData) appendGMT(b []byte, offset int, long bool) []byte {
	if offset == 0 {
		return append(b, d.gmtZero...)
	}
	return d.appendGMTOffset(b, offset, long)
}

// appendGMTOffset is appendGMT's GMT format with an offset, also for a
// zero offset.
func (d *localeData) appendGMTOffset(b []byte, offset int, long bool) []byte {
	pre, post, _ := strings.Cut(d.gmt, "{0}")
	b = append(b, pre...)
	toks, neg := d.hourPatterns()
	if offset < 0 {
		toks = neg
		offset = -offset
	}
	h, m := offset/3600, offset/60%60
	for i, tk := range toks {
		switch {
		case tk.letter == 'H':
			n := tk.n
			if !long {
				n = 1
			}
			b = d.appendNum(b, h, n)
		case tk.letter == 'm':
			if long || m != 0 {
				b = d.appendNum(b, m, 2)
			}
		case tk.letter == 0:
			// The separator before the minutes goes with them.
			if !long && m == 0 && i+1 < len(toks) && toks[i+1].letter == 'm' {
				continue
			}
			b = append(b, tk.lit...)
		}
	}
	return append(b, post...)
}

// appendISOOffset writes an ISO 8601 offset for a pattern letter repeated
// n times: +05 or +0530 (1), +0530 (2, 4), +05:30 (3, 5). Seconds are
// not written.
func appendISOOffset(b []byte, offset, n int) []byte {
	sign := byte('+')
	if offset < 0 {
		sign = '-'
		offset = -offset
	}
	h, m := offset/3600, offset/60%60
	b = append(b, sign, byte('0'+h/10), byte('0'+h%10))
	if n == 1 && m == 0 {
		return b
	}
	if n == 3 || n == 5 {
		b = append(b, ':')
	}
	return append(b, byte('0'+m/10), byte('0'+m%10))
}
