package main

import (
	"newsgraph/internal/pipeline"
	"newsgraph/internal/quotes"
	"newsgraph/internal/themes"
	"newsgraph/internal/timex"
	"newsgraph/internal/tone"
)

// knowledgeStages builds the knowledge layer that runs after places and
// before events: dates (events and itineraries read them), themes, tone
// and quotes.
func knowledgeStages(opt flowOptions) ([]pipeline.Stage, error) {
	dates, err := timex.New()
	if err != nil {
		return nil, err
	}
	th, err := themes.New()
	if err != nil {
		return nil, err
	}
	tn, err := tone.Load(dataFile(opt, tone.VADERFile))
	if err != nil {
		return nil, err
	}
	q, err := quotes.Load(dataFile(opt, quotes.CountriesFile))
	if err != nil {
		return nil, err
	}
	return []pipeline.Stage{dates, th, tn, q}, nil
}
