package pipeline

import (
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// Which translation serves a locale is x/text's language matching, with
// High confidence required. x/text builds a Matcher for each question
// (about 0.1 ms), and a batch asks the same few questions for every
// document, so the answers are remembered.

// closestLocale returns the index in have of the locale that serves want
// (es → es-ES, pt-BR → pt) with High confidence, or -1 (zh-TW does not
// take zh-CN).
func closestLocale(have []string, want string) int {
	if len(have) == 0 {
		return -1
	}
	key := strings.Join(have, " ") + "\x00" + want
	if i, ok := matches.load(key); ok {
		return i
	}
	tags := make([]language.Tag, len(have))
	for i, h := range have {
		tags[i] = language.Make(h)
	}
	_, i, conf := language.NewMatcher(tags).Match(language.Make(want))
	if conf < language.High {
		i = -1
	}
	matches.store(key, i)
	return i
}

// sameLanguage reports whether a body in locale have serves a request for
// want (pt serves pt-BR; zh-Hans does not serve zh-TW).
func sameLanguage(have, want string) bool {
	return have == want || closestLocale([]string{have}, want) == 0
}

// matches remembers closestLocale's answers.
var matches = answers{max: 4096}

// answers remembers up to max answers by key; more are found again each
// time, so a long-lived process asked ever new questions stays bounded.
type answers struct {
	m   sync.Map // string → int
	n   atomic.Int32
	max int32
}

func (a *answers) load(key string) (int, bool) {
	v, ok := a.m.Load(key)
	if !ok {
		return 0, false
	}
	return v.(int), true
}

func (a *answers) store(key string, v int) {
	if a.n.Add(1) <= a.max {
		a.m.Store(key, v)
	}
}
