package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar is the bar `galley export` draws on a terminal, one line
// redrawn in place:
//
//	exporting  45% |██████████████████                      | (450/1000) [2s:3s]
//
// with the time spent and the time left (from the rate so far). It replaces
// github.com/schollz/progressbar, which drew the same line but linked
// net/http, TLS and a colour-markup package into every galley process (about
// 0.3 ms of package initialisation for `galley version` alone). It is not
// safe for concurrent use: the reporter holds its lock around every call.
type progressBar struct {
	w        io.Writer
	total, n int
	start    time.Time
	drawn    time.Time // when the line was last drawn; zero when cleared
	widest   int       // the widest line drawn, for Clear
	now      func() time.Time
}

// barWidth is the number of cells of the bar itself.
const barWidth = 40

// barRedraw is the shortest time between two draws: a fast run of small
// documents does not spend its time writing to the terminal.
const barRedraw = 100 * time.Millisecond

func newProgressBar(w io.Writer, total int) *progressBar {
	b := &progressBar{w: w, total: total, now: time.Now}
	b.start = b.now()
	return b
}

// Add counts n more documents done and redraws the line, at most every
// barRedraw and always when the last one is done.
func (b *progressBar) Add(n int) {
	b.n += n
	now := b.now()
	if b.drawn.IsZero() || now.Sub(b.drawn) >= barRedraw || b.n >= b.total {
		b.draw(now)
	}
}

// Clear erases the line, so that a message can be printed in its place; the
// next Add draws it again.
func (b *progressBar) Clear() {
	if b.widest > 0 {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.widest))
	}
	b.drawn = time.Time{}
}

// Finish erases the line: the summary that follows says what was done.
func (b *progressBar) Finish() { b.Clear() }

func (b *progressBar) draw(now time.Time) {
	b.drawn = now
	line := b.line(now)
	if w := len([]rune(line)); w > b.widest {
		b.widest = w
	}
	fmt.Fprintf(b.w, "\r%s", line)
}

// line is the text of the bar at now.
func (b *progressBar) line(now time.Time) string {
	pct := 100
	if b.total > 0 {
		pct = min(100, b.n*100/b.total)
	}
	filled := pct * barWidth / 100
	elapsed := now.Sub(b.start)
	left := time.Duration(0)
	if b.n > 0 && b.n < b.total {
		left = time.Duration(float64(elapsed) / float64(b.n) * float64(b.total-b.n))
	}
	return fmt.Sprintf("exporting %3d%% |%s%s| (%d/%d) [%s:%s] ", pct, strings.Repeat("█", filled), strings.Repeat(" ", barWidth-filled),
		b.n, b.total, elapsed.Truncate(time.Second), left.Round(time.Second))
}
