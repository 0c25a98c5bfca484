package notices

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/galleydoc/galley/locales"
)

var update = flag.Bool("update", false, "rewrite NOTICES.txt from the tree")

// root is the repository root, relative to this package.
const root = "../.."

// releasePlatforms are the GOOS values galley is released for (see
// internal/release); their dependency sets differ slightly (cobra pulls in
// mousetrap on windows).
var releasePlatforms = []string{"linux", "darwin", "windows"}

// TestNoticesUpToDate regenerates NOTICES.txt from the tree and compares it
// with the committed (embedded) copy.
func TestNoticesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list for three platforms")
	}
	got, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("NOTICES.txt", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, []byte(text)) {
		t.Fatalf("NOTICES.txt is out of date with the fonts, CLDR data, embedded files or Go modules of this tree:\n%s\nregenerate it with: go test ./internal/notices -update", firstDiff(text, string(got)))
	}
}

// TestEveryFontListed checks, independently of the generator, that every
// font file in fonts/ and every license file beside them appears in the
// notices.
func TestEveryFontListed(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(root, "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if isFontFile(name) || strings.HasSuffix(name, ".txt") {
			n++
			if !strings.Contains(text, "fonts/"+name) {
				t.Errorf("fonts/%s is not in NOTICES.txt; run go test ./internal/notices -update", name)
			}
		}
	}
	if n < 3 {
		t.Fatalf("found only %d font and license files in fonts/", n)
	}
}

func TestNoticesContent(t *testing.T) {
	for _, want := range []string{
		"Apache License",               // galley's own license
		"SIL OPEN FONT LICENSE",        // Noto fonts
		"UNICODE LICENSE V3",           // CLDR
		"Copyright (c) 2017 Kurt Jung", // fpdf's MIT license
		"International Color Consortium",
		"github.com/spf13/cobra",
		"The Go standard library",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("NOTICES.txt lacks %q", want)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  committed: %q\n  from tree: %q", i+1, x, y)
		}
	}
	return "(same lines, different bytes)"
}

// A work is one third-party work in the notices.
type work struct {
	title   string   // heading
	license string   // SPDX expression
	lines   []string // what it is, where it is in galley, its parts
	texts   []licenseText
}

// A licenseText is a license file reproduced in full.
type licenseText struct {
	name string // where it comes from, e.g. "fonts/OFL.txt"
	body string
}

func generate() ([]byte, error) {
	var works []work
	fontWork, err := fontsWork()
	if err != nil {
		return nil, err
	}
	works = append(works, fontWork)
	for _, f := range []func() (work, error){cldrWork, fpdfWork, goldmarkWork, bluemondayWork, cobraWork, pflagWork, yamlWork, nethtmlWork, cascadiaWork, diffmatchpatchWork, bidiWork, iccWork} {
		w, err := f()
		if err != nil {
			return nil, err
		}
		works = append(works, w)
	}
	mods, err := moduleWorks()
	if err != nil {
		return nil, err
	}
	works = append(works, mods...)
	goWork, err := goStdWork()
	if err != nil {
		return nil, err
	}
	works = append(works, goWork)

	galleyLicense, err := readText(root, "LICENSE")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	rule := strings.Repeat("=", 78)
	b.WriteString(`galley
Copyright 2026 The galley authors

galley is licensed under the Apache License, Version 2.0; its text is at the
end of this notice. The galley binary embeds the third-party works listed
below, each under its own license, whose text follows the list. This notice is
generated from the source tree (go test ./internal/notices -update).

`)
	for i, w := range works {
		fmt.Fprintf(&b, "%2d. %s  [%s]\n", i+1, w.title, w.license)
	}
	for i, w := range works {
		fmt.Fprintf(&b, "\n%s\n%d. %s\nLicense: %s\n%s\n", rule, i+1, w.title, w.license, rule)
		for _, l := range w.lines {
			b.WriteString(l + "\n")
		}
		for _, lt := range w.texts {
			fmt.Fprintf(&b, "\n----- %s -----\n\n%s\n", lt.name, strings.TrimRight(lt.body, "\n"))
		}
	}
	fmt.Fprintf(&b, "\n%s\ngalley's license (LICENSE)\n%s\n\n%s\n", rule, rule, strings.TrimRight(galleyLicense, "\n"))
	return []byte(b.String()), nil
}

// readText reads a text file with normalized line ends and no trailing
// spaces, so the notice is the same whatever a checkout does to them.
func readText(dir, name string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return "", err
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n") + "\n", nil
}

func isFontFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2":
		return true
	}
	return false
}

// fontsWork lists every font file in fonts/ with the copyright, version and
// license its own name table states, then every license file in fonts/.
func fontsWork() (work, error) {
	dir := filepath.Join(root, "fonts")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return work{}, err
	}
	w := work{title: "Fonts embedded for PDF output (fonts/)"}
	licenses := map[string]bool{}
	var licenseFiles []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			licenseFiles = append(licenseFiles, e.Name())
		}
	}
	for _, e := range entries {
		if !isFontFile(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return work{}, err
		}
		names, err := fontNames(data)
		if err != nil {
			return work{}, fmt.Errorf("fonts/%s: %w", e.Name(), err)
		}
		lic := fontLicense(names[13] + " " + names[14])
		if lic == "" {
			return work{}, fmt.Errorf("fonts/%s: its name table states no license galley knows (description %q, URL %q): add the license to fontLicense and its text to fonts/", e.Name(), names[13], names[14])
		}
		text := fontLicenseFile(e.Name(), lic, licenseFiles)
		if text == "" {
			return work{}, fmt.Errorf("fonts/%s: %s, but fonts/ holds no license file for it", e.Name(), lic)
		}
		licenses[lic] = true
		version, _, _ := strings.Cut(names[5], ";") // drop the build tool's notes
		w.lines = append(w.lines, fmt.Sprintf("fonts/%s\n  %s, %s\n  %s\n  License: %s (fonts/%s)",
			e.Name(), oneLine(names[4]), oneLine(version), oneLine(names[0]), lic, text))
	}
	for _, name := range licenseFiles {
		body, err := readText(dir, name)
		if err != nil {
			return work{}, err
		}
		w.texts = append(w.texts, licenseText{name: "fonts/" + name, body: body})
	}
	w.license = strings.Join(sortedKeys(licenses), ", ")
	return w, nil
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSuffix(s, ".")
}

// fontLicense classifies a font's license from its name table's license
// description and URL (name ids 13 and 14).
func fontLicense(desc string) string {
	switch {
	case strings.Contains(desc, "Open Font License"), strings.Contains(desc, "scripts.sil.org/OFL"), strings.Contains(desc, "openfontlicense.org"):
		return "OFL-1.1"
	case strings.Contains(desc, "Apache License"), strings.Contains(desc, "apache.org/licenses/LICENSE-2.0"):
		return "Apache-2.0"
	}
	return ""
}

// fontLicenseFile picks the license file of a font: one named after the
// font's family (OFL-NotoSansKR.txt for NotoSansKR-Regular.ttf), else the
// general one of its license.
func fontLicenseFile(font, lic string, files []string) string {
	family, _, _ := strings.Cut(strings.TrimSuffix(font, filepath.Ext(font)), "-")
	prefix := map[string]string{"OFL-1.1": "OFL", "Apache-2.0": "LICENSE-Apache-2.0"}[lic]
	if slices.Contains(files, prefix+"-"+family+".txt") {
		return prefix + "-" + family + ".txt"
	}
	if slices.Contains(files, prefix+".txt") {
		return prefix + ".txt"
	}
	return ""
}

func cldrWork() (work, error) {
	body, err := readText("licenses", "Unicode-3.0.txt")
	if err != nil {
		return work{}, err
	}
	return work{
		title:   "Unicode CLDR " + locales.CLDRVersion + " data (locales/)",
		license: "Unicode-3.0",
		lines: []string{
			"Date patterns, month and day names, numbering systems, plural rules, text",
			"directions, quotation marks and paper sizes in locales/cldr_tables.go are",
			"derived from the Unicode Common Locale Data Repository " + locales.CLDRVersion + " (npm",
			"packages cldr-core, cldr-dates-full, cldr-numbers-full, cldr-misc-full).",
		},
		texts: []licenseText{{name: "Unicode License v3 (the LICENSE of npm cldr-core " + locales.CLDRVersion + ")", body: body}},
	}, nil
}

var fpdfVersion = regexp.MustCompile("This is `codeberg.org/go-pdf/fpdf` (v[0-9][^ ]*)")

