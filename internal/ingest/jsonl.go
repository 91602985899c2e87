package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/extract"
)

// record is one JSONL line. Unknown fields are ignored; html is used when
// text is absent.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Title     string          `json:"title"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	Byline    string          `json:"byline"`
	Author    string          `json:"author"`
	Lang      string          `json:"lang"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
}

// jsonl reads one JSON object per line, or (first byte '[') a JSON array of
// objects. Lines longer than MaxRecord are skipped and reported without
// being held in memory.
func (s *reader) jsonl() error {
	if first, _ := s.r.Peek(1); len(first) == 1 && first[0] == '[' {
		return s.jsonArray()
	}
	max := s.opt.maxRecord()
	var buf []byte
	line := 0
	for {
		line++
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = s.r.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > max {
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		origin := fmt.Sprintf("%s:%d", s.name, line)
		if err != nil && err != io.EOF {
			return s.bad(origin, readErr(err, s.offset()))
		}
		if tooLong {
			if e := s.bad(origin, fmt.Errorf("line %w of %d bytes", ErrTooLarge, max)); e != nil {
				return e
			}
		} else if len(bytes.TrimSpace(buf)) > 0 {
			if e := s.jsonRecord(buf, origin); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func (s *reader) jsonArray() error {
	b, err := s.readAll()
	if err != nil {
		return s.bad(s.name, err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return s.bad(s.name, jsonErr(err, b))
	}
	for i, it := range items {
		if e := s.jsonRecord(it, fmt.Sprintf("%s#%d", s.name, i+1)); e != nil {
			return e
		}
	}
	return nil
}

// jsonRecord decodes one object and emits its article.
func (s *reader) jsonRecord(b []byte, origin string) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return s.bad(origin, fmt.Errorf("%w at column %d", ErrBinary, i+1))
	}
	if !s.opt.RepairUTF8 {
		if i := firstInvalid(b); i >= 0 {
			return s.bad(origin, fmt.Errorf("%w at column %d (set RepairUTF8 to replace it with U+FFFD)", ErrInvalidUTF8, i+1))
		}
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return s.bad(origin, jsonErr(err, b))
	}
	a := &doc.Article{
		ID:     rawString(rec.ID),
		URL:    strings.TrimSpace(rec.URL),
		Source: rec.Source,
		Title:  rec.Title,
		Byline: firstNonEmpty(rec.Byline, rec.Author),
		Lang:   rec.Lang,
		Origin: origin,
	}
	if t, ok := parseTime(rawString(rec.Published)); ok {
		a.Published = t
	} else if t, ok := parseTime(rawString(rec.Date)); ok {
		a.Published = t
	}
	if rec.Text != nil && strings.TrimSpace(*rec.Text) != "" {
		a.Text = *rec.Text
		return s.emit(a)
	}
	if rec.HTML == nil || strings.TrimSpace(*rec.HTML) == "" {
		return s.bad(origin, fmt.Errorf("%w: neither \"text\" nor \"html\" holds any", ErrNoText))
	}
	page := *rec.HTML
	return s.later(func() (*doc.Article, error) {
		res, err := extract.Extract([]byte(page), a.URL)
		if err != nil {
			return nil, &Error{Origin: origin, Err: err}
		}
		if strings.TrimSpace(res.Text) == "" {
			return nil, &Error{Origin: origin, Err: fmt.Errorf("%w in \"html\"", ErrNoText)}
		}
		a.Text = res.Text
		a.Title = firstNonEmpty(a.Title, res.Title)
		a.Byline = firstNonEmpty(a.Byline, res.Byline)
		a.Lang = firstNonEmpty(a.Lang, res.Lang)
		if a.Published.IsZero() {
			a.Published = res.Published
		}
		return a, nil
	})
}

// jsonErr names the column of a JSON syntax error.
func jsonErr(err error, b []byte) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at column %d: %v", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("JSON field %q: %v", te.Field, err)
	}
	return fmt.Errorf("malformed JSON: %w", err)
}

// rawString renders a JSON string or number as text ("" for null/absent).
func rawString(m json.RawMessage) string {
	m = bytes.TrimSpace(m)
	if len(m) == 0 || string(m) == "null" {
		return ""
	}
	if m[0] == '"' {
		var s string
		if json.Unmarshal(m, &s) == nil {
			return s
		}
		return ""
	}
	if _, err := strconv.ParseFloat(string(m), 64); err == nil {
		return string(m)
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}
