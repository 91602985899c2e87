package themes

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// Matcher finds taxonomy terms in text. It is a trie over word ids (an
// Aho-Corasick-style dictionary matcher at the token level, taking the
// leftmost-longest match): each text word is looked up once in the
// vocabulary of all term words, with its plural endings stripped when the
// exact form is absent, so "tariffs", "aranceles" and "naciones" match the
// terms "tariff", "arancel" and "nación". Read-only after Compile.
type Matcher struct {
	tax      *Taxonomy
	vocab    map[string]ventry   // folded lower-case word → ids
	bloom    *[bloomWords]uint64 // cheap rejection of words not in vocab
	prefixes []prefix            // prefix terms, longest first
	root     *node
	parent   []int // theme index → parent theme index, -1
	names    []string
}

// ventry is a vocabulary word: id matches it in any case; exactID matches
// only the exact spelling exact ("=WHO" in the data file).
type ventry struct {
	id, exactID int32
	exact       string
}

type prefix struct {
	p  string
	id int32
}

type node struct {
	next map[int32]*node
	out  []themeWeight // terms ending here
}

type themeWeight struct {
	theme  int
	weight float64
}

// Compile builds the matcher for a taxonomy.
func Compile(t *Taxonomy) (*Matcher, error) {
	m := &Matcher{
		tax:   t,
		vocab: map[string]ventry{},
		root:  &node{},
	}
	var nextID int32
	prefixID := map[string]int32{}
	for ti, th := range t.Themes {
		m.names = append(m.names, th.Name)
		for _, term := range th.Terms {
			words := termWords(term.Text)
			if len(words) == 0 {
				return nil, fmt.Errorf("theme %s: term %q has no words", th.Name, term.Text)
			}
			n := m.root
			for _, w := range words {
				var wid int32
				switch {
				case strings.HasPrefix(w, "=") && len(w) > 1:
					key := fold(strings.ToLower(w[1:]))
					e := m.vocab[key]
					if e.exact != "" && e.exact != w[1:] {
						return nil, fmt.Errorf("theme %s: two exact spellings of %q", th.Name, key)
					}
					if e.exactID == 0 {
						nextID++
						e.exactID, e.exact = nextID, w[1:]
						m.vocab[key] = e
					}
					wid = e.exactID
				case strings.HasSuffix(w, "*"):
					p := fold(strings.ToLower(strings.TrimSuffix(w, "*")))
					if len(p) < 4 {
						return nil, fmt.Errorf("theme %s: prefix %q is shorter than 4 bytes", th.Name, w)
					}
					if _, ok := prefixID[p]; !ok {
						nextID++
						prefixID[p] = nextID
						m.prefixes = append(m.prefixes, prefix{p, nextID})
					}
					wid = prefixID[p]
				default:
					key := fold(strings.ToLower(w))
					e := m.vocab[key]
					if e.id == 0 {
						nextID++
						e.id = nextID
						m.vocab[key] = e
					}
					wid = e.id
				}
				if n.next == nil {
					n.next = map[int32]*node{}
				}
				c := n.next[wid]
				if c == nil {
					c = &node{}
					n.next[wid] = c
				}
				n = c
			}
			dup := false
			for k := range n.out {
				if n.out[k].theme == ti {
					n.out[k].weight = max(n.out[k].weight, term.Weight)
					dup = true
				}
			}
			if !dup {
				n.out = append(n.out, themeWeight{ti, term.Weight})
			}
		}
	}
	sort.Slice(m.prefixes, func(i, j int) bool { return len(m.prefixes[i].p) > len(m.prefixes[j].p) })
	m.bloom = new([bloomWords]uint64)
	for w := range m.vocab {
		h := hash(w)
		m.bloom[(h>>6)%bloomWords] |= 1 << (h & 63)
	}
	m.parent = make([]int, len(t.Themes))
	for i, th := range t.Themes {
		m.parent[i] = -1
		if th.Parent != "" {
			m.parent[i] = t.byName[th.Parent]
		}
	}
	return m, nil
}

