package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
	"newsgraph/internal/ingest"
)

// mergeLabel is one hand-labelled event mention of the merging dev set.
// Labels name the article and the trigger's byte span in its text (the
// corpus itself is third-party and is not committed); Event groups the
// mentions of one real-world event; Reference marks a background mention
// of a past event.
type mergeLabel struct {
	Article   string `json:"article"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Trigger   string `json:"trigger"` // the trigger word, to check the span still fits
	Source    string `json:"source"`
	Code      string `json:"code"`
	Target    string `json:"target"`
	Event     string `json:"event"`
	Reference bool   `json:"reference"`
	Happened  *bool  `json:"happened,omitempty"` // false: the mention is of something that did not happen
	Reason    string `json:"reason"`
}

// evalEventMerge measures event deduplication on a labelled dev set:
// pairwise precision/recall of merging, precision/recall of the reference
// flag, and the overcount ratio (mentions ÷ events) before and after.
// With --dump it prints the coded mentions of the given articles, which is
// how the dev set was labelled.
func evalEventMerge(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval eventmerge", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	labels := fs.String("json", "", "labelled mentions `FILE` (JSONL)")
	corpus := fs.String("corpus", "../shared/data/news/reuters21578.jsonl.gz", "the articles the labels point into")
	dump := fs.String("dump", "", "print the coded mentions of these comma-separated article `IDS` and exit")
	explain := fs.Bool("v", false, "list each gold event with its mentions' predicted events, on stderr")
	sweep := fs.Bool("sweep", false, "cross-validate the merge options over two halves of the labelled stories and print the grid, on stderr")
	features := fs.String("mentions", "", "write every coded mention with its features, gold label and predicted event to `FILE` (JSONL), for error analysis")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var gold []mergeLabel
	want := map[string]bool{}
	if *dump != "" {
		for _, id := range strings.Split(*dump, ",") {
			want[strings.TrimSpace(id)] = true
		}
	} else {
		if *labels == "" {
			return errors.New("--json FILE or --dump IDS required")
		}
		var err error
		if gold, err = readMergeLabels(*labels); err != nil {
			return err
		}
		for _, g := range gold {
			want[g.Article] = true
		}
	}
	arts, err := loadArticles(ctx, *corpus, want)
	if err != nil {
		return err
	}
	p, err := newFlow(flowOptions{})
	if err != nil {
		return err
	}
	var mentions []eventmerge.Mention
	start := time.Now()
	for _, a := range arts {
		if err := p.Process(ctx, a); err != nil {
			return err
		}
	}
	// The store keeps near duplicates as one story; so does the eval.
	stories := storyGroups(arts)
	for _, a := range arts {
		for _, ev := range a.Events {
			m := eventmerge.Mention{Article: a.ID, Story: stories[a.ID], Outlet: a.Source, Published: a.Published, Event: ev}
			if ev.Location > 0 && ev.Location <= len(a.Places) {
				m.Place = &a.Places[ev.Location-1]
			}
			if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
				m.Text = a.Slice(a.Sentences[ev.Sentence].Span)
			}
			mentions = append(mentions, m)
		}
	}
	if *dump != "" {
		return dumpMentions(env, arts, mentions)
	}
	byID := map[string]*doc.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	for i, g := range gold {
		a := byID[g.Article]
		if a == nil {
			return fmt.Errorf("label %d: article %s not in %s", i+1, g.Article, *corpus)
		}
		if g.End > len(a.Text) || g.Start < 0 || g.Start >= g.End || a.Text[g.Start:g.End] != g.Trigger {
			return fmt.Errorf("label %d: span %d-%d of %s is not %q", i+1, g.Start, g.End, g.Article, g.Trigger)
		}
	}
	if *sweep {
		sweepMerge(env, gold, mentions, stories, arts)
	}
	events := eventmerge.Merge(mentions, eventmerge.Options{})
	res := scoreMerge(gold, mentions, events)
	if *explain {
		explainMerge(env, gold, mentions, events)
	}
	if *features != "" {
		if err := writeMergeMentions(*features, byID, gold, mentions, events); err != nil {
			return err
		}
	}
	res.MentionsPerSec = float64(len(mentions)) / time.Since(start).Seconds()
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

type prf struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(tp, fp, fn int) prf {
	var r prf
	if tp+fp > 0 {
		r.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r.Recall = float64(tp) / float64(tp+fn)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

type mergeResult struct {
	Labels   int `json:"labels"`
	Matched  int `json:"matched"` // labels whose mention the coder produced
	Articles int `json:"articles"`
	// Merging, pairwise over matched mentions of events that happened.
	Merge prf `json:"merge_pairwise"`
	// Recoded counts matched labels whose mention the coder now codes
	// otherwise (code, source or target) than when it was labelled; a label
	// names the happening its codes described then, so a mention recoded to
	// another root (a battle sentence now coded a statement) may be merged
	// rightly and scored wrong. MergeSameRoot is the pairwise figure over
	// the labels whose mention keeps its labelled CAMEO root: the merger
	// apart from that drift.
	Recoded       int `json:"labels_recoded"`
	MergeSameRoot prf `json:"merge_pairwise_same_root"`
	// The reference flag over matched mentions.
	Reference prf `json:"reference"`
	// Overcount: mentions ÷ real events (counting every report as an
	// event), and predicted events ÷ real events after merging.
	GoldEvents     int     `json:"gold_events"`
	OvercountRaw   float64 `json:"overcount_before"`
	OvercountAfter float64 `json:"overcount_after"`
	MentionsPerSec float64 `json:"mentions_per_sec"`
}

func scoreMerge(gold []mergeLabel, ms []eventmerge.Mention, events []eventmerge.Event) mergeResult {
	res := mergeResult{Labels: len(gold)}
	cluster := map[int]int{} // mention → predicted event
	for k, e := range events {
		for _, i := range e.Mentions {
			cluster[i] = k
		}
	}
	match := alignLabels(gold, ms)
	arts := map[string]bool{}
	for gi, g := range gold {
		arts[g.Article] = true
		if match[gi] >= 0 {
			res.Matched++
		}
	}
	res.Articles = len(arts)
	// Pairwise merging over labelled mentions that happened and are not
	// references: same gold event vs same predicted event.
	var idx []int
	goldEvents, predEvents := map[string]bool{}, map[int]bool{}
	for gi, g := range gold {
		if match[gi] < 0 || g.Reference || (g.Happened != nil && !*g.Happened) {
			continue
		}
		idx = append(idx, gi)
		goldEvents[g.Event] = true
		if k, ok := cluster[match[gi]]; ok {
			predEvents[k] = true
		} else {
			predEvents[-1-gi] = true // the merger dropped it: its own event
		}
	}
	sameRoot := func(gi int) bool {
		e := ms[match[gi]].Event
		return len(gold[gi].Code) >= 2 && len(e.Code) >= 2 && gold[gi].Code[:2] == e.Code[:2]
	}
	for gi, g := range gold {
		if i := match[gi]; i >= 0 {
			if e := ms[i].Event; e.Code != g.Code || e.Source.Code != g.Source || e.Target.Code != g.Target {
				res.Recoded++
			}
		}
	}
	var tp, fp, fn, rtp0, rfp0, rfn0 int
	for x := 0; x < len(idx); x++ {
		for y := x + 1; y < len(idx); y++ {
			a, b := idx[x], idx[y]
			sameGold := gold[a].Event == gold[b].Event
			ka, oka := cluster[match[a]]
			kb, okb := cluster[match[b]]
			samePred := oka && okb && ka == kb
			kept := sameRoot(a) && sameRoot(b)
			switch {
			case sameGold && samePred:
				tp++
				if kept {
					rtp0++
				}
			case samePred:
				fp++
				if kept {
					rfp0++
				}
			case sameGold:
				fn++
				if kept {
					rfn0++
				}
			}
		}
	}
	res.Merge = newPRF(tp, fp, fn)
	res.MergeSameRoot = newPRF(rtp0, rfp0, rfn0)
	var rtp, rfp, rfn int
	for gi, g := range gold {
		if match[gi] < 0 {
			continue
		}
		pred := ms[match[gi]].Event.Reference
		switch {
		case pred && g.Reference:
			rtp++
		case pred:
			rfp++
		case g.Reference:
			rfn++
		}
	}
	res.Reference = newPRF(rtp, rfp, rfn)
	res.GoldEvents = len(goldEvents)
	if n := len(goldEvents); n > 0 {
		res.OvercountRaw = float64(len(idx)) / float64(n)
		res.OvercountAfter = float64(len(predEvents)) / float64(n)
	}
	return res
}

func readMergeLabels(path string) ([]mergeLabel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []mergeLabel
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var l mergeLabel
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if l.Article == "" || l.Event == "" || l.Reason == "" {
			return nil, fmt.Errorf("%s:%d: article, event and reason are required", path, n)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// loadArticles reads the wanted articles from a corpus, in corpus order.
func loadArticles(ctx context.Context, corpus string, want map[string]bool) ([]*doc.Article, error) {
	var arts []*doc.Article
	err := ingest.Walk(ctx, []string{corpus}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err == nil && want[a.ID] {
			arts = append(arts, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(arts) < len(want) {
		var missing []string
		for id := range want {
			if !slices.ContainsFunc(arts, func(a *doc.Article) bool { return a.ID == id }) {
				missing = append(missing, id)
			}
		}
		return nil, fmt.Errorf("articles not in %s: %s", corpus, strings.Join(missing, ", "))
	}
	return arts, nil
}

// dumpMentions prints each coded mention with its sentence, one JSON
// object a line, ready to be labelled (event, reference, reason).
func dumpMentions(env *cmdEnv, arts []*doc.Article, ms []eventmerge.Mention) error {
	byID := map[string]*doc.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	enc := json.NewEncoder(env.stdout)
	for _, m := range ms {
		a := byID[m.Article]
		e := m.Event
		sent := ""
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			sent = a.Slice(a.Sentences[e.Sentence].Span)
		}
		place := ""
		if m.Place != nil {
			place = m.Place.Name
		}
		if err := enc.Encode(map[string]any{
			"article": a.ID, "published": a.Published.Format("2006-01-02"), "title": a.Title,
			"start": e.Trigger.Start, "end": e.Trigger.End, "trigger": a.Slice(e.Trigger),
			"source": e.Source.Code, "code": e.Code, "target": e.Target.Code,
			"status": e.Status, "reference": e.Reference, "date": e.Date, "place": place, "sentence": sent,
		}); err != nil {
			return err
		}
	}
	return nil
}

// explainMerge lists, for each gold event, its labelled mentions with the
// predicted event each landed in: where merging went wrong.
func explainMerge(env *cmdEnv, gold []mergeLabel, ms []eventmerge.Mention, events []eventmerge.Event) {
	cluster := map[int]int{}
	for k, e := range events {
		for _, i := range e.Mentions {
			cluster[i] = k
		}
	}
	match := alignLabels(gold, ms)
	byEvent := map[string][]int{}
	var order []string
	for gi, g := range gold {
		if _, ok := byEvent[g.Event]; !ok {
			order = append(order, g.Event)
		}
		byEvent[g.Event] = append(byEvent[g.Event], gi)
	}
	for _, ev := range order {
		fmt.Fprintf(env.stderr, "%s\n", ev)
		for _, gi := range byEvent[ev] {
			g := gold[gi]
			pred, what := "-", "unmatched"
			if i := match[gi]; i >= 0 {
				m := ms[i]
				what = fmt.Sprintf("%s %s %s %s ref=%v %s", m.Event.Source.Code, m.Event.Code, m.Event.Target.Code, m.Event.Date, m.Event.Reference, m.Event.Status)
				if k, ok := cluster[i]; ok {
					pred = events[k].ID
				}
			}
			fmt.Fprintf(env.stderr, "   %-6s gold-ref=%-5v %s %s\n", pred, g.Reference, g.Article, what)
		}
	}
}

// alignLabels pairs each label with a coded mention whose trigger overlaps
// it, preferring the one with the labelled codes (one trigger can carry
// several events: "asked the US, the USSR and China"), each mention used
// once; -1 when the coder produced none.
func alignLabels(gold []mergeLabel, ms []eventmerge.Mention) []int {
	match := make([]int, len(gold))
	used := map[int]bool{}
	score := func(g mergeLabel, e eventmerge.Mention) int {
		n := 0
		for _, eq := range []bool{e.Event.Code == g.Code, e.Event.Source.Code == g.Source, e.Event.Target.Code == g.Target} {
			if eq {
				n++
			}
		}
		return n
	}
	for gi, g := range gold {
		match[gi] = -1
		for i, m := range ms {
			if used[i] || m.Article != g.Article || m.Event.Trigger.End <= g.Start || g.End <= m.Event.Trigger.Start {
				continue
			}
			if match[gi] < 0 || score(g, m) > score(g, ms[match[gi]]) {
				match[gi] = i
			}
		}
		if match[gi] >= 0 {
			used[match[gi]] = true
		}
	}
	return match
}

// writeMergeMentions writes each coded mention with what the merger sees
// (codes, actors, date, place, sentence, story fingerprint), its gold
// label when it has one and its predicted event: the input of an error
// analysis of merging.
func writeMergeMentions(path string, byID map[string]*doc.Article, gold []mergeLabel, ms []eventmerge.Mention, events []eventmerge.Event) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("mentions file: %w", err)
	}
	cluster := map[int]string{}
	for _, e := range events {
		for _, i := range e.Mentions {
			cluster[i] = e.ID
		}
	}
	label := map[int]int{}
	for gi, i := range alignLabels(gold, ms) {
		if i >= 0 {
			label[i] = gi
		}
	}
	enc := json.NewEncoder(f)
	for i, m := range ms {
		a := byID[m.Article]
		e := m.Event
		row := map[string]any{"i": i, "article": m.Article, "story": m.Story, "published": m.Published.Format("2006-01-02"),
			"simhash": a.SimHash, "title": a.Title, "event": e, "place": m.Place, "pred": cluster[i]}
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			row["sentence"] = a.Slice(a.Sentences[e.Sentence].Span)
		}
		if gi, ok := label[i]; ok {
			row["gold"] = gold[gi]
		}
		if err := enc.Encode(row); err != nil {
			f.Close()
			return fmt.Errorf("mentions file: %w", err)
		}
	}
	return f.Close()
}

// storyGroups gives each article the id of the story it is a copy of: the
// earliest article with the same text hash or a SimHash within
// dedup.MaxDistance, as the store groups near duplicates.
func storyGroups(arts []*doc.Article) map[string]string {
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b *doc.Article) int { return a.Published.Compare(b.Published) })
	out := map[string]string{}
	type fp struct {
		id, hash string
		sim      uint64
		ok       bool
	}
	var heads []fp
	for _, a := range sorted {
		sim, ok := dedup.ParseSimHash(a.SimHash)
		f := fp{id: a.ID, hash: a.Hash, sim: sim, ok: ok}
		out[a.ID] = a.ID
		for _, h := range heads {
			if (h.hash != "" && h.hash == f.hash) || (h.ok && f.ok && dedup.Near(h.sim, f.sim)) {
				out[a.ID] = h.id
				break
			}
		}
		if out[a.ID] == a.ID {
			heads = append(heads, f)
		}
	}
	return out
}

// sweepMerge cross-validates the merge options: the labelled stories
// (near duplicates together) are split in two halves, alternately in date
// order so both halves cover both subjects and the whole period; each
// half's mentions are merged alone and scored on its own labels. It
// prints, for each option set, the pairwise figures of both halves, then
// the set best on each half (by F1) with its figures on the other.
func sweepMerge(env *cmdEnv, gold []mergeLabel, ms []eventmerge.Mention, stories map[string]string, arts []*doc.Article) {
	var order []string
	seen := map[string]bool{}
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b *doc.Article) int { return a.Published.Compare(b.Published) })
	for _, a := range sorted {
		if s := stories[a.ID]; !seen[s] {
			seen[s] = true
			order = append(order, s)
		}
	}
	half := map[string]int{}
	for k, s := range order {
		half[s] = k % 2
	}
	var hg [2][]mergeLabel
	var hm [2][]eventmerge.Mention
	for _, g := range gold {
		h := half[stories[g.Article]]
		hg[h] = append(hg[h], g)
	}
	for _, m := range ms {
		h := half[stories[m.Article]]
		hm[h] = append(hm[h], m)
	}
	type run struct {
		opt eventmerge.Options
		res [2]prf
		all prf
	}
	var runs []run
	for _, fam := range []float64{0.7, 0.9} {
		for _, sp := range []float64{-1, 0.5, 0.7} {
			for _, lex := range []float64{-1, 1, 2} {
				for th := 0.3; th < 0.751; th += 0.05 {
					r := run{opt: eventmerge.Options{Threshold: th, Lexical: lex, Family: fam, Speech: sp}}
					for h := range 2 {
						r.res[h] = scoreMerge(hg[h], hm[h], eventmerge.Merge(hm[h], r.opt)).Merge
					}
					r.all = scoreMerge(gold, ms, eventmerge.Merge(ms, r.opt)).Merge
					runs = append(runs, r)
					fmt.Fprintf(env.stderr, "family %4.1f speech %4.1f lexical %4.1f threshold %.2f   A P %.3f R %.3f F1 %.3f   B P %.3f R %.3f F1 %.3f   all P %.3f R %.3f F1 %.3f\n",
						fam, sp, lex, th, r.res[0].Precision, r.res[0].Recall, r.res[0].F1, r.res[1].Precision, r.res[1].Recall, r.res[1].F1, r.all.Precision, r.all.Recall, r.all.F1)
				}
			}
		}
	}
	for h := range 2 {
		best := runs[0]
		for _, r := range runs {
			if r.res[h].F1 > best.res[h].F1 {
				best = r
			}
		}
		o := 1 - h
		fmt.Fprintf(env.stderr, "tuned on %c (%d labels): family %.1f speech %.1f lexical %.1f threshold %.2f: %c P %.3f R %.3f F1 %.3f; held-out %c P %.3f R %.3f F1 %.3f\n",
			'A'+h, len(hg[h]), best.opt.Family, best.opt.Speech, best.opt.Lexical, best.opt.Threshold, 'A'+h, best.res[h].Precision, best.res[h].Recall, best.res[h].F1,
			'A'+o, best.res[o].Precision, best.res[o].Recall, best.res[o].F1)
	}
}
