package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"newsgraph/internal/store"
)

// Options tune an Engine.
type Options struct {
	Log *slog.Logger
	// Client posts webhooks; default has a 5 s timeout.
	Client *http.Client
	// Reload is how often the alert list is re-read, to see alerts created
	// by other processes; default 5 s. Invalidate forces a reload.
	Reload time.Duration
	// NoSSE marks a process without live subscribers (a NATS worker): it
	// leaves the SSE channel to the server's Relay.
	NoSSE bool
}

// Engine checks new stories against the alerts and delivers hits.
type Engine struct {
	st     Store
	log    *slog.Logger
	client *http.Client
	hub    *Hub
	reload time.Duration
	noSSE  bool

	mu     sync.Mutex
	alerts []store.Alert
	loaded time.Time

	hooks chan webhookJob
	done  chan struct{}
	once  sync.Once
}

type webhookJob struct {
	url string
	ev  Event
}

// New returns an engine; Close stops its webhook sender.
func New(st Store, opt Options) *Engine {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 5 * time.Second}
	}
	if opt.Reload <= 0 {
		opt.Reload = 5 * time.Second
	}
	e := &Engine{
		st: st, log: opt.Log, client: opt.Client, hub: NewHub(), reload: opt.Reload, noSSE: opt.NoSSE,
		hooks: make(chan webhookJob, 1024), done: make(chan struct{}),
	}
	go e.sendWebhooks()
	return e
}

// Hub returns the live-subscriber hub (the SSE stream).
func (e *Engine) Hub() *Hub { return e.hub }

// Close stops the webhook sender after it has sent what is queued.
func (e *Engine) Close() {
	e.once.Do(func() {
		close(e.hooks)
		<-e.done
	})
}

// Invalidate makes the next Check re-read the alert list.
func (e *Engine) Invalidate() {
	e.mu.Lock()
	e.loaded = time.Time{}
	e.mu.Unlock()
}

func (e *Engine) current(ctx context.Context) ([]store.Alert, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.loaded.IsZero() && time.Since(e.loaded) < e.reload {
		return e.alerts, nil
	}
	list, err := e.st.ListAlerts(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert: list: %w", err)
	}
	e.alerts, e.loaded = list, time.Now()
	return list, nil
}

// idChunk bounds the ids of one matching query.
const idChunk = 500

// Check matches newly stored stories (their article ids) against every
// alert and delivers each hit not delivered before. Call it after the
// articles are committed, never before: an alert must not fire for an
// article that was then lost.
func (e *Engine) Check(ctx context.Context, ids []string) ([]Event, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	alerts, err := e.current(ctx)
	if err != nil || len(alerts) == 0 {
		return nil, err
	}
	var fired []Event
	for _, al := range alerts {
		for start := 0; start < len(ids); start += idChunk {
			chunk := ids[start:min(start+idChunk, len(ids))]
			res, err := e.st.Search(ctx, store.Query{Text: al.Query, IDs: chunk, Limit: store.MaxLimit})
			if err != nil {
				// A query saved before a grammar change, say: skip the alert
				// loudly rather than block every other one.
				e.log.Warn("alert query failed; skipped", "alert", al.ID, "err", err)
				break
			}
			for _, h := range res.Hits {
				ev := Event{AlertID: al.ID, AlertName: al.Name, Query: al.Query, Article: h, At: time.Now().UTC()}
				n, err := e.deliver(ctx, al, ev)
				if err != nil {
					return fired, err
				}
				if n > 0 {
					fired = append(fired, ev)
				}
			}
		}
	}
	return fired, nil
}

// deliver sends ev on every channel that has not carried it yet and returns
// how many channels it went to.
func (e *Engine) deliver(ctx context.Context, al store.Alert, ev Event) (int, error) {
	n := 0
	first, err := e.st.RecordHit(ctx, al.ID, ev.Article.ID, ChanLog)
	if err != nil {
		return n, fmt.Errorf("alert %s: record hit %s: %w", al.ID, ev.Article.ID, err)
	}
	if first {
		n++
		e.log.Info("alert fired", "alert", al.ID, "name", al.Name, "article", ev.Article.ID, "title", ev.Article.Title)
	}
	if !e.noSSE {
		first, err := e.st.RecordHit(ctx, al.ID, ev.Article.ID, ChanSSE)
		if err != nil {
			return n, fmt.Errorf("alert %s: record hit %s: %w", al.ID, ev.Article.ID, err)
		}
		if first {
			n++
			e.hub.Broadcast(ev)
		}
	}
	if al.Webhook != "" {
		first, err := e.st.RecordHit(ctx, al.ID, ev.Article.ID, ChanWebhook)
		if err != nil {
			return n, fmt.Errorf("alert %s: record hit %s: %w", al.ID, ev.Article.ID, err)
		}
		if first {
			n++
			select {
			case e.hooks <- webhookJob{al.Webhook, ev}:
			default:
				e.log.Warn("webhook queue full; hit not posted", "alert", al.ID, "article", ev.Article.ID)
			}
		}
	}
	return n, nil
}

// sendWebhooks posts each hit once; a failed post is logged, not retried,
// because the receiver may have processed it (at most once).
func (e *Engine) sendWebhooks() {
	defer close(e.done)
	for j := range e.hooks {
		b, _ := json.Marshal(j.ev)
		req, err := http.NewRequest(http.MethodPost, j.url, bytes.NewReader(b))
		if err != nil {
			e.log.Warn("webhook request", "url", j.url, "err", err)
			continue
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "newsgraph-alert")
		resp, err := e.client.Do(req)
		if err != nil {
			e.log.Warn("webhook post failed", "url", j.url, "err", err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			e.log.Warn("webhook refused", "url", j.url, "status", resp.StatusCode)
		}
	}
}

// Relay polls the store for hits that other processes (NATS workers, which
// have no SSE subscribers) logged since the server started, and streams
// each to the hub once, until ctx ends.
func (e *Engine) Relay(ctx context.Context, every time.Duration) {
	// Stores may keep hit times in whole seconds: look back one more.
	since := time.Now().Add(-every - time.Second).Truncate(time.Second)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := e.relayOnce(ctx, since); err != nil && ctx.Err() == nil {
			e.log.Warn("alert relay", "err", err)
		}
	}
}

func (e *Engine) relayOnce(ctx context.Context, since time.Time) error {
	alerts, err := e.current(ctx)
	if err != nil {
		return err
	}
	for _, al := range alerts {
		hits, err := e.st.Hits(ctx, al.ID, 200)
		if err != nil {
			return fmt.Errorf("alert %s: hits: %w", al.ID, err)
		}
		var ids []string
		for _, h := range hits {
			if h.Channel == ChanLog && !h.At.Before(since) {
				ids = append(ids, h.ArticleID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		res, err := e.st.Search(ctx, store.Query{IDs: ids, Limit: store.MaxLimit})
		if err != nil {
			return fmt.Errorf("alert %s: fetch hit articles: %w", al.ID, err)
		}
		for _, h := range res.Hits {
			first, err := e.st.RecordHit(ctx, al.ID, h.ID, ChanSSE)
			if err != nil {
				return fmt.Errorf("alert %s: record hit %s: %w", al.ID, h.ID, err)
			}
			if first {
				e.hub.Broadcast(Event{AlertID: al.ID, AlertName: al.Name, Query: al.Query, Article: h, At: time.Now().UTC()})
			}
		}
	}
	return nil
}
