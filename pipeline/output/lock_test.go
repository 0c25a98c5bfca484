package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLockExcludesASecondRun(t *testing.T) {
	root := t.TempDir()
	first, err := LockDir(context.Background(), root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.TookOver != nil {
		t.Errorf("a fresh lock took over %+v", first.TookOver)
	}
	if h, busy := Busy(root); !busy || h.PID != os.Getpid() {
		t.Errorf("Busy = %+v, %v; want this process", h, busy)
	}
	defer func(old time.Duration) { LockWaitInterval = old }(LockWaitInterval)
	LockWaitInterval = 200 * time.Millisecond
	var waits []Holder
	start := time.Now()
	_, err = LockDir(context.Background(), root, 1500*time.Millisecond, func(h Holder, _ time.Duration) { waits = append(waits, h) })
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second lock: %v, want a LockedError", err)
	}
	if time.Since(start) < 1500*time.Millisecond {
		t.Errorf("gave up after %s, before its timeout", time.Since(start))
	}
	host, _ := os.Hostname()
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host || !strings.Contains(le.Error(), "is locked by galley pid") {
		t.Errorf("error names %+v: %v", le.Holder, le)
	}
	if len(waits) == 0 || waits[0].PID != os.Getpid() {
		t.Errorf("the waiting run was told %+v", waits)
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, LockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is still there after Unlock: %v", err)
	}
	if _, busy := Busy(root); busy {
		t.Error("Busy after Unlock")
	}
	second, err := LockDir(context.Background(), root, 0, nil)
	if err != nil {
		t.Fatalf("lock after Unlock: %v", err)
	}
	second.Unlock()
}

func TestLockWaitsForTheHolder(t *testing.T) {
	root := t.TempDir()
	first, err := LockDir(context.Background(), root, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		first.Unlock()
	}()
	second, err := LockDir(context.Background(), root, 10*time.Second, nil)
	if err != nil {
		t.Fatalf("the waiting run did not get the lock: %v", err)
	}
	second.Unlock()
}

func TestLockStopsWaitingWhenCancelled(t *testing.T) {
	root := t.TempDir()
	first, _ := LockDir(context.Background(), root, 0, nil)
	defer first.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := LockDir(ctx, root, time.Minute, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled wait: %v", err)
	}
}

// A killed run leaves its lock file behind, but not its lock: the next run
// takes it over and says whose it was.
func TestLockTakesOverAKilledRunsFile(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, LockName), []byte(`{"pid":4242,"host":"ci-7","since":"2026-12-01T10:00:00Z"}`+"\n"), 0o644)
	if _, busy := Busy(root); busy {
		t.Fatal("a lock file no process holds counts as busy")
	}
	l, err := LockDir(context.Background(), root, 0, nil)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	defer l.Unlock()
	if l.TookOver == nil || l.TookOver.PID != 4242 || l.TookOver.Host != "ci-7" {
		t.Errorf("TookOver = %+v", l.TookOver)
	}
	if got := l.TookOver.String(); got != "galley pid 4242 on host ci-7 since 2026-12-01 10:00:00 UTC" {
		t.Errorf("holder reads %q", got)
	}
	if h := readHolder(filepath.Join(root, LockName)); h.PID != os.Getpid() {
		t.Errorf("the lock file names %+v, not this process", h)
	}
}
