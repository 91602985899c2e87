package event

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDebugSentence prints the coder's view of $EVSENT (development aid).
func TestDebugSentence(t *testing.T) {
	text := os.Getenv("EVSENT")
	if text == "" {
		t.Skip("set EVSENT")
	}
	dir := shared + "/events-dev"
	if os.Getenv("EVDICT") != "" {
		dir = os.Getenv("EVDICT")
	}
	var c *Coder
	if os.Getenv("EVDICT") != "" {
		st, err := Load(Config{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		c = st.coder
	} else {
		c = NewCoder(loadDict(t, dir), Options{RequireDyad: os.Getenv("EVDYAD") != ""})
	}
	s := &sentence{w: tokenize(text, 0, len(text)), date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		anaphora: []string{"USAGOV", "MEXGOV"}, pair: []string{"USA", "MEX"}}
	evs := c.codeWords(s)
	for i, w := range s.w {
		fmt.Printf("%d:%s ", i, w.W)
	}
	fmt.Println()
	for i, g := range s.groups {
		fmt.Printf("group %d [%d,%d) %s prep=%s comp=%d\n", i, g.start, g.end, g.code, g.prep, g.comp)
	}
	for _, v := range s.verbs {
		fmt.Printf("verb %d [%d,%d) %s block=%s code=%s/%s npat=%d\n", v.i, v.start, v.end, v.v.Form, v.v.Block.Name, v.v.Code, v.v.Block.Code, len(v.v.Block.Patterns))
	}
	subj := map[int][]int{}
	for vi := range s.verbs {
		b := c.bind(s, vi, subj)
		subj[vi] = b.subj
		fmt.Printf("bind %d subj=%v obj=%v code=%s rule=%q passive=%v\n", vi, b.subj, b.obj, b.code, b.rule, b.passive)
	}
	for _, e := range evs {
		fmt.Printf("event %s>%s %s %s rule=%q conf=%.2f\n", e.Source, e.Target, e.Code, e.Status, e.Rule, e.Confidence)
	}
}

// TestEvalFiles scores each file of $EVFILES (comma-separated .jsonl) with
// the Phoenix dictionaries, as `newsgraph eval events --json` does, and
// prints the PLOVER figures (development aid: halves of the dev file).
func TestEvalFiles(t *testing.T) {
	files := os.Getenv("EVFILES")
	if files == "" {
		t.Skip("set EVFILES")
	}
	st, err := Load(Config{}) // the data folder, as the command finds it
	if err != nil {
		t.Skip(err)
	}
	for _, name := range strings.Split(files, ",") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := st.Coder().Evaluate(f, nil)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		p, a := rep.Plover, rep.PloverAllTypes
		fmt.Printf("%-28s F1 %.3f P %.3f R %.3f tp %d pred %d gold %d | all types F1 %.3f P %.3f (pred %d) | country %.3f\n",
			filepath.Base(name), p.F1, p.Precision, p.Recall, p.TP, p.Pred, p.Gold, a.F1, a.Precision, a.Pred, rep.PloverCountry.F1)
	}
}
