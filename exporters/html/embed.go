package html

import (
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"

	"github.com/galleydoc/galley/pipeline/tree"
)

// MaxEmbeddedImage is the size up to which a local image is embedded in the
// HTML export; a larger one is linked, with a warning.
const MaxEmbeddedImage = 8 << 20

// embeddedImage returns a data: URL holding the local image img names
// (relative to Options.BaseDir) when it is a PNG, GIF, JPEG or WebP file, so
// that an HTML export is one self-contained file, as an archive needs: the
// manifest's checksum then covers the images too. Other images (remote,
// SVG, missing, too large) are linked as written.
func (r *renderer) embeddedImage(img *tree.Image) (string, bool) {
	rel, ok := img.LocalPath()
	if r.opts.BaseDir == "" || !ok {
		return "", false
	}
	p := filepath.Join(r.opts.BaseDir, filepath.FromSlash(rel))
	if d, ok := r.images[p]; ok {
		return d, d != ""
	}
	if r.images == nil {
		r.images = map[string]string{}
	}
	r.images[p] = ""
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false // a missing file was reported when images were resolved
	}
	if fi.Size() > MaxEmbeddedImage {
		r.opts.Diag.Warnf("", img.Line, "image", "image %s is %d bytes, over the %d embedded in HTML; the HTML export links to it", rel, fi.Size(), MaxEmbeddedImage)
		return "", false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", false
	}
	typ := http.DetectContentType(b)
	switch typ {
	case "image/png", "image/gif", "image/jpeg", "image/webp":
	default:
		return "", false
	}
	d := "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(b)
	r.images[p] = d
	return d, true
}
