package main

import (
	"os"

	"newsgraph/internal/datadir"
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
