package cameo

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"newsgraph/internal/datadir"
)

// Tables holds the CAMEO event-code descriptions, Goldstein scores and the
// CAMEO→PLOVER mapping.
type Tables struct {
	Desc      map[string]string
	Goldstein map[string]float64
	Plover    map[string]PloverType
}

// PloverType is the PLOVER event type and mode of a CAMEO code.
type PloverType struct {
	Event, Mode, Context string
}

// LoadTables reads CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt from
// lookups and CAMEO2PLOVER-2021.txt from plover. Missing files leave the
// tables empty (codes still work; Goldstein is 0).
func LoadTables(lookups, plover string) (*Tables, error) {
	t := &Tables{Desc: map[string]string{}, Goldstein: map[string]float64{}, Plover: map[string]PloverType{}}
	if lookups != "" {
		if err := readTSV(lookups+"/CAMEO.eventcodes.txt", func(k, v string) { t.Desc[k] = v }); err != nil {
			return nil, err
		}
		if err := readTSV(lookups+"/CAMEO.goldsteinscale.txt", func(k, v string) {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				t.Goldstein[k] = f
			}
		}); err != nil {
			return nil, err
		}
	}
	if plover != "" {
		path := plover + "/CAMEO2PLOVER-2021.txt"
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("load PLOVER mapping %s: %w", path, err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := stripComment(sc.Text())
			i := strings.Index(line, ":")
			if i < 0 {
				continue
			}
			code := strings.TrimSpace(line[:i])
			if code == "" || strings.ContainsAny(code, " ~") {
				continue
			}
			parts := strings.Split(line[i+1:], ",")
			pt := PloverType{Event: strings.TrimSpace(parts[0])}
			if len(parts) > 1 {
				pt.Mode = strings.TrimSpace(parts[1])
			}
			if len(parts) > 2 {
				pt.Context = strings.TrimSpace(strings.Join(parts[2:], ","))
			}
			if pt.Event == "" {
				continue
			}
			if _, dup := t.Plover[code]; !dup {
				t.Plover[code] = pt
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("load PLOVER mapping %s: %w", path, err)
		}
	}
	return t, nil
}

