package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FragmentText renders an HTML fragment (a feed item's content, a
// description) as plain text without boilerplate removal: block elements
// become paragraphs separated by "\n\n", <br> a line break, white space is
// collapsed, scripts and styles are dropped. Text that holds no markup is
// returned with its entities decoded and white space tidied.
func FragmentText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return tidy(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return tidy(fragment)
	}
	var w textWriter
	for _, n := range nodes {
		w.node(n)
	}
	return w.String()
}

func tidy(s string) string {
	var w textWriter
	w.text(s)
	return w.String()
}

// textWriter accumulates rendered text: runs of white space collapse to one
// space, paragraph breaks to one "\n\n", and nothing dangles at either end.
type textWriter struct {
	b     strings.Builder
	space bool // a space is pending
	brk   int  // pending line breaks (1: "\n", 2: "\n\n")
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u200b':
			w.space = true
			continue
		}
		if w.b.Len() > 0 {
			switch {
			case w.brk >= 2:
				w.b.WriteString("\n\n")
			case w.brk == 1:
				w.b.WriteByte('\n')
			case w.space:
				w.b.WriteByte(' ')
			}
		}
		w.brk, w.space = 0, false
		w.b.WriteRune(r)
	}
}

func (w *textWriter) lineBreak() { w.brk = max(w.brk, 1) }
func (w *textWriter) paragraph() { w.brk = 2 }
func (w *textWriter) String() string {
	return w.b.String()
}

// node renders n and its subtree.
func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Head, atom.Object, atom.Embed, atom.Select, atom.Button:
			return
		case atom.Br:
			w.lineBreak()
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		w.paragraph()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.paragraph()
	}
}

// isBlock reports elements that start a new paragraph of text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Nav, atom.Main,
		atom.Figure, atom.Figcaption, atom.Hr, atom.Address, atom.Form, atom.Fieldset,
		atom.Details, atom.Summary, atom.Center, atom.Body, atom.Html:
		return true
	}
	return false
}
