package geo

import (
	"cmp"
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

// countryShapes reads the outer rings of every country's polygons from a
// TopoJSON file, by ISO 3166 numeric code.
func countryShapes(path string) (map[string][]part, error) {
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
	byID := map[string][]part{} // several geometries may share an id
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
			if pt, ok := newPart(ring(p[0])); ok {
				byID[id] = append(byID[id], pt)
			}
		}
	}
	return byID, nil
}

// countryCentroids returns, by ISO 3166 numeric code, the centroid of each
// country's main landmass (see landCentroid): the middle that gazetteers
// and encyclopaedias put a country's point near (the contiguous United
// States' centre is in Kansas, not at a population-weighted spot).
func countryCentroids(shapes map[string][]part) map[string][2]float64 {
	out := map[string][2]float64{}
	for id, parts := range shapes {
		if lat, lon, ok := landCentroid(parts); ok {
			out[id] = [2]float64{lat, lon}
		}
	}
	return out
}

// part is one polygon of a country: its area, area centroid and extent.
type part struct {
	ring           [][2]float64 // lon, lat, unwrapped next to the centroid
	area, lat, lon float64
	minLat, maxLat float64
	minLon, maxLon float64
}

func newPart(r [][2]float64) (part, bool) {
	a, lat, lon := ringCentroid(r)
	if a <= 0 {
		return part{}, false
	}
	p := part{area: a, lat: lat, lon: lon, minLat: 90, maxLat: -90, minLon: math.Inf(1), maxLon: math.Inf(-1)}
	p.ring = make([][2]float64, len(r))
	// the ring's longitudes, unwrapped next to its centroid's
	for i, q := range r {
		x := q[0]
		for x-lon > 180 {
			x -= 360
		}
		for x-lon < -180 {
			x += 360
		}
		p.ring[i] = [2]float64{x, q[1]}
		p.minLat, p.maxLat = min(p.minLat, q[1]), max(p.maxLat, q[1])
		p.minLon, p.maxLon = min(p.minLon, x), max(p.maxLon, x)
	}
	return p, true
}

// shift moves a part's longitudes by whole turns to lie next to lon0.
func (p part) shift(lon0 float64) part {
	for p.lon-lon0 > 180 {
		p.lon, p.minLon, p.maxLon = p.lon-360, p.minLon-360, p.maxLon-360
	}
	for p.lon-lon0 < -180 {
		p.lon, p.minLon, p.maxLon = p.lon+360, p.minLon+360, p.maxLon+360
	}
	return p
}

// gapKm is the distance in km between two parts' extents (0 when they
// overlap), on a local flat approximation.
func gapKm(a, b part) float64 {
	dLat := max(0, max(a.minLat, b.minLat)-min(a.maxLat, b.maxLat))
	dLon := max(0, max(a.minLon, b.minLon)-min(a.maxLon, b.maxLon))
	k := math.Cos((a.lat + b.lat) / 2 * math.Pi / 180)
	return 111.2 * math.Hypot(dLat, dLon*k)
}

// nearLandKm is how far (km) an island may lie from the land already
// counted and still belong to the country's main landmass: coastal
// islands and archipelagos that hang together with the mainland (the
// Canadian Arctic, Sakhalin, Corsica) count; overseas parts (Alaska and
// Hawaii, French Guiana, Svalbard, Kaliningrad) do not.
const nearLandKm = 200.0

// landCentroid returns the area centroid of a country's main landmass:
// its largest polygon and the islands chained to it within nearLandKm.
// It reports false for an archipelago (largest polygon under
// mainlandShare of the country's area), which has no mainland whose
// middle stands for it.
func landCentroid(parts []part) (lat, lon float64, ok bool) {
	if len(parts) == 0 {
		return 0, 0, false
	}
	main, total := 0, 0.0
	for i, p := range parts {
		total += p.area
		if p.area > parts[main].area {
			main = i
		}
	}
	if parts[main].area < mainlandShare*total {
		return 0, 0, false
	}
	lon0 := parts[main].lon
	in := make([]bool, len(parts))
	in[main] = true
	cluster := []part{parts[main]}
	for grew := true; grew; {
		grew = false
		for i, p := range parts {
			if in[i] {
				continue
			}
			p = p.shift(lon0)
			for _, c := range cluster {
				if gapKm(p, c) <= nearLandKm {
					in[i], grew = true, true
					cluster = append(cluster, p)
					break
				}
			}
		}
	}
	var a float64
	for _, c := range cluster {
		a += c.area
		lat += c.area * c.lat
		lon += c.area * c.lon
	}
	lat, lon = lat/a, lon/a
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return lat, lon, true
}

// mainlandShare is the share of a country's area its largest polygon must
// hold for the country to have a main landmass whose centroid stands for it.
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

// town is a populated place labelled with its admin1 key ("CA.08").
type town struct {
	lat, lon float64
	key      string
}

// cellsPerCountry is about how many grid cells a country's land is cut
// into to share it among its admin1 areas (finer for small countries, down
// to minCellDeg).
const (
	cellsPerCountry = 20000
	minCellDeg      = 0.05
)

