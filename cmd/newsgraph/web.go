package main

import (
	"fmt"
	"net/http"

	"newsgraph/internal/datadir"
	"newsgraph/internal/web"
)

// withUI serves the web UI beside the JSON API: /api/ goes to the API,
// everything else to the embedded single-page app.
func withUI(apiHandler http.Handler) (http.Handler, error) {
	dir, _ := datadir.Find() // no data folder: a UI without the map
	ui, err := web.New(dir)
	if err != nil {
		return nil, fmt.Errorf("web UI: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", apiHandler)
	mux.Handle("/", ui)
	return mux, nil
}
