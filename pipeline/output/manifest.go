package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestSchema identifies the manifest format. Version 2 records the
// options per output (OptionSets), since a folder's outputs accumulate over
// runs with different options, and warnings per document; version 1
// manifests are read and upgraded.
const ManifestSchema = "galley-manifest/v2"

// manifestSchemaV1 is the first manifest format: one set of options for the
// whole manifest and warnings as plain strings.
const manifestSchemaV1 = "galley-manifest/v1"

// ManifestName is the manifest's file name in the output root.
const ManifestName = "manifest.json"

// Manifest lists the outputs in an output folder: every file the export
// runs into it wrote and that is still there, with where it came from, and
// the failures and warnings of the documents. It holds no wall-clock time
// and is sorted, so the same folder state gives the same bytes.
type Manifest struct {
	Schema string `json:"schema"`
	// Galley is the version of galley that wrote the manifest.
	Galley string `json:"galley"`
	// Shard is set when the folder holds the outputs of one shard (K/N).
	Shard string `json:"shard,omitempty"`
	// OptionSets are the options the outputs were made with (those that
	// change outputs, and galley's version), by the id entries refer to.
	OptionSets map[string]map[string]any `json:"option_sets,omitempty"`
	Outputs    []Entry                   `json:"outputs"`
	Failures   []Failure                 `json:"failures"`
	// Warnings are the diagnostics of the documents exported.
	Warnings []Warning `json:"warnings,omitempty"`
}

// Warning is a diagnostic of a document's last export.
type Warning struct {
	// Source is the document's path relative to its input root (its
	// default body's, for a document with translations).
	Source  string `json:"source"`
	Message string `json:"message"`
}

