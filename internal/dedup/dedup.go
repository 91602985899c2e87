// Package dedup fingerprints article text for exact and near-duplicate
// detection, so the same wire story published by ten sites is stored once
// with ten mentions.
//
// Exact duplicates share Hash: a SHA-256 prefix of the normalised text
// (case, whitespace, typographic quotes and dashes, Unicode compatibility
// forms folded), which is also the default article ID. Near duplicates
// (lightly edited copies) have SimHash fingerprints within Hamming distance
// MaxDistance; Index finds them among many fingerprints without comparing
// every pair.
package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxDistance is the largest Hamming distance between two SimHash
// fingerprints that Near still calls duplicates. Manku et al. use 3 for web
// pages, but on news-length texts (300–800 words) 3 misses a quarter of
// copies with a single word changed; measured on the BBC corpus
// (docs/ingest.md), unrelated stories start at distance 14 while updated
// versions of one story sit at 0–10, and 6 keeps 97% of one-edit and 82% of
// three-edit copies with no unrelated pair matched.
const MaxDistance = 6

// Normalize folds text to the form both fingerprints are computed on:
// NFKC, lower case, curly quotes and dashes folded to ASCII, every run of
// white space collapsed to one space, no leading or trailing space.
func Normalize(text string) string { return string(normalize(text)) }

// normalize is Normalize into a byte slice, which the hashes read without
// another copy.
func normalize(text string) []byte {
	b := make([]byte, 0, len(text))
	space := false
	s := text
	if !isASCII(s) {
		s = norm.NFKC.String(s)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			i++
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0:
				space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '`':
				c = '\''
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u201B' || r == '\u2032' || r == '\u00B4':
			r = '\''
		case r == '\u201C' || r == '\u201D' || r == '\u201E' || r == '\u201F' || r == '\u2033' || r == '\u00AB' || r == '\u00BB':
			r = '"'
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2015' || r == '\u2212':
			r = '-'
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\uFEFF':
			continue // invisible: soft hyphen, zero-width characters, BOM
		default:
			r = unicode.ToLower(r)
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return b
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Hash returns the exact-duplicate key of text: the first 16 bytes of the
// SHA-256 of Normalize(text), as 32 hex digits. Texts that differ only in
// case, spacing or quote style hash alike.
func Hash(text string) string {
	sum := sha256.Sum256(normalize(text))
	return hex.EncodeToString(sum[:16])
}

// SimHash returns Charikar's 64-bit similarity fingerprint of text over
// overlapping word 3-shingles of the normalised text (single words for
// texts under three words). Texts that share most shingles get fingerprints
// that differ in few bits.
func SimHash(text string) uint64 { return simHash(normalize(text)) }

// Fingerprints returns Hash(text) and SimHash(text), normalising once.
func Fingerprints(text string) (hash string, simhash uint64) {
	n := normalize(text)
	sum := sha256.Sum256(n)
	return hex.EncodeToString(sum[:16]), simHash(n)
}

// spread[b] has bit i of b in byte i, so adding spread values counts eight
// bit positions at once, one per byte lane.
var spread = func() (t [256]uint64) {
	for b := 0; b < 256; b++ {
		for i := 0; i < 8; i++ {
			if b&(1<<i) != 0 {
				t[b] |= 1 << (8 * i)
			}
		}
	}
	return
}()

func simHash(norm []byte) uint64 {
	words := wordHashes(norm)
	// ones[i] counts the features with bit i set; bit i of the fingerprint
	// is set when more than half of them have it. Counting goes through
	// byte lanes (lanes[k] byte i counts bit 8k+i), flushed before a lane
	// can overflow.
	var ones [64]int32
	var lanes [8]uint64
	n, pending := int32(0), 0
	flush := func() {
		for k, l := range lanes {
			for i := 0; i < 8; i++ {
				ones[8*k+i] += int32(l >> (8 * i) & 0xFF)
			}
			lanes[k] = 0
		}
		pending = 0
	}
	add := func(h uint64) {
		n++
		for k := range lanes {
			lanes[k] += spread[h>>(8*k)&0xFF]
		}
		if pending++; pending == 255 {
			flush()
		}
	}
	switch {
	case len(words) == 0:
		return 0
	case len(words) < 3:
		for _, w := range words {
			add(w)
		}
	default:
		for i := 0; i+3 <= len(words); i++ {
			// Combine the three word hashes order-dependently and remix.
			add(mix(words[i]*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(words[i+1], 21) ^ bits.RotateLeft64(words[i+2], 42)))
		}
	}
	flush()
	var fp uint64
	for i := 0; i < 64; i++ {
		if 2*ones[i] > n {
			fp |= 1 << uint(i)
		}
	}
	return fp
}

// wordHashes hashes each word (run of letters and digits) of normalised text
// with FNV-1a, then remixes it; punctuation is ignored so that re-punctuated
// copies stay close.
func wordHashes(s []byte) []uint64 {
	hs := make([]uint64, 0, len(s)/6+1)
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		word := false
		n := 1
		if c < utf8.RuneSelf {
			// Normalised text is lower case already.
			word = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
			if c == '\'' {
				i++
				continue // "don't" == "dont"
			}
		} else {
			var r rune
			r, n = utf8.DecodeRune(s[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word {
			in = true
			for _, b := range s[i : i+n] {
				h = (h ^ uint64(b)) * prime
			}
		} else if in {
			hs = append(hs, mix(h))
			h, in = offset, false
		}
		i += n
	}
	if in {
		hs = append(hs, mix(h))
	}
	return hs
}

// mix is the splitmix64 finaliser: it spreads FNV's weak low bits over all
// 64 so every SimHash bit is an unbiased vote.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// Distance is the Hamming distance between two fingerprints.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Near reports whether two SimHash fingerprints are near duplicates
// (Hamming distance ≤ MaxDistance).
func Near(a, b uint64) bool { return bits.OnesCount64(a^b) <= MaxDistance }

// FormatSimHash renders a fingerprint as the 16 hex digits doc.Article
// carries; ParseSimHash reverses it.
func FormatSimHash(fp uint64) string {
	const hexd = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = hexd[fp&0xF]
		fp >>= 4
	}
	return string(b[:])
}

// ParseSimHash parses 16 hex digits as written by FormatSimHash.
func ParseSimHash(s string) (uint64, bool) {
	if len(s) != 16 {
		return 0, false
	}
	var fp uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		fp = fp<<4 | uint64(d)
	}
	return fp, true
}
