// Command release builds galley's release archives: one per platform
// (linux, darwin and windows on amd64 and arm64), each holding the galley
// binary, its license and third-party notices, the README, the manual
// pages and the shell completion scripts, plus SHA256SUMS over the archives.
//
// Usage, from the repository root (or `go tool task release`):
//
//	go run ./internal/release [-o dist] [-targets linux/amd64,...] [-version V]
//
// The archives are reproducible: the same source, Go release and
// SOURCE_DATE_EPOCH give byte-identical files. Binaries are built with
// CGO_ENABLED=0, -trimpath, -buildvcs=false and an empty build id; archive
// entries are sorted, owned by root, stamped SOURCE_DATE_EPOCH (default: the
// time of the HEAD commit) and compressed without a name or time in the
// header. internal/release's test builds one target twice, from two
// checkouts at different paths, and compares the bytes.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/galleydoc/galley/pipeline"
)

// Targets are the platforms galley is released for.
var Targets = []string{
	"darwin/amd64", "darwin/arm64",
	"linux/amd64", "linux/arm64",
	"windows/amd64", "windows/arm64",
}

func main() {
	log.SetFlags(0)
	out := flag.String("o", "dist", "output folder (emptied of earlier archives)")
	targets := flag.String("targets", strings.Join(Targets, ","), "comma list of GOOS/GOARCH")
	version := flag.String("version", pipeline.Version, "version in the archive names")
	flag.Parse()
	epoch, err := sourceDateEpoch(".")
	if err != nil {
		log.Fatal(err)
	}
	cfg := config{src: ".", out: *out, version: *version, epoch: epoch, targets: strings.Split(*targets, ",")}
	files, err := build(cfg)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		fmt.Println(f)
	}
}

type config struct {
	src     string    // module root
	out     string    // output folder
	version string    // in archive names
	epoch   time.Time // archive mtimes, man page dates
	targets []string  // GOOS/GOARCH
}

// sourceDateEpoch is SOURCE_DATE_EPOCH, else the committer time of HEAD.
func sourceDateEpoch(src string) (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		cmd := exec.Command("git", "log", "-1", "--format=%ct")
		cmd.Dir = src
		out, err := cmd.Output()
		if err != nil {
			return time.Time{}, fmt.Errorf("release: SOURCE_DATE_EPOCH is not set and git cannot give HEAD's time: %v", err)
		}
		s = strings.TrimSpace(string(out))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("release: SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// A file is one archive entry.
type file struct {
	name string // slash path inside the archive's top folder
	mode int64
	data []byte
}

// build writes the archives and SHA256SUMS into cfg.out and returns their
// paths.
func build(cfg config) ([]string, error) {
	tmp, err := os.MkdirTemp("", "galley-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// Files every archive shares: docs, notices, and what a host build of
	// the same source writes (manual pages, completion scripts).
	common, err := commonFiles(cfg, tmp)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return nil, err
	}
	// Archives of an earlier run (another version) would not match
	// SHA256SUMS: remove them.
	old, _ := filepath.Glob(filepath.Join(cfg.out, "galley_*"))
	for _, f := range append(old, filepath.Join(cfg.out, "SHA256SUMS")) {
		if strings.HasSuffix(f, ".tar.gz") || strings.HasSuffix(f, ".zip") || filepath.Base(f) == "SHA256SUMS" {
			os.Remove(f)
		}
	}
	var archives []string
	for _, t := range cfg.targets {
		goos, goarch, ok := strings.Cut(t, "/")
		if !ok {
			return nil, fmt.Errorf("release: target %q: want GOOS/GOARCH", t)
		}
		exe := "galley"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(tmp, goos+"-"+goarch, exe)
		if err := goBuild(cfg.src, goos, goarch, bin); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		files := append([]file{{name: exe, mode: 0o755, data: data}}, common...)
		base := fmt.Sprintf("galley_%s_%s_%s", cfg.version, goos, goarch)
		var archive []byte
		if goos == "windows" {
			archive, err = zipArchive(base, files, cfg.epoch)
			base += ".zip"
		} else {
			archive, err = tarGz(base, files, cfg.epoch)
			base += ".tar.gz"
		}
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(cfg.out, base), archive, 0o644); err != nil {
			return nil, err
		}
		archives = append(archives, base)
	}
	sort.Strings(archives)
	var sums strings.Builder
	var paths []string
	for _, a := range archives {
		data, err := os.ReadFile(filepath.Join(cfg.out, a))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), a)
		paths = append(paths, filepath.Join(cfg.out, a))
	}
	sumsPath := filepath.Join(cfg.out, "SHA256SUMS")
	if err := os.WriteFile(sumsPath, []byte(sums.String()), 0o644); err != nil {
		return nil, err
	}
	return append(paths, sumsPath), nil
}

