package locales

import (
	"time"
)

// Strftime formats t like C's strftime, with the locale's month, weekday and
// AM/PM names: the MkDocs git-revision-date-localized plugin's "custom"
// type ("%d. %B %Y" is "16. Dezember 2025" in de). Numbers are written in
// ASCII digits, as strftime does.
//
// Directives: %Y year, %y two-digit year, %m month, %d day, %e day padded
// with a space, %j day of the year, %B/%b month name/abbreviation (%h too),
// %A/%a weekday name/abbreviation, %H hour (00-23), %I hour (01-12), %M
// minute, %S second, %p AM/PM, %Z zone abbreviation, %z offset (+hhmm),
// %F (%Y-%m-%d), %T (%H:%M:%S), %D (%m/%d/%y), %R (%H:%M), %u ISO weekday
// (1-7, Monday 1), %w weekday (0-6, Sunday 0), %n newline, %t tab, %%.
// The glibc flag "-" drops padding (%-d is "5", not "05"). Anything else is
// written as it stands.
func (l Locale) Strftime(t time.Time, format string) string {
	d := l.data()
	f := fieldsOf(t)
	b := make([]byte, 0, len(format)+32)
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b = append(b, c)
			continue
		}
		start := i
		i++
		pad := true
		if format[i] == '-' && i+1 < len(format) {
			pad = false
			i++
		}
		num := func(v, width int, padByte byte) {
			if !pad {
				width = 0
			}
			b = appendPadded(b, v, width, padByte)
		}
		switch format[i] {
		case 'Y':
			num(f.year, 0, '0')
		case 'y':
			num((f.year%100+100)%100, 2, '0')
		case 'm':
			num(f.month, 2, '0')
		case 'd':
			num(f.day, 2, '0')
		case 'e':
			num(f.day, 2, ' ')
		case 'j':
			num(f.yday, 3, '0')
		case 'B':
			b = append(b, d.months[f.month-1]...)
		case 'b', 'h':
			b = append(b, d.monthsAbbr[f.month-1]...)
		case 'A':
			b = append(b, d.days[f.weekday]...)
		case 'a':
			b = append(b, d.daysAbbr[f.weekday]...)
		case 'H':
			num(f.hour, 2, '0')
		case 'I':
			h := f.hour % 12
			if h == 0 {
				h = 12
			}
			num(h, 2, '0')
		case 'M':
			num(f.min, 2, '0')
		case 'S':
			num(f.sec, 2, '0')
		case 'p':
			if f.hour < 12 {
				b = append(b, d.am...)
			} else {
				b = append(b, d.pm...)
			}
		case 'Z':
			b = append(b, f.zone...)
		case 'z':
			b = appendISOOffset(b, f.offset, 2)
		case 'F':
			b = appendPadded(b, f.year, 4, '0')
			b = append(b, '-')
			b = appendPadded(b, f.month, 2, '0')
			b = append(b, '-')
			b = appendPadded(b, f.day, 2, '0')
		case 'T', 'R':
			b = appendPadded(b, f.hour, 2, '0')
			b = append(b, ':')
			b = appendPadded(b, f.min, 2, '0')
			if format[i] == 'T' {
				b = append(b, ':')
				b = appendPadded(b, f.sec, 2, '0')
			}
		case 'D':
			b = appendPadded(b, f.month, 2, '0')
			b = append(b, '/')
			b = appendPadded(b, f.day, 2, '0')
			b = append(b, '/')
			b = appendPadded(b, (f.year%100+100)%100, 2, '0')
		case 'u':
			b = appendPadded(b, (f.weekday+6)%7+1, 0, '0')
		case 'w':
			b = appendPadded(b, f.weekday, 0, '0')
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case '%':
			b = append(b, '%')
		default:
			b = append(b, format[start:i+1]...)
		}
	}
	return string(b)
}

// appendPadded writes v in ASCII digits, padded to width with pad.
func appendPadded(b []byte, v, width int, pad byte) []byte {
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
	for len(tmp)-i < width {
		i--
		tmp[i] = pad
	}
	return append(b, tmp[i:]...)
}
