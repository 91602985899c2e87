package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/alert"
	"newsgraph/internal/api"
	"newsgraph/internal/store"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/postgres/pgtest"
	"newsgraph/internal/store/sqlite"
	"newsgraph/internal/store/storetest"
)

// Both stores serve the API.
var (
	_ api.Store = (*sqlite.Store)(nil)
	_ api.Store = (*postgres.Store)(nil)
)

const token = "s3cret-token"

type backend struct {
	name string
	open func(t *testing.T) store.Store
}

// backends lists SQLite always and PostgreSQL when the test server runs.
func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) store.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"), sqlite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
		{"postgres", func(t *testing.T) store.Store {
			s, err := postgres.Open(context.Background(), pgtest.URL(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
	}
}

// server starts the API over a store seeded with the storetest fixture.
func server(t *testing.T, st store.Store, cfg api.Config) (*httptest.Server, *alert.Engine) {
	t.Helper()
	if _, err := st.PutBatch(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	eng := alert.New(st, alert.Options{Reload: time.Millisecond})
	t.Cleanup(eng.Close)
	cfg.Store, cfg.Alerts = st, eng
	if cfg.Token == "" {
		cfg.Token = token
	}
	srv := httptest.NewServer(api.New(cfg))
	t.Cleanup(srv.Close)
	return srv, eng
}

type req struct {
	method, path, body, ctype, auth string
}

func do(t *testing.T, srv *httptest.Server, rq req) (int, http.Header, []byte) {
	t.Helper()
	if rq.method == "" {
		rq.method = http.MethodGet
	}
	r, err := http.NewRequest(rq.method, srv.URL+rq.path, strings.NewReader(rq.body))
	if err != nil {
		t.Fatal(err)
	}
	// Send the path exactly as written: no client-side cleaning of "..".
	r.URL.Opaque = ""
	if i := strings.IndexByte(rq.path, '?'); i >= 0 {
		r.URL.RawPath, r.URL.RawQuery = rq.path[:i], rq.path[i+1:]
	}
	if rq.ctype != "" {
		r.Header.Set("Content-Type", rq.ctype)
	}
	if rq.auth != "" {
		r.Header.Set("Authorization", rq.auth)
	}
	resp, err := srv.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("response is not the expected JSON: %v\n%s", err, b)
	}
	return v
}

const bearer = "Bearer " + token

func TestReadEndpoints(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			srv, _ := server(t, be.open(t), api.Config{})
			for _, tc := range []struct {
				path  string
				check func(t *testing.T, b []byte)
			}{
				{"/api/health", nil},
				{"/api/stats", func(t *testing.T, b []byte) {
					if st := decode[store.Stats](t, b); st.Stories != 3 {
						t.Errorf("stats = %+v", st)
					}
				}},
				{"/api/articles?limit=2", func(t *testing.T, b []byte) {
					r := decode[store.SearchResult](t, b)
					if r.Total != 3 || len(r.Hits) != 2 {
						t.Errorf("articles = %+v", r)
					}
				}},
				{"/api/articles/a1", func(t *testing.T, b []byte) {
					r := decode[store.Record](t, b)
					if r.Article == nil || r.Article.Title != "Rubio meets Sheinbaum in Mexico City" || len(r.Article.Events) != 1 {
						t.Errorf("article = %+v", r)
					}
				}},
				{"/api/search?q=rubio+country:MX&facets=true", func(t *testing.T, b []byte) {
					r := decode[store.SearchResult](t, b)
					if r.Total != 1 || r.Hits[0].ID != "a1" || r.Facets == nil {
						t.Errorf("search = %+v", r)
					}
				}},
				{"/api/search?q=" + urlq(`rubio AND NOT "mexico city"`), func(t *testing.T, b []byte) {
					r := decode[store.SearchResult](t, b)
					if r.Total != 1 || r.Hits[0].ID != "a3" {
						t.Errorf("search = %+v", r)
					}
				}},
				{"/api/entities?type=per", func(t *testing.T, b []byte) {
					r := decode[map[string][]store.EntitySummary](t, b)
					if len(r["entities"]) != 2 || r["entities"][0].ID != "per-marco-rubio" {
						t.Errorf("entities = %+v", r)
					}
				}},
				{"/api/entities/per-marco-rubio", func(t *testing.T, b []byte) {
					r := decode[store.EntityDetail](t, b)
					if r.Articles != 2 || len(r.Timeline) != 2 || len(r.CoOccur) == 0 {
						t.Errorf("entity = %+v", r)
					}
				}},
				{"/api/events?root=04", func(t *testing.T, b []byte) {
					r := decode[map[string][]store.EventRecord](t, b)
					if len(r["events"]) != 2 {
						t.Errorf("events = %+v", r)
					}
				}},
				{"/api/places?country=fr", func(t *testing.T, b []byte) {
					r := decode[map[string][]store.PlaceSummary](t, b)
					if len(r["places"]) != 1 || r["places"][0].Name != "Paris" {
						t.Errorf("places = %+v", r)
					}
				}},
				{"/api/timeline?by=event", func(t *testing.T, b []byte) {
					r := decode[store.Timeline](t, b)
					if len(r.Buckets) == 0 || r.By != "event" {
						t.Errorf("timeline = %+v", r)
					}
				}},
				{"/api/network", func(t *testing.T, b []byte) {
					r := decode[store.Network](t, b)
					if len(r.Edges) != 3 || len(r.Nodes) != 5 {
						t.Errorf("network = %+v", r)
					}
				}},
				{"/api/export?format=jsonl&q=rubio", func(t *testing.T, b []byte) {
					if n := bytes.Count(b, []byte("\n")); n != 2 {
						t.Errorf("export lines = %d, want 2", n)
					}
				}},
				{"/api/alerts", nil},
			} {
				code, hd, b := do(t, srv, req{path: tc.path})
				if code != http.StatusOK {
					t.Errorf("GET %s = %d %s", tc.path, code, b)
					continue
				}
				if ct := hd.Get("Content-Type"); !strings.HasPrefix(ct, "application/") {
					t.Errorf("GET %s: Content-Type %q", tc.path, ct)
				}
				if tc.check != nil {
					tc.check(t, b)
				}
			}
		})
	}
}

