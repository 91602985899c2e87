//go:build integration

package event

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

// TestCorpus runs the stage over the BBC corpus (go test -tags integration):
// no errors or panics, every event well formed.
func TestCorpus(t *testing.T) {
	f, err := os.Open(shared + "/news/bbc2225.jsonl.gz")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	st := loadStage(t)
	ts, _ := text.New()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n, events, sents := 0, 0, 0
	start := time.Now()
	for sc.Scan() {
		var rec struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		a := doc.Article{ID: rec.ID, Title: rec.Title, Text: rec.Text, Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := ts.Process(context.Background(), &a); err != nil {
			t.Fatal(err)
		}
		if err := st.Process(context.Background(), &a); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Events {
			if e.Source.Code == "" || e.Code == "" || e.Trigger.End <= e.Trigger.Start || e.Trigger.End > len(a.Text) {
				t.Fatalf("%s: bad event %+v", a.ID, e)
			}
		}
		if re := os.Getenv("EVGREP"); re != "" {
			// events whose actor text matches $EVGREP (development aid)
			for _, e := range a.Events {
				for _, ac := range []doc.Actor{e.Source, e.Target} {
					if regexp.MustCompile(re).MatchString(ac.Text) {
						se := a.Sentences[e.Sentence]
						t.Logf("%s>%s %s %s %q || %s", e.Source.Code, e.Target.Code, e.Code, e.Status,
							a.Text[e.Trigger.Start:e.Trigger.End], a.Text[se.Start:se.End])
						break
					}
				}
			}
		}
		if os.Getenv("EVSAMPLE") != "" && n%50 == 0 {
			for _, e := range a.Events {
				se := a.Sentences[e.Sentence]
				t.Logf("%s>%s %s %s ref=%v %q || %s", e.Source.Code, e.Target.Code, e.Code, e.Status, e.Reference,
					a.Text[e.Trigger.Start:e.Trigger.End], a.Text[se.Start:se.End])
			}
		}
		n++
		sents += len(a.Sentences)
		events += len(a.Events)
	}
	t.Logf("%d articles, %d sentences, %d events in %v", n, sents, events, time.Since(start))
}
