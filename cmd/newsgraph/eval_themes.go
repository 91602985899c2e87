package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/themes"
)

// themeGold maps the labels of the labelled news corpora in
// ../shared/data/news to our themes: Reuters-21578 TOPICS codes and the BBC
// dataset's five categories. A document is a gold positive for a theme when
// it carries any of the theme's labels. Topics with no theme of ours
// (e.g. "bop", "reserves") are not evaluated.
var themeGold = map[string][]string{
	"TRADE":                {"trade"},
	"OIL":                  {"crude"},
	"NATURAL_GAS":          {"nat-gas"},
	"ENERGY":               {"crude", "nat-gas", "gas", "fuel", "heat", "propane", "jet", "naphtha"},
	"CURRENCY":             {"money-fx", "dlr", "yen", "stg"},
	"INTEREST_RATES":       {"interest"},
	"MONETARY_POLICY":      {"money-supply"},
	"GRAIN":                {"grain", "wheat", "corn", "barley", "rice", "sorghum", "oat", "rye"},
	"OILSEEDS":             {"oilseed", "soybean", "veg-oil", "palm-oil", "rapeseed", "sunseed", "soy-meal", "soy-oil", "groundnut", "copra-cake", "cotton-oil", "coconut-oil", "lin-oil", "rape-oil", "sun-oil", "palmkernel"},
	"SOFT_COMMODITIES":     {"coffee", "cocoa", "sugar", "cotton", "rubber", "tea", "orange"},
	"LIVESTOCK":            {"livestock", "carcass", "hog", "l-cattle"},
	"AGRICULTURE":          {"grain", "wheat", "corn", "barley", "rice", "sorghum", "oat", "rye", "oilseed", "soybean", "veg-oil", "palm-oil", "rapeseed", "sunseed", "soy-meal", "soy-oil", "coffee", "cocoa", "sugar", "cotton", "rubber", "tea", "orange", "livestock", "carcass", "hog", "l-cattle", "meal-feed"},
	"PRECIOUS_METALS":      {"gold", "silver", "platinum", "palladium"},
	"METALS":               {"copper", "alum", "zinc", "tin", "lead", "nickel", "strategic-metal", "gold", "silver", "platinum", "palladium", "iron-steel"},
	"STEEL":                {"iron-steel"},
	"SHIPPING":             {"ship"},
	"ECONOMIC_GROWTH":      {"gnp", "ipi"},
	"INFLATION":            {"cpi", "wpi"},
	"EMPLOYMENT":           {"jobs"},
	"EARNINGS":             {"earn"},
	"MERGERS_ACQUISITIONS": {"acq"},
	"HOUSING":              {"housing"},
	"RETAIL":               {"retail"},
	// BBC categories
	"ECONOMY":       {"business"},
	"GOVERNMENT":    {"politics"},
	"TECHNOLOGY":    {"tech"},
	"SPORTS":        {"sport"},
	"ENTERTAINMENT": {"entertainment"},
}

// labelledDoc is one line of the shared news corpora.
type labelledDoc struct {
	ID         string   `json:"id"`
	Text       string   `json:"text"`
	Topics     []string `json:"topics"`
	TopicsAttr string   `json:"topics_attr"`
	Split      string   `json:"lewissplit"`
	Category   string   `json:"category"`
}