func fpdfWork() (work, error) {
	dir := filepath.Join(root, "internal", "fpdf")
	readme, err := os.ReadFile(filepath.Join(dir, "GALLEY.md"))
	if err != nil {
		return work{}, err
	}
	m := fpdfVersion.FindSubmatch(readme)
	if m == nil {
		return work{}, fmt.Errorf("internal/fpdf/GALLEY.md does not say which fpdf version it is (\"This is `codeberg.org/go-pdf/fpdf` vX.Y.Z\")")
	}
	lic, err := readText(dir, "LICENSE")
	if err != nil {
		return work{}, err
	}
	return work{
		title:   "fpdf " + string(m[1]) + ", patched (internal/fpdf)",
		license: "MIT",
		lines: []string{
			"A copy of codeberg.org/go-pdf/fpdf " + string(m[1]) + " with galley's patches (internal/fpdf/GALLEY.md).",
			"fpdf derives from gofpdf by Kurt Jung and from Olivier Plathey's FPDF;",
			"several of its source files also carry this notice:",
			"",
			"  Copyright (c) 2013-2016 Kurt Jung (Gmail: kurt.w.jung)",
			"  Copyright (c) 2019 Arteom Korotkiy (Gmail: arteomkorotkiy)",
			"",
			"  Permission to use, copy, modify, and distribute this software for any",
			"  purpose with or without fee is hereby granted, provided that the above",
			"  copyright notice and this permission notice appear in all copies.",
			"",
			"  THE SOFTWARE IS PROVIDED \"AS IS\" AND THE AUTHOR DISCLAIMS ALL WARRANTIES",
			"  WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF",
			"  MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR",
			"  ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES",
			"  WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN",
			"  ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF",
			"  OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.",
			"",
			"internal/fpdf/font_embed holds the character widths of the 14 standard",
			"PDF fonts, taken by FPDF from Adobe's Core14 AFM metrics files, and",
			"internal/fpdf/label.go adapts code from Graphics Gems (its EULA permits",
			"use in any program, product or library).",
		},
		texts: []licenseText{{name: "internal/fpdf/LICENSE", body: lic}},
	}, nil
}

var goldmarkVersion = regexp.MustCompile("This is `github.com/yuin/goldmark` (v[0-9][^ ]*)")

// goldmarkWork is the patched copy of goldmark in internal/goldmark.
func goldmarkWork() (work, error) {
	dir := filepath.Join(root, "internal", "goldmark")
	readme, err := os.ReadFile(filepath.Join(dir, "GALLEY.md"))
	if err != nil {
		return work{}, err
	}
	m := goldmarkVersion.FindSubmatch(readme)
	if m == nil {
		return work{}, fmt.Errorf("internal/goldmark/GALLEY.md does not say which goldmark version it is (\"This is `github.com/yuin/goldmark` vX.Y.Z\")")
	}
	lic, err := readText(dir, "LICENSE")
	if err != nil {
		return work{}, err
	}
	return work{
		title:   "goldmark " + string(m[1]) + ", patched (internal/goldmark)",
		license: "MIT",
		lines: []string{
			"A copy of github.com/yuin/goldmark " + string(m[1]) + " with galley's patches",
			"(internal/goldmark/GALLEY.md).",
		},
		texts: []licenseText{{name: "internal/goldmark/LICENSE", body: lic}},
	}, nil
}

var bluemondayVersion = regexp.MustCompile("This is `github.com/microcosm-cc/bluemonday` (v[0-9][^ ]*)")

// bluemondayWork is the patched copy of bluemonday in internal/bluemonday,
// with the copies of douceur and gorilla/css it needs.
func bluemondayWork() (work, error) {
	dir := filepath.Join(root, "internal", "bluemonday")
	readme, err := os.ReadFile(filepath.Join(dir, "GALLEY.md"))
	if err != nil {
		return work{}, err
	}
	m := bluemondayVersion.FindSubmatch(readme)
	if m == nil {
		return work{}, fmt.Errorf("internal/bluemonday/GALLEY.md does not say which bluemonday version it is (\"This is `github.com/microcosm-cc/bluemonday` vX.Y.Z\")")
	}
	var texts []licenseText
	for _, f := range []string{"LICENSE.md", "internal/douceur/LICENSE", "internal/cssscanner/LICENSE"} {
		body, err := readText(dir, f)
		if err != nil {
			return work{}, err
		}
		texts = append(texts, licenseText{name: "internal/bluemonday/" + f, body: body})
	}
	return work{
		title:   "bluemonday " + string(m[1]) + ", with douceur and gorilla/css, patched (internal/bluemonday)",
		license: "BSD-3-Clause AND MIT",
		lines: []string{
			"A copy of github.com/microcosm-cc/bluemonday " + string(m[1]) + " (BSD-3-Clause), with",
			"copies of the packages it uses from github.com/aymerick/douceur v0.2.0 (MIT)",
			"and github.com/gorilla/css v1.0.1 (BSD-3-Clause), with galley's patches",
			"(internal/bluemonday/GALLEY.md).",
		},
		texts: texts,
	}, nil
}

