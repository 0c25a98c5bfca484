package exporters_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/galleydoc/galley/"

// allowed lists what an exporter package may import from galley: the tree
// and what every writer shares. Readers, stages and the engine are never
// among them, so a format cannot take a decision the tree does not record.
var allowed = map[string]bool{
	"exporters":         true, // the Exporter interface and Options
	"exporters/rawhtml": true,
	"pipeline/tree":     true,
	"pipeline/diag":     true,
	"locales":           true,
	"fonts":             true,
}

// extra lists further imports a single exporter (and its internal
// packages) may have.
var extra = map[string][]string{
	"exporters/json":     {"pipeline/treejson"},                                        // the JSON form of the tree
	"exporters/markdown": {"internal/yaml"},                                            // front matter; a copy of yaml whose expressions compile on first use
	"exporters/pdf":      {"internal/fpdf", "internal/nethtml", "internal/zlibstream"}, // nethtml: a copy of x/net/html whose tables are built on first use; zlibstream: the zlib compression fpdf and the font subsets share
	"exporters/rawhtml":  {"internal/bluemonday", "internal/nethtml"},                  // a copy of bluemonday compiled on first use; x/net/html's copy
	"exporters/builtin":  {"exporters/html", "exporters/pdf", "exporters/text", "exporters/json", "exporters/markdown"},
}

// TestDependencyRule checks the README's dependency rule on the packages
// as built: every package under exporters/ imports from galley only the
// tree, diag, locales, fonts, rawhtml and its own internal packages (and
// treejson for JSON), and goldmark is not among the dependencies of any.
func TestDependencyRule(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"exporters/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		pkg := strings.TrimPrefix(fields[0], module)
		n++
		for _, imp := range fields[1:] {
			if strings.Contains(imp, "goldmark") {
				t.Errorf("%s imports %s: exporters never depend on the Markdown parser", pkg, imp)
			}
			rel, ours := strings.CutPrefix(imp, module)
			if !ours || allowed[rel] || isOwnInternal(pkg, rel) || extraAllowed(pkg, rel) {
				continue
			}
			t.Errorf("%s imports %s; exporters may import only the tree, diag, locales, fonts, rawhtml (see the README's \"How it is built\")", pkg, rel)
		}
	}
	if n < 6 {
		t.Fatalf("go list found %d exporter packages; the test is not looking at the tree", n)
	}
	deps, err := exec.Command("go", "list", "-deps", module+"exporters/...").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if strings.Contains(d, "yuin/goldmark") {
			t.Errorf("goldmark (%s) reaches exporters/...", d)
		}
		if rel, ok := strings.CutPrefix(d, module); ok && strings.HasPrefix(rel, "pipeline/") &&
			rel != "pipeline/tree" && rel != "pipeline/diag" && rel != "pipeline/treejson" {
			t.Errorf("exporters depend on the stage or reader %s", rel)
		}
	}
}

// isOwnInternal reports whether imp is an internal package of pkg's own
// exporter (exporters/pdf/internal/shape for exporters/pdf).
func isOwnInternal(pkg, imp string) bool {
	owner, _, found := strings.Cut(imp, "/internal/")
	return found && (pkg == owner || strings.HasPrefix(pkg, owner+"/"))
}

// extraAllowed reports whether extra allows imp for pkg or the exporter
// that owns it.
func extraAllowed(pkg, imp string) bool {
	for owner, list := range extra {
		if pkg != owner && !strings.HasPrefix(pkg, owner+"/") {
			continue
		}
		for _, x := range list {
			if x == imp {
				return true
			}
		}
	}
	return false
}