func urlq(s string) string { return url.QueryEscape(s) }

// Hostile input: every request gets a clear 4xx JSON error and the store
// is unchanged afterwards.
func TestHostileInput(t *testing.T) {
	huge := `{"id":"big","text":"` + strings.Repeat("x", 2<<20) + `"}`
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			st := be.open(t)
			srv, _ := server(t, st, api.Config{MaxBody: 1 << 20})
			ctx := context.Background()
			before, _ := st.Stats(ctx)
			ok := `{"id":"new1","text":"A new story about Rubio and Mexico."}`
			for _, tc := range []struct {
				name string
				rq   req
				want int
			}{
				{"no token", req{method: "POST", path: "/api/ingest", body: ok, ctype: "application/json"}, 401},
				{"wrong token", req{method: "POST", path: "/api/ingest", body: ok, ctype: "application/json", auth: "Bearer nope"}, 401},
				{"basic auth", req{method: "POST", path: "/api/ingest", body: ok, ctype: "application/json", auth: "Basic " + token}, 401},
				{"token prefix", req{method: "POST", path: "/api/ingest", body: ok, ctype: "application/json", auth: "Bearer " + token[:4]}, 401},
				{"alert no token", req{method: "POST", path: "/api/alerts", body: `{"query":"x"}`, ctype: "application/json"}, 401},
				{"delete no token", req{method: "DELETE", path: "/api/alerts/whatever"}, 401},
				{"huge body", req{method: "POST", path: "/api/ingest", body: huge, ctype: "application/json", auth: bearer}, 413},
				{"bad json", req{method: "POST", path: "/api/ingest", body: `{"id":"x","text":`, ctype: "application/json", auth: bearer}, 400},
				{"bad jsonl line", req{method: "POST", path: "/api/ingest", body: ok + "\n{nope\n", ctype: "application/x-ndjson", auth: bearer}, 400},
				{"no text", req{method: "POST", path: "/api/ingest", body: `{"id":"x2","text":""}`, ctype: "application/json", auth: bearer}, 422},
				{"traversal id in body", req{method: "POST", path: "/api/ingest", body: `{"id":"../../etc/passwd","text":"hello there"}`, ctype: "application/json", auth: bearer}, 422},
				{"wrong content type", req{method: "POST", path: "/api/ingest", body: ok, ctype: "text/plain", auth: bearer}, 415},
				{"no content type", req{method: "POST", path: "/api/ingest", body: ok, auth: bearer}, 415},
				{"empty body", req{method: "POST", path: "/api/ingest", body: "", ctype: "application/json", auth: bearer}, 400},
				{"alert bad json", req{method: "POST", path: "/api/alerts", body: `{"query":`, ctype: "application/json", auth: bearer}, 400},
				{"alert unknown field", req{method: "POST", path: "/api/alerts", body: `{"query":"x","admin":true}`, ctype: "application/json", auth: bearer}, 400},
				{"alert bad query", req{method: "POST", path: "/api/alerts", body: `{"query":"rubio AND"}`, ctype: "application/json", auth: bearer}, 422},
				{"alert file webhook", req{method: "POST", path: "/api/alerts", body: `{"query":"x","webhook":"file:///etc/passwd"}`, ctype: "application/json", auth: bearer}, 422},
				{"alert huge", req{method: "POST", path: "/api/alerts", body: `{"query":"` + strings.Repeat("a ", 40000) + `"}`, ctype: "application/json", auth: bearer}, 413},
				{"delete unknown alert", req{method: "DELETE", path: "/api/alerts/nope", auth: bearer}, 404},
				{"sql in query", req{path: "/api/search?q=" + urlq(`'; DROP TABLE articles; --`)}, 200},
				{"sql in filter", req{path: "/api/search?q=" + urlq(`source:"x' OR '1'='1"`)}, 200},
				{"fts syntax", req{path: "/api/search?q=" + urlq(`NEAR(rubio mexico) title:x ^a "b" * OR`)}, 400},
				{"fts operators", req{path: "/api/search?q=" + urlq(`rubio & !mexico | <-> :*`)}, 200},
				{"unbalanced", req{path: "/api/search?q=" + urlq(`(((rubio`)}, 400},
				{"unknown filter", req{path: "/api/search?q=" + urlq(`password:x`)}, 400},
				{"bad date", req{path: "/api/search?q=" + urlq(`from:yesterday`)}, 400},
				{"long query", req{path: "/api/search?q=" + strings.Repeat("a+", 5000)}, 400},
				{"bad limit", req{path: "/api/search?limit=-1"}, 400},
				{"huge limit", req{path: "/api/search?limit=99999999"}, 400},
				{"bad order", req{path: "/api/search?order=id%3BDROP"}, 400},
				{"raw semicolon", req{path: "/api/search?q=x;DROP"}, 400},
				{"bad by", req{path: "/api/timeline?by=password"}, 400},
				{"bad root", req{path: "/api/events?root=1%27"}, 400},
				{"dotdot id", req{path: "/api/articles/..%2F..%2Fetc%2Fpasswd"}, 400},
				{"dotdot segment", req{path: "/api/articles/../../etc/passwd"}, 400},
				{"dotdot entity", req{path: "/api/entities/..%2fx"}, 400},
				{"backslash id", req{path: "/api/articles/..%5C..%5Cwin.ini"}, 400},
				{"nul id", req{path: "/api/articles/a%00b"}, 400},
				{"long id", req{path: "/api/articles/" + strings.Repeat("x", 600)}, 400},
				{"unknown article", req{path: "/api/articles/zzz"}, 404},
				{"unknown entity", req{path: "/api/entities/per-nobody"}, 404},
				{"unknown endpoint", req{path: "/api/passwords"}, 404},
				{"wrong method", req{method: "PUT", path: "/api/articles/a1", body: "{}"}, 405},
				{"get ingest", req{path: "/api/ingest"}, 405},
				{"bad export format", req{path: "/api/export?format=exe"}, 400},
				{"export bad query", req{path: "/api/export?q=" + urlq(`(x`)}, 400},
				{"bad utf8 query", req{path: "/api/search?q=%ff%fe"}, 400},
			} {
				code, hd, b := do(t, srv, tc.rq)
				if code != tc.want {
					t.Errorf("%s: %s %s = %d, want %d: %s", tc.name, tc.rq.method, tc.rq.path, code, tc.want, trunc(b))
					continue
				}
				if !strings.HasPrefix(hd.Get("Content-Type"), "application/json") {
					t.Errorf("%s: Content-Type %q", tc.name, hd.Get("Content-Type"))
				}
				if code >= 400 {
					e := decode[map[string]string](t, b)
					if e["error"] == "" {
						t.Errorf("%s: error body without message: %s", tc.name, b)
					}
				}
				if code == 405 && hd.Get("Allow") == "" {
					t.Errorf("%s: 405 without Allow", tc.name)
				}
			}
			after, _ := st.Stats(ctx)
			if after != before {
				t.Errorf("hostile requests changed the store: %+v -> %+v", before, after)
			}
			if has, _ := st.Search(ctx, store.Query{Text: "rubio"}); has.Total != 2 {
				t.Errorf("stories lost: %+v", has)
			}
		})
	}
}

