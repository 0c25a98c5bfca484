package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/example"
	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/output"
)

// notice is a generated notice-sized document.
func notice(i int) string {
	return fmt.Sprintf(`---
title: Notice %[1]d
revision_date: 2026-0%[2]d-1%[3]d
---
# Privacy Notice %[1]d

Last updated **{{git_revision_date_localized}}**

This notice %[1]d explains what we collect and why. See [the other notice](notice-%[4]04d.md).

## 1. What we collect

- Email addresses
- IP addresses, kept for *14 days*

| Purpose | Basis |
|---|---|
| Accounts | Contract |

!!! note
    We never sell personal information.
`, i, i%9+1, i%10, (i+1)%1000)
}

func writeTree(t testing.TB, dir string, n int, broken map[int]string) {
	t.Helper()
	for i := 0; i < n; i++ {
		body := notice(i)
		if b, ok := broken[i]; ok {
			body = b
		}
		p := filepath.Join(dir, fmt.Sprintf("group-%d", i%10), fmt.Sprintf("notice-%04d.md", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newEngine(t testing.TB, opts pipeline.Options) *pipeline.Engine {
	t.Helper()
	e, err := pipeline.New(builtin.Registry(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// checkManifest compares the manifest with the files on disk: every listed
// file exists with its size and hash, and nothing else was written.
func checkManifest(t *testing.T, out string) *output.Manifest {
	t.Helper()
	bad, m, err := output.Verify(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s: %s", b.Path, b.Problem)
	}
	listed := map[string]bool{output.ManifestName: true}
	for _, e := range m.Outputs {
		listed[e.Path] = true
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !listed[filepath.ToSlash(rel)] {
				t.Errorf("%s is on disk but not in the manifest", rel)
			}
		}
		return nil
	})
	return m
}

func TestExportBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000-document batch skipped in -short mode")
	}
	batchSize := 1000
	if raceEnabled {
		batchSize = 100
	}
	src := t.TempDir()
	badUTF8, noDate := batchSize/8+3, batchSize/2
	broken := map[int]string{
		7:       "---\ntitle: [unclosed\n---\n# Broken front matter\n",
		badUTF8: "# Bad bytes \xff\xfe here\n",
		noDate:  "# No date\n\nLast updated {{git_revision_date_localized}}\n",
	}
	writeTree(t, src, batchSize, broken)
	inputs, err := pipeline.Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != batchSize {
		t.Fatalf("discovered %d inputs, want %d", len(inputs), batchSize)
	}
	out := filepath.Join(t.TempDir(), "out")
	res, err := newEngine(t, pipeline.Options{}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != len(broken) || res.Exported != (batchSize-len(broken))*4 {
		t.Fatalf("failed %d exported %d, want %d and %d", res.Failed, res.Exported, len(broken), (batchSize-len(broken))*4)
	}
	m := checkManifest(t, out)
	if len(m.Failures) != len(broken) {
		t.Fatalf("manifest lists %d failures, want %d: %+v", len(m.Failures), len(broken), m.Failures)
	}
	name := func(i int) string { return fmt.Sprintf("group-%d/notice-%04d.md", i%10, i) }
	wantErr := map[string]string{
		name(7):       fmt.Sprintf("notice-%04d.md:2: malformed YAML front matter", 7),
		name(badUTF8): fmt.Sprintf("notice-%04d.md:1: input is not valid UTF-8", badUTF8),
		name(noDate):  fmt.Sprintf("notice-%04d.md:3: no date for {{git_revision_date_localized}}", noDate),
	}
	for _, f := range m.Failures {
		want, ok := wantErr[f.Source]
		if !ok || !strings.Contains(f.Error, want) {
			t.Errorf("failure %s: %q, want it to contain %q", f.Source, f.Error, want)
		}
	}

	// A second run exports nothing: every output is unchanged.
	res2, err := newEngine(t, pipeline.Options{}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Exported != 0 || res2.Skipped != res.Exported {
		t.Errorf("second run exported %d, skipped %d; want 0 and %d", res2.Exported, res2.Skipped, res.Exported)
	}
	m2 := checkManifest(t, out)
	if len(m2.Outputs) != len(m.Outputs) {
		t.Errorf("second manifest lists %d outputs, want %d", len(m2.Outputs), len(m.Outputs))
	}

	// Shards together produce exactly the files of the unsharded run.
	const n = 3
	var shards []*output.Manifest
	for k := 1; k <= n; k++ {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("shard-%d", k))
		if _, err := newEngine(t, pipeline.Options{ShardK: k, ShardN: n}).Export(context.Background(), inputs, dir, nil); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, checkManifest(t, dir))
	}
	merged, err := output.Merge(shards)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entries(merged), entries(m); got != want {
		t.Errorf("merged shards differ from the unsharded run")
	}
	for _, s := range shards {
		if len(s.Outputs) == 0 || len(s.Outputs) == len(m.Outputs) {
			t.Errorf("a shard has %d of %d outputs: not a split", len(s.Outputs), len(m.Outputs))
		}
	}
}

// entries lists path and hash of every output, sorted.
func entries(m *output.Manifest) string {
	var lines []string
	for _, e := range m.Outputs {
		lines = append(lines, e.Path+" "+e.SHA256)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestExportDeterministic(t *testing.T) {
	inputs, err := pipeline.DiscoverFS(example.Notices, example.Root)
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for i := 0; i < 2; i++ {
		out := filepath.Join(t.TempDir(), "out")
		if _, err := newEngine(t, pipeline.Options{Jobs: 2, Locales: []string{"en", "de", "ja"}}).Export(context.Background(), inputs, out, nil); err != nil {
			t.Fatal(err)
		}
		m := checkManifest(t, out)
		manifest, _ := os.ReadFile(filepath.Join(out, output.ManifestName))
		runs = append(runs, entries(m)+"\n"+string(manifest))
	}
	if runs[0] != runs[1] {
		t.Fatal("two exports of the same input differ")
	}
	if !strings.Contains(runs[0], "ja/privacy-notice.pdf") {
		t.Fatal("ja variant missing")
	}
}

func TestExportTranslations(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"privacy.md":         "# Privacy\n\nLast updated {{git_revision_date_localized}}\n",
		"privacy.de.md":      "# Datenschutz\n\nStand: {{git_revision_date_localized}}\n",
		"fr/terms.md":        "# Conditions\n",
		"terms.md":           "# Terms\n",
		"notice/pt-BR.md":    "# Aviso\n",
		"notice/en.md":       "# Notice\n",
		"it/ordinary-dir.md": "# Not a translation of anything\n",
	}
	for name, body := range files {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	inputs, err := pipeline.Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	date := time.Date(2025, 12, 16, 13, 0, 0, 0, time.UTC)
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, Locales: []string{"en", "de", "fr", "pt-BR", "ar"}, Date: &date}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 0 {
		t.Fatalf("failures: %+v", res.Manifest.Failures)
	}
	m := checkManifest(t, out)
	got := map[string]string{}
	for _, e := range m.Outputs {
		got[e.Path] = fmt.Sprintf("%s fallback=%v", e.Source, e.Translation.Fallback)
	}
	want := map[string]string{
		"en/privacy.txt":   "privacy.md fallback=false",
		"de/privacy.txt":   "privacy.de.md fallback=false",
		"fr/privacy.txt":   "privacy.md fallback=true",
		"fr/terms.txt":     "fr/terms.md fallback=false",
		"de/terms.txt":     "terms.md fallback=true",
		"pt-BR/notice.txt": "notice/pt-BR.md fallback=false",
		"ar/notice.txt":    "notice/en.md fallback=true",
		"en/notice.txt":    "notice/en.md fallback=false",
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s: %q, want %q", path, got[path], w)
		}
	}
	de, _ := os.ReadFile(filepath.Join(out, "de/privacy.txt"))
	if !strings.Contains(string(de), "Stand: 16. Dezember 2025") {
		t.Errorf("de/privacy.txt:\n%s", de)
	}
}

// Two sources with one output path (a.md and a.html beside it; x.md in two
// folders given as two inputs, each its own root) are both refused, each
// naming the other, before anything is written. The old code exported
// both into one file, which one's bytes stayed depending on which worker
// finished last, and listed the path twice in the manifest, so that
// verify failed right after the export.
func TestCollidingOutputsAreRefused(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "same"), 0o755)
	os.WriteFile(filepath.Join(src, "same", "a.md"), []byte("# From Markdown\n"), 0o644)
	os.WriteFile(filepath.Join(src, "same", "a.html"), []byte("<h1>From HTML</h1>\n"), 0o644)
	os.WriteFile(filepath.Join(src, "same", "ok.md"), []byte("# OK\n"), 0o644)
	for _, d := range []string{"d1", "d2"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
		os.WriteFile(filepath.Join(src, d, "x.md"), []byte("# "+d+"\n"), 0o644)
	}
	inputs, err := pipeline.Discover([]string{filepath.Join(src, "same"), filepath.Join(src, "d1", "x.md"), filepath.Join(src, "d2", "x.md")})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt", "html"}, Jobs: 4}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 4 || res.Exported != 2 {
		t.Errorf("%d exported, %d failed; want 2 (ok.md) and 4", res.Exported, res.Failed)
	}
	var msgs []string
	for _, f := range res.Manifest.Failures {
		msgs = append(msgs, f.Error)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"same/a.md: exports to the same files as " + filepath.Join(src, "same", "a.html") + " (OUT/<locale>/a.<ext>), so neither is exported",
		"same/a.html: exports to the same files as " + filepath.Join(src, "same", "a.md"),
		"d1/x.md: exports to the same files as " + filepath.Join(src, "d2", "x.md"),
		"d2/x.md: exports to the same files as " + filepath.Join(src, "d1", "x.md"),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no failure says %q; failures:\n%s", want, all)
		}
	}
	for _, p := range []string{"en/a.txt", "en/a.html", "en/x.txt"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s was written", p)
		}
	}
	seen := map[string]bool{}
	for _, e := range res.Manifest.Outputs {
		if seen[e.Path] {
			t.Errorf("the manifest lists %s twice", e.Path)
		}
		seen[e.Path] = true
	}
	checkManifest(t, out)
}

