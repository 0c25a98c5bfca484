package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
)

func read(t *testing.T, src string) *tree.Document {
	t.Helper()
	doc, err := markdown.Read([]byte(src), "doc.md")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func headingIDs(doc *tree.Document) []string {
	var ids []string
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		if h, ok := b.(*tree.Heading); ok {
			ids = append(ids, h.ID)
		}
		return true
	})
	return ids
}

func TestUniqueIDs(t *testing.T) {
	doc := read(t, "# Intro\n\n## Intro\n\n## Intro {: #intro_1 }\n\n## 日本\n\n## 中文\n\n<a id=\"faq\"></a>\n\n## FAQ\n")
	if err := Document(doc, Options{}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(headingIDs(doc), " ")
	// Explicit ids ({: #id } and <a id>) are reserved first; duplicates and
	// empty slugs count up like Python-Markdown's unique(). Unlike MkDocs,
	// a heading never repeats an <a id> anchor's id (HTML ids are unique).
	if want := "intro intro_2 intro_1 _1 _2 faq_1"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
}

func TestMacrosBecomeDates(t *testing.T) {
	doc := read(t, "# N\n\nLast updated **{{git_revision_date_localized}}**, created {{ git\\_creation\\_date\\_localized }}.\n\n`{{ git_revision_date_localized }}` stays code; ${{ secrets.TOKEN }} and {% raw %} stay text.\n")
	rev := &tree.DateInfo{Time: time.Date(2025, 12, 16, 13, 14, 45, 0, time.UTC), Source: tree.FromGit, Commit: "abc"}
	created := &tree.DateInfo{Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Source: tree.FromGit, Commit: "def"}
	if err := Document(doc, Options{Dates: Dates{Revision: rev, Creation: created}}); err != nil {
		t.Fatal(err)
	}
	var dates []*tree.Date
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		switch in := in.(type) {
		case *tree.Date:
			dates = append(dates, in)
		case *tree.Macro:
			t.Errorf("unresolved macro %q", in.Raw)
		}
		return in
	})
	if len(dates) != 2 || !dates[0].Time.Equal(rev.Time) || dates[0].Commit != "abc" || !dates[1].Time.Equal(created.Time) || dates[0].Style != tree.StyleDate {
		t.Fatalf("dates: %+v", dates)
	}
	text := tree.PlainText(doc.Blocks[2].(*tree.Paragraph).Content)
	if !strings.Contains(text, "{{ git_revision_date_localized }} stays code; ${{ secrets.TOKEN }} and {% raw %} stay text.") {
		t.Errorf("template text changed: %q", text)
	}
}

func TestMissingDate(t *testing.T) {
	doc := read(t, "# N\n\ntext\n\nLast updated {{git_revision_date_localized}}\n")
	err := Document(doc, Options{})
	me, ok := err.(*MissingDateError)
	if !ok || me.Line != 5 {
		t.Fatalf("error %v, want a MissingDateError at line 5", err)
	}
}

func TestLinks(t *testing.T) {
	dir := t.TempDir()
	doc := read(t, "# Top\n\n## Section Two\n\n[a](../PSF-Privacy-Notice.md#section) [b](#section-two) [c](#nowhere) [d](https://example.com/x.md) [e](other.md) [f](mailto:a@b.c) [g](/site/abs.md)\n")
	sink := &diag.Sink{}
	if err := Document(doc, Options{LinkExt: "html", SourceDir: dir, DisplayPath: "docs/doc.md", Diag: sink}); err != nil {
		t.Fatal(err)
	}
	var targets []string
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if l, ok := in.(*tree.Link); ok {
			targets = append(targets, l.Target)
		}
		return in
	})
	want := "../PSF-Privacy-Notice.html#section #section-two #nowhere https://example.com/x.md other.html mailto:a@b.c /site/abs.md"
	if got := strings.Join(targets, " "); got != want {
		t.Errorf("targets\n got %s\nwant %s", got, want)
	}
	var msgs []string
	for _, d := range sink.All() {
		msgs = append(msgs, d.String())
	}
	wantMsgs := []string{
		"docs/doc.md:5: link to ../PSF-Privacy-Notice.md: no such file next to this document",
		"docs/doc.md:5: link to #nowhere: no heading or anchor has that id in this document",
		"docs/doc.md:5: link to other.md: no such file next to this document",
	}
	if strings.Join(msgs, "\n") != strings.Join(wantMsgs, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantMsgs, "\n"))
	}
}

