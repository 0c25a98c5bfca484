package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput runs the real binary on a batch holding one bad input and one
// good document for each kind of bad input: the message names the file and
// line and says what to do, the exit status is right, and the good document
// is still exported where the problem is the document's own.
func TestBadInput(t *testing.T) {
	good := "# Good\n\nLast updated {{git_revision_date_localized}}\n"
	cases := []struct {
		name  string
		files map[string]string
		args  []string
		exit  int
		want  string // in stderr
		good  bool   // docs/good.md must be exported
	}{
		{"invalid UTF-8", map[string]string{"docs/bad.md": "# Bad\n\nbytes \xff\xfe here\n"}, nil, 1,
			"docs/bad.md:3: input is not valid UTF-8; re-save the file as UTF-8", true},
		{"BOM and CRLF are accepted", map[string]string{"docs/bom.md": "\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\n# BOM\r\n\r\ntext\r\n"}, nil, 0, "", true},
		{"malformed front matter", map[string]string{"docs/bad.md": "---\ntitle: [unclosed\n---\n# Bad\n"}, nil, 1,
			"docs/bad.md:2: malformed YAML front matter", true},
		{"front matter that is not a mapping", map[string]string{"docs/bad.md": "---\n- a\n- b\n---\n# Bad\n"}, nil, 1,
			"docs/bad.md:2: front matter is not a mapping of keys to values; write it as `key: value` lines", true},
		{"unclosed front matter", map[string]string{"docs/bad.md": "---\ntitle: x\n# Bad\n"}, nil, 1,
			"docs/bad.md:1: front matter starts with --- but never ends", true},
		{"locale outside CLDR in front matter is a warning", map[string]string{"docs/bad.md": "---\nlocale: xx-YY\n---\n# Bad\n"}, nil, 0,
			`warning: locale "xx-YY": CLDR 48.2.0 has no locale for "xx-YY" nor a close language; dates use CLDR's root locale (und), written as 2025 M12 16`, true},
		{"locale outside CLDR in front matter fails under --strict", map[string]string{"docs/bad.md": "---\nlocale: xx-YY\n---\n# Bad\n"}, []string{"--strict"}, 1,
			`docs/bad.md:2: locale "xx-YY": CLDR 48.2.0 has no locale for "xx-YY" nor a close language; dates use CLDR's root locale (und)`, true},
		{"locale outside CLDR flag", nil, []string{"-l", "en,cnh"}, 0, `locale "cnh": CLDR 48.2.0 has no locale for "cnh"`, true},
		{"locale outside CLDR flag fails under --strict", nil, []string{"-l", "en,cnh", "--strict"}, 2, `locale "cnh": CLDR 48.2.0 has no locale for "cnh"`, false},
		{"malformed locale flag", nil, []string{"-l", "en_US@@"}, 2, `locale "en_US@@"`, false},
		{"bad date", nil, []string{"--date", "16/12/2025"}, 2, `--date: not a date: "16/12/2025"; write YYYY-MM-DD`, false},
		{"bad time zone", nil, []string{"--timezone", "Mars/Olympus"}, 2, `--timezone "Mars/Olympus": not an IANA time zone name`, false},
		{"unknown format", nil, []string{"-f", "html,docx"}, 2, `unknown format "docx"; choose from html, pdf, txt, json, md`, false},
		{"missing input", nil, []string{"nowhere.md"}, 2, "nowhere.md: no such file or directory", false},
		{"unreadable input", map[string]string{"docs/bad.md": "->missing-target.md"}, nil, 1,
			"docs/bad.md: cannot read the file: no such file or directory", true},
		{"output that cannot be written", map[string]string{"out-is-a-file": "x"}, []string{"-o", "out-is-a-file"}, 2,
			"cannot create output directory out-is-a-file", false},
		{"file too large", map[string]string{"docs/big.md": "# Big\n\n" + strings.Repeat("word ", 300), "galley.yaml": "documents: [docs]\noutput: out\nmax_bytes: 1000\n"},
			[]string{"--config", "galley.yaml"}, 1, "docs/big.md: the file is 1507 bytes, over the 1000-byte limit; raise the limit (max_bytes in galley.yaml) or split the document", true},
		{"missing image is a warning", map[string]string{"docs/img.md": "# Img\n\n![Logo](logo.png)\n"}, nil, 0, "docs/img.md:3: image logo.png: no such file next to this document", true},
		{"missing image fails under --strict", map[string]string{"docs/img.md": "# Img\n\n![Logo](logo.png)\n"}, []string{"--strict"}, 1,
			"docs/img.md:3: image logo.png: no such file next to this document; the exports show its alt text (warnings are errors under --strict)", true},
		{"misspelled config key", map[string]string{"galley.yaml": "documents: [docs]\nstirct: true\n"}, []string{"--config", "galley.yaml"}, 2,
			`galley.yaml:2: unknown key "stirct"; did you mean strict?`, false},
		{"bad config paper", map[string]string{"galley.yaml": "documents: [docs]\npaper: b5\n"}, []string{"--config", "galley.yaml"}, 2,
			`galley.yaml: paper "b5": choose a4 or letter`, false},
		{"bad config raw_html", map[string]string{"galley.yaml": "documents: [docs]\nraw_html: nope\n"}, []string{"--config", "galley.yaml"}, 2,
			`galley.yaml: raw_html "nope": choose sanitize, trusted or drop`, false},
		{"bad config locale", map[string]string{"galley.yaml": "documents: [docs]\nlocales: [en--US]\n"}, []string{"--config", "galley.yaml"}, 2,
			`galley.yaml: locale: "en--US" is not a BCP 47 language tag`, false},
		{"negative config max_bytes", map[string]string{"galley.yaml": "documents: [docs]\nmax_bytes: -1\n"}, []string{"--config", "galley.yaml"}, 2,
			`galley.yaml: max_bytes -1: want a size in bytes`, false},
		{"broken template", map[string]string{"page.tmpl": "<html>{{.Body}\n"}, []string{"--template", "page.tmpl"}, 2,
			"page.tmpl:1: bad character U+007D '}'", false},
		{"empty template", map[string]string{"page.tmpl": "\n"}, []string{"--template", "page.tmpl"}, 2,
			"template page.tmpl is empty", false},
		{"negative jobs", nil, []string{"-j", "-3"}, 2, "--jobs -3: want a number of workers, or 0 for one per CPU", false},
		{"configured folder without documents", map[string]string{"galley.yaml": "documents: [empty]\n", "empty/notes.txt": "x"}, []string{"--config", "galley.yaml"}, 2,
			"empty (galley looks for *.md", false},
		{"missing glyph fails under --strict", map[string]string{"docs/glyph.md": "# Glyph\n\nA Linear B sign: \U00010000.\n"}, []string{"--strict", "-f", "pdf"}, 1,
			"docs/glyph.md:3: no embedded font has a glyph for U+10000", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			os.MkdirAll(filepath.Join(work, "docs"), 0o755)
			os.WriteFile(filepath.Join(work, "docs/good.md"), []byte(good), 0o644)
			for name, body := range c.files {
				p := filepath.Join(work, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if target, ok := strings.CutPrefix(body, "->"); ok {
					os.Symlink(target, p)
					continue
				}
				os.WriteFile(p, []byte(body), 0o644)
			}
			args := []string{"export", "-q", "--date", "2025-12-16", "-o", "out"}
			args = append(args, c.args...)
			if !hasArg(c.args, "--config") && !strings.HasSuffix(c.name, "input") || c.name == "unreadable input" {
				args = append(args, "docs")
			}
			if c.name == "missing input" {
				args = append(args, "docs")
			}
			cmd := exec.Command(galleyBin, args...)
			cmd.Dir = work
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != c.exit {
				t.Errorf("exit %d, want %d\n%s", code, c.exit, out)
			}
			if !strings.Contains(string(out), c.want) {
				t.Errorf("output lacks %q:\n%s", c.want, out)
			}
			if strings.Contains(string(out), "panic") || strings.Contains(string(out), "goroutine ") {
				t.Errorf("panic:\n%s", out)
			}
			_, err = os.Stat(filepath.Join(work, "out/en/good.pdf"))
			if c.good && err != nil && !hasArg(c.args, "-f") {
				t.Errorf("the good document was not exported: %v\n%s", err, out)
			}
		})
	}
}

func hasArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

// TestConvertRefusals: convert's refusals name the file once and say what
// to do: -o naming a folder (it reported a failed rename of a temporary
// file), and a JSON file that is no galley tree (it named the file twice,
// with the reader's package name).
func TestConvertRefusals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "n.md"), []byte("# N\n\nText.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "list.json"), []byte("[1, 2]\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"convert", "-o", "folder", "n.md"}, "cannot write folder: it is a folder; give -o a file name"},
		{[]string{"convert", "-t", "html", "list.json"}, "list.json: not a galley JSON document (at $: want an object, got an array)"},
	} {
		code, _, errOut := galley(t, dir, c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "list.json") > 1 || strings.Contains(errOut, ".tmp-") {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("files left behind: %v", entries)
	}
}
