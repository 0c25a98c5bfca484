package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// root is the module root, relative to this package.
const root = "../.."

// copyModule copies the files git tracks into a new folder, as a user's
// clone or a module download would have them.
func copyModule(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout?)", err)
	}
	dst := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// heavy skips the tests that build galley several times (minutes of CPU)
// unless CI is set (as .ci/run's environment does) or GALLEY_RELEASE_TESTS=1,
// so that every engineer's full test run on a shared machine does not pay
// for them.
func heavy(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds galley: skipped with -short")
	}
	if os.Getenv("CI") == "" && os.Getenv("GALLEY_RELEASE_TESTS") == "" {
		t.Skip("builds galley several times: runs in CI, or with GALLEY_RELEASE_TESTS=1")
	}
}

// TestReproducibleArchive builds the archive of one platform twice, from
// two copies of the source at different paths, and compares the bytes;
// then checks what the archive holds and, where the host can, runs it.
func TestReproducibleArchive(t *testing.T) {
	heavy(t)
	target := "linux/amd64"
	epoch := time.Unix(1765843200, 0).UTC()
	a, b := t.TempDir(), t.TempDir()
	if _, err := build(config{src: root, out: a, version: "test", epoch: epoch, targets: []string{target}}); err != nil {
		t.Fatal(err)
	}
	if _, err := build(config{src: copyModule(t), out: b, version: "test", epoch: epoch, targets: []string{target}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"galley_test_linux_amd64.tar.gz", "SHA256SUMS"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds of the same source", name)
		}
	}
	sums, _ := os.ReadFile(filepath.Join(a, "SHA256SUMS"))
	if !strings.HasSuffix(string(sums), "  galley_test_linux_amd64.tar.gz\n") || len(sums) != 64+2+len("galley_test_linux_amd64.tar.gz")+1 {
		t.Errorf("SHA256SUMS:\n%s", sums)
	}

	// The archive's entries, in order, with their owners and times.
	f, err := os.Open(filepath.Join(a, "galley_test_linux_amd64.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header has a time %v or name %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	var names []string
	var bin []byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(epoch) || h.Uid != 0 || h.Gid != 0 || h.Uname != "" {
			t.Errorf("%s: time %v, owner %d/%d %q", h.Name, h.ModTime, h.Uid, h.Gid, h.Uname)
		}
		if h.Name == "galley_test_linux_amd64/galley" {
			if h.Mode != 0o755 {
				t.Errorf("galley binary mode %o", h.Mode)
			}
			bin, _ = io.ReadAll(tr)
		}
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("entries not sorted: %s before %s", names[i-1], names[i])
		}
	}
	for _, want := range []string{"LICENSE", "NOTICE", "THIRD_PARTY_NOTICES.txt", "README.md", "galley",
		"man/man1/galley.1", "man/man1/galley-export.1", "completions/galley.bash", "completions/_galley",
		"completions/galley.fish", "completions/galley.ps1"} {
		if !contains(names, "galley_test_linux_amd64/"+want) {
			t.Errorf("archive lacks %s; has %v", want, names)
		}
	}
	if runtime.GOOS+"/"+runtime.GOARCH == target {
		exe := filepath.Join(t.TempDir(), "galley")
		os.WriteFile(exe, bin, 0o755)
		out, err := exec.Command(exe, "version", "--json").Output()
		var v map[string]string
		if err != nil || json.Unmarshal(out, &v) != nil || v["galley"] == "" {
			t.Errorf("the archived galley does not run: %v %s", err, out)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestZipArchiveIsDeterministic(t *testing.T) {
	epoch := time.Unix(1765843200, 0).UTC()
	files := []file{{name: "galley.exe", mode: 0o755, data: []byte("MZ")}, {name: "man/man1/galley.1", mode: 0o644, data: []byte(".TH")}}
	x, err := zipArchive("galley_test_windows_amd64", files, epoch)
	if err != nil {
		t.Fatal(err)
	}
	y, _ := zipArchive("galley_test_windows_amd64", []file{files[1], files[0]}, epoch)
	if !bytes.Equal(x, y) {
		t.Error("zip depends on the order files are given")
	}
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
	}
	want := "galley_test_windows_amd64/ galley_test_windows_amd64/galley.exe galley_test_windows_amd64/man/ galley_test_windows_amd64/man/man1/ galley_test_windows_amd64/man/man1/galley.1"
	if strings.Join(names, " ") != want {
		t.Errorf("zip entries %v", names)
	}
}

// TestModuleHasNoReplace checks what `go install
// github.com/galleydoc/galley/cmd/galley@latest` requires of go.mod: no
// replace or exclude directives (go install of a version refuses them, and
// ignores replaces in any case).
func TestModuleHasNoReplace(t *testing.T) {
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var mod struct {
		Module  struct{ Path string }
		Replace []any
		Exclude []any
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	if mod.Module.Path != "github.com/galleydoc/galley" {
		t.Errorf("module path %q", mod.Module.Path)
	}
	if len(mod.Replace) > 0 || len(mod.Exclude) > 0 {
		t.Errorf("go.mod has replace %v or exclude %v directives: go install github.com/galleydoc/galley/cmd/galley@latest would fail", mod.Replace, mod.Exclude)
	}
}

// TestGoInstallFromProxy publishes the tracked files as a module version
// on a file-system module proxy and runs `go install
// github.com/galleydoc/galley/cmd/galley@VERSION` from outside any module,
// as a user does, with dependencies served from the local module cache.
func TestGoInstallFromProxy(t *testing.T) {
	heavy(t)
	const version = "v0.0.0-20251216000000-000000000000"
	src := copyModule(t)
	proxy := t.TempDir()
	dir := filepath.Join(proxy, "github.com", "galleydoc", "galley", "@v")
	os.MkdirAll(dir, 0o755)
	gomod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, version+".mod"), gomod, 0o644)
	os.WriteFile(filepath.Join(dir, version+".info"), []byte(`{"Version":"`+version+`","Time":"2025-12-16T00:00:00Z"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "list"), []byte(version+"\n"), 0o644)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		w, err := zw.Create("github.com/galleydoc/galley@" + version + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, version+".zip"), zbuf.Bytes(), 0o644)

	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(strings.TrimSpace(string(out)), "cache", "download")
	gobin := t.TempDir()
	cmd := exec.Command("go", "install", "-trimpath", "github.com/galleydoc/galley/cmd/galley@"+version)
	cmd.Dir = t.TempDir() // outside any module
	cmd.Env = append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(cache),
		"GOMODCACHE="+t.TempDir(), "GOFLAGS=-modcacherw", "GOSUMDB=off", "GOBIN="+gobin,
		"GOTOOLCHAIN=local", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, msg)
	}
	v, err := exec.Command(filepath.Join(gobin, "galley"), "version").Output()
	if err != nil || !strings.HasPrefix(string(v), "galley ") {
		t.Errorf("installed galley: %v %s", err, v)
	}
	// The installed command is galley's, with the patched fpdf: a PDF export works.
	conv := exec.Command(filepath.Join(gobin, "galley"), "convert", "-t", "pdf", "--date", "2025-12-16")
	conv.Stdin = strings.NewReader("# Notice\n\nLast updated {{git_revision_date_localized}}\n")
	pdf, err := conv.Output()
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("installed galley cannot export a PDF: %v", err)
	}
}
