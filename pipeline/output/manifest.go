package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// ManifestSchema identifies the manifest format.
const ManifestSchema = "galley-manifest/v1"

// ManifestName is the manifest's file name in the output root.
const ManifestName = "manifest.json"

// Manifest lists what an export run produced. Entries are sorted so that the
// same run gives the same bytes.
type Manifest struct {
	Schema   string         `json:"schema"`
	Galley   string         `json:"galley"`
	Options  map[string]any `json:"options,omitempty"`
	Shard    string         `json:"shard,omitempty"`
	Outputs  []Entry        `json:"outputs"`
	Failures []Failure      `json:"failures"`
	// Warnings are the diagnostics of the documents exported.
	Warnings []string `json:"warnings,omitempty"`
}

// Entry is one output file.
type Entry struct {
	Path         string `json:"path"`
	Source       string `json:"source"`
	SourceSHA256 string `json:"source_sha256"`
	Commit       string `json:"commit,omitempty"`
	Locale       string `json:"locale"`
	// DateLocale is the CLDR locale whose data wrote the dates (see
	// tree.Meta.DateLocale); it differs in language from Locale only for
	// tags CLDR lacks, which galley warns about.
	DateLocale  string      `json:"date_locale,omitempty"`
	Format      string      `json:"format"`
	Bytes       int64       `json:"bytes"`
	SHA256      string      `json:"sha256"`
	Date        *Date       `json:"date,omitempty"`
	Translation *Translated `json:"translation,omitempty"`
	// Key is the content hash of everything the output depends on (input,
	// options, galley version); an unchanged key means the file need not be
	// exported again.
	Key string `json:"key,omitempty"`
}

// Date is the provenance of an output's revision date.
type Date struct {
	Value  string `json:"value"`
	Source string `json:"source"`
	Commit string `json:"commit,omitempty"`
}

// Translated says which body a localized output used.
type Translated struct {
	Fallback     bool   `json:"fallback"`
	SourceLocale string `json:"source_locale,omitempty"`
	SourcePath   string `json:"source_path,omitempty"`
}

// Failure is a document (or one of its variants) that could not be exported.
type Failure struct {
	Source string `json:"source"`
	Locale string `json:"locale,omitempty"`
	Format string `json:"format,omitempty"`
	Error  string `json:"error"`
}

// Sort puts entries and failures in their stable order.
func (m *Manifest) Sort() {
	sort.Slice(m.Outputs, func(i, j int) bool { return m.Outputs[i].Path < m.Outputs[j].Path })
	sort.Slice(m.Failures, func(i, j int) bool {
		a, b := m.Failures[i], m.Failures[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Locale != b.Locale {
			return a.Locale < b.Locale
		}
		return a.Format < b.Format
	})
	sort.Strings(m.Warnings)
}

// Encode writes m as indented JSON with a final newline.
func (m *Manifest) Encode(w io.Writer) error {
	m.Sort()
	if m.Outputs == nil {
		m.Outputs = []Entry{}
	}
	if m.Failures == nil {
		m.Failures = []Failure{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteManifest writes m atomically as OUT/manifest.json.
func (d *Dir) WriteManifest(m *Manifest) error {
	_, err := d.Write(ManifestName, m.Encode)
	return err
}

// ReadManifest reads the manifest of an output root. A missing manifest is
// an error wrapping os.ErrNotExist.
func ReadManifest(root string) (*Manifest, error) {
	name := filepath.Join(root, ManifestName)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: not a galley manifest: %w", name, err)
	}
	if m.Schema != ManifestSchema {
		return nil, fmt.Errorf("%s: manifest schema %q, want %q", name, m.Schema, ManifestSchema)
	}
	return &m, nil
}

// Mismatch is an output that no longer matches its manifest entry.
type Mismatch struct {
	Path    string
	Problem string
}

// Verify re-hashes every output listed in the manifest of root and returns
// the files that are missing or changed.
func Verify(root string) ([]Mismatch, *Manifest, error) {
	m, err := ReadManifest(root)
	if err != nil {
		return nil, nil, err
	}
	var bad []Mismatch
	for _, e := range m.Outputs {
		clean, err := Clean(e.Path)
		if err != nil {
			bad = append(bad, Mismatch{e.Path, "path escapes the output directory"})
			continue
		}
		sum, n, err := HashFile(filepath.Join(root, filepath.FromSlash(clean)))
		switch {
		case err != nil:
			bad = append(bad, Mismatch{e.Path, "missing"})
		case sum != e.SHA256 || n != e.Bytes:
			bad = append(bad, Mismatch{e.Path, fmt.Sprintf("changed: sha256 %s, manifest says %s", sum, e.SHA256)})
		}
	}
	return bad, m, nil
}

// Merge combines the manifests of sharded runs into one. Outputs listed by
// more than one shard must agree.
func Merge(ms []*Manifest) (*Manifest, error) {
	out := &Manifest{Schema: ManifestSchema}
	seen := map[string]Entry{}
	for i, m := range ms {
		if i == 0 {
			out.Galley, out.Options = m.Galley, m.Options
		}
		for _, e := range m.Outputs {
			if prev, ok := seen[e.Path]; ok {
				if prev.SHA256 != e.SHA256 {
					return nil, fmt.Errorf("%s is in two shards with different contents", e.Path)
				}
				continue
			}
			seen[e.Path] = e
			out.Outputs = append(out.Outputs, e)
		}
		out.Failures = append(out.Failures, m.Failures...)
		out.Warnings = append(out.Warnings, m.Warnings...)
	}
	out.Sort()
	return out, nil
}
