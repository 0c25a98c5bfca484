package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/notices"
)

// runGalley runs the built binary and returns its standard output, standard
// error and exit status.
func runGalley(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(galleyBin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func TestCompletionScripts(t *testing.T) {
	markers := map[string]string{
		"bash":       "__start_galley",
		"zsh":        "#compdef galley",
		"fish":       "complete -c galley",
		"powershell": "Register-ArgumentCompleter",
	}
	for _, shell := range shells {
		out, stderr, code := runGalley(t, nil, "completion", shell)
		if code != 0 || !strings.Contains(out, markers[shell]) {
			t.Errorf("completion %s: exit %d, marker %q present: %v\n%s", shell, code, markers[shell], strings.Contains(out, markers[shell]), stderr)
		}
		// Syntax-check the script with the shell itself where it is installed.
		check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}}[shell]
		if check == nil {
			continue
		}
		if _, err := exec.LookPath(check[0]); err != nil {
			t.Logf("%s not installed: its completion script is not syntax-checked", check[0])
			continue
		}
		f := filepath.Join(t.TempDir(), "galley."+shell)
		os.WriteFile(f, []byte(out), 0o644)
		if msg, err := exec.Command(check[0], append(check[1:], f)...).CombinedOutput(); err != nil {
			t.Errorf("%s rejects the completion script: %v\n%s", check[0], err, msg)
		}
	}
}

// TestBashCompletes loads the bash script and asks it for completions as
// bash would on <Tab>, with a stand-in for bash-completion's word splitter.
func TestBashCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	script := `
source <(galley completion bash)
_get_comp_words_by_ref() { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
complete_line() {
	read -r -a COMP_WORDS <<< "$1"; [[ "$1" == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$1"; COMP_POINT=${#1}
	__start_galley 2>/dev/null
	echo "$1 => ${COMPREPLY[*]}"
}
complete_line "galley exp"
complete_line "galley export --format p"
complete_line "galley export --format html,j"
complete_line "galley convert --to t"
complete_line "galley convert --raw-html d"
complete_line "galley export -l pt-P"
complete_line "galley completion f"
`
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(galleyBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []string{
		"galley exp => export",
		"galley export --format p => pdf",
		"galley export --format html,j => html\\,json", /* bash quotes the comma */
		"galley convert --to t => txt",
		"galley convert --raw-html d => drop",
		"galley export -l pt-P => pt-PT",
		"galley completion f => fish",
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("bash completions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestManPages(t *testing.T) {
	dir := t.TempDir()
	env := []string{"SOURCE_DATE_EPOCH=1765843200"} // 2025-12-16
	if _, stderr, code := runGalley(t, env, "man", dir); code != 0 {
		t.Fatalf("man: exit %d\n%s", code, stderr)
	}
	// One page per command that a user can run.
	want := []string{"galley.1"}
	root := newRootCmd()
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		want = append(want, "galley-"+c.Name()+".1")
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() {
				want = append(want, "galley-"+c.Name()+"-"+s.Name()+".1")
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("man pages %v, want %v", got, want)
	}
	export, err := os.ReadFile(filepath.Join(dir, "galley-export.1"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(export, []byte(`.TH "GALLEY" "1" "Dec 2025" "galley `)) {
		t.Errorf("galley-export.1 has no title line dated by SOURCE_DATE_EPOCH:\n%.300s", export)
	}
	// A second run writes the same bytes.
	dir2 := t.TempDir()
	runGalley(t, env, "man", dir2)
	again, _ := os.ReadFile(filepath.Join(dir2, "galley-export.1"))
	if !bytes.Equal(export, again) {
		t.Error("galley man is not deterministic")
	}
	// The page renders: groff formats it and the flags are in it.
	if _, err := exec.LookPath("groff"); err != nil {
		t.Log("groff not installed: the pages are not rendered")
		return
	}
	cmd := exec.Command("groff", "-k", "-man", "-Tutf8", "-ww", filepath.Join(dir, "galley-export.1"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	text, err := cmd.Output()
	if err != nil {
		t.Fatalf("groff: %v\n%s", err, stderr.Bytes())
	}
	plain := strings.Join(strings.Fields(regexpBackspace.ReplaceAllString(string(text), "")), " ")
	// Help texts are plain text, not Markdown: placeholders in angle
	// brackets stay (cobra/doc's Markdown step dropped them as HTML tags).
	for _, w := range []string{"galley-export - Export documents × locales × formats", "--format", "--shard", "SEE ALSO", "OUT/<locale>/<relpath>.redline.<ext>"} {
		if !strings.Contains(plain, w) {
			t.Errorf("rendered galley-export(1) lacks %q:\n%s", w, plain)
		}
	}
}

// regexpBackspace matches the overstrikes groff's terminal output uses for
// bold and underline.
var regexpBackspace = regexp.MustCompile(".\x08")

func TestVersionLicenses(t *testing.T) {
	out, stderr, code := runGalley(t, nil, "version", "--licenses")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if out != notices.Text() {
		t.Error("galley version --licenses does not print the embedded notices")
	}
	for _, w := range []string{"Apache License", "fonts/NotoSans-Regular.ttf", "UNICODE LICENSE V3", "internal/fpdf/LICENSE"} {
		if !strings.Contains(out, w) {
			t.Errorf("galley version --licenses lacks %q", w)
		}
	}
}

func TestDocsUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"completion"},
		{"completion", "tcsh"},
		{"completion", "bash", "zsh"},
		{"man"},
		{"man", "a", "b"},
		{"version", "--licenses", "--json"},
	} {
		_, stderr, code := runGalley(t, nil, args...)
		if code != 2 || !strings.HasPrefix(stderr, "galley: ") {
			t.Errorf("galley %s: exit %d, stderr %q; want exit 2 with a message", strings.Join(args, " "), code, stderr)
		}
	}
}
