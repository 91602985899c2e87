package main

import (
	"encoding/json"
	"os"
	"testing"
)

// TestEvalEventMerge runs the merging evaluation on the labelled Reuters
// dev set: the labels must still align with what the coder produces, and
// merging must cut the overcount without merging most pairs wrongly.
func TestEvalEventMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full analysis flow over 68 articles")
	}
	if _, err := newFlow(flowOptions{}); err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	const corpus = "../../../shared/data/news/reuters21578.jsonl.gz"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("shared Reuters corpus absent")
	}
	code, out, stderr := runCmd(t, "", "eval", "eventmerge",
		"--json", "../../internal/eventmerge/testdata/reuters-dev.jsonl", "--corpus", corpus)
	if code != 0 {
		t.Fatalf("eval eventmerge: exit %d: %s", code, stderr)
	}
	var res mergeResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output: %v\n%s", err, out)
	}
	t.Logf("%+v", res)
	if res.Labels < 300 || float64(res.Matched) < 0.85*float64(res.Labels) {
		t.Errorf("%d of %d labels align with coded mentions, want ≥ 85%% of ≥ 300", res.Matched, res.Labels)
	}
	if res.OvercountAfter >= res.OvercountRaw {
		t.Errorf("merging did not reduce the overcount: %.2f → %.2f", res.OvercountRaw, res.OvercountAfter)
	}
	// Measured 0.90 / 0.73 (docs/eventmerge.md); the margin is for the
	// coder, which changes what is merged.
	if res.Merge.Precision < 0.7 || res.Merge.Recall < 0.5 {
		t.Errorf("merge precision/recall %.2f/%.2f, want ≥ 0.7/0.5", res.Merge.Precision, res.Merge.Recall)
	}
}