// OptionSetID returns the id of an option set: a short hash of its JSON, so
// that equal sets have equal ids in every manifest.
func OptionSetID(set map[string]any) string {
	b, _ := json.Marshal(set)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
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
	// RedlineSince is set on a redline (export --redline-since): the git
	// revision the document is compared with.
	RedlineSince string `json:"redline_since,omitempty"`
	// Key is the content hash of everything the output depends on (input,
	// options, galley version); an unchanged key means the file need not be
	// exported again.
	Key string `json:"key,omitempty"`
	// Options is the id of the entry's set in the manifest's OptionSets.
	Options string `json:"options,omitempty"`
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
	// By path, then by source: two sources with one output path (a.md and
	// a.html beside it) are then listed in the same order whatever order
	// the run's workers finished in.
	sort.Slice(m.Outputs, func(i, j int) bool {
		a, b := &m.Outputs[i], &m.Outputs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Source < b.Source
	})
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
	sort.SliceStable(m.Warnings, func(i, j int) bool {
		a, b := m.Warnings[i], m.Warnings[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Message < b.Message
	})
}

// dropUnusedOptionSets drops the option sets no entry refers to.
func (m *Manifest) dropUnusedOptionSets() {
	used := map[string]bool{}
	for _, e := range m.Outputs {
		used[e.Options] = true
	}
	for id := range m.OptionSets {
		if !used[id] {
			delete(m.OptionSets, id)
		}
	}
	if len(m.OptionSets) == 0 {
		m.OptionSets = nil
	}
}

// Encode writes m as indented JSON with a final newline: the bytes
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes for
// it, but made one entry at a time, so that a manifest of tens of thousands
// of outputs is never held whole in memory (a 10,000-notice export's
// manifest is about 30 MB of JSON, which encoding at once held three times
// over).
func (m *Manifest) Encode(w io.Writer) error {
	m.Sort()
	m.dropUnusedOptionSets()
	if m.Outputs == nil {
		m.Outputs = []Entry{}
	}
	if m.Failures == nil {
		m.Failures = []Failure{}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &streamEncoder{w: bw}
	e.raw("{\n")
	e.field("schema", m.Schema)
	e.field("galley", m.Galley)
	if m.Shard != "" {
		e.field("shard", m.Shard)
	}
	if len(m.OptionSets) > 0 {
		e.field("option_sets", m.OptionSets)
	}
	e.key("outputs")
	writeEntries(e, m.Outputs)
	e.key("failures")
	writeList(e, m.Failures)
	if len(m.Warnings) > 0 {
		e.key("warnings")
		writeList(e, m.Warnings)
	}
	e.raw("\n}\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// streamEncoder writes a JSON object field by field in the layout of
// json.Encoder's SetIndent("", "  "): top-level fields at two spaces, the
// elements of top-level lists at four.
type streamEncoder struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	fields int
	err    error
}

func (e *streamEncoder) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// value writes v indented as a value nested under prefix.
func (e *streamEncoder) value(v any, prefix string) {
	if e.err != nil {
		return
	}
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if e.err = enc.Encode(v); e.err != nil {
		return
	}
	_, e.err = e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
}

// key starts the next top-level field.
func (e *streamEncoder) key(name string) {
	if e.fields > 0 {
		e.raw(",\n")
	}
	e.fields++
	e.raw("  ")
	e.value(name, "  ")
	e.raw(": ")
}

func (e *streamEncoder) field(name string, v any) {
	e.key(name)
	e.value(v, "  ")
}

// writeEntries is writeList for the outputs, through appendEntry.
func writeEntries(e *streamEncoder, list []Entry) {
	if len(list) == 0 {
		e.raw("[]")
		return
	}
	e.raw("[\n")
	var b []byte
	for i := range list {
		if e.err != nil {
			return
		}
		b = b[:0]
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, "    "...)
		b = appendEntry(b, &list[i], "    ")
		_, e.err = e.w.Write(b)
	}
	e.raw("\n  ]")
}

// writeList writes a top-level list one element at a time ([] when empty).
func writeList[T any](e *streamEncoder, list []T) {
	if len(list) == 0 {
		e.raw("[]")
		return
	}
	e.raw("[\n")
	for i := range list {
		if i > 0 {
			e.raw(",\n")
		}
		e.raw("    ")
		e.value(&list[i], "    ")
	}
	e.raw("\n  ]")
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
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: not a galley manifest: %w", name, err)
	}
	switch head.Schema {
	case ManifestSchema:
		var m Manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: not a galley manifest: %w", name, err)
		}
		return &m, nil
	case manifestSchemaV1:
		return readManifestV1(name, data)
	}
	return nil, fmt.Errorf("%s: manifest schema %q, want %q (a newer galley may have written it)", name, head.Schema, ManifestSchema)
}

// readManifestV1 reads a version 1 manifest into the current form: its
// run's options become the option set of every entry.
func readManifestV1(name string, data []byte) (*Manifest, error) {
	var v1 struct {
		Galley   string         `json:"galley"`
		Options  map[string]any `json:"options"`
		Shard    string         `json:"shard"`
		Outputs  []Entry        `json:"outputs"`
		Failures []Failure      `json:"failures"`
		Warnings []string       `json:"warnings"`
	}
	if err := json.Unmarshal(data, &v1); err != nil {
		return nil, fmt.Errorf("%s: not a galley manifest: %w", name, err)
	}
	m := &Manifest{Schema: ManifestSchema, Galley: v1.Galley, Shard: v1.Shard, Outputs: v1.Outputs, Failures: v1.Failures}
	if v1.Options != nil {
		set := map[string]any{}
		for k, v := range v1.Options {
			if k != "formats" && k != "locales" {
				set[k] = v
			}
		}
		set["galley"] = v1.Galley
		id := OptionSetID(set)
		m.OptionSets = map[string]map[string]any{id: set}
		for i := range m.Outputs {
			m.Outputs[i].Options = id
		}
	}
	for _, w := range v1.Warnings {
		m.Warnings = append(m.Warnings, Warning{Source: warningSource(w, m), Message: w})
	}
	return m, nil
}

