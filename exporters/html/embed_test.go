package html

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

func TestLocalImagesEmbedded(t *testing.T) {
	var pngBytes bytes.Buffer
	png.Encode(&pngBytes, image.NewGray(image.Rect(0, 0, 2, 2)))
	// The files as the pipeline read them (exporters never open files).
	media := &tree.Media{}
	for u, b := range map[string][]byte{
		"assets/logo.png":         pngBytes.Bytes(),
		"assets/logo.png?v=2#top": pngBytes.Bytes(),
		"diagram.svg":             []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"fake.png":                []byte("not an image at all"),
	} {
		media.Add(u, &tree.MediaFile{Path: u, Data: b, Type: http.DetectContentType(b)})
	}
	img := func(u string) tree.Inline { return &tree.Image{URL: u, Alt: "x", Line: 3} }
	doc := &tree.Document{Blocks: []tree.Block{&tree.Paragraph{Content: []tree.Inline{
		img("assets/logo.png"), img("assets/logo.png?v=2#top"), img("diagram.svg"), img("fake.png"),
		img("missing.png"), img("https://example.org/logo.png"),
	}}}}
	sink := &diag.Sink{}
	got := export(t, doc, exporters.Options{Media: media, Fragment: true, Diag: sink})
	want := `src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(pngBytes.Bytes()) + `"`
	if n := strings.Count(got, want); n != 2 {
		t.Errorf("the PNG is embedded %d times, want 2:\n%s", n, got)
	}
	for _, linked := range []string{`src="diagram.svg"`, `src="fake.png"`, `src="missing.png"`, `src="https://example.org/logo.png"`} {
		if !strings.Contains(got, linked) {
			t.Errorf("want %s linked, not embedded:\n%s", linked, got)
		}
	}
	if w := sink.All(); len(w) > 0 {
		t.Errorf("unexpected warnings: %v", w)
	}
	// Without media (a tree from JSON, say) images stay links.
	if got := export(t, doc, exporters.Options{Fragment: true}); strings.Contains(got, "data:") {
		t.Errorf("embedded without media:\n%s", got)
	}
}
