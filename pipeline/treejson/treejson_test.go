package treejson

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixture reads testdata/fixture.md and fills in what the later pipeline
// stages would (ids, a resolved date, link targets, metadata), plus the
// nodes Markdown cannot produce (cell spans, HTML-reader blocks, a tab id),
// so that every node type and field is exercised.
func fixture(t testing.TB) *tree.Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "fixture.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markdown.Read(src, "policies/fixture.md")
	if err != nil {
		t.Fatal(err)
	}
	rev := time.Date(2025, 12, 16, 9, 30, 0, 0, time.UTC)
	doc.Meta.Locale = "en"
	doc.Meta.Direction = "ltr"
	doc.Meta.Source.SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	doc.Meta.Revision = &tree.DateInfo{Time: rev, Source: tree.FromGit, Commit: "0123456789abcdef0123456789abcdef01234567"}
	doc.Meta.Creation = &tree.DateInfo{Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.FixedZone("", 2*3600)), Source: tree.FromFrontMatter}
	doc.Meta.Translation = &tree.Translation{Fallback: true, SourceLocale: "en", SourcePath: "policies/fixture.md"}
	slug := 0
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			if b.ID == "" {
				slug++
				b.ID = "section-" + string(rune('0'+slug))
			}
		case *tree.Tabs:
			b.Tabs[0].ID = "python"
		case *tree.Table:
			if len(b.Body) > 1 {
				b.Body[1].Cells[1].ColSpan = 2
				b.Body[1].Cells = append(b.Body[1].Cells[:2], b.Body[1].Cells[3:]...)
			}
		case *tree.HTMLBlock:
			if strings.Contains(b.HTML, "<table>") {
				b.Blocks = []tree.Block{&tree.Paragraph{Pos: b.Pos, Content: []tree.Inline{&tree.Text{Text: "bad cell"}}}}
			}
		case *tree.Paragraph:
			if b.Attr.Pairs != nil {
				b.Content = []tree.Inline{&tree.Text{Text: "Effective "}, &tree.Date{
					Time: time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), Style: tree.StyleDate, Locale: "en",
					Source: tree.FromDocument, Text: "May 4, 2026"}}
			}
		}
		return true
	})
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		switch in := in.(type) {
		case *tree.Macro:
			return &tree.Date{Time: rev, Style: tree.StyleDate, Locale: "en", Source: tree.FromGit,
				Commit: "0123456789abcdef0123456789abcdef01234567", Text: "December 16, 2025"}
		case *tree.Link:
			switch {
			case strings.HasSuffix(in.URL, ".md#scope"):
				in.Target = "../PSF-Privacy-Notice.html#scope"
			case strings.HasPrefix(in.URL, "#"):
				in.Target = in.URL
				in.Internal = true
			}
		}
		return in
	})
	// A datetime-style date and an unresolved macro, after the mapping.
	doc.Blocks = append(doc.Blocks, &tree.Paragraph{Content: []tree.Inline{
		&tree.Date{Time: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC), Style: tree.StyleDateTime, Locale: "en", Source: tree.FromFlag, Text: "January 2, 2026 at 3:04 PM"},
		&tree.Text{Text: " / "},
		&tree.Macro{Name: "git_creation_date_localized", Raw: "{{ git_creation_date_localized }}", Line: 99},
	}})
	return doc
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update after checking the change):\n%s", path, firstDiff(want, got))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

func TestGoldenFixture(t *testing.T) {
	got, err := Encode(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.golden.json", got)
}

// TestEveryNodeType checks the fixture really holds every block and inline
// type, so the golden and round-trip tests cover them all.
func TestEveryNodeType(t *testing.T) {
	b, err := Encode(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"heading", "paragraph", "list", "quote", "code_block", "table", "thematic_break",
		"admonition", "tabs", "html_block", "text", "emphasis", "strong", "strikethrough", "code", "link", "image",
		"soft_break", "line_break", "raw_html", "anchor", "footnote_ref", "macro", "date"} {
		if !bytes.Contains(b, []byte(`"type": "`+typ+`"`)) {
			t.Errorf("fixture has no %s node", typ)
		}
	}
	for _, key := range []string{`"task": true`, `"checked": true`, `"colspan": 2`, `"title": []`, `"open": true`,
		`"collapsible": true`, `"internal": true`, `"autolink": true`, `"target"`, `"pairs"`, `"classes"`, `"front_matter"`,
		`"translation"`, `"creation"`, `"commit"`, `"footnotes"`, `"start": 3`, `"info"`, `"align"`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("fixture JSON lacks %s", key)
		}
	}
}