// warningSource guesses the document a version 1 warning ("path:line: …")
// is about: the source of an entry whose path ends the warning's path.
func warningSource(w string, m *Manifest) string {
	file, _, _ := strings.Cut(w, ":")
	for _, e := range m.Outputs {
		if file == e.Source || strings.HasSuffix(file, "/"+e.Source) {
			return e.Source
		}
	}
	return ""
}

// Mismatch is a file of an output folder that does not match its manifest.
type Mismatch struct {
	Path string `json:"path"`
	// Problem is "changed" (listed, but its content differs), "missing"
	// (listed, but not there), "unlisted" (there, but not in the manifest)
	// or "unsafe" (a listed path that leaves the folder).
	Problem string `json:"problem"`
	// SHA256 and Bytes are the file's, where it exists; ManifestSHA256 and
	// ManifestBytes what the manifest says, where it lists it.
	SHA256         string `json:"sha256,omitempty"`
	Bytes          *int64 `json:"bytes,omitempty"`
	ManifestSHA256 string `json:"manifest_sha256,omitempty"`
	ManifestBytes  *int64 `json:"manifest_bytes,omitempty"`
}

// String describes the mismatch in a line.
func (m Mismatch) String() string {
	switch m.Problem {
	case "changed":
		return fmt.Sprintf("%s: changed: sha256 %s (%d bytes), manifest says %s (%d bytes)", m.Path, m.SHA256, *m.Bytes, m.ManifestSHA256, *m.ManifestBytes)
	case "missing":
		return m.Path + ": missing"
	case "unlisted":
		return m.Path + ": not in the manifest"
	}
	return m.Path + ": path leaves the output folder"
}

// IsOwnFile reports whether a file name (relative to the output root,
// slash-separated) is one of galley's own: the manifest, the lock file, or
// a temporary file of an atomic write in progress or of a killed run. Such
// files are never outputs.
func IsOwnFile(rel string) bool {
	if rel == ManifestName || rel == LockName {
		return true
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return isTemp(base) || strings.HasPrefix(base, ".galley-probe-")
}

// Verify checks an output folder against its manifest: it re-hashes every
// listed output and looks for files the manifest does not list (galley's
// own files excepted, see IsOwnFile). It returns the mismatches sorted by
// path, and the manifest.
func Verify(root string) ([]Mismatch, *Manifest, error) {
	m, err := ReadManifest(root)
	if err != nil {
		return nil, nil, err
	}
	var bad []Mismatch
	listed := map[string]bool{}
	for _, e := range m.Outputs {
		clean, err := Clean(e.Path)
		if err != nil {
			bad = append(bad, Mismatch{Path: e.Path, Problem: "unsafe"})
			continue
		}
		listed[clean] = true
		want := e.Bytes
		sum, n, err := HashFile(filepath.Join(root, filepath.FromSlash(clean)))
		switch {
		case err != nil:
			bad = append(bad, Mismatch{Path: e.Path, Problem: "missing", ManifestSHA256: e.SHA256, ManifestBytes: &want})
		case sum != e.SHA256 || n != e.Bytes:
			bad = append(bad, Mismatch{Path: e.Path, Problem: "changed", SHA256: sum, Bytes: &n, ManifestSHA256: e.SHA256, ManifestBytes: &want})
		}
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if listed[rel] || IsOwnFile(rel) {
			return nil
		}
		m := Mismatch{Path: rel, Problem: "unlisted"}
		if sum, n, err := HashFile(p); err == nil {
			m.SHA256, m.Bytes = sum, &n
		}
		bad = append(bad, m)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", root, err)
	}
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].Path < bad[j].Path })
	return bad, m, nil
}

// Merge combines the manifests of sharded runs into one. Outputs listed by
// more than one shard must agree.
func Merge(ms []*Manifest) (*Manifest, error) {
	out := &Manifest{Schema: ManifestSchema}
	seen := map[string]Entry{}
	for i, m := range ms {
		if i == 0 {
			out.Galley = m.Galley
		}
		for id, set := range m.OptionSets {
			if out.OptionSets == nil {
				out.OptionSets = map[string]map[string]any{}
			}
			out.OptionSets[id] = set
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
