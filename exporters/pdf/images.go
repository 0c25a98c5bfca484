package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// imageData is an image ready for fpdf: a non-interlaced 8-bit PNG or a
// baseline RGB/gray JPEG, named by its content hash.
type imageData struct {
	name string
	typ  string // "PNG" or "JPG"
	data []byte
	w, h int
}

// loadImage returns a local image of the document, from the bytes the
// pipeline read (Options.Media), normalised for fpdf: PNGs are decoded and
// re-encoded (fpdf rejects interlaced and 16-bit PNGs), CMYK JPEGs become
// PNGs (PDF/A with an sRGB output intent allows no DeviceCMYK). An image
// Media lacks (remote, missing: the pipeline warned) is fs.ErrNotExist.
func (l *layouter) loadImage(im *tree.Image) (*imageData, error) {
	f, ok := l.opts.Media.Image(im)
	if !ok {
		if strings.Contains(im.URL, "://") || strings.HasPrefix(im.URL, "data:") || strings.HasPrefix(im.URL, "//") {
			return nil, fmt.Errorf("remote image %s is not embedded", im.URL)
		}
		return nil, fs.ErrNotExist
	}
	if img, ok := l.images[f.Path]; ok {
		return img.data, img.err
	}
	img, err := decodeImage(f.Path, f.Data)
	l.images[f.Path] = loadedImage{img, err}
	return img, err
}

// loadedImage is an image decoded once per document, or why it could not be.
type loadedImage struct {
	data *imageData
	err  error
}

func decodeImage(path string, raw []byte) (*imageData, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", filepath.Base(path), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 50_000_000 {
		return nil, fmt.Errorf("image %s: unsupported size %dx%d", filepath.Base(path), cfg.Width, cfg.Height)
	}
	out := &imageData{w: cfg.Width, h: cfg.Height}
	switch format {
	case "jpeg":
		img, err := jpeg.Decode(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", filepath.Base(path), err)
		}
		if _, cmyk := img.(*image.CMYK); cmyk {
			data, err := encodePNG(img)
			if err != nil {
				return nil, err
			}
			out.typ, out.data = "PNG", data
		} else {
			out.typ, out.data = "JPG", raw
		}
	case "png":
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", filepath.Base(path), err)
		}
		data, err := encodePNG(img)
		if err != nil {
			return nil, err
		}
		out.typ, out.data = "PNG", data
	default:
		return nil, fmt.Errorf("image %s: format %s is not supported in PDF (PNG and JPEG are)", filepath.Base(path), format)
	}
	sum := sha256.Sum256(out.data)
	out.name = "img" + hex.EncodeToString(sum[:8])
	return out, nil
}

// encodePNG writes img as a non-interlaced 8-bit PNG.
func encodePNG(img image.Image) ([]byte, error) {
	var m image.Image
	switch img.(type) {
	case *image.Gray, *image.NRGBA, *image.RGBA, *image.Paletted:
		m = img
	default:
		n := image.NewNRGBA(img.Bounds())
		draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
		m = n
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, m); err != nil {
		return nil, fmt.Errorf("re-encode image: %w", err)
	}
	return buf.Bytes(), nil
}

// imageBlock lays out an image on its own line, or its alt text when the
// image cannot be used.
func (l *layouter) imageBlock(im *tree.Image, x, w float64) {
	line := im.Line
	if line == 0 {
		line = l.line
	}
	img, err := l.loadImage(im)
	if err != nil {
		// A missing file was reported when the pipeline read the images.
		if !errors.Is(err, fs.ErrNotExist) {
			l.warn(line, "image", "%v; showing the alt text", err)
		}
		alt := im.Alt
		if alt == "" {
			alt = im.URL
		}
		st := l.bodyStyle()
		st.italic = true
		st.color = colMuted
		_, done := l.push("P")
		l.inlineBoxes([]tree.Inline{&tree.Text{Text: "[" + alt + "]"}}, x, w, st, "", false)
		done()
		return
	}
	// 96 dpi, as browsers show images, scaled down to the frame.
	iw, ih := float64(img.w)*0.75, float64(img.h)*0.75
	if iw > w {
		ih, iw = ih*w/iw, w
	}
	maxH := (l.pageH - l.top - l.bott) * 0.8
	if ih > maxH {
		iw, ih = iw*maxH/ih, maxH
	}
	// An image with alt text is a Figure; one without is decorative, as
	// alt="" is in HTML (the missing alt text is reported when the document
	// is resolved).
	alt := strings.TrimSpace(im.Alt)
	if alt == "" {
		l.add(&box{h: ih + 4, ops: []op{{kind: opImage, x: x, y: 2, w: iw, h: ih, opExtra: &opExtra{img: img}, se: artifactTag}}})
		return
	}
	fig, done := l.push("Figure")
	if fig != nil {
		fig.name = alt
		fig.setAttrs("/O /Layout /Placement /Block")
	}
	l.add(&box{h: ih + 4, ops: []op{{kind: opImage, x: x, y: 2, w: iw, h: ih, opExtra: &opExtra{img: img}}}})
	done()
}
