package dedup

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"math/rand"
	"os"
	"strings"
	"testing"

	"newsgraph/internal/cputime"
)

func TestNormalizeAndHash(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Rubio’s visit", "rubio's   VISIT", true},
		{"  “Quoted”\ttext\n\n", "\"quoted\" text", true},
		{"a — b", "a - b", true},
		{"ﬁnance", "finance", true}, // NFKC ligature
		{"soft\u00adhyphen", "softhyphen", true},
		{"one story", "another story", false},
		{"", " \n\t", true},
	}
	for _, tt := range tests {
		if got := Hash(tt.a) == Hash(tt.b); got != tt.same {
			t.Errorf("Hash(%q)==Hash(%q) = %v, want %v (norm %q vs %q)", tt.a, tt.b, got, tt.same, Normalize(tt.a), Normalize(tt.b))
		}
	}
	if h := Hash("x"); len(h) != 32 {
		t.Errorf("Hash length %d, want 32 hex digits", len(h))
	}
}

func TestSimHashFormat(t *testing.T) {
	for _, fp := range []uint64{0, 1, 0xdeadbeefcafef00d, ^uint64(0)} {
		s := FormatSimHash(fp)
		got, ok := ParseSimHash(s)
		if !ok || got != fp || len(s) != 16 {
			t.Errorf("round trip %x -> %q -> %x %v", fp, s, got, ok)
		}
	}
	if _, ok := ParseSimHash("xyz"); ok {
		t.Error("ParseSimHash accepted garbage")
	}
}

type bbcDoc struct {
	ID, Title, Text string
}

