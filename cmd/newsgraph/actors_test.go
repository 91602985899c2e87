package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/cameo"
)

func TestActorsAddList(t *testing.T) {
	file := filepath.Join(t.TempDir(), "actors.user.txt")
	var out, errb bytes.Buffer
	env := &cmdEnv{stdout: &out, stderr: &errb}
	if err := runActors(context.Background(), env, []string{"add", "Claudia Sheinbaum", "MEXGOV", "--from", "2024-10-01",
		"--alias", "President Sheinbaum", "--file", file}); err != nil {
		t.Fatal(err)
	}
	if err := runActors(context.Background(), env, []string{"add", "Nobody", "mexgov1", "--file", file}); err == nil {
		t.Error("bad code accepted")
	}
	out.Reset()
	if err := runActors(context.Background(), env, []string{"list", "--file", file}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "CLAUDIA SHEINBAUM, PRESIDENT SHEINBAUM\t[MEXGOV >20241001]") {
		t.Errorf("list = %q", out.String())
	}
	// the file reads back as a dictionary with the dated code
	b, _ := os.ReadFile(file)
	var a cameo.Actors
	if err := a.Read(bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	e, n := a.Longest([]string{"PRESIDENT", "SHEINBAUM"})
	if n != 2 || e.CodeAt(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) != "MEXGOV" ||
		e.CodeAt(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) != "" {
		t.Errorf("read back: %v %d", e, n)
	}
}
