package geo

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
)

// topology is the part of a TopoJSON file (Natural Earth countries from
// world-atlas) that centroids need.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type string          `json:"type"`
			ID   json.RawMessage `json:"id"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

// countryCentroids returns, by ISO 3166 numeric code, the centroid of each
// country's largest polygon when it holds most of the country: the mainland's middle, which is where
// gazetteers and encyclopaedias put a country's point (the contiguous
// United States' centre is in Kansas, not at a population-weighted spot).
func countryCentroids(path string) (map[string][2]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("compile gazetteer: %w", err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("compile gazetteer %s: %w", path, err)
	}
	// decode the delta-encoded, quantised arcs into lon/lat
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			x += p[0]
			y += p[1]
			pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) [][2]float64 {
		var out [][2]float64
		for k, ai := range idx {
			var pts [][2]float64
			if ai >= 0 {
				if ai >= len(arcs) {
					return nil
				}
				pts = arcs[ai]
			} else {
				if ^ai >= len(arcs) {
					return nil
				}
				pts = slices.Clone(arcs[^ai])
				slices.Reverse(pts)
			}
			if k > 0 && len(pts) > 0 {
				pts = pts[1:]
			}
			out = append(out, pts...)
		}
		return out
	}
	out := map[string][2]float64{}
	bestArea := map[string]float64{} // several geometries may share an id
	total := map[string]float64{}
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("compile gazetteer %s: no countries object", path)
	}
	for _, geom := range obj.Geometries {
		var id string
		if err := json.Unmarshal(geom.ID, &id); err != nil {
			continue
		}
		var polys [][][]int
		switch geom.Type {
		case "Polygon":
			var p [][]int
			if json.Unmarshal(geom.Arcs, &p) != nil {
				continue
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if json.Unmarshal(geom.Arcs, &polys) != nil {
				continue
			}
		default:
			continue
		}
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			r := ring(p[0])
			a, lat, lon := ringCentroid(r)
			total[id] += a
			if a > bestArea[id] {
				bestArea[id] = a
				if lon > 180 {
					lon -= 360
				} else if lon < -180 {
					lon += 360
				}
				out[id] = [2]float64{lat, lon}
			}
		}
	}
	// an archipelago (Indonesia, the Philippines) has no mainland whose
	// middle stands for it: leave those to the listed reference point
	for id, a := range bestArea {
		if a < mainlandShare*total[id] {
			delete(out, id)
		}
	}
	return out, nil
}

// mainlandShare is the share of a country's area its largest polygon must
// hold for that polygon's centroid to be the country's point.
const mainlandShare = 0.75

// ringCentroid returns the area (in cos-latitude-scaled square degrees) and
// the area centroid of a closed lon/lat ring.
func ringCentroid(r [][2]float64) (area, lat, lon float64) {
	if len(r) < 3 {
		return 0, 0, 0
	}
	// unwrap longitudes so a ring across the antimeridian stays continuous
	r = slices.Clone(r)
	for i := 1; i < len(r); i++ {
		for r[i][0]-r[i-1][0] > 180 {
			r[i][0] -= 360
		}
		for r[i][0]-r[i-1][0] < -180 {
			r[i][0] += 360
		}
	}
	var meanLat float64
	for _, p := range r {
		meanLat += p[1]
	}
	meanLat /= float64(len(r))
	k := math.Cos(meanLat * math.Pi / 180)
	var a, cx, cy float64
	for i := range r {
		x0, y0 := r[i][0]*k, r[i][1]
		j := (i + 1) % len(r)
		x1, y1 := r[j][0]*k, r[j][1]
		c := x0*y1 - x1*y0
		a += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	if a == 0 {
		return 0, 0, 0
	}
	cx /= 3 * a
	cy /= 3 * a
	return math.Abs(a / 2), cy, cx / k
}
