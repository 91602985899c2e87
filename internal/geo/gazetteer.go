// Package geo is newsgraph's geoparser: a GeoNames gazetteer compiled into a
// compact index, a recogniser that finds place mentions in an article's
// tokens (helped by the entity tagger's mentions when present), a resolver
// that picks one gazetteer entry per mention from population, feature and
// document context, and the pipeline stage that writes Article.Places and
// Article.Focus.
//
// The gazetteer is third-party data (GeoNames, CC-BY), so it is not
// embedded: `newsgraph geo compile` (run by scripts/generate.sh) builds
// data/geo.gaz from data/geo, and Load reads it at start-up.
package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// Kind is what sort of place a gazetteer entry is.
type Kind uint8

// Entry kinds, from smallest to largest.
const (
	KindCity Kind = iota + 1
	KindAdmin2
	KindAdmin1
	KindCountry
	KindRegion // continents and macro-regions ("Latin America")
)

func (k Kind) String() string {
	switch k {
	case KindCity:
		return "city"
	case KindAdmin2:
		return "admin2"
	case KindAdmin1:
		return "admin1"
	case KindCountry:
		return "country"
	case KindRegion:
		return "region"
	}
	return "unknown"
}

// Name flags: how a name refers to its entry.
const (
	NamePrimary uint8 = 1 << iota // the entry's own (or ASCII) name
	NameDemonym                   // an adjective or demonym: "Mexican"
	NameAbbrev                    // a code or abbreviation: "U.S.", "Calif."
	NameCurated                   // a hand-checked alias: "Britain"
)

// Word flags: what else a capitalised word may be.
const (
	WordFirstName uint8 = 1 << iota
	WordSurname
	WordCommon // a common English word ("May", "Nice", "Mobile")
	WordTitle  // a person's title ("President", "Secretary")
)

// Entry is one gazetteer place.
type Entry struct {
	ID          int // GeoNames id; 0 for curated regions without one
	Name        string
	Kind        Kind
	Lat, Lon    float64
	Population  int
	FeatureCode string
	Country     string // ISO2; "" for regions
	Admin1      string // GeoNames admin1 code, e.g. "09"
	Admin1Name  string
	Members     []string // member countries of a region
}

// Match is one entry found under a name, with how the name refers to it.
type Match struct {
	Entry int // index for Gazetteer.Entry
	Flags uint8
}

// Gazetteer is the loaded, read-only index. It is safe for concurrent use.
type Gazetteer struct {
	blob  string
	recs  []rec
	keys  []uint64 // sorted name-key hashes
	start []uint32 // postings of keys[i]: posts[start[i]:start[i+1]]
	posts []uint32 // entry<<4 | flags
	wkeys []uint64 // sorted word hashes
	wflag []uint8
	// pkeys holds the hashes of every proper word prefix of a multi-word
	// name ("new", "new york" for "new york city"), so the recogniser stops
	// extending a span as soon as no name can start that way.
	pkeys []uint64
	// byISO maps a country code to its country entry.
	byISO map[string]int
	// admin1 maps "CC.code" to its admin1 entry.
	admin1 map[string]int
}

// rec is the fixed-size stored form of an Entry.
type rec struct {
	id             uint32
	lat, lon       float32
	pop            uint32
	nameOff        uint32
	nameLen        uint16
	kind           uint8
	fcode          uint8
	cc             [2]byte
	admin          uint32 // admin1 entry index + 1; 0 when none
	extOff, extLen uint32 // kind-specific string: admin1 code, or region members
}

const recSize = 4 + 4 + 4 + 4 + 4 + 2 + 1 + 1 + 2 + 4 + 4 + 4

const magic = "NGGAZ\x00\x00\x02"

// fcodes lists the feature codes an entry may have; rec.fcode indexes it.
var fcodes = []string{"", "PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLG", "PPLS",
	"PPLX", "PPLL", "PPLF", "PPLR", "PPLQ", "PPLW", "PPLH", "PPLCH", "STLMT", "ADM1", "ADM2", "PCLI",
	"PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR", "CONT", "RGN", "ADMD", "PPLCD"}

func fcodeIndex(f string) uint8 {
	for i, c := range fcodes {
		if c == f {
			return uint8(i)
		}
	}
	return 0
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.recs) }

// Names returns the number of distinct name keys.
func (g *Gazetteer) Names() int { return len(g.keys) }

