package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dataDir := "../../../shared/data"
	if _, err := os.Stat(dataDir + "/" + MapFile); err != nil {
		dataDir = ""
	}
	h, err := New(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		status       int
		ctype, body  string
	}{
		{"GET", "/", 200, "text/html", `<script src="/app.js">`},
		{"GET", "/app.js", 200, "javascript", "function viewSearch"},
		{"GET", "/app.css", 200, "text/css", ".hl.ent-PER"},
		{"HEAD", "/", 200, "text/html", ""},
		{"POST", "/", 405, "", ""},
		{"GET", "/nope.js", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			if ct := rec.Header().Get("Content-Type"); tt.ctype != "" && !strings.Contains(ct, tt.ctype) {
				t.Errorf("Content-Type = %q, want %q", ct, tt.ctype)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body lacks %q", tt.body)
			}
			if rec.Code == 200 && rec.Header().Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy")
			}
		})
	}
	t.Run("map", func(t *testing.T) {
		if dataDir == "" {
			t.Skip("shared geo data absent")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/map/codes.json", nil))
		var codes map[string]struct{ ISO2, Name string }
		if err := json.Unmarshal(rec.Body.Bytes(), &codes); err != nil {
			t.Fatal(err)
		}
		if c := codes["484"]; c.ISO2 != "MX" || c.Name != "Mexico" {
			t.Errorf("484 → %+v, want MX Mexico", c)
		}
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/map/countries.json", nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"Topology"`) {
			t.Errorf("countries.json: %d", rec.Code)
		}
	})
	t.Run("no map installed", func(t *testing.T) {
		h, _ := New("")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/map/countries.json", nil))
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "make setup") {
			t.Errorf("status %d body %q", rec.Code, rec.Body.String())
		}
	})
}