// goBuild cross-compiles cmd/galley reproducibly.
func goBuild(src, goos, goarch, out string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", out, "./cmd/galley")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("release: go build for %s/%s: %v\n%s", goos, goarch, err, msg)
	}
	return nil
}

// commonFiles are the files besides the binary: LICENSE, NOTICE, the
// third-party notices, README.md, man/man1/*.1 and completions/*.
func commonFiles(cfg config, tmp string) ([]file, error) {
	var files []file
	for _, f := range [][2]string{
		{"LICENSE", "LICENSE"},
		{"NOTICE", "NOTICE"},
		{"internal/notices/NOTICES.txt", "THIRD_PARTY_NOTICES.txt"},
		{"README.md", "README.md"},
	} {
		data, err := os.ReadFile(filepath.Join(cfg.src, f[0]))
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: f[1], mode: 0o644, data: data})
	}
	host := filepath.Join(tmp, "host", "galley")
	if runtime.GOOS == "windows" {
		host += ".exe"
	}
	if err := goBuild(cfg.src, runtime.GOOS, runtime.GOARCH, host); err != nil {
		return nil, err
	}
	env := append(os.Environ(), "SOURCE_DATE_EPOCH="+strconv.FormatInt(cfg.epoch.Unix(), 10))
	man := filepath.Join(tmp, "man1")
	cmd := exec.Command(host, "man", man)
	cmd.Env = env
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("release: galley man: %v\n%s", err, msg)
	}
	pages, err := os.ReadDir(man)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join(man, p.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: "man/man1/" + p.Name(), mode: 0o644, data: data})
	}
	for shell, name := range map[string]string{"bash": "galley.bash", "zsh": "_galley", "fish": "galley.fish", "powershell": "galley.ps1"} {
		cmd := exec.Command(host, "completion", shell)
		cmd.Env = env
		data, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("release: galley completion %s: %v", shell, err)
		}
		files = append(files, file{name: "completions/" + name, mode: 0o644, data: data})
	}
	return files, nil
}

// dirsOf returns the folders of the files' paths, parents first.
func dirsOf(files []file) []string {
	seen := map[string]bool{}
	var dirs []string
	for _, f := range files {
		for d := pathDir(f.name); d != ""; d = pathDir(d) {
			if !seen[d] {
				seen[d] = true
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

func pathDir(p string) string {
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// entries returns the archive's entries sorted by path, folders included
// (with a trailing slash), under the top folder base.
func entries(base string, files []file) []file {
	all := []file{{name: base + "/", mode: 0o755}}
	for _, d := range dirsOf(files) {
		all = append(all, file{name: base + "/" + d + "/", mode: 0o755})
	}
	for _, f := range files {
		f.name = base + "/" + f.name
		all = append(all, f)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	return all
}

func tarGz(base string, files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range entries(base, files) {
		h := &tar.Header{Name: f.name, Mode: f.mode, ModTime: mtime, Format: tar.FormatPAX,
			Typeflag: tar.TypeReg, Size: int64(len(f.data))}
		if strings.HasSuffix(f.name, "/") {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func zipArchive(base string, files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.DefaultCompression)
	})
	for _, f := range entries(base, files) {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mtime}
		mode := os.FileMode(f.mode)
		if strings.HasSuffix(f.name, "/") {
			h.Method = zip.Store
			mode |= os.ModeDir
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
