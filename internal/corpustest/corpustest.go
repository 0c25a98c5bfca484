// Package corpustest finds, for tests, the shared corpus of real documents
// that no one in this project wrote (the PyPI/PSF policies, warehouse's
// docs, GitHub's site policies, Mozilla's notices, the CommonMark and GFM
// spec examples). It sits beside the checkout, at ../shared/corpus; the
// GALLEY_CORPUS environment variable names another place. Where it is
// absent, tests that need it skip with a message, so a clone elsewhere
// still passes on the project's own fixtures.
package corpustest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Dir returns the corpus folder, or skips t when it is absent.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("GALLEY_CORPUS")
	if dir == "" {
		dir = filepath.Join(checkout(), "..", "shared", "corpus")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("shared corpus not found at %s (set GALLEY_CORPUS to use another); skipping", dir)
	}
	return dir
}

// checkout returns the folder of the go.mod above the working directory
// (a test runs in its package's folder).
func checkout() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}

// Path returns the corpus file at rel (a slash path), or skips t when the
// corpus is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(Dir(t), filepath.FromSlash(rel))
}

// Markdown returns the Markdown files of the corpus documents, sorted: all
// of them, or those under the given folders (slash paths relative to the
// corpus). The corpus's own README, SOURCES and FEATURES files are not
// documents and are left out.
func Markdown(t testing.TB, under ...string) []string {
	t.Helper()
	dir := Dir(t)
	if len(under) == 0 {
		under = []string{"."}
	}
	var files []string
	for _, u := range under {
		root := filepath.Join(dir, filepath.FromSlash(u))
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".md") && filepath.Dir(p) != dir {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	return files
}

// Rel returns the slash path of a corpus file relative to the corpus.
func Rel(t testing.TB, path string) string {
	t.Helper()
	rel, err := filepath.Rel(Dir(t), path)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}
