package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"

	"github.com/galleydoc/galley/pipeline/tree"
)

// localImages returns the files on disk that the document's local images
// name (relative paths, read from dir), sorted and without repeats.
func localImages(doc *tree.Document, dir string) []string {
	if dir == "" {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if img, ok := in.(*tree.Image); ok {
			if rel, ok := img.LocalPath(); ok {
				if p := filepath.Join(dir, filepath.FromSlash(rel)); !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
		return in
	})
	sort.Strings(out)
	return out
}

// assetsHash hashes the local images of a document (their paths and
// contents), so that an export embedding them is made again when one
// changes though the document did not. A missing file counts as missing.
func assetsHash(doc *tree.Document, dir string) string {
	files := localImages(doc, dir)
	if len(files) == 0 {
		return ""
	}
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f))
		h.Write([]byte{0})
		if b, err := os.ReadFile(f); err == nil {
			sum := sha256.Sum256(b)
			h.Write(sum[:])
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
