package tone

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

const vaderPath = "../../../shared/data/lexicons/vader_lexicon.txt"

func analyse(t testing.TB, s *Stage, txt string) *doc.Article {
	t.Helper()
	a := &doc.Article{Text: txt}
	ts, err := text.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// tiny is a VADER-format lexicon for tests that must not depend on data.
const tiny = "good\t1.9\t0.9\t[]\nbad\t-2.5\t0.6\t[]\nweak\t-0.3\t0.5\t[]\ncrisis\t-3.1\t0.5\t[]\n"

func TestCounts(t *testing.T) {
	s, err := FromReader(strings.NewReader(tiny), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text          string
		words         int
		pos, neg      float64
		self, sentTwo float64
	}{
		// 4 words, one positive: 25% positive.
		{"The talks were good.", 4, 25, 0, 0, 0},
		// negation flips: "not good" is negative, "n't bad" positive.
		{"It was not good. It was n't bad.", 8, 12.5, 12.5, 0, 25},
		{"It wasn't bad at all.", 6, 100.0 / 6, 0, 0, 0},
		// weak valence (|v| < 0.5) does not count.
		{"A weak result.", 3, 0, 0, 0, 0},
		// self/group reference.
		{"We said our crisis is bad.", 6, 0, 100.0 / 3, 100.0 / 3, 0},
		// Spanish from the embedded list, with "no" negating.
		{"La violencia no es buena.", 5, 0, 40, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a := analyse(t, s, tt.text)
			tn := a.Tone
			if tn.WordCount != tt.words || !near(tn.Positive, tt.pos) || !near(tn.Negative, tt.neg) || !near(tn.SelfGroupDensity, tt.self) {
				t.Errorf("got %+v, want words %d pos %.2f neg %.2f self %.2f", *tn, tt.words, tt.pos, tt.neg, tt.self)
			}
			if !near(tn.Tone, tn.Positive-tn.Negative) || !near(tn.Polarity, tn.Positive+tn.Negative) {
				t.Errorf("tone/polarity inconsistent: %+v", *tn)
			}
			if len(tn.Sentences) != len(a.Sentences) {
				t.Fatalf("%d sentence tones for %d sentences", len(tn.Sentences), len(a.Sentences))
			}
			if len(tn.Sentences) == 2 && !near(tn.Sentences[1], tt.sentTwo) {
				t.Errorf("second sentence tone %v, want %v", tn.Sentences[1], tt.sentTwo)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.01 }

func TestEmpty(t *testing.T) {
	s, _ := FromReader(strings.NewReader(tiny), "tiny")
	a := analyse(t, s, "")
	if a.Tone == nil || a.Tone.WordCount != 0 || a.Tone.Tone != 0 {
		t.Errorf("empty article: %+v", a.Tone)
	}
}

func TestBadLexicon(t *testing.T) {
	if _, err := FromReader(strings.NewReader("word\tnotanumber\n"), "bad"); err == nil {
		t.Error("no error on a bad valence")
	}
}

func TestRubioExample(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip(err)
	}
	s, err := Load(vaderPath)
	if err != nil {
		t.Skip(err)
	}
	a := analyse(t, s, string(b))
	tn := a.Tone
	t.Logf("tone %+v", *tn)
	// Negative-to-mixed: both positive and negative words, tone at most
	// mildly positive.
	if tn.Positive == 0 || tn.Negative == 0 || tn.Tone > 1 || tn.WordCount < 300 {
		t.Errorf("tone %+v", *tn)
	}
}

func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		b.Skip(err)
	}
	s, err := Load(vaderPath)
	if err != nil {
		b.Skip(err)
	}
	a := analyse(b, s, string(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = s.Process(context.Background(), a)
	}
}
