package geo

import (
	"bufio"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// regionsTSV is our hand-written list of regions people write about, with
// a representative point and member countries (see regions.tsv).
//
//go:embed regions.tsv
var regionsTSV string

// commonWords lists English words that are also GeoNames place names and
// that news capitalises at sentence start or in titles ("May", "Nice").
//
//go:embed commonwords.txt
var commonWords string

// Sources names the input files of Compile. Geo is required; Names and
// Lexicons (person names, common words) sharpen the recogniser's filters
// and are skipped when empty or missing.
type Sources struct {
	Geo      string // folder with cities.tsv.gz, countries.tsv, admin1.tsv, admin2.tsv
	Names    string // folder with first-names/all.txt, surnames/all.txt, annie-gazetteer/
	Lexicons string // folder with vader_lexicon.txt, afinn-165.tsv
	// Dumps is an optional folder of GeoNames dump files (XX.txt in the
	// geoname table format) whose country and ADM1 rows give those
	// entries GeoNames' own points instead of derived ones (see ownPoints).
	Dumps string
}

// CompileStats reports what Compile wrote.
type CompileStats struct {
	Entries, Names, Postings, Words int
	Bytes                           int64
}

type builder struct {
	blob   strings.Builder
	strs   map[string]uint32
	recs   []rec
	names  map[string]map[uint32]uint8
	words  map[string]uint8
	admin1 map[string]int // "CC.code" → entry
	// own holds GeoNames' own points of country and ADM1 ids (ownPoints)
	own map[int][2]float64
	// common holds our common-word list, normalised.
	common map[string]bool
	// continent lists the countries of each GeoNames continent code.
	continent map[string][]string
	// iso2 maps ISO 3166 numeric codes (as in the shapes) to ISO2.
	iso2 map[string]string
}

func (b *builder) str(s string) (uint32, uint32) {
	if off, ok := b.strs[s]; ok {
		return off, uint32(len(s))
	}
	off := uint32(b.blob.Len())
	b.blob.WriteString(s)
	b.strs[s] = off
	return off, uint32(len(s))
}

func (b *builder) add(id int, name string, k Kind, lat, lon float64, pop int, fcode, cc string, admin int, ext string) int {
	off, n := b.str(name)
	if n > math.MaxUint16 {
		n = math.MaxUint16
	}
	eo, el := b.str(ext)
	r := rec{id: uint32(id), lat: float32(lat), lon: float32(lon), pop: uint32(max(pop, 0)),
		nameOff: off, nameLen: uint16(n), kind: uint8(k), fcode: fcodeIndex(fcode), admin: uint32(admin + 1),
		extOff: eo, extLen: el}
	if len(cc) == 2 {
		r.cc = [2]byte{cc[0], cc[1]}
	}
	b.recs = append(b.recs, r)
	return len(b.recs) - 1
}

func (b *builder) name(s string, entry int, flags uint8) {
	k := Normalize(s)
	if k == "" || !isLatin(s) {
		return
	}
	m := b.names[k]
	if m == nil {
		m = map[uint32]uint8{}
		b.names[k] = m
	}
	m[uint32(entry)] |= flags
}

// Compile reads the GeoNames-derived files in src and writes the binary
// gazetteer to out.
func Compile(src Sources, out string) (CompileStats, error) {
	b := &builder{strs: map[string]uint32{}, names: map[string]map[uint32]uint8{},
		words: map[string]uint8{}, admin1: map[string]int{}, continent: map[string][]string{}, common: map[string]bool{}, iso2: map[string]string{}}
	for _, w := range strings.Split(commonWords, "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
			b.common[Normalize(w)] = true
		}
	}
	b.str("")
	shapes, err := countryShapes(filepath.Join(src.Geo, "countries-50m.json"))
	if err != nil {
		shapes = nil // optional: fall back to the listed points
	}
	cents := countryCentroids(shapes)
	own, err := ownPoints(src.Dumps)
	if err != nil {
		return CompileStats{}, err
	}
	b.own = own
	if err := b.countries(filepath.Join(src.Geo, "countries.tsv"), cents); err != nil {
		return CompileStats{}, err
	}
	pts, err := cityPoints(filepath.Join(src.Geo, "cities.tsv.gz"))
	if err != nil {
		return CompileStats{}, err
	}
	towns := map[string][]town{}
	for key, p := range pts {
		cc, _, _ := strings.Cut(key, ".")
		for i := range p.lats {
			towns[cc] = append(towns[cc], town{p.lats[i], p.lons[i], key})
		}
	}
	areas := adminAreaPoints(shapes, b.iso2, towns)
	if err := b.admins1(filepath.Join(src.Geo, "admin1.tsv"), pts, areas); err != nil {
		return CompileStats{}, err
	}
	if err := b.admins2(filepath.Join(src.Geo, "admin2.tsv")); err != nil {
		return CompileStats{}, err
	}
	if err := b.cities(filepath.Join(src.Geo, "cities.tsv.gz")); err != nil {
		return CompileStats{}, err
	}
	if err := b.regions(); err != nil {
		return CompileStats{}, err
	}
	if err := b.wordLists(src); err != nil {
		return CompileStats{}, err
	}
	return b.write(out)
}

