package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/galleydoc/galley/internal/sniff"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// mediaStore reads each local file a run embeds once: documents sharing a
// logo share its bytes. It is safe for concurrent use.
type mediaStore struct {
	mu    sync.Mutex
	files map[string]*mediaRead
}

// mediaRead is one file read, or why it could not be.
type mediaRead struct {
	once sync.Once
	file *tree.MediaFile
	err  error
}

// read returns the file at p (a path under the input root, tree.MediaPath)
// of fsys, whose identity is root.
func (s *mediaStore) read(fsys fs.FS, root, p string, limit int64) (*tree.MediaFile, error) {
	key := root + "\x00" + p
	s.mu.Lock()
	if s.files == nil {
		s.files = map[string]*mediaRead{}
	}
	r, ok := s.files[key]
	if !ok {
		r = &mediaRead{}
		s.files[key] = r
	}
	s.mu.Unlock()
	r.once.Do(func() {
		fi, err := fs.Stat(fsys, p)
		switch {
		case err != nil:
			r.err = err
		case !fi.Mode().IsRegular():
			r.err = fmt.Errorf("%s is not a regular file", p)
		case fi.Size() > limit:
			r.err = fmt.Errorf("the file is %d bytes, over the %d-byte limit", fi.Size(), limit)
		default:
			var data []byte
			if data, r.err = fs.ReadFile(fsys, p); r.err == nil {
				r.file = &tree.MediaFile{Path: p, Data: data, Type: sniff.DetectContentType(data)}
			}
		}
	})
	return r.file, r.err
}

// mediaFS returns the file system a document's local files are read from,
// rooted at its input root, its identity, the document's path in it, and
// what to call when done with it. On disk it is an os.Root: a symbolic link
// under the input root that leads out of it (logo.png -> ../secret.png, or
// a linked folder) is not followed, so that an image outside the input root
// is never read, however it is named.
func mediaFS(in Input) (fsys fs.FS, root, docPath string, done func(), ok bool) {
	if in.FS != nil {
		return in.FS, fmt.Sprintf("embedded:%p", in.FS), in.FSPath, func() {}, true
	}
	if in.Root == "" || in.Dir == "" {
		return nil, "", "", nil, false
	}
	dir, err := filepath.Rel(in.Root, in.Dir)
	if err != nil {
		return nil, "", "", nil, false
	}
	r, err := os.OpenRoot(in.Root)
	if err != nil {
		return nil, "", "", nil, false
	}
	return r.FS(), in.Root, path.Join(filepath.ToSlash(dir), path.Base(filepath.ToSlash(in.Rel))), func() { r.Close() }, true
}

// leadsOutside reports whether the file at p (a slash path under root)
// resolves, through symbolic links, to a place outside root, and where.
func leadsOutside(root, p string) (string, bool) {
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		return "", false
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return real, real != root && !strings.HasPrefix(real, root+string(filepath.Separator))
}

// loadMedia reads the local images of doc once per run by the media rule
// (tree.Image.MediaPath), warns about the missing ones with their line, and
// returns them with the hash of their paths and contents, so that an export
// embedding them is made again when one changes though the document did
// not. The hash names paths relative to the input root, so it does not
// depend on where the checkout is.
func (e *Engine) loadMedia(in Input, doc *tree.Document, sink *diag.Sink) (*tree.Media, string) {
	fsys, root, docPath, done, ok := mediaFS(in)
	if !ok {
		return nil, ""
	}
	defer done()
	media := &tree.Media{}
	sums := map[string]string{}
	tree.MapInlines(doc, func(x tree.Inline) tree.Inline {
		img, isImg := x.(*tree.Image)
		if !isImg {
			return x
		}
		p, local, inside := img.MediaPath(docPath)
		switch {
		case !local:
			return x
		case !inside:
			sink.Warnf(in.Display, img.Line, "missing-image", "image %s is outside the input root %s and is not embedded; export the folder that holds both the document and the image", img.URL, rootName(in))
			return x
		}
		f, err := e.media.read(fsys, root, p, e.opts.MaxBytes)
		if err != nil {
			sums[p] = "missing"
			if real, out := leadsOutside(root, p); out && in.FS == nil {
				sink.Warnf(in.Display, img.Line, "missing-image", "image %s leads outside the input root %s (a symbolic link to %s) and is not read; the exports show its alt text: copy the image into the input root, or export the folder that holds both", img.URL, rootName(in), real)
			} else if errors.Is(err, fs.ErrNotExist) {
				sink.Warnf(in.Display, img.Line, "missing-image", "image %s: no such file next to this document; the exports show its alt text", img.URL)
			} else {
				sink.Warnf(in.Display, img.Line, "missing-image", "image %s: %v; the exports show its alt text", img.URL, diag.PathCause(err))
			}
			return x
		}
		media.Add(img.URL, f)
		sum := sha256.Sum256(f.Data)
		sums[p] = hex.EncodeToString(sum[:])
		return x
	})
	if len(sums) == 0 {
		return media, ""
	}
	paths := make([]string, 0, len(sums))
	for p := range sums {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		fmt.Fprintf(h, "%s\x00%s\x00", p, sums[p])
	}
	return media, hex.EncodeToString(h.Sum(nil))
}

func rootName(in Input) string {
	if in.Root == "" {
		return "of the built-in documents"
	}
	return in.Root
}
