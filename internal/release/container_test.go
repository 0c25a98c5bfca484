package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestContainerImage builds the Dockerfile with podman and exports a
// document kept in git from inside the container, checking that git dates
// work there and that galley runs as its own user. It takes minutes and
// needs the base images, so it runs only when asked:
//
//	GALLEY_CONTAINER_TEST=1 go test -run TestContainerImage ./internal/release
//
// GALLEY_GO_IMAGE and GALLEY_BASE_IMAGE replace the Dockerfile's base images
// (for a mirror, or images made locally where no registry is reachable);
// GALLEY_PODMAN_FLAGS adds global podman flags (such as --runtime runc).
func TestContainerImage(t *testing.T) {
	if os.Getenv("GALLEY_CONTAINER_TEST") == "" {
		t.Skip("set GALLEY_CONTAINER_TEST=1 to build and run the container image with podman")
	}
	if _, err := exec.LookPath("podman"); err != nil {
		t.Skip("podman is not installed")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	global := strings.Fields(os.Getenv("GALLEY_PODMAN_FLAGS"))
	// Lowered limits: some sandboxes refuse the container the host's.
	limits := []string{"--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096"}
	podman := func(args ...string) (string, error) {
		cmd := exec.Command("podman", append(append([]string{}, global...), args...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	const image = "localhost/galley-test:latest"
	build := append([]string{"build", "--network", "host", "-t", image}, limits...)
	if v := os.Getenv("GALLEY_GO_IMAGE"); v != "" {
		build = append(build, "--build-arg", "GO_IMAGE="+v)
	}
	if v := os.Getenv("GALLEY_BASE_IMAGE"); v != "" {
		build = append(build, "--build-arg", "BASE_IMAGE="+v)
	}
	abs, _ := filepath.Abs(root)
	if out, err := podman(append(build, abs)...); err != nil {
		t.Fatalf("podman build: %v\n%s", err, out)
	}

	// A site in git: the notice's date macro takes the commit's author date.
	site := t.TempDir()
	os.Chmod(site, 0o777) // the container's user writes out/ here
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2025-12-16T10:00:00Z", "GIT_COMMITTER_DATE=2025-12-17T10:00:00Z",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	os.WriteFile(filepath.Join(site, "privacy.md"), []byte("# Privacy notice\n\nLast updated **{{git_revision_date_localized}}**\n"), 0o644)
	git("init", "-q")
	git("add", "privacy.md")
	git("commit", "-q", "-m", "notice")

	run := append([]string{"run", "--rm", "-v", site + ":/work"}, limits...)
	out, err := podman(append(run, image, "export", "-q", "-f", "txt,pdf", "-l", "en,de", "privacy.md")...)
	if err != nil {
		t.Fatalf("podman run galley export: %v\n%s", err, out)
	}
	txt, err := os.ReadFile(filepath.Join(site, "out", "de", "privacy.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "16. Dezember 2025") {
		t.Errorf("the date did not come from git inside the container:\n%s", txt)
	}
	if _, err := os.Stat(filepath.Join(site, "out", "en", "privacy.pdf")); err != nil {
		t.Error(err)
	}
	out, err = podman(append(run, "--entrypoint", "id", image, "-u")...)
	if err != nil || strings.TrimSpace(out) != "10001" {
		t.Errorf("the image runs as %q (%v), want user 10001", out, err)
	}
	out, err = podman(append(run, image, "version")...)
	if err != nil || !strings.HasPrefix(out, "galley ") {
		t.Errorf("galley version in the image: %v %s", err, out)
	}
}
