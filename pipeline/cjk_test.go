package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// strayInSource lists, whitespace removed, the asterisks of Mozilla's
// Chinese and Japanese notices that no reader following CommonMark, with
// or without the markdown-cjk-friendly rules, takes for emphasis: the
// sources' own slips, which every format shows as written.
var strayInSource = []string{
	"*响应",   // zh-CN Firefox: a list item without the space after "*"
	"*法的要求", // ja Firefox: the same
	"：*您可",  // zh-CN accounts: the opening "*" is missing
	// ja Firefox: a closing "*" after ASCII ":" before a Latin letter.
	"*その他の詳細(データの設定を変更する方法など):*Firefox",
	// ja accounts: a space before the closing "*".
	"*その他の詳細(データの設定を変更する方法など):*Mozilla",
}

// TestCJKNoticesAsWritten exports Mozilla's Chinese and Japanese notices
// (every zh-* and ja notice in the corpus) to each format and checks that
// they read as their authors wrote them: emphasis beside CJK punctuation
// is bold or italic in HTML (and leaves fewer asterisks than a plain
// CommonMark reading), no asterisk is left in any format but the sources'
// own slips, no space stands between two Chinese or Japanese characters
// where the source text has none, and the lines the source wraps between
// two such characters read joined. PDF text is read with pdftotext, whose
// output puts spaces between table columns, so only the asterisks and the
// joined lines are checked there.
func TestCJKNoticesAsWritten(t *testing.T) {
	var files []string
	for _, f := range corpustest.Markdown(t, "mozilla-legal") {
		if b := filepath.Base(f); strings.HasPrefix(b, "zh") || strings.HasPrefix(b, "ja") {
			files = append(files, f)
		}
	}
	if len(files) < 4 {
		t.Fatalf("found %d Chinese and Japanese Mozilla notices, want 4 or more", len(files))
	}
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	noWrap := 0
	engines := map[string]*pipeline.Engine{}
	formats := []string{"html", "txt", "json", "md", "pdf"}
	for _, f := range formats {
		engines[f] = newEngine(t, pipeline.Options{Formats: []string{f}, Date: &date, Wrap: &noWrap})
	}
	_, pdfErr := exec.LookPath("pdftotext")
	if pdfErr != nil {
		t.Log("pdftotext (poppler-utils) not installed; PDF text not checked")
	}
	stars, plainStars, cjkEmphasis, joins := 0, 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		convert := func(format, from string) string {
			t.Helper()
			var buf bytes.Buffer
			if err := engines[format].Convert(context.Background(), src, filepath.Base(f), from, filepath.Dir(f), &buf, &diag.Sink{}); err != nil {
				t.Fatalf("%s: %s from %q: %v", f, format, from, err)
			}
			return buf.String()
		}
		spaced := map[[2]rune]bool{}
		for _, p := range spacedPairs(sourceText(string(src))) {
			spaced[p] = true
		}
		wrapped := wrappedLines(string(src))
		joins += len(wrapped)
		for _, format := range formats {
			name := corpustest.Rel(t, f) + " " + format
			out := convert(format, "")
			text := out
			switch format {
			case "html":
				text = htmlText(out)
				stars += strings.Count(text, "*")
				plainStars += strings.Count(htmlText(convert(format, "commonmark")), "*")
				cjkEmphasis += len(cjkEmphasisPattern.FindAllString(out, -1))
			case "json":
				text = jsonText(t, out)
			case "md":
				// The Markdown keeps its syntax; no CJK character needs a
				// character reference to keep emphasis apart.
				for _, m := range regexp.MustCompile(`&#\d+;`).FindAllString(out, -1) {
					t.Errorf("%s: a character reference %s where the character could be written", name, m)
				}
				continue
			case "pdf":
				if pdfErr != nil {
					continue
				}
				pdf := filepath.Join(t.TempDir(), "n.pdf")
				if err := os.WriteFile(pdf, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				b, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				text = string(b)
			}
			checkNoStray(t, name, text)
			joined := strings.ReplaceAll(text, "\n", "")
			for _, w := range wrapped {
				if !strings.Contains(joined, w) {
					t.Errorf("%s: the lines the source wraps at %q do not read joined", name, w)
				}
			}
			if format == "pdf" {
				continue
			}
			for _, p := range spacedPairs(text) {
				if !spaced[p] {
					t.Errorf("%s: a space between %q and %q that the source does not have: %s", name, p[0], p[1], around(text, p))
				}
			}
		}
	}
	if stars >= plainStars {
		t.Errorf("the HTML pages show %d asterisks, as many as a CommonMark reading leaves (%d)", stars, plainStars)
	}
	if cjkEmphasis < 10 {
		t.Errorf("the HTML pages have %d emphasised phrases ending in CJK punctuation, want 10 or more", cjkEmphasis)
	}
	if joins == 0 {
		t.Error("no source wraps a line between two CJK characters: the joining is not tested")
	}
}

