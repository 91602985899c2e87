package geo

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// square returns a part for the closed lon/lat box [lon0,lon1]×[lat0,lat1].
func square(t *testing.T, lon0, lat0, lon1, lat1 float64) part {
	t.Helper()
	p, ok := newPart([][2]float64{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}})
	if !ok {
		t.Fatalf("square %v %v %v %v has no area", lon0, lat0, lon1, lat1)
	}
	return p
}

func near(a, b [2]float64, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

func TestLandCentroid(t *testing.T) {
	main := square(t, 0, 0, 10, 10)
	tests := []struct {
		name  string
		parts []part
		want  [2]float64 // lat, lon
		ok    bool
	}{
		{"mainland alone", []part{main}, [2]float64{5, 5}, true},
		// an island 1° off the coast belongs to the landmass and pulls the middle east
		{"coastal island counts", []part{main, square(t, 11, 0, 13, 10)}, [2]float64{5, 6.17}, true},
		// an overseas part (Alaska, Svalbard) does not
		{"overseas part ignored", []part{main, square(t, 40, 0, 42, 10)}, [2]float64{5, 5}, true},
		// an archipelago has no mainland to stand for it
		{"archipelago", []part{square(t, 0, 0, 2, 2), square(t, 20, 0, 22, 2)}, [2]float64{}, false},
	}
	for _, tt := range tests {
		lat, lon, ok := landCentroid(tt.parts)
		if ok != tt.ok || (ok && !near([2]float64{lat, lon}, tt.want, 0.15)) {
			t.Errorf("%s: got (%.2f, %.2f, %v), want (%.2f, %.2f, %v)", tt.name, lat, lon, ok, tt.want[0], tt.want[1], tt.ok)
		}
	}
}

func TestAdminAreaPoints(t *testing.T) {
	// one country, a 10°×10° square on the equator, two areas: A's only
	// town sits in the south, B's two towns in the north. Each area owns
	// the half of the land nearest its towns, so its point is that half's
	// middle, not its towns' mean.
	shapes := map[string][]part{"999": {square(t, 0, -5, 10, 5)}}
	towns := map[string][]town{"XX": {
		{lat: -1, lon: 5, key: "XX.A"},
		{lat: 1, lon: 5, key: "XX.B"},
		{lat: 3, lon: 5, key: "XX.B"},
	}}
	got := adminAreaPoints(shapes, map[string]string{"999": "XX"}, towns)
	for key, want := range map[string][2]float64{"XX.A": {-2.5, 5}, "XX.B": {2.5, 5}} {
		if !near(got[key], want, 0.2) {
			t.Errorf("%s: got %v, want %v", key, got[key], want)
		}
	}
	// a country without towns or without a shape yields nothing
	if got := adminAreaPoints(shapes, map[string]string{"999": "YY"}, towns); len(got) != 0 {
		t.Errorf("no towns: got %v", got)
	}
}

func TestNearestTown(t *testing.T) {
	ts := []town{{lat: -10, lon: 0, key: "a"}, {lat: 0, lon: 179, key: "b"}, {lat: 0, lon: 20, key: "c"}, {lat: 30, lon: 0, key: "d"}}
	// sorted by latitude, as adminAreaPoints gives them
	ts[1], ts[2] = ts[2], ts[1]
	for _, tt := range []struct {
		lat, lon float64
		want     string
	}{
		{0, -179, "b"}, // across the antimeridian
		{1, 18, "c"},
		{-9, 1, "a"},
		{25, 3, "d"},
	} {
		if got := nearestTown(ts, tt.lat, tt.lon); got.key != tt.want {
			t.Errorf("nearestTown(%v, %v) = %s, want %s", tt.lat, tt.lon, got.key, tt.want)
		}
	}
}

func TestDropStrays(t *testing.T) {
	var ts []town
	// area A: a cluster in the south and three remote towns together in
	// the far north (Ontario's north); area B: a cluster in the east with
	// one town coded A inside it (a village under the wrong province)
	for i := 0; i < 12; i++ {
		ts = append(ts, town{lat: float64(i % 4), lon: float64(i / 4), key: "A"})
		ts = append(ts, town{lat: float64(i % 4), lon: 20 + float64(i/4), key: "B"})
	}
	ts = append(ts, town{lat: 15, lon: 1, key: "A"}, town{lat: 15.5, lon: 1.2, key: "A"}, town{lat: 16, lon: 0.8, key: "A"})
	ts = append(ts, town{lat: 1.5, lon: 21.5, key: "A"})
	slices.SortFunc(ts, func(a, b town) int { return cmp.Compare(a.lat, b.lat) })
	got := dropStrays(ts)
	if len(got) != len(ts)-1 {
		t.Fatalf("kept %d of %d towns, want all but one", len(got), len(ts))
	}
	for _, tw := range got {
		if tw.key == "A" && tw.lon > 10 {
			t.Errorf("the A town inside B's cluster was kept: %+v", tw)
		}
	}
}