// Entry returns entry i.
func (g *Gazetteer) Entry(i int) Entry {
	r := &g.recs[i]
	e := Entry{
		ID:          int(r.id),
		Name:        g.blob[r.nameOff : r.nameOff+uint32(r.nameLen)],
		Kind:        Kind(r.kind),
		Lat:         float64(r.lat),
		Lon:         float64(r.lon),
		Population:  int(r.pop),
		FeatureCode: fcodes[r.fcode],
	}
	if r.cc[0] != 0 {
		e.Country = string(r.cc[:])
	}
	ext := g.blob[r.extOff : r.extOff+r.extLen]
	switch e.Kind {
	case KindRegion:
		if ext != "" {
			e.Members = strings.Split(ext, ",")
		}
	case KindAdmin1:
		e.Admin1, e.Admin1Name = ext, e.Name
	default:
		if r.admin > 0 {
			a := &g.recs[r.admin-1]
			e.Admin1 = g.blob[a.extOff : a.extOff+a.extLen]
			e.Admin1Name = g.blob[a.nameOff : a.nameOff+uint32(a.nameLen)]
		}
	}
	return e
}

// kind, pop, country and point are cheap accessors the resolver uses in its
// inner loop.
func (g *Gazetteer) kind(i int) Kind { return Kind(g.recs[i].kind) }
func (g *Gazetteer) pop(i int) int   { return int(g.recs[i].pop) }
func (g *Gazetteer) country(i int) [2]byte {
	return g.recs[i].cc
}
func (g *Gazetteer) point(i int) (float64, float64) {
	return float64(g.recs[i].lat), float64(g.recs[i].lon)
}
func (g *Gazetteer) fcode(i int) string { return fcodes[g.recs[i].fcode] }
func (g *Gazetteer) name(i int) string {
	r := &g.recs[i]
	return g.blob[r.nameOff : r.nameOff+uint32(r.nameLen)]
}

// shortFormOf reports whether the name key is the first words of entry i's
// own name ("newcastle" of Newcastle upon Tyne): a short form, not a
// nickname or an old name.
func (g *Gazetteer) shortFormOf(key string, i int) bool {
	return strings.HasPrefix(Normalize(g.name(i)), key+" ")
}
func (g *Gazetteer) adminOf(i int) int { return int(g.recs[i].admin) - 1 }

// Country returns the entry index of the country with ISO2 code cc.
func (g *Gazetteer) Country(cc string) (int, bool) {
	i, ok := g.byISO[cc]
	return i, ok
}

