package train

import (
	"reflect"
	"strings"
	"testing"

	"newsgraph/internal/tagger"
)

func TestToIOB2(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC"},
		{"I-PER B-PER I-PER", "B-PER B-PER I-PER"}, // IOB1 B- between adjacent entities
		{"I-ORG I-LOC", "B-ORG B-LOC"},
		{"B-MISC I-MISC O", "B-MISC I-MISC O"}, // IOB2 unchanged
		{"O O", "O O"},
	}
	for _, tc := range tests {
		got := strings.Join(ToIOB2(strings.Fields(tc.in)), " ")
		if got != tc.want {
			t.Errorf("ToIOB2(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestChunks(t *testing.T) {
	got := Chunks(strings.Fields("B-PER I-PER O I-LOC B-LOC I-ORG B-MISC"))
	want := []Chunk{{"PER", 0, 2}, {"LOC", 3, 4}, {"LOC", 4, 5}, {"ORG", 5, 6}, {"MISC", 6, 7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Chunks = %v, want %v", got, want)
	}
}

func TestCountsConlleval(t *testing.T) {
	var c Counts
	// gold: PER(0,2) LOC(3,4); pred: PER(0,1) LOC(3,4) ORG(5,6)
	c.Add(strings.Fields("B-PER I-PER O B-LOC O O"), strings.Fields("B-PER O O B-LOC O B-ORG"))
	tot := c.Total()
	if tot.Precision != 33.33 || tot.Recall != 50 || tot.F1 != 40 {
		t.Errorf("total = %+v, want P 33.33 R 50 F1 40", tot)
	}
	if c.Types()["LOC"].F1 != 100 {
		t.Errorf("LOC = %+v", c.Types()["LOC"])
	}
	if c.Accuracy() != 66.67 {
		t.Errorf("accuracy = %v", c.Accuracy())
	}
}

func TestParseCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n"
	c, err := ParseCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 2 || len(c.Docs[0].Sents) != 2 || c.Tokens != 4 {
		t.Fatalf("docs %d, sents %d, tokens %d", len(c.Docs), len(c.Docs[0].Sents), c.Tokens)
	}
	if got := c.Docs[0].Sents[0].Column(-1, true); !reflect.DeepEqual(got, []string{"B-ORG", "O"}) {
		t.Errorf("NER column = %v", got)
	}
	if got := c.Docs[0].Sents[0].Column(1, false); !reflect.DeepEqual(got, []string{"NNP", "VBZ"}) {
		t.Errorf("POS column = %v", got)
	}
	if _, err := ParseCoNLL(strings.NewReader("a B\nb\n")); err == nil {
		t.Error("ragged columns: want an error")
	}
}

// TestPerceptronLearns trains on a toy task (label = capitalised or not,
// with a transition preference) and checks it fits the data.
func TestPerceptronLearns(t *testing.T) {
	const cap, low = 1, 2
	exs := []Example{
		{Feats: [][]uint64{{cap}, {low}, {cap}}, Gold: []int{1, 0, 1}},
		{Feats: [][]uint64{{low}, {low}, {cap}}, Gold: []int{0, 0, 1}},
	}
	p := NewPerceptron(2, 8)
	for ep := 0; ep < 5; ep++ {
		for i := range exs {
			p.Update(&exs[i])
		}
	}
	for _, ex := range exs {
		if got := p.Predict(ex.Feats); !reflect.DeepEqual(got, ex.Gold) {
			t.Errorf("Predict = %v, want %v", got, ex.Gold)
		}
	}
}

func TestTagDict(t *testing.T) {
	tr := &data{
		docs: [][]tagger.Sentence{{{Words: strings.Fields("the cat the dog the ::"), POS: strings.Fields("DT NN DT NN DT NN|SYM")}}},
		gold: [][][]string{{strings.Fields("DT NN DT VB DT NN|SYM")}},
	}
	dict, other := TagDict(tr, "word", 2)
	if want := map[string]string{"the": "DT"}; !reflect.DeepEqual(dict, want) {
		t.Errorf("dict = %v, want %v", dict, want)
	}
	// Rare words were NN, VB and NN|SYM: the open classes.
	if other != "NN NN|SYM VB" {
		t.Errorf("other = %q", other)
	}
	dict, other = TagDict(tr, "pos", 1)
	if dict["NN"] != "NN VB" || other != "" {
		t.Errorf("by POS: %v, other %q", dict, other)
	}
	// Words backing off to POS tags (keys "\t"+tag).
	dict, _ = TagDict(tr, "word+pos", 2)
	if want := map[string]string{"the": "DT", "\tDT": "DT", "\tNN": "NN VB"}; !reflect.DeepEqual(dict, want) {
		t.Errorf("word+pos = %v, want %v", dict, want)
	}
}

func TestPruneRare(t *testing.T) {
	exs := []Example{
		{Feats: [][]uint64{{1, 2, 3}, {1, 2}}},
		{Feats: [][]uint64{{1, 4 + 1<<8}, {4}}}, // 4+256 and 4 share bucket 4 at 8 bits
	}
	if n := pruneRare(exs, 8, 2); n != 1 {
		t.Errorf("removed %d occurrences, want 1 (feature 3)", n)
	}
	want := [][][]uint64{{{1, 2}, {1, 2}}, {{1, 4 + 1<<8}, {4}}}
	for i, ex := range exs {
		if !reflect.DeepEqual(ex.Feats, want[i]) {
			t.Errorf("example %d: %v, want %v", i, ex.Feats, want[i])
		}
	}
}

// TestAverageSeeds: the averaged model is the mean of the members'
// averaged weights, transitions included.
func TestAverageSeeds(t *testing.T) {
	a, b := NewPerceptron(2, 2), NewPerceptron(2, 2)
	a.w[0], a.tw[1] = 2, 4
	b.w[0], b.w[3], b.tw[1] = 4, 2, 0
	dense, trans := averageSeeds([]*Perceptron{a, b})
	if dense[0] != 3 || dense[3] != 1 || dense[1] != 0 || trans[1] != 2 {
		t.Errorf("dense %v trans %v, want dense[0]=3 dense[3]=1 trans[1]=2", dense, trans)
	}
	one, _ := averageSeeds([]*Perceptron{a})
	if one[0] != 2 {
		t.Errorf("one member: dense[0] = %v, want its own weight 2", one[0])
	}
}

// TestFoldExtractors: each fold's lexicon comes from the other folds
// only, so a word seen in one document only is unknown to its own fold.
func TestFoldExtractors(t *testing.T) {
	doc := func(words string) []tagger.Sentence {
		return []tagger.Sentence{{Words: strings.Fields(words)}}
	}
	tr := &data{
		docs: [][]tagger.Sentence{doc("rare run run run"), doc("run run run"), doc("run")},
		gold: [][][]string{{strings.Fields("NN VB VB VB")}, {strings.Fields("NN NN NN")}, {strings.Fields("VB")}},
	}
	ext, err := tagger.NewExtractor("pos-2:mbt", nil)
	if err != nil {
		t.Fatal(err)
	}
	exts := foldExtractors(ext, tr, 3)
	if len(exts) != 3 {
		t.Fatalf("%d extractors", len(exts))
	}
	// Fold 0 (doc 0) sees docs 1 and 2: run NN x3, VB x1.
	if got := exts[0].Lexicon["run"]; got != "NN|VB" {
		t.Errorf("fold 0: run = %q, want NN|VB", got)
	}
	// Fold 1 (doc 1) sees docs 0 and 2: run VB x4.
	if got := exts[1].Lexicon["run"]; got != "VB" {
		t.Errorf("fold 1: run = %q, want VB", got)
	}
	if _, ok := exts[0].Lexicon["rare"]; ok {
		t.Error("fold 0 knows a word only its own document has")
	}
	if ext.Lexicon != nil {
		t.Error("foldExtractors changed the shared extractor")
	}
}

func TestPruneRows(t *testing.T) {
	dense := []float32{10, -1, 0.1, -0.1, 0, 0, 0.5, 0.3}
	if got := pruneRows(dense, 2, 0.02); got != ", 2 rows kept, 1 pruned" {
		t.Errorf("pruneRows = %q", got)
	}
	want := []float32{10, -1, 0, 0, 0, 0, 0.5, 0.3}
	if !reflect.DeepEqual(dense, want) {
		t.Errorf("dense = %v, want %v", dense, want)
	}
	if got := pruneRows(dense, 2, 0); got != "" {
		t.Errorf("frac 0: %q", got)
	}
}
