package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/output"
)

// archive exports the Markdown files of a source folder into one output
// folder run after run, as a team builds an archive up over time.
type archive struct {
	t        *testing.T
	src, out string
}

func newArchive(t *testing.T, docs map[string]string) *archive {
	a := &archive{t: t, src: t.TempDir(), out: filepath.Join(t.TempDir(), "out")}
	for name, body := range docs {
		a.write(name, body)
	}
	return a
}

func (a *archive) write(name, body string) {
	p := filepath.Join(a.src, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		a.t.Fatal(err)
	}
}

// run exports with opts (txt unless formats are given, and a fixed date)
// and returns the events of the output folder, as "type path: message".
func (a *archive) run(opts pipeline.Options) (*pipeline.Result, []string) {
	a.t.Helper()
	if opts.Formats == nil {
		opts.Formats = []string{"txt"}
	}
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	opts.Date = &date
	inputs, err := pipeline.Discover([]string{a.src})
	if err != nil {
		a.t.Fatal(err)
	}
	var mu sync.Mutex
	var events []string
	res, err := newEngine(a.t, opts).Export(context.Background(), inputs, a.out, func(ev pipeline.Event) {
		switch ev.Type {
		case "gone", "changed", "stale", "prune", "takeover", "wait":
			mu.Lock()
			events = append(events, ev.Type+" "+ev.Path+": "+ev.Message)
			mu.Unlock()
		}
	})
	if err != nil {
		a.t.Fatal(err)
	}
	return res, events
}

// listed returns the paths in the manifest.
func (a *archive) listed() []string {
	a.t.Helper()
	m := checkManifest(a.t, a.out)
	var paths []string
	for _, e := range m.Outputs {
		paths = append(paths, e.Path)
	}
	return paths
}

