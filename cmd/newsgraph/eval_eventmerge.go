package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"newsgraph/internal/cameo"
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
	// sentence is the index of the article's sentence holding the
	// trigger, -1 when unknown: set by the eval once the articles are
	// analysed (alignLabels).
	sentence int
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
	analysed := fs.String("analysed", "", "read the analysed articles from `FILE` (JSONL, as --save-analysed writes) instead of running the flow: the coder's output frozen while merging is tuned")
	set := fs.String("set", "", "merge options as `KEY=VALUE,...` (threshold, lexical, family, speech: numbers; window: a duration), for experiments")
	saveAnalysed := fs.String("save-analysed", "", "write the analysed articles to `FILE` (JSONL)")
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
	start := time.Now()
	var arts []*doc.Article
	var err error
	if *analysed != "" {
		arts, err = readAnalysed(*analysed, want)
	} else {
		arts, err = analyseArticles(ctx, *corpus, want)
	}
	if err != nil {
		return err
	}
	if *saveAnalysed != "" {
		if err := writeAnalysed(*saveAnalysed, arts); err != nil {
			return err
		}
	}
	var mentions []eventmerge.Mention
	// The store keeps near duplicates as one story; so does the eval.
	stories := storyGroups(arts)
	for _, a := range arts {
		for _, ev := range a.Events {
			m := eventmerge.Mention{Article: a.ID, Story: stories[a.ID], Outlet: a.Source, Published: a.Published, Event: ev}
			if ev.Location > 0 && ev.Location <= len(a.Places) {
				m.Place = &a.Places[ev.Location-1]
			}
			if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
				m.Text, m.TextSpan = a.Slice(a.Sentences[ev.Sentence].Span), a.Sentences[ev.Sentence].Span
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
		gold[i].sentence = -1
		for k, st := range a.Sentences {
			if st.Span.Start <= g.Start && g.Start < st.Span.End {
				gold[i].sentence = k
				break
			}
		}
	}
	if *sweep {
		o, err := parseMergeOptions(*set)
		if err != nil {
			return err
		}
		sweepMerge(env, gold, mentions, stories, arts, o)
	}
	opt, err := parseMergeOptions(*set)
	if err != nil {
		return err
	}
	events := eventmerge.Merge(mentions, opt)
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
	Matched  int `json:"matched"` // labels aligned with a coded mention (alignLabels)
	Articles int `json:"articles"`
	// Merging, pairwise over aligned mentions of events that happened.
	Merge prf `json:"merge_pairwise"`
	// Recoded counts aligned labels whose mention the coder now codes
	// otherwise (code, source or target) than when it was labelled.
	// Realigned counts labels aligned through their sentence because the
	// coder moved the trigger; KindChanged counts labels whose overlapping
	// mention is now coded as another kind of act (another merging family:
	// a battle sentence now a statement), which are left unaligned
	// (alignLabels).
	Recoded     int `json:"labels_recoded"`
	Realigned   int `json:"labels_realigned_by_sentence"`
	KindChanged int `json:"labels_kind_changed"`
	// MergeAnyCode is the pairwise figure under the alignment used before
	// label drift was handled: each label takes the mention whose trigger
	// overlaps its span, whatever kind of act it is now coded.
	MergeAnyCode prf `json:"merge_pairwise_any_code"`
	// MergeSameRoot is the pairwise figure over the aligned labels whose
	// mention keeps its labelled CAMEO root.
	MergeSameRoot prf `json:"merge_pairwise_same_root"`
	// The reference flag over aligned mentions: the coder's flag
	// (doc.Event.Reference) and the merger's decision
	// (eventmerge.Background), which is what the merged view counts.
	Reference       prf `json:"reference_coder"`
	MergerReference prf `json:"reference"`
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
	match := alignLabels(gold, ms, false)
	loose := alignLabels(gold, ms, true)
	arts := map[string]bool{}
	for gi, g := range gold {
		arts[g.Article] = true
		if match[gi] >= 0 {
			res.Matched++
			m := ms[match[gi]]
			if m.Event.Trigger.End <= g.Start || g.End <= m.Event.Trigger.Start {
				res.Realigned++
			}
		} else if loose[gi] >= 0 {
			res.KindChanged++
		}
	}
	res.Articles = len(arts)
	var idx []int
	res.Merge, idx = pairwiseMerge(gold, ms, match, cluster, nil)
	res.MergeAnyCode, _ = pairwiseMerge(gold, ms, loose, cluster, nil)
	res.MergeSameRoot, _ = pairwiseMerge(gold, ms, match, cluster, func(gi int) bool {
		e := ms[match[gi]].Event
		return len(gold[gi].Code) >= 2 && len(e.Code) >= 2 && gold[gi].Code[:2] == e.Code[:2]
	})
	goldEvents, predEvents := map[string]bool{}, map[int]bool{}
	for _, gi := range idx {
		goldEvents[gold[gi].Event] = true
		if k, ok := cluster[match[gi]]; ok {
			predEvents[k] = true
		} else {
			predEvents[-1-gi] = true // the merger dropped it: its own event
		}
	}
	for gi, g := range gold {
		if i := match[gi]; i >= 0 {
			if e := ms[i].Event; e.Code != g.Code || e.Source.Code != g.Source || e.Target.Code != g.Target {
				res.Recoded++
			}
		}
	}
	retold := map[int]bool{}
	for _, e := range events {
		for _, i := range e.Retold {
			retold[i] = true
		}
	}
	var coder, merger [3]int // tp, fp, fn
	count := func(c *[3]int, pred, gold bool) {
		switch {
		case pred && gold:
			c[0]++
		case pred:
			c[1]++
		case gold:
			c[2]++
		}
	}
	for gi, g := range gold {
		if match[gi] < 0 {
			continue
		}
		m := ms[match[gi]]
		count(&coder, m.Event.Reference, g.Reference)
		count(&merger, eventmerge.Background(m) || retold[match[gi]], g.Reference)
	}
	res.Reference = newPRF(coder[0], coder[1], coder[2])
	res.MergerReference = newPRF(merger[0], merger[1], merger[2])
	res.GoldEvents = len(goldEvents)
	if n := len(goldEvents); n > 0 {
		res.OvercountRaw = float64(len(idx)) / float64(n)
		res.OvercountAfter = float64(len(predEvents)) / float64(n)
	}
	return res
}

