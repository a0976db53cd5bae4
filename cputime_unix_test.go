//go:build unix

package gitlab_test

import "syscall"

// cpuTime is the CPU time the process has used so far (user and system),
// in nanoseconds: unlike a duration, it does not grow while a loaded
// machine runs other processes.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