// adminAreaPoints estimates the middle of every admin1 area of the
// countries that have shapes, without admin1 polygons: the country's land
// is cut into grid cells, each cell goes to the area of its nearest town
// (a Voronoi partition of the land by towns), and an area's point is the
// centroid of its cells. Unlike a statistic of the towns themselves it
// covers the empty parts an area owns (the north of Ontario or
// Saskatchewan, the interior of Queensland), which is where the middle
// that gazetteers and encyclopaedias give lies; an island or outlying
// village adds only the land near it. byISO maps an ISO numeric code to
// ISO2; towns are grouped by country (ISO2). The result is keyed by
// admin1 key.
func adminAreaPoints(shapes map[string][]part, byISO map[string]string, towns map[string][]town) map[string][2]float64 {
	out := map[string][2]float64{}
	for num, parts := range shapes {
		ts := towns[byISO[num]]
		if len(ts) == 0 || len(parts) == 0 {
			continue
		}
		ts = slices.Clone(ts)
		slices.SortFunc(ts, func(a, b town) int { return cmp.Compare(a.lat, b.lat) })
		ts = dropStrays(ts)
		var total float64
		for _, p := range parts {
			total += p.area
		}
		step := max(minCellDeg, math.Sqrt(total/cellsPerCountry))
		type acc struct{ w, lat, lon, ref float64 }
		sums := map[string]*acc{}
		for _, p := range parts {
			k := math.Max(0.2, math.Cos(p.lat*math.Pi/180))
			dLon := step / k
			var xs []float64
			for y := math.Floor(p.minLat/step)*step + step/2; y < p.maxLat; y += step {
				xs = xs[:0]
				r := p.ring
				for i := range r {
					a, b := r[i], r[(i+1)%len(r)]
					if (a[1] <= y) != (b[1] <= y) {
						xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
					}
				}
				slices.Sort(xs)
				w := math.Cos(y * math.Pi / 180)
				for i := 0; i+1 < len(xs); i += 2 {
					for x := math.Floor(xs[i]/dLon)*dLon + dLon/2; x < xs[i+1]; x += dLon {
						if x < xs[i] {
							continue
						}
						t := nearestTown(ts, y, x)
						s := sums[t.key]
						if s == nil {
							s = &acc{ref: t.lon}
							sums[t.key] = s
						}
						xx := x
						for xx-s.ref > 180 {
							xx -= 360
						}
						for xx-s.ref < -180 {
							xx += 360
						}
						s.w += w
						s.lat += w * y
						s.lon += w * xx
					}
				}
			}
		}
		for key, s := range sums {
			lon := s.lon / s.w
			for lon > 180 {
				lon -= 360
			}
			for lon < -180 {
				lon += 360
			}
			out[key] = [2]float64{s.lat / s.w, lon}
		}
	}
	return out
}

// nearestTown returns the town nearest to (lat, lon) on a local flat
// approximation; ts is sorted by latitude and not empty.
func nearestTown(ts []town, lat, lon float64) town {
	k := math.Cos(lat * math.Pi / 180)
	i, _ := slices.BinarySearchFunc(ts, lat, func(t town, v float64) int {
		if t.lat < v {
			return -1
		}
		if t.lat > v {
			return 1
		}
		return 0
	})
	best, bestD := 0, math.Inf(1)
	d2 := func(t town) float64 {
		dx := t.lon - lon
		for dx > 180 {
			dx -= 360
		}
		for dx < -180 {
			dx += 360
		}
		dx *= k
		dy := t.lat - lat
		return dx*dx + dy*dy
	}
	for j := i; j < len(ts); j++ {
		dy := ts[j].lat - lat
		if dy*dy >= bestD {
			break
		}
		if d := d2(ts[j]); d < bestD {
			best, bestD = j, d
		}
	}
	for j := i - 1; j >= 0; j-- {
		dy := lat - ts[j].lat
		if dy*dy >= bestD {
			break
		}
		if d := d2(ts[j]); d < bestD {
			best, bestD = j, d
		}
	}
	return ts[best]
}

// strayNeighbours and strayShare say when a town is taken as coded to the
// wrong admin1 area: fewer than strayShare of its strayNeighbours nearest
// towns of the country share its area. GeoNames codes a few villages to a
// far area (Tibetan villages under Hebei); in a Voronoi partition such a
// town would claim a wide empty region for its area. A remote town of a
// sparse area (Attawapiskat, Ontario; Lerwick, Shetland) has its own
// area's towns around it and stays.
const (
	strayNeighbours = 10
	strayShare      = 0.3
)

// dropStrays removes the strays from a country's towns (sorted by
// latitude) and returns the rest, still sorted.
func dropStrays(ts []town) []town {
	if len(ts) <= strayNeighbours {
		return ts
	}
	out := make([]town, 0, len(ts))
	type nb struct {
		d   float64
		own bool
	}
	near := make([]nb, 0, strayNeighbours+1)
	for i, t := range ts {
		near = near[:0]
		k := math.Cos(t.lat * math.Pi / 180)
		worst := math.Inf(1)
		consider := func(j int) bool {
			dy := ts[j].lat - t.lat
			if len(near) == strayNeighbours && dy*dy >= worst {
				return false
			}
			dx := ts[j].lon - t.lon
			for dx > 180 {
				dx -= 360
			}
			for dx < -180 {
				dx += 360
			}
			dx *= k
			d := dx*dx + dy*dy
			if len(near) < strayNeighbours || d < worst {
				near = append(near, nb{d, ts[j].key == t.key})
				slices.SortFunc(near, func(a, b nb) int { return cmp.Compare(a.d, b.d) })
				if len(near) > strayNeighbours {
					near = near[:strayNeighbours]
				}
				if len(near) == strayNeighbours {
					worst = near[len(near)-1].d
				}
			}
			return true
		}
		for j := i + 1; j < len(ts) && consider(j); j++ {
		}
		for j := i - 1; j >= 0 && consider(j); j-- {
		}
		own := 0
		for _, n := range near {
			if n.own {
				own++
			}
		}
		if float64(own) >= strayShare*float64(len(near)) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return ts // no area hangs together: nothing to tell strays by
	}
	return out
}
