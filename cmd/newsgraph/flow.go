package main

import (
	"fmt"

	"newsgraph/internal/event"
	"newsgraph/internal/geo"
	"newsgraph/internal/itinerary"
	"newsgraph/internal/ner"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/syntax"
	"newsgraph/internal/text"
)

// flowOptions selects what the pipeline does.
type flowOptions struct {
	dataDir string // where `make setup` put the third-party data
	// stages, when set, keeps only the named stages (analyze --stages);
	// pipeline.New then rejects a selection missing a stage's requirements.
	stages []string
}

// newFlow is the whole of newsgraph's analysis, in order: each line is one
// stage in its own package. Reading (ingest) happens before, storing after.
func newFlow(opt flowOptions) (*pipeline.Pipeline, error) {
	var stages []pipeline.Stage
	// text: language, tokens, sentences
	textStage, err := text.New()
	if err != nil {
		return nil, fmt.Errorf("text stage: %w", err)
	}
	stages = append(stages, textStage)
	// syntax: POS, chunks
	nerRes, err := ner.LoadResources(opt.dataDir)
	if err != nil {
		return nil, err
	}
	syntaxStage, err := syntax.Load(nerRes)
	if err != nil {
		return nil, err
	}
	stages = append(stages, syntaxStage)
	// ner: mentions, entities, titles and roles, coreference
	nerStage, err := ner.New(opt.dataDir, nerRes)
	if err != nil {
		return nil, err
	}
	stages = append(stages, nerStage)
	// geo: places, focus
	geoStage, err := geo.Load(dataFile(opt, geo.FileName))
	if err != nil {
		return nil, err
	}
	stages = append(stages, geoStage)
	// dates, themes, tone, quotes
	k, err := knowledgeStages(opt)
	if err != nil {
		return nil, err
	}
	stages = append(stages, k...)
	// event: actors and CAMEO events
	eventStage, err := event.Load(event.Config{Dir: dataFile(opt, event.DictDir)})
	if err != nil {
		return nil, err
	}
	stages = append(stages, eventStage)
	// itinerary
	trips, err := itinerary.Load(dataFile(opt, itinerary.CountriesFile))
	if err != nil {
		return nil, err
	}
	stages = append(stages, trips)
	return pipeline.New(selectStages(stages, opt.stages)...)
}
