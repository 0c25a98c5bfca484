package redline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/redline"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sergi/go-diff/diffmatchpatch"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden redlines")

// pair is two versions of a document.
type pair struct {
	name     string
	old, new pipeline.DiffVersion
}

// fixtures are the project's own pairs (testdata/pairs), each showing one
// kind of change; each side is dated as a git revision would be.
func fixtures(t *testing.T) []pair {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "pairs", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatal("no fixtures", err)
	}
	oldDate := &tree.DateInfo{Time: time.Date(2025, 1, 15, 10, 0, 0, 0, time.UTC), Source: tree.FromGit, Commit: "1111111111111111111111111111111111111111"}
	newDate := &tree.DateInfo{Time: time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC), Source: tree.FromGit, Commit: "2222222222222222222222222222222222222222"}
	var out []pair
	for _, d := range dirs {
		name := filepath.Base(d)
		out = append(out, pair{name: name,
			old: version(t, filepath.Join(d, "old.md"), "v1:"+name+".md", oldDate),
			new: version(t, filepath.Join(d, "new.md"), "v2:"+name+".md", newDate)})
	}
	return out
}

// history returns the corpus's successive versions of real policies.
func history(t *testing.T) []pair {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(corpustest.Dir(t), "history", "*"))
	var out []pair
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		name := filepath.Base(d)
		date := func(side string) *tree.DateInfo {
			b, err := os.ReadFile(filepath.Join(d, side+".date"))
			if err != nil {
				return nil
			}
			tm, err := time.Parse(time.RFC3339, strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatalf("%s/%s.date: %v", name, side, err)
			}
			return &tree.DateInfo{Time: tm, Source: tree.FromGit}
		}
		out = append(out, pair{name: "history-" + name,
			old: version(t, filepath.Join(d, "old.md"), name+"/old.md", date("old")),
			new: version(t, filepath.Join(d, "new.md"), name+"/new.md", date("new"))})
	}
	if len(out) == 0 {
		t.Skip("no history pairs in the corpus")
	}
	return out
}

func version(t *testing.T, path, label string, rev *tree.DateInfo) pipeline.DiffVersion {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.DiffVersion{Src: src, Label: label, Path: filepath.Base(path), Revision: rev}
}

func engine(t testing.TB, format string) *pipeline.Engine {
	t.Helper()
	eng, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{format}})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func diff(t testing.TB, p pair, format string) ([]byte, *tree.Redline) {
	t.Helper()
	var buf bytes.Buffer
	rl, err := engine(t, format).Diff(context.Background(), p.old, p.new, &buf, &diag.Sink{})
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	return buf.Bytes(), rl
}

func redlineDoc(t testing.TB, p pair) *tree.Document {
	t.Helper()
	doc, err := engine(t, "html").Redline(context.Background(), p.old, p.new, &diag.Sink{})
	if err != nil {
		t.Fatalf("%s: %v", p.name, err)
	}
	return doc
}

// TestGolden compares the redlines of every pair in html, txt, json and md
// with testdata/golden (go test -update rewrites them); the PDF is checked
// by its text (TestPDF).
func TestGolden(t *testing.T) {
	pairs := fixtures(t)
	if _, err := os.Stat(corpustest.Path(t, "history")); err == nil {
		pairs = append(pairs, history(t)...)
	}
	for _, p := range pairs {
		for _, f := range []string{"html", "txt", "json", "md"} {
			got, _ := diff(t, p, f)
			again, _ := diff(t, p, f)
			if !bytes.Equal(got, again) {
				t.Errorf("%s.%s: two runs differ", p.name, f)
			}
			path := filepath.Join("testdata", "golden", p.name+"."+f)
			if strings.HasPrefix(p.name, "history-") {
				// The corpus's documents are not copied into the project:
				// their golden files keep what the redline marks and its
				// summary only.
				got = excerpt(t, f, got)
				path = filepath.Join("testdata", "golden", p.name+".marks."+f)
			}
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (go test ./pipeline/redline -update, then review the diff)", path)
			}
		}
	}
}

