package cputime

import "testing"

func TestUsedGrowsWithWork(t *testing.T) {
	before := Used()
	if before <= 0 {
		t.Skip("CPU time not reported on this platform")
	}
	x := 0
	for i := 0; Used()-before < 5e6 && i < 1e9; i++ { // spin until 5 ms of CPU
		x += i
	}
	if got := Used() - before; got < 5e6 {
		t.Fatalf("Used grew by %v after spinning (x=%d), want ≥ 5ms", got, x)
	}
}
