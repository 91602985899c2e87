package store

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
)

// EntityID is the cross-article identity of an entity: its type and
// normalised name, e.g. "per-marco-rubio". Safe in URL paths.
func EntityID(typ, name string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(typ))
	dash := true
	b.WriteByte('-')
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// Prepare checks an article before storing and fills what a store needs
// from the contract's defaults: ID (dedup.Hash of the text when empty),
// Hash and SimHash. It does not change annotations.
func Prepare(a *doc.Article) error {
	if a == nil {
		return fmt.Errorf("%w: nil article", ErrInvalid)
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
		return fmt.Errorf("%w: article %q (%s) has no text", ErrInvalid, a.ID, a.Origin)
	}
	if a.Hash == "" {
		a.Hash = dedup.Hash(a.Text)
	}
	if a.ID == "" {
		a.ID = a.Hash
	}
	if len(a.ID) > 512 {
		return fmt.Errorf("%w: article id longer than 512 bytes", ErrInvalid)
	}
	if _, ok := dedup.ParseSimHash(a.SimHash); !ok {
		a.SimHash = dedup.FormatSimHash(dedup.SimHash(a.Text))
	}
	return nil
}

// Page clamps a limit and offset to the store's bounds.
func Page(limit, offset, def int) (int, int) {
	if limit <= 0 {
		limit = def
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// NewEventRecord is the record of a's event idx as both stores return it:
// the event, its place and its sentence. a is a stored article read back
// with its text; false when it has no such event.
func NewEventRecord(a *doc.Article, idx int, articleID string, published time.Time) (EventRecord, bool) {
	if idx < 0 || idx >= len(a.Events) {
		return EventRecord{}, false
	}
	rec := EventRecord{Event: a.Events[idx], ArticleID: articleID, Published: published}
	if l := rec.Location; l > 0 && l <= len(a.Places) {
		p := a.Places[l-1]
		rec.Place = &p
	}
	if si := rec.Sentence; si >= 0 && si < len(a.Sentences) {
		if sp := a.Sentences[si].Span; sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(a.Text) {
			rec.SentenceText, rec.SentenceSpan = a.Text[sp.Start:sp.End], sp
		}
	}
	return rec, true
}