func loadBBC(t testing.TB) []bbcDoc {
	t.Helper()
	f, err := os.Open("../../../shared/data/news/bbc2225.jsonl.gz")
	if err != nil {
		t.Skip("shared BBC corpus not available:", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var docs []bbcDoc
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d bbcDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// reword makes a light edit of a news text of the kind syndication
// produces: a few words substituted or dropped, quotes restyled, a
// sign-off line appended.
func reword(r *rand.Rand, text string, edits int) string {
	words := strings.Fields(text)
	for e := 0; e < edits && len(words) > 10; e++ {
		i := r.Intn(len(words))
		switch r.Intn(3) {
		case 0:
			words[i] = "replaced"
		case 1:
			words = append(words[:i], words[i+1:]...)
		case 2:
			words = append(words[:i], append([]string{"inserted"}, words[i:]...)...)
		}
	}
	s := strings.Join(words, " ")
	s = strings.ReplaceAll(s, "\"", "“")
	return s
}

// TestBBCDuplicates checks exact dedup against the corpus's known 133
// duplicate pairs and measures SimHash distances: distinct stories must be
// far apart, lightly reworded copies near. The figures are in docs/ingest.md.
func TestBBCDuplicates(t *testing.T) {
	docs := loadBBC(t)
	byHash, byRaw := map[string]int{}, map[string]int{}
	pairs, rawPairs := 0, 0
	for _, d := range docs {
		h := Hash(d.Text)
		pairs += byHash[h]
		byHash[h]++
		rawPairs += byRaw[d.Text]
		byRaw[d.Text]++
		if byRaw[d.Text] > 1 && byHash[h] < byRaw[d.Text] {
			t.Errorf("%s: identical text, different hash", d.ID)
		}
	}
	// The corpus has 133 byte-identical pairs; normalisation also joins 4
	// pairs that differ only in paragraph breaks or capitalisation.
	if rawPairs != 133 || pairs < rawPairs {
		t.Errorf("exact-duplicate pairs: raw %d (want 133), normalised %d", rawPairs, pairs)
	}
	t.Logf("exact-duplicate pairs: raw %d, normalised %d", rawPairs, pairs)

	// Distances between distinct texts (one per hash).
	seen := map[string]bool{}
	var fps []uint64
	var texts []string
	for _, d := range docs {
		h := Hash(d.Text)
		if seen[h] {
			continue
		}
		seen[h] = true
		fps = append(fps, SimHash(d.Text))
		texts = append(texts, d.Text)
	}
	hist := make([]int, 65)
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			hist[Distance(fps[i], fps[j])]++
		}
	}
	falsePos := 0
	for d := 0; d <= MaxDistance; d++ {
		falsePos += hist[d]
	}
	minD := 0
	for minD < 64 && hist[minD] == 0 {
		minD++
	}
	t.Logf("distinct texts: %d; pairs %d; min distance %d; pairs within %d: %d; ≤6: %d ≤9: %d",
		len(fps), len(fps)*(len(fps)-1)/2, minD, MaxDistance, falsePos, sum(hist[:7]), sum(hist[:10]))
	// About 20 BBC pairs are updated versions of one story (distance 0–10,
	// checked by hand); unrelated stories start at 12–14. Nothing else may
	// fall within MaxDistance.
	if falsePos > 20 {
		t.Errorf("%d distinct-text pairs within distance %d", falsePos, MaxDistance)
	}

	// Lightly reworded copies.
	r := rand.New(rand.NewSource(1))
	for _, edits := range []int{1, 3, 5, 10} {
		near, total := 0, 0
		var dsum int
		ix := NewIndex()
		for i, fp := range fps {
			ix.Add(texts[i][:min(20, len(texts[i]))], fp)
		}
		found := 0
		for i, text := range texts {
			if i%5 != 0 {
				continue
			}
			fp := SimHash(reword(r, text, edits))
			d := Distance(fp, fps[i])
			dsum += d
			total++
			if d <= MaxDistance {
				near++
			}
			for _, m := range ix.Lookup(fp) {
				if m.SimHash == fps[i] {
					found++
					break
				}
			}
		}
		if found != near {
			t.Errorf("edits=%d: index found %d, brute force %d", edits, found, near)
		}
		t.Logf("edits=%2d: %d/%d copies near (%.1f%%), mean distance %.2f", edits, near, total,
			100*float64(near)/float64(total), float64(dsum)/float64(total))
		if edits == 1 && float64(near) < 0.9*float64(total) || edits == 3 && float64(near) < 0.75*float64(total) {
			t.Errorf("edits=%d: only %d/%d reworded copies near", edits, near, total)
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func TestIndexMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	ix := NewIndex()
	var fps []uint64
	for i := 0; i < 2000; i++ {
		var fp uint64
		if i > 0 && r.Intn(3) == 0 {
			fp = fps[r.Intn(len(fps))]
			for k := r.Intn(6); k > 0; k-- {
				fp ^= 1 << uint(r.Intn(64))
			}
		} else {
			fp = r.Uint64()
		}
		fps = append(fps, fp)
		ix.Add(string(rune(i)), fp)
	}
	for q := 0; q < 500; q++ {
		fp := fps[r.Intn(len(fps))] ^ (1 << uint(r.Intn(64)))
		want := 0
		for _, f := range fps {
			if Near(f, fp) {
				want++
			}
		}
		got := ix.Lookup(fp)
		if len(got) != want {
			t.Fatalf("query %d: index %d matches, brute force %d", q, len(got), want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Distance < got[i-1].Distance {
				t.Fatal("matches not sorted by distance")
			}
		}
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog near Mexico City. ", 60)
	b.SetBytes(int64(len(text)))
	cpu := cputime.Used()
	for b.Loop() {
		SimHash(text)
	}
	b.ReportMetric(float64(len(text))*float64(b.N)/1e6/(cputime.Used()-cpu).Seconds(), "MB/cpu-s")
}

func BenchmarkHash(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog near Mexico City. ", 60)
	b.SetBytes(int64(len(text)))
	cpu := cputime.Used()
	for b.Loop() {
		Hash(text)
	}
	b.ReportMetric(float64(len(text))*float64(b.N)/1e6/(cputime.Used()-cpu).Seconds(), "MB/cpu-s")
}

func TestFingerprintsAgree(t *testing.T) {
	for _, s := range []string{"", "one", "two words", "The quick brown fox jumps over the lazy dog, twice: the quick brown fox."} {
		h, sh := Fingerprints(s)
		if h != Hash(s) || sh != SimHash(s) {
			t.Errorf("Fingerprints(%q) disagrees with Hash/SimHash", s)
		}
	}
	// Many features: lanes must flush before overflowing.
	long := strings.Repeat("alpha beta gamma delta ", 2000)
	if SimHash(long) == 0 {
		t.Error("SimHash of a long repetitive text is 0")
	}
}

func TestBandsPigeonhole(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 10000; i++ {
		a := r.Uint64()
		b := a
		for k := r.Intn(MaxDistance + 1); k > 0; k-- {
			b ^= 1 << uint(r.Intn(64))
		}
		ba, bb := Bands(a), Bands(b)
		shared := false
		for j := range ba {
			shared = shared || ba[j] == bb[j]
		}
		if !shared {
			t.Fatalf("%016x and %016x (distance %d) share no band", a, b, Distance(a, b))
		}
	}
}

// TestIndexTiesInInsertionOrder checks Lookup's order among equally near
// matches: insertion order, even when the later one shares an earlier band.
func TestIndexTiesInInsertionOrder(t *testing.T) {
	q := uint64(0x0123456789abcdef)
	ix := NewIndex()
	ix.Add("first", q^1)      // differs in band 0: found through a later band
	ix.Add("second", q^1<<63) // differs in the last band: found through band 0
	ix.Add("exact", q)
	got := ix.Lookup(q)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if want := "exact first second"; strings.Join(ids, " ") != want {
		t.Errorf("Lookup order = %q, want %q", strings.Join(ids, " "), want)
	}
}
