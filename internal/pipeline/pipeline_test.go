package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"newsgraph/internal/doc"
)

func stage(name string, needs, gives []Layer, fn func(*doc.Article) error) Stage {
	return Func{StageName: name, Needs: needs, Gives: gives,
		Fn: func(_ context.Context, a *doc.Article) error { return fn(a) }}
}

func TestNewChecksRequirements(t *testing.T) {
	nop := func(*doc.Article) error { return nil }
	tests := []struct {
		name    string
		stages  []Stage
		wantErr string
	}{
		{"empty", nil, ""},
		{"text only", []Stage{stage("tok", []Layer{Text}, []Layer{Tokens}, nop)}, ""},
		{"chain", []Stage{
			stage("tok", nil, []Layer{Tokens}, nop),
			stage("ner", []Layer{Tokens}, []Layer{Entities}, nop),
		}, ""},
		{"out of order", []Stage{
			stage("ner", []Layer{Tokens}, []Layer{Entities}, nop),
			stage("tok", nil, []Layer{Tokens}, nop),
		}, `stage "ner" requires tokens`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.stages...)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("New: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("New: err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestProcessRunsInOrderAndWrapsErrors(t *testing.T) {
	var order []string
	boom := errors.New("boom")
	p, err := New(
		stage("a", nil, nil, func(*doc.Article) error { order = append(order, "a"); return nil }),
		stage("b", nil, nil, func(*doc.Article) error { order = append(order, "b"); return boom }),
		stage("c", nil, nil, func(*doc.Article) error { order = append(order, "c"); return nil }),
	)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Process(context.Background(), &doc.Article{ID: "x", Origin: "f.txt"})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := strings.Join(order, ","); got != "a,b" {
		t.Fatalf("order = %s, want a,b", got)
	}
	if !strings.Contains(err.Error(), "f.txt: stage b") {
		t.Fatalf("error %q does not name origin and stage", err)
	}
}