var (
	cobraVersion = regexp.MustCompile("This is `github.com/spf13/cobra` (v[0-9][^ ]*)")
	pflagVersion = regexp.MustCompile("This is `github.com/spf13/pflag` (v[0-9][^ ]*)")
	yamlVersion  = regexp.MustCompile("This is `go.yaml.in/yaml/v3` (v[0-9][^ ]*)")

	nethtmlVersion  = regexp.MustCompile("This is `golang.org/x/net/html` (v[0-9][^ ]*)")
	cascadiaVersion = regexp.MustCompile("This is `github.com/andybalholm/cascadia` (v[0-9][^ ]*)")
	dmpVersion      = regexp.MustCompile("This is `github.com/sergi/go-diff` (v[0-9][^ ]*)")
	bidiVersion     = regexp.MustCompile("This is `github.com/go-text/typesetting/bidi` from go-text/typesetting (v[0-9][^ ]*)")
)

// cobraWork is the copy of cobra in internal/cobra.
func cobraWork() (work, error) {
	return copyWork("cobra", "github.com/spf13/cobra", "LICENSE.txt", cobraVersion)
}

// pflagWork is the copy of pflag in internal/pflag.
func pflagWork() (work, error) {
	return copyWork("pflag", "github.com/spf13/pflag", "LICENSE", pflagVersion)
}

// yamlWork is the copy of yaml in internal/yaml.
func yamlWork() (work, error) {
	return copyWork("yaml", "go.yaml.in/yaml/v3", "LICENSE", yamlVersion, "NOTICE")
}

// nethtmlWork is the copy of x/net/html and its charset package in
// internal/nethtml.
func nethtmlWork() (work, error) {
	return copyWork("nethtml", "golang.org/x/net/html", "LICENSE", nethtmlVersion, "PATENTS")
}

// cascadiaWork is the copy of cascadia in internal/cascadia.
func cascadiaWork() (work, error) {
	return copyWork("cascadia", "github.com/andybalholm/cascadia", "LICENSE", cascadiaVersion)
}

// diffmatchpatchWork is the copy of go-diff's diffmatchpatch in
// internal/diffmatchpatch.
func diffmatchpatchWork() (work, error) {
	return copyWork("diffmatchpatch", "github.com/sergi/go-diff", "LICENSE", dmpVersion)
}

// bidiWork is the copy of go-text's bidi package in
// exporters/pdf/internal/bidi.
func bidiWork() (work, error) {
	return copyWorkAt("exporters/pdf/internal/bidi", "bidi", "github.com/go-text/typesetting/bidi", "LICENSE", bidiVersion)
}

// copyWork is a module copied, with changes, into internal/name, whose
// GALLEY.md names its version.
func copyWork(name, module, license string, version *regexp.Regexp, more ...string) (work, error) {
	return copyWorkAt("internal/"+name, name, module, license, version, more...)
}

// copyWorkAt is copyWork for a copy in the folder rel of the tree.
func copyWorkAt(rel, name, module, license string, version *regexp.Regexp, more ...string) (work, error) {
	dir := filepath.Join(root, filepath.FromSlash(rel))
	readme, err := os.ReadFile(filepath.Join(dir, "GALLEY.md"))
	if err != nil {
		return work{}, err
	}
	m := version.FindSubmatch(readme)
	if m == nil {
		return work{}, fmt.Errorf("%s/GALLEY.md does not say which %s version it is (\"This is `%s` vX.Y.Z\")", rel, name, module)
	}
	lic, err := readText(dir, license)
	if err != nil {
		return work{}, err
	}
	texts := []licenseText{{name: rel + "/" + license, body: lic}}
	for _, f := range more {
		body, err := readText(dir, f)
		if err != nil {
			return work{}, err
		}
		texts = append(texts, licenseText{name: rel + "/" + f, body: body})
	}
	return work{
		title:   name + " " + string(m[1]) + " (" + module + "), copied (" + rel + ")",
		license: spdxOf(lic),
		lines: []string{
			"A copy of " + module + " " + string(m[1]) + " with galley's changes",
			"(" + rel + "/GALLEY.md).",
		},
		texts: texts,
	}, nil
}

