package output

import (
	"fmt"
	"io"
	"testing"
)

// batchManifest returns the manifest of a run of n notices (4 formats
// each), as a 10,000-notice export writes it.
func batchManifest(n int) *Manifest {
	m := &Manifest{Schema: ManifestSchema, Galley: "0.1.0",
		OptionSets: map[string]map[string]any{"29465542de52": {"galley": "0.1.0", "raw_html": "sanitize", "strict": false}}}
	for i := range n {
		for _, f := range []string{"html", "pdf", "txt", "json"} {
			m.Outputs = append(m.Outputs, Entry{
				Path: fmt.Sprintf("en/org-%04d/privacy-notice.%s", n-i, f), Source: fmt.Sprintf("org-%04d/privacy-notice.md", n-i),
				SourceSHA256: "e01e5eb04b57123507ab7301afb62e5afcbfb5b1e3e1b55e2bfe8299de9758ec", Locale: "en", DateLocale: "en",
				Format: f, Bytes: 42669, SHA256: "48096e6ffe2163f7a0c5e239e42be313804aa938a1f6525f886e67a26e0491eb",
				Date:        &Date{Value: "2026-11-02T00:00:00Z", Source: "front-matter"},
				Translation: &Translated{SourceLocale: "en", SourcePath: fmt.Sprintf("org-%04d/privacy-notice.md", n-i)},
				Key:         "9b65270558f53b15a458fc23da29de0fdd895fbcb596a72dc11d4d56bad66c9c", Options: "29465542de52",
			})
		}
	}
	return m
}

// BenchmarkManifestEncode encodes the manifest of 10,000 notices × 4
// formats, the last thing a batch does (on one CPU).
func BenchmarkManifestEncode(b *testing.B) {
	m := batchManifest(10000)
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
