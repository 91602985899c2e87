package main

import (
	"math"
	"os"
	"testing"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
)

// The flow loads compiled data (data/geo.gaz) from the data folder; tests
// run in cmd/newsgraph, so point them at the repository's ./data when
// `make setup` filled it and the caller did not choose another.
func init() {
	if os.Getenv(datadir.Env) != "" {
		return
	}
	if fi, err := os.Stat("../../data"); err == nil && fi.IsDir() {
		os.Setenv(datadir.Env, "../../data")
	}
}

// TestGeoExample runs the whole flow (text, tagger, geo) over the shared
// example and checks the geo "must show" list on the printed JSON.
func TestGeoExample(t *testing.T) {
	if _, err := os.Stat(examplePath); err != nil {
		t.Skip("shared example absent:", err)
	}
	if _, err := datadir.Path("geo.gaz"); err != nil {
		t.Skip("compiled gazetteer absent:", err)
	}
	code, out, errOut := runCmd(t, "", "analyze", "--published", "2026-11-26", examplePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	as := decodeArticles(t, out)
	if len(as) != 1 {
		t.Fatalf("%d articles, want 1", len(as))
	}
	a := as[0]
	byText := map[string][]doc.Place{}
	for _, p := range a.Places {
		byText[a.Slice(p.Span)] = append(byText[a.Slice(p.Span)], p)
	}
	check := func(name string, ok func(p doc.Place) bool, want string) {
		t.Helper()
		ps := byText[name]
		if len(ps) == 0 {
			t.Errorf("%s: not found; want %s", name, want)
			return
		}
		for _, p := range ps {
			if !ok(p) {
				t.Errorf("%s = %+v; want %s", name, p, want)
			}
		}
	}
	check("Mexico City", func(p doc.Place) bool {
		return p.GeonameID == 3530597 && p.Country == "MX" && p.Admin1 == "09" &&
			math.Abs(p.Lat-19.43) < 0.01 && math.Abs(p.Lon+99.13) < 0.01
	}, "GeoNames 3530597 (19.43, -99.13, MX, 09)")
	check("Mexico", func(p doc.Place) bool { return p.Kind == "country" && p.Country == "MX" }, "country MX")
	check("Ecuador", func(p doc.Place) bool { return p.Kind == "country" && p.Country == "EC" }, "country EC")
	check("United States", func(p doc.Place) bool { return p.Kind == "country" && p.Country == "US" }, "country US")
	check("Latin America", func(p doc.Place) bool { return p.Kind == "region" && len(p.Members) > 0 }, "a region with members")
	for _, p := range byText["Washington"] {
		if p.Role != "actor" {
			t.Errorf("Washington = %+v; want no place or an actor", p)
		}
	}
	if f := a.Focus; f == nil || f.Country != "MX" || f.City != "Mexico City" {
		t.Errorf("focus = %+v; want MX / Mexico City", a.Focus)
	}
}
