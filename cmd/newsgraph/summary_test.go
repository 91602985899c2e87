package main

import (
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
)

func TestWriteSummary(t *testing.T) {
	text := "Rubio arrived in Mexico City today."
	a := &doc.Article{
		Title: "Rubio in Mexico", Lang: "en", Text: text,
		Published: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		Entities:  []doc.Entity{{ID: "e1", Type: "PER", Name: "Marco Rubio", Role: "Secretary of State", Country: "US", Mentions: []int{0}}},
		Places:    []doc.Place{{Span: doc.Span{Start: 17, End: 28}, Name: "Mexico City", Kind: "city", GeonameID: 3530597, Lat: 19.43, Lon: -99.13, Country: "MX", Admin1: "09"}},
		Focus:     &doc.Focus{Country: "MX", City: "Mexico City"},
		Events: []doc.Event{{Trigger: doc.Span{Start: 6, End: 13}, Source: doc.Actor{Code: "USAGOV"}, Target: doc.Actor{Code: "MEX"},
			Code: "042", RootCode: "04", Location: 1, Date: "2026-11-26", Status: "asserted"}},
		Dates:  []doc.Date{{Span: doc.Span{Start: 29, End: 34}, Value: "2026-11-26", Granularity: "day"}},
		Scores: []doc.ThemeScore{{Theme: "TRAVEL", Score: 1}, {Theme: "DIPLOMACY", Score: 3}},
		Tone:   &doc.Tone{Tone: -1.5, WordCount: 6},
	}
	var b strings.Builder
	if err := writeSummary(&b, a); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Rubio in Mexico\n",
		"published 2026-11-26 · lang en",
		"PER  Marco Rubio — Secretary of State, US · 1 mentions",
		"Places (focus: MX / Mexico City)",
		"geonames 3530597 ×1",
		`USAGOV  042   (consult)                  → MEX     @ Mexico City 2026-11-26 [asserted] "arrived"`,
		`"today" → 2026-11-26 (day)`,
		"DIPLOMACY 3, TRAVEL 1", // highest score first
		"Tone -1.50",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
