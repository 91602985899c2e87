// Package web serves newsgraph's browser interface: search with facets,
// article view with highlights, entity pages, map, timeline, actor network
// and alerts. It is a small single-page app in plain JavaScript and SVG,
// embedded in the binary (no CDN, no build step, no network at run time),
// talking only to the JSON API under /api/.
//
// The world map is drawn from Natural Earth shapes. Those are third-party
// data, installed by `make setup` into the data folder rather than
// committed, so the handler loads them from there at start-up; without them
// the map view says so and every other view works.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"newsgraph/internal/datadir"
)

//go:embed static
var static embed.FS

// Files the handler reads from the data folder.
const (
	MapFile       = "geo/countries-110m.json" // Natural Earth 1:110m, TopoJSON (npm world-atlas)
	CountriesFile = "geo/countries.tsv"       // ISO numeric → ISO2 and names
)

// Handler serves the UI.
type Handler struct {
	files   http.Handler
	index   []byte
	mapJSON []byte // TopoJSON, or nil when not installed
	codes   []byte // JSON {"numeric": {"iso2": .., "name": ..}}
	start   time.Time
}

// New returns the UI handler. dataDir is the data folder (see package
// datadir); "" or a folder without the map files gives a UI without a map.
func New(dataDir string) (*Handler, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	index, err := fs.ReadFile(sub, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: embedded index: %w", err)
	}
	h := &Handler{files: http.FileServerFS(sub), index: index, start: time.Now()}
	if dataDir != "" {
		if b, err := os.ReadFile(filepath.Join(dataDir, MapFile)); err == nil {
			h.mapJSON = b
		}
		if c, err := countryCodes(filepath.Join(dataDir, CountriesFile)); err == nil {
			h.codes = c
		}
	}
	return h, nil
}

// countryCodes maps ISO 3166 numeric codes (the map's feature ids) to ISO2
// codes (what places carry) and names.
func countryCodes(path string) ([]byte, error) {
	type country struct {
		ISO2 string `json:"iso2"`
		Name string `json:"name"`
	}
	out := map[string]country{}
	err := datadir.ReadTable(path, []string{"iso2", "iso_numeric", "name"}, func(col func(string) string) error {
		if num := col("iso_numeric"); num != "" {
			out[num] = country{ISO2: col("iso2"), Name: col("name")}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

// ServeHTTP serves the app shell for "/", the map data under /map/ and
// the embedded static files.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy",
		"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
	switch r.URL.Path {
	case "/", "/index.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", h.start, bytes.NewReader(h.index))
		return
	case "/map/countries.json":
		h.serveData(w, r, h.mapJSON, "map shapes not installed: run `make setup`")
		return
	case "/map/codes.json":
		h.serveData(w, r, h.codes, "country table not installed: run `make setup`")
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	h.files.ServeHTTP(w, r)
}

func (h *Handler) serveData(w http.ResponseWriter, r *http.Request, b []byte, missing string) {
	if b == nil {
		http.Error(w, missing, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "max-age=3600")
	http.ServeContent(w, r, "data.json", h.start, bytes.NewReader(b))
}
