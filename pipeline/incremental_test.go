package pipeline_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleydoc/galley/pipeline"
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
