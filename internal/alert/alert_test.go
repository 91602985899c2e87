package alert_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"newsgraph/internal/alert"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite"
	"newsgraph/internal/store/storetest"
)

func seeded(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutBatch(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return st
}

// Matching uses the store's query language; each channel delivers a hit
// once however often Check sees the article.
func TestCheckDeliversOncePerChannel(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	posts := make(chan alert.Event, 10)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev alert.Event
		json.NewDecoder(r.Body).Decode(&ev)
		posts <- ev
	}))
	defer hook.Close()
	al, err := st.SaveAlert(ctx, store.Alert{Name: "rubio", Query: "actor:USAGOV -country:CA", Webhook: hook.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveAlert(ctx, store.Alert{Name: "paris", Query: `"pension reform" place:Paris`}); err != nil {
		t.Fatal(err)
	}
	e := alert.New(st, alert.Options{})
	defer e.Close()
	sub, cancel := e.Hub().Subscribe(10)
	defer cancel()
	for round := 0; round < 3; round++ {
		evs, err := e.Check(ctx, []string{"a1", "a2", "a3"})
		if err != nil {
			t.Fatal(err)
		}
		want := 2 // a1 for rubio, a2 for paris; a3 is in Canada
		if round > 0 {
			want = 0
		}
		if len(evs) != want {
			t.Fatalf("round %d: fired %v, want %d", round, evs, want)
		}
	}
	got := map[string]string{}
	for len(got) < 2 {
		select {
		case ev := <-sub:
			got[ev.Article.ID] = ev.AlertName
		case <-time.After(2 * time.Second):
			t.Fatalf("SSE got %v", got)
		}
	}
	if got["a1"] != "rubio" || got["a2"] != "paris" {
		t.Errorf("SSE events = %v", got)
	}
	select {
	case ev := <-posts:
		if ev.AlertID != al.ID || ev.Article.ID != "a1" {
			t.Errorf("webhook got %+v", ev)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("webhook not called")
	}
	e.Close() // flushes the webhook queue
	if len(posts) != 0 {
		t.Errorf("webhook called again: %+v", <-posts)
	}
}

// A worker (no SSE) logs a hit; the server's Relay streams it once.
func TestRelayStreamsWorkerHits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := seeded(t)
	server := alert.New(st, alert.Options{Reload: time.Millisecond})
	defer server.Close()
	sub, unsub := server.Hub().Subscribe(10)
	defer unsub()
	go server.Relay(ctx, 50*time.Millisecond)
	time.Sleep(60 * time.Millisecond)
	if _, err := st.SaveAlert(ctx, store.Alert{Query: "ottawa"}); err != nil {
		t.Fatal(err)
	}
	worker := alert.New(st, alert.Options{NoSSE: true})
	defer worker.Close()
	if evs, err := worker.Check(ctx, []string{"a3"}); err != nil || len(evs) != 1 {
		t.Fatalf("worker Check = %v, %v", evs, err)
	}
	select {
	case ev := <-sub:
		if ev.Article.ID != "a3" {
			t.Errorf("relayed %+v", ev)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("relay did not stream the worker's hit")
	}
	select {
	case ev := <-sub:
		t.Errorf("relayed twice: %+v", ev)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestHubDropsForSlowSubscriber(t *testing.T) {
	h := alert.NewHub()
	ch, cancel := h.Subscribe(1)
	h.Broadcast(alert.Event{AlertID: "1"})
	h.Broadcast(alert.Event{AlertID: "2"}) // buffer full: dropped, not blocking
	if ev := <-ch; ev.AlertID != "1" {
		t.Errorf("got %v", ev)
	}
	cancel()
	cancel() // idempotent
	if h.Subscribers() != 0 {
		t.Error("subscriber not removed")
	}
	h.Broadcast(alert.Event{}) // no subscribers: fine
}
