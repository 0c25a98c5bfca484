//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package output

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes flock(2)'s exclusive lock without blocking: false if
// another open file description holds it.
func lockFile(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

func unlockFile(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// releaseLockFile removes the lock file while still holding its lock, so
// that a run waiting on this file finds it gone (tryLockFile's check) and
// starts over on a new one, then releases the lock.
func releaseLockFile(f *os.File, name string) error {
	err := os.Remove(name)
	unlockFile(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
