package tagger

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Gazetteer categories. A phrase may belong to several.
const (
	GazLOC    = iota // countries, cities, provinces, regions
	GazDEM           // demonyms and nationality adjectives
	GazFirst         // person first names
	GazLast          // surnames
	GazPER           // full person names (CAMEO actors, ANNIE)
	GazORG           // organisations, companies, agencies
	GazTitle         // titles and job titles ("President", "Secretary of State")
	GazOrgKey        // organisation keywords ("Corp", "Ltd", "University")
	NumGaz
)

// GazNames are the category names used in the gazetteer file.
var GazNames = [NumGaz]string{"LOC", "DEM", "FIRST", "LAST", "PER", "ORG", "TITLE", "ORGKEY"}

// PrefixBit marks a Phrases entry as the prefix of a longer phrase, so
// matching stops as soon as no phrase continues.
const PrefixBit = 1 << 15

// MaxPhrase is the longest gazetteer phrase, in tokens, that is matched.
const MaxPhrase = 6

// Resources are the third-party lists the NER features read: a gazetteer
// and word clusters. They are compiled into the data folder by
// scripts/generate.sh (newsgraph train resources) and are not committed.
type Resources struct {
	// Phrases maps the hash of a lower-cased token sequence to the bit set
	// of its categories.
	Phrases map[uint64]uint16
	// Clusters maps a lower-cased word to its hierarchical k-means path,
	// packed as level1<<16 | level2<<8 | level3 (each < 256).
	Clusters map[string]uint32
	Digest   string // SHA-256 prefix of the files read
}

// Resource file names inside the data folder.
const (
	GazetteerFile = "ner/gazetteer.tsv"
	ClustersFile  = "ner/clusters.tsv"
)

// LoadResources reads the gazetteer and clusters from the data folder dir.
func LoadResources(dir string) (*Resources, error) {
	r := &Resources{Phrases: map[uint64]uint16{}, Clusters: map[string]uint32{}}
	h := sha256.New()
	if err := readLines(filepath.Join(dir, GazetteerFile), h, func(line string) error {
		cat, phrase, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("want CATEGORY<TAB>phrase")
		}
		c := -1
		for i, n := range GazNames {
			if n == cat {
				c = i
			}
		}
		if c < 0 {
			return fmt.Errorf("unknown category %q", cat)
		}
		toks := strings.Fields(phrase)
		if len(toks) == 0 || len(toks) > MaxPhrase {
			return nil
		}
		ph := uint64(phraseSeed)
		for k, t := range toks {
			ph = PhraseNext(ph, normLower(t))
			if k < len(toks)-1 {
				r.Phrases[ph] |= PrefixBit
			}
		}
		r.Phrases[ph] |= 1 << c
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readLines(filepath.Join(dir, ClustersFile), h, func(line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("want word<TAB>l1<TAB>l2<TAB>l3")
		}
		var code uint32
		for _, s := range f[1:] {
			v, err := strconv.Atoi(s)
			if err != nil || v < 0 || v > 255 {
				return fmt.Errorf("bad cluster id %q", s)
			}
			code = code<<8 | uint32(v)
		}
		r.Clusters[f[0]] = code
		return nil
	}); err != nil {
		return nil, err
	}
	r.Digest = hex.EncodeToString(h.Sum(nil))[:16]
	return r, nil
}

func readLines(path string, h io.Writer, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner resources: %w (run `make setup`)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(io.TeeReader(f, h))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

const phraseSeed = fnvOffset

// PhraseNext extends a phrase hash by one lower-cased token.
func PhraseNext(h uint64, tok string) uint64 {
	return hstr(h*31+7, tok) ^ 0x9e3779b97f4a7c15
}
