package text

import (
	"context"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// Stage is the pipeline's first step: it sets Article.Lang (unless the
// input already named it) and fills Tokens and Sentences. It holds no
// state, so concurrent Process calls are safe.
type Stage struct{}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the text stage. It cannot fail; the error is there so every
// stage constructor has the same shape.
func New() (*Stage, error) { return &Stage{}, nil }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "text" }

// Requires implements pipeline.Stage: only the raw text.
func (*Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Text} }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Lang, pipeline.Tokens}
}

// primaryTag reduces a language tag given by the input (a feed's
// "en-US", a page's "pt_BR") to the ISO 639-1 code Article.Lang holds.
// Anything that is not a two-letter primary subtag is dropped, so the
// stage identifies the language itself.
func primaryTag(tag string) string {
	if tag == "" {
		return ""
	}
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || !isASCIIAlnum(tag[0]) || !isASCIIAlnum(tag[1]) {
		return ""
	}
	return strings.ToLower(tag)
}

// shortText is the length under which the title joins the text as
// evidence for the language.
const shortText = 400

// Process tokenizes, splits and identifies the language of a.Text,
// replacing any earlier tokens and sentences. A language the input named
// is kept, reduced to its ISO 639-1 code.
func (*Stage) Process(_ context.Context, a *doc.Article) error {
	if cap(a.Tokens) == 0 {
		a.Tokens = make([]doc.Token, 0, tokensFor(a.Text))
	}
	a.Tokens = AppendTokens(a.Tokens[:0], a.Text)
	if cap(a.Sentences) == 0 {
		a.Sentences = make([]doc.Sentence, 0, len(a.Tokens)/16+1)
	}
	a.Sentences = AppendSentences(a.Sentences[:0], a.Text, a.Tokens)
	a.Lang = primaryTag(a.Lang)
	if a.Lang == "" {
		if len(a.Text) < shortText && a.Title != "" {
			// A feed item's one-line summary says little alone; its
			// headline is more evidence in the same language.
			a.Lang = Language(a.Title + "\n\n" + a.Text)
		} else {
			a.Lang = Language(a.Text)
		}
	}
	return nil
}
