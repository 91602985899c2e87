package event

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"newsgraph/internal/cameo"
	"newsgraph/internal/datadir"
)

// commonWords are country names and demonyms of the country table that
// are also ordinary English words or given names: the coder matches
// actor names without regard to case, so they stay out.
var commonWords = set("REUNION", "ISLAND", "MANN", "DOMINIQUE", "GUIANA", "JERSEY", "CHAD", "GEORGIA", "TURKEY",
	"JORDAN", "GUERNSEY", "MAN", "VIRGIN", "SAINT", "ST.", "THE", "STATES")

// CountryNames reads the country table (columns iso3, name,
// aliases_curated, demonyms, demonyms_curated) and returns, in the
// actor-dictionary format, the names and demonyms the actor dictionary
// does not know, coded as their ISO-3 country: the 2014 Phoenix lists
// lack "Swedish", "English", "the Emirates", "DRC", "Eswatini", "North
// Macedonia", "Guinea-Bissau", "Vatican", "Macao" and others, so those
// actors went uncoded. Only names whose every word is capitalised are
// taken, never the raw alias column (it holds "Island" for Iceland and
// native spellings), and never ordinary words (commonWords).
func CountryNames(path string, d *cameo.Dict) ([]byte, error) {
	if d.Actors == nil {
		return nil, nil
	}
	var out bytes.Buffer
	seen := map[string]bool{}
	err := datadir.ReadTable(path, []string{"iso3", "name", "aliases_curated", "demonyms", "demonyms_curated"}, func(col func(string) string) error {
		iso3 := col("iso3")
		if len(iso3) != 3 {
			return nil
		}
		var names []string
		for _, c := range []string{"name", "aliases_curated", "demonyms", "demonyms_curated"} {
			for _, n := range strings.Split(col(c), "|") {
				names = append(names, strings.Split(n, ",")...)
			}
		}
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" || !properName(n) {
				continue
			}
			var ws []string
			for _, w := range tokenize(n, 0, len(n)) {
				ws = append(ws, w.W)
			}
			if len(ws) == 0 || len(ws) == 1 && commonWords[ws[0]] || ws[0] == "THE" && len(ws) == 2 && commonWords[ws[1]] {
				continue
			}
			if _, k := d.Actors.Longest(ws); k == len(ws) {
				continue // the dictionary knows it (and its code wins)
			}
			key := strings.Join(ws, "_")
			if seen[key] {
				continue
			}
			seen[key] = true
			fmt.Fprintf(&out, "%s_ [%s]\n", key, iso3)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("country names: %w", err)
	}
	return out.Bytes(), nil
}

// properName reports whether every word of n starts with a capital
// letter (articles and "and/of/the" aside) and n is plain Latin script.
func properName(n string) bool {
	for _, r := range n {
		if r > unicode.MaxLatin1 {
			return false
		}
	}
	for _, w := range strings.Fields(n) {
		switch strings.ToLower(w) {
		case "and", "of", "the", "da", "de", "du":
			continue
		}
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}
