package extract

import "bytes"

// stripInert removes from a page the parts that carry no article text and
// that Readability would delete anyway: comments, <script> (except JSON-LD,
// which holds the metadata), <style> and <noscript> elements, plus <svg>
// and <template>, which hold no readable text, and the HTML5 boilerplate
// containers Readability would score away anyway: <nav>, <aside>,
// <footer>, and the form controls and frames <iframe>, <select>, <button>
// (not <form>: ASP.NET pages wrap the whole page in one), unless they hold
// a byline (see holdsByline). It works on
// bytes, before parsing, because on real news pages these make up most of
// the markup (358 KB average on the dev pages) and parsing them into nodes
// only to delete them was two thirds of the extraction time.
//
// Like an HTML tokenizer it ends a raw-text element at the first matching
// end tag, and an unterminated one runs to the end of the page, as in a
// browser; a container is removed only up to its balanced end tag, and
// kept when it has none.
func stripInert(page []byte) []byte {
	out := make([]byte, 0, len(page)/2)
	i := 0
	for {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			return append(out, page[i:]...)
		}
		j += i
		rest := page[j+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			out = append(out, page[i:j]...)
			k := bytes.Index(rest[3:], []byte("-->"))
			if k < 0 {
				return out
			}
			i = j + 1 + 3 + k + 3
			continue
		}
		name := rawTextElement(rest)
		if name == "" {
			out = append(out, page[i:j+1]...)
			i = j + 1
			continue
		}
		// Find the end of the start tag to look at its attributes.
		gt := bytes.IndexByte(rest, '>')
		if gt < 0 {
			return append(out, page[i:j]...)
		}
		if name == "script" && isJSONLD(rest[:gt]) {
			out = append(out, page[i:j+1]...)
			i = j + 1
			continue
		}
		if !rawText[name] {
			// A boilerplate container: drop it only when it is properly
			// closed (counting nested ones), else leave it to the parser.
			end := closingTag(rest[gt+1:], name)
			if end < 0 || holdsByline(rest[:gt+1+end]) {
				out = append(out, page[i:j+1]...)
				i = j + 1
				continue
			}
			out = append(out, page[i:j]...)
			i = j + 1 + gt + 1 + end
			continue
		}
		out = append(out, page[i:j]...)
		end := indexFold(rest[gt+1:], "</"+name)
		if end < 0 {
			return out
		}
		after := rest[gt+1+end:]
		close := bytes.IndexByte(after, '>')
		if close < 0 {
			return out
		}
		i = j + 1 + gt + 1 + end + close + 1
	}
}

// rawText marks the elements whose content the HTML tokenizer reads as raw
// text up to the first matching end tag; the others stripInert removes are
// ordinary containers.
var rawText = map[string]bool{"script": true, "style": true, "noscript": true}

// rawTextElement returns the name of the element whose start tag begins b
// (just after '<') if it is one stripInert removes.
func rawTextElement(b []byte) string {
	for _, name := range [...]string{"script", "style", "noscript", "svg", "template", "nav", "aside", "footer", "iframe", "select", "button"} {
		if len(b) > len(name) && hasPrefixFold(b, name) {
			switch b[len(name)] {
			case ' ', '>', '\t', '\n', '\r', '\f', '/':
				return name
			}
		}
	}
	return ""
}

func isJSONLD(tag []byte) bool {
	return indexFold(tag, "ld+json") >= 0
}

// hasPrefixFold reports whether b starts with the lower-case ASCII word s,
// ignoring case.
func hasPrefixFold(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// indexFold finds the lower-case ASCII string s in b, ignoring case.
func indexFold(b []byte, s string) int {
	first := s[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper -= 'a' - 'A'
	}
	for i := 0; i+len(s) <= len(b); {
		k := bytes.IndexByte(b[i:], first)
		if upper != first {
			if u := bytes.IndexByte(b[i:], upper); u >= 0 && (k < 0 || u < k) {
				k = u
			}
		}
		if k < 0 {
			return -1
		}
		i += k
		if i+len(s) <= len(b) && hasPrefixFold(b[i:], s) {
			return i
		}
		i++
	}
	return -1
}

// holdsByline reports markup naming an author, which Readability looks for
// anywhere in the page (bylines often sit in an <aside> or <footer>).
func holdsByline(b []byte) bool {
	return indexFold(b, "author") >= 0 || indexFold(b, "byline") >= 0
}

// closingTag returns the offset just past the end tag that closes an
// element named name whose content starts b, counting nested elements of
// the same name; -1 when it is not closed.
func closingTag(b []byte, name string) int {
	depth := 1
	for i := 0; i < len(b); {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return -1
		}
		i += k + 1
		closing := i < len(b) && b[i] == '/'
		j := i
		if closing {
			j++
		}
		if !hasPrefixFold(b[j:], name) || j+len(name) >= len(b) {
			continue
		}
		switch b[j+len(name)] {
		case ' ', '>', '\t', '\n', '\r', '\f', '/':
		default:
			continue
		}
		if !closing {
			depth++
			continue
		}
		if depth--; depth == 0 {
			gt := bytes.IndexByte(b[j:], '>')
			if gt < 0 {
				return -1
			}
			return j + gt + 1
		}
	}
	return -1
}
