// Package worker consumes articles from the JetStream queue, analyses them
// with the pipeline, stores them, and only then acknowledges the messages.
//
// The order matters: ack after commit means a worker killed at any instant
// (even between commit and ack) loses nothing — the server redelivers every
// unacknowledged message to another worker after AckWait. The price is that
// a message may be processed twice; the store's upsert by article id makes
// the second time a no-op, so each article is stored exactly once.
//
// Messages that can never succeed (bad JSON, no text, a stage that rejects
// the article) are terminated with a reason instead of being redelivered
// forever; failures that may pass (the database is down) are NAKed with a
// delay so another attempt comes later.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go/jetstream"

	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

// Processor analyses one article in place (a *pipeline.Pipeline).
type Processor interface {
	Process(ctx context.Context, a *doc.Article) error
}

// Store stores a batch of analysed articles in one transaction and returns
// only once it is durable; it is idempotent on article id (store.Store).
type Store interface {
	PutBatch(ctx context.Context, batch []*doc.Article) ([]store.PutResult, error)
}

// Worker is one consumer loop. Several workers (goroutines, processes or
// machines) may share one durable consumer: JetStream hands each message
// to one of them.
type Worker struct {
	Consumer jetstream.Consumer
	Pipeline Processor // nil: store articles as received
	Store    Store
	// Committed, when set, is called with each batch and its results after
	// it is committed and acknowledged (alerts hang here).
	Committed func(ctx context.Context, batch []*doc.Article, res []store.PutResult)
	Batch     int           // messages per fetch and per transaction; default 64
	MaxWait   time.Duration // how long one fetch waits for messages; default 1s
	// RetryDelay is how long a NAKed message waits before redelivery.
	RetryDelay time.Duration
	Log        *slog.Logger
	// MaxText rejects absurd articles (bytes of text); default 4 MiB.
	MaxText int
	// Heartbeat is how often a batch still being analysed is reported in
	// progress to the server (resetting AckWait); default 15 s.
	Heartbeat time.Duration

	stats Stats
}

// Stats counts what a worker did.
type Stats struct {
	Stored, Terminated, Retried, Batches int
}

// Stats returns the counts so far (not safe to call while Run is running
// in another goroutine; read it after Run returns).
func (w *Worker) Stats() Stats { return w.stats }

// ErrPermanent marks an error that no retry can fix; wrap stage errors with
// it to terminate the message instead of redelivering it.
var ErrPermanent = errors.New("permanent")

// Run consumes until ctx is cancelled. It returns nil on cancellation and an
// error only when the consumer itself fails beyond recovery.
func (w *Worker) Run(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		_, err := w.RunOnce(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failures++
			if failures > 30 {
				return fmt.Errorf("worker: giving up after %d failed fetches: %w", failures, err)
			}
			w.Log.Warn("fetch failed; retrying", "err", err)
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(time.Duration(min(failures, 10)) * 200 * time.Millisecond):
			}
			continue
		}
		failures = 0
	}
	return nil
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 64
	}
	if w.MaxWait <= 0 {
		w.MaxWait = time.Second
	}
	if w.RetryDelay <= 0 {
		w.RetryDelay = 5 * time.Second
	}
	if w.Heartbeat <= 0 {
		w.Heartbeat = 15 * time.Second
	}
	if w.MaxText <= 0 {
		w.MaxText = 4 << 20
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
}

// pending is one fetched message with its decoded article.
type pending struct {
	msg jetstream.Msg
	art *doc.Article
}

// RunOnce fetches at most one batch, processes and commits it, and returns
// how many articles were committed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	fctx, cancelFetch := context.WithTimeout(ctx, w.MaxWait)
	defer cancelFetch()
	b, err := w.Consumer.Fetch(w.Batch, jetstream.FetchContext(fctx))
	if err != nil {
		return 0, fmt.Errorf("worker: fetch: %w", err)
	}
	// Take the whole batch off the fetch first (it ends at MaxWait), then
	// analyse.
	var msgs []jetstream.Msg
	for m := range b.Messages() {
		msgs = append(msgs, m)
	}
	if err := b.Error(); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) &&
		!errors.Is(err, jetstream.ErrNoMessages) {
		w.Log.Warn("fetch ended early", "err", err)
	}
	var ok []pending
	beat := time.Now()
	for i, m := range msgs {
		// A long batch tells the server it is still being worked on, so
		// AckWait does not hand it to another worker meanwhile.
		if time.Since(beat) > w.Heartbeat {
			for _, r := range msgs[i:] {
				r.InProgress()
			}
			for _, p := range ok {
				p.msg.InProgress()
			}
			beat = time.Now()
		}
		a, err := w.decode(m.Data())
		if err != nil {
			w.terminate(m, err)
			continue
		}
		if w.Pipeline != nil {
			if err := w.Pipeline.Process(ctx, a); err != nil {
				if ctx.Err() != nil {
					w.retry(m, err)
					continue
				}
				// A stage failing on an article is deterministic: the
				// same input fails the same way on every worker.
				w.terminate(m, fmt.Errorf("analyse %s: %w", a.ID, err))
				continue
			}
		}
		ok = append(ok, pending{m, a})
	}
	if len(ok) == 0 {
		return 0, nil
	}
	batch := make([]*doc.Article, len(ok))
	for i, p := range ok {
		batch[i] = p.art
	}
	// Commit with a context that survives cancellation of ctx: a shutdown
	// signal mid-commit should let the transaction finish (or roll back)
	// cleanly rather than leave the messages in doubt.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	res, err := w.Store.PutBatch(cctx, batch)
	if err != nil {
		// Nothing acked: every message comes back, to this worker or another.
		for _, p := range ok {
			w.retry(p.msg, err)
		}
		return 0, nil
	}
	for _, p := range ok {
		// DoubleAck waits for the server to confirm, so Stats and callers
		// know the message is gone; a lost ack only means a harmless
		// redelivery (the upsert is idempotent).
		if err := p.msg.DoubleAck(cctx); err != nil {
			w.Log.Warn("ack failed; message will be redelivered and upserted again", "id", p.art.ID, "err", err)
		}
	}
	w.stats.Stored += len(ok)
	w.stats.Batches++
	if w.Committed != nil {
		w.Committed(cctx, batch, res) // alerts of a committed batch survive shutdown
	}
	return len(ok), nil
}

// decode parses and validates one message.
func (w *Worker) decode(data []byte) (*doc.Article, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: message is not UTF-8", ErrPermanent)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var a doc.Article
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("%w: bad article JSON: %v", ErrPermanent, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the article JSON", ErrPermanent)
	}
	if len(a.Text) > w.MaxText {
		return nil, fmt.Errorf("%w: article %q text is %d bytes, over the %d limit", ErrPermanent, a.ID, len(a.Text), w.MaxText)
	}
	// The store's own checks and defaults (id = text hash when missing).
	if err := store.Prepare(&a); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	return &a, nil
}

func (w *Worker) terminate(m jetstream.Msg, err error) {
	w.stats.Terminated++
	reason := err.Error()
	if len(reason) > 200 {
		reason = reason[:200]
	}
	w.Log.Warn("message terminated", "reason", reason)
	if err := m.TermWithReason(reason); err != nil {
		w.Log.Warn("term failed", "err", err)
	}
}

func (w *Worker) retry(m jetstream.Msg, err error) {
	w.stats.Retried++
	w.Log.Warn("message will be retried", "err", err)
	if err := m.NakWithDelay(w.RetryDelay); err != nil {
		w.Log.Warn("nak failed", "err", err)
	}
}
