package store

import (
	"fmt"
	"strings"
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
