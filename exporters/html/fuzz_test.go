package html_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	galleyhtml "github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// FuzzExport builds trees from arbitrary input — through the Markdown reader
// and, when the input is galley JSON, through treejson.Decode (which yields
// trees no reader would: ids, languages and attribute lists holding quotes,
// unresolved targets with any scheme) — and exports each in the three raw
// HTML modes, as a page and as a fragment. Every output must parse as HTML
// and be deterministic; outside trusted mode nothing in it may run script
// (see executableIn).
func FuzzExport(f *testing.F) {
	for _, glob := range []string{
		"../../example/notices/*.md",
		"../../pipeline/markdown/testdata/constructs/*.md",
		"../../pipeline/treejson/testdata/*.json",
		"../json/testdata/*.json",
	} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, v := range xssVectors {
		f.Add([]byte(v.md))
	}
	f.Add([]byte(`{"schema":"galley/v1","meta":{"title":"</title><script>alert(1)</script>","locale":"en\" onload=\"x"},` +
		`"blocks":[{"type":"heading","level":1,"id":"x\" onclick=\"alert(1)","content":[{"type":"text","text":"t"}]},` +
		`{"type":"code_block","language":"js\" onmouseover=\"alert(1)","text":"x"},` +
		`{"type":"paragraph","content":[{"type":"link","url":"javascript:alert(1)","target":"jav&#x09;ascript:alert(1)","title":"\" onclick=\"x","content":[{"type":"text","text":"a"}]},` +
		`{"type":"image","url":"data:text/html;base64,PHNjcmlwdD4=","alt":"\"><script>","attr":{"pairs":[{"key":"onerror","value":"alert(1)"},{"key":"width","value":"1\" onload=\"x"}]}},` +
		`{"type":"raw_html","html":"<img src=x onerror=alert(1)>"},{"type":"anchor","id":"a\"><script>"}]},` +
		`{"type":"html_block","html":"<svg onload=alert(1)><script>alert(1)</script></svg>"},` +
		`{"type":"admonition","kind":"note\" onclick=\"x","title":[{"type":"text","text":"<img src=x onerror=alert(1)>"}],"blocks":[]},` +
		`{"type":"tabs","tabs":[{"id":"t\" onclick=\"x","title":[{"type":"text","text":"<b>"}],"blocks":[]}]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		var docs []*tree.Document
		if doc, err := markdown.Read(src, "fuzz.md"); err == nil {
			docs = append(docs, doc)
		}
		if bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")) {
			if doc, err := treejson.Decode(src); err == nil {
				docs = append(docs, doc)
			}
		}
		for _, doc := range docs {
			for _, mode := range []exporters.RawHTMLMode{exporters.RawSanitize, exporters.RawDrop, exporters.RawTrusted} {
				for _, fragment := range []bool{false, true} {
					opts := exporters.Options{RawHTML: mode, Fragment: fragment}
					var a, b bytes.Buffer
					if err := galleyhtml.New().Export(&a, doc, opts); err != nil {
						t.Fatalf("%s fragment=%v: %v", mode, fragment, err)
					}
					if err := galleyhtml.New().Export(&b, doc, opts); err != nil {
						t.Fatalf("%s fragment=%v (again): %v", mode, fragment, err)
					}
					if !bytes.Equal(a.Bytes(), b.Bytes()) {
						t.Fatalf("%s fragment=%v: two exports differ", mode, fragment)
					}
					if !fragment && !strings.HasSuffix(a.String(), "</html>\n") {
						t.Fatalf("%s: page does not end in </html>", mode)
					}
					found := executableIn(a.Bytes(), fragment)
					if mode == exporters.RawTrusted {
						// trusted raw HTML may run script; the page must still parse
						for _, s := range found {
							if strings.HasPrefix(s, "does not parse") {
								t.Fatalf("trusted fragment=%v: %s", fragment, s)
							}
						}
						continue
					}
					if len(found) > 0 {
						t.Fatalf("%s fragment=%v: executable content survives:\n%s\n--- output:\n%s",
							mode, fragment, strings.Join(found, "\n"), a.String())
					}
				}
			}
		}
	})
}
