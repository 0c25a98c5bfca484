package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCleanRefusesEscapes(t *testing.T) {
	for _, bad := range []string{"", "/etc/passwd", "../x.html", "en/../../x.html", "..", ".", "a\x00b", `C:\x`, "en/../.."} {
		if _, err := Clean(bad); !errors.Is(err, ErrEscapes) {
			t.Errorf("Clean(%q) = %v, want ErrEscapes", bad, err)
		}
	}
	for in, want := range map[string]string{"en/a.html": "en/a.html", "en/./b/../a.pdf": "en/a.pdf", `en\x.txt`: `en\x.txt`} {
		if got, err := Clean(in); err != nil || got != want {
			t.Errorf("Clean(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestWriteRefusesSymlinkOutOfRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "en")); err != nil {
		t.Skip("no symlinks here")
	}
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Write("en/x.html", func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if !errors.Is(err, ErrEscapes) {
		t.Fatalf("write through a symlink out of the root: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote outside the root: %v", entries)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	os.MkdirAll(filepath.Join(root, "en"), 0o755)
	os.WriteFile(filepath.Join(root, "en", "a.txt"), []byte("old\n"), 0o644)
	_, err := d.Write("en/a.txt", func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("exporter failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	data, _ := os.ReadFile(filepath.Join(root, "en", "a.txt"))
	if string(data) != "old\n" {
		t.Errorf("the old file was replaced by a partial one: %q", data)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "en"))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	root := t.TempDir()
	d, _ := Open(root)
	w, err := d.Write("en/a.txt", func(w io.Writer) error { _, err := io.WriteString(w, "text\n"); return err })
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: w.Path, Bytes: w.Bytes, SHA256: w.SHA256}, {Path: "en/gone.txt", SHA256: "00"}}}
	if err := d.WriteManifest(m); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "en", "a.txt"), []byte("texT\n"), 0o644)
	bad, _, err := Verify(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 2 || !strings.HasPrefix(bad[0].Problem, "changed") || bad[1].Problem != "missing" {
		t.Errorf("verify: %+v", bad)
	}
}

func TestMergeRejectsDisagreeingShards(t *testing.T) {
	a := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: "en/a.txt", SHA256: "1"}}}
	b := &Manifest{Schema: ManifestSchema, Outputs: []Entry{{Path: "en/a.txt", SHA256: "2"}}}
	if _, err := Merge([]*Manifest{a, b}); err == nil {
		t.Error("merge accepted two different files under one path")
	}
}
