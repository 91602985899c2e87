package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/geo"
)

// geoGold is one line of a geoparsing dev file; offsets are Unicode code
// points of Text.
type geoGold struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Toponyms []struct {
		Start     int      `json:"start"`
		End       int      `json:"end"`
		Name      string   `json:"name"`
		Lat       *float64 `json:"lat"`
		Lon       *float64 `json:"lon"`
		GeonameID *int     `json:"geonameid"`
	} `json:"toponyms"`
}

// geoScores is what `newsgraph eval geo` prints.
type geoScores struct {
	Articles  int     `json:"articles"`
	Gold      int     `json:"gold_toponyms"`
	Predicted int     `json:"predicted"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Scored    int     `json:"scored"` // found gold toponyms with coordinates
	Acc161    float64 `json:"acc161"`
	MeanKm    float64 `json:"mean_km"`
	MedianKm  float64 `json:"median_km"`
	AUC       float64 `json:"auc"`
	// IDAccuracy is the share of found gold toponyms with a geonameid that
	// resolved to that very entry (TR-News has ids; GeoVirus does not):
	// unlike acc161 it does not depend on where a gazetteer puts a
	// country's or province's point.
	IDScored       int     `json:"id_scored,omitempty"`
	IDAccuracy     float64 `json:"id_accuracy,omitempty"`
	ArticlesPerSec float64 `json:"articles_per_sec"` // every stage up to and including geo
	// GeoArticlesPerSec counts the geo stage's time only (recognition +
	// resolution); GazetteerLoadMs is the time to load data/geo.gaz.
	GeoArticlesPerSec float64  `json:"geo_articles_per_sec"`
	GazetteerLoadMs   float64  `json:"gazetteer_load_ms"`
	Stages            []string `json:"stages"`
}

// evalGeo scores toponym detection and resolution against a JSONL dev file,
// running the flow's stages up to and including geo, as analyze does.
func evalGeo(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval geo", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	path := fs.String("json", "", "dev file, one article a line: {id,text,toponyms:[{start,end,name,lat,lon}]}")
	demonyms := fs.Bool("demonyms", true, "count demonym places (\"Turkish\") as predicted toponyms; TR-News annotates them, GeoVirus does not")
	textOnly := fs.Bool("text-only", false, "run only the text stage before geo (no tagger mentions): the gazetteer-alone mode")
	verbose := fs.Bool("v", false, "print misses, false alarms and far picks on stderr")
	picks := fs.Bool("picks", false, "print every scored pick on stderr (PICK, gold name, kind, country, geonameid, our lat/lon, gold lat/lon): to compare representative-point conventions")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		return fmt.Errorf("--json FILE is required")
	}
	// the stages before geo run as one pipeline, geo on its own, so that
	// its share of the time can be reported apart
	before := []string{"text"}
	if !*textOnly {
		before = nil
		for _, f := range flowSteps(flowOptions{}) {
			if f.name == "geo" {
				break
			}
			before = append(before, f.name)
		}
	}
	p, err := newFlow(flowOptions{stages: before})
	if err != nil {
		return err
	}
	tl := time.Now()
	gs, err := geo.Load(dataFile(flowOptions{}, geo.FileName))
	if err != nil {
		return err
	}
	loadTime := time.Since(tl)
	upto := append(before, gs.Name())
	f, err := os.Open(*path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	sc_ := geoScores{Stages: upto}
	var errs []float64
	var found, truePred, idHits int
	var elapsed, geoTime time.Duration
	line := 0
	for sc.Scan() {
		line++
		var gd geoGold
		if err := json.Unmarshal(sc.Bytes(), &gd); err != nil {
			return fmt.Errorf("%s:%d: %w", *path, line, err)
		}
		a := &doc.Article{ID: gd.ID, Origin: fmt.Sprintf("%s:%d", *path, line), Text: gd.Text}
		t := time.Now()
		if err := p.Process(ctx, a); err != nil {
			return err
		}
		t2 := time.Now()
		if err := gs.Process(ctx, a); err != nil {
			return err
		}
		geoTime += time.Since(t2)
		elapsed += time.Since(t)
		sc_.Articles++
		// code point → byte offsets
		off := make([]int, 0, len(gd.Text)+1)
		for i := range gd.Text {
			off = append(off, i)
		}
		off = append(off, len(gd.Text))
		var preds []doc.Place
		for _, pl := range a.Places {
			if pl.Kind == "demonym" && !*demonyms {
				continue
			}
			preds = append(preds, pl)
		}
		sc_.Predicted += len(preds)
		hit := make([]bool, len(preds))
		for _, tp := range gd.Toponyms {
			sc_.Gold++
			if tp.Start < 0 || tp.End > len(off)-1 || tp.Start >= tp.End {
				return fmt.Errorf("%s:%d: toponym %q offsets out of range", *path, line, tp.Name)
			}
			gs := doc.Span{Start: off[tp.Start], End: off[tp.End]}
			best, bestOv := -1, 0
			for i, pl := range preds {
				if !pl.Overlaps(gs) {
					continue
				}
				hit[i] = true
				ov := min(pl.End, gs.End) - max(pl.Start, gs.Start)
				if ov > bestOv {
					best, bestOv = i, ov
				}
			}
			if best < 0 {
				if *verbose {
					fmt.Fprintf(env.stderr, "MISS\t%s\t%q\t%s\n", gd.ID, tp.Name, context40(gd.Text, gs))
				}
				continue
			}
			found++
			if tp.GeonameID != nil && *tp.GeonameID > 0 {
				sc_.IDScored++
				if preds[best].GeonameID == *tp.GeonameID {
					idHits++
				} else if *verbose {
					fmt.Fprintf(env.stderr, "WRONGID\t%s\t%q\tgot %s %s %s %d want %d\n", gd.ID, tp.Name, preds[best].Name, preds[best].Kind, preds[best].Country, preds[best].GeonameID, *tp.GeonameID)
				}
			}
			if tp.Lat == nil || tp.Lon == nil {
				continue
			}
			d := geo.Distance(preds[best].Lat, preds[best].Lon, *tp.Lat, *tp.Lon)
			errs = append(errs, d)
			if *picks {
				pl := preds[best]
				fmt.Fprintf(env.stderr, "PICK\t%s\t%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\n", tp.Name, pl.Kind, pl.Country, pl.GeonameID, pl.Lat, pl.Lon, *tp.Lat, *tp.Lon)
			}
			if *verbose && d > 161 {
				pl := preds[best]
				want := 0
				if tp.GeonameID != nil {
					want = *tp.GeonameID
				}
				fmt.Fprintf(env.stderr, "FAR\t%s\t%q\t%.0f km\tgot %s %s/%s %d (%.2f,%.2f) want (%.2f,%.2f)\t%d\t%d\n", gd.ID, tp.Name, d,
					pl.Name, pl.Country, pl.Admin1, pl.GeonameID, pl.Lat, pl.Lon, *tp.Lat, *tp.Lon, pl.GeonameID, want)
			}
		}
		for i, h := range hit {
			if h {
				truePred++
			} else if *verbose {
				fmt.Fprintf(env.stderr, "FALSE\t%s\t%q\t%s\t%s\n", gd.ID, a.Slice(preds[i].Span), preds[i].Kind, context40(gd.Text, preds[i].Span))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", *path, err)
	}
	if sc_.Predicted > 0 {
		sc_.Precision = float64(truePred) / float64(sc_.Predicted)
	}
	if sc_.Gold > 0 {
		sc_.Recall = float64(found) / float64(sc_.Gold)
	}
	if sc_.Precision+sc_.Recall > 0 {
		sc_.F1 = 2 * sc_.Precision * sc_.Recall / (sc_.Precision + sc_.Recall)
	}
	sc_.Scored = len(errs)
	if sc_.IDScored > 0 {
		sc_.IDAccuracy = float64(idHits) / float64(sc_.IDScored)
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		within, sum := 0, 0.0
		for _, d := range errs {
			if d <= 161 {
				within++
			}
			sum += d
		}
		sc_.Acc161 = float64(within) / float64(len(errs))
		sc_.MeanKm = sum / float64(len(errs))
		if n := len(errs); n%2 == 1 {
			sc_.MedianKm = errs[n/2]
		} else {
			sc_.MedianKm = (errs[n/2-1] + errs[n/2]) / 2
		}
		sc_.AUC = geoAUC(errs)
	}
	if elapsed > 0 {
		sc_.ArticlesPerSec = float64(sc_.Articles) / elapsed.Seconds()
	}
	if geoTime > 0 {
		sc_.GeoArticlesPerSec = float64(sc_.Articles) / geoTime.Seconds()
	}
	sc_.GazetteerLoadMs = float64(loadTime.Microseconds()) / 1000
	for _, v := range []*float64{&sc_.Precision, &sc_.Recall, &sc_.F1, &sc_.Acc161, &sc_.MeanKm, &sc_.MedianKm, &sc_.AUC, &sc_.IDAccuracy, &sc_.ArticlesPerSec, &sc_.GeoArticlesPerSec} {
		*v = math.Round(*v*10000) / 10000
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(sc_)
}

// geoAUC is the area under the curve of sorted log errors, scaled to [0,1]
// by the largest possible error (half the Earth's circumference, 20,039 km),
// as in Gritta et al. 2018 ("What's missing in geographical parsing?"):
// trapezoid rule over ln(1+km), divided by (n-1)·ln(20039). Lower is better.
func geoAUC(sorted []float64) float64 {
	n := len(sorted)
	if n < 2 {
		return 0
	}
	var area float64
	for i := 1; i < n; i++ {
		area += (math.Log(sorted[i-1]+1) + math.Log(sorted[i]+1)) / 2
	}
	return area / (float64(n-1) * math.Log(20039))
}

func context40(text string, s doc.Span) string {
	a, b := max(0, s.Start-40), min(len(text), s.End+40)
	for a > 0 && a < len(text) && text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(text) && text[b]&0xC0 == 0x80 {
		b++
	}
	return fmt.Sprintf("%q", text[a:s.Start]+"["+text[s.Start:s.End]+"]"+text[s.End:b])
}