// themeEval is one theme's confusion counts.
type themeEval struct {
	Theme     string  `json:"theme"`
	Labels    string  `json:"labels"`
	Support   int     `json:"support"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// evalThemes measures theme precision/recall against corpus labels.
func evalThemes(_ context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval themes", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	path := fs.String("json", "", "labelled JSONL file (Reuters-21578 topics or BBC category; .gz ok)")
	split := fs.String("split", "all", "Reuters lewissplit to use: TRAIN, TEST or all")
	minScore := fs.Float64("min", 4, "a theme is predicted when its score reaches this")
	rel := fs.Float64("rel", 0.5, "... and is at least this fraction of the article's top evaluated theme score")
	sweep := fs.Bool("sweep", false, "also report micro-F1 over a grid of --min/--rel values (for tuning on TRAIN)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		return fmt.Errorf("need --json FILE")
	}
	docs, err := readLabelled(*path, *split)
	if err != nil {
		return err
	}
	st, err := themes.New()
	if err != nil {
		return err
	}
	m := st.Matcher()
	// Which themes this corpus can evaluate: those with a label present.
	present := map[string]bool{}
	for _, d := range docs {
		for _, l := range d.labels() {
			present[l] = true
		}
	}
	var evalThemes []string
	for th, labels := range themeGold {
		for _, l := range labels {
			if present[l] {
				evalThemes = append(evalThemes, th)
				break
			}
		}
	}
	sort.Strings(evalThemes)
	// Score every document once.
	scores := make([]map[string]float64, len(docs))
	var hits []doc.ThemeHit
	for i, d := range docs {
		hits = m.Match(d.Text, hits[:0])
		sc := map[string]float64{}
		for _, s := range m.Score(hits) {
			sc[s.Theme] = s.Score
		}
		scores[i] = sc
	}
	ancestors := map[string]map[string]bool{}
	for _, th := range evalThemes {
		ancestors[th] = map[string]bool{}
		for p := m.Taxonomy().Parent(th); p != ""; p = m.Taxonomy().Parent(p) {
			ancestors[th][p] = true
		}
	}
	scoreThemes := func(docs []labelledDoc, scores []map[string]float64, ths []string, minScore, rel float64) ([]themeEval, themeEval) {
		return scoreThemesAnc(docs, scores, ths, minScore, rel, ancestors)
	}
	res, micro := scoreThemes(docs, scores, evalThemes, *minScore, *rel)
	out := map[string]any{
		"file": *path, "split": *split, "docs": len(docs), "min": *minScore, "rel": *rel,
		"micro_precision": micro.Precision, "micro_recall": micro.Recall, "micro_f1": micro.F1,
		"macro_f1": macroF1(res), "themes": res,
	}
	if *sweep {
		var grid []map[string]float64
		for _, mn := range []float64{1, 2, 3, 4, 5, 6, 8, 10} {
			for _, r := range []float64{0, 0.1, 0.25, 0.5} {
				rs, mi := scoreThemes(docs, scores, evalThemes, mn, r)
				grid = append(grid, map[string]float64{"min": mn, "rel": r, "micro_f1": mi.F1, "macro_f1": macroF1(rs)})
			}
		}
		out["sweep"] = grid
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (d *labelledDoc) labels() []string {
	if d.Category != "" {
		return []string{d.Category}
	}
	return d.Topics
}

// scoreThemesAnc counts a theme as predicted when its score reaches
// minScore and rel times the article's top evaluated score, leaving out
// the theme's own ancestors (a parent collects its children's scores and
// must not suppress them).
func scoreThemesAnc(docs []labelledDoc, scores []map[string]float64, ths []string, minScore, rel float64, ancestors map[string]map[string]bool) ([]themeEval, themeEval) {
	res := make([]themeEval, len(ths))
	var micro themeEval
	for i, d := range docs {
		labels := d.labels()
		for k, th := range ths {
			top := 0.0
			for _, o := range ths {
				if !ancestors[th][o] {
					top = math.Max(top, scores[i][o])
				}
			}
			gold := false
			for _, l := range themeGold[th] {
				for _, dl := range labels {
					if dl == l {
						gold = true
					}
				}
			}
			s := scores[i][th]
			pred := s >= minScore && s >= rel*top
			r := &res[k]
			r.Theme, r.Labels = th, strings.Join(themeGold[th], ",")
			switch {
			case gold && pred:
				r.TP++
			case pred:
				r.FP++
			case gold:
				r.FN++
			}
			if gold {
				r.Support++
			}
		}
	}
	for k := range res {
		res[k].finish()
		micro.TP += res[k].TP
		micro.FP += res[k].FP
		micro.FN += res[k].FN
	}
	micro.finish()
	return res, micro
}

func (e *themeEval) finish() {
	if e.TP+e.FP > 0 {
		e.Precision = round3(float64(e.TP) / float64(e.TP+e.FP))
	}
	if e.TP+e.FN > 0 {
		e.Recall = round3(float64(e.TP) / float64(e.TP+e.FN))
	}
	if e.Precision+e.Recall > 0 {
		e.F1 = round3(2 * e.Precision * e.Recall / (e.Precision + e.Recall))
	}
}

func macroF1(rs []themeEval) float64 {
	if len(rs) == 0 {
		return 0
	}
	s := 0.0
	for _, r := range rs {
		s += r.F1
	}
	return round3(s / float64(len(rs)))
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// readLabelled reads a JSONL (optionally gzipped) labelled corpus. Reuters
// documents count only when their topics were assigned by the indexers
// (topics_attr YES), as in the ModApte split.
func readLabelled(path, split string) ([]labelledDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	var docs []labelledDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		var d labelledDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if d.Category == "" {
			if d.TopicsAttr != "YES" {
				continue
			}
			if split != "all" && !strings.EqualFold(d.Split, split) {
				continue
			}
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}