// readTSV calls fn for every data row of a TSV file with a header, giving
// access to columns by name.
func readTSV(path string, fn func(col func(string) string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("compile gazetteer: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("compile gazetteer %s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var header map[string]int
	var fields []string
	col := func(name string) string {
		i, ok := header[name]
		if !ok || i >= len(fields) {
			return ""
		}
		return fields[i]
	}
	line := 0
	for sc.Scan() {
		line++
		fields = strings.Split(sc.Text(), "\t")
		if header == nil {
			header = map[string]int{}
			for i, h := range fields {
				header[h] = i
			}
			continue
		}
		if err := fn(col); err != nil {
			return fmt.Errorf("compile gazetteer %s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("compile gazetteer %s: %w", path, err)
	}
	return nil
}

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
func atoi(s string) int     { i, _ := strconv.Atoi(s); return i }

func splitList(s string, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// maxListedOffset is how far (km, two degrees of arc) a country's listed
// reference point may lie from the centroid of its main landmass and
// still be kept. The listed points are the conventional whole-degree ones
// that GeoNames and encyclopaedias mostly share (Russia 60, 100; China 35,
// 105); one further off is not near the middle (the United States' 38, −97
// sits 251 km from the contiguous centre), and the centroid replaces it.
// The two degrees were chosen while looking at dev-set errors, and they
// are a knife edge there: Canada's listed 60, −95 lies 228 km from its
// land centroid (see docs/geo.md, "The conventions conflict").
const maxListedOffset = 222.0

func (b *builder) countries(path string, cents map[string][2]float64) error {
	return readTSV(path, func(col func(string) string) error {
		cc := col("iso2")
		if len(cc) != 2 {
			return nil
		}
		name := col("name")
		b.iso2[col("iso_numeric")] = cc
		b.continent[col("continent")] = append(b.continent[col("continent")], cc)
		lat, lon := atof(col("lat")), atof(col("lon"))
		if c, ok := cents[col("iso_numeric")]; ok && (col("lat") == "" || Distance(lat, lon, c[0], c[1]) > maxListedOffset) {
			lat, lon = c[0], c[1]
		}
		if p, ok := b.own[atoi(col("geonameid"))]; ok {
			lat, lon = p[0], p[1]
		}
		i := b.add(atoi(col("geonameid")), name, KindCountry, lat, lon,
			atoi(col("population")), "PCLI", cc, -1, "")
		b.name(name, i, NamePrimary)
		b.name(col("official_name"), i, 0)
		for _, a := range splitList(col("aliases"), "|") {
			// codes such as "MX" are left out: as words they are mostly something else
			if len(a) <= 3 && strings.ToUpper(a) == a {
				continue
			}
			if b.common[Normalize(a)] {
				continue // "Island" (Ísland)
			}
			b.name(a, i, 0)
		}
		for _, a := range splitList(col("aliases_curated"), "|") {
			fl := NameCurated
			if len(a) <= 5 && strings.ToUpper(a) == a {
				fl |= NameAbbrev
			}
			b.name(a, i, fl)
		}
		for _, d := range splitList(col("demonyms")+"|"+col("demonyms_curated"), "|,") {
			b.name(strings.TrimSpace(d), i, NameDemonym)
		}
		return nil
	})
}

type point struct {
	n          int
	lats, lons []float64
}

// mid returns the middle of the area's towns: the midpoint of their
// extent (the centre of their bounding box). It is the fallback for areas
// of countries without a shape (see adminAreaPoints for the rest): a plain
// mean drags toward where towns crowd (the coast of New South Wales) and a
// trimmed extent pulls south in provinces whose north is nearly empty.
func (p *point) mid() (float64, float64) {
	return midRange(p.lats), midRange(p.lons)
}

func midRange(v []float64) float64 {
	return (slices.Min(v) + slices.Max(v)) / 2
}

// cityPoints collects the town points of every admin1 area: GeoNames
// admin1 coordinates are not in our data, so an area's point is estimated
// from the land nearest its towns (adminAreaPoints) or their extent.
func cityPoints(path string) (map[string]*point, error) {
	pts := map[string]*point{}
	err := readTSV(path, func(col func(string) string) error {
		k := col("country_code") + "." + col("admin1_code")
		p := pts[k]
		if p == nil {
			p = &point{}
			pts[k] = p
		}
		lat, lon := atof(col("lat")), atof(col("lon"))
		p.lats = append(p.lats, lat)
		p.lons = append(p.lons, lon)
		p.n++
		return nil
	})
	return pts, err
}

// adminAliases strips the generic words around an administrative name
// ("Province of Bulacan", "Aydın Province") to the name news uses.
func adminAliases(name string) []string {
	var out []string
	for _, p := range []string{"Province of ", "State of ", "Departamento de ", "Provincia de ", "Estado de ", "Region of "} {
		if s, ok := strings.CutPrefix(name, p); ok {
			out = append(out, s)
		}
	}
	for _, s := range []string{" Province", " Governorate", " Region", " Oblast", " Prefecture", " Department", " Voivodeship", " Krai", " District"} {
		if t, ok := strings.CutSuffix(name, s); ok {
			out = append(out, t)
		}
	}
	return out
}

func (b *builder) admins1(path string, pts map[string]*point, areas map[string][2]float64) error {
	return readTSV(path, func(col func(string) string) error {
		code := col("code")
		cc, a1 := col("country_code"), col("admin1_code")
		lat, lon := atof(col("centroid_lat")), atof(col("centroid_lon"))
		if c, ok := areas[code]; ok {
			lat, lon = c[0], c[1]
		} else if p := pts[code]; p != nil && p.n > 0 {
			lat, lon = p.mid()
		} else if col("centroid_lat") == "" {
			if _, ok := b.own[atoi(col("geonameid"))]; !ok {
				return nil // no point to give it
			}
		}
		if p, ok := b.own[atoi(col("geonameid"))]; ok {
			lat, lon = p[0], p[1]
		}
		name := col("name")
		i := b.add(atoi(col("geonameid")), name, KindAdmin1, lat, lon, atoi(col("city_pop_sum")), "ADM1", cc, -1, a1)
		b.admin1[code] = i
		b.recs[i].admin = uint32(i + 1)
		b.name(name, i, NamePrimary)
		b.name(col("asciiname"), i, NamePrimary)
		for _, a := range adminAliases(name) {
			if !b.common[Normalize(a)] {
				b.name(a, i, NamePrimary)
			}
		}
		for _, a := range splitList(col("aliases_curated"), "|") {
			// codes ("NSW", "Calif.") are abbreviations; a plain name
			// ("Newfoundland" for Newfoundland and Labrador) is not
			fl := NameCurated
			if strings.Contains(a, ".") || (len(a) <= 5 && strings.ToUpper(a) == a) {
				fl |= NameAbbrev
			}
			b.name(a, i, fl)
		}
		return nil
	})
}

func (b *builder) admins2(path string) error {
	return readTSV(path, func(col func(string) string) error {
		if col("centroid_lat") == "" {
			return nil
		}
		cc := col("country_code")
		adm, ok := b.admin1[cc+"."+col("admin1_code")]
		if !ok {
			adm = -1
		}
		name := col("name")
		if b.common[Normalize(name)] {
			return nil
		}
		i := b.add(atoi(col("geonameid")), name, KindAdmin2, atof(col("centroid_lat")), atof(col("centroid_lon")),
			atoi(col("city_pop_sum")), "ADM2", cc, adm, "")
		b.name(name, i, NamePrimary)
		for _, a := range adminAliases(name) {
			if !b.common[Normalize(a)] {
				b.name(a, i, NamePrimary)
			}
		}
		return nil
	})
}

func (b *builder) cities(path string) error {
	return readTSV(path, func(col func(string) string) error {
		cc := col("country_code")
		adm, ok := b.admin1[cc+"."+col("admin1_code")]
		if !ok {
			adm = -1
		}
		name, pop := col("name"), atoi(col("population"))
		i := b.add(atoi(col("geonameid")), name, KindCity, atof(col("lat")), atof(col("lon")), pop,
			col("feature_code"), cc, adm, "")
		b.name(name, i, NamePrimary)
		b.name(col("asciiname"), i, NamePrimary)
		for _, a := range strings.Split(col("alternatenames"), ",") {
			if a == "" || strings.ContainsAny(a, "0123456789") || len(a) < 3 {
				continue
			}
			if strings.ToUpper(a) == a { // codes: "MEX", "NYC", "LA"
				if pop < 1000000 {
					continue
				}
				b.name(a, i, NameAbbrev)
				continue
			}
			b.name(a, i, 0)
		}
		return nil
	})
}

// regions adds the curated regions: name, geonameid, lat, lon, members
// (ISO2 codes, or "@XX" for every country of GeoNames continent XX),
// aliases, demonyms.
func (b *builder) regions() error {
	byContinent := b.continent
	for n, line := range strings.Split(regionsTSV, "\n") {
		if n == 0 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 7 {
			return fmt.Errorf("compile gazetteer: regions.tsv:%d: want 7 columns, have %d", n+1, len(f))
		}
		var members []string
		for _, m := range splitList(f[4], ", ") {
			if c, ok := strings.CutPrefix(m, "@"); ok {
				members = append(members, byContinent[c]...)
				continue
			}
			members = append(members, m)
		}
		slices.Sort(members)
		members = slices.Compact(members)
		fc := "RGN"
		if f[1] != "" {
			fc = "CONT"
		}
		i := b.add(atoi(f[1]), f[0], KindRegion, atof(f[2]), atof(f[3]), 0, fc, "", -1, strings.Join(members, ","))
		b.name(f[0], i, NamePrimary|NameCurated)
		for _, a := range splitList(f[5], "|") {
			b.name(a, i, NameCurated)
		}
		for _, d := range splitList(f[6], "|") {
			b.name(d, i, NameDemonym)
		}
	}
	return nil
}

// readLines calls fn for every line of an optional word list: an absent
// file is skipped, but one that cannot be read to the end is an error, or
// the gazetteer would silently lose the rest of the list.
func readLines(path string, fn func(string)) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // optional input
	}
	if err != nil {
		return fmt.Errorf("compile gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("compile gazetteer %s: %w", path, err)
	}
	return nil
}

// wordLists records which capitalised words are also person names, titles
// or common English words.
func (b *builder) wordLists(src Sources) error {
	add := func(w string, fl uint8) {
		k := Normalize(w)
		if k == "" || strings.Contains(k, " ") {
			return
		}
		b.words[k] |= fl
	}
	for _, w := range strings.Split(commonWords, "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
			add(w, WordCommon)
		}
	}
	// Each list: its path, the separator ending the word on a line ("" =
	// the whole line) and the flag its words get.
	type list struct {
		path, sep string
		flag      uint8
	}
	var lists []list
	if src.Names != "" {
		lists = append(lists,
			list{filepath.Join(src.Names, "first-names", "all.txt"), "", WordFirstName},
			list{filepath.Join(src.Names, "surnames", "all.txt"), "", WordSurname})
		ann := filepath.Join(src.Names, "annie-gazetteer")
		for _, l := range []string{"person_first.lst", "person_male.lst", "person_female.lst"} {
			lists = append(lists, list{filepath.Join(ann, l), ":", WordFirstName})
		}
		for _, l := range []string{"title.lst", "title_pol.lst", "title_mil.lst", "title_male.lst", "title_female.lst", "jobtitles.lst"} {
			lists = append(lists, list{filepath.Join(ann, l), ":", WordTitle})
		}
		for _, l := range []string{"stop.lst", "months.lst", "day.lst"} {
			lists = append(lists, list{filepath.Join(ann, l), ":", WordCommon})
		}
	}
	if src.Lexicons != "" {
		lists = append(lists,
			list{filepath.Join(src.Lexicons, "vader_lexicon.txt"), "\t", WordCommon},
			list{filepath.Join(src.Lexicons, "afinn-165.tsv"), "\t", WordCommon})
	}
	for _, l := range lists {
		err := readLines(l.path, func(s string) {
			if l.sep != "" {
				s, _, _ = strings.Cut(s, l.sep)
			}
			add(s, l.flag)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) write(out string) (CompileStats, error) {
	type kv struct {
		h     uint64
		posts []uint32
	}
	keys := make([]kv, 0, len(b.names))
	seen := map[uint64]string{}
	for k, m := range b.names {
		h := hashKey(k)
		if other, dup := seen[h]; dup {
			return CompileStats{}, fmt.Errorf("compile gazetteer: hash collision between %q and %q", k, other)
		}
		seen[h] = k
		ps := make([]uint32, 0, len(m))
		for e, fl := range m {
			ps = append(ps, e<<4|uint32(fl))
		}
		slices.Sort(ps)
		keys = append(keys, kv{h, ps})
	}
	slices.SortFunc(keys, func(a, c kv) int { return cmp.Compare(a.h, c.h) })
	type wv struct {
		h  uint64
		fl uint8
	}
	words := make([]wv, 0, len(b.words))
	for w, fl := range b.words {
		words = append(words, wv{hashKey(w), fl})
	}
	slices.SortFunc(words, func(a, c wv) int { return cmp.Compare(a.h, c.h) })

	pset := map[uint64]bool{}
	for k := range b.names {
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				pset[hashKey(k[:i])] = true
			}
		}
	}
	prefixes := make([]uint64, 0, len(pset))
	for h := range pset {
		prefixes = append(prefixes, h)
	}
	slices.Sort(prefixes)

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return CompileStats{}, fmt.Errorf("compile gazetteer: %w", err)
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return CompileStats{}, fmt.Errorf("compile gazetteer: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	le := binary.LittleEndian
	var buf [8]byte
	u32 := func(v uint32) { le.PutUint32(buf[:4], v); w.Write(buf[:4]) }
	u64 := func(v uint64) { le.PutUint64(buf[:8], v); w.Write(buf[:8]) }
	w.WriteString(magic)
	u32(uint32(b.blob.Len()))
	w.WriteString(b.blob.String())
	u32(uint32(len(b.recs)))
	var rb [recSize]byte
	for _, r := range b.recs {
		le.PutUint32(rb[0:], r.id)
		le.PutUint32(rb[4:], math.Float32bits(r.lat))
		le.PutUint32(rb[8:], math.Float32bits(r.lon))
		le.PutUint32(rb[12:], r.pop)
		le.PutUint32(rb[16:], r.nameOff)
		le.PutUint16(rb[20:], r.nameLen)
		rb[22], rb[23], rb[24], rb[25] = r.kind, r.fcode, r.cc[0], r.cc[1]
		le.PutUint32(rb[26:], r.admin)
		le.PutUint32(rb[30:], r.extOff)
		le.PutUint32(rb[34:], r.extLen)
		w.Write(rb[:])
	}
	u32(uint32(len(keys)))
	for _, k := range keys {
		u64(k.h)
	}
	var n uint32
	for _, k := range keys {
		u32(n)
		n += uint32(len(k.posts))
	}
	u32(n)
	u32(n)
	for _, k := range keys {
		for _, p := range k.posts {
			u32(p)
		}
	}
	u32(uint32(len(words)))
	for _, x := range words {
		u64(x.h)
	}
	for _, x := range words {
		w.WriteByte(x.fl)
	}
	u32(uint32(len(prefixes)))
	for _, h := range prefixes {
		u64(h)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return CompileStats{}, fmt.Errorf("compile gazetteer %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return CompileStats{}, fmt.Errorf("compile gazetteer %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return CompileStats{}, fmt.Errorf("compile gazetteer: %w", err)
	}
	fi, _ := os.Stat(out)
	st := CompileStats{Entries: len(b.recs), Names: len(keys), Postings: int(n), Words: len(words)}
	if fi != nil {
		st.Bytes = fi.Size()
	}
	return st, nil
}
