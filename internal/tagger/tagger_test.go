package tagger

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestViterbi(t *testing.T) {
	// Two labels; emissions prefer 0,1,0 but transitions 0->0 are
	// forbidden-ish, start prefers 1.
	emit := []float32{2, 0, 0, 1, 2, 0}
	trans := []float32{
		-5, 0, // from 0
		0, 0, // from 1
		0, 1, // start
	}
	var back []int32
	got := Viterbi(3, 2, emit, trans, &back, nil)
	// Scores: 0,1,0 = 2+0 + 0+1 + 0+2 = 5; 1,1,0 = 1+0+0+1+0+2 = 4.
	if !reflect.DeepEqual(got, []int{0, 1, 0}) {
		t.Errorf("Viterbi = %v, want [0 1 0]", got)
	}
	if got := Viterbi(0, 2, nil, trans, &back, nil); len(got) != 0 {
		t.Errorf("empty sentence: %v", got)
	}
}

// TestViterbiSmallSame checks the small-label-set Viterbi against the
// general candidate loop on random scores: same paths, not just same
// scores.
func TestViterbiSmallSame(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, nl := range []int{1, 2, 9, 16} {
		all := make([]int32, nl)
		for y := range all {
			all[y] = int32(y)
		}
		for trial := 0; trial < 50; trial++ {
			n := 1 + rng.Intn(40)
			emit := make([]float32, n*nl)
			trans := make([]float32, (nl+1)*nl)
			for i := range emit {
				emit[i] = float32(rng.Intn(7) - 3) // small integers: many ties
			}
			for i := range trans {
				trans[i] = float32(rng.Intn(5) - 2)
			}
			var b1, b2 []int32
			got := Viterbi(n, nl, emit, trans, &b1, nil)
			want := ViterbiCands(n, nl, emit, trans, make([][]int32, n), all, &b2, nil)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("nl %d n %d: Viterbi %v, general loop %v", nl, n, got, want)
			}
		}
	}
}

