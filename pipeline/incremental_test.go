package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/output"
)

func TestIncrementalReexportsWhatChanged(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.md"), []byte("# A\n"), 0o644)
	os.WriteFile(filepath.Join(src, "b.md"), []byte("# B\n"), 0o644)
	inputs, _ := pipeline.Discover([]string{src})
	out := t.TempDir()
	run := func(opts pipeline.Options) *pipeline.Result {
		t.Helper()
		opts.Formats = []string{"txt", "html"}
		res, err := newEngine(t, opts).Export(context.Background(), inputs, out, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if r := run(pipeline.Options{}); r.Exported != 4 {
		t.Fatalf("first run exported %d", r.Exported)
	}
	if r := run(pipeline.Options{}); r.Exported != 0 || r.Skipped != 4 {
		t.Fatalf("unchanged run exported %d, skipped %d", r.Exported, r.Skipped)
	}
	os.WriteFile(filepath.Join(src, "b.md"), []byte("# B changed\n"), 0o644)
	if r := run(pipeline.Options{}); r.Exported != 2 || r.Skipped != 2 {
		t.Fatalf("after editing b.md: exported %d, skipped %d; want 2 and 2", r.Exported, r.Skipped)
	}
	wrap := 40
	if r := run(pipeline.Options{Wrap: &wrap}); r.Exported != 4 {
		t.Fatalf("after changing --wrap: exported %d, want 4", r.Exported)
	}
	os.Remove(filepath.Join(out, "en", "a.html"))
	if r := run(pipeline.Options{Wrap: &wrap}); r.Exported != 1 {
		t.Fatalf("after deleting an output: exported %d, want 1", r.Exported)
	}
	if r := run(pipeline.Options{Wrap: &wrap, Force: true}); r.Exported != 4 {
		t.Fatalf("--force exported %d, want 4", r.Exported)
	}
	// An image the exports embed changes while the document does not.
	os.WriteFile(filepath.Join(src, "logo.png"), tinyPNG(1), 0o644)
	os.WriteFile(filepath.Join(src, "a.md"), []byte("# A\n\n![Logo](logo.png)\n"), 0o644)
	if r := run(pipeline.Options{Wrap: &wrap}); r.Exported != 2 {
		t.Fatalf("after adding an image to a.md: exported %d, want 2", r.Exported)
	}
	os.WriteFile(filepath.Join(src, "logo.png"), tinyPNG(2), 0o644)
	if r := run(pipeline.Options{Wrap: &wrap}); r.Exported != 2 || r.Skipped != 2 {
		t.Fatalf("after replacing the image: exported %d, skipped %d; want 2 and 2", r.Exported, r.Skipped)
	}
}

// tinyPNG returns a 1×1 PNG whose grey level is v.
func tinyPNG(v uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Pix[0] = v
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// TestManifestIndependentOfLocation exports the same tree, with an image,
// from two folders: the manifests are identical (no absolute path reaches
// a cache key).
func TestManifestIndependentOfLocation(t *testing.T) {
	var manifests []string
	for i := 0; i < 2; i++ {
		src := filepath.Join(t.TempDir(), fmt.Sprintf("checkout-%d", i), "docs")
		os.MkdirAll(filepath.Join(src, "img"), 0o755)
		os.WriteFile(filepath.Join(src, "img", "logo.png"), tinyPNG(7), 0o644)
		os.WriteFile(filepath.Join(src, "a.md"), []byte("# A\n\n![Logo](img/logo.png)\n"), 0o644)
		inputs, err := pipeline.Discover([]string{src})
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		date := time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)
		if _, err := newEngine(t, pipeline.Options{Formats: []string{"html", "pdf"}, Date: &date}).Export(context.Background(), inputs, out, nil); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, output.ManifestName))
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, string(b))
	}
	if manifests[0] != manifests[1] {
		t.Errorf("the manifests differ:\n%s\n---\n%s", manifests[0], manifests[1])
	}
}
