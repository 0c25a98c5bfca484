package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/galleydoc/galley/pipeline/tree"
)

// localImages returns the local images of the document: the paths as
// written (relative to dir, slash-separated, cleaned), sorted and without
// repeats.
func localImages(doc *tree.Document) []string {
	seen := map[string]bool{}
	var out []string
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		if img, ok := in.(*tree.Image); ok {
			if rel, ok := img.LocalPath(); ok {
				if rel = path.Clean(rel); !seen[rel] {
					seen[rel] = true
					out = append(out, rel)
				}
			}
		}
		return in
	})
	sort.Strings(out)
	return out
}

// assetsHash hashes the local images of a document read from dir (their
// paths relative to the document and their contents, so that the hash and
// the manifest do not depend on where the checkout is), so that an export
// embedding them is made again when one changes though the document did
// not. A missing file counts as missing.
func assetsHash(doc *tree.Document, dir string) string {
	if dir == "" {
		return ""
	}
	files := localImages(doc)
	if len(files) == 0 {
		return ""
	}
	h := sha256.New()
	for _, rel := range files {
		h.Write([]byte(rel))
		h.Write([]byte{0})
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
			sum := sha256.Sum256(b)
			h.Write(sum[:])
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