// pairwiseMerge scores merging pairwise over the aligned labels of events
// that happened and are not references (and that keep passes, when
// given): a pair is right when both mentions are in one predicted event
// exactly when their labels name one event. It returns the labels scored.
func pairwiseMerge(gold []mergeLabel, ms []eventmerge.Mention, match []int, cluster map[int]int, keep func(gi int) bool) (prf, []int) {
	var idx []int
	for gi, g := range gold {
		if match[gi] < 0 || g.Reference || (g.Happened != nil && !*g.Happened) || (keep != nil && !keep(gi)) {
			continue
		}
		idx = append(idx, gi)
	}
	var tp, fp, fn int
	for x := 0; x < len(idx); x++ {
		for y := x + 1; y < len(idx); y++ {
			a, b := idx[x], idx[y]
			sameGold := gold[a].Event == gold[b].Event
			ka, oka := cluster[match[a]]
			kb, okb := cluster[match[b]]
			samePred := oka && okb && ka == kb
			switch {
			case sameGold && samePred:
				tp++
			case samePred:
				fp++
			case sameGold:
				fn++
			}
		}
	}
	return newPRF(tp, fp, fn), idx
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

// analyseArticles reads the wanted articles from the corpus and runs the
// analysis flow on them.
func analyseArticles(ctx context.Context, corpus string, want map[string]bool) ([]*doc.Article, error) {
	arts, err := loadArticles(ctx, corpus, want)
	if err != nil {
		return nil, err
	}
	p, err := newFlow(flowOptions{})
	if err != nil {
		return nil, err
	}
	for _, a := range arts {
		if err := p.Process(ctx, a); err != nil {
			return nil, fmt.Errorf("analyse %s: %w", a.ID, err)
		}
	}
	return arts, nil
}

// writeAnalysed writes analysed articles, one JSON object a line: the
// coder's output at one moment, so that merging can be tuned and compared
// on fixed input while the coder changes.
func writeAnalysed(path string, arts []*doc.Article) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("analysed articles: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			f.Close()
			return fmt.Errorf("analysed articles %s: %w", path, err)
		}
	}
	return f.Close()
}

