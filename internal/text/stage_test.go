package text

import (
	"context"
	"sync"
	"testing"

	"newsgraph/internal/doc"
)

func TestStage(t *testing.T) {
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		a             doc.Article
		lang          string
		tokens, sents int
	}{
		{"english", doc.Article{Text: "Rubio arrived in the U.S. capital. He met the president."}, "en", 12, 2},
		{"language given", doc.Article{Lang: "pt", Text: "Rubio arrived. He met the president."}, "pt", 8, 2},
		{"regional tag", doc.Article{Lang: "en-US", Text: "Rubio arrived."}, "en", 3, 1},
		{"bad tag", doc.Article{Lang: "english", Text: "Rubio arrived in the U.S. capital. He met the president."}, "en", 12, 2},
		{"short text, title helps", doc.Article{Title: "El secretario de Estado llega a México para una visita",
			Text: "Rubio se reunió con Sheinbaum."}, "es", 6, 1},
		{"empty", doc.Article{}, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			if err := st.Process(context.Background(), &a); err != nil {
				t.Fatal(err)
			}
			if a.Lang != tt.lang || len(a.Tokens) != tt.tokens || len(a.Sentences) != tt.sents {
				t.Errorf("lang %q, %d tokens, %d sentences; want %q, %d, %d",
					a.Lang, len(a.Tokens), len(a.Sentences), tt.lang, tt.tokens, tt.sents)
			}
			// Running again replaces, not appends.
			if err := st.Process(context.Background(), &a); err != nil || len(a.Tokens) != tt.tokens {
				t.Errorf("second run: %d tokens, err %v", len(a.Tokens), err)
			}
		})
	}
}

// TestStageConcurrent runs the stage from several goroutines at once, as
// analyze --workers does (meaningful under go test -race).
func TestStageConcurrent(t *testing.T) {
	st, _ := New()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				a := &doc.Article{Text: "Sen. Rubio met Dr. Lee in Mexico City. They talked."}
				if err := st.Process(context.Background(), a); err != nil || len(a.Sentences) != 2 {
					t.Errorf("got %d sentences, err %v", len(a.Sentences), err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
