package extract

import (
	"fmt"
	"testing"
)

func TestZZCompare(t *testing.T) {
	pages, err := LoadDevDir("../../../shared/data/html/mozilla-readability")
	if err != nil {
		t.Skip(err)
	}
	for _, name := range []string{"go-trafilatura", "go-readability", "newsgraph"} {
		r, sc := Evaluate(Extractors()[name], pages)
		r2, _ := Evaluate(Extractors()[name], pages)
		fmt.Printf("%s %+v pps2=%.0f\n", name, r, r2.PagesPerSec)
		for _, s := range sc {
			fmt.Printf("  %-20s %.3f %.3f %.3f %v\n", s.ID, s.Precision, s.Recall, s.F1, s.Err)
		}
	}
}
