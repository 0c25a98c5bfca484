package pipeline_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/diag"
)

// TestOneMediaRule exports a document whose images are named relative to
// it, relative to the input root (/assets/…, as MkDocs writes), %-encoded,
// and outside the root: HTML and PDF embed exactly the same images, and
// the one outside the root is reported, not read.
func TestOneMediaRule(t *testing.T) {
	root := t.TempDir()
	logo := tinyPNG(7)
	for name, data := range map[string][]byte{
		"assets/logo.png":      logo,
		"legal/local.png":      tinyPNG(9),
		"legal/with space.png": tinyPNG(11),
		"legal/privacy.md": []byte("# Privacy\n\n![rel](local.png)\n\n![abs](/assets/logo.png)\n\n" +
			"![enc](with%20space.png)\n\n![out](../../secret.png)\n"),
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(filepath.Dir(root), "secret.png"), tinyPNG(1), 0o644)
	inputs, err := pipeline.Discover([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"html", "pdf"}}).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed != 0 {
		t.Fatalf("export: %v, %d failed", err, res.Failed)
	}
	page, err := os.ReadFile(filepath.Join(out, "en", "legal", "privacy.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range [][]byte{tinyPNG(9), logo, tinyPNG(11)} {
		if !bytes.Contains(page, []byte(base64.StdEncoding.EncodeToString(img))) {
			t.Errorf("HTML does not embed an image the PDF embeds:\n%s", page)
		}
	}
	if !bytes.Contains(page, []byte(`src="../../secret.png"`)) {
		t.Errorf("the image outside the root is not left as a link")
	}
	pdf, err := os.ReadFile(filepath.Join(out, "en", "legal", "privacy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 3 {
		t.Errorf("the PDF holds %d images, want 3 (relative, root-relative, %%-encoded)", n)
	}
	var outside []diag.Diagnostic
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "outside the input root") {
			outside = append(outside, d)
		}
	}
	if len(outside) != 1 || outside[0].Line != 9 {
		t.Errorf("want one warning about the image outside the root, at line 9: %v", res.Diagnostics)
	}
}

// An image named under the input root but reached through a symbolic link
// that leads out of it (a linked file, or a file in a linked folder) is
// not read: the README's "an image outside the input root is never read".
// The old code read both through os.DirFS and embedded them; a link that
// stays inside the root still works.
func TestImagesThroughLinksStayInside(t *testing.T) {
	work := t.TempDir()
	root := filepath.Join(work, "docs")
	os.MkdirAll(filepath.Join(work, "secret"), 0o755)
	os.MkdirAll(filepath.Join(root, "assets"), 0o755)
	secret, inside := tinyPNG(3), tinyPNG(5)
	os.WriteFile(filepath.Join(work, "secret", "secret.png"), secret, 0o644)
	os.WriteFile(filepath.Join(root, "assets", "logo.png"), inside, 0o644)
	for link, target := range map[string]string{
		"via_link.png": "../secret/secret.png",
		"sdir":         "../secret",
		"logo.png":     "assets/logo.png",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	os.WriteFile(filepath.Join(root, "doc.md"), []byte("# Doc\n\n![a](via_link.png)\n\n![b](sdir/secret.png)\n\n![c](logo.png)\n"), 0o644)
	inputs, err := pipeline.Discover([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := newEngine(t, pipeline.Options{Formats: []string{"html", "pdf"}}).Export(context.Background(), inputs, out, nil)
	if err != nil || res.Failed != 0 {
		t.Fatalf("export: %v, %+v", err, res.Manifest.Failures)
	}
	page, _ := os.ReadFile(filepath.Join(out, "en", "doc.html"))
	if bytes.Contains(page, []byte(base64.StdEncoding.EncodeToString(secret))) {
		t.Errorf("the HTML embeds the image outside the input root")
	}
	if !bytes.Contains(page, []byte(base64.StdEncoding.EncodeToString(inside))) {
		t.Errorf("the HTML does not embed the image linked inside the input root")
	}
	pdf, _ := os.ReadFile(filepath.Join(out, "en", "doc.pdf"))
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("the PDF holds %d images, want 1 (the one inside)", n)
	}
	lines := map[int]bool{}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "leads outside the input root") && strings.Contains(d.Message, filepath.Join("secret", "secret.png")) {
			lines[d.Line] = true
		}
	}
	if !lines[3] || !lines[5] {
		t.Errorf("want warnings at lines 3 and 5 naming where the links lead: %v", res.Diagnostics)
	}
}
