package html

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/markdown"
	xhtml "golang.org/x/net/html"
)

// corpusDir is the shared test corpus, next to the checkout.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
	Disabled bool   `json:"disabled"`
}

func loadSpec(t testing.TB, rel string) []specExample {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("spec examples not found at %s (the shared corpus is absent)", filepath.Join(corpusDir, rel))
	}
	if err != nil {
		t.Fatal(err)
	}
	var ex []specExample
	if err := json.Unmarshal(data, &ex); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return ex
}

// renderSpec reads md with galley's Markdown reader and writes it with the
// HTML exporter in fragment mode with trusted raw HTML.
func renderSpec(t testing.TB, md string) (string, error) {
	doc, err := markdown.Read([]byte(md), "spec.md")
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = New().Export(&buf, doc, exporters.Options{Fragment: true, RawHTML: exporters.RawTrusted})
	return buf.String(), err
}

// dialect lists the spec examples whose expected output contradicts
// galley's Markdown dialect on purpose, with the reason. markdown.Read always
// reads YAML front matter and always links bare URLs (GFM's extended
// autolinks), while the spec runs those examples without extensions.
var dialect = map[string]map[int]string{
	"commonmark/spec.json": {
		96:  "a document starting with --- is front matter",
		98:  "a document starting with --- is front matter",
		608: "bare URLs are linked (GFM extended autolinks)",
		611: "bare URLs are linked (GFM extended autolinks)",
		612: "bare email addresses are linked (GFM extended autolinks)",
	},
	"gfm/spec.json": {
		66:  "a document starting with --- is front matter",
		68:  "a document starting with --- is front matter",
		616: "bare URLs are linked (GFM extended autolinks)",
		619: "bare URLs are linked (GFM extended autolinks)",
		620: "bare email addresses are linked (GFM extended autolinks)",
		// goldmark itself fails these three:
		645: "HTML comments follow CommonMark 0.31 rules, not GFM 0.29's",
		646: "HTML comments follow CommonMark 0.31 rules, not GFM 0.29's",
		653: "no tagfilter: raw HTML is sanitized (or trusted) by the exporter instead",
	},
}

// runSpec checks every example of a spec file: all must pass except the
// listed dialect differences, and at least bar must pass.
func runSpec(t *testing.T, rel string, bar int) {
	examples := loadSpec(t, rel)
	pass := 0
	var failed []int
	for _, ex := range examples {
		got, err := renderSpec(t, ex.Markdown)
		if err == nil && normalizeHTML(got) == normalizeHTML(ex.HTML) {
			pass++
			continue
		}
		failed = append(failed, ex.Example)
		if why, ok := dialect[rel][ex.Example]; ok {
			t.Logf("example %d differs by dialect: %s", ex.Example, why)
			continue
		}
		t.Errorf("example %d (%s):\n--- markdown\n%s--- want\n%s--- got\n%s(err %v)", ex.Example, ex.Section, ex.Markdown, ex.HTML, got, err)
	}
	t.Logf("%s: %d of %d examples pass through the tree; failing: %v (dialect: %v)", rel, pass, len(examples), failed, dialect[rel])
	if pass < bar {
		t.Errorf("%s: %d of %d examples pass, want at least %d", rel, pass, len(examples), bar)
	}
}

// TestCommonMarkSpec runs the 652 CommonMark 0.31.2 examples through
// markdown.Read and the exporter: all pass but the 5 dialect differences.
func TestCommonMarkSpec(t *testing.T) {
	runSpec(t, "commonmark/spec.json", 647)
}

// TestGFMSpec runs the 673 GFM 0.29 examples: all pass but goldmark's own 3
// failures and the 5 dialect differences (the 2 disabled task-list examples
// pass).
func TestGFMSpec(t *testing.T) {
	runSpec(t, "gfm/spec.json", 665)
}

// blockTags are the elements around which whitespace is insignificant (the
// list of CommonMark's normalize.py).
var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`article header aside hgroup blockquote hr iframe body li map button
		object canvas ol caption output col p colgroup pre dd progress div section dl table td dt
		tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul h1 h2 h3
		h4 h5 h6 video script style`) {
		blockTags[t] = true
	}
}

// normalizeHTML rewrites HTML so that only significant differences remain:
// whitespace runs outside <pre> collapse to one space and vanish next to
// block-level tags, attributes are sorted, and <br />, <br/> and <br> are
// the same. Text keeps its character references as written.
func normalizeHTML(s string) string {
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
