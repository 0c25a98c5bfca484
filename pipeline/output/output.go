// Package output is the pipeline's last stage: it writes exported files
// atomically under an output root (a temporary file renamed into place, so an
// interrupted run never leaves a partial file under its final name), refuses
// paths that would escape the root, and keeps the manifest of what was
// written, which it writes last.
package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/galleydoc/galley/pipeline/diag"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// ErrEscapes is returned for an output path that would leave the root.
var ErrEscapes = errors.New("output path escapes the output directory")

// Dir is an output root.
type Dir struct {
	root string
	// ready holds the folders that writes have created and checked (see
	// prepareDir), so that a batch's thousands of outputs in a few
	// folders cost one MkdirAll and one symlink check per folder, not per
	// file.
	ready sync.Map
}

// Open prepares root for writing, creating it if needed. A run that writes
// into it takes its lock (LockDir) and then removes what killed runs left
// (RemoveTemp).
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output directory %s: %w; choose another with --out", root, diag.PathCause(err))
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", root, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return &Dir{root: abs}, nil
}

// RemoveTemp deletes temporary files an interrupted run left behind
// (".name.tmp-*"); they never had a final name, so nothing refers to them.
// Call it only while holding the root's lock: the temporary files of a run
// in progress look the same.
func (d *Dir) RemoveTemp() {
	filepath.WalkDir(d.root, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && isTemp(e.Name()) {
			os.Remove(p)
		}
		return nil
	})
}

func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// Root returns the absolute output root.
func (d *Dir) Root() string { return d.root }

// Clean checks that rel (slash-separated) names a file inside the root and
// returns it cleaned. Absolute paths, ".." components and empty names are
// refused.
func Clean(rel string) (string, error) {
	rel = filepath.ToSlash(rel)
	if rel == "" || strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || strings.Contains(rel, "\x00") || (len(rel) > 1 && rel[1] == ':') {
		return "", fmt.Errorf("%w: %q", ErrEscapes, rel)
	}
	c := path.Clean(rel)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%w: %q", ErrEscapes, rel)
	}
	return c, nil
}

// Written describes one file written.
type Written struct {
	Path   string // slash-separated, relative to the root
	Bytes  int64
	SHA256 string // Sum in hex
	Sum    [sha256.Size]byte
}

// Write writes the output of fill to rel under the root atomically: fill
// writes into a temporary file beside the target, which is renamed into
// place only when fill succeeds. The file's size and SHA-256 are returned.
func (d *Dir) Write(rel string, fill func(io.Writer) error) (Written, error) {
	return d.write(rel, func(f *os.File) (int64, [sha256.Size]byte, error) {
		h := sha256.New()
		cw := &countWriter{w: io.MultiWriter(f, h)}
		err := fill(cw)
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		return cw.n, sum, err
	})
}

// WriteBytes writes data to rel under the root atomically, as Write.
func (d *Dir) WriteBytes(rel string, data []byte) (Written, error) {
	return d.write(rel, func(f *os.File) (int64, [sha256.Size]byte, error) {
		n, err := f.Write(data)
		return int64(n), sha256.Sum256(data), err
	})
}

// write makes the temporary file that fill writes, and moves it to rel
// when fill and closing it succeed.
func (d *Dir) write(rel string, fill func(*os.File) (int64, [sha256.Size]byte, error)) (Written, error) {
	clean, err := Clean(rel)
	if err != nil {
		return Written{}, err
	}
	target := filepath.Join(d.root, filepath.FromSlash(clean))
	dir := filepath.Dir(target)
	if err := d.prepareDir(dir); err != nil {
		return Written{}, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		// The folder was removed since it was made: make it again.
		d.ready.Delete(dir)
		if err = d.prepareDir(dir); err == nil {
			tmp, err = os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
		}
	}
	if err != nil {
		return Written{}, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	n, sum, ferr := fill(tmp)
	if ferr == nil {
		// The temporary file is made readable by owner only; outputs are
		// for everyone to read, whatever the umask.
		ferr = tmp.Chmod(0o644)
	}
	cerr := tmp.Close()
	if ferr == nil {
		ferr = cerr
	}
	if ferr != nil {
		os.Remove(tmp.Name())
		return Written{}, ferr
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		return Written{}, fmt.Errorf("cannot move %s into place: %w", target, err)
	}
	return Written{Path: clean, Bytes: n, SHA256: hex.EncodeToString(sum[:]), Sum: sum}, nil
}

// prepareDir creates dir, a folder under the root, and checks that it does
// not lead out of the root through a symlink, once per Dir.
func (d *Dir) prepareDir(dir string) error {
	if _, ok := d.ready.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	if err := d.checkInside(dir); err != nil {
		return err
	}
	d.ready.Store(dir, true)
	return nil
}

// checkInside refuses a directory that resolves (through symlinks) outside
// the root.
func (d *Dir) checkInside(dir string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if real != d.root && !strings.HasPrefix(real, d.root+string(filepath.Separator)) {
		return fmt.Errorf("%w: %s leads to %s", ErrEscapes, dir, real)
	}
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// HashFile returns the hex SHA-256 and size of a file.
func HashFile(name string) (string, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
