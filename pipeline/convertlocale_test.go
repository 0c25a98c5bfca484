package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// TestConvertFallback: convert -l follows export's rule where the body
// states its language (path, front matter, configuration): a body in
// another language is shown in its own direction and marked as a
// fallback, with the locale's labels and dates. `convert -l ar` of a
// notice whose front matter says `locale: en` laid the English out right
// to left (".This is a note"). A body that states nothing is taken to be in
// the locale asked for.
func TestConvertFallback(t *testing.T) {
	const english = "---\nlocale: en\n---\n# Notice\n\nThis is a note.\n"
	const plain = "# Notice\n\nThis is a note.\n"
	const egyptian = "---\nlocale: ar-EG\n---\n# سياسة\n\nنحن نحترم خصوصيتك.\n"
	for _, c := range []struct {
		name, src, locale, defaultLocale string
		dir                              string
		fallback                         string // the source locale of a fallback; "" none
	}{
		{"stated English for ar", english, "ar", "", "ltr", "en"},
		{"unstated for ar", plain, "ar", "", "rtl", ""},
		{"configured English for ar", plain, "ar", "en", "ltr", "en"},
		{"ar-EG for ar", egyptian, "ar", "", "rtl", ""},
		{"ar-EG for en", egyptian, "en", "", "rtl", "ar-EG"},
		{"English for en-GB", english, "en-GB", "", "ltr", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t, pipeline.Options{Formats: []string{"json"}, Locales: []string{c.locale}, DefaultLocale: c.defaultLocale})
			var out bytes.Buffer
			if err := e.Convert(context.Background(), []byte(c.src), "notice.md", "", "", &out, &diag.Sink{}); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Meta struct {
					Direction   string `json:"direction"`
					Translation *struct {
						Fallback     bool   `json:"fallback"`
						SourceLocale string `json:"source_locale"`
					} `json:"translation"`
				} `json:"meta"`
			}
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			fallback := ""
			if tr := doc.Meta.Translation; tr != nil && tr.Fallback {
				fallback = tr.SourceLocale
			}
			if doc.Meta.Direction != c.dir || fallback != c.fallback {
				t.Errorf("direction %q, fallback from %q; want %q, %q", doc.Meta.Direction, fallback, c.dir, c.fallback)
			}
		})
	}
}
