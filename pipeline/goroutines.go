package pipeline

import "sync"

// goroutines runs functions on goroutines kept between calls. An export
// starts a goroutine per document (for its time limit) and per format of
// each variant; a new goroutine starts with a small stack, which the
// Markdown reader and the PDF layouter make it grow, copying it each time
// it doubles (3 % of a batch's CPU). Kept goroutines keep their grown
// stacks for the next document.
type goroutines struct {
	mu      sync.Mutex
	idle    []chan func() // each idle goroutine waits on its channel
	maxIdle int
	closed  bool
}

func newGoroutines(maxIdle int) *goroutines { return &goroutines{maxIdle: maxIdle} }

// Go runs f on an idle goroutine, or on a new one if none is idle.
func (g *goroutines) Go(f func()) {
	g.mu.Lock()
	if n := len(g.idle); n > 0 {
		c := g.idle[n-1]
		g.idle = g.idle[:n-1]
		g.mu.Unlock()
		c <- f // buffered: the goroutine takes it when it gets there
		return
	}
	g.mu.Unlock()
	go g.run(make(chan func(), 1), f)
}

// run runs f, then whatever Go hands it, until it is not needed.
func (g *goroutines) run(c chan func(), f func()) {
	for f != nil {
		f()
		g.mu.Lock()
		if g.closed || len(g.idle) >= g.maxIdle {
			g.mu.Unlock()
			return
		}
		g.idle = append(g.idle, c)
		g.mu.Unlock()
		f = <-c
	}
}

// Close ends the idle goroutines; those still running end when they are
// done. Go after Close runs f on a goroutine of its own (a document that
// ran past its time limit may still be running).
func (g *goroutines) Close() {
	g.mu.Lock()
	g.closed = true
	idle := g.idle
	g.idle = nil
	g.mu.Unlock()
	for _, c := range idle {
		close(c)
	}
}
