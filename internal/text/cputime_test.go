package text

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time. The machine is shared (2
// cores, several builds and trainings at once), so benchmarks also report
// throughput per CPU-second, which contention does not distort the way it
// does wall-clock ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports per-CPU-second rates for a benchmark.
type cpuMeter struct{ start time.Duration }

func startCPU(b *testing.B) *cpuMeter {
	b.ResetTimer()
	return &cpuMeter{start: cpuTime()}
}

// report adds "MB/cpu-s" for bytes and "<unit>/cpu-s" for items per op.
func (m *cpuMeter) report(b *testing.B, bytesPerOp int64, itemsPerOp float64, unit string) {
	sec := (cpuTime() - m.start).Seconds()
	if sec <= 0 {
		return
	}
	if bytesPerOp > 0 {
		b.ReportMetric(float64(bytesPerOp)*float64(b.N)/sec/1e6, "MB/cpu-s")
	}
	if itemsPerOp > 0 {
		b.ReportMetric(itemsPerOp*float64(b.N)/sec, unit+"/cpu-s")
	}
}