func TestTitle(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: From Front Matter\n---\n# Heading\n": "From Front Matter",
		"## Not level one\n\n# The *Title*\n":             "The Title",
		"No heading at all\n":                             "doc",
	} {
		doc := read(t, src)
		Document(doc, Options{})
		if doc.Meta.Title != want {
			t.Errorf("%q: title %q, want %q", src, doc.Meta.Title, want)
		}
	}
}

func TestTableLimit(t *testing.T) {
	doc := read(t, "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n")
	err := Document(doc, Options{MaxTableCells: 5})
	if le, ok := err.(*LimitError); !ok || le.Line != 1 {
		t.Fatalf("error %v, want a LimitError at line 1", err)
	}
}

// TestMisspelledMacros: template text that misspells a date macro is
// reported with the macro it likely means, --strict or not; other template
// text only under WarnUnknownMacros (--strict). A misspelled macro used to
// print as written, unnoticed.
func TestMisspelledMacros(t *testing.T) {
	const src = "# N\n\nUpdated {{ git_revision_date_localised }}, {{git_creaton_date_localized}}, {{ git_site_revision_date_localized }}, {{ page.title }} and {{ title }}.\n"
	for _, strict := range []bool{false, true} {
		doc := read(t, src)
		sink := &diag.Sink{}
		rev := &tree.DateInfo{Time: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}
		doc.Meta.Revision = rev
		if err := Document(doc, Options{Dates: Dates{Revision: rev}, DisplayPath: "doc.md", Diag: sink, WarnUnknownMacros: strict}); err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, d := range sink.All() {
			msgs = append(msgs, d.Message)
		}
		got := strings.Join(msgs, "\n")
		for _, want := range []string{
			"{{ git_revision_date_localised }} is not a macro galley knows; did you mean {{ git_revision_date_localized }}?",
			"{{git_creaton_date_localized}} is not a macro galley knows; did you mean {{ git_creation_date_localized }}?",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("strict %v: no %q in\n%s", strict, want, got)
			}
		}
		if n, want := len(msgs), map[bool]int{false: 2, true: 4}[strict]; n != want {
			t.Errorf("strict %v: %d warnings, want %d:\n%s", strict, n, want, got)
		}
	}
}

// TestPageLinkWithSlash: `other.md/#part` (a slip in a real blog post) is
// the page other.md, reported; the link stayed `other.md/#part`, dead in
// every export, without a word.
func TestPageLinkWithSlash(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "other.md"), []byte("# Other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := read(t, "# Top\n\nSee [part](other.md/#part).\n")
	sink := &diag.Sink{}
	if err := Document(doc, Options{LinkExt: "html", SourceDir: dir, DisplayPath: "doc.md", Diag: sink}); err != nil {
		t.Fatal(err)
	}
	var got string
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if l, ok := in.(*tree.Link); ok {
			got = l.Target
		}
		return in
	})
	if got != "other.html#part" {
		t.Errorf("target %q, want other.html#part", got)
	}
	if w := sink.All(); len(w) != 1 || !strings.Contains(w[0].String(), "doc.md:3: link to other.md/: a page is linked as other.md, without the slash after it") {
		t.Errorf("warnings %v", w)
	}
}

// TestDuplicateIDs: an id the source gives twice is reported where it is
// given again; generated heading ids never are (they step around).
func TestDuplicateIDs(t *testing.T) {
	doc := read(t, "# Intro\n\n## Intro\n\nPara seven\n{: #dup }\n\nPara eight\n{: #dup }\n\nText <a id=\"intro\"></a> here.\n")
	sink := &diag.Sink{}
	if err := Document(doc, Options{DisplayPath: "doc.md", Diag: sink}); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range sink.All() {
		msgs = append(msgs, d.String())
	}
	want := `doc.md:8: the id "dup" is given twice (first on line 5); links to it reach the first; give this one another id`
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("warnings %q, want [%q]", msgs, want)
	}
}
