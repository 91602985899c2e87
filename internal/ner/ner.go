// Package ner is the named-entity stage: the embedded two-pass perceptron
// tagger (internal/tagger) finds PER/ORG/LOC/MISC names; on top of it,
// rules read titles and roles ("U.S. Secretary of State Marco Rubio"),
// capital-city metonymy ("Washington's determination" is the US
// government) and within-document coreference (names, surnames, title
// references and he/she pronouns), and gather the mentions into canonical
// entities.
package ner

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"newsgraph/assets/models"
	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
)

// LoadResources loads the gazetteer and word clusters the features read
// from the data folder dir ("" = datadir.Find()).
func LoadResources(dir string) (*tagger.Resources, error) {
	if dir == "" {
		d, err := datadir.Find()
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		dir = d
	}
	return tagger.LoadResources(dir)
}

// LoadTagger loads the embedded NER model of a language (two passes when
// the model has a first pass), falling back to English.
func LoadTagger(lang string, res *tagger.Resources) (*tagger.Tagger, error) {
	t, err := loadTagger(lang, res)
	if err != nil && lang != "en" {
		return loadTagger("en", res)
	}
	return t, err
}

func loadTagger(lang string, res *tagger.Resources) (*tagger.Tagger, error) {
	m, err := tagger.Load(models.FS, "ner-"+lang+".model.gz")
	if err != nil {
		return nil, err
	}
	t, err := tagger.NewTagger(m, res)
	if err != nil {
		return nil, err
	}
	if t.Ext.Has("doc") {
		m1, err := tagger.Load(models.FS, "ner-"+lang+".pass1.model.gz")
		if err != nil {
			return nil, err
		}
		t1, err := tagger.NewTagger(m1, res)
		if err != nil {
			return nil, err
		}
		t1.Pass2 = t
		return t1, nil
	}
	return t, nil
}

// Stage assigns Token.NER, Article.Mentions and Article.Entities.
type Stage struct {
	taggers map[string]*tagger.Tagger // by language; "" = English default
	kb      *knowledge
}

var _ pipeline.Stage = (*Stage)(nil)

// Load builds the stage from the embedded models and the data folder dir
// ("" = datadir.Find()): gazetteer, clusters, countries.
func Load(dir string) (*Stage, error) {
	if dir == "" {
		d, err := datadir.Find()
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		dir = d
	}
	res, err := LoadResources(dir)
	if err != nil {
		return nil, err
	}
	return New(dir, res)
}

// New builds the stage with resources already loaded (shared with the
// syntax stage).
func New(dir string, res *tagger.Resources) (*Stage, error) {
	return NewWith(dir, res, Options{})
}

// Options tune the stage.
type Options struct {
	// SinglePass tags with the first pass only: about twice as fast
	// (BenchmarkNERPass1), dev F1 93.38 instead of 93.64 (docs/ner.md).
	SinglePass bool
}

// NewWith is New with options.
func NewWith(dir string, res *tagger.Resources, opt Options) (*Stage, error) {
	if dir == "" {
		d, err := datadir.Find()
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		dir = d
	}
	s := &Stage{taggers: map[string]*tagger.Tagger{}}
	en, err := LoadTagger("en", res)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	if opt.SinglePass && en.Pass2 != nil {
		en = &tagger.Tagger{Model: en.Model, Ext: en.Ext}
	}
	s.taggers[""] = en
	if es, err := loadTagger("es", res); err == nil {
		s.taggers["es"] = es
	}
	kb, err := loadKnowledge(dir)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	s.kb = kb
	return s, nil
}

func (s *Stage) Name() string { return "ner" }
func (s *Stage) Requires() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.POS}
}
func (s *Stage) Assigns() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Entities, pipeline.Coref}
}

// Process tags the article and builds its mentions and entities. Safe for
// concurrent use.
func (s *Stage) Process(ctx context.Context, a *doc.Article) error {
	a.Mentions, a.Entities = nil, nil
	if len(a.Tokens) == 0 {
		return nil
	}
	t := s.taggers[a.Lang]
	if t == nil {
		t = s.taggers[""]
	}
	sents, spans := syntax.Sentences(a)
	var sc tagger.Scratch
	labels, conf := t.TagDoc(&sc, sents)
	for i, sp := range spans {
		for k := sp[0]; k < sp[1]; k++ {
			a.Tokens[k].NER = labels[i][k-sp[0]]
		}
	}
	an := &analysis{a: a, kb: s.kb, sents: sents, spans: spans, labels: labels, conf: conf}
	an.run()
	return ctx.Err()
}

// words returns the normalised word of token k.
func word(a *doc.Article, k int) string {
	t := a.Tokens[k]
	if t.Start < 0 || t.End > len(a.Text) || t.Start > t.End {
		return ""
	}
	return tagger.Normalize(a.Text[t.Start:t.End])
}

func lower(s string) string { return strings.ToLower(s) }
