//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Process returns the user + system time the process has used so far, of
// all its threads.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
