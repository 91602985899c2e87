// Package themes tags what an article is about with a taxonomy in the
// spirit of GDELT's GKG themes (SECURITY, DRUG_TRAFFICKING, FENTANYL,
// TARIFFS, ...): every matched term is a span in Article.Themes and the
// article gets a weighted score per theme in Article.Scores.
//
// The taxonomy is our own readable data file, themes.txt, embedded in the
// binary: each theme lists weighted English and Spanish words and phrases,
// so analysts can read why a theme fired and extend it without retraining
// anything. Matching is a token-level trie (see Matcher), fast enough to run
// on every article of a firehose.
package themes

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"sync"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

//go:embed themes.txt
var builtin []byte

// Stage is the themes pipeline stage.
type Stage struct {
	m    *Matcher
	pool sync.Pool
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the stage with the embedded taxonomy.
func New() (*Stage, error) {
	return Load(bytes.NewReader(builtin), "themes.txt")
}

// Load returns the stage with a taxonomy read from r (name is used in
// error messages).
func Load(r io.Reader, name string) (*Stage, error) {
	t, err := ParseTaxonomy(r, name)
	if err != nil {
		return nil, fmt.Errorf("load themes: %w", err)
	}
	m, err := Compile(t)
	if err != nil {
		return nil, fmt.Errorf("load themes %s: %w", name, err)
	}
	return &Stage{m: m, pool: sync.Pool{New: func() any { s := make([]wtok, 0, 256); return &s }}}, nil
}

// Matcher returns the stage's compiled matcher.
func (s *Stage) Matcher() *Matcher { return s.m }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "themes" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []pipeline.Layer { return nil }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Themes} }

// Process fills Article.Themes and Article.Scores.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	buf := s.pool.Get().(*[]wtok)
	toks := scan(a.Text, *buf)
	a.Themes = s.m.match(a.Text, toks, a.Themes[:0])
	a.Scores = s.m.Score(a.Themes)
	*buf = toks[:0]
	s.pool.Put(buf)
	return nil
}
