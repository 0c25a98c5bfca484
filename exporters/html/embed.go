package html

import (
	"encoding/base64"

	"github.com/galleydoc/galley/pipeline/tree"
)

// MaxEmbeddedImage is the size up to which a local image is embedded in the
// HTML export; a larger one is linked, with a warning.
const MaxEmbeddedImage = 8 << 20

// embeddedImage returns a data: URL holding the local image img names when
// the pipeline read it (Options.Media) and it is a PNG, GIF, JPEG or WebP
// file, so that an HTML export is one self-contained file, as an archive
// needs: the manifest's checksum then covers the images too. Other images
// (remote, SVG, missing, too large) are linked as written.
func (r *renderer) embeddedImage(img *tree.Image) (string, bool) {
	f, ok := r.opts.Media.Image(img)
	if !ok {
		return "", false // a missing file was reported when the pipeline read the images
	}
	if d, ok := r.images[f.Path]; ok {
		return d, d != ""
	}
	if r.images == nil {
		r.images = map[string]string{}
	}
	r.images[f.Path] = ""
	if len(f.Data) > MaxEmbeddedImage {
		r.opts.Diag.Warnf("", img.Line, "image", "image %s is %d bytes, over the %d embedded in HTML; the HTML export links to it", img.URL, len(f.Data), MaxEmbeddedImage)
		return "", false
	}
	switch f.Type {
	case "image/png", "image/gif", "image/jpeg", "image/webp":
	default:
		return "", false
	}
	d := "data:" + f.Type + ";base64," + base64.StdEncoding.EncodeToString(f.Data)
	r.images[f.Path] = d
	return d, true
}
