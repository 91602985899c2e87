package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// text reads the whole input as one article. The first line is the title
// when a blank line follows it and it is short enough to be a headline.
func (s *reader) text() error {
	b, err := s.readAll()
	if err != nil {
		return s.bad(s.name, err)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return s.bad(fmt.Sprintf("%s@%d", s.name, i), ErrBinary)
	}
	str, err := s.checkUTF8(b)
	if err != nil {
		return s.bad(s.name, err)
	}
	a := &doc.Article{Origin: s.name, URL: s.opt.URL}
	a.Title, a.Text = splitTitle(str)
	if strings.TrimSpace(a.Text) == "" {
		return s.bad(s.name, ErrNoText)
	}
	return s.emit(a)
}

// splitTitle takes the first line as title when a blank line follows it.
func splitTitle(s string) (title, body string) {
	s = strings.TrimLeft(strings.TrimPrefix(s, "\ufeff"), " \t\r\n")
	nl := strings.IndexByte(s, '\n')
	if nl < 0 || nl > 300 {
		return "", s
	}
	rest := s[nl+1:]
	rest2 := strings.TrimLeft(rest, " \t\r")
	if !strings.HasPrefix(rest2, "\n") {
		return "", s
	}
	return strings.TrimSpace(s[:nl]), rest2
}

// checkUTF8 returns b as a string, repairing or rejecting invalid UTF-8 as
// the options say; the error names the first bad byte.
func (s *reader) checkUTF8(b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	if s.opt.RepairUTF8 {
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return "", fmt.Errorf("%w at byte %d (set RepairUTF8 to replace it with U+FFFD)", ErrInvalidUTF8, firstInvalid(b))
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