func trunc(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

// A write with the token works, is idempotent, and fires a matching alert
// exactly once on the SSE stream and the webhook.
func TestIngestFiresAlertOnce(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			hooks := make(chan alert.Event, 10)
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var ev alert.Event
				json.NewDecoder(r.Body).Decode(&ev)
				hooks <- ev
			}))
			defer hook.Close()
			st := be.open(t)
			srv, eng := server(t, st, api.Config{})

			code, _, b := do(t, srv, req{method: "POST", path: "/api/alerts", ctype: "application/json", auth: bearer,
				body: fmt.Sprintf(`{"name":"sheinbaum","query":"sheinbaum OR source:example","webhook":%q}`, hook.URL)})
			if code != 201 {
				t.Fatalf("create alert = %d %s", code, b)
			}
			al := decode[store.Alert](t, b)

			// Subscribe to the stream before ingesting.
			sreq, _ := http.NewRequest("GET", srv.URL+"/api/alerts/stream", nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			resp, err := srv.Client().Do(sreq.WithContext(ctx))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
				t.Fatalf("stream Content-Type %q", ct)
			}
			for eng.Hub().Subscribers() == 0 {
				time.Sleep(5 * time.Millisecond)
			}
			lines := make(chan string, 100)
			go func() {
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()

			body := `{"id":"n1","source":"example.org","title":"Sheinbaum speaks","text":"President Claudia Sheinbaum spoke in Mexico City about water."}` + "\n" +
				`{"id":"n2","source":"example.org","title":"Weather","text":"Rain is expected over the weekend in the north of the country."}` + "\n"
			for round := 0; round < 2; round++ {
				code, _, b = do(t, srv, req{method: "POST", path: "/api/ingest", ctype: "application/x-ndjson", auth: bearer, body: body})
				if code != 200 {
					t.Fatalf("ingest = %d %s", code, b)
				}
				res := decode[api.IngestResult](t, b)
				wantAdded, wantFired := 2, 2
				if round == 1 {
					wantAdded, wantFired = 0, 0
				}
				if res.Added != wantAdded || res.Alerts != wantFired {
					t.Errorf("round %d: ingest = %+v, want %d added, %d fired", round, res, wantAdded, wantFired)
				}
			}
			got := map[string]int{}
			deadline := time.After(5 * time.Second)
		read:
			for len(got) < 2 {
				select {
				case l, ok := <-lines:
					if !ok {
						break read
					}
					if d, ok := strings.CutPrefix(l, "data: "); ok {
						var ev alert.Event
						if err := json.Unmarshal([]byte(d), &ev); err != nil {
							t.Fatalf("bad SSE data %q: %v", d, err)
						}
						if ev.AlertID != al.ID {
							t.Errorf("event for alert %s, want %s", ev.AlertID, al.ID)
						}
						got[ev.Article.ID]++
					}
				case <-deadline:
					break read
				}
			}
			// Nothing more arrives (at most once).
			select {
			case l := <-lines:
				if strings.HasPrefix(l, "data: ") {
					got["extra"]++
				}
			case <-time.After(200 * time.Millisecond):
			}
			if got["n1"] != 1 || got["n2"] != 1 || len(got) != 2 {
				t.Errorf("SSE events per article = %v, want n1 and n2 once", got)
			}
			hooked := map[string]int{}
			for len(hooked) < 2 {
				select {
				case ev := <-hooks:
					hooked[ev.Article.ID]++
				case <-time.After(5 * time.Second):
					t.Fatalf("webhook got %v", hooked)
				}
			}
			select {
			case ev := <-hooks:
				t.Errorf("webhook fired twice: %+v", ev)
			case <-time.After(100 * time.Millisecond):
			}
			code, _, b = do(t, srv, req{path: "/api/alerts/" + al.ID + "/hits"})
			if code != 200 || !bytes.Contains(b, []byte(`"n1"`)) {
				t.Errorf("hits = %d %s", code, b)
			}
			code, _, _ = do(t, srv, req{method: "DELETE", path: "/api/alerts/" + al.ID, auth: bearer})
			if code != 204 {
				t.Errorf("delete = %d", code)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	st := backends()[0].open(t)
	srv, _ := server(t, st, api.Config{ReadOnly: true})
	code, _, _ := do(t, srv, req{method: "POST", path: "/api/alerts", ctype: "application/json", auth: bearer, body: `{"query":"x"}`})
	if code != 403 {
		t.Errorf("write on read-only server = %d, want 403", code)
	}
}