// hashKey is the 64-bit FNV-1a hash the name index is keyed by.
func hashKey(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// LookupKey returns the entries indexed under an already normalised key.
func (g *Gazetteer) LookupKey(key string) []Match {
	if key == "" {
		return nil
	}
	h := hashKey(key)
	i := sort.Search(len(g.keys), func(i int) bool { return g.keys[i] >= h })
	if i == len(g.keys) || g.keys[i] != h {
		return nil
	}
	ps := g.posts[g.start[i]:g.start[i+1]]
	out := make([]Match, len(ps))
	for j, p := range ps {
		out[j] = Match{Entry: int(p >> 4), Flags: uint8(p & 0xf)}
	}
	return out
}

// has reports whether key is indexed, without allocating.
func (g *Gazetteer) has(h uint64) bool {
	i := sort.Search(len(g.keys), func(i int) bool { return g.keys[i] >= h })
	return i < len(g.keys) && g.keys[i] == h
}

// isPrefix reports whether some multi-word name starts with the words
// hashed in h.
func (g *Gazetteer) isPrefix(h uint64) bool {
	i := sort.Search(len(g.pkeys), func(i int) bool { return g.pkeys[i] >= h })
	return i < len(g.pkeys) && g.pkeys[i] == h
}

// Lookup returns the entries a name may refer to ("Ciudad de México",
// "mexico city" and "MEXICO CITY" all find GeoNames 3530597).
func (g *Gazetteer) Lookup(name string) []Match { return g.LookupKey(Normalize(name)) }

// WordFlags returns what else a normalised single word may be.
func (g *Gazetteer) WordFlags(word string) uint8 {
	h := hashKey(word)
	i := sort.Search(len(g.wkeys), func(i int) bool { return g.wkeys[i] >= h })
	if i < len(g.wkeys) && g.wkeys[i] == h {
		return g.wflag[i]
	}
	return 0
}

// LoadGazetteer reads a gazetteer compiled by Compile.
func LoadGazetteer(path string) (*Gazetteer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("load gazetteer %s: file missing; run `make setup` (or `newsgraph geo compile`)", path)
		}
		return nil, fmt.Errorf("load gazetteer %s: %w", path, err)
	}
	g, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer %s: %w", path, err)
	}
	return g, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errors.New("truncated file")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func decode(b []byte) (*Gazetteer, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("not a newsgraph gazetteer (bad magic); recompile with `newsgraph geo compile`")
	}
	r := &reader{b: b[len(magic):]}
	g := &Gazetteer{}
	g.blob = string(r.take(int(r.u32())))
	n := int(r.u32())
	rb := r.take(n * recSize)
	if r.err != nil {
		return nil, r.err
	}
	g.recs = make([]rec, n)
	le := binary.LittleEndian
	for i := range g.recs {
		p := rb[i*recSize : (i+1)*recSize]
		g.recs[i] = rec{
			id:      le.Uint32(p[0:]),
			lat:     math.Float32frombits(le.Uint32(p[4:])),
			lon:     math.Float32frombits(le.Uint32(p[8:])),
			pop:     le.Uint32(p[12:]),
			nameOff: le.Uint32(p[16:]),
			nameLen: le.Uint16(p[20:]),
			kind:    p[22],
			fcode:   p[23],
			cc:      [2]byte{p[24], p[25]},
			admin:   le.Uint32(p[26:]),
			extOff:  le.Uint32(p[30:]),
			extLen:  le.Uint32(p[34:]),
		}
		rc := &g.recs[i]
		if int(rc.nameOff)+int(rc.nameLen) > len(g.blob) || int(rc.extOff)+int(rc.extLen) > len(g.blob) ||
			int(rc.fcode) >= len(fcodes) || int(rc.admin) > n {
			return nil, fmt.Errorf("entry %d out of range", i)
		}
	}
	m := int(r.u32())
	kb := r.take(m * 8)
	sb := r.take((m + 1) * 4)
	p := int(r.u32())
	pb := r.take(p * 4)
	w := int(r.u32())
	wb := r.take(w * 8)
	fb := r.take(w)
	if r.err != nil {
		return nil, r.err
	}
	g.keys = make([]uint64, m)
	for i := range g.keys {
		g.keys[i] = le.Uint64(kb[i*8:])
	}
	g.start = make([]uint32, m+1)
	for i := range g.start {
		g.start[i] = le.Uint32(sb[i*4:])
		if int(g.start[i]) > p || (i > 0 && g.start[i] < g.start[i-1]) {
			return nil, errors.New("name index out of range")
		}
	}
	g.posts = make([]uint32, p)
	for i := range g.posts {
		g.posts[i] = le.Uint32(pb[i*4:])
		if int(g.posts[i]>>4) >= n {
			return nil, errors.New("posting out of range")
		}
	}
	g.wkeys = make([]uint64, w)
	for i := range g.wkeys {
		g.wkeys[i] = le.Uint64(wb[i*8:])
	}
	g.wflag = append([]uint8(nil), fb...)
	np := int(r.u32())
	ppb := r.take(np * 8)
	if r.err != nil {
		return nil, r.err
	}
	g.pkeys = make([]uint64, np)
	for i := range g.pkeys {
		g.pkeys[i] = le.Uint64(ppb[i*8:])
	}
	g.index()
	return g, nil
}

// index builds the small lookup maps (countries, admin1 codes).
func (g *Gazetteer) index() {
	g.byISO = map[string]int{}
	g.admin1 = map[string]int{}
	for i := range g.recs {
		r := &g.recs[i]
		switch Kind(r.kind) {
		case KindCountry:
			cc := string(r.cc[:])
			if _, dup := g.byISO[cc]; !dup {
				g.byISO[cc] = i
			}
		case KindAdmin1:
			g.admin1[string(r.cc[:])+"."+g.blob[r.extOff:r.extOff+r.extLen]] = i
		}
	}
}

// hashBytes is hashKey for a byte slice, without allocating.
func hashBytes(b []byte) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, c := range b {
		h ^= uint64(c)
		h *= prime
	}
	return h
}