// readAnalysed reads the wanted articles written by writeAnalysed.
func readAnalysed(path string, want map[string]bool) ([]*doc.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("analysed articles: %w", err)
	}
	defer f.Close()
	var arts []*doc.Article
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var a doc.Article
		if err := dec.Decode(&a); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("analysed articles %s: %w", path, err)
		}
		if want[a.ID] {
			arts = append(arts, &a)
		}
	}
	if len(arts) < len(want) {
		return nil, fmt.Errorf("analysed articles %s: %d of the %d labelled articles", path, len(arts), len(want))
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
	match := alignLabels(gold, ms, false)
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

// alignLabels pairs each label with the coded mention it labels, each
// mention used once; -1 when the coder no longer produces it.
//
// A label names the happening its codes described when it was made, and
// the coder changes under the labels (docs/eventmerge.md, "Label drift").
// So a label aligns only with a mention of the same kind of act — the same
// merging family of CAMEO roots (eventmerge.Family: a statement and a
// warning are one kind, an assault and a fight another): a battle sentence
// whose mention is now coded a statement is another happening, scored as
// an unlabelled mention rather than as the battle. The mention is looked
// for first among those whose trigger overlaps the label's span, then, for
// a label still unaligned, among those of the label's sentence (the coder
// moved the trigger: "Iraq said its forces had crushed ..." now fires on
// "crushed", not "said"); within each, the one with the most of the
// labelled codes (code, source, target) wins, then the nearest trigger.
//
// loose=true is the alignment before drift was handled: any overlapping
// trigger, whatever its code, reported as merge_pairwise_any_code.
func alignLabels(gold []mergeLabel, ms []eventmerge.Mention, loose bool) []int {
	match := make([]int, len(gold))
	for gi := range match {
		match[gi] = -1
	}
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
	dist := func(g mergeLabel, m eventmerge.Mention) int {
		return abs(m.Event.Trigger.Start - g.Start)
	}
	sameKind := func(g mergeLabel, m eventmerge.Mention) bool {
		return loose || eventmerge.Family(cameo.Root(g.Code)) == eventmerge.Family(cameo.Root(m.Event.Code))
	}
	overlap := func(g mergeLabel, m eventmerge.Mention) bool {
		return m.Event.Trigger.End > g.Start && g.End > m.Event.Trigger.Start
	}
	sameSentence := func(g mergeLabel, m eventmerge.Mention) bool {
		return g.sentence >= 0 && m.Event.Sentence == g.sentence
	}
	passes := []func(mergeLabel, eventmerge.Mention) bool{overlap}
	if !loose {
		passes = append(passes, sameSentence)
	}
	for _, fits := range passes {
		for gi, g := range gold {
			if match[gi] >= 0 {
				continue
			}
			best := -1
			for i, m := range ms {
				if used[i] || m.Article != g.Article || !fits(g, m) || !sameKind(g, m) {
					continue
				}
				if best < 0 || score(g, m) > score(g, ms[best]) || (score(g, m) == score(g, ms[best]) && dist(g, m) < dist(g, ms[best])) {
					best = i
				}
			}
			if best >= 0 {
				match[gi] = best
				used[best] = true
			}
		}
	}
	return match
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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
	for gi, i := range alignLabels(gold, ms, false) {
		if i >= 0 {
			label[i] = gi
		}
	}
	enc := json.NewEncoder(f)
	for i, m := range ms {
		a := byID[m.Article]
		e := m.Event
		row := map[string]any{"i": i, "article": m.Article, "story": m.Story, "published": m.Published.Format("2006-01-02"),
			"simhash": a.SimHash, "title": a.Title, "event": e, "place": m.Place, "pred": cluster[i], "background": eventmerge.Background(m)}
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

// parseMergeOptions reads --set: KEY=VALUE pairs over the merge options'
// defaults.
func parseMergeOptions(s string) (eventmerge.Options, error) {
	var o eventmerge.Options
	for _, kv := range strings.Split(s, ",") {
		if strings.TrimSpace(kv) == "" {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return o, fmt.Errorf("--set %q: want KEY=VALUE", kv)
		}
		var err error
		switch k {
		case "window":
			o.Window, err = time.ParseDuration(v)
		case "threshold", "lexical", "family", "speech":
			var f float64
			if f, err = strconv.ParseFloat(v, 64); err == nil {
				*map[string]*float64{"threshold": &o.Threshold, "lexical": &o.Lexical, "family": &o.Family, "speech": &o.Speech}[k] = f
			}
		default:
			err = errors.New("unknown option")
		}
		if err != nil {
			return o, fmt.Errorf("--set %s: %w", kv, err)
		}
	}
	return o, nil
}

// sweepMerge cross-validates the merge options: the labelled stories
// (near duplicates together) are split in two halves, alternately in date
// order so both halves cover both subjects and the whole period; each
// half's mentions are merged alone and scored on its own labels. It
// prints, for each option set, the pairwise figures of both halves, then
// the set best on each half (by F1) with its figures on the other.
func sweepMerge(env *cmdEnv, gold []mergeLabel, ms []eventmerge.Mention, stories map[string]string, arts []*doc.Article, base eventmerge.Options) {
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
					o := base
					o.Threshold, o.Lexical, o.Family, o.Speech = th, lex, fam, sp
					r := run{opt: o}
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
	var def [2]prf
	for h := range 2 {
		def[h] = scoreMerge(hg[h], hm[h], eventmerge.Merge(hm[h], base)).Merge
	}
	all := scoreMerge(gold, ms, eventmerge.Merge(ms, base)).Merge
	fmt.Fprintf(env.stderr, "defaults: A (%d labels) P %.3f R %.3f F1 %.3f   B (%d labels) P %.3f R %.3f F1 %.3f   all P %.3f R %.3f F1 %.3f\n",
		len(hg[0]), def[0].Precision, def[0].Recall, def[0].F1, len(hg[1]), def[1].Precision, def[1].Recall, def[1].F1, all.Precision, all.Recall, all.F1)
	for h := range 2 {
		r := scoreMerge(hg[h], hm[h], eventmerge.Merge(hm[h], base))
		fmt.Fprintf(env.stderr, "reference flag, half %c: merger P %.3f R %.3f F1 %.3f, coder P %.3f R %.3f F1 %.3f\n", 'A'+h,
			r.MergerReference.Precision, r.MergerReference.Recall, r.MergerReference.F1, r.Reference.Precision, r.Reference.Recall, r.Reference.F1)
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
