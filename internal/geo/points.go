package geo

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ownPoints reads GeoNames' own coordinates of countries (PCLI and the
// other PCL codes) and first-order divisions (ADM1) from GeoNames dump
// files in the geoname table format (XX.txt, allCountries.txt: tab-separated,
// geonameid in column 1, latitude and longitude in 5 and 6, feature class
// and code in 7 and 8). Our extract has no rows for these features, so
// without dumps their points are derived (see countries and
// adminAreaPoints); with them, an entry resolved to a GeoNames id carries
// that id's own point. dir may be missing or empty: the result is then
// empty and the derivation stands.
func ownPoints(dir string) (map[int][2]float64, error) {
	pts := map[int][2]float64{}
	if dir == "" {
		return pts, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("geonames dumps %s: %w", dir, err)
	}
	for _, path := range files {
		if err := readOwnPoints(path, pts); err != nil {
			return nil, err
		}
	}
	return pts, nil
}

func readOwnPoints(path string, pts map[int][2]float64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("geonames dump %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		// cheap test before splitting: only class-A rows can qualify
		if !strings.Contains(line, "\tA\tPCL") && !strings.Contains(line, "\tA\tADM1\t") {
			continue
		}
		cols := strings.SplitN(line, "\t", 9)
		if len(cols) < 9 || cols[6] != "A" {
			continue
		}
		if code := cols[7]; code != "ADM1" && !isCountryCode(code) {
			continue
		}
		id, err1 := strconv.Atoi(cols[0])
		lat, err2 := strconv.ParseFloat(cols[4], 64)
		lon, err3 := strconv.ParseFloat(cols[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue // a malformed row is skipped, not fatal
		}
		pts[id] = [2]float64{lat, lon}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("geonames dump %s: %w", path, err)
	}
	return nil
}

// isCountryCode reports whether a GeoNames feature code is a political
// entity (PCLI independent, PCLD dependent, PCLF freely associated, PCLS
// semi-independent, PCL); PCLH (historical) is not.
func isCountryCode(code string) bool {
	switch code {
	case "PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX":
		return true
	}
	return false
}
