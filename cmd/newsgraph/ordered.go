package main

import (
	"context"
	"sync"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// analyser runs the pipeline over articles on several goroutines and hands
// them on, analysed, in the order they were submitted. analyze's output,
// exports and the store then come out the same whatever the worker count:
// which story an ingested article joins depends on what was stored before
// it.
type analyser struct {
	jobs    chan *analysisJob
	order   chan *analysisJob
	workers sync.WaitGroup
	handed  chan struct{} // closed when every job has been handed on

	mu  sync.Mutex
	err error // first error from the hand-on function: stops everything
}

type analysisJob struct {
	a    *doc.Article
	err  error
	done chan struct{}
}

// newAnalyser starts workers goroutines running p (nil: no analysis) and
// one calling handOn for each submitted article, in submission order, with
// the article and its read or analysis error. Once handOn returns an error,
// later articles are dropped and Submit and Close return that error.
func newAnalyser(ctx context.Context, p *pipeline.Pipeline, workers int, handOn func(*doc.Article, error) error) *analyser {
	workers = max(workers, 1)
	an := &analyser{
		jobs:   make(chan *analysisJob, 4*workers),
		order:  make(chan *analysisJob, 4*workers),
		handed: make(chan struct{}),
	}
	for range workers {
		an.workers.Add(1)
		go func() {
			defer an.workers.Done()
			for j := range an.jobs {
				if p != nil {
					j.err = p.Process(ctx, j.a)
				}
				close(j.done)
			}
		}()
	}
	go func() {
		defer close(an.handed)
		for j := range an.order {
			<-j.done
			if an.stopped() != nil {
				continue // drain
			}
			if err := handOn(j.a, j.err); err != nil {
				an.mu.Lock()
				an.err = err
				an.mu.Unlock()
			}
		}
	}()
	return an
}

func (an *analyser) stopped() error {
	an.mu.Lock()
	defer an.mu.Unlock()
	return an.err
}

// Submit queues a for analysis; readErr, when set, is a bad input that is
// handed on in its place without analysis. It blocks while the queue is
// full and returns the hand-on error that stopped the run, if any.
func (an *analyser) Submit(ctx context.Context, a *doc.Article, readErr error) error {
	if err := an.stopped(); err != nil {
		return err
	}
	j := &analysisJob{a: a, err: readErr, done: make(chan struct{})}
	if readErr != nil {
		close(j.done)
	} else {
		// Into the work queue before the order queue: a job the hand-on
		// goroutine waits for must already be on its way to a worker.
		select {
		case an.jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	select {
	case an.order <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close waits until every submitted article has been handed on and returns
// the error that stopped the run, if any. Call it once, after the last
// Submit.
func (an *analyser) Close() error {
	close(an.jobs)
	an.workers.Wait()
	close(an.order)
	<-an.handed
	return an.stopped()
}
