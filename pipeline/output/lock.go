package output

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the name of the lock file an export run holds in its output
// root. It exists only while a run holds it (or after a run was killed, in
// which case the next run takes it over) and is never listed in the
// manifest.
const LockName = ".galley.lock"

// Holder says who holds (or last held) an output root's lock.
type Holder struct {
	PID   int    `json:"pid"`
	Host  string `json:"host"`
	Since string `json:"since,omitempty"` // RFC 3339, UTC
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another galley run"
	}
	s := fmt.Sprintf("galley pid %d on host %s", h.PID, h.Host)
	if t, err := time.Parse(time.RFC3339, h.Since); err == nil {
		s += " since " + t.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	return s
}

// LockedError is returned when an output root stayed locked by another run
// for longer than the time a run was willing to wait.
type LockedError struct {
	Root   string
	Holder Holder
	Waited time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is locked by %s: gave up after waiting %s; let that run finish, raise --lock-timeout, or export into another folder (a lock file of a run that is no longer running is taken over by itself; if %s stays locked with no galley running, remove %s)",
		e.Root, e.Holder, e.Waited.Round(time.Second), e.Root, filepath.Join(e.Root, LockName))
}

// Lock is a held exclusive lock on an output root: while it is held, no
// other galley run (in this or another process, on this or, where the file
// system supports it, another host) writes into the root. The lock is an
// operating-system lock on OUT/.galley.lock (flock on Unix, LockFileEx on
// Windows), so it is released when its process ends, however it ends; the
// file's content names the holder for the messages of runs that wait.
type Lock struct {
	f    *os.File
	path string
	// TookOver is the holder a killed run left in the lock file, when this
	// lock took it over; nil otherwise.
	TookOver *Holder
}

// LockWaitInterval is how often a waiting run is told that it still waits.
var LockWaitInterval = 30 * time.Second

// lockPoll is how often a waiting run tries the lock again.
const lockPoll = 100 * time.Millisecond

// LockDir takes the exclusive lock of the output root. If another run holds
// it, LockDir tries again until timeout has passed (0: not at all), calling
// wait after a second of waiting and then every LockWaitInterval with the
// holder and the time waited so far, and then returns a *LockedError. A
// cancelled ctx stops the wait with ctx's error.
func LockDir(ctx context.Context, root string, timeout time.Duration, wait func(h Holder, waited time.Duration)) (*Lock, error) {
	name := filepath.Join(root, LockName)
	start := time.Now()
	var told time.Duration = -1
	for {
		l, err := tryLockFile(name)
		if err != nil {
			return nil, fmt.Errorf("cannot lock %s: %w", name, err)
		}
		if l != nil {
			return l, nil
		}
		waited := time.Since(start)
		if waited >= timeout {
			return nil, &LockedError{Root: root, Holder: readHolder(name), Waited: waited}
		}
		if wait != nil && waited >= time.Second && (told < 0 || waited-told >= LockWaitInterval) {
			told = waited
			wait(readHolder(name), waited)
		}
		pause := min(lockPoll, timeout-waited)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
	}
}

// tryLockFile makes one attempt at the lock: the held lock, nil if another
// process holds it, or an error if the file cannot be locked at all.
func tryLockFile(name string) (*Lock, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	ok, err := lockFile(f)
	if err != nil || !ok {
		f.Close()
		return nil, err
	}
	// The holder before us may have removed the file between our open and
	// our lock: then we hold a lock on a file no one else will open.
	fi, err1 := f.Stat()
	cur, err2 := os.Stat(name)
	if err1 != nil || err2 != nil || !os.SameFile(fi, cur) {
		unlockFile(f)
		f.Close()
		return nil, nil
	}
	l := &Lock{f: f, path: name}
	if prev, err := io.ReadAll(io.LimitReader(f, 4096)); err == nil && len(strings.TrimSpace(string(prev))) > 0 {
		var h Holder
		json.Unmarshal(prev, &h)
		l.TookOver = &h
	}
	host, _ := os.Hostname()
	me, _ := json.Marshal(Holder{PID: os.Getpid(), Host: host, Since: time.Now().UTC().Format(time.RFC3339)})
	if err := f.Truncate(0); err == nil {
		f.WriteAt(append(me, '\n'), 0)
	}
	return l, nil
}

// readHolder reads who holds the lock file name (zero if unknown).
func readHolder(name string) Holder {
	var h Holder
	data, err := os.ReadFile(name)
	if err == nil {
		json.Unmarshal(data, &h)
	}
	return h
}

// Unlock releases the lock and removes the lock file.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := releaseLockFile(l.f, l.path)
	l.f = nil
	return err
}

// Busy reports whether another run holds the lock of root, and who. It
// takes nothing: a run that starts right after may still take the lock.
func Busy(root string) (Holder, bool) {
	name := filepath.Join(root, LockName)
	f, err := os.Open(name)
	if err != nil {
		return Holder{}, false
	}
	defer f.Close()
	ok, err := lockFile(f)
	if err != nil {
		return Holder{}, false
	}
	if ok {
		unlockFile(f)
		return Holder{}, false
	}
	return readHolder(name), true
}

// errLockUnsupported is returned where the platform has no file locks.
var errLockUnsupported = errors.New("file locks are not supported on this platform")
