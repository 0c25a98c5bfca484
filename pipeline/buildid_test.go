package pipeline

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

func TestGoBuildIDMatchesGoTool(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checked on linux")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	got := goBuildID(exe)
	if got == "" || !strings.Contains(got, "/") {
		t.Fatalf("goBuildID(test binary) = %q, want an action/content id", got)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got != want {
		t.Errorf("goBuildID = %q, go tool buildid says %q", got, want)
	}
	if h := buildHash(); h != "go-build-id:"+got {
		t.Errorf("buildHash() = %q, want the build id", h)
	}
}

func TestBuildIDParsers(t *testing.T) {
	head := []byte("\x00\x01junk\xff Go build ID: \"abc/def\"\n \xff more")
	if got := markerBuildID(head); got != "abc/def" {
		t.Errorf("markerBuildID = %q", got)
	}
	if got := markerBuildID([]byte("no marker here")); got != "" {
		t.Errorf("markerBuildID without marker = %q", got)
	}
	note := []byte{4, 0, 0, 0, 7, 0, 0, 0, 4, 0, 0, 0, 'G', 'o', 0, 0, 'a', 'b', 'c', '/', 'd', 'e', 'f', 0}
	if got := elfNoteBuildID(note); got != "abc/def" {
		t.Errorf("elfNoteBuildID = %q", got)
	}
	for _, bad := range [][]byte{nil, note[:10], append([]byte{4, 0, 0, 0, 99, 0, 0, 0}, note[8:]...)} {
		if got := elfNoteBuildID(bad); got != "" {
			t.Errorf("elfNoteBuildID(%q) = %q, want none", bad, got)
		}
	}
}
