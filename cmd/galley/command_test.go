package main

// Command tests in the style of pandoc's test/command: each file in
// testdata/commands names a behaviour and holds the arguments, standard
// input, expected standard output, expected standard error and exit code of
// one run of the real galley binary.
//
//	args: convert -t txt --wrap 40
//	exit: 0
//	-- stdin --
//	# Title
//	-- stdout --
//	Title
//	=====
//	-- stderr --
//
// A file without a stderr section ignores standard error. `go test
// ./cmd/galley -run Command -update` rewrites the expected sections from the
// current output (review the diff).

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of command tests")

var galleyBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "galley-cmd-test")
	if err != nil {
		panic(err)
	}
	galleyBin = filepath.Join(dir, "galley")
	out, err := exec.Command("go", "build", "-o", galleyBin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type commandCase struct {
	args     []string
	exit     int
	sections map[string]string
	order    []string
	header   []string
}

func parseCase(t *testing.T, data string) *commandCase {
	c := &commandCase{sections: map[string]string{}}
	cur := ""
	var body strings.Builder
	flush := func() {
		if cur != "" {
			c.sections[cur] = body.String()
			c.order = append(c.order, cur)
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			cur = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		if cur == "" {
			c.header = append(c.header, trimmed)
			switch {
			case strings.HasPrefix(trimmed, "args:"):
				c.args = splitArgs(strings.TrimSpace(strings.TrimPrefix(trimmed, "args:")))
			case strings.HasPrefix(trimmed, "exit:"):
				n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(trimmed, "exit:")))
				if err != nil {
					t.Fatalf("bad exit line %q", trimmed)
				}
				c.exit = n
			}
			continue
		}
		body.WriteString(line)
	}
	flush()
	return c
}

// splitArgs splits on spaces, keeping 'single-quoted' words together.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
			inWord = true
		case r == ' ' && !quoted:
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

func (c *commandCase) format() string {
	var sb strings.Builder
	for _, h := range c.header {
		if h != "" {
			sb.WriteString(h + "\n")
		}
	}
	for _, name := range c.order {
		sb.WriteString("-- " + name + " --\n")
		sb.WriteString(c.sections[name])
	}
	return sb.String()
}

func TestCommands(t *testing.T) {
	files, _ := filepath.Glob("testdata/commands/*.txt")
	if len(files) == 0 {
		t.Fatal("no command tests found")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c := parseCase(t, string(data))
			work := t.TempDir()
			// Files for the command: sections named "file NAME".
			for _, sec := range c.order {
				if fn, ok := strings.CutPrefix(sec, "file "); ok {
					p := filepath.Join(work, fn)
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, []byte(c.sections[sec]), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			cmd := exec.Command(galleyBin, c.args...)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=", "TZ=UTC")
			cmd.Stdin = strings.NewReader(c.sections["stdin"])
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err = cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			gotErr := strings.ReplaceAll(stderr.String(), work+string(filepath.Separator), "")
			gotOut := normalize(stdout.String())
			if *update {
				c.sections["stdout"] = gotOut
				if _, ok := c.sections["stderr"]; ok {
					c.sections["stderr"] = gotErr
				}
				for i, h := range c.header {
					if strings.HasPrefix(h, "exit:") {
						c.header[i] = "exit: " + strconv.Itoa(code)
					}
				}
				if !contains(c.order, "stdout") {
					c.order = append(c.order, "stdout")
				}
				if err := os.WriteFile(file, []byte(c.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if code != c.exit {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", code, c.exit, gotErr)
			}
			if want, ok := c.sections["stdout"]; ok && gotOut != want {
				t.Errorf("stdout differs\n--- got ---\n%s\n--- want ---\n%s", gotOut, want)
			}
			if want, ok := c.sections["stderr"]; ok && gotErr != want {
				t.Errorf("stderr differs\n--- got ---\n%s\n--- want ---\n%s", gotErr, want)
			}
			// Files the command must have written: sections "want NAME".
			for _, sec := range c.order {
				if fn, ok := strings.CutPrefix(sec, "want "); ok {
					got, err := os.ReadFile(filepath.Join(work, fn))
					if err != nil {
						t.Errorf("%s not written: %v", fn, err)
					} else if string(got) != c.sections[sec] {
						t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", fn, got, c.sections[sec])
					}
				}
			}
		})
	}
}

// normalize replaces what legitimately varies between runs: timings and
// the Go version.
func normalize(s string) string {
	s = secondsField.ReplaceAllString(s, `"seconds":0`)
	return goVersion.ReplaceAllString(s, "go1.x")
}

var (
	secondsField = regexp.MustCompile(`"seconds":[0-9.e-]+`)
	goVersion    = regexp.MustCompile(`go1\.[0-9.]+`)
)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
