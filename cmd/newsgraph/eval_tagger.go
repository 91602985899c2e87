package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"newsgraph/internal/ner"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/train"
)

// taggerEval is the JSON `eval ner|pos|chunk` prints.
type taggerEval struct {
	Task         string               `json:"task"`
	File         string               `json:"file"`
	Model        string               `json:"model"`
	Precision    float64              `json:"precision,omitempty"`
	Recall       float64              `json:"recall,omitempty"`
	F1           float64              `json:"f1,omitempty"`
	Accuracy     float64              `json:"accuracy"`
	PerType      map[string]train.PRF `json:"per_type,omitempty"`
	Tokens       int                  `json:"tokens"`
	TokensPerSec float64              `json:"tokens_per_sec"`
}

func evalNER(ctx context.Context, env *cmdEnv, args []string) error {
	return evalTagger(ctx, env, "ner", args)
}
func evalPOS(ctx context.Context, env *cmdEnv, args []string) error {
	return evalTagger(ctx, env, "pos", args)
}
func evalChunk(ctx context.Context, env *cmdEnv, args []string) error {
	return evalTagger(ctx, env, "chunk", args)
}

// evalTagger scores the embedded model of a task on a CoNLL file (token
// first, gold tag last for ner, POS second for pos, chunk third for chunk;
// IOB1 or IOB2; -DOCSTART- starts a document), tagging exactly as the
// pipeline does (two passes per document for NER, predicted POS for the
// chunker).
func evalTagger(_ context.Context, env *cmdEnv, task string, args []string) error {
	fs := flag.NewFlagSet("eval "+task, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Bool("json", true, "print JSON (the only format)")
	lang := fs.String("lang", "en", "model language: en or es")
	data := fs.String("data", "", "data folder (default: datadir.Find)")
	passes := fs.Int("passes", 2, "ner: 1 tags with the first pass only (faster, lower F1)")
	goldPOS := fs.Bool("gold-pos", false, "chunk: read the file's POS column instead of tagging (upper bound)")
	modelDir := fs.String("models", "", "pos/chunk: read the models from this folder (e.g. a train --out) instead of the embedded ones")
	dump := fs.String("dump", "", "write one line per token (word, gold, predicted; blank line between sentences) to this file, for error analysis")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: eval %s [--lang en|es] --json FILE", task)
	}
	path := fs.Arg(0)
	c, err := train.ReadCoNLL(path)
	if err != nil {
		return err
	}
	res, err := ner.LoadResources(*data)
	if err != nil {
		return err
	}
	var t, pos *tagger.Tagger
	switch task {
	case "ner":
		t, err = ner.LoadTagger(*lang, res)
	case "pos", "chunk":
		load := func(task string) (*tagger.Tagger, error) {
			if *modelDir != "" {
				return syntax.LoadTaggerFS(os.DirFS(*modelDir), task, *lang, res)
			}
			return syntax.LoadTagger(task, *lang, res)
		}
		t, err = load(task)
		if err == nil && task == "chunk" {
			pos, err = load("pos")
		}
	}
	if err != nil {
		return err
	}
	if *passes == 1 && t.Pass2 != nil {
		t = &tagger.Tagger{Model: t.Model, Ext: t.Ext}
	}
	col, iob := -1, true
	switch task {
	case "pos":
		col, iob = 1, false
	case "chunk":
		col = 2
	}
	// Build the inputs first so the timing covers tagging only.
	docs := make([][]tagger.Sentence, len(c.Docs))
	gold := make([][][]string, len(c.Docs))
	for i, d := range c.Docs {
		for _, s := range d.Sents {
			if col > 0 && col > len(s.Cols) {
				return fmt.Errorf("%s: no column %d for %s", path, col+1, task)
			}
			ts := tagger.Sentence{Words: s.Words}
			if *goldPOS && len(s.Cols) > 1 {
				ts.POS = s.Cols[0]
			}
			docs[i] = append(docs[i], ts)
			gold[i] = append(gold[i], s.Column(col, iob))
		}
	}
	var sc tagger.Scratch
	var counts train.Counts
	var preds [][][]string
	start := time.Now()
	for i, d := range docs {
		if pos != nil && !*goldPOS {
			labels, _ := pos.TagDoc(&sc, d)
			for k := range d {
				d[k].POS = labels[k]
			}
		}
		pred, _ := t.TagDoc(&sc, d)
		if *dump != "" {
			preds = append(preds, pred)
		}
		for k := range d {
			counts.Add(gold[i][k], pred[k])
		}
	}
	el := time.Since(start)
	if *dump != "" {
		if err := dumpTagged(*dump, docs, gold, preds); err != nil {
			return err
		}
	}
	out := taggerEval{Task: task, File: path, Model: t.Model.Meta.Name, Accuracy: counts.Accuracy(),
		Tokens: counts.Tokens, TokensPerSec: float64(int(float64(counts.Tokens) / el.Seconds()))}
	if task != "pos" {
		tot := counts.Total()
		out.Precision, out.Recall, out.F1 = tot.Precision, tot.Recall, tot.F1
		out.PerType = counts.Types()
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// dumpTagged writes word, gold and predicted label per token.
func dumpTagged(path string, docs [][]tagger.Sentence, gold, pred [][][]string) error {
	var b strings.Builder
	for i, d := range docs {
		for k, s := range d {
			for j, w := range s.Words {
				fmt.Fprintf(&b, "%s %s %s\n", w, gold[i][k][j], pred[i][k][j])
			}
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write dump: %w", err)
	}
	return nil
}
