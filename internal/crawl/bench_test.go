package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
)

// BenchmarkCycle measures a cycle over one feed of 100 items whose pages
// (the shared news pages, served from loopback) are fetched and extracted:
// pages/s is fetch + extraction throughput, with storing left to the sink.
func BenchmarkCycle(b *testing.B) {
	t := &testing.T{}
	s := newSite(t)
	if s.srv == nil {
		b.Skip("shared pages absent")
	}
	defer s.srv.Close()
	names := make([]string, 0, len(s.pages))
	for n := range s.pages {
		names = append(names, n)
	}
	const items = 100
	feed := func(round int) string {
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
		for i := 0; i < items; i++ {
			fmt.Fprintf(&sb, "<item><title>Item %d</title><link>%s/pages/%s?r=%d&amp;i=%d</link><description>summary</description></item>",
				i, s.srv.URL, names[i%len(names)], round, i)
		}
		sb.WriteString("</channel></rss>")
		return sb.String()
	}
	round := 0
	mux := http.NewServeMux()
	mux.HandleFunc("/bench.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed(round))
	})
	mux.HandleFunc("/", s.serve)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s.srv.URL = srv.URL // item links point at the benchmark server

	cfg := testConfig()
	cpu0 := cputime.Used()
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		round = i
		sink := &memSink{puts: map[string]int{}, arts: map[string]*doc.Article{}}
		c := New(cfg, &memState{feeds: map[string]FeedState{}, sink: sink}, sink, testReader)
		st, err := c.Cycle(context.Background(), []Feed{{URL: srv.URL + "/bench.xml"}})
		if err != nil {
			b.Fatal(err)
		}
		pages += st.Articles - st.PageErrors
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	// The test server runs in this process too, so this counts serving,
	// fetching and extracting: a lower bound for the crawler alone.
	b.ReportMetric(float64(pages)/(cputime.Used()-cpu0).Seconds(), "pages/cpu-s")
}
