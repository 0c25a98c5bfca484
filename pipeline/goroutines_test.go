package pipeline

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

func idleCount(g *goroutines) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.idle)
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestGoroutines checks that kept goroutines never make Go wait, are
// reused, are no more than asked once idle, and end on Close.
func TestGoroutines(t *testing.T) {
	base := runtime.NumGoroutine()
	g := newGoroutines(4)
	// More functions at once than goroutines are kept: all run at once.
	release := make(chan struct{})
	var started, done sync.WaitGroup
	for range 10 {
		started.Add(1)
		done.Add(1)
		g.Go(func() {
			started.Done()
			<-release
			done.Done()
		})
	}
	started.Wait()
	close(release)
	done.Wait()
	waitFor(t, "4 idle goroutines", func() bool { return idleCount(g) == 4 })
	waitFor(t, "the others to end", func() bool { return runtime.NumGoroutine() <= base+4 })
	// An idle goroutine runs the next function.
	ran := make(chan struct{})
	g.Go(func() {
		if n := idleCount(g); n != 3 {
			t.Errorf("%d idle goroutines while one runs, want 3", n)
		}
		close(ran)
	})
	<-ran
	if n := runtime.NumGoroutine(); n > base+4 {
		t.Errorf("%d goroutines, want at most %d: no idle one was reused", n, base+4)
	}
	waitFor(t, "4 idle goroutines", func() bool { return idleCount(g) == 4 })
	// Close ends them; Go still runs functions afterwards.
	g.Close()
	waitFor(t, "the idle goroutines to end", func() bool { return runtime.NumGoroutine() <= base })
	after := make(chan struct{})
	g.Go(func() { close(after) })
	<-after
	waitFor(t, "the goroutine started after Close to end", func() bool { return runtime.NumGoroutine() <= base })
}
