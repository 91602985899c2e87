package main

import (
	"syscall"
	"time"
)

// analyzeCPUTime is the process's user+system CPU time. The machine is shared, so
// benchmarks also report throughput per CPU-second, which contention does
// not distort the way it does wall-clock ns/op.
func analyzeCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
