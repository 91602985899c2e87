package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// slowFlow is a one-stage pipeline whose processing time varies with the
// article, so that workers finish out of order; ids ending in "7" fail.
func slowFlow(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(pipeline.Func{StageName: "slow", Fn: func(ctx context.Context, a *doc.Article) error {
		n, _ := strconv.Atoi(a.ID)
		time.Sleep(time.Duration((n*7919)%5) * time.Millisecond)
		if n%10 == 7 {
			return errors.New("boom")
		}
		a.Title = "seen"
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAnalyserKeepsSubmissionOrder(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			ctx := context.Background()
			var got []string
			an := newAnalyser(ctx, slowFlow(t), workers, func(a *doc.Article, err error) error {
				switch {
				case a == nil:
					got = append(got, "bad:"+err.Error())
				case err != nil:
					got = append(got, a.ID+":failed")
				case a.Title != "seen":
					t.Errorf("article %s handed on before analysis", a.ID)
				default:
					got = append(got, a.ID)
				}
				return nil
			})
			var want []string
			for i := range 60 {
				if i == 30 {
					if err := an.Submit(ctx, nil, errors.New("x")); err != nil {
						t.Fatal(err)
					}
					want = append(want, "bad:x")
				}
				id := strconv.Itoa(i)
				if err := an.Submit(ctx, &doc.Article{ID: id}, nil); err != nil {
					t.Fatal(err)
				}
				if i%10 == 7 {
					id += ":failed"
				}
				want = append(want, id)
			}
			if err := an.Close(); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("handed on\n%v\nwant\n%v", got, want)
			}
		})
	}
}

func TestAnalyserStopsOnHandOnError(t *testing.T) {
	ctx := context.Background()
	stop := errors.New("disk full")
	handed := 0
	an := newAnalyser(ctx, nil, 2, func(a *doc.Article, err error) error {
		handed++
		if a.ID == "5" {
			return stop
		}
		return nil
	})
	var submitErr error
	for i := range 1000 {
		if submitErr = an.Submit(ctx, &doc.Article{ID: strconv.Itoa(i)}, nil); submitErr != nil {
			break
		}
	}
	if err := an.Close(); !errors.Is(err, stop) {
		t.Fatalf("Close = %v, want %v", err, stop)
	}
	if !errors.Is(submitErr, stop) {
		t.Errorf("Submit kept accepting articles after the hand-on error (last error %v)", submitErr)
	}
	if handed != 6 {
		t.Errorf("handed on %d articles, want 6 (nothing after the error)", handed)
	}
}
