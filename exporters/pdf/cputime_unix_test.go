//go:build unix

package pdf

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used (user and system),
// which other programs on a busy machine do not inflate as they do the
// wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
