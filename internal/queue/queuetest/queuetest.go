// Package queuetest starts a real, embedded nats-server with JetStream for
// tests: loopback only, a random port, its store in the test's temp dir.
// No mocks: the workers under test talk to the same server code that runs
// in production.
package queuetest

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"newsgraph/internal/queue"
)

// Start runs a JetStream-enabled server until the test ends and returns its
// client URL (nats://127.0.0.1:PORT).
func Start(t testing.TB) string {
	t.Helper()
	s := New(t, t.TempDir())
	return s.ClientURL()
}

// New starts a server storing JetStream data in dir; the caller may Shutdown
// it early (to test a server restart) — cleanup tolerates that.
func New(t testing.TB, dir string) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host:      "127.0.0.1",
		Port:      -1, // random free port
		JetStream: true,
		StoreDir:  dir,
		NoLog:     true,
		NoSigs:    true,
		// Bound the test server's appetite: the machine is shared.
		JetStreamMaxMemory: 64 << 20,
		JetStreamMaxStore:  1 << 30,
	})
	if err != nil {
		t.Fatalf("nats-server: %v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		t.Fatal("nats-server: not ready after 10s")
	}
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s
}

// Open starts a server (Start) and opens the work queue on it with the
// given AckWait, closed when the test ends.
func Open(ctx context.Context, t testing.TB, ackWait time.Duration) *queue.Queue {
	t.Helper()
	q, err := queue.Open(ctx, queue.Config{URL: Start(t), AckWait: ackWait})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}
