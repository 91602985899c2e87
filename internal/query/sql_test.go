package query

import (
	"errors"
	"testing"
)

func TestSQLBool(t *testing.T) {
	leaf := func(n Node) (string, error) {
		if f, ok := n.(Field); ok && f.Name == "bad" {
			return "", errors.New("bad field")
		}
		return "[" + n.String() + "]", nil
	}
	var child func(Node) (string, error)
	child = func(n Node) (string, error) {
		if s, ok, err := SQLBool(n, child); ok {
			return s, err
		}
		return leaf(n)
	}
	tests := []struct {
		q, want string
		err     bool
	}{
		{"a", "[a]", false},
		{"a b", "([a] AND [b])", false},
		{"a OR b", "([a] OR [b])", false},
		{"NOT a", "NOT ([a])", false},
		{"(a OR b) NOT c", "(([a] OR [b]) AND NOT ([c]))", false},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			n, err := Parse(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := child(n)
			if (err != nil) != tt.err || got != tt.want {
				t.Fatalf("SQLBool(%q) = %q, %v; want %q", tt.q, got, err, tt.want)
			}
		})
	}
	if _, ok, _ := SQLBool(Term{Text: "x"}, leaf); ok {
		t.Error("a term is not boolean structure")
	}
	_, ok, err := SQLBool(And{Nodes: []Node{Term{Text: "a"}, Field{Name: "bad"}}}, leaf)
	if !ok || err == nil {
		t.Errorf("error of an operand not passed on: ok %v err %v", ok, err)
	}
}