// Two files for one locale of a document: privacy.fr.md beside
// fr/privacy.md, and terms.md whose front matter says fr beside
// terms.fr.md. The old code exported one of each pair and dropped the
// other without a word; now the choice is the documented one (the first
// in path order; the file named for the locale over the default file) and
// a warning names both files, at the front-matter line where there is one.
func TestDuplicateTranslationsAreReported(t *testing.T) {
	src := t.TempDir()
	write := func(rel, body string) {
		os.MkdirAll(filepath.Dir(filepath.Join(src, rel)), 0o755)
		os.WriteFile(filepath.Join(src, rel), []byte(body), 0o644)
	}
	write("privacy.md", "# Privacy\n")
	write("privacy.fr.md", "# Suffixe\n")
	write("fr/privacy.md", "# Dossier\n")
	write("terms.md", "---\ntitle: Conditions\nlocale: fr\n---\n# Par défaut\n")
	write("terms.fr.md", "# Traduction\n")
	{
		paths := []string{src}
		inputs, err := pipeline.Discover(paths)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, Jobs: 2}).Export(context.Background(), inputs, out, nil)
		if err != nil || res.Failed != 0 {
			t.Fatalf("err %v, failures %+v", err, res.Manifest.Failures)
		}
		var warns []string
		for _, w := range res.Manifest.Warnings {
			warns = append(warns, w.Message)
		}
		all := strings.Join(warns, "\n")
		for _, want := range []string{
			filepath.Join(src, "privacy.fr.md") + ": this file and " + filepath.Join(src, "fr", "privacy.md") + " are both the fr translation of privacy.md; galley exports " + filepath.Join(src, "fr", "privacy.md"),
			filepath.Join(src, "terms.md") + ":3: this file says `locale: fr` in its front matter, and " + filepath.Join(src, "terms.fr.md") + " is the fr translation too",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("no warning says %q; warnings:\n%s", want, all)
			}
		}
		for file, want := range map[string]string{"fr/privacy.txt": "Dossier", "fr/terms.txt": "Traduction"} {
			if data, _ := os.ReadFile(filepath.Join(out, file)); !strings.Contains(string(data), want) {
				t.Errorf("%s: %q, want the text of %s", file, data, want)
			}
		}
	}
}