// cjkEmphasisPattern matches the end of emphasis right after CJK
// punctuation, which CommonMark's rules alone would not close before text.
var cjkEmphasisPattern = regexp.MustCompile(`[：。，、）」』】]</(strong|em)>`)

// sourceText returns the text of Markdown source with its link and
// emphasis syntax and raw HTML tags removed: where its authors put spaces.
func sourceText(src string) string {
	src = regexp.MustCompile(`\]\([^)\s]*\)`).ReplaceAllString(src, "")
	src = regexp.MustCompile(`<[^>\n]*>`).ReplaceAllString(src, "")
	return strings.NewReplacer("[", "", "*", "", "_", "").Replace(src)
}

// wrappedLines returns, for each place where src continues a paragraph on
// the next line between two Chinese or Japanese characters, the three
// characters on either side joined.
func wrappedLines(src string) []string {
	var out []string
	lines := strings.Split(src, "\n")
	for i := 0; i+1 < len(lines); i++ {
		a, b := []rune(strings.TrimRight(lines[i], " ")), []rune(strings.TrimLeft(lines[i+1], " "))
		if len(a) < 3 || len(b) < 3 || !tree.JoinsLines(a[len(a)-1], b[0]) {
			continue
		}
		w := string(a[len(a)-3:]) + string(b[:3])
		if !strings.ContainsAny(w, "*_[]()<>|#`~") {
			out = append(out, w)
		}
	}
	return out
}

// checkNoStray reports the asterisks of text that are not the sources'
// own slips.
func checkNoStray(t *testing.T, format, text string) {
	t.Helper()
	s := squash(text)
	for _, known := range strayInSource {
		s = strings.ReplaceAll(s, known, "")
	}
	for i := strings.IndexByte(s, '*'); i >= 0; i = strings.IndexByte(s, '*') {
		lo, hi := max(0, i-30), min(len(s), i+30)
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo--
		}
		for hi < len(s) && !utf8.RuneStart(s[hi]) {
			hi++
		}
		t.Errorf("%s: stray asterisk: …%s…", format, s[lo:hi])
		s = s[i+1:]
	}
}

// spacedPairs returns the pairs of Chinese or Japanese characters (those
// tree.JoinsLines joins) that text shows with one space between them.
func spacedPairs(text string) [][2]rune {
	var out [][2]rune
	rs := []rune(text)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == ' ' && tree.JoinsLines(rs[i-1], rs[i+1]) && rs[i-1] != '\u200b' && rs[i+1] != '\u200b' {
			out = append(out, [2]rune{rs[i-1], rs[i+1]})
		}
	}
	return out
}

func around(text string, p [2]rune) string {
	i := strings.Index(text, string(p[0])+" "+string(p[1]))
	rs := []rune(text[max(0, i-40):])
	return string(rs[:min(len(rs), 30)])
}

var (
	tagPattern    = regexp.MustCompile(`(?s)<[^>]*>`)
	stylePattern  = regexp.MustCompile(`(?s)<(style|script)\b.*?</(style|script)>`)
	entityPattern = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
)

// htmlText returns the text of an HTML page's <body>.
func htmlText(page string) string {
	if i := strings.Index(page, "<body"); i >= 0 {
		page = page[i:]
	}
	page = stylePattern.ReplaceAllString(page, "")
	return entityPattern.Replace(tagPattern.ReplaceAllString(page, ""))
}

// jsonText returns the "text" values of a galley/v1 tree, one a line.
func jsonText(t *testing.T, doc string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				if s, ok := y.(string); ok && (k == "text" || k == "alt") {
					sb.WriteString(s + "\n")
				} else {
					walk(y)
				}
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return sb.String()
}
