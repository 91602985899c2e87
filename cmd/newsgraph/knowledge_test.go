package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
	"newsgraph/internal/geo"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/text"
)

const knowledgeData = "../../data"

// upstream loads, as newFlow does, the stages the knowledge layer reads
// (text, syntax, ner, geo). It skips the test when `make setup` has not run
// or an upstream model does not load (another area's problem, named in the
// skip message).
func upstream(t testing.TB) []pipeline.Stage {
	t.Helper()
	if _, err := os.Stat(knowledgeData + "/" + geo.FileName); err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	ups, err := flowStages(flowOptions{dataDir: knowledgeData, stages: []string{"text", "syntax", "ner", "geo"}})
	if err != nil {
		t.Skip("upstream stages:", err)
	}
	return ups
}

// knowledgeLayer loads the knowledge layer as newFlow wires it: dates,
// themes, tone, quotes and itineraries.
func knowledgeLayer(t testing.TB) []pipeline.Stage {
	t.Helper()
	k, err := flowStages(flowOptions{dataDir: knowledgeData, stages: []string{"dates", "themes", "tone", "quotes", "itinerary"}})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestKnowledgeOnExample checks the "Must show" on the Rubio
// example through the real stages.
func TestKnowledgeOnExample(t *testing.T) {
	b, err := os.ReadFile(examplePath)
	if err != nil {
		t.Skip(err)
	}
	p, err := pipeline.New(append(upstream(t), knowledgeLayer(t)...)...)
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{ID: "rubio", Text: string(b), Published: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	if err := p.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	var themes []string
	for _, s := range a.Scores {
		themes = append(themes, s.Theme)
	}
	for _, want := range []string{"SECURITY", "ORGANIZED_CRIME", "DRUG_TRAFFICKING", "FENTANYL", "BORDER", "MIGRATION",
		"HUMAN_RIGHTS", "SOVEREIGNTY", "TRADE", "TARIFFS", "TRADE_AGREEMENT", "MILITARY", "DIPLOMACY", "INTELLIGENCE"} {
		if !slices.Contains(themes, want) {
			t.Errorf("theme %s missing from %v", want, themes)
		}
	}
	if a.Tone == nil || a.Tone.Tone > 1 || a.Tone.Negative == 0 || a.Tone.WordCount == 0 || len(a.Tone.Sentences) != len(a.Sentences) {
		t.Errorf("tone %+v, want negative-to-mixed with every field", a.Tone)
	}
	today := false
	for _, d := range a.Dates {
		if a.Slice(d.Span) == "today" && d.Value == "2026-11-26" {
			today = true
		}
	}
	if !today || a.EventDate != "2026-11-26" {
		t.Errorf("today not normalised: %+v, event date %q", a.Dates, a.EventDate)
	}
	if len(a.Quotes) < 2 {
		t.Errorf("want at least 2 attributed statements, got %+v", a.Quotes)
	}
	for _, q := range a.Quotes {
		if q.SpeakerName == "" || q.Verb == "" {
			t.Errorf("unattributed quote %+v", q)
		}
	}
	var trip *doc.Trip
	for i := range a.Trips {
		if a.Trips[i].Person == "Marco Rubio" {
			trip = &a.Trips[i]
		}
	}
	if trip == nil {
		t.Fatalf("no trip for Marco Rubio: %+v", a.Trips)
	}
	type leg struct{ place, role, status string }
	var got []leg
	for _, l := range trip.Legs {
		got = append(got, leg{l.Place, l.Role, l.Status})
	}
	want := []leg{{"Washington", "origin", "past"}, {"Mexico City", "arrival", "ongoing"}, {"Ecuador", "next", "planned"}}
	if !slices.Equal(got, want) {
		t.Errorf("itinerary %v, want %v", got, want)
	}
}

// BenchmarkKnowledgeLayer times the knowledge layer (dates, themes, tone,
// quotes, itinerary) over Reuters-21578 articles already through text,
// syntax, ner and geo (KNOWLEDGE_BENCH_TEXT_ONLY=1: text only). Run with -cpu 1; cpu-articles/s divides by the
// process's CPU time, which stays honest when other jobs share the cores.
func BenchmarkKnowledgeLayer(b *testing.B) {
	f, err := os.Open("../../../shared/data/news/reuters21578.jsonl.gz")
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var ups []pipeline.Stage
	if os.Getenv("KNOWLEDGE_BENCH_TEXT_ONLY") != "" {
		ts, _ := text.New()
		ups = []pipeline.Stage{ts} // layers degrade: no entities or places
	} else {
		ups = upstream(b)
	}
	up, err := pipeline.New(ups...)
	if err != nil {
		b.Fatal(err)
	}
	layer := knowledgeLayer(b)
	var arts []*doc.Article
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var bytes int
	for sc.Scan() && len(arts) < 1000 {
		var r struct {
			ID, Text, Published string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		a := &doc.Article{ID: r.ID, Text: r.Text}
		a.Published, _ = time.Parse(time.RFC3339, r.Published)
		if err := up.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
		bytes += len(a.Text)
	}
	ctx := context.Background()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a := arts[i%len(arts)]
		for _, s := range layer {
			if err := s.Process(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-articles/s")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(bytes)/float64(len(arts)), "bytes/article")
}
