package datadir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadTable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.tsv", "iso2\tname\tcapital\nMX\tMexico\tMexico City\nEC\tEcuador\nUS\tUnited States\tWashington\n")
	var got []string
	err := ReadTable(good, []string{"iso2", "capital"}, func(col func(string) string) error {
		got = append(got, col("iso2")+"="+col("capital")+col("missing"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "MX=Mexico City EC= US=Washington"; strings.Join(got, " ") != want {
		t.Errorf("rows = %q, want %q (a short row reads \"\")", strings.Join(got, " "), want)
	}

	if err := ReadTable(good, []string{"iso3"}, func(func(string) string) error { return nil }); err == nil || !strings.Contains(err.Error(), "iso3") {
		t.Errorf("missing column: err = %v, want one naming iso3", err)
	}
	stop := errors.New("stop")
	err = ReadTable(good, nil, func(func(string) string) error { return stop })
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "good.tsv:2") {
		t.Errorf("fn error = %v, want it wrapped with file:line", err)
	}
	if err := ReadTable(filepath.Join(dir, "absent.tsv"), nil, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: err = %v", err)
	}
	empty := write("empty.tsv", "")
	if err := ReadTable(empty, []string{"iso2"}, nil); err != nil {
		t.Errorf("empty file: %v, want no rows and no error", err)
	}
}
