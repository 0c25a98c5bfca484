package output

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// encodingJSON is what appendEntry must match: the entry as json.Encoder
// writes it inside the manifest's list.
func encodingJSON(t testing.TB, en *Entry, prefix string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(en); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func checkEntry(t testing.TB, en *Entry) {
	t.Helper()
	want := encodingJSON(t, en, "    ")
	if got := string(appendEntry(nil, en, "    ")); got != want {
		t.Fatalf("entry %+v:\n%s\nencoding/json:\n%s", en, got, want)
	}
}

// TestAppendEntry compares appendEntry with encoding/json on entries with
// and without each optional field, and with strings of every kind of
// character JSON escapes.
func TestAppendEntry(t *testing.T) {
	strs := []string{"", "a", "en/org-0001/privacy-notice.pdf", `q"b\s`, "<&>", "\x00\x01\b\f\n\r\t\x1f\x7f",
		"é中🙂", "\u2028\u2029", "\xff\xfe", "a\xc3", "\xed\xa0\x80", "ü\u2029x"}
	r := rand.New(rand.NewPCG(20, 2026))
	pick := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		return strs[r.IntN(len(strs))]
	}
	for range 5000 {
		en := Entry{Path: pick(), Source: pick(), SourceSHA256: pick(), Commit: pick(), Locale: pick(),
			DateLocale: pick(), Format: pick(), Bytes: r.Int64N(1<<40) - 1<<20, SHA256: pick(),
			RedlineSince: pick(), Key: pick(), Options: pick()}
		if r.IntN(2) == 0 {
			en.Date = &Date{Value: pick(), Source: pick(), Commit: pick()}
		}
		if r.IntN(2) == 0 {
			en.Translation = &Translated{Fallback: r.IntN(2) == 0, SourceLocale: pick(), SourcePath: pick()}
		}
		checkEntry(t, &en)
	}
	// Every single byte and a few runes, alone and between letters.
	for c := range 256 {
		for _, s := range []string{string(rune(c)), string([]byte{byte(c)}), "a" + string([]byte{byte(c)}) + "b"} {
			checkEntry(t, &Entry{Path: s, Date: &Date{Value: s}, Translation: &Translated{SourcePath: s}})
		}
	}
}

// TestManifestEncodeEntries checks a whole manifest's bytes against
// encoding/json's indented form of it.
func TestManifestEncodeEntries(t *testing.T) {
	m := batchManifest(50)
	m.Outputs[3].Commit = "abc\"def"
	m.Outputs[5].Translation.Fallback = true
	m.Failures = []Failure{{Source: "x.md", Error: "bad <input>"}}
	var got bytes.Buffer
	if err := m.Encode(&got); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("manifest differs from encoding/json's:\n%s\nwant:\n%s", got.String(), want.String())
	}
}

// FuzzAppendEntry compares appendEntry with encoding/json on any strings.
func FuzzAppendEntry(f *testing.F) {
	f.Add("en/a.pdf", "a.md", "\u2028", int64(12), true)
	f.Add("", "\xff", "\"\\", int64(-1), false)
	f.Fuzz(func(t *testing.T, p, src, other string, n int64, dated bool) {
		en := Entry{Path: p, Source: src, SourceSHA256: other, Commit: other, Locale: p, Format: src, Bytes: n, SHA256: other, Key: p}
		if dated {
			en.Date = &Date{Value: other, Source: src, Commit: p}
			en.Translation = &Translated{SourceLocale: other, SourcePath: src}
		}
		checkEntry(t, &en)
	})
}
