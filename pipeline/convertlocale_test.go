package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
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

// TestFrontMatterValuesReported: front-matter values galley reads but
// cannot use are reported with their line, not silently ignored: a date
// that is not one (the date would come from git instead) is a warning, a
// locale that is not a string an error; a title YAML reads as a number is
// the title.
func TestFrontMatterValuesReported(t *testing.T) {
	for _, c := range []struct {
		fm, want string // want: the message's start, "" for none
		fails    bool
	}{
		{"revision_date: 2026-02-30", "front matter revision_date: 2026-02-30 is not a date", false},
		{"date: 03/04/2026", "front matter date: 03/04/2026 is not a date", false},
		{"creation_date: [2026-01-01]", "front matter creation_date: [2026-01-01] is not a date", false},
		{"locale: [de]", "front matter locale is [de], not a BCP 47 tag", true},
		{"date: 2026-03-05", "", false},
		{"title: 2026", "", false},
	} {
		src := "---\n" + c.fm + "\n---\nText.\n"
		e := newEngine(t, pipeline.Options{Formats: []string{"json"}, Locales: []string{"en"}})
		var out bytes.Buffer
		sink := &diag.Sink{}
		err := e.Convert(context.Background(), []byte(src), "notice.md", "", "", &out, sink)
		if (err != nil) != c.fails {
			t.Errorf("%s: error %v, want failure %v", c.fm, err, c.fails)
		}
		var msgs []string
		for _, d := range sink.All() {
			msgs = append(msgs, d.Error())
		}
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		got := strings.Join(msgs, "\n")
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, "notice.md:2: "+c.want) {
			t.Errorf("%s: reported %q, want %q at line 2", c.fm, got, c.want)
		}
		if c.fm == "title: 2026" && !strings.Contains(out.String(), `"title": "2026"`) && !strings.Contains(out.String(), `"title":"2026"`) {
			t.Errorf("title: 2026 is not the title:\n%s", out.String())
		}
	}
}

// TestBadHTMLLangReported: an <html lang> that is no tag is reported (and
// ignored), as a bad locale in JSON input is; it was dropped silently.
func TestBadHTMLLangReported(t *testing.T) {
	e := newEngine(t, pipeline.Options{Formats: []string{"text"}})
	sink := &diag.Sink{}
	var out bytes.Buffer
	src := "<!DOCTYPE html><html lang=\"en--US\"><head><title>Hi</title></head><body><main><h1>Hi</h1><p>Text.</p></main></body></html>"
	if err := e.Convert(context.Background(), []byte(src), "page.html", "", "", &out, sink); err != nil {
		t.Fatal(err)
	}
	if w := sink.All(); len(w) != 1 || !strings.Contains(w[0].Message, `"en--US" is not a BCP 47 language tag`) {
		t.Errorf("warnings %v", w)
	}
}
