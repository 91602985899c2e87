package datadir

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// ReadTable calls fn for every row of the tab-separated table at path
// (such as geo/countries.tsv), whose first line names the columns. fn reads
// the row's fields by column name: "" for a column the table lacks or the
// row is too short for. The header must name every column in need. Reading
// by name, not position, lets the tables gain columns without breaking their
// readers.
func ReadTable(path string, need []string, fn func(col func(name string) string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err // *PathError names the file
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var header map[string]int
	var fields []string
	col := func(name string) string {
		if i, ok := header[name]; ok && i < len(fields) {
			return fields[i]
		}
		return ""
	}
	for line := 1; sc.Scan(); line++ {
		fields = strings.Split(sc.Text(), "\t")
		if header == nil {
			header = make(map[string]int, len(fields))
			for i, h := range fields {
				header[h] = i
			}
			for _, n := range need {
				if _, ok := header[n]; !ok {
					return fmt.Errorf("%s: no %s column in the header", path, n)
				}
			}
			continue
		}
		if err := fn(col); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