func (a *archive) manifest() string {
	b, err := os.ReadFile(filepath.Join(a.out, output.ManifestName))
	if err != nil {
		a.t.Fatal(err)
	}
	return string(b)
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

var twoDocs = map[string]string{"a.md": "# A\n\nAlpha.\n", "legal/b.md": "# B\n\nBeta.\n"}

func TestArchiveGrowsRunByRun(t *testing.T) {
	a := newArchive(t, twoDocs)
	a.run(pipeline.Options{Locales: []string{"en"}})
	_, events := a.run(pipeline.Options{Locales: []string{"de"}})
	same(t, "listed after en then de", a.listed(), []string{"en/a.txt", "en/legal/b.txt", "de/a.txt", "de/legal/b.txt"})
	same(t, "events of the de run", events, []string{
		"stale en/a.txt: locale en is not exported by this run",
		"stale en/legal/b.txt: locale en is not exported by this run",
	})
	// A format added later joins them; a re-run changes nothing.
	a.run(pipeline.Options{Locales: []string{"en", "de"}, Formats: []string{"txt", "json"}})
	want := []string{"en/a.txt", "en/legal/b.txt", "de/a.txt", "de/legal/b.txt", "en/a.json", "en/legal/b.json", "de/a.json", "de/legal/b.json"}
	same(t, "listed after adding json", a.listed(), want)
	before := a.manifest()
	res, events := a.run(pipeline.Options{Locales: []string{"en", "de"}, Formats: []string{"txt", "json"}})
	if res.Exported != 0 || res.Skipped != 8 || len(events) != 0 {
		t.Errorf("re-run: exported %d, skipped %d, events %v", res.Exported, res.Skipped, events)
	}
	if a.manifest() != before {
		t.Error("a run that changed nothing changed the manifest")
	}
}

// The manifest depends on what the folder holds, not on the order of the
// runs that made it.
func TestArchiveManifestIndependentOfRunOrder(t *testing.T) {
	var manifests []string
	for _, order := range [][]string{{"en", "de", "fr"}, {"fr", "en", "de"}} {
		a := newArchive(t, twoDocs)
		for _, l := range order {
			a.run(pipeline.Options{Locales: []string{l}})
		}
		manifests = append(manifests, a.manifest())
	}
	if manifests[0] != manifests[1] {
		t.Errorf("en, de, fr and fr, en, de give different manifests:\n%s\n---\n%s", manifests[0], manifests[1])
	}
	// Options are recorded with the outputs they made.
	a := newArchive(t, twoDocs)
	a.run(pipeline.Options{Locales: []string{"en"}})
	wrap := 40
	a.run(pipeline.Options{Locales: []string{"de"}, Wrap: &wrap})
	m, _ := output.ReadManifest(a.out)
	for _, e := range m.Outputs {
		_, wrapped := m.OptionSets[e.Options]["wrap"]
		if wrapped != (e.Locale == "de") {
			t.Errorf("%s: recorded with options %v", e.Path, m.OptionSets[e.Options])
		}
	}
}

func TestArchiveDroppedLocale(t *testing.T) {
	a := newArchive(t, twoDocs)
	a.run(pipeline.Options{Locales: []string{"en", "de", "fr"}})
	_, events := a.run(pipeline.Options{Locales: []string{"en", "de"}})
	same(t, "without --prune", events, []string{
		"stale fr/a.txt: locale fr is not exported by this run",
		"stale fr/legal/b.txt: locale fr is not exported by this run",
	})
	if got := len(a.listed()); got != 6 {
		t.Errorf("without --prune the manifest lists %d outputs, want all 6", got)
	}
	_, events = a.run(pipeline.Options{Locales: []string{"en", "de"}, Prune: true})
	same(t, "with --prune", events, []string{
		"prune fr/a.txt: locale fr is not exported by this run",
		"prune fr/legal/b.txt: locale fr is not exported by this run",
	})
	same(t, "listed after pruning", a.listed(), []string{"en/a.txt", "en/legal/b.txt", "de/a.txt", "de/legal/b.txt"})
	if _, err := os.Stat(filepath.Join(a.out, "fr")); !os.IsNotExist(err) {
		t.Errorf("the emptied fr folder is still there: %v", err)
	}
	// A dropped format is pruned the same way.
	a.run(pipeline.Options{Locales: []string{"en"}, Formats: []string{"txt", "html"}, Prune: true})
	_, events = a.run(pipeline.Options{Locales: []string{"en"}, Prune: true})
	same(t, "format dropped", events, []string{
		"prune en/a.html: format html is not exported by this run",
		"prune en/legal/b.html: format html is not exported by this run",
	})
}

func TestArchiveRetiredDocument(t *testing.T) {
	a := newArchive(t, twoDocs)
	a.write("legal/b.md", "# B\n\nBeta.\n\nLast updated {{git_revision_date_localized}}.\n")
	a.run(pipeline.Options{})
	os.Remove(filepath.Join(a.src, "legal", "b.md"))
	_, events := a.run(pipeline.Options{})
	same(t, "without --prune", events, []string{"stale en/legal/b.txt: its source legal/b.md no longer exists"})
	_, events = a.run(pipeline.Options{Prune: true})
	same(t, "with --prune", events, []string{"prune en/legal/b.txt: its source legal/b.md no longer exists"})
	same(t, "listed", a.listed(), []string{"en/a.txt"})
	if _, err := os.Stat(filepath.Join(a.out, "en", "legal")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder is still there: %v", err)
	}
}

// Files deleted or changed by hand: a deleted one loses its entry (with a
// warning); a changed one keeps it, so verify still reports the change.
func TestArchiveFilesChangedByHand(t *testing.T) {
	a := newArchive(t, twoDocs)
	a.run(pipeline.Options{Locales: []string{"en", "de"}})
	os.Remove(filepath.Join(a.out, "de", "a.txt"))
	os.WriteFile(filepath.Join(a.out, "de", "legal", "b.txt"), []byte("edited\n"), 0o644)
	_, events := a.run(pipeline.Options{Locales: []string{"en"}})
	if len(events) != 3 || !strings.HasPrefix(events[0], "gone de/a.txt: de/a.txt was deleted") || !strings.HasPrefix(events[1], "changed de/legal/b.txt: de/legal/b.txt was changed since galley wrote it") {
		t.Errorf("events: %q", events)
	}
	bad, m, err := output.Verify(a.out)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) != 3 || len(bad) != 1 || bad[0].Path != "de/legal/b.txt" || bad[0].Problem != "changed" {
		t.Errorf("verify after the run: %+v (%d listed)", bad, len(m.Outputs))
	}
	// A run that makes the changed file again replaces it.
	a.run(pipeline.Options{Locales: []string{"de"}})
	same(t, "listed", a.listed(), []string{"en/a.txt", "en/legal/b.txt", "de/a.txt", "de/legal/b.txt"})
}

