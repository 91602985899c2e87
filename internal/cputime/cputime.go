// Package cputime reads the CPU time the process has used, for benchmarks.
//
// newsgraph's benchmarks report throughput per CPU-second beside the
// wall-clock figures because the machines they run on are shared: under
// load, wall time measures the queue, CPU time the code.
package cputime

import "time"

// Used returns the process's user+system CPU time so far (0 where the
// platform does not report it).
func Used() time.Duration { return used() }
