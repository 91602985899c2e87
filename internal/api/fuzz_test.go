package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/internal/api"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite"
	"newsgraph/internal/store/storetest"
)

// FuzzAPI throws arbitrary methods, paths, query strings and bodies at the
// handler without a token. Whatever comes in, the answer is never a 5xx,
// errors are JSON with a message, and the store is unchanged.
func FuzzAPI(f *testing.F) {
	for _, s := range []struct{ method, path, query, body string }{
		{"GET", "/api/search", "q=rubio+country:MX", ""},
		{"GET", "/api/search", "q=%22unterminated", ""},
		{"GET", "/api/search", "q=NEAR(a+b)+OR+title:x*", ""},
		{"GET", "/api/search", "q=')+OR+1=1--", ""},
		{"GET", "/api/articles/a1", "", ""},
		{"GET", "/api/articles/../../etc/passwd", "", ""},
		{"GET", "/api/entities/per-marco-rubio", "q=from:2026", ""},
		{"GET", "/api/timeline", "by=theme&q=theme:ECON", ""},
		{"GET", "/api/events", "root=04&actor=USA", ""},
		{"GET", "/api/network", "min_count=2", ""},
		{"GET", "/api/export", "format=jsonl&q=paris", ""},
		{"POST", "/api/ingest", "", `{"id":"x","text":"y"}`},
		{"DELETE", "/api/alerts/mine", "", ""},
		{"PATCH", "/api/alerts", "", "{}"},
	} {
		f.Add(s.method, s.path, s.query, s.body)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutBatch(ctx, storetest.Fixture()); err != nil {
		f.Fatal(err)
	}
	before, _ := st.Stats(ctx)
	h := api.New(api.Config{Store: st, Token: token})
	f.Fuzz(func(t *testing.T, method, path, rawQuery, body string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") {
			method = "GET"
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		r := &http.Request{
			Method: method, URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: http.Header{},
			Body: http.NoBody, Host: "example.org", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		}
		r = r.WithContext(ctx)
		if body != "" {
			r.Body = httptest.NewRequest("POST", "/", strings.NewReader(body)).Body
			r.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s?%s -> %d %s", method, path, rawQuery, w.Code, w.Body.String())
		}
		if w.Code >= 400 {
			var e map[string]string
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e["error"] == "" {
				t.Fatalf("%s %s?%s -> %d with non-JSON error %q", method, path, rawQuery, w.Code, w.Body.String())
			}
		}
		if method != "GET" && method != "HEAD" && w.Code < 400 {
			t.Fatalf("%s %s without a token succeeded: %d", method, path, w.Code)
		}
		if after, _ := st.Stats(ctx); after != before {
			t.Fatalf("%s %s?%s changed the store: %+v", method, path, rawQuery, after)
		}
	})
}

// FuzzSearchQuery feeds arbitrary query-language text to /api/search: it
// must answer 200 or 400, never 5xx.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"rubio", `"mexico city" OR paris`, "actor:USAGOV -country:FR", "((a", "a AND", "x*",
		`source:"bbc' --"`, "event:14 from:2026-11 to:2026-11-30", "NOT NOT NOT a", `"""`, "title:(x) ^ NEAR/2"} {
		f.Add(q)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "fuzzq.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutBatch(ctx, storetest.Fixture()); err != nil {
		f.Fatal(err)
	}
	h := api.New(api.Config{Store: st, Token: token})
	f.Fuzz(func(t *testing.T, q string) {
		for _, ep := range []string{"/api/search?facets=1&order=relevance&q=", "/api/timeline?by=theme&q="} {
			r := httptest.NewRequest("GET", ep+url.QueryEscape(q), nil)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != 200 && w.Code != 400 {
				t.Fatalf("%s%q -> %d %s", ep, q, w.Code, w.Body.String())
			}
			if w.Code == 200 && strings.HasPrefix(ep, "/api/search") {
				var res store.SearchResult
				if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
					t.Fatalf("bad JSON: %v", err)
				}
			}
		}
	})
}
