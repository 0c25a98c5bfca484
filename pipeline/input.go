package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/galleydoc/galley/pipeline/tree"
)

// Input is one source document.
type Input struct {
	// Display is the path shown in messages (as the user named it).
	Display string
	// Rel is the path relative to its input root, slash-separated; it
	// decides the output path.
	Rel string
	// Dir is the directory holding the file on disk ("" for embedded
	// documents); links and git history are checked there.
	Dir string
	// Abs is the absolute path on disk ("" for embedded documents).
	Abs string
	// Root is the absolute input root the document was found under (its
	// folder for a single file).
	Root string
	// ReadAs names the reader ("markdown", "html", "json"); "" picks it by
	// the file extension.
	ReadAs string
	// FS and FSPath read an embedded document.
	FS     fs.FS
	FSPath string
	// Revision is the revision date of a document read from a git
	// revision (galley diff REV:PATH): its commit's author date, used where
	// git dates would be.
	Revision *tree.DateInfo
	// Single marks the one document of a Convert: its git dates come from
	// its own history (gitdates.LoadFile), not from a pass over the whole
	// repository's, which a batch shares.
	Single bool
}

// ReadSource returns the input's bytes: at most limit bytes (0:
// DefaultMaxBytes) of a regular file (see ReadFile: a larger file, a pipe
// or a device is refused before it is read).
func (in Input) ReadSource(limit int64) ([]byte, error) {
	if in.FS != nil {
		return fs.ReadFile(in.FS, in.FSPath)
	}
	return ReadFile(in.Abs, limit, true)
}

// Format is the reader for the input, by extension: "markdown", "html" or
// "json".
func (in Input) Format() string {
	if in.ReadAs != "" {
		return in.ReadAs
	}
	return FormatOf(in.Rel)
}

// FormatOf returns the reader name for a file name.
func FormatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".json":
		return "json"
	}
	return "markdown"
}

// documentExt reports whether a file found while walking a directory is a
// document galley exports.
func documentExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// Discover expands paths (files and directories) into inputs. Directories
// are walked recursively for *.md, *.markdown and *.html files, skipping
// hidden entries, node_modules and galley's output folders (those with
// its manifest.json); a file's root is its folder. The result
// is sorted by display path. Missing or unreadable paths are errors.
func Discover(paths []string) ([]Input, error) { return DiscoverSkipping(paths, "") }

// DiscoverSkipping is Discover for an export into the folder outDir: a walk
// skips outDir where it meets it (`galley export .` with the default `out`
// inside the folder exported), as it skips every folder below the one
// walked that holds a galley manifest (an output folder of another -o), so
// that a run never reads the outputs of runs as documents. A folder to
// walk that is outDir itself is a usage error. "" skips only the folders
// with a manifest.
func DiscoverSkipping(paths []string, outDir string) ([]Input, error) {
	var skip os.FileInfo
	if outDir != "" {
		if fi, err := os.Stat(outDir); err == nil && fi.IsDir() {
			skip = fi
		}
	}
	isOut := func(fi os.FileInfo) bool { return skip != nil && fi != nil && os.SameFile(fi, skip) }
	var out []Input
	seen := map[string]bool{}
	add := func(in Input) {
		if !seen[in.Abs] {
			seen[in.Abs] = true
			out = append(out, in)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(Input{Display: p, Rel: filepath.Base(p), Dir: filepath.Dir(abs), Abs: abs, Root: filepath.Dir(abs)})
			continue
		}
		if isOut(info) {
			return nil, &UsageError{Err: fmt.Errorf("%s is the output folder (--out %s): galley would read its own outputs as documents; choose an output folder outside it, or a folder inside it (such as the default out), which galley skips", p, outDir)}
		}
		err = filepath.WalkDir(abs, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", fp, err)
			}
			name := d.Name()
			if fp != abs && d.IsDir() {
				if fi, err := d.Info(); err == nil && isOut(fi) || holdsManifest(fp) {
					return filepath.SkipDir // the outputs of earlier runs
				}
			}
			if fp != abs && (strings.HasPrefix(name, ".") || name == "node_modules") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !documentExt(name) {
				return nil
			}
			rel, _ := filepath.Rel(abs, fp)
			add(Input{Display: filepath.Join(p, rel), Rel: filepath.ToSlash(rel), Dir: filepath.Dir(fp), Abs: fp, Root: abs})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Display < out[j].Display })
	return out, nil
}

// holdsManifest reports whether dir is an output folder of galley: it holds
// a manifest.json of galley's (an export's outputs, into another -o).
func holdsManifest(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 256)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte(`"schema": "galley-manifest/`))
}

// DiscoverFS lists the documents under root in an embedded file system.
func DiscoverFS(fsys fs.FS, root string) ([]Input, error) {
	var out []Input
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !documentExt(p) {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		out = append(out, Input{Display: "(built-in) " + rel, Rel: rel, FS: fsys, FSPath: p})
		return nil
	})
	return out, err
}