// excerpt returns the lines of a redline that hold a mark, and its
// summary: for JSON, everything but the redline tree.
func excerpt(t *testing.T, format string, data []byte) []byte {
	t.Helper()
	if format == "json" {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "document")
		out, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return append(out, '\n')
	}
	marks := map[string][]string{
		"html": {"<ins", "<del", "</ins>", "</del>", "change-"},
		"txt":  {"[+", "[-", "+]", "-]"},
		"md":   {"{++", "{--", "{~~"},
	}[format]
	var out bytes.Buffer
	lines := strings.Split(string(data), "\n")
	summary := false
	for _, l := range lines {
		if format == "txt" && l == "Summary of changes" {
			summary = true
		}
		keep := summary
		for _, m := range marks {
			keep = keep || strings.Contains(l, m)
		}
		if format == "html" && strings.HasPrefix(l, "<header") {
			summary = true
		}
		if format == "html" && strings.HasPrefix(l, "</header>") {
			summary = false
			keep = true
		}
		if keep {
			out.WriteString(l)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// mainText returns the text of the HTML page's <main>, leaving out the
// elements named in skip and footnote back-links, white space collapsed.
func mainText(t *testing.T, page []byte, skip ...string) string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			for _, s := range skip {
				if n.Data == s {
					return
				}
			}
			for _, a := range n.Attr {
				// Footnote numbers and back-links are navigation: a
				// redline numbers the deleted footnotes after the others.
				if a.Key == "class" && (a.Val == "footnote-backref" || a.Val == "footnote-ref") {
					return
				}
			}
			if blockTags[n.Data] {
				sb.WriteByte(' ')
			}
			if n.Data == "main" {
				in = true
			}
			if n.Data == "header" && !in {
				return
			}
		}
		if n.Type == html.TextNode && in {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(root, false)
	return strings.Join(strings.Fields(sb.String()), " ")
}

var blockTags = map[string]bool{"p": true, "li": true, "td": true, "th": true, "tr": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "div": true, "pre": true, "blockquote": true, "section": true, "aside": true, "br": true, "ul": true, "ol": true}

// convertHTML exports one version alone as an HTML page.
func convertHTML(t *testing.T, v pipeline.DiffVersion) []byte {
	t.Helper()
	eng, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	in := v
	// Convert dates a version as Redline does: pass the revision as --date
	// would, unless the front matter dates it.
	_ = in
	doc, err := eng.Redline(context.Background(), v, v, &diag.Sink{})
	if err != nil {
		t.Fatal(err)
	}
	_ = doc
	if err := eng.Convert(context.Background(), v.Src, v.Path, "", "", &buf, &diag.Sink{}); err != nil {
		// A version whose date macro needs its revision date: give it.
		if v.Revision == nil {
			t.Fatal(err)
		}
		d := v.Revision.Time
		eng, _ = pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{"html"}, Date: &d})
		buf.Reset()
		if err := eng.Convert(context.Background(), v.Src, v.Path, "", "", &buf, &diag.Sink{}); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestHTMLReadsAsEitherVersion: the redline's <main> without its <del>
// elements reads as the new version's page, and without its <ins>
// elements as the old one's.
func TestHTMLReadsAsEitherVersion(t *testing.T) {
	pairs := append(fixtures(t), history(t)...)
	for _, p := range pairs {
		page, _ := diff(t, p, "html")
		if got, want := mainText(t, page, "del"), mainText(t, convertHTML(t, p.new)); got != want {
			t.Errorf("%s: <main> without <del> is not the new version:\n got %s\nwant %s", p.name, firstDiff(got, want), firstDiff(want, got))
		}
		if got, want := mainText(t, page, "ins"), mainText(t, convertHTML(t, p.old)); got != want {
			t.Errorf("%s: <main> without <ins> is not the old version:\n got %s\nwant %s", p.name, firstDiff(got, want), firstDiff(want, got))
		}
	}
}

// firstDiff returns a's text around its first difference from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-60)
	hi := min(len(a), i+60)
	return "…" + a[lo:hi] + "…"
}

