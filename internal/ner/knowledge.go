package ner

import (
	"bufio"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

//go:embed titles.txt
var titlesTxt string

// country is what the rules need to know about a country.
type country struct {
	ISO2, ISO3, Name, Capital string
}

// knowledge holds the lists the rules read: titles (ours, embedded),
// countries with their names, aliases, demonyms and capitals (GeoNames,
// from the data folder), and first names by gender (ANNIE lists).
type knowledge struct {
	titles      map[string]bool // lower-cased, space-joined tokens
	maxTitle    int
	honorifics  map[string]string // "mr." -> "m"
	countryName map[string]*country
	capitals    map[string]*country
	maxCountry  int
	gender      map[string]string // first name -> "m" / "f"
}

func loadKnowledge(dir string) (*knowledge, error) {
	kb := &knowledge{titles: map[string]bool{}, countryName: map[string]*country{}, capitals: map[string]*country{},
		gender: map[string]string{},
		honorifics: map[string]string{"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f",
			"dr.": "", "dr": ""}}
	for _, line := range strings.Split(titlesTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if _, ok := kb.honorifics[line]; ok {
			continue
		}
		kb.titles[line] = true
		kb.maxTitle = max(kb.maxTitle, len(strings.Fields(line)))
	}
	path := filepath.Join(dir, "geo/countries.tsv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("countries: %w (run `make setup`)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var head map[string]int
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = map[string]int{}
			for i, c := range cols {
				head[c] = i
			}
			for _, need := range []string{"iso2", "iso3", "name", "capital", "aliases", "demonyms"} {
				if _, ok := head[need]; !ok {
					return nil, fmt.Errorf("%s: no column %q", path, need)
				}
			}
			continue
		}
		get := func(k string) string {
			if i, ok := head[k]; ok && i < len(cols) {
				return cols[i]
			}
			return ""
		}
		c := &country{ISO2: get("iso2"), ISO3: get("iso3"), Name: get("name"), Capital: get("capital")}
		for _, k := range []string{"name", "aliases", "aliases_curated", "demonyms", "demonyms_curated"} {
			for _, v := range strings.Split(get(k), "|") {
				key := lower(strings.Join(strings.Fields(strings.TrimPrefix(v, "the ")), " "))
				if key == "" {
					continue
				}
				if _, dup := kb.countryName[key]; !dup {
					kb.countryName[key] = c
					kb.maxCountry = max(kb.maxCountry, len(strings.Fields(key)))
				}
			}
		}
		if c.Capital != "" {
			kb.capitals[lower(c.Capital)] = c
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	// Gendered first names (optional: pronoun agreement only).
	for _, g := range []struct{ file, g string }{{"person_male.lst", "m"}, {"person_female.lst", "f"}} {
		f, err := os.Open(filepath.Join(dir, "names/annie-gazetteer", g.file))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			n := lower(strings.TrimSpace(sc.Text()))
			if n == "" {
				continue
			}
			if old, ok := kb.gender[n]; ok && old != g.g {
				kb.gender[n] = "" // ambiguous
			} else {
				kb.gender[n] = g.g
			}
		}
		f.Close()
	}
	return kb, nil
}