// termWords splits a data-file term into the words the scanner would see:
// letters/digits runs and single punctuation marks ("t-mec" → t - mec),
// keeping the "=" and "*" markers on their word.
func termWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		mark, star := "", ""
		if strings.HasPrefix(f, "=") && len(f) > 1 {
			mark, f = "=", f[1:]
		}
		if strings.HasSuffix(f, "*") && len(f) > 1 {
			star, f = "*", f[:len(f)-1]
		}
		var parts []string
		for _, t := range scan(f, nil) {
			parts = append(parts, f[t.s:t.e])
		}
		for i := range parts {
			if i == 0 {
				parts[i] = mark + parts[i]
			}
			if i == len(parts)-1 {
				parts[i] += star
			}
			out = append(out, parts[i])
		}
	}
	return out
}

// Taxonomy returns the taxonomy the matcher was compiled from.
func (m *Matcher) Taxonomy() *Taxonomy { return m.tax }

// ids resolves one scanned word to its vocabulary id (0 when absent) and
// the id of the longest matching prefix term (0 when none). Most words cost
// one map look-up; words ending in "s" that miss cost up to three more.
func (m *Matcher) ids(text string, t wtok) (word, pre int32) {
	w := t.w
	if e, ok := m.lookup(w); ok {
		word = e.resolve(text[t.s:t.e])
	} else if n := len(w); n > 3 && w[n-1] == 's' && w[n-2] != 's' {
		var e ventry
		if n > 4 && strings.HasSuffix(w, "ies") {
			e, _ = m.lookup(w[:n-3] + "y")
		}
		if e == (ventry{}) && w[n-2] == 'e' {
			e, _ = m.lookup(w[:n-2])
		}
		if e == (ventry{}) {
			e, _ = m.lookup(w[:n-1])
		}
		word = e.id
	}
	if len(w) >= 4 {
		for _, p := range m.prefixes {
			if p.p[0] == w[0] && strings.HasPrefix(w, p.p) {
				pre = p.id
				break
			}
		}
	}
	return word, pre
}

// bloomWords sizes the vocabulary's Bloom filter (64 bits per word): 8 KiB,
// small enough to stay in L1 cache, so most article words never touch the
// vocabulary map.
const bloomWords = 1024

// lookup finds w in the vocabulary, rejecting most absent words through
// the Bloom filter first.
func (m *Matcher) lookup(w string) (ventry, bool) {
	h := hash(w)
	if m.bloom[(h>>6)%bloomWords]&(1<<(h&63)) == 0 {
		return ventry{}, false
	}
	e, ok := m.vocab[w]
	return e, ok
}

// hash is FNV-1a, inlined for the Bloom filter.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// resolve picks the exact-case id when the text is spelt exactly so.
func (e ventry) resolve(orig string) int32 {
	if e.exactID != 0 && orig == e.exact {
		return e.exactID
	}
	return e.id
}

// Match appends the theme hits of text to hits: every leftmost-longest
// term occurrence, once per theme the term belongs to.
func (m *Matcher) Match(text string, hits []doc.ThemeHit) []doc.ThemeHit {
	toks := scan(text, nil)
	return m.match(text, toks, hits)
}

type idPair struct{ word, pre int32 }

func (m *Matcher) match(text string, toks []wtok, hits []doc.ThemeHit) []doc.ThemeHit {
	ids := make([]idPair, len(toks))
	for i, t := range toks {
		if t.punct {
			e, _ := m.lookup(t.w)
			ids[i] = idPair{word: e.id}
			continue
		}
		w, p := m.ids(text, t)
		ids[i] = idPair{w, p}
	}
	for i := 0; i < len(toks); {
		end, n := m.longest(m.root, ids, i)
		if n == nil {
			i++
			continue
		}
		sp := doc.Span{Start: toks[i].s, End: toks[end-1].e}
		for _, tw := range n.out {
			hits = append(hits, doc.ThemeHit{Span: sp, Theme: m.names[tw.theme], Weight: tw.weight})
		}
		i = end
	}
	return hits
}

