package resolve

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify makes a heading id the way MkDocs does (Python-Markdown's toc
// extension, default slugify): NFKD-normalize, drop what is not ASCII, drop
// characters other than word characters, spaces and hyphens, trim, lower-case
// and join runs of spaces and hyphens with "-". So "1. DEFINITIONS" becomes
// "1-definitions", and the links of a published MkDocs site keep working.
func Slugify(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= utf8Self {
			continue // not ASCII: dropped, as by encode('ascii', 'ignore')
		}
		if r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	out := strings.ToLower(strings.TrimSpace(b.String()))
	return separatorRun.ReplaceAllString(out, "-")
}

const utf8Self = 0x80

var separatorRun = regexp.MustCompile(`[-\s]+`)

// idCount matches an id that already ends in _N.
var idCount = regexp.MustCompile(`^(.*)_([0-9]+)$`)

// ids hands out unique ids like Python-Markdown's toc `unique`: a taken or
// empty id gets _1, _2, … appended.
type ids map[string]bool

func (u ids) unique(id string) string {
	for id == "" || u[id] {
		if m := idCount.FindStringSubmatch(id); m != nil {
			n, _ := strconv.Atoi(m[2])
			id = m[1] + "_" + strconv.Itoa(n+1)
		} else {
			id += "_1"
		}
	}
	u[id] = true
	return id
}
