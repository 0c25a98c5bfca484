package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"golang.org/x/net/html"
)

// FuzzConvert runs any Markdown through the whole pipeline into every
// format: no panic, and each output is valid for its format (HTML parses,
// JSON is valid, text is UTF-8 ending in a newline, PDF is a complete file).
func FuzzConvert(f *testing.F) {
	for _, p := range []string{"../example/notices/privacy-notice.md", "../example/notices/cookie-policy.md"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	seeds, _ := filepath.Glob("markdown/testdata/constructs/*.md")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n"))
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	engines := map[string]*pipeline.Engine{}
	for _, format := range []string{"html", "json", "txt", "md", "pdf"} {
		e, err := pipeline.New(builtin.Registry(), pipeline.Options{Formats: []string{format}, Date: &date, MaxBytes: 1 << 20})
		if err != nil {
			f.Fatal(err)
		}
		engines[format] = e
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for format, e := range engines {
			var out bytes.Buffer
			err := e.Convert(context.Background(), src, "fuzz.md", "markdown", "", &out, &diag.Sink{})
			if err != nil {
				if _, ok := err.(diag.Diagnostic); !ok {
					t.Fatalf("%s: error without a place: %T %v", format, err, err)
				}
				continue
			}
			b := out.Bytes()
			switch format {
			case "html":
				if _, err := html.Parse(bytes.NewReader(b)); err != nil || !bytes.HasSuffix(b, []byte("</html>\n")) {
					t.Fatalf("html: %v", err)
				}
				if found := scriptIn(b); len(found) > 0 {
					t.Fatalf("html carries script: %s\n%s", strings.Join(found, ", "), b)
				}
			case "json":
				if !json.Valid(b) {
					t.Fatalf("invalid json:\n%s", b)
				}
			case "txt", "md":
				if !utf8.Valid(b) || (len(b) > 0 && b[len(b)-1] != '\n') {
					t.Fatalf("%s: not UTF-8 text ending in a newline: %q", format, b)
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
					t.Fatalf("pdf: incomplete file")
				}
			}
		}
	})
}