// A file name that is not valid UTF-8 fails its document with a message
// that shows the bytes, and the run's folder verifies. The old code
// exported it, and the manifest (JSON) recorded the name with U+FFFD, so
// that verify reported the file as both missing and unlisted right after
// the export, and the next run warned that it had been deleted.
func TestFileNameNotUTF8(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "bad\xff.md"), []byte("# Bad name\n"), 0o644); err != nil {
		t.Skip("this file system refuses such names:", err)
	}
	os.WriteFile(filepath.Join(src, "ok.md"), []byte("# OK\n"), 0o644)
	inputs, err := pipeline.Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}}).Export(context.Background(), inputs, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 || res.Exported != 1 {
		t.Errorf("%d exported, %d failed; want 1 and 1", res.Exported, res.Failed)
	}
	if msg := failureOf(res, `bad\xff.md`); !strings.Contains(msg, `bad\xff.md: the file name bad\xff.md is not valid UTF-8, which the manifest cannot record; rename it`) {
		t.Errorf("failures: %+v", res.Manifest.Failures)
	}
	checkManifest(t, out)
}

// failureOf returns the manifest failure of source, or "".
func failureOf(res *pipeline.Result, source string) string {
	for _, f := range res.Manifest.Failures {
		if f.Source == source {
			return f.Error
		}
	}
	return ""
}
