package main

import (
	"fmt"
	"slices"
	"sync"

	"newsgraph/internal/event"
	"newsgraph/internal/geo"
	"newsgraph/internal/itinerary"
	"newsgraph/internal/ner"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/quotes"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/text"
	"newsgraph/internal/themes"
	"newsgraph/internal/timex"
	"newsgraph/internal/tone"
)

// flowOptions selects what the pipeline does.
type flowOptions struct {
	dataDir string // where `make setup` put the third-party data
	// stages, when set, keeps only the named stages (analyze --stages);
	// pipeline.New then rejects a selection missing a stage's requirements.
	stages []string
}

// newFlow is the whole of newsgraph's analysis as one checked pipeline.
// Reading (ingest) happens before it, storing after.
func newFlow(opt flowOptions) (*pipeline.Pipeline, error) {
	stages, err := flowStages(opt)
	if err != nil {
		return nil, err
	}
	return pipeline.New(stages...)
}

// flowSteps lists the stages of the analysis, in order: each line is one
// stage in its own package and how to load it.
func flowSteps(opt flowOptions) []flowStep {
	// The tagger resources (gazetteers, word clusters) are shared by syntax
	// and ner, and loaded once if either runs.
	res := sync.OnceValues(func() (*tagger.Resources, error) { return ner.LoadResources(opt.dataDir) })
	withRes := func(load func(*tagger.Resources) (pipeline.Stage, error)) func() (pipeline.Stage, error) {
		return func() (pipeline.Stage, error) {
			r, err := res()
			if err != nil {
				return nil, err
			}
			return load(r)
		}
	}
	return []flowStep{
		// text: language, tokens, sentences
		{"text", func() (pipeline.Stage, error) { return stage(text.New()) }},
		// syntax: POS, chunks
		{"syntax", withRes(func(r *tagger.Resources) (pipeline.Stage, error) { return stage(syntax.Load(r)) })},
		// ner: mentions, entities, titles and roles, coreference
		{"ner", withRes(func(r *tagger.Resources) (pipeline.Stage, error) { return stage(ner.New(opt.dataDir, r)) })},
		// geo: places, focus
		{"geo", func() (pipeline.Stage, error) { return stage(geo.Load(dataFile(opt, geo.FileName))) }},
		// dates (events and itineraries read them), themes, tone, quotes
		{"dates", func() (pipeline.Stage, error) { return stage(timex.New()) }},
		{"themes", func() (pipeline.Stage, error) { return stage(themes.New()) }},
		{"tone", func() (pipeline.Stage, error) { return stage(tone.Load(dataFile(opt, tone.VADERFile))) }},
		{"quotes", func() (pipeline.Stage, error) { return stage(quotes.Load(dataFile(opt, quotes.CountriesFile))) }},
		// event: actors and CAMEO events
		{"event", func() (pipeline.Stage, error) {
			return stage(event.Load(event.Config{Dir: dataFile(opt, event.DictDir)}))
		}},
		// itinerary: where the article's people travel
		{"itinerary", func() (pipeline.Stage, error) {
			return stage(itinerary.Load(dataFile(opt, itinerary.CountriesFile)))
		}},
	}
}

// flowStages loads the stages opt selects (all by default), in flow order.
// Only those are loaded, so `--stages text` starts without reading any
// model; an unknown name is an error.
func flowStages(opt flowOptions) ([]pipeline.Stage, error) {
	flow := flowSteps(opt)
	for _, n := range opt.stages {
		if !slices.ContainsFunc(flow, func(f flowStep) bool { return f.name == n }) {
			return nil, fmt.Errorf("--stages: unknown stage %q", n)
		}
	}
	var stages []pipeline.Stage
	for _, f := range flow {
		if len(opt.stages) > 0 && !slices.Contains(opt.stages, f.name) {
			continue
		}
		s, err := f.load()
		if err != nil {
			return nil, fmt.Errorf("%s stage: %w", f.name, err)
		}
		if s.Name() != f.name {
			return nil, fmt.Errorf("flow lists stage %q but loaded %q", f.name, s.Name())
		}
		stages = append(stages, s)
	}
	return stages, nil
}

// flowStep is one stage of the flow: its name (for --stages) and how to
// load it.
type flowStep struct {
	name string
	load func() (pipeline.Stage, error)
}

// stage turns a package's (*Stage, error) constructor result into a
// pipeline.Stage, keeping a failed load nil.
func stage[S pipeline.Stage](s S, err error) (pipeline.Stage, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}
