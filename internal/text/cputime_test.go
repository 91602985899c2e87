package text

import (
	"testing"
	"time"

	"newsgraph/internal/cputime"
)

// cpuMeter reports per-CPU-second rates for a benchmark.
type cpuMeter struct{ start time.Duration }

func startCPU(b *testing.B) *cpuMeter {
	b.ResetTimer()
	return &cpuMeter{start: cputime.Used()}
}

// report adds "MB/cpu-s" for bytes and "<unit>/cpu-s" for items per op.
func (m *cpuMeter) report(b *testing.B, bytesPerOp int64, itemsPerOp float64, unit string) {
	sec := (cputime.Used() - m.start).Seconds()
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
