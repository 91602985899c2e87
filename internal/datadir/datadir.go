// Package datadir finds the data folder that `make setup` fills with
// third-party data (GeoNames, name lists, lexicons, word vectors) and that
// `make generate` compiles into indexes. That data is not committed (its
// licences differ from ours), so the binary loads it at run time; the
// models we train ourselves are embedded instead.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Env is the environment variable that overrides the data folder.
const Env = "NEWSGRAPH_DATA"

// Find returns the data folder: $NEWSGRAPH_DATA, else ./data, else data/
// next to the executable. It returns an error naming every place it looked.
func Find() (string, error) {
	var tried []string
	if d := os.Getenv(Env); d != "" {
		if isDir(d) {
			return d, nil
		}
		return "", fmt.Errorf("data folder %s=%q does not exist; run `make setup`", Env, d)
	}
	tried = append(tried, "./data")
	if isDir("data") {
		return "data", nil
	}
	if exe, err := os.Executable(); err == nil {
		for _, d := range []string{
			filepath.Join(filepath.Dir(exe), "data"),
			filepath.Join(filepath.Dir(exe), "..", "data"),
		} {
			tried = append(tried, d)
			if isDir(d) {
				return d, nil
			}
		}
	}
	return "", fmt.Errorf("no data folder (looked in %v; set %s or run `make setup`)", tried, Env)
}

// Path returns the path of name inside the data folder, or an error if the
// folder or the file is missing.
func Path(name string) (string, error) {
	d, err := Find()
	if err != nil {
		return "", err
	}
	p := filepath.Join(d, name)
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("%s missing from data folder %s; run `make setup`", name, d)
		}
		return "", err
	}
	return p, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
