// Package train fits the taggers of internal/tagger (averaged structured
// perceptron), reads CoNLL files and scores predictions the way conlleval
// does. Serving code never imports it.
package train

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one CoNLL sentence: the token column and the other columns.
type Sentence struct {
	Words []string
	Cols  [][]string // Cols[c][i]: column c+1 of token i
}

// Doc is a -DOCSTART- document (the whole file when there are none).
type Doc struct {
	Sents []Sentence
}

// Corpus is a CoNLL file.
type Corpus struct {
	Path   string
	Docs   []Doc
	Digest string // SHA-256 prefix of the file
	Tokens int
}

// ReadCoNLL reads a CoNLL file: one token a line, space- or tab-separated
// columns with the token first, blank lines between sentences and
// -DOCSTART- lines starting documents.
func ReadCoNLL(path string) (*Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read conll: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	c, err := ParseCoNLL(io.TeeReader(f, h))
	if err != nil {
		return nil, fmt.Errorf("read conll %s: %w", path, err)
	}
	c.Path = path
	c.Digest = hex.EncodeToString(h.Sum(nil))[:16]
	return c, nil
}

// ParseCoNLL parses CoNLL text.
func ParseCoNLL(r io.Reader) (*Corpus, error) {
	c := &Corpus{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var doc Doc
	var sent Sentence
	ncol := -1
	flushSent := func() {
		if len(sent.Words) > 0 {
			doc.Sents = append(doc.Sents, sent)
			c.Tokens += len(sent.Words)
		}
		sent = Sentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(doc.Sents) > 0 {
			c.Docs = append(c.Docs, doc)
		}
		doc = Doc{}
	}
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flushSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flushDoc()
			continue
		}
		if ncol < 0 {
			ncol = len(fields)
		}
		if len(fields) != ncol {
			return nil, fmt.Errorf("line %d: %d columns, want %d", line, len(fields), ncol)
		}
		if sent.Cols == nil {
			sent.Cols = make([][]string, ncol-1)
		}
		sent.Words = append(sent.Words, fields[0])
		for k := 1; k < ncol; k++ {
			sent.Cols[k-1] = append(sent.Cols[k-1], fields[k])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flushDoc()
	if ncol < 2 {
		return nil, fmt.Errorf("no tagged tokens")
	}
	return c, nil
}

// Column returns column k (1-based after the token; -1 = last) of every
// sentence, converted to IOB2 when iob is set.
func (s Sentence) Column(k int, iob bool) []string {
	if k < 0 {
		k = len(s.Cols) + k
	} else {
		k--
	}
	col := s.Cols[k]
	if iob {
		return ToIOB2(col)
	}
	return col
}

// ToIOB2 converts IOB1 tags (I- starts an entity unless it continues one
// of the same type; B- only between adjacent entities) to IOB2 (every
// entity starts with B-). IOB2 input comes out unchanged.
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") {
			typ := t[2:]
			if prev == "O" || prev[2:] != typ {
				t = "B-" + typ
			}
		}
		out[i] = t
		prev = t
	}
	return out
}
