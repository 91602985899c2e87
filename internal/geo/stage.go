package geo

import (
	"context"
	"fmt"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/text"
)

// FileName is the compiled gazetteer's name inside the data folder.
const FileName = "geo.gaz"

// Stage is the geoparsing pipeline stage: it reads tokens (and the tagger's
// mentions when present) and assigns Article.Places and Article.Focus.
type Stage struct {
	gaz *Gazetteer
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns a stage over a loaded gazetteer.
func New(g *Gazetteer) (*Stage, error) {
	if g == nil {
		return nil, fmt.Errorf("geo stage: nil gazetteer")
	}
	return &Stage{gaz: g}, nil
}

// Load loads the compiled gazetteer at path, or data/geo.gaz of the data
// folder when path is empty, and returns the stage.
func Load(path string) (*Stage, error) {
	if path == "" {
		p, err := datadir.Path(FileName)
		if err != nil {
			return nil, fmt.Errorf("geo stage: %w", err)
		}
		path = p
	}
	g, err := LoadGazetteer(path)
	if err != nil {
		return nil, fmt.Errorf("geo stage: %w", err)
	}
	return New(g)
}

// Gazetteer returns the stage's gazetteer.
func (s *Stage) Gazetteer() *Gazetteer { return s.gaz }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "geo" }

// Requires implements pipeline.Stage.
func (s *Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }

// Assigns implements pipeline.Stage.
func (s *Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Places} }

// Process assigns a.Places and a.Focus.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	toks := a.Tokens
	if len(toks) == 0 && a.Text != "" {
		toks = text.Tokenize(a.Text) // an article given without its token layer
	}
	a.Places, a.Focus = s.gaz.Parse(a.Text, toks, a.Mentions)
	return nil
}
