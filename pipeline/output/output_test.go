package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCleanRefusesEscapes(t *testing.T) {
	for _, bad := range []string{"", "/etc/passwd", "../x.html", "en/../../x.html", "..", ".", "a\x00b", `C:\x`, "en/../.."} {
		if _, err := Clean(bad); !errors.Is(err, ErrEscapes) {
			t.Errorf("Clean(%q) = %v, want ErrEscapes", bad, err)
		}
	}
	for in, want := range map[string]string{"en/a.html": "en/a.html", "en/./b/../a.pdf": "en/a.pdf", `en\x.txt`: `en\x.txt`} {
		if got, err := Clean(in); err != nil || got != want {
			t.Errorf("Clean(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestWriteRefusesSymlinkOutOfRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "en")); err != nil {
		t.Skip("no symlinks here")
	}
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Write("en/x.html", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if !errors.Is(err, ErrEscapes) {
		t.Fatalf("write through a symlink out of the root: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote outside the root: %v", entries)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	os.MkdirAll(filepath.Join(root, "en"), 0o755)
	os.WriteFile(filepath.Join(root, "en", "a.txt"), []byte("old\n"), 0o644)
	_, err := d.Write("en/a.txt", func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("exporter failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	data, _ := os.ReadFile(filepath.Join(root, "en", "a.txt"))
	if string(data) != "old\n" {
		t.Errorf("the old file was replaced by a partial one: %q", data)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "en"))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	w, err := d.Write("en/a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "text\n"); return err })
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: w.Path, Bytes: w.Bytes, SHA256: w.SHA256}, {Path: "en/gone.txt", SHA256: "00"}}}
	if err := d.WriteManifest(m); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "en", "a.txt"), []byte("texT\n"), 0o644)
	bad, _, err := Verify(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 2 || !strings.HasPrefix(bad[0].Problem, "changed") || bad[1].Problem != "missing" {
		t.Errorf("verify: %+v", bad)
	}
}

func TestMergeRejectsDisagreeingShards(t *testing.T) {
	a := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: "en/a.txt", SHA256: "1"}}}
	b := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: "en/a.txt", SHA256: "2"}}}
	if _, err := Merge([]*Manifest{a, b}); err == nil {
		t.Error("merge accepted two different files under one path")
	}
}