// Failures and warnings of a document stay until a run exports it again.
func TestArchiveKeepsFailuresOfOtherRuns(t *testing.T) {
	a := newArchive(t, map[string]string{"a.md": "# A\n\n[gone](missing.md)\n", "b.md": "---\ntitle: [unclosed\n---\n# B\n"})
	r1, _ := a.run(pipeline.Options{Locales: []string{"en"}})
	if len(r1.Manifest.Failures) != 1 || len(r1.Manifest.Warnings) != 1 {
		t.Fatalf("first run: %+v %+v", r1.Manifest.Failures, r1.Manifest.Warnings)
	}
	os.Remove(filepath.Join(a.src, "a.md"))
	r2, _ := a.run(pipeline.Options{Locales: []string{"en"}}) // b.md fails again
	if len(r2.Manifest.Failures) != 1 || len(r2.Manifest.Warnings) != 1 || r2.Manifest.Warnings[0].Source != "a.md" {
		t.Errorf("second run: failures %+v, warnings %+v", r2.Manifest.Failures, r2.Manifest.Warnings)
	}
	a.write("b.md", "# B\n")
	r3, _ := a.run(pipeline.Options{Locales: []string{"en"}, Prune: true})
	if len(r3.Manifest.Failures) != 0 || len(r3.Manifest.Warnings) != 0 {
		t.Errorf("after fixing b.md and pruning a.md: failures %+v, warnings %+v", r3.Manifest.Failures, r3.Manifest.Warnings)
	}
}

// Shards exported one after another into one folder add up, and none
// counts another's outputs as stale.
func TestArchiveShardsIntoOneFolder(t *testing.T) {
	docs := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		docs[n+".md"] = "# " + n + "\n"
	}
	a := newArchive(t, docs)
	for k := 1; k <= 3; k++ {
		_, events := a.run(pipeline.Options{ShardK: k, ShardN: 3, Prune: true})
		if len(events) != 0 {
			t.Errorf("shard %d: %v", k, events)
		}
	}
	if got := len(a.listed()); got != 6 {
		t.Errorf("the shards' manifest lists %d outputs, want 6", got)
	}
	if m, _ := output.ReadManifest(a.out); m.Shard != "" {
		t.Errorf("a folder with every shard says shard %q", m.Shard)
	}
}

// Two runs into one folder at once: the second waits for the first, and
// the manifest lists the outputs of both.
func TestArchiveConcurrentRuns(t *testing.T) {
	a := newArchive(t, twoDocs)
	var wg sync.WaitGroup
	for _, l := range []string{"en", "de"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.run(pipeline.Options{Locales: []string{l}, Formats: []string{"txt", "pdf"}})
		}()
	}
	wg.Wait()
	same(t, "listed", a.listed(), []string{"en/a.txt", "en/legal/b.txt", "de/a.txt", "de/legal/b.txt", "en/a.pdf", "en/legal/b.pdf", "de/a.pdf", "de/legal/b.pdf"})
}

// A run's result lists its own failures; the manifest also keeps those of
// documents it did not export again.
func TestArchiveResultFailuresAreTheRuns(t *testing.T) {
	a := newArchive(t, map[string]string{"a.md": "# A\n", "b.md": "---\ntitle: [unclosed\n---\n# B\n"})
	a.run(pipeline.Options{})
	os.Remove(filepath.Join(a.src, "b.md"))
	res, _ := a.run(pipeline.Options{})
	if len(res.Failures) != 0 || len(res.Manifest.Failures) != 1 || res.Manifest.Failures[0].Source != "b.md" {
		t.Errorf("run's failures %+v, manifest's %+v", res.Failures, res.Manifest.Failures)
	}
	res, _ = a.run(pipeline.Options{Prune: true})
	if len(res.Manifest.Failures) != 0 {
		t.Errorf("after pruning the retired b.md its failure is kept: %+v", res.Manifest.Failures)
	}
}

// --prune never removes a file outside the output folder: with OUT/de made
// a symbolic link to a folder elsewhere, the old code followed it, deleted
// the file there (victim/privacy.txt) and then removed the link. Now the
// output is kept, with a warning that says where it leads.
func TestPruneStaysInsideTheFolder(t *testing.T) {
	a := newArchive(t, map[string]string{"privacy.md": "# Privacy\n"})
	a.run(pipeline.Options{Locales: []string{"en", "de"}})
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.Rename(filepath.Join(a.out, "de"), victim); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(a.out, "de")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var warnings []string
	inputs, _ := pipeline.Discover([]string{a.src})
	date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
	_, err := newEngine(t, pipeline.Options{Formats: []string{"txt"}, Locales: []string{"en"}, Prune: true, Date: &date}).Export(context.Background(), inputs, a.out, func(ev pipeline.Event) {
		if ev.Type == "warning" || ev.Type == "prune" {
			warnings = append(warnings, ev.Type+": "+ev.Error+ev.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(victim, "privacy.txt")); err != nil {
		t.Errorf("--prune removed a file outside the output folder: %v", err)
	}
	if fi, err := os.Lstat(filepath.Join(a.out, "de")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link OUT/de was removed: %v", err)
	}
	if got := strings.Join(warnings, "\n"); !strings.Contains(got, "cannot prune de/privacy.txt: it leads outside the output folder, to "+victim) {
		t.Errorf("warnings: %s", got)
	}
}
