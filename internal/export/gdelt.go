package export

import (
	"bufio"
	"io"

	"newsgraph/internal/doc"
	"newsgraph/internal/gdelt"
)

// gdeltWriter streams GDELT 2.0 tables through package gdelt: one Events
// row per coded event, one Mentions row per event mention, one GKG 2.1
// record per article (numbered across the whole export, so GKGRECORDIDs
// stay unique).
type gdeltWriter struct {
	format string
	w      *gdelt.Writer
	bw     *bufio.Writer
	n      int
}

func newGDELT(format string, w io.Writer, opt gdelt.Options) (Writer, error) {
	return &gdeltWriter{format: format, w: gdelt.New(opt), bw: bufio.NewWriterSize(w, 64<<10)}, nil
}

func (g *gdeltWriter) Write(a *doc.Article) error {
	switch g.format {
	case "gdelt-events":
		return g.w.Events(g.bw, a)
	case "gdelt-mentions":
		return g.w.Mentions(g.bw, a)
	}
	row := g.w.GKGRow(a, g.n)
	g.n++
	for i, f := range row {
		if i > 0 {
			g.bw.WriteByte('\t')
		}
		g.bw.WriteString(f)
	}
	return g.bw.WriteByte('\n')
}

func (g *gdeltWriter) Close() error { return g.bw.Flush() }