func iccWork() (work, error) {
	dir := filepath.Join(root, "exporters", "pdf")
	if _, err := os.Stat(filepath.Join(dir, "sRGB2014.icc")); err != nil {
		return work{}, err
	}
	lic, err := readText(dir, "ICC-LICENSE.txt")
	if err != nil {
		return work{}, err
	}
	return work{
		title:   "sRGB2014.icc colour profile (exporters/pdf)",
		license: "LicenseRef-ICC",
		lines: []string{
			"The sRGB v2 ICC profile of the International Color Consortium, embedded",
			"in every PDF as its PDF/A output intent.",
		},
		texts: []licenseText{{name: "exporters/pdf/ICC-LICENSE.txt", body: lic}},
	}, nil
}

type module struct {
	path, version, dir string
}

// linkedModules lists the modules whose packages cmd/galley links on any
// release platform.
func linkedModules() ([]module, error) {
	seen := map[string]module{}
	for _, goos := range releasePlatforms {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{end}}{{end}}", "./cmd/galley")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list (GOOS=%s): %v\n%s", goos, err, stderr.Bytes())
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				continue
			}
			if f[2] == "" {
				return nil, fmt.Errorf("module %s %s is not in the module cache (run go mod download)", f[0], f[1])
			}
			seen[f[0]] = module{path: f[0], version: f[1], dir: f[2]}
		}
	}
	var mods []module
	for _, m := range seen {
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].path < mods[j].path })
	return mods, nil
}

var licenseFileName = regexp.MustCompile(`(?i)^(LICEN[CS]E|COPYING|NOTICE)([-._].*)?$`)

// moduleWorks lists the Go modules compiled into galley with their license
// and notice files; modules with identical texts (the golang.org/x
// repositories) share one entry.
func moduleWorks() ([]work, error) {
	mods, err := linkedModules()
	if err != nil {
		return nil, err
	}
	var works []work
	byText := map[string]int{}
	for _, m := range mods {
		entries, err := os.ReadDir(m.dir)
		if err != nil {
			return nil, err
		}
		var texts []licenseText
		var all strings.Builder
		for _, e := range entries {
			if e.IsDir() || !licenseFileName.MatchString(e.Name()) {
				continue
			}
			body, err := readText(m.dir, e.Name())
			if err != nil {
				return nil, err
			}
			texts = append(texts, licenseText{name: e.Name(), body: body})
			all.WriteString(body)
		}
		if len(texts) == 0 {
			return nil, fmt.Errorf("module %s %s has no LICENSE file", m.path, m.version)
		}
		lic := spdxOf(all.String())
		if lic == "" {
			return nil, fmt.Errorf("module %s %s: cannot tell its license from %s: add it to spdxOf", m.path, m.version, texts[0].name)
		}
		id := m.path + " " + m.version
		if i, ok := byText[all.String()]; ok {
			works[i].title += ", " + id
			continue
		}
		byText[all.String()] = len(works)
		for i := range texts {
			texts[i].name = m.path + "/" + texts[i].name
		}
		works = append(works, work{title: "Go module " + id, license: lic, texts: texts})
	}
	return works, nil
}

// spdxOf classifies a license text by the phrases of the licenses Go
// modules commonly use.
func spdxOf(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var ids []string
	if strings.Contains(s, "Apache License") && strings.Contains(s, "Version 2.0") {
		ids = append(ids, "Apache-2.0")
	}
	if strings.Contains(s, "Permission is hereby granted, free of charge, to any person obtaining a copy") {
		ids = append(ids, "MIT")
	}
	if strings.Contains(s, "Redistribution and use in source and binary forms") {
		if strings.Contains(s, "Neither the name") || strings.Contains(s, "names of its contributors may be used") {
			ids = append(ids, "BSD-3-Clause")
		} else {
			ids = append(ids, "BSD-2-Clause")
		}
	}
	return strings.Join(ids, " AND ")
}

func goStdWork() (work, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return work{}, fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	body, err := readText(goroot, "LICENSE")
	if err != nil {
		return work{}, err
	}
	return work{
		title:   "The Go standard library and runtime",
		license: spdxOf(body),
		lines: []string{"Compiled into every Go program; `galley version` names the Go release that built it.",
			"internal/sniff is a copy of net/http's DetectContentType from it."},
		texts: []licenseText{{name: "LICENSE of the Go distribution", body: body}},
	}, nil
}

func sortedKeys(m map[string]bool) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
