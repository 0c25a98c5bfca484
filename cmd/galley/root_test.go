package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// The tree built for one subcommand (newCmdFor) behaves as the whole tree
// does for that subcommand: same help, same flags, same errors.
func TestSubcommandTreeSameAsWhole(t *testing.T) {
	var names []string
	for _, c := range newRootCmd().Commands() {
		switch c.Name() {
		case "completion", "man", "help":
		default:
			names = append(names, c.Name())
		}
	}
	var keys []string
	for k := range subcommands {
		keys = append(keys, k)
	}
	slices.Sort(names)
	slices.Sort(keys)
	if !slices.Equal(names, keys) {
		t.Fatalf("the whole tree's commands %v, but subcommands builds %v", names, keys)
	}
	exec := func(whole bool, args ...string) string {
		root := newCmdFor(args)
		if whole {
			root = newRootCmd()
		}
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs(args)
		err := root.Execute()
		if err != nil {
			out.WriteString("error: " + err.Error())
		}
		return out.String()
	}
	for _, name := range keys {
		for _, args := range [][]string{{name, "--help"}, {name, "--no-such-flag"}, {name, "-h", "x"}} {
			args := slices.Clone(args)
			if name == "manifest" {
				args = append([]string{name, "merge"}, args[1:]...)
			}
			got, want := exec(false, args...), exec(true, args...)
			if got != want {
				t.Errorf("galley %s: the subcommand's tree gives\n%s\nthe whole tree\n%s", strings.Join(args, " "), got, want)
			}
			if len(want) < 20 {
				t.Errorf("galley %s printed only %q", strings.Join(args, " "), want)
			}
		}
	}
	if root := newCmdFor([]string{"version"}); len(root.Commands()) != 1 {
		t.Errorf("galley version builds %d commands, want 1", len(root.Commands()))
	}
}

// The shells' completion scripts ask galley through the hidden __complete
// and __completeNoDesc commands, which cobra makes only when an argument
// names them.
func TestShellCompletionRequest(t *testing.T) {
	for _, cmd := range []string{"__complete", "__completeNoDesc"} {
		stdout, stderr, code := runGalley(t, nil, cmd, "convert", "--to", "")
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", cmd, code, stderr)
		}
		for _, want := range []string{"html\n", "pdf\n", "txt\n", "json\n"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s convert --to: %q lacks %q", cmd, stdout, want)
			}
		}
		if !strings.HasSuffix(stdout, "\n:4\n") {
			t.Errorf("%s convert --to: %q does not end with the directive :4 (no file completion)", cmd, stdout)
		}
	}
	if stdout, _, _ := runGalley(t, nil, "__complete", ""); !strings.Contains(stdout, "convert") || strings.Contains(stdout, "__complete") {
		t.Errorf("__complete of the command name: %q", stdout)
	}
}

// TestUsageHintNamesTheCommand: a usage error points at the help of the
// command that was run, subcommands included ('galley manifest merge
// --help'; it said 'galley merge --help', which is no command).
func TestUsageHintNamesTheCommand(t *testing.T) {
	for args, want := range map[string]string{
		"manifest merge":         "(see 'galley manifest merge --help')",
		"manifest merge --bogus": "(see 'galley manifest merge --help')",
		"export --bogus":         "(see 'galley export --help')",
	} {
		code, _, errOut := galley(t, t.TempDir(), strings.Fields(args)...)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("galley %s: exit %d, %q; want exit 2 and %s", args, code, errOut, want)
		}
	}
}
