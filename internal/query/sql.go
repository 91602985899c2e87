package query

import "strings"

// SQLBool renders the boolean structure of a query, the part every SQL
// backend writes alike: And and Or as parenthesised conjunctions and
// disjunctions, Not as NOT (...), each operand rendered by child (the
// backend's own compiler, which handles terms and fields). ok is false
// for any other node, which is the backend's to render.
func SQLBool(n Node, child func(Node) (string, error)) (sql string, ok bool, err error) {
	var nodes []Node
	op := " AND "
	switch v := n.(type) {
	case And:
		nodes = v.Nodes
	case Or:
		nodes, op = v.Nodes, " OR "
	case Not:
		s, err := child(v.Node)
		if err != nil {
			return "", true, err
		}
		return "NOT (" + s + ")", true, nil
	default:
		return "", false, nil
	}
	parts := make([]string, 0, len(nodes))
	for _, c := range nodes {
		s, err := child(c)
		if err != nil {
			return "", true, err
		}
		parts = append(parts, s)
	}
	return "(" + strings.Join(parts, op) + ")", true, nil
}