// TestApplyJSON: the galley-diff/v1 JSON validates against its schema, and
// its redline tree with every change accepted is the new version, with
// every change rejected the old one; the words of each change give its old
// and new text.
func TestApplyJSON(t *testing.T) {
	schema := diffSchema(t)
	pairs := append(fixtures(t), history(t)...)
	for _, p := range pairs {
		data, rl := diff(t, p, "json")
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: %v", p.name, err)
		}
		var top struct {
			Document json.RawMessage `json:"document"`
			Changes  []struct {
				Kind  string `json:"kind"`
				Old   string `json:"old"`
				New   string `json:"new"`
				Words []struct{ Op, Text string }
			} `json:"changes"`
		}
		if err := json.Unmarshal(data, &top); err != nil {
			t.Fatal(err)
		}
		doc, err := treejson.Decode(top.Document)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		ref := redlineDoc(t, p)
		oldDoc, newDoc := sides(t, p)
		if got, want := redline.DocKey(redline.Accept(doc)), redline.DocKey(newDoc); got != want {
			t.Errorf("%s: accepting the JSON's changes does not give the new version:\n got %s\nwant %s", p.name, firstDiff(got, want), firstDiff(want, got))
		}
		if got, want := redline.DocKey(redline.Reject(doc)), redline.DocKey(oldDoc); got != want {
			t.Errorf("%s: rejecting the JSON's changes does not give the old version:\n got %s\nwant %s", p.name, firstDiff(got, want), firstDiff(want, got))
		}
		if len(top.Changes) != len(rl.Changes) || len(ref.Redline.Changes) != len(rl.Changes) {
			t.Errorf("%s: %d changes in the JSON, %d in the redline", p.name, len(top.Changes), len(rl.Changes))
		}
		for i, c := range top.Changes {
			if len(c.Words) == 0 {
				continue
			}
			var o, n strings.Builder
			for _, w := range c.Words {
				if w.Op != "insert" {
					o.WriteString(w.Text)
				}
				if w.Op != "delete" {
					n.WriteString(w.Text)
				}
			}
			if norm(o.String()) != norm(c.Old) || norm(n.String()) != norm(c.New) {
				t.Errorf("%s: change %d: its words give %q → %q, not %q → %q", p.name, i+1, o.String(), n.String(), c.Old, c.New)
			}
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// sides returns the two versions compared, resolved and localized.
func sides(t *testing.T, p pair) (old, new *tree.Document) {
	t.Helper()
	eng := engine(t, "html")
	o, err := eng.Redline(context.Background(), p.old, p.old, &diag.Sink{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := eng.Redline(context.Background(), p.new, p.new, &diag.Sink{})
	if err != nil {
		t.Fatal(err)
	}
	// A version compared with itself is itself.
	return redline.Accept(o), redline.Accept(n)
}

func diffSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for name, data := range map[string][]byte{
		"https://galleydoc.github.io/schema/galley-v1.schema.json":      treejson.Schema(),
		"https://galleydoc.github.io/schema/galley-diff-v1.schema.json": treejson.DiffSchema(),
	} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(name, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile("https://galleydoc.github.io/schema/galley-diff-v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSelfDiff: every corpus document compared with itself has no changes.
func TestSelfDiff(t *testing.T) {
	files := corpustest.Markdown(t, "github-site-policy", "history", "mozilla-legal", "pypi-docs/policies")
	eng := engine(t, "html")
	d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v := pipeline.DiffVersion{Src: src, Label: f, Path: filepath.Base(f), Revision: &tree.DateInfo{Time: d, Source: tree.FromGit}}
		doc, err := eng.Redline(context.Background(), v, v, &diag.Sink{})
		if err != nil {
			t.Errorf("%s: %v", corpustest.Rel(t, f), err)
			continue
		}
		if n := len(doc.Redline.Changes); n != 0 {
			t.Errorf("%s: compared with itself, %d changes: %+v", corpustest.Rel(t, f), n, doc.Redline.Changes[0])
		}
	}
	t.Logf("%d documents", len(files))
}

// TestNotChanges: white space, line wrapping, Markdown spelling, HTML
// comments and the same date written another way are no changes.
func TestNotChanges(t *testing.T) {
	for _, p := range fixtures(t) {
		if p.name != "spelling" && p.name != "dates" {
			continue
		}
		if _, rl := diff(t, p, "txt"); len(rl.Changes) != 0 {
			t.Errorf("%s: %d changes, want none: %+v", p.name, len(rl.Changes), rl.Changes)
		}
	}
}

// TestWhatChanged pins what each fixture's redline reports.
func TestWhatChanged(t *testing.T) {
	want := map[string][]string{
		"edits": {"changed paragraph", "changed paragraph", "changed paragraph", "changed paragraph", "changed paragraph", "inserted section"},
		"kinds": {"changed list item → paragraph", "changed heading 3 → heading 2", "changed code block"},
		"table": {"inserted table column 4", "changed table cell (row 2, column 2)", "deleted table row 4", "inserted table row 4"},
		"moved": {"moved section"},
		// A section moved and edited is one move, its edits shown inside
		// where it stands now; a section retitled with no word in common
		// is deleted and inserted.
		"movededit": {"moved section", "changed paragraph", "inserted list item", "deleted section", "inserted section", "changed paragraph"},
		"cjk":       {"changed paragraph", "changed paragraph", "changed paragraph"},
		"footnotes": {"changed paragraph", "changed paragraph", "inserted footnote", "deleted footnote"},
	}
	for _, p := range fixtures(t) {
		w, ok := want[p.name]
		if !ok {
			continue
		}
		_, rl := diff(t, p, "txt")
		var got []string
		for _, c := range rl.Changes {
			got = append(got, string(c.Kind)+" "+c.Block)
		}
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s: changes\n%s\nwant\n%s", p.name, strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	}
}

// TestMarkedWordsNearMinimum: the words a redline marks stay close to the
// fewest a word-level comparison of the two versions' whole text needs
// (go-diff on word tokens, no time limit: a minimal edit script). A block
// shown deleted and inserted whole (rewritten, or its kind changed) marks
// its unchanged words too; the bound says how much that may cost.
func TestMarkedWordsNearMinimum(t *testing.T) {
	pairs := append(fixtures(t), history(t)...)
	for _, p := range pairs {
		doc := redlineDoc(t, p)
		oldDoc, newDoc := sides(t, p)
		minimum := minimalWords(words(oldDoc), words(newDoc))
		marked := doc.Redline.WordsAdded + doc.Redline.WordsRemoved
		for _, c := range doc.Redline.Changes {
			if c.Kind == tree.ChangeMoved {
				// A move marks no words; the flat comparison counts the
				// moved words as removed and added.
				n := len(strings.Fields(c.Old))
				marked += 2 * n
			}
		}
		t.Logf("%-60s marked %4d words, minimum %4d", p.name, marked, minimum)
		if marked < minimum {
			t.Errorf("%s: %d words marked, fewer than the minimum %d: changes are missing", p.name, marked, minimum)
		}
		if float64(marked) > 1.25*float64(minimum)+4 {
			t.Errorf("%s: %d words marked, more than 1.25 × the minimum %d + 4", p.name, marked, minimum)
		}
	}
}

// words returns a document's words in order.
func words(doc *tree.Document) []string {
	var out []string
	var walk func([]tree.Block)
	walk = func(bs []tree.Block) {
		tree.Walk(bs, func(b tree.Block) bool {
			for _, list := range tree.InlineLists(b) {
				out = append(out, redline.Words(*list)...)
			}
			if c, ok := b.(*tree.CodeBlock); ok {
				out = append(out, strings.Fields(c.Text)...)
			}
			return true
		})
	}
	walk(doc.Blocks)
	for _, f := range doc.Footnotes {
		walk(f.Blocks)
	}
	return out
}

func minimalWords(a, b []string) int {
	ids := map[string]rune{}
	enc := func(ws []string) []rune {
		out := make([]rune, len(ws))
		for i, w := range ws {
			r, ok := ids[w]
			if !ok {
				r = rune(0xE000 + len(ids))
				if r >= 0xD800 {
					r += 0x800
				}
				ids[w] = r
			}
			out[i] = r
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	n := 0
	for _, d := range dmp.DiffMainRunes(enc(a), enc(b), false) {
		if d.Type != diffmatchpatch.DiffEqual {
			n += len([]rune(d.Text))
		}
	}
	return n
}

// TestPDF checks the PDF redline by its text (pdftotext) and its outline:
// the summary on the first page, both versions' words, a bookmark per
// change.
func TestPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed; skipping")
	}
	for _, p := range fixtures(t) {
		if p.name != "edits" && p.name != "table" {
			continue
		}
		data, rl := diff(t, p, "pdf")
		again, _ := diff(t, p, "pdf")
		if !bytes.Equal(data, again) {
			t.Errorf("%s: two PDF runs differ", p.name)
		}
		// PDF/A-2 and PDF/UA-1, as every PDF galley writes.
		vs, err := pdfcheck.Check(data, pdfcheck.All())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s: %v", p.name, v)
		}
		dir := t.TempDir()
		f := filepath.Join(dir, "r.pdf")
		os.WriteFile(f, data, 0o644)
		out, err := exec.Command("pdftotext", "-layout", "-f", "1", "-l", "1", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		page1 := norm(string(out))
		for _, want := range []string{"Summary of changes", "Old version: v1:" + p.name + ".md, January 15, 2025", "New version: v2:" + p.name + ".md, June 1, 2025", "Words:"} {
			if !strings.Contains(page1, want) {
				t.Errorf("%s: page 1 lacks %q:\n%s", p.name, want, page1)
			}
		}
		// Outline titles are UTF-16BE strings.
		var utf16 []byte
		for _, r := range "Change " {
			utf16 = append(utf16, 0, byte(r))
		}
		if got := bytes.Count(data, append([]byte("<</Title (\xfe\xff"), utf16...)); got != len(rl.Changes) {
			t.Errorf("%s: %d change bookmarks, want %d", p.name, got, len(rl.Changes))
		}
	}
}

func TestIdenticalHasNoChanges(t *testing.T) {
	for _, p := range fixtures(t) {
		same := pair{name: p.name, old: p.new, new: p.new}
		for _, f := range []string{"txt", "json"} {
			out, rl := diff(t, same, f)
			if len(rl.Changes) != 0 {
				t.Errorf("%s compared with itself: %d changes", p.name, len(rl.Changes))
			}
			want := "No changes."
			if p.name == "cjk" { // a Japanese notice: its summary is in Japanese
				want = "変更はありません。"
			}
			if f == "txt" && !bytes.Contains(out, []byte(want)) {
				t.Errorf("%s compared with itself: the summary does not say so", p.name)
			}
		}
	}
}

// TestGoldenHTMLValid checks the golden HTML redlines with the Nu HTML
// Checker ($GALLEY_VNU_JAR, as .ci/run sets it): valid HTML, ids unique
// (a moved section's heading keeps its id where it stands now).
func TestGoldenHTMLValid(t *testing.T) {
	jar := os.Getenv("GALLEY_VNU_JAR")
	if jar == "" {
		t.Skip("GALLEY_VNU_JAR not set (the Nu HTML Checker, npm vnu-jar); skipping")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not installed; skipping")
	}
	all, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	// The corpus pairs' goldens (*.marks.html) are excerpts, the marked
	// lines and the summary cut out of the page, so they are not checked;
	// the corpus pairs' whole pages are made afresh and checked instead.
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".marks.html") {
			files = append(files, f)
		}
	}
	if _, err := os.Stat(corpustest.Path(t, "history")); err == nil {
		dir := t.TempDir()
		for _, p := range history(t) {
			page, _ := diff(t, p, "html")
			path := filepath.Join(dir, p.name+".html")
			if err := os.WriteFile(path, page, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
	}
	if len(files) == 0 {
		t.Fatal("no golden HTML pages to check")
	}
	out, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("Nu HTML Checker: %v\n%s", err, out)
	}
}
