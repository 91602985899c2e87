package api_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"newsgraph/internal/api"
)

func TestChunkedHugeBody(t *testing.T) {
	srv, _ := server(t, backends()[0].open(t), api.Config{MaxBody: 1 << 20})
	for _, body := range []string{
		`{"id":"big","text":"` + strings.Repeat("x", 2<<20) + `"}`,
		strings.Repeat(`{"id":"a","text":"b"}`+"\n", 200000),
		`[` + strings.Repeat(`{"id":"a","text":"b"},`, 100000) + `{"id":"z","text":"b"}]`,
	} {
		pr, pw := io.Pipe()
		go func() { io.WriteString(pw, body); pw.Close() }()
		r, _ := http.NewRequest("POST", srv.URL+"/api/ingest", pr) // unknown length: chunked
		r.Header.Set("Content-Type", "application/x-ndjson")
		r.Header.Set("Authorization", bearer)
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("chunked %d-byte body = %d %s", len(body), resp.StatusCode, trunc(b))
		}
	}
}

func TestTooManyArticles(t *testing.T) {
	st := backends()[0].open(t)
	srv, _ := server(t, st, api.Config{MaxIngest: 10})
	body := ""
	for i := 0; i < 11; i++ {
		body += `{"id":"m` + string(rune('a'+i)) + `","text":"Article number ` + string(rune('a'+i)) + ` about the weather."}` + "\n"
	}
	code, _, b := do(t, srv, req{method: "POST", path: "/api/ingest", body: body, ctype: "application/x-ndjson", auth: bearer})
	if code != 413 {
		t.Errorf("11 articles with MaxIngest 10 = %d %s", code, b)
	}
	if has, _ := st.Has(context.Background(), []string{"ma"}); has["ma"] {
		t.Error("a refused request stored an article")
	}
}
