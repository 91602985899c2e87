package sqlite

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

const newsDir = "../../../../shared/data/news"

// loadCorpus reads the shared BBC and Reuters corpora (text, title, id).
func loadCorpus(tb testing.TB) []*doc.Article {
	tb.Helper()
	var out []*doc.Article
	for _, name := range []string{"bbc2225.jsonl.gz", "reuters21578.jsonl.gz"} {
		f, err := os.Open(filepath.Join(newsDir, name))
		if err != nil {
			tb.Skipf("shared corpus not available: %v", err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 8<<20)
		for sc.Scan() {
			var r struct{ ID, URL, Source, Title, Published, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				tb.Fatal(err)
			}
			a := &doc.Article{ID: r.ID, URL: r.URL, Source: r.Source, Title: r.Title, Text: r.Text}
			a.Published, _ = time.Parse(time.RFC3339, r.Published)
			out = append(out, a)
		}
		f.Close()
	}
	return out
}

// BenchmarkPutBatch measures storing (not analysing) the shared corpus:
// fingerprints are computed before the timer, as ingest's readers do, so
// this is the store's own cost per article: near-duplicate lookup, row,
// full-text index, mention. Reported as articles/s.
//
//	go test -run '^$' -bench PutBatch -benchtime 1x ./internal/store/sqlite/
func BenchmarkPutBatch(b *testing.B) {
	corpus := loadCorpus(b)
	for _, a := range corpus {
		if err := store.Prepare(a); err != nil {
			b.Fatal(err)
		}
	}
	benchPut(b, corpus)
}

// benchBatch is the articles per PutBatch: `newsgraph ingest`'s default.
// Larger transactions pay the commit and the full-text index's segment
// merges less often (5,000 against 1,000: ~12 % more articles/s).
const benchBatch = 5000

// benchPut stores arts into a fresh database per iteration, in batches of
// benchBatch, and reports articles per second and per CPU-second of the
// puts alone (opening and closing excluded).
func benchPut(b *testing.B, arts []*doc.Article) {
	ctx := context.Background()
	b.ResetTimer()
	var stored int
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cputime.Used()
		for j := 0; j < len(arts); j += benchBatch {
			if _, err := s.PutBatch(ctx, arts[j:min(j+benchBatch, len(arts))]); err != nil {
				b.Fatal(err)
			}
		}
		s.awaitIndex() // the last batch's text indexed and committed too
		elapsed += time.Since(start)
		cpu += cputime.Used() - cpu0
		stored += len(arts)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(stored)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(stored)/cpu.Seconds(), "articles/cpu-s")
}

// Synthetic corpus for scale tests: each article is 4–12 paragraphs drawn
// from the shared corpora, so texts are distinct stories to the
// near-duplicate check but read like news to the full-text index; dates
// spread over two years; light annotations (themes, places, entities,
// events) so timelines and filters have something to split on.
type synth struct {
	paras  []string
	titles []string
	r      *rand.Rand
}

var (
	synthThemes    = []string{"ECON_TRADE", "ECON_INFLATION", "ELECTION", "PROTEST", "TERROR", "HEALTH_PANDEMIC", "ENV_CLIMATECHANGE", "MILITARY", "SPORT", "TECH"}
	synthCountries = []string{"US", "GB", "FR", "DE", "MX", "CN", "RU", "IN", "BR", "JP", "ZA", "NG", "UA", "IL", "CA"}
	synthActors    = []string{"USAGOV", "GBRGOV", "FRAGOV", "DEUGOV", "MEXGOV", "CHNGOV", "RUSMIL", "INDGOV", "BRAGOV", "UKRMIL"}
	synthPeople    = []string{"Marco Rubio", "Claudia Sheinbaum", "Emmanuel Macron", "Olaf Scholz", "Xi Jinping", "Narendra Modi", "Lula da Silva", "Keir Starmer", "Volodymyr Zelensky", "Mark Carney"}
)

func newSynth(corpus []*doc.Article, seed int64) *synth {
	s := &synth{r: rand.New(rand.NewSource(seed))}
	for _, a := range corpus {
		for _, p := range strings.Split(a.Text, "\n\n") {
			if len(p) > 80 {
				s.paras = append(s.paras, p)
			}
		}
		if a.Title != "" {
			s.titles = append(s.titles, a.Title)
		}
	}
	return s
}

func (s *synth) article(i int) *doc.Article {
	r := s.r
	n := 4 + r.Intn(9)
	parts := make([]string, n)
	for j := range parts {
		parts[j] = s.paras[r.Intn(len(s.paras))]
	}
	a := &doc.Article{
		ID:        fmt.Sprintf("synth-%07d", i),
		Title:     s.titles[r.Intn(len(s.titles))],
		Source:    []string{"Reuters", "BBC News", "AP", "AFP", "Le Monde", "El País"}[r.Intn(6)],
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int63n(int64(730 * 24 * time.Hour)))),
		Lang:      "en",
		Text:      strings.Join(parts, "\n\n"),
	}
	a.URL = "https://example.org/" + a.ID
	for k := 0; k < 2; k++ {
		a.Scores = append(a.Scores, doc.ThemeScore{Theme: synthThemes[r.Intn(len(synthThemes))], Score: 1})
	}
	c := synthCountries[r.Intn(len(synthCountries))]
	a.Places = []doc.Place{{Name: "Capital of " + c, Kind: "city", Country: c, Lat: 1, Lon: 1, Confidence: 0.8}}
	a.Focus = &doc.Focus{Country: c}
	p := synthPeople[r.Intn(len(synthPeople))]
	a.Entities = []doc.Entity{{ID: "e1", Type: doc.PER, Name: p}}
	src, tgt := synthActors[r.Intn(len(synthActors))], synthActors[r.Intn(len(synthActors))]
	root := fmt.Sprintf("%02d", 1+r.Intn(20))
	a.Events = []doc.Event{{ID: "ev1", Code: root + "0", BaseCode: root + "0", RootCode: root, Source: doc.Actor{Code: src}, Target: doc.Actor{Code: tgt},
		Goldstein: float64(r.Intn(20) - 10), QuadClass: 1 + r.Intn(4), Status: "asserted"}}
	a.Tone = &doc.Tone{Tone: float64(r.Intn(20) - 10)}
	return a
}

// BenchmarkPutBatchAnnotated stores synthetic annotated articles (themes,
// place, entity, event each), the shape a full analysis produces.
func BenchmarkPutBatchAnnotated(b *testing.B) {
	corpus := loadCorpus(b)
	sy := newSynth(corpus, 1)
	arts := make([]*doc.Article, 20000)
	for i := range arts {
		arts[i] = sy.article(i)
		store.Prepare(arts[i])
	}
	benchPut(b, arts)
}
