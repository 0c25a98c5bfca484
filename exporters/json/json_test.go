package json

import (
	"bytes"
	encjson "encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	htmlexp "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline/htmlreader"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtureJSON is the fixture tree (every node type, built from a
// hand-written Markdown document by package treejson's tests).
var fixtureJSON = filepath.Join("..", "..", "pipeline", "treejson", "testdata", "fixture.golden.json")

func fixture(t testing.TB) *tree.Document {
	t.Helper()
	b, err := os.ReadFile(fixtureJSON)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := treejson.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func export(t testing.TB, doc *tree.Document, opts exporters.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := New().Export(&buf, doc, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExporter(t *testing.T) {
	e := New()
	if e.Name() != "json" || e.Extension() != "json" {
		t.Errorf("Name %q Extension %q", e.Name(), e.Extension())
	}
}

func TestGolden(t *testing.T) {
	doc := fixture(t)
	for name, mode := range map[string]exporters.RawHTMLMode{
		"sanitize.golden.json": "",
		"drop.golden.json":     exporters.RawDrop,
	} {
		got := export(t, doc, exporters.Options{RawHTML: mode})
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
			t.Errorf("%s differs (run go test -update after checking the change)", path)
		}
	}
	// Trusted mode is the tree as it is: treejson's own golden file.
	want, _ := os.ReadFile(fixtureJSON)
	if got := export(t, doc, exporters.Options{RawHTML: exporters.RawTrusted}); !bytes.Equal(got, want) {
		t.Error("trusted JSON export differs from treejson.Encode")
	}
}

// unescaped returns JSON b written again without escaping <, > and &, so
// that tests can look for markup in its strings.
func unescaped(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := encjson.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := encjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLCharactersEscaped checks that no <, > or & is written as itself
// in any mode, so the JSON can be inlined into an HTML <script> element.
func TestHTMLCharactersEscaped(t *testing.T) {
	doc := fixture(t)
	for _, mode := range []exporters.RawHTMLMode{"", exporters.RawDrop, exporters.RawTrusted} {
		b := export(t, doc, exporters.Options{RawHTML: mode})
		if i := bytes.IndexAny(b, "<>&"); i >= 0 {
			t.Errorf("mode %q: %q written unescaped at byte %d", mode, b[i], i)
		}
		if !bytes.Contains(b, []byte(`\u003c`)) {
			t.Errorf("mode %q: the fixture's markup is missing", mode)
		}
	}
}

func TestUnsafeContentFiltered(t *testing.T) {
	doc := fixture(t)
	sb := export(t, doc, exporters.Options{})
	s := unescaped(t, sb)
	for _, bad := range []string{"<script", "onclick", "javascript:"} {
		if strings.Contains(s, bad) {
			t.Errorf("sanitized JSON keeps %q", bad)
		}
	}
	for _, good := range []string{`<a id=\"bookmark-contact\">`, `"type": "anchor"`, `<br>`} {
		if !strings.Contains(s, good) && !(good == `<a id=\"bookmark-contact\">` && strings.Contains(s, `"id": "bookmark-contact"`)) {
			t.Errorf("sanitized JSON lost %s", good)
		}
	}
	db := export(t, doc, exporters.Options{RawHTML: exporters.RawDrop})
	d := unescaped(t, db)
	if strings.Contains(d, `"raw_html"`) || strings.Contains(d, "<script") {
		t.Error("drop mode keeps raw HTML")
	}
	if !strings.Contains(d, `"type": "html_block"`) || !strings.Contains(d, "bad cell") {
		t.Error("drop mode lost the HTML block's reader blocks")
	}
	// Every mode's output is valid galley/v1 JSON.
	for _, b := range [][]byte{sb, db} {
		if _, err := treejson.Decode(b); err != nil {
			t.Error(err)
		}
	}
}

func TestConcurrentNoMutation(t *testing.T) {
	doc := fixture(t)
	before, _ := treejson.Encode(doc)
	want := export(t, doc, exporters.Options{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	bad := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := New().Export(&buf, doc, exporters.Options{}); err != nil || !bytes.Equal(buf.Bytes(), want) {
				mu.Lock()
				bad++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if bad > 0 {
		t.Errorf("%d concurrent exports differ", bad)
	}
	if after, _ := treejson.Encode(doc); !bytes.Equal(before, after) {
		t.Error("Export modified the tree")
	}
}

var mdReader = markdown.NewReader(markdown.WithHTMLBlocks(htmlreader.BlockReader(htmlreader.Options{})))

func corpus(t testing.TB) map[string]*tree.Document {
	t.Helper()
	docs := map[string]*tree.Document{}
	rev := &tree.DateInfo{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), Source: tree.FromFlag}
	for _, p := range corpustest.Markdown(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := mdReader.Read(src, corpustest.Rel(t, p))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		doc.Meta.Locale, doc.Meta.Direction = "en", "ltr"
		if err := resolve.Document(doc, resolve.Options{Dates: resolve.Dates{Revision: rev, Creation: rev, SiteRevision: rev}, LinkExt: "html"}); err != nil {
			t.Fatalf("%s: resolve: %v", p, err)
		}
		docs[p] = doc
	}
	return docs
}

// TestHTMLThroughJSON checks, for every corpus document, that the HTML of the
// tree equals the HTML of the tree decoded from its JSON export, in every
// raw-HTML mode, and that the JSON is byte-identical after the round trip.
func TestHTMLThroughJSON(t *testing.T) {
	docs := corpus(t)
	for p, doc := range docs {
		js := export(t, doc, exporters.Options{RawHTML: exporters.RawTrusted})
		back, err := treejson.Decode(js)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if again := export(t, back, exporters.Options{RawHTML: exporters.RawTrusted}); !bytes.Equal(js, again) {
			t.Errorf("%s: JSON differs after a round trip", p)
		}
		for _, mode := range []exporters.RawHTMLMode{exporters.RawSanitize, exporters.RawTrusted, exporters.RawDrop} {
			opts := exporters.Options{RawHTML: mode}
			var a, b bytes.Buffer
			if err := htmlexp.New().Export(&a, doc, opts); err != nil {
				t.Fatal(err)
			}
			if err := htmlexp.New().Export(&b, back, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s (%s): HTML of the decoded JSON differs from the HTML of the tree", p, mode)
			}
		}
	}
	t.Logf("%d corpus documents: HTML through JSON is identical", len(docs))
}

// TestSchemaCorpus validates the JSON export of every corpus document (after
// the resolve stage, so dates and ids are present) against the schema.
func TestSchemaCorpus(t *testing.T) {
	docs := corpus(t)
	sdoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(treejson.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("galley-v1.schema.json", sdoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("galley-v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	docs["fixture"] = fixture(t)
	for p, doc := range docs {
		modes := []exporters.RawHTMLMode{exporters.RawSanitize}
		if p == "fixture" {
			modes = append(modes, exporters.RawDrop, exporters.RawTrusted)
		}
		for _, mode := range modes {
			b := export(t, doc, exporters.Options{RawHTML: mode})
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(v); err != nil {
				t.Errorf("%s (%s): %v", p, mode, err)
			}
			if !encjson.Valid(b) || !bytes.HasSuffix(b, []byte("}\n")) {
				t.Errorf("%s: not one JSON value ending in a newline", p)
			}
		}
	}
}
