package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/galleydoc/galley/exporters/builtin"
	"github.com/galleydoc/galley/pipeline/output"
)

// An interrupted run stops waiting for the document in progress (it may be
// anywhere in its work) and writes the manifest. The old code let that
// document go on writing: a file it finished after the manifest was on
// disk without being in it (verify: "not in the manifest"), the SIGINT
// half of F06. Here the interruption comes exactly between the document's
// last check of the context and its write, and the write is let go only
// once Export has returned: the file must then not be written at all.
func TestNoWriteAfterTheManifest(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.md"), []byte("# A\n"), 0o644)
	inputs, err := Discover([]string{src})
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(builtin.Registry(), Options{Formats: []string{"txt"}, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	release, attempted := make(chan struct{}), make(chan struct{})
	var once sync.Once
	beforeWrite = func(string) { cancel(); <-release }
	afterWrite = func(string) { once.Do(func() { close(attempted) }) }
	t.Cleanup(func() { beforeWrite, afterWrite = nil, nil })
	out := t.TempDir()
	res, err := e.Export(ctx, inputs, out, nil)
	if err != context.Canceled || res == nil {
		t.Fatalf("Export: %v, %v; want the result and context.Canceled", res, err)
	}
	close(release)
	<-attempted
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, en := range m.Outputs {
		listed[en.Path] = true
	}
	if _, err := os.Stat(filepath.Join(out, "en", "a.txt")); err == nil && !listed["en/a.txt"] {
		t.Errorf("en/a.txt was written after the manifest, which does not list it")
	}
	temps, _ := filepath.Glob(filepath.Join(out, "en", ".*"))
	if len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}
