package main

import (
	"newsgraph/internal/pipeline"
)

// flowOptions selects what the pipeline does.
type flowOptions struct {
	dataDir string // where `make setup` put the third-party data
}

// newFlow is the whole of newsgraph's analysis, in order: each line is one
// stage in its own package. Reading (ingest) happens before, storing after.
func newFlow(opt flowOptions) (*pipeline.Pipeline, error) {
	var stages []pipeline.Stage
	// text: language, tokens, sentences
	// syntax: POS, chunks
	// ner: mentions, entities, titles and roles, coreference
	// geo: places, focus
	// dates, themes, tone, quotes
	// event: actors and CAMEO events
	// itinerary
	return pipeline.New(stages...)
}
