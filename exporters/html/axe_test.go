package html

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/corpustest"
)

// axeModules finds a node_modules holding puppeteer-core and axe-core:
// $GALLEY_AXE_MODULES, else .task/a11y/node_modules at the module root
// (where .ci/run installs them).
func axeModules() string {
	cands := []string{os.Getenv("GALLEY_AXE_MODULES"), "../../.task/a11y/node_modules"}
	for _, p := range cands {
		if p == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(p, "puppeteer-core")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(p, "axe-core", "axe.min.js")); err != nil {
			continue
		}
		abs, err := filepath.Abs(p)
		if err == nil {
			return abs
		}
	}
	return ""
}

type axeResult struct {
	File       string `json:"file"`
	Violations []struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Nodes  []string `json:"nodes"`
	} `json:"violations"`
}

// TestAccessibleHTML writes the page of every corpus document (and of the
// fixture), loads them in headless Chromium and runs axe-core's WCAG 2.1 A
// and AA and best-practice rules: no serious or critical violation. The
// documents' own problems that galley reports as warnings (skipped heading
// levels, empty table headers, images without alt text) are left to those
// warnings: the HTML keeps the author's structure. It needs node, chromium
// and npm's puppeteer-core and axe-core (.ci/run installs them).
func TestAccessibleHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser run")
	}
	mods := axeModules()
	if mods == "" {
		t.Skip("puppeteer-core and axe-core not installed (npm install --prefix .task/a11y puppeteer-core axe-core, or set GALLEY_AXE_MODULES); skipping the accessibility check")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found; skipping the accessibility check")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		if chromium, err = exec.LookPath("chromium"); err != nil {
			t.Skip("chromium not found (apt-get install chromium); skipping the accessibility check")
		}
	}
	dir := t.TempDir()
	var pages []string
	names := map[string]string{}
	write := func(name string, page []byte) {
		p := filepath.Join(dir, fmt.Sprintf("%03d.html", len(pages)))
		if err := os.WriteFile(p, page, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
		names[p] = name
	}
	for _, f := range corpustest.Markdown(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pipelineDoc(src, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := New().Export(&buf, doc, exporters.Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		write(corpustest.Rel(t, f), buf.Bytes())
	}
	var buf bytes.Buffer
	if err := New().Export(&buf, fixture(t), exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	write("fixture", buf.Bytes())

	cmd := exec.Command(node, append([]string{"testdata/a11y/axe.js"}, pages...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods, "CHROMIUM="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("axe run: %v\n%s", err, stderr.Bytes())
	}
	checked := 0
	counts := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r axeResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("axe output: %v: %s", err, sc.Bytes())
		}
		checked++
		for _, v := range r.Violations {
			counts[v.ID+" ("+v.Impact+")"]++
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: %s %s: %s\n  %s", names[r.File], v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		}
	}
	if checked != len(pages) {
		t.Fatalf("axe checked %d of %d pages\n%s", checked, len(pages), stderr.Bytes())
	}
	t.Logf("%d pages checked; moderate and minor findings: %v", checked, counts)
}
