//go:build windows

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// The lock covers one byte far past the holder record, so that other runs
// can still read who holds it (LockFileEx locks are mandatory).
var lockRegion = windows.Overlapped{OffsetHigh: 0x40000000}

// lockFile takes LockFileEx's exclusive lock without blocking: false if
// another handle holds it.
func lockFile(f *os.File) (bool, error) {
	ol := lockRegion
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

func unlockFile(f *os.File) {
	ol := lockRegion
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

// releaseLockFile releases the lock and removes the file. Windows removes
// no open file, so the order is the reverse of Unix: a run that opens the
// file in between keeps it (the removal fails, harmlessly) or, if it
// opened it just before the removal, notices the change and starts over.
func releaseLockFile(f *os.File, name string) error {
	unlockFile(f)
	err := f.Close()
	os.Remove(name)
	return err
}
