package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// TooLargeError is an input over the size limit (Options.MaxBytes). Size
// is the file's size, or -1 where it is not known (a pipe, a device, a
// file that grew while it was read): reading stopped after Limit+1 bytes.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("the file is larger than the %d-byte limit (reading stopped there); raise the limit (max_bytes in galley.yaml) or split the document", e.Limit)
	}
	return fmt.Sprintf("the file is %d bytes, over the %d-byte limit; raise the limit (max_bytes in galley.yaml) or split the document", e.Size, e.Limit)
}

// NotRegularError is an input that is not a regular file: a named pipe
// (which would block the reader until something writes into it), a device
// such as /dev/zero (which never ends), a socket or a folder, perhaps
// through a symbolic link. Export reads regular files only.
type NotRegularError struct {
	Kind   string // "a named pipe (FIFO)", "a device", …
	Target string // where a symbolic link leads, or ""
}

func (e *NotRegularError) Error() string {
	what := "it is " + e.Kind
	if e.Target != "" {
		what = fmt.Sprintf("it is a symbolic link to %s, which is %s", e.Target, e.Kind)
	}
	return what + ", not a regular file; galley exports regular files only: remove it, or give the file it stands for"
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// ReadFile reads the file name, at most limit bytes (0: DefaultMaxBytes): a
// larger file is a *TooLargeError, found by its size before anything is
// read, or, for what has no size (a pipe, a device), after limit+1 bytes.
// With regularOnly, anything but a regular file is a *NotRegularError,
// found before the file is opened, so that a named pipe does not block
// and a device is not read at all (export); without it, pipes and devices
// are read through the limit (convert <(…), /dev/stdin).
func ReadFile(name string, limit int64, regularOnly bool) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if regularOnly && !fi.Mode().IsRegular() {
		return nil, notRegular(name, fi.Mode())
	}
	if fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, &TooLargeError{Size: fi.Size(), Limit: limit}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if regularOnly {
		// The file may have been replaced since it was looked at.
		if fi, err = f.Stat(); err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, notRegular(name, fi.Mode())
		}
	}
	size := int64(512)
	if fi.Mode().IsRegular() && fi.Size() > 0 {
		size = fi.Size() + 1 // +1: to see the end without growing
	}
	return readLimited(f, limit, size)
}

// ReadLimited reads r to its end, at most limit bytes (0: DefaultMaxBytes):
// more is a *TooLargeError (standard input to convert).
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	return readLimited(r, limit, 512)
}

func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	data := make([]byte, 0, min(size, limit+1))
	lr := io.LimitReader(r, limit+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: -1, Limit: limit}
	}
	return data, nil
}

func notRegular(name string, m fs.FileMode) error {
	e := &NotRegularError{Kind: kindOf(m)}
	if li, err := os.Lstat(name); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if t, err := os.Readlink(name); err == nil {
			e.Target = t
		}
	}
	return e
}

// isReadLimit reports whether err is a refusal of ReadFile (the file's
// size or kind), not a failure to read.
func isReadLimit(err error) bool {
	var tl *TooLargeError
	var nr *NotRegularError
	return errors.As(err, &tl) || errors.As(err, &nr)
}