func readTSV(path string, fn func(k, v string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load CAMEO table %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		p := strings.SplitN(sc.Text(), "\t", 2)
		if len(p) == 2 {
			fn(strings.TrimSpace(p[0]), strings.TrimSpace(p[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load CAMEO table %s: %w", path, err)
	}
	return nil
}

// IsNumeric reports whether code is a real CAMEO code (digits only).
func IsNumeric(code string) bool {
	if len(code) < 2 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Base returns the three-digit base of a CAMEO code ("1056" → "105").
func Base(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// Root returns the two-digit root ("042" → "04").
func Root(code string) string {
	if len(code) > 2 {
		return code[:2]
	}
	return code
}

// QuadClass is GDELT's quad class of a code: 01–05 verbal cooperation (1),
// 06–09 material cooperation (2), 10–14 verbal conflict (3), 15–20
// material conflict (4). 0 for non-CAMEO codes.
func QuadClass(code string) int {
	if !IsNumeric(code) {
		return 0
	}
	r, _ := strconv.Atoi(Root(code))
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 9:
		return 2
	case r >= 10 && r <= 14:
		return 3
	case r >= 15 && r <= 20:
		return 4
	}
	return 0
}

// GoldsteinOf looks a code up, falling back to its base and root.
func (t *Tables) GoldsteinOf(code string) float64 {
	if t == nil {
		return 0
	}
	for _, c := range []string{code, Base(code), Root(code)} {
		if g, ok := t.Goldstein[c]; ok {
			return g
		}
	}
	return 0
}

// PloverOf maps a CAMEO code to PLOVER, falling back to its base and root.
// CAMEO 01 (statements) has no PLOVER type; 02 (appeals) maps to REQUEST
// like 10 (demands), as the PLOVER manual folds them together.
func (t *Tables) PloverOf(code string) PloverType {
	if t == nil || !IsNumeric(code) {
		return PloverType{}
	}
	for _, c := range []string{code, Base(code), Root(code)} {
		if p, ok := t.Plover[c]; ok {
			return p
		}
	}
	if Root(code) == "02" {
		return PloverType{Event: "REQUEST"}
	}
	return PloverType{}
}

// Intent maps a material code to CAMEO's "express intent" code (03x):
// "agreed to meet" is 036, not 043. Codes with no intent form return "".
func Intent(code string) string {
	if !IsNumeric(code) {
		return ""
	}
	switch Base(code) {
	case "040", "041", "042", "043", "044", "045", "046":
		return "036"
	case "060":
		return "031"
	case "061":
		return "0311"
	case "062":
		return "0312"
	case "063":
		return "0313"
	case "064":
		return "0314"
	case "070":
		return "033"
	case "071":
		return "0331"
	case "072":
		return "0332"
	case "073":
		return "0333"
	case "074":
		return "0334"
	case "080", "081", "082", "083":
		return "034"
	case "084", "085", "086", "087":
		return "035"
	case "050", "051", "052", "053", "054", "055", "056", "057":
		return "032"
	}
	switch Root(code) {
	case "03":
		return code
	}
	return ""
}

// Country is one row of countries.tsv.
type Country struct {
	CAMEO, Name, ISO2, ISO3, FIPS string
}

// Countries maps country codes between CAMEO/ISO3, ISO2 and FIPS 10-4.
type Countries struct {
	ByISO2  map[string]*Country
	ByCAMEO map[string]*Country
	rows    []*Country
}

// LoadCountries reads countries.tsv (CAMEO_CODE NAME ISO2 ISO3 ... FIPS10).
func LoadCountries(path string) (*Countries, error) {
	c := &Countries{ByISO2: map[string]*Country{}, ByCAMEO: map[string]*Country{}}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load countries %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 7 {
			continue
		}
		c.rows = append(c.rows, &Country{CAMEO: p[0], Name: p[1], ISO2: p[2], ISO3: p[3], FIPS: p[6]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load countries %s: %w", path, err)
	}
	c.index()
	return c, nil
}

func (c *Countries) index() {
	c.ByISO2 = make(map[string]*Country, len(c.rows))
	c.ByCAMEO = make(map[string]*Country, 2*len(c.rows))
	for _, row := range c.rows {
		c.ByISO2[row.ISO2] = row
		c.ByCAMEO[row.CAMEO] = row
	}
	for _, row := range c.rows {
		if _, ok := c.ByCAMEO[row.ISO3]; !ok && row.ISO3 != "" {
			c.ByCAMEO[row.ISO3] = row
		}
	}
}

// Reconcile corrects the ISO and FIPS codes from a reference country
// table with iso2, iso3 and fips columns (GeoNames' geo/countries.tsv): a
// row whose CAMEO code is an ISO 3166 alpha-3 code of the reference takes
// the reference's codes. The countries.tsv that comes with the CAMEO data
// has copy errors in those columns (Israel IS/IL, Japan JON, Myanmar
// MZ/MOZ, Guinea PG/PNG, Guatemala GP/GLP), which read an Israeli focus as
// Iceland's and a Mozambican one as Myanmar's.
func (c *Countries) Reconcile(path string) error {
	type codes struct{ iso2, fips string }
	ref := map[string]codes{}
	err := datadir.ReadTable(path, []string{"iso2", "iso3", "fips"}, func(col func(string) string) error {
		if iso3 := col("iso3"); iso3 != "" {
			ref[iso3] = codes{col("iso2"), col("fips")}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reconcile country codes: %w", err)
	}
	for _, row := range c.rows {
		if r, ok := ref[row.CAMEO]; ok {
			row.ISO2, row.ISO3, row.FIPS = r.iso2, row.CAMEO, r.fips
		}
	}
	c.index()
	return nil
}
