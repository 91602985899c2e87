package geo

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOwnPoints(t *testing.T) {
	dir := t.TempDir()
	rows := "" +
		"2077456\tCommonwealth of Australia\tCommonwealth of Australia\t\t-25\t135\tA\tPCLI\tAU\t\t00\t\t\t\t22751014\t\t330\tAustralia/Sydney\t2014-01-01\n" +
		"2152274\tState of Queensland\tState of Queensland\t\t-20\t145\tA\tADM1\tAU\t\t04\t\t\t\t4516361\t\t500\tAustralia/Brisbane\t2014-01-01\n" +
		"2174003\tBrisbane\tBrisbane\t\t-27.46794\t153.02809\tP\tPPLA\tAU\t\t04\t\t\t\t958504\t\t28\tAustralia/Brisbane\t2014-01-01\n" +
		"1\tOld Realm\tOld Realm\t\t1\t2\tA\tPCLH\tAU\t\t\t\t\t\t0\t\t0\t\t2014-01-01\n" +
		"2\tBroken\tBroken\t\tx\t2\tA\tADM1\tAU\t\t\t\t\t\t0\t\t0\t\t2014-01-01\n"
	if err := os.WriteFile(filepath.Join(dir, "AU.txt"), []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	pts, err := ownPoints(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id       int
		ok       bool
		lat, lon float64
	}{
		{2077456, true, -25, 135}, // PCLI
		{2152274, true, -20, 145}, // ADM1
		{2174003, false, 0, 0},    // a town: cities500 has it already
		{1, false, 0, 0},          // historical political entity
		{2, false, 0, 0},          // malformed latitude: skipped
	}
	for _, tc := range tests {
		p, ok := pts[tc.id]
		if ok != tc.ok || (ok && (p[0] != tc.lat || p[1] != tc.lon)) {
			t.Errorf("ownPoints[%d] = %v, %v; want %v, %v %v", tc.id, p, ok, tc.ok, tc.lat, tc.lon)
		}
	}
	if pts, err := ownPoints(filepath.Join(dir, "missing")); err != nil || len(pts) != 0 {
		t.Errorf("missing dir: %v, %v; want empty, nil", pts, err)
	}
}
