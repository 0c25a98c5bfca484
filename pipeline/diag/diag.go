// Package diag carries warnings and errors about a document from any stage of
// the pipeline to the user, as `file:line: message`.
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

// Severity orders diagnostics.
type Severity int

// Severities. A Warning fails the document only under --strict.
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one message about a place in a source file.
type Diagnostic struct {
	Severity Severity
	// Path is the source file as the user named it; Line is 1-based, 0 if
	// unknown.
	Path string
	Line int
	// Code is a short stable identifier such as "missing-glyph",
	// "broken-link", "unknown-macro", "date-fallback".
	Code    string
	Message string
}

// String formats d as `path:line: message` (the line left out when unknown).
func (d Diagnostic) String() string {
	switch {
	case d.Path == "":
		return d.Message
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.Path, d.Line, d.Message)
	default:
		return fmt.Sprintf("%s: %s", d.Path, d.Message)
	}
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// Sink receives diagnostics. It is safe for concurrent use.
type Sink struct {
	mu   sync.Mutex
	list []Diagnostic
	seen map[Diagnostic]bool
}

// Report records d, unless the same diagnostic was recorded before (two
// links to one missing file on a line, a missing glyph in every locale's
// PDF).
func (s *Sink) Report(d Diagnostic) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[d] {
		return
	}
	if s.seen == nil {
		s.seen = map[Diagnostic]bool{}
	}
	s.seen[d] = true
	s.list = append(s.list, d)
}

// Warnf records a warning about path:line.
func (s *Sink) Warnf(path string, line int, code, format string, args ...any) {
	s.Report(Diagnostic{Severity: Warning, Path: path, Line: line, Code: code, Message: fmt.Sprintf(format, args...)})
}

// All returns the diagnostics recorded so far, in the order reported.
func (s *Sink) All() []Diagnostic {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Diagnostic(nil), s.list...)
}

// PathCause returns the cause of a file-system error without the path and
// operation that *os.PathError adds ("no such file or directory" rather
// than "open docs/x.md: no such file or directory"), for messages that
// already name the file. Other errors are returned as they are.
func PathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
