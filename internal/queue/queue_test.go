package queue_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"newsgraph/internal/doc"
	"newsgraph/internal/queue"
	"newsgraph/internal/queue/queuetest"
)

func TestIsURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"nats://127.0.0.1:4222", true},
		{"tls://nats.example:4222", true},
		{"nats://", false},
		{"postgres://x/y", false},
		{"/tmp/news.db", false},
		{"", false},
	} {
		if got := queue.IsURL(tc.in); got != tc.want {
			t.Errorf("IsURL(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// Publishing the same article id twice enqueues it once (the server's
// duplicate window), and an acked message leaves the work queue.
func TestPublishDedupAndAck(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q := queuetest.Open(ctx, t, time.Second)
	p := q.Publisher(2)
	for _, id := range []string{"a", "b", "a", "c"} {
		if err := p.Publish(ctx, &doc.Article{ID: id, Text: "text " + id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := q.Pending(ctx); n != 3 {
		t.Fatalf("pending = %d, want 3 (duplicate id dropped)", n)
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Fetch(10, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for m := range b.Messages() {
		var a doc.Article
		if err := json.Unmarshal(m.Data(), &a); err != nil {
			t.Fatal(err)
		}
		seen[a.ID] = true
		if a.ID != "b" { // leave b unacked: it must come back
			if err := m.DoubleAck(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(seen) != 3 {
		t.Fatalf("fetched %v, want a, b, c", seen)
	}
	time.Sleep(1200 * time.Millisecond) // past AckWait
	b, err = c.Fetch(10, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var again []string
	for m := range b.Messages() {
		var a doc.Article
		_ = json.Unmarshal(m.Data(), &a)
		again = append(again, a.ID)
		_ = m.DoubleAck(ctx)
	}
	if len(again) != 1 || again[0] != "b" {
		t.Fatalf("redelivered %v, want [b]", again)
	}
	if n, _ := q.Pending(ctx); n != 0 {
		t.Fatalf("pending after acks = %d, want 0 (work-queue retention)", n)
	}
}
