// Package spectest runs the CommonMark and GFM specification examples
// (../shared/corpus/commonmark/spec.json and gfm/spec.json) against a
// renderer and compares HTML the way the conformance bar says: ignoring only
// insignificant whitespace, attribute order and <br>/<br /> style.
package spectest

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/corpustest"
	xhtml "github.com/galleydoc/galley/internal/nethtml"
)

// Example is one specification example.
type Example struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
	Disabled bool   `json:"disabled"`
	// Extensions are the GFM extensions the example runs with (GFM spec
	// only; nil in the CommonMark spec). An empty list means plain
	// CommonMark, as cmark-gfm's own spec tests run it.
	Extensions []string `json:"extensions"`
}

// Plain reports whether the example runs without GFM extensions.
func (e Example) Plain() bool { return e.Extensions != nil && len(e.Extensions) == 0 && !e.Disabled }

// Load reads a spec file of the shared corpus (rel is a slash path in it),
// skipping the test when the corpus is absent.
func Load(t testing.TB, rel string) []Example {
	t.Helper()
	data, err := os.ReadFile(corpustest.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	var ex []Example
	if err := json.Unmarshal(data, &ex); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return ex
}

// Run renders every example and fails the test for each mismatch not
// listed in known (example number → reason), and when fewer than bar pass.
func Run(t *testing.T, examples []Example, known map[int]string, bar int, render func(Example) (string, error)) {
	t.Helper()
	pass := 0
	var failed []int
	for _, ex := range examples {
		got, err := render(ex)
		if err == nil && Normalize(got) == Normalize(ex.HTML) {
			pass++
			continue
		}
		failed = append(failed, ex.Example)
		if why, ok := known[ex.Example]; ok {
			t.Logf("example %d fails as known: %s", ex.Example, why)
			continue
		}
		t.Errorf("example %d (%s):\n--- markdown\n%s--- want\n%s--- got\n%s(err %v)", ex.Example, ex.Section, ex.Markdown, ex.HTML, got, err)
	}
	t.Logf("%d of %d examples pass; failing: %v", pass, len(examples), failed)
	if pass < bar {
		t.Errorf("%d of %d examples pass, want at least %d", pass, len(examples), bar)
	}
}

// GFMKnownFailures are the GFM examples goldmark itself fails.
var GFMKnownFailures = map[int]string{
	645: "HTML comments follow CommonMark 0.31 rules, not GFM 0.29's (goldmark fails it too)",
	646: "HTML comments follow CommonMark 0.31 rules, not GFM 0.29's (goldmark fails it too)",
	653: "no tagfilter: raw HTML is sanitized (or trusted) by the exporter instead (goldmark fails it too)",
}

var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`article header aside hgroup blockquote hr iframe body li map button
		object canvas ol caption output col p colgroup pre dd progress div section dl table td dt
		tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul h1 h2 h3
		h4 h5 h6 video script style`) {
		blockTags[t] = true
	}
}

// Normalize rewrites HTML so that only significant differences remain:
// whitespace runs outside <pre> collapse to one space and vanish next to
// block-level tags, attributes are sorted, and <br />, <br/> and <br> are
// the same. Text keeps its character references as written.
func Normalize(s string) string {
	type tok struct {
		text  string
		block bool // a block-level tag
		isTxt bool
		inPre bool
	}
	var toks []tok
	z := xhtml.NewTokenizer(strings.NewReader(s))
	pre := 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case xhtml.TextToken:
			if pre > 0 {
				toks = append(toks, tok{text: raw, isTxt: true, inPre: true})
				continue
			}
			toks = append(toks, tok{text: collapseSpace(raw), isTxt: true})
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			tn := z.Token()
			name := tn.Data
			if tt == xhtml.EndTagToken {
				if name == "pre" && pre > 0 {
					pre--
				}
				toks = append(toks, tok{text: "</" + name + ">", block: blockTags[name]})
				continue
			}
			if name == "pre" {
				pre++
			}
			attrs := make([]string, 0, len(tn.Attr))
			for _, a := range tn.Attr {
				attrs = append(attrs, a.Key+`="`+xhtml.EscapeString(a.Val)+`"`)
			}
			sort.Strings(attrs)
			t := "<" + name
			if len(attrs) > 0 {
				t += " " + strings.Join(attrs, " ")
			}
			toks = append(toks, tok{text: t + ">", block: blockTags[name]})
		default:
			toks = append(toks, tok{text: raw})
		}
	}
	// Whitespace next to block tags is insignificant.
	var out strings.Builder
	for i, t := range toks {
		if t.isTxt && !t.inPre {
			txt := t.text
			if i == 0 || toks[i-1].block {
				txt = strings.TrimLeft(txt, " ")
			}
			if i+1 == len(toks) || toks[i+1].block {
				txt = strings.TrimRight(txt, " ")
			}
			out.WriteString(txt)
			continue
		}
		out.WriteString(t.text)
	}
	return out.String()
}

// collapseSpace turns every whitespace run of s into one space.
func collapseSpace(s string) string {
	var sb strings.Builder
	space := false
	for _, c := range s {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			space = true
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(c)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}
