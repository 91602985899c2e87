package extract

import (
	"time"
)

// EvalResult holds extraction figures averaged over pages.
type EvalResult struct {
	Pages       int     `json:"pages"`
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"`
	F1          float64 `json:"f1"`
	PagesPerSec float64 `json:"pages_per_sec"`
	Errors      int     `json:"errors,omitempty"`
}

// PageScore is one page's figures.
type PageScore struct {
	ID                    string
	Precision, Recall, F1 float64
	Err                   error
}

// Evaluate runs ex over every page and averages token precision, recall
// and F1 over pages (a failed page scores 0). Throughput is timed over the
// extraction calls only, on one goroutine.
func Evaluate(ex Extractor, pages []DevPage) (EvalResult, []PageScore) {
	var res EvalResult
	scores := make([]PageScore, 0, len(pages))
	var spent time.Duration
	for _, p := range pages {
		start := time.Now()
		r, err := ex([]byte(p.HTML), p.URL)
		spent += time.Since(start)
		ps := PageScore{ID: p.ID, Err: err}
		if err != nil {
			res.Errors++
		} else {
			ps.Precision, ps.Recall, ps.F1 = Score(r.Text, p.Text)
		}
		res.Precision += ps.Precision
		res.Recall += ps.Recall
		res.F1 += ps.F1
		scores = append(scores, ps)
	}
	res.Pages = len(pages)
	if res.Pages > 0 {
		n := float64(res.Pages)
		res.Precision /= n
		res.Recall /= n
		res.F1 /= n
	}
	if spent > 0 {
		res.PagesPerSec = float64(len(pages)) / spent.Seconds()
	}
	return res, scores
}
