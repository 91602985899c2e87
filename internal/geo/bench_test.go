package geo

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"testing"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

// devArticles reads the texts of the shared geoparsing dev sets, tokenized
// by the text stage, so benchmarks time recognition + resolution only.
func devArticles(b *testing.B) []doc.Article {
	b.Helper()
	var as []doc.Article
	for _, f := range []string{"trnews.jsonl", "geovirus.jsonl"} {
		fh, err := os.Open("../../../shared/data/geo-dev/" + f)
		if err != nil {
			b.Skip("dev sets absent:", err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var a struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				b.Fatal(err)
			}
			as = append(as, doc.Article{Text: a.Text, Tokens: text.Tokenize(a.Text)})
		}
		fh.Close()
	}
	return as
}

// BenchmarkParse measures recognition + resolution per article on one
// core (run with -cpu 1); articles/s is the figure docs/geo.md reports.
func BenchmarkParse(b *testing.B) {
	g := testGazetteer(b)
	as := devArticles(b)
	b.ResetTimer()
	c0 := cputime.Used()
	for i := 0; i < b.N; i++ {
		a := &as[i%len(as)]
		g.Parse(a.Text, a.Tokens, a.Mentions)
	}
	// CPU time as well as wall time: on a shared machine the wall clock
	// counts other processes' turns too
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if c := cputime.Used() - c0; c > 0 {
		b.ReportMetric(float64(b.N)/c.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkLoad measures loading data/geo.gaz and the heap it holds.
func BenchmarkLoad(b *testing.B) {
	if _, err := os.Stat(gazPath); err != nil {
		b.Skip("compiled gazetteer absent:", err)
	}
	var keep *Gazetteer
	for i := 0; i < b.N; i++ {
		g, err := LoadGazetteer(gazPath)
		if err != nil {
			b.Fatal(err)
		}
		keep = g
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/1e6, "heapMB")
	runtime.KeepAlive(keep)
}

// BenchmarkLookup measures one normalised-name lookup.
func BenchmarkLookup(b *testing.B) {
	g := testGazetteer(b)
	names := []string{"Ciudad de México", "St. Louis", "Guadalajara", "Xyzzyville", "United States"}
	for i := 0; i < b.N; i++ {
		g.Lookup(names[i%len(names)])
	}
}
