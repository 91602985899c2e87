// Package pipeline runs an ordered list of named stages over a *doc.Article.
//
// Each stage declares the annotation layers it needs and the ones it
// assigns (spaCy's requires/assigns); New checks the chain once, when the
// pipeline is built, so a stage never has to nil-check its inputs.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"newsgraph/internal/doc"
)

// Layer names an annotation layer of doc.Article.
type Layer string

// The layers stages read and write.
const (
	Text      Layer = "text"      // Article.Text, Title, Published, Lang
	Lang      Layer = "lang"      // Article.Lang
	Tokens    Layer = "tokens"    // Article.Tokens + Sentences
	POS       Layer = "pos"       // Token.POS
	Chunks    Layer = "chunks"    // Token.Chunk
	Entities  Layer = "entities"  // Mentions + Entities
	Coref     Layer = "coref"     // Entities merged, pronouns linked
	Places    Layer = "places"    // Places + Focus
	Dates     Layer = "dates"     // Dates + EventDate
	Events    Layer = "events"    // Events
	Themes    Layer = "themes"    // Themes + Scores
	Tone      Layer = "tone"      // Tone
	Quotes    Layer = "quotes"    // Quotes
	Itinerary Layer = "itinerary" // Trips
)

// Stage is one step of the pipeline. Process must be safe to call from
// several goroutines at once on different articles: models are read-only
// after load.
type Stage interface {
	Name() string
	Requires() []Layer
	Assigns() []Layer
	Process(ctx context.Context, a *doc.Article) error
}

// Pipeline is an ordered, checked list of stages.
type Pipeline struct {
	stages []Stage
}

// New builds a pipeline and checks that every stage's requirements are
// assigned by a stage before it (the text layer is always present).
func New(stages ...Stage) (*Pipeline, error) {
	have := map[Layer]bool{Text: true}
	for _, s := range stages {
		var missing []string
		for _, r := range s.Requires() {
			if !have[r] {
				missing = append(missing, string(r))
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("pipeline: stage %q requires %s, which no earlier stage assigns",
				s.Name(), strings.Join(missing, ", "))
		}
		for _, l := range s.Assigns() {
			have[l] = true
		}
	}
	return &Pipeline{stages: stages}, nil
}

// Stages returns the names of the stages in order.
func (p *Pipeline) Stages() []string {
	names := make([]string, len(p.stages))
	for i, s := range p.stages {
		names[i] = s.Name()
	}
	return names
}

// Steps returns the stages in order, for callers that time or trace them
// one by one.
func (p *Pipeline) Steps() []Stage { return append([]Stage(nil), p.stages...) }

// Process runs every stage over a, stopping at the first error.
func (p *Pipeline) Process(ctx context.Context, a *doc.Article) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(ctx, a); err != nil {
			return &StageError{Stage: s.Name(), Article: a.ID, Origin: a.Origin, Err: err}
		}
	}
	return nil
}

// StageError says which stage failed on which article.
type StageError struct {
	Stage, Article, Origin string
	Err                    error
}

func (e *StageError) Error() string {
	where := e.Origin
	if where == "" {
		where = e.Article
	}
	return fmt.Sprintf("%s: stage %s: %v", where, e.Stage, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

// Func adapts a function into a Stage, for small stages and tests.
type Func struct {
	StageName    string
	Needs, Gives []Layer
	Fn           func(ctx context.Context, a *doc.Article) error
}

// Name implements Stage.
func (f Func) Name() string { return f.StageName }

// Requires implements Stage.
func (f Func) Requires() []Layer { return f.Needs }

// Assigns implements Stage.
func (f Func) Assigns() []Layer { return f.Gives }

// Process implements Stage by calling Fn.
func (f Func) Process(ctx context.Context, a *doc.Article) error {
	if f.Fn == nil {
		return errors.New("no function")
	}
	return f.Fn(ctx, a)
}

var _ Stage = Func{}
