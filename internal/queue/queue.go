// Package queue carries articles from ingesters to workers through a NATS
// JetStream stream, so analysis can be spread over several machines.
//
// The stream uses work-queue retention: a message is kept on disk until one
// consumer acknowledges it, then removed. Workers share one durable pull
// consumer and acknowledge a message only after the article is committed to
// the store (see internal/worker), so a worker killed at any moment loses
// nothing: its unacknowledged messages are redelivered to another worker
// after AckWait. Publishing sets the JetStream message id to the article id,
// so an ingester rerun after a crash does not enqueue the same article twice
// within the duplicate window; beyond it the store's idempotent upsert
// absorbs any duplicate.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"newsgraph/internal/doc"
)

// Defaults used when Config leaves a field empty.
const (
	DefaultStream   = "NEWSGRAPH_ARTICLES"
	DefaultSubject  = "newsgraph.articles"
	DefaultConsumer = "newsgraph-workers"
)

// Config names the stream and tunes delivery.
type Config struct {
	URL      string // nats://host:port
	Stream   string
	Subject  string
	Consumer string // durable consumer shared by all workers
	// AckWait is how long the server waits for an ack before redelivering a
	// message to another worker; it must exceed the time to analyse and
	// commit one batch.
	AckWait time.Duration
	// MaxDeliver bounds redeliveries of a message that keeps failing
	// (for instance one that crashes the worker), so it cannot loop forever.
	MaxDeliver int
	// Duplicates is the server's duplicate-detection window for message ids.
	Duplicates time.Duration
	// MaxMsgBytes caps one message (one article as JSON).
	MaxMsgBytes int32
}

func (c *Config) defaults() {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait == 0 {
		c.AckWait = 60 * time.Second
	}
	if c.MaxDeliver == 0 {
		c.MaxDeliver = 10
	}
	if c.Duplicates == 0 {
		c.Duplicates = 10 * time.Minute
	}
	if c.MaxMsgBytes == 0 {
		c.MaxMsgBytes = 8 << 20
	}
}

// Queue is a connection to the article stream.
type Queue struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
}

// IsURL reports whether s names a NATS server (nats:// or tls://).
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "nats" || u.Scheme == "tls") && u.Host != ""
}

// Open connects to the server at cfg.URL and creates or updates the stream.
func Open(ctx context.Context, cfg Config, opts ...nats.Option) (*Queue, error) {
	cfg.defaults()
	if !IsURL(cfg.URL) {
		return nil, fmt.Errorf("queue: %q is not a nats:// URL", cfg.URL)
	}
	opts = append([]nats.Option{nats.Name("newsgraph"), nats.MaxReconnects(-1)}, opts...)
	nc, err := nats.Connect(cfg.URL, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", redact(cfg.URL), err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: jetstream: %w", err)
	}
	st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "newsgraph articles waiting for analysis",
		Subjects:    []string{cfg.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  cfg.Duplicates,
		MaxMsgSize:  cfg.MaxMsgBytes,
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: create stream %s: %w", cfg.Stream, err)
	}
	return &Queue{cfg: cfg, nc: nc, js: js, stream: st}, nil
}

// Close drains nothing and closes the connection: unacknowledged messages
// stay in the stream for other workers.
func (q *Queue) Close() { q.nc.Close() }

// Conn returns the underlying connection (tests close it to simulate a
// crashed worker).
func (q *Queue) Conn() *nats.Conn { return q.nc }

// Publish enqueues one article and waits for the server to store it.
func (q *Queue) Publish(ctx context.Context, a *doc.Article) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("queue: encode article %s: %w", a.ID, err)
	}
	if _, err := q.js.Publish(ctx, q.cfg.Subject, b, msgOpts(a)...); err != nil {
		return fmt.Errorf("queue: publish article %s: %w", a.ID, err)
	}
	return nil
}

func msgOpts(a *doc.Article) []jetstream.PublishOpt {
	if a.ID == "" {
		return nil
	}
	return []jetstream.PublishOpt{jetstream.WithMsgID(a.ID)}
}

// Publisher publishes asynchronously, keeping up to a window of messages in
// flight; Flush waits until the server has stored every one of them.
type Publisher struct {
	q       *Queue
	pending []jetstream.PubAckFuture
	window  int
	n       int
}

// Publisher returns an asynchronous publisher with window messages in
// flight at most.
func (q *Queue) Publisher(window int) *Publisher {
	if window <= 0 {
		window = 256
	}
	return &Publisher{q: q, window: window}
}

// Publish enqueues a; it blocks when the window is full.
func (p *Publisher) Publish(ctx context.Context, a *doc.Article) error {
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("queue: encode article %s: %w", a.ID, err)
	}
	f, err := p.q.js.PublishAsync(p.q.cfg.Subject, b, msgOpts(a)...)
	if err != nil {
		return fmt.Errorf("queue: publish article %s: %w", a.ID, err)
	}
	p.pending = append(p.pending, f)
	if len(p.pending) >= p.window {
		return p.Flush(ctx)
	}
	return nil
}

// Flush waits for every pending publish to be stored by the server and
// reports the first failure.
func (p *Publisher) Flush(ctx context.Context) error {
	var first error
	for _, f := range p.pending {
		select {
		case <-f.Ok():
			p.n++
		case err := <-f.Err():
			if first == nil {
				first = fmt.Errorf("queue: publish: %w", err)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p.pending = p.pending[:0]
	return first
}

// Published counts messages the server confirmed.
func (p *Publisher) Published() int { return p.n }

// Consumer creates or binds the durable pull consumer workers share.
// Explicit acks; messages unacked after AckWait go to another worker.
func (q *Queue) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	c, err := q.js.CreateOrUpdateConsumer(ctx, q.cfg.Stream, jetstream.ConsumerConfig{
		Durable:       q.cfg.Consumer,
		Description:   "newsgraph workers: analyse, store, then ack",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    q.cfg.MaxDeliver,
		MaxAckPending: 4096,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.cfg.Consumer, err)
	}
	return c, nil
}

// Pending reports messages still in the stream (published, not yet acked).
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: stream info: %w", err)
	}
	return info.State.Msgs, nil
}

// ErrNoStream is returned when the stream was deleted under us.
var ErrNoStream = jetstream.ErrStreamNotFound

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "nats URL"
	}
	return u.Redacted()
}

// IsTransient reports whether err is a connection-level failure worth
// retrying rather than a fault of the message.
func IsTransient(err error) bool {
	return errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, nats.ErrTimeout) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrNoResponders)
}