// longest walks the trie from token i and returns the end (exclusive) and
// node of the longest term that ends there, trying both the word id and the
// prefix id of each token.
func (m *Matcher) longest(n *node, ids []idPair, i int) (int, *node) {
	if i >= len(ids) || n.next == nil {
		return 0, nil
	}
	bestEnd, best := 0, (*node)(nil)
	for _, id := range [2]int32{ids[i].word, ids[i].pre} {
		if id == 0 {
			continue
		}
		c := n.next[id]
		if c == nil {
			continue
		}
		if len(c.out) > 0 && i+1 > bestEnd {
			bestEnd, best = i+1, c
		}
		if e, b := m.longest(c, ids, i+1); b != nil && e > bestEnd {
			bestEnd, best = e, b
		}
	}
	return bestEnd, best
}

// Score sums hit weights per theme and passes half of each theme's score
// up to its parent (a FENTANYL hit is also evidence of DRUG_TRAFFICKING),
// sorted by score then name.
func (m *Matcher) Score(hits []doc.ThemeHit) []doc.ThemeScore {
	if len(hits) == 0 {
		return nil
	}
	idx := m.tax.byName
	own := make([]float64, len(m.names))
	count := make([]int, len(m.names))
	for _, h := range hits {
		i := idx[h.Theme]
		own[i] += h.Weight
		count[i]++
	}
	total := make([]float64, len(m.names))
	for i, s := range own {
		if s == 0 {
			continue
		}
		f := 1.0
		for t := i; t >= 0; t = m.parent[t] {
			total[t] += s * f
			f /= 2
		}
	}
	var out []doc.ThemeScore
	for i, s := range total {
		if s > 0 {
			out = append(out, doc.ThemeScore{Theme: m.names[i], Score: round2(s), Count: count[i]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Theme < out[j].Theme
	})
	return out
}

func round2(f float64) float64 {
	return float64(int64(f*100+0.5)) / 100
}

// wtok is one scanned word or punctuation mark, lower-cased and with
// Spanish/Latin accents folded so "narcotrafico" matches "narcotráfico".
type wtok struct {
	s, e  int
	w     string
	upper bool
	punct bool
}

// scan splits text into words (letters and digits) and single punctuation
// marks. Themes scans the text itself so data-file terms and article text
// are split by the same rules whatever tokenizer ran before.
func scan(text string, toks []wtok) []wtok {
	toks = toks[:0]
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			case c <= ' ' || c == 127:
				i++
				continue
			default:
				toks = append(toks, wtok{s: i, e: i + 1, w: text[i : i+1], punct: true})
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				if r == '’' {
					// curly apostrophe: treat like "'" so "Rubio’s" splits alike
					toks = append(toks, wtok{s: i, e: i + size, w: "'", punct: true})
				} else {
					toks = append(toks, wtok{s: i, e: i + size, w: text[i : i+size], punct: true})
				}
				i += size
				continue
			}
		}
		start := i
		upper, ascii := false, true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
					i++
					continue
				}
				if c >= 'A' && c <= 'Z' {
					upper = true
					i++
					continue
				}
				break
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			ascii = false
			i += size
		}
		t := wtok{s: start, e: i, w: text[start:i]}
		if upper || !ascii {
			f, _ := utf8.DecodeRuneInString(t.w)
			t.upper = unicode.IsUpper(f)
			t.w = strings.ToLower(t.w)
			if !ascii {
				t.w = fold(t.w)
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// fold removes the accents of Latin letters common in Spanish, Portuguese
// and French news text.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return folder.Replace(s)
}

var folder = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ñ", "n", "ç", "c",
)