func roundTrip(t testing.TB, doc *tree.Document, name string) {
	t.Helper()
	first, err := Encode(doc)
	if err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	back, err := Decode(first)
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	second, err := Encode(back)
	if err != nil {
		t.Fatalf("%s: re-encode: %v", name, err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("%s: encode → decode → encode differs:\n%s", name, firstDiff(first, second))
	}
}

func TestRoundTripFixture(t *testing.T) {
	doc := fixture(t)
	roundTrip(t, doc, "fixture")
	// Encoding twice gives the same bytes, and encoding does not modify the tree.
	a, _ := Encode(doc)
	b, _ := Encode(doc)
	if !bytes.Equal(a, b) {
		t.Error("two encodings of one tree differ")
	}
	back, _ := Decode(a)
	fm := back.Meta.FrontMatter
	if _, ok := fm["version"].(int); !ok {
		t.Errorf("front matter integer read back as %T", fm["version"])
	}
	if f, ok := fm["ratio"].(float64); !ok || f != 2 {
		t.Errorf("front matter float read back as %T %v", fm["ratio"], fm["ratio"])
	}
	if _, ok := fm["published"].(time.Time); !ok {
		t.Errorf("front matter timestamp read back as %T", fm["published"])
	}
	if back.Meta.Creation.Time.Format(time.RFC3339) != "2024-01-02T00:00:00+02:00" {
		t.Errorf("creation time read back as %v", back.Meta.Creation.Time)
	}
}

func readCorpus(t testing.TB, p string) *tree.Document {
	t.Helper()
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markdown.Read(src, corpustest.Rel(t, p))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

func TestRoundTripCorpus(t *testing.T) {
	files := corpustest.Markdown(t)
	for _, p := range files {
		roundTrip(t, readCorpus(t, p), p)
	}
	t.Logf("%d corpus documents round-trip", len(files))
}

func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("galley-v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("galley-v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t testing.TB, s *jsonschema.Schema, data []byte, name string) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match the schema: %v", name, err)
	}
}

