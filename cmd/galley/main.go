// Command galley exports policy and legal documents written in Markdown (or
// HTML) to HTML, PDF, plain text and JSON, in every locale, reproducibly.
//
// See `galley help` and the README for the commands; the work is done by
// package pipeline, and this command only maps flags onto it.
package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/galleydoc/galley/pipeline"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some documents failed
	exitUsage  = 2 // usage or configuration error
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the exit status.
func run(args []string) int {
	root := newCmdFor(args)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var fe *failedError
	if errors.As(err, &fe) {
		return exitFailed
	}
	var ie *interruptedError
	if errors.As(err, &ie) {
		fmt.Fprintf(os.Stderr, "galley: %v\n", err)
		return ie.code()
	}
	var de *differentError
	if errors.As(err, &de) {
		return exitDifferent
	}
	fmt.Fprintf(os.Stderr, "galley: %v\n", err)
	var ue *pipeline.UsageError
	if errors.As(err, &ue) || isUsage(err) {
		return exitUsage
	}
	return exitFailed
}

// failedError reports that documents failed; their messages were already
// printed.
type failedError struct{ n int }

func (e *failedError) Error() string { return count(e.n, "document") + " failed" }

// usageError marks command-line mistakes (exit status 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return &usageError{fmt.Errorf(format, args...)} }

func isUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue)
}

// interruptedError reports a run stopped by SIGINT or SIGTERM; the exit
// status is the shell's for a process the signal ended, 128 + its number
// (130, 143).
type interruptedError struct {
	sig os.Signal
	msg string
}

func (e *interruptedError) Error() string {
	name := "SIGINT"
	if e.sig == syscall.SIGTERM {
		name = "SIGTERM"
	}
	return fmt.Sprintf("interrupted (%s): %s", name, e.msg)
}

func (e *interruptedError) code() int {
	if e.sig == syscall.SIGTERM {
		return 128 + 15
	}
	return 128 + 2
}
