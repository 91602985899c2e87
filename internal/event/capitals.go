package event

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"newsgraph/internal/cameo"
	"newsgraph/internal/datadir"
)

// GeoCountries is the country table with capitals, relative to the data
// folder (`make setup` copies it from the shared geo data).
const GeoCountries = "geo/countries.tsv"

// locative prepositions keep a capital a place: "talks in Berlin",
// "arrived at Moscow", "flew from Tehran". Elsewhere ("Berlin rejected",
// "Moscow's offer", "a letter to Washington") the capital names the
// government that sits there.
var locative = set("IN", "AT", "FROM", "NEAR", "OUTSIDE", "INSIDE", "WITHIN", "AROUND", "ACROSS",
	"THROUGH", "VIA", "INTO", "BEYOND", "ALONG", "BEHIND", "UPON", "OVER", "UNDER", "TOWARD", "TOWARDS")

// LoadCapitals reads the capital column of a countries table (columns
// iso3, capital) and returns the capitals the actor dictionary already
// codes as their country, upper-cased words joined by spaces → the
// country code. Requiring the dictionary's agreement keeps out capitals
// that are also common names or words ("Victoria", "Kingston") and uses
// the dictionary's own country code; capitals named like their country
// (Singapore, Kuwait) are the country already and are left out.
func LoadCapitals(path string, d *cameo.Dict) (map[string]string, error) {
	caps := map[string]string{}
	err := datadir.ReadTable(path, []string{"iso3", "capital", "name"}, func(col func(string) string) error {
		iso3, capital := col("iso3"), strings.TrimSpace(col("capital"))
		if iso3 == "" || capital == "" || strings.EqualFold(capital, col("name")) {
			return nil
		}
		words := strings.Fields(strings.ToUpper(capital))
		if d.Actors == nil {
			return nil
		}
		a, n := d.Actors.Longest(words)
		if a == nil || n != len(words) {
			return nil
		}
		if a.CodeAt(time.Time{}) != iso3 {
			return nil
		}
		caps[strings.Join(words, " ")] = iso3
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load capitals: %w", err)
	}
	return caps, nil
}

// defaultCapitals loads the data folder's capitals; none when the table
// is absent (the coder then treats capitals as the dictionary does).
func defaultCapitals(d *cameo.Dict) (map[string]string, error) {
	p, err := datadir.Path(GeoCountries)
	if err != nil {
		return nil, nil
	}
	caps, err := LoadCapitals(p, d)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return caps, err
}

// capitalAt returns the country whose capital the words name, or "".
func (c *Coder) capitalAt(words []string) string {
	if len(c.opt.Capitals) == 0 {
		return ""
	}
	return c.opt.Capitals[strings.Join(words, " ")]
}