func TestSchemaFixture(t *testing.T) {
	s := compileSchema(t)
	b, err := Encode(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	validate(t, s, b, "fixture")
	// The schema rejects what it should.
	for name, bad := range map[string]string{
		"unknown type":  `{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "frobnicate"}]}`,
		"wrong version": `{"schema": "galley/v2", "meta": {}, "blocks": []}`,
		"wrong type":    `{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "heading", "level": "one"}]}`,
		"unknown key":   `{"schema": "galley/v1", "meta": {"colour": "red"}, "blocks": []}`,
	} {
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if s.Validate(v) == nil {
			t.Errorf("schema accepts %s", name)
		}
	}
}

func TestSchemaCorpus(t *testing.T) {
	files := corpustest.Markdown(t)
	s := compileSchema(t)
	for _, p := range files {
		b, err := Encode(readCorpus(t, p))
		if err != nil {
			t.Fatal(err)
		}
		validate(t, s, b, p)
	}
}

// TestSchemaFileInSync checks the embedded schema is the committed file.
func TestSchemaFileInSync(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("schema", "galley-v1.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, Schema()) {
		t.Error("embedded schema differs from schema/galley-v1.schema.json")
	}
	if !json.Valid(b) {
		t.Error("schema is not valid JSON")
	}
}

func TestVersions(t *testing.T) {
	doc, err := Decode([]byte(`{"schema": "galley/v1.3", "meta": {"title": "T", "new_key": 1}, "blocks": [{"type": "paragraph", "content": [{"type": "text", "text": "x", "lang": "en"}]}], "extra": true}`))
	if err != nil {
		t.Fatalf("galley/v1.3: %v", err)
	}
	if doc.Meta.Title != "T" || len(doc.Blocks) != 1 {
		t.Errorf("galley/v1.3 read as %+v", doc)
	}
	_, err = Decode([]byte(`{"schema": "galley/v2", "meta": {}, "blocks": []}`))
	if err == nil || !errors.Is(err, ErrUnsupportedSchema) || !strings.Contains(err.Error(), "unsupported schema galley/v2; this galley reads galley/v1") {
		t.Errorf("galley/v2: got error %v", err)
	}
	_, err = Decode([]byte(`{"meta": {}, "blocks": []}`))
	if err == nil || !strings.Contains(err.Error(), "missing schema") {
		t.Errorf("no schema: got error %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "paragraph"}, {"type": "frobnicate"}]}`, `$.blocks[1].type: unknown block type "frobnicate"`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "paragraph", "content": [{"type": "text", "text": 3}]}]}`, `$.blocks[0].content[0].text: want a string, got a number`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "list", "items": [{"blocks": [{"type": "heading", "level": "2"}]}]}]}`, `$.blocks[0].items[0].blocks[0].level: want an integer, got a string`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "paragraph", "content": [{"type": "blink"}]}]}`, `$.blocks[0].content[0].type: unknown inline type "blink"`},
		{`{"schema": "galley/v1", "meta": {"revision": {"time": "yesterday"}}, "blocks": []}`, `$.meta.revision.time: want an RFC 3339 time`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": {}}`, `$.blocks: want an array, got an object`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [null]}`, `$.blocks[0]: want an object, got null`},
		{`[1, 2]`, `$: want an object, got an array`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "heading", "level": 0}]}`, `$.blocks[0].level: heading level 0; the schema allows 1 to 6`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "heading", "level": 99}]}`, `$.blocks[0].level: heading level 99`},
		{`{"schema": "galley/v1"`, `not valid JSON`},
		{`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "table", "body": [[{"blocks": [{}]}]]}]}`, `$.blocks[0].body[0][0].blocks[0].type: missing node type`},
	} {
		_, err := Decode([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Decode(%s):\n got %v\nwant …%s…", tc.in, err, tc.want)
		}
	}
}

// FuzzDecode checks that no input makes Decode panic, and that whatever it
// accepts encodes and decodes again.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"schema": "galley/v1", "meta": {}, "blocks": []}`))
	f.Add([]byte(`{"schema": "galley/v1", "meta": {"front_matter": {"a": [1, 2.5, "x", null, {"b": true}]}}, "blocks": [{"type": "table", "head": [[{}]]}]}`))
	f.Add([]byte(`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "admonition", "title": []}, {"type": "list", "ordered": true, "start": 0, "items": [{"task": true}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil {
			return
		}
		b, err := Encode(doc)
		if err != nil {
			t.Fatalf("encode of a decoded document: %v", err)
		}
		back, err := Decode(b)
		if err != nil {
			t.Fatalf("decode of an encoded document: %v", err)
		}
		if again, _ := Encode(back); !bytes.Equal(b, again) {
			t.Fatalf("encode → decode → encode differs:\n%s", firstDiff(b, again))
		}
	})
}

// TestPageLink: a link to another page of the set keeps the extension its
// target was given, valid against the schema and read back.
func TestPageLink(t *testing.T) {
	doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{
		&tree.Link{URL: "terms.md#use", Target: "terms.html#use", PageExt: "html", Line: 1, Content: []tree.Inline{&tree.Text{Text: "Terms"}}},
	}}}}
	b, err := Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"page_ext": "html"`)) {
		t.Errorf("no page_ext in:\n%s", b)
	}
	validate(t, compileSchema(t), b, "page link")
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if l := back.Blocks[0].(*tree.Paragraph).Content[0].(*tree.Link); l.PageExt != "html" || l.TargetFor("pdf") != "terms.pdf#use" {
		t.Errorf("read back as %+v", l)
	}
}

// TestDecodeReplacesNUL: a NUL in the text of the tree is U+FFFD, as the
// Markdown reader makes it; it reached the HTML export as a raw byte.
func TestDecodeReplacesNUL(t *testing.T) {
	doc, err := Decode([]byte(`{"schema": "galley/v1", "meta": {}, "blocks": [{"type": "paragraph", "content": [{"type": "text", "text": "x\u0000y"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Encode(doc)
	if bytes.Contains(b, []byte(`\u0000`)) || !bytes.Contains(b, []byte("x\uFFFDy")) && !bytes.Contains(b, []byte("x\ufffdy")) && !bytes.Contains(b, []byte("x�y")) {
		t.Errorf("NUL kept:\n%s", b)
	}
}
