// Package syntax is the POS-tagging and chunking stage: the embedded
// perceptron taggers of internal/tagger, trained on the POS and chunk
// columns of CoNLL-2003 (Penn Treebank tags; BIO chunks such as B-NP,
// I-VP). The chunker reads the predicted POS tags, as it was evaluated.
package syntax

import (
	"context"
	"fmt"
	"io/fs"

	"newsgraph/assets/models"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/tagger"
)

// LoadTagger loads the embedded model of a task ("pos" or "chunk") for a
// language, falling back to English when the language has none.
func LoadTagger(task, lang string, res *tagger.Resources) (*tagger.Tagger, error) {
	t, err := LoadTaggerFS(models.FS, task, lang, res)
	if err != nil && lang != "en" {
		return LoadTaggerFS(models.FS, task, "en", res)
	}
	return t, err
}

// LoadTaggerFS loads task-lang.model.gz from fsys; a second-pass model
// (POS "stack" family) comes with its first pass, task-lang.pass1.model.gz,
// and the returned tagger runs both.
func LoadTaggerFS(fsys fs.FS, task, lang string, res *tagger.Resources) (*tagger.Tagger, error) {
	t, err := loadTagger(fsys, task+"-"+lang+".model.gz", res)
	if err != nil || !t.Ext.IsSecondPass() {
		return t, err
	}
	t1, err := loadTagger(fsys, task+"-"+lang+".pass1.model.gz", res)
	if err != nil {
		return nil, err
	}
	t1.Pass2 = t
	return t1, nil
}

// loadTagger loads one model file of fsys into a tagger.
func loadTagger(fsys fs.FS, name string, res *tagger.Resources) (*tagger.Tagger, error) {
	m, err := tagger.Load(fsys, name)
	if err != nil {
		return nil, err
	}
	return tagger.NewTagger(m, res)
}

// Stage assigns Token.POS and Token.Chunk.
type Stage struct {
	pos, chunk map[string]*tagger.Tagger // by language; "" = default
}

var _ pipeline.Stage = (*Stage)(nil)

// Load builds the stage from the embedded models; res are the word
// clusters the features read (tagger.LoadResources).
func Load(res *tagger.Resources) (*Stage, error) {
	s := &Stage{pos: map[string]*tagger.Tagger{}, chunk: map[string]*tagger.Tagger{}}
	for _, task := range []string{"pos", "chunk"} {
		t, err := LoadTagger(task, "en", res)
		if err != nil {
			return nil, fmt.Errorf("syntax: %w", err)
		}
		if task == "pos" {
			s.pos[""] = t
		} else {
			s.chunk[""] = t
		}
	}
	return s, nil
}

func (s *Stage) Name() string               { return "syntax" }
func (s *Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }
func (s *Stage) Assigns() []pipeline.Layer {
	return []pipeline.Layer{pipeline.POS, pipeline.Chunks}
}

// Process tags every sentence of the article. Safe for concurrent use.
func (s *Stage) Process(ctx context.Context, a *doc.Article) error {
	if len(a.Tokens) == 0 {
		return nil
	}
	sents, spans := Sentences(a)
	var sc tagger.Scratch
	pos, _ := pick(s.pos, a.Lang).TagDoc(&sc, sents)
	for i := range sents {
		sents[i].POS = pos[i]
	}
	chunks, _ := pick(s.chunk, a.Lang).TagDoc(&sc, sents)
	for i, sp := range spans {
		for k := sp[0]; k < sp[1]; k++ {
			a.Tokens[k].POS = pos[i][k-sp[0]]
			a.Tokens[k].Chunk = chunks[i][k-sp[0]]
		}
	}
	return ctx.Err()
}

func pick(m map[string]*tagger.Tagger, lang string) *tagger.Tagger {
	if t, ok := m[lang]; ok {
		return t
	}
	return m[""]
}

// Sentences returns the article's sentences as tagger input (normalised
// words, POS when assigned) and each one's token range [start, end). An
// article without sentences is one sentence; sentences longer than 250
// tokens are cut (Viterbi is linear, but a run-on "sentence" is usually
// a list or a table).
func Sentences(a *doc.Article) ([]tagger.Sentence, [][2]int) {
	var spans [][2]int
	for _, s := range a.Sentences {
		if s.EndToken > s.FirstToken && s.FirstToken >= 0 && s.EndToken <= len(a.Tokens) {
			spans = append(spans, [2]int{s.FirstToken, s.EndToken})
		}
	}
	if len(spans) == 0 {
		spans = [][2]int{{0, len(a.Tokens)}}
	}
	var cut [][2]int
	for _, sp := range spans {
		for st := sp[0]; st < sp[1]; st += 250 {
			cut = append(cut, [2]int{st, min(st+250, sp[1])})
		}
	}
	sents := make([]tagger.Sentence, len(cut))
	for i, sp := range cut {
		ws := make([]string, 0, sp[1]-sp[0])
		var ps []string
		for k := sp[0]; k < sp[1]; k++ {
			t := a.Tokens[k]
			if t.Start < 0 || t.End > len(a.Text) || t.Start > t.End {
				ws = append(ws, "")
			} else {
				ws = append(ws, tagger.Normalize(a.Text[t.Start:t.End]))
			}
			if t.POS != "" {
				ps = append(ps, t.POS)
			}
		}
		sents[i] = tagger.Sentence{Words: ws}
		if len(ps) == len(ws) {
			sents[i].POS = ps
		}
	}
	return sents, cut
}