func testModel(t *testing.T) *Model {
	t.Helper()
	meta := Meta{Name: "toy", FeatureSet: "pos-2:", Labels: []string{"A", "B"}, Bits: 8}
	dense := make([]float32, 256*2)
	dense[NewTpl("x").Str("1")&255*2+1] = 1.5
	dense[7*2] = -0.25
	m, err := New(meta, dense, make([]float32, 6))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestModelRoundTrip(t *testing.T) {
	m := testModel(t)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(fstest.MapFS{"toy.model.gz": {Data: buf.Bytes()}}, "toy.model.gz")
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows() != m.Rows() || got.Meta.Name != "toy" || got.Meta.Format != Format {
		t.Fatalf("rows %d/%d meta %+v", got.Rows(), m.Rows(), got.Meta)
	}
	f := []uint64{NewTpl("x").Str("1"), 7, 99}
	a, b := make([]float32, 2), make([]float32, 2)
	m.Emit(f, a)
	got.Emit(f, b)
	for i := range a {
		if d := a[i] - b[i]; d > 1e-3 || d < -1e-3 {
			t.Errorf("emission %d: %v vs %v after round trip", i, a[i], b[i])
		}
	}
}

func TestLoadErrors(t *testing.T) {
	var buf bytes.Buffer
	testModel(t).Write(&buf)
	good := buf.Bytes()
	fs := fstest.MapFS{
		"garbage":   {Data: []byte("not gzip")},
		"truncated": {Data: good[:len(good)/2]},
	}
	for _, name := range []string{"missing", "garbage", "truncated"} {
		if _, err := Load(fs, name); err == nil {
			t.Errorf("%s: want an error", name)
		} else if !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

func TestShapeAndNorm(t *testing.T) {
	for in, want := range map[string]string{"McDonald": "XxXx", "1996-08-22": "d-d-d", "U.S.": "X.X.", "ok": "x"} {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := normLower("Route-66"); got != "route-00" {
		t.Errorf("normLower = %q", got)
	}
}

func TestDocInfoFirstPass(t *testing.T) {
	sents := [][]string{{"Marco", "Rubio", "arrived"}, {"Rubio", "said"}}
	d := NewDocInfo(sents)
	if d.seqPos["Rubio"]&4 == 0 || d.seqPos["Marco"]&1 == 0 {
		t.Errorf("seqPos = %v", d.seqPos)
	}
	d.AddFirstPass(sents[0], []string{"B-PER", "I-PER", "O"})
	d.AddFirstPass(sents[1], []string{"B-ORG", "O"})
	if c := d.first["Rubio"]; c == nil || c[0] != 1 || c[1] != 1 {
		t.Errorf("first-pass counts = %v", c)
	}
}

// TestTagDict checks that the tag dictionary restricts decoding to the
// candidates, that a key outside it gets TagDictOther (or every label),
// that it survives a write/read, and that a bad entry is an error.
func TestTagDict(t *testing.T) {
	labels := []string{"A", "B", "C|D"}
	meta := Meta{Name: "toy", FeatureSet: "pos-2:", Labels: labels, Bits: 8}
	x := NewTpl("x")
	dense := make([]float32, 256*3)
	// Feature "x=hi" strongly prefers B, then A.
	dense[x.Str("hi")&255*3+1] = 3
	dense[x.Str("hi")&255*3+0] = 2
	m, err := New(meta, dense, make([]float32, 12))
	if err != nil {
		t.Fatal(err)
	}
	feats := [][]uint64{{x.Str("hi")}, {x.Str("hi")}, {x.Str("hi")}}
	s := &Sentence{Words: []string{"known", "rare", "odd"}}
	var d Decoder
	full := append([]int(nil), m.Decode(&d, feats)...)
	if !reflect.DeepEqual(full, []int{1, 1, 1}) {
		t.Fatalf("no dictionary: %v, want [1 1 1]", full)
	}
	if err := m.SetTagDict(map[string]string{"known": "A C|D", "odd": "C|D"}, "A C|D", "word", 5); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*Model{m, m2} {
		got := mm.DecodeCands(&d, feats, nil, mm.Candidates(&d, s))
		// known: A or C|D -> A; rare: other = A, C|D -> A; odd: only C|D.
		if want := []int{0, 0, 2}; !reflect.DeepEqual(got, want) {
			t.Errorf("with dictionary: %v, want %v", got, want)
		}
		if c := mm.Confidence(&d); len(c) != 3 || c[2] < 0.5 {
			t.Errorf("confidence %v", c)
		}
	}
	// word+pos: "known" by word, the others by their POS tag.
	sp := &Sentence{Words: s.Words, POS: []string{"X", "Y", "Z"}}
	if err := m.SetTagDict(map[string]string{"known": "C|D", "\tY": "A", "\tZ": "A C|D"}, "", "word+pos", 5); err != nil {
		t.Fatal(err)
	}
	if got := m.DecodeCands(&d, feats, nil, m.Candidates(&d, sp)); !reflect.DeepEqual(got, []int{2, 0, 0}) {
		t.Errorf("word+pos: %v, want [2 0 0]", got)
	}
	if err := m.SetTagDict(map[string]string{"x": "Z"}, "", "word", 1); err == nil {
		t.Error("unknown label in the dictionary: want an error")
	}
	if err := m.SetTagDict(map[string]string{"x": "A"}, "", "lemma", 1); err == nil {
		t.Error("unknown key kind: want an error")
	}
	if err := m.SetTagDict(nil, "", "", 0); err != nil || m.Candidates(&d, s) != nil {
		t.Errorf("removing the dictionary: %v", err)
	}
}

// TestSplitSameAsFull checks the serving shortcut for NER: word-role
// features scored once per word form (emission cache, pooled scratch)
// must give the labels of the full feature lists. Weights are small
// integers, so the sums are exact whatever their order, and the two
// paths must agree on every token, in one and two passes.
func TestSplitSameAsFull(t *testing.T) {
	res := &Resources{Phrases: map[uint64]uint16{}, Clusters: map[string]uint32{
		"paris": 1<<16 | 2<<8 | 3, "france": 1<<16 | 2<<8 | 4, "said": 5 << 16, "the": 6 << 16,
	}}
	labels := []string{"B-LOC", "B-PER", "I-LOC", "I-PER", "O"}
	rng := rand.New(rand.NewSource(7))
	model := func(fs string) *Model {
		meta := Meta{Name: "toy", FeatureSet: fs, Labels: labels, Bits: 12}
		dense := make([]float32, (1<<12)*len(labels))
		for i := range dense {
			dense[i] = float32(rng.Intn(9) - 4)
		}
		trans := make([]float32, (len(labels)+1)*len(labels))
		for i := range trans {
			trans[i] = float32(rng.Intn(5) - 2)
		}
		m, err := New(meta, dense, trans)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m1 := model("ner-1:clu,docword,gaz,shape,win")
	m2 := model("ner-1:clu,doc,docword,gaz,shape,win")
	doc := []Sentence{
		{Words: strings.Fields("Paris said the France team beat Paris")},
		{Words: strings.Fields("PARIS MATCH IS OVER")},
		{Words: strings.Fields("Smith and the others said : Smith")},
		{Words: []string{"x"}},
	}
	// Reference: full feature lists, no caches.
	full := func(tg *Tagger, prev [][]string, info *DocInfo) [][]string {
		var w Work
		var d Decoder
		var out [][]string
		for i := range doc {
			var p1 []string
			if prev != nil {
				p1 = prev[i]
			}
			path := tg.Model.Decode(&d, tg.Ext.Features(&w, &doc[i], info, p1))
			out = append(out, tg.labels(path))
		}
		return out
	}
	words := make([][]string, len(doc))
	for i := range doc {
		words[i] = doc[i].Words
	}
	t1, err := NewTagger(m1, res)
	if err != nil {
		t.Fatal(err)
	}
	info := NewDocInfo(words)
	want1 := full(t1, nil, info)
	for run := 0; run < 3; run++ { // cold, then warm caches
		if got, _ := t1.TagDoc(nil, doc); !reflect.DeepEqual(got, want1) {
			t.Fatalf("one pass, run %d: split %v, full %v", run, got, want1)
		}
	}
	t2, err := NewTagger(m2, res)
	if err != nil {
		t.Fatal(err)
	}
	tp := &Tagger{Model: m1, Ext: t1.Ext, Pass2: t2}
	for i := range doc {
		info.AddFirstPass(doc[i].Words, want1[i])
	}
	want2 := full(t2, want1, info)
	var sc Scratch
	for run := 0; run < 3; run++ {
		if got, _ := tp.TagDoc(&sc, doc); !reflect.DeepEqual(got, want2) {
			t.Fatalf("two passes, run %d: split %v, full %v", run, got, want2)
		}
	}
}

// TestStackedPOSSameAsFull checks the two-pass POS tagger (stack family)
// against extracting the second pass's full feature lists sentence by
// sentence, as training does: the serving path reuses the first pass's
// features and appends the stack features after the whole document.
func TestStackedPOSSameAsFull(t *testing.T) {
	labels := []string{"DT", "IN", "NN", "NNP", "VBD"}
	rng := rand.New(rand.NewSource(11))
	model := func(fs string) *Tagger {
		meta := Meta{Name: "toy", FeatureSet: fs, Labels: labels, Bits: 12}
		dense := make([]float32, (1<<12)*len(labels))
		for i := range dense {
			dense[i] = float32(rng.Intn(9) - 4)
		}
		trans := make([]float32, (len(labels)+1)*len(labels))
		m, err := New(meta, dense, trans)
		if err != nil {
			t.Fatal(err)
		}
		tg, err := NewTagger(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tg
	}
	t1, t2 := model("pos-2:caps"), model("pos-2:caps,stack")
	// A tag dictionary: tokens fixed to one tag get no features in
	// either pass; "in" has one candidate in pass 1 only.
	for k, m := range []*Model{t1.Model, t2.Model} {
		dict := map[string]string{"the": "DT", "in": "IN", "Dogs": "NN NNP"}
		if k == 1 {
			dict["in"] = "IN DT"
		}
		if err := m.SetTagDict(dict, "", "word", 5); err != nil {
			t.Fatal(err)
		}
	}
	doc := []Sentence{
		{Words: strings.Fields("The Man saw the dog in Paris")},
		{Words: strings.Fields("Dogs bark")},
		{Words: strings.Fields("A B C D E F G H I J K")},
	}
	var w Work
	var d Decoder
	var first, want [][]string
	decode := func(tg *Tagger, s *Sentence, p1 []string) []string {
		feats := tg.Ext.Features(&w, s, nil, p1)
		return tg.labels(tg.Model.DecodeCands(&d, feats, nil, tg.Model.Candidates(&d, s)))
	}
	for i := range doc {
		first = append(first, decode(t1, &doc[i], nil))
	}
	for i := range doc {
		want = append(want, decode(t2, &doc[i], first[i]))
	}
	tp := &Tagger{Model: t1.Model, Ext: t1.Ext, Pass2: t2}
	for run := 0; run < 2; run++ {
		if got, _ := tp.TagDoc(nil, doc); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: two-pass %v, full %v", run, got, want)
		}
	}
}

func TestCoarsePOS(t *testing.T) {
	for in, want := range map[string]string{
		"NNS": "N", "NNP": "N", "PRP$": "N", "VBD": "V", "MD": "V", "JJR": "J", "CD": "J",
		"RB": "R", "RP": "I", "IN": "I", "TO": "I", "DT": "D", "WDT": "W", ",": ",", "": "",
	} {
		if got := coarsePOS(in); got != want {
			t.Errorf("coarsePOS(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTagDocConcurrent runs TagDoc from several goroutines on one tagger
// (fresh Scratch each call, so they share the tagger's free list of warm
// scratch) and checks every result; run with -race to check the sharing.
func TestTagDocConcurrent(t *testing.T) {
	res := &Resources{Phrases: map[uint64]uint16{}, Clusters: map[string]uint32{"paris": 1 << 16}}
	labels := []string{"B-LOC", "I-LOC", "O"}
	rng := rand.New(rand.NewSource(5))
	dense := make([]float32, (1<<10)*len(labels))
	for i := range dense {
		dense[i] = float32(rng.Intn(9) - 4)
	}
	m, err := New(Meta{Name: "toy", FeatureSet: "ner-1:clu,shape,win", Labels: labels, Bits: 10}, dense, make([]float32, 12))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(m, res)
	if err != nil {
		t.Fatal(err)
	}
	docs := [][]Sentence{
		{{Words: strings.Fields("Paris is in France")}},
		{{Words: strings.Fields("He went to Paris and Rome")}, {Words: strings.Fields("Rome")}},
		{{Words: strings.Fields("a b c d e f g")}},
	}
	want := make([][][]string, len(docs))
	for i, d := range docs {
		want[i], _ = tg.TagDoc(nil, d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(docs)
				var sc Scratch
				if got, _ := tg.TagDoc(&sc, docs[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d doc %d: %v, want %v", g, i, got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestCapClass(t *testing.T) {
	for in, want := range map[string]string{"Camacho": "X", "SHEARER": "A", "run": "x", "6-7": "d", "(": "o", "Öl": "X", "U.S.": "A"} {
		if got := capClass(in); got != want {
			t.Errorf("capClass(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUnkFeatures: the "unk" family adds the capitalisation x suffix
// conjunctions to every word, the sentence-initial one to the first, and
// the raw (digits kept) suffixes to words with digits only; "unkclu"
// adds three cluster conjunctions.
func TestUnkFeatures(t *testing.T) {
	res := &Resources{Clusters: map[string]uint32{"run": 5}}
	s := &Sentence{Words: []string{"6-7", "run"}}
	count := func(id string) [2]int {
		e, err := NewExtractor(id, res)
		if err != nil {
			t.Fatal(err)
		}
		var w Work
		fs := e.Features(&w, s, nil, nil)
		return [2]int{len(fs[0]), len(fs[1])}
	}
	base, unk, clu := count("pos-2:clu"), count("pos-2:clu,unk"), count("pos-2:clu,unk,unkclu")
	if d := unk[0] - base[0]; d != 5+1+3 {
		t.Errorf("6-7 at the start: unk adds %d features, want 9", d)
	}
	if d := unk[1] - base[1]; d != 5 {
		t.Errorf("run: unk adds %d features, want 5", d)
	}
	if d := clu[1] - unk[1]; d != 3 {
		t.Errorf("run: unkclu adds %d features, want 3", d)
	}
	// "rareonly": the words of the tag dictionary get none of them.
	e, err := NewExtractor("pos-2:clu,rareonly,unk,unkclu", res)
	if err != nil {
		t.Fatal(err)
	}
	e.Frequent = map[string]string{"run": "NN VB"}
	var wr Work
	fs := e.Features(&wr, s, nil, nil)
	if got := [2]int{len(fs[0]), len(fs[1])}; got != [2]int{clu[0], base[1]} {
		t.Errorf("rareonly: %v features, want %v (6-7 all, run none)", got, [2]int{clu[0], base[1]})
	}
	// The raw suffixes tell "6-7" from "6-4", which share every
	// digit-normalised feature.
	e, _ = NewExtractor("pos-2:unk", nil)
	var w Work
	a := append([]uint64(nil), e.Features(&w, &Sentence{Words: []string{"6-7"}}, nil, nil)[0]...)
	b := e.Features(&w, &Sentence{Words: []string{"6-4"}}, nil, nil)[0]
	differ := 0
	for k := range a {
		if a[k] != b[k] {
			differ++
		}
	}
	if differ != 1+3 { // the word itself and the three raw suffixes
		t.Errorf("6-7 vs 6-4: %d features differ, want 4", differ)
	}
}
