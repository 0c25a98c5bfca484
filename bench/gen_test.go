package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/resolve"
	"github.com/galleydoc/galley/pipeline/tree"
)

func TestLargeIsDeterministicAndBigEnough(t *testing.T) {
	a, b := Large(200_000), Large(200_000)
	if !bytes.Equal(a, b) {
		t.Fatal("Large is not deterministic")
	}
	if len(a) < 200_000 || len(a) > 200_000+len(Notice()) {
		t.Fatalf("Large(200000) is %d bytes", len(a))
	}
	if !bytes.HasPrefix(a, []byte("---\ntitle: Privacy Notice\n")) || bytes.Count(a, []byte("\n# ")) != 1 {
		t.Fatalf("want the front matter and one H1 first:\n%.200s", a)
	}
}

// TestLargeResolvesCleanly checks that the generated document is a valid
// long document: unique heading ids, every in-page link and footnote
// resolving, no warnings.
func TestLargeResolvesCleanly(t *testing.T) {
	src := Large(100_000)
	doc, err := reader.Read(src, "large.md")
	if err != nil {
		t.Fatal(err)
	}
	sink := &diag.Sink{}
	if err := resolve.Document(doc, resolveOptions(sink)); err != nil {
		t.Fatal(err)
	}
	if w := sink.All(); len(w) > 0 {
		t.Fatalf("warnings: %v", w)
	}
	parts := bytes.Count(src, []byte("\n## Part "))
	if parts < 20 {
		t.Fatalf("only %d parts", parts)
	}
	if len(doc.Footnotes) != parts {
		t.Errorf("%d footnotes for %d parts", len(doc.Footnotes), parts)
	}
	ids := map[string]bool{}
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		if h, ok := b.(*tree.Heading); ok {
			if ids[h.ID] {
				t.Errorf("duplicate heading id %q", h.ID)
			}
			ids[h.ID] = true
		}
		return true
	})
	for part := 1; part <= parts; part++ {
		id := "part-" + itoa(part) + "-2-information-we-collect"
		if !ids[id] {
			t.Errorf("no heading %q for the part's in-page link", id)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWriteBatch(t *testing.T) {
	dir := t.TempDir()
	b, err := WriteBatch(dir, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Files) != 10 {
		t.Fatalf("%d files, want 10 (rounded up to whole organisations)", len(b.Files))
	}
	for i := 1; i < len(b.Files); i++ {
		if b.Files[i-1] >= b.Files[i] {
			t.Fatalf("files not sorted: %q before %q", b.Files[i-1], b.Files[i])
		}
	}
	var total int64
	seen := map[string]bool{}
	for _, f := range b.Files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		total += int64(len(data))
		if seen[string(data)] {
			t.Errorf("%s repeats another document", f)
		}
		seen[string(data)] = true
		if bytes.Contains(data, []byte("Harbour Lane")) {
			t.Errorf("%s still names Harbour Lane", f)
		}
	}
	if total != b.Bytes {
		t.Errorf("Bytes = %d, files hold %d", b.Bytes, total)
	}
	again, err := WriteBatch(t.TempDir(), 9)
	if err != nil {
		t.Fatal(err)
	}
	if again.Bytes != b.Bytes {
		t.Error("WriteBatch is not deterministic")
	}
}

// TestBatchExportsCleanly runs the engine over a small batch as the
// benchmarks do: every document in every format, no failures, no warnings.
func TestBatchExportsCleanly(t *testing.T) {
	b, err := WriteBatch(t.TempDir(), 4)
	if err != nil {
		t.Fatal(err)
	}
	e, err := pipeline.New(builtin.Registry(), pipeline.Options{Force: true, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	ins, err := pipeline.Discover([]string{b.Dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Export(context.Background(), ins, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 0 || res.Exported != 16 {
		t.Fatalf("exported %d, failed %d: %v", res.Exported, res.Failed, res.Manifest.Failures)
	}
	if len(res.Diagnostics) > 0 {
		t.Fatalf("warnings: %v", res.Diagnostics)
	}
}
