package dedup

import (
	"cmp"
	"math/bits"
	"slices"
)

// BandCount is MaxDistance+1: two fingerprints within Hamming distance k
// must agree exactly on at least one of k+1 disjoint bands (pigeonhole).
const BandCount = MaxDistance + 1

const bandCount = BandCount

// Bands splits a fingerprint into its BandCount band values, each tagged
// with its band number in the top byte so that all bands can share one
// column or key space. A store finds every candidate within MaxDistance of
// fp by looking up rows that share any one band value, then checking
// Distance; fewer, wider bands (such as four of 16 bits) only guarantee
// distances up to 3.
func Bands(fp uint64) [BandCount]uint64 {
	var out [BandCount]uint64
	for b := 0; b < BandCount; b++ {
		out[b] = uint64(b)<<56 | fp>>bandShift[b]&bandMask[b]
	}
	return out
}

// bandShift and bandMask give each band's position in the 64 bits; the
// bands are as equal as possible (7 bands: six of 9 bits, one of 10).
var bandShift, bandMask = func() (sh [bandCount]uint, mk [bandCount]uint64) {
	pos := uint(0)
	for b := 0; b < bandCount; b++ {
		w := uint(64 / bandCount)
		if b < 64%bandCount {
			w++
		}
		sh[b], mk[b] = pos, (1<<w)-1
		pos += w
	}
	return
}()

// Index finds near-duplicate fingerprints among many without comparing
// every pair. The 64 bits are split into MaxDistance+1 bands, and two
// fingerprints within MaxDistance must agree exactly on at least one band
// (Manku, Jain & Das Sarma, WWW 2007, generalised from their 4 bands for
// k=3), so a lookup only checks the fingerprints sharing a band value:
// about 7·N/512 of them for N stored.
//
// Index is not safe for concurrent use; guard it with a mutex when shared.
type Index struct {
	bands [bandCount]map[uint64][]int32
	fps   []uint64
	ids   []string
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	ix := &Index{}
	for i := range ix.bands {
		ix.bands[i] = make(map[uint64][]int32)
	}
	return ix
}

// Len reports how many fingerprints the index holds.
func (ix *Index) Len() int { return len(ix.fps) }

// Add stores fingerprint fp under id.
func (ix *Index) Add(id string, fp uint64) {
	n := int32(len(ix.fps))
	ix.fps = append(ix.fps, fp)
	ix.ids = append(ix.ids, id)
	for b := 0; b < bandCount; b++ {
		k := fp >> bandShift[b] & bandMask[b]
		ix.bands[b][k] = append(ix.bands[b][k], n)
	}
}

// Match is one near duplicate found by Lookup.
type Match struct {
	ID       string
	SimHash  uint64
	Distance int
}

// Lookup returns the stored fingerprints within MaxDistance of fp, nearest
// first (ties in insertion order), each once.
func (ix *Index) Lookup(fp uint64) []Match {
	type hit struct {
		n int32 // insertion order
		d int
	}
	var hits []hit
	var seen map[int32]bool
	for b := 0; b < bandCount; b++ {
		for _, n := range ix.bands[b][fp>>bandShift[b]&bandMask[b]] {
			d := bits.OnesCount64(ix.fps[n] ^ fp)
			if d > MaxDistance {
				continue
			}
			if seen == nil {
				seen = make(map[int32]bool)
			}
			if seen[n] {
				continue
			}
			seen[n] = true
			hits = append(hits, hit{n, d})
		}
	}
	// Bands are visited in band order, so sort by insertion order too: a
	// later fingerprint found in an earlier band must not come first. A
	// sort, not an insertion sort: a text repeated thousands of times (a
	// wire story, boilerplate) gives as many matches.
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(a.d-b.d, cmp.Compare(a.n, b.n)) })
	if len(hits) == 0 {
		return nil
	}
	out := make([]Match, len(hits))
	for i, h := range hits {
		out[i] = Match{ID: ix.ids[h.n], SimHash: ix.fps[h.n], Distance: h.d}
	}
	return out
}

// Nearest returns the closest stored near duplicate of fp, if any.
func (ix *Index) Nearest(fp uint64) (Match, bool) {
	m := ix.Lookup(fp)
	if len(m) == 0 {
		return Match{}, false
	}
	return m[0], true
}
