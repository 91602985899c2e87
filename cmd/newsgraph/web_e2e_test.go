package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"newsgraph/internal/alert"
	"newsgraph/internal/api"
	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite"
)

// TestWebUI drives the web UI in headless Chromium against a store
// ingested from ../shared: search, article highlights, entity page, map,
// timeline, network, and an alert that fires on a new ingest. Screenshots
// go to $NEWSGRAPH_SCREENSHOTS (the README's come from there) or a temp dir,
// and each is checked to be a real rendering, not a blank page.
//
// CI sets NEWSGRAPH_E2E=1 so a missing browser fails instead of skipping.
func TestWebUI(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	browser := findChromium()
	if browser == "" {
		if os.Getenv("NEWSGRAPH_E2E") != "" {
			t.Fatal("NEWSGRAPH_E2E set but no chromium found")
		}
		t.Skip("chromium not installed (apt-get install chromium)")
	}
	flow, err := newFlow(flowOptions{})
	if err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	// The store: the Rubio example (twice, from two outlets) and Reuters
	// stories redated into November 2026 so the timeline has a shape.
	example, err := os.ReadFile(examplePath)
	if err != nil {
		t.Skip("shared example absent")
	}
	pub := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	arts := []*doc.Article{
		{ID: "rubio-mexico", Title: "Rubio arrives in Mexico City for security talks", Source: "Example Wire", Published: pub, Text: string(example)},
		{ID: "rubio-mexico-copy", Title: "Rubio in Mexico", Source: "Other Daily", Published: pub.Add(time.Hour), Text: string(example)},
	}
	n := 0
	err = ingest.Walk(ctx, []string{"../../../shared/data/news/reuters21578.jsonl.gz"}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil || len(a.Text) < 400 {
			return nil
		}
		a.Published = time.Date(2026, 11, 1+n%26, 12, 0, 0, 0, time.UTC)
		arts = append(arts, a)
		if n++; n == 240 {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		t.Fatal(err)
	}
	for _, a := range arts {
		if err := flow.Process(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := store.Prepare(a); err != nil {
			t.Fatal(err)
		}
		a.Tokens = nil
	}
	if _, err := st.PutBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}

	const token = "e2e-token"
	engine := alert.New(st, alert.Options{Reload: 100 * time.Millisecond})
	defer engine.Close()
	apiH := api.New(api.Config{Store: st, Analyze: flow, Alerts: engine, Token: token})
	h, err := withUI(apiH)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	shots := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	bctx, cancelB := headless(ctx, browser, t.TempDir())
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 3*time.Minute)
	defer cancelT()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return n
	}
	count := func(sel string) int { return eval(fmt.Sprintf("document.querySelectorAll(%q).length", sel)) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		do("settle", chromedp.Sleep(150*time.Millisecond))
		buf, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		checkRendered(t, name, buf)
		if err := os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// ready waits for a view to finish rendering (app.js stamps body).
	ready := func(view string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`body[data-view="` + view + `"][data-ready] main > *`))
	}

	// Search, with facets and highlighted snippets; timed from navigation.
	start := time.Now()
	do("search", chromedp.Navigate(srv.URL+"/#/search?q=Rubio%20OR%20cartel%20OR%20oil"), ready("search"))
	t.Logf("search page rendered in %s", time.Since(start))
	if n, txt := count(".result"), text(".results"); n < 2 || !strings.Contains(txt, "Rubio arrives in Mexico City") {
		t.Fatalf("search shows %d results, want the Rubio story among ≥ 2: %.300s", n, txt)
	} else if !strings.Contains(txt, "2 mentions") {
		t.Errorf("the duplicated story does not show its 2 mentions")
	}
	if n := count(".facets li"); n < 5 {
		t.Errorf("%d facet values, want ≥ 5", n)
	}
	if n := count(".results mark.q"); n < 1 {
		t.Errorf("no highlighted query words in snippets")
	}
	shot("search")

	// Article view: highlights by type, events, themes, itinerary.
	do("open article", chromedp.Click(`//a[contains(., "Rubio arrives in Mexico City")]`), ready("article"))
	for sel, min := range map[string]int{".hl.ent-PER": 2, ".hl.place": 3, ".hl.date": 1, ".hl.trigger": 1, ".hl.quote": 1} {
		if n := count("#text " + sel); n < min {
			t.Errorf("article shows %d %s highlights, want ≥ %d", n, sel, min)
		}
	}
	side := text("aside")
	for _, want := range []string{"Events", "USAGOV", "Themes", "Itinerary", "Ecuador", "Tone"} {
		if !strings.Contains(side, want) {
			t.Errorf("article side panel lacks %q", want)
		}
	}
	shot("article")

	// Entity page of the person highlighted first.
	do("open entity", chromedp.Click(`//a[contains(@class,"ent-PER") and contains(., "Rubio")]`), ready("entity"))
	if h1 := text("main h1"); !strings.Contains(h1, "Rubio") {
		t.Errorf("entity page title %q", h1)
	}
	shot("entity")

	// Map: every country drawn, some shaded, cities as points.
	do("map", chromedp.Navigate(srv.URL+"/#/map"), ready("map"), chromedp.WaitVisible(chromedp.CSS("path.country")))
	if n := count("path.country"); n < 150 {
		t.Errorf("map draws %d countries, want ≥ 150", n)
	}
	if n := eval(`[...document.querySelectorAll('path.country')].filter(p => p.getAttribute('fill').startsWith('rgba')).length`); n < 5 {
		t.Errorf("map shades %d countries, want ≥ 5", n)
	}
	shot("map")

	// Timeline by event root, then brushing narrows the query to dates.
	do("timeline", chromedp.Navigate(srv.URL+"/#/timeline?by=event"), ready("timeline"), chromedp.WaitVisible(chromedp.CSS("rect.bar")))
	if n := count("rect.bar"); n < 10 {
		t.Errorf("timeline draws %d bars, want ≥ 10", n)
	}
	shot("timeline")
	hash, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(() => {
		const svg = document.querySelector('svg.chart'), r = svg.getBoundingClientRect();
		const ev = (type, x) => svg.dispatchEvent(new PointerEvent(type, {clientX: r.left + x * r.width, clientY: r.top + 20, bubbles: true}));
		ev('pointerdown', 0.3); ev('pointermove', 0.5); ev('pointerup', 0.5);
		return location.hash; })()`))
	if err != nil || !strings.Contains(hash, "from%3A2026-11") || !strings.Contains(hash, "to%3A2026-11") {
		t.Errorf("brushing did not narrow the dates: %s %v", hash, err)
	}

	// Actor network.
	do("network", chromedp.Navigate(srv.URL+"/#/network"), ready("network"), chromedp.WaitVisible(chromedp.CSS(".net svg")))
	if n := count(".net .node"); n < 3 {
		t.Errorf("network shows %d actors, want ≥ 3", n)
	}
	shot("network")

	// Events: merged real-world events, each reported by several stories
	// or outlets, expandable to their mentions; the toggle lists mentions.
	do("events", chromedp.Navigate(srv.URL+"/#/events"), ready("events"), chromedp.WaitVisible(chromedp.CSS(".mevent")))
	if n := eval(`[...document.querySelectorAll('.mevent .articles')].filter(e => parseInt(e.textContent, 10) >= 2).length`); n < 1 {
		t.Errorf("no merged event with ≥ 2 articles among %d events", count(".mevent"))
	}
	do("expand event", chromedp.Click(chromedp.CSS(".mevent summary")))
	if n := count(".mevent details[open] a[href^='#/article/']"); n < 2 {
		t.Errorf("the most reported event lists %d mentions linking to articles, want ≥ 2", n)
	}
	shot("events")
	do("mentions view", chromedp.Click(`//button[.="mentions"]`), chromedp.WaitVisible(chromedp.CSS(`table[aria-label="Event mentions"]`)))
	if n := count(`table[aria-label="Event mentions"] tbody tr`); n < 10 {
		t.Errorf("mentions view lists %d mentions, want ≥ 10", n)
	}

	// Alerts: create a watchlist in the UI, ingest a matching article
	// through the API, and see the hit arrive live.
	do("create alert", chromedp.Navigate(srv.URL+"/#/alerts"), ready("alerts"),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.SendKeys(chromedp.ID("aname"), "Fentanyl watch"),
		chromedp.SendKeys(chromedp.ID("aquery"), "fentanyl AND smuggling"),
		chromedp.Click(chromedp.CSS("form.stack button[type=submit]")),
		chromedp.WaitVisible(`//td[contains(., "Fentanyl watch")]`))
	body := `{"id":"e2e-new","title":"Border agents seize fentanyl","source":"Loopback News","published":"2026-11-27T08:00:00Z",` +
		`"text":"Border agents seized a large shipment of fentanyl on Thursday, officials said. The smuggling network was linked to a cartel."}`
	req, _ := http.NewRequest("POST", srv.URL+"/api/ingest", bytes.NewBufferString(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("ingest: %s", resp.Status)
	}
	do("live alert hit", chromedp.WaitVisible(`//ul[@id="hits"]/li[contains(., "Border agents seize fentanyl")]`))
	shot("alerts")

	// The phone-sized layout.
	do("phone layout", chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/#/article/rubio-mexico"), ready("article"))
	shot("article-mobile")
}

var errStop = errors.New("enough")

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// checkRendered looks at a screenshot: a real page has many colours and
// no single colour covering almost all of it.
func checkRendered(t *testing.T, name string, b []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	counts := map[uint32]int{}
	bnd := img.Bounds()
	total := 0
	for y := bnd.Min.Y; y < bnd.Max.Y; y += 4 {
		for x := bnd.Min.X; x < bnd.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>11)<<10|(g>>11)<<5|bl>>11]++
			total++
		}
	}
	top := 0
	for _, c := range counts {
		top = max(top, c)
	}
	if len(counts) < 20 || float64(top)/float64(total) > 0.97 {
		t.Errorf("screenshot %s looks blank: %d colours, top colour %.0f%%", name, len(counts), 100*float64(top)/float64(total))
	}
}

// headless starts the Chromium at browser headless, as the browser tests
// run it (no sandbox, no GPU, no background networking, a fresh profile in
// profileDir, a 1280×800 window); cancel stops it.
func headless(ctx context.Context, browser, profileDir string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	return bctx, func() { cancelB(); cancelA() }
}