// Verify reports files the manifest does not list, but not galley's own:
// the manifest, the lock file, temporary files of atomic writes.
func TestVerifyFindsUnlistedFiles(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	w, err := d.Write("en/a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "text\n"); return err })
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: w.Path, Bytes: w.Bytes, SHA256: w.SHA256}}}
	if err := d.WriteManifest(m); err != nil {
		t.Fatal(err)
	}
	bad, _, err := Verify(root)
	if err != nil || len(bad) != 0 {
		t.Fatalf("a folder as written: %+v, %v", bad, err)
	}
	for _, own := range []string{LockName, "en/.a.txt.tmp-123", ".manifest.json.tmp-9", ".galley-probe-77"} {
		os.WriteFile(filepath.Join(root, filepath.FromSlash(own)), []byte("x"), 0o644)
	}
	os.MkdirAll(filepath.Join(root, "de", "empty"), 0o755)
	os.WriteFile(filepath.Join(root, "en", "stray.txt"), []byte("by hand\n"), 0o644)
	os.WriteFile(filepath.Join(root, "notes.md"), []byte("by hand\n"), 0o644)
	bad, _, err = Verify(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range bad {
		got = append(got, b.String())
	}
	want := []string{"en/stray.txt: not in the manifest", "notes.md: not in the manifest"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("verify:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A version 1 manifest (one set of options for all, warnings as strings)
// is read into the current form.
func TestReadManifestV1(t *testing.T) {
	root := t.TempDir()
	v1 := `{
  "schema": "galley-manifest/v1",
  "galley": "0.1.0",
  "options": {"formats": ["txt"], "locales": ["en"], "raw_html": "sanitize", "strict": false},
  "outputs": [{"path": "en/a.txt", "source": "a.md", "source_sha256": "11", "locale": "en", "format": "txt", "bytes": 5, "sha256": "22"}],
  "failures": [],
  "warnings": ["docs/a.md:3: link to missing.md: no such page"]
}
`
	os.WriteFile(filepath.Join(root, ManifestName), []byte(v1), 0o644)
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if m.Schema != ManifestSchema || len(m.Outputs) != 1 || len(m.OptionSets) != 1 {
		t.Fatalf("upgraded: %+v", m)
	}
	set := m.OptionSets[m.Outputs[0].Options]
	if set == nil || set["galley"] != "0.1.0" || set["raw_html"] != "sanitize" || set["formats"] != nil {
		t.Errorf("option set %q: %v", m.Outputs[0].Options, m.OptionSets)
	}
	if len(m.Warnings) != 1 || m.Warnings[0].Source != "a.md" {
		t.Errorf("warnings: %+v", m.Warnings)
	}
}

// The manifest is the same bytes for the same entries in any order, and
// lists only the option sets its entries use.
func TestManifestEncodingIsStable(t *testing.T) {
	set := map[string]any{"galley": "0.1.0", "strict": false}
	id := OptionSetID(set)
	unused := map[string]any{"galley": "0.0.9"}
	encode := func(entries ...Entry) string {
		m := &Manifest{Schema: ManifestSchema, Galley: "0.1.0", OptionSets: map[string]map[string]any{id: set, OptionSetID(unused): unused},
			Outputs: entries, Warnings: []Warning{{Source: "b.md", Message: "w2"}, {Source: "a.md", Message: "w1"}}}
		var sb strings.Builder
		if err := m.Encode(&sb); err != nil {
			t.Fatal(err)
		}
		return sb.String()
	}
	a := Entry{Path: "en/a.txt", SHA256: "1", Options: id}
	b := Entry{Path: "de/a.txt", SHA256: "2", Options: id}
	first, second := encode(a, b), encode(b, a)
	if first != second {
		t.Errorf("order changes the manifest:\n%s\n%s", first, second)
	}
	if strings.Contains(first, "0.0.9") {
		t.Errorf("an unused option set is listed:\n%s", first)
	}
	if strings.Index(first, `"source": "a.md"`) > strings.Index(first, `"source": "b.md"`) {
		t.Errorf("warnings are not sorted:\n%s", first)
	}
}

// Encode streams the manifest one entry at a time; its bytes are those of
// encoding the whole manifest at once with json.Encoder (indented, HTML
// left unescaped), whatever fields are set or empty.
func TestManifestEncodeMatchesWholeEncoding(t *testing.T) {
	set := map[string]any{"galley": "0.1.0", "strict": false, "paper": "a4", "nested": map[string]any{"a": []any{1, "<b>"}, "e": []any{}}}
	id := OptionSetID(set)
	full := Entry{Path: "en/a & <b>.pdf", Source: "a.md", SourceSHA256: "ab", Commit: "c0ffee", Locale: "en", DateLocale: "en",
		Format: "pdf", Bytes: 42, SHA256: "cd", Date: &Date{Value: "2026-01-02", Source: "git", Commit: "c0ffee"},
		Translation: &Translated{SourceLocale: "de", SourcePath: "de/a.md"}, RedlineSince: "v1", Key: "k", Options: id}
	for name, m := range map[string]*Manifest{
		"empty":  {Schema: ManifestSchema, Galley: "0.1.0"},
		"one":    {Schema: ManifestSchema, Galley: "0.1.0", OptionSets: map[string]map[string]any{id: set}, Outputs: []Entry{full}},
		"shard":  {Schema: ManifestSchema, Galley: "0.1.0", Shard: "1/2", OptionSets: map[string]map[string]any{id: set}, Outputs: []Entry{full, {Path: "de/ü.txt", Options: id}}},
		"failed": {Schema: ManifestSchema, Galley: "0.1.0", Failures: []Failure{{Source: "x.md", Error: "line 3: \"bad\"\n\tthing"}, {Source: "w.md", Locale: "de", Format: "pdf", Error: "e"}}},
		"warned": {Schema: ManifestSchema, Galley: "0.1.0", Outputs: []Entry{{Path: "en/a.txt"}}, Warnings: []Warning{{Source: "a.md", Message: "<script> & \u2028"}}},
	} {
		var got strings.Builder
		if err := m.Encode(&got); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer // m is sorted and defaulted by Encode above
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed manifest differs from the whole encoding:\n%s\nwant:\n%s", name, got.String(), want.String())
		}
	}
}
