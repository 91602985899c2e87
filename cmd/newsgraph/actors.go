package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"newsgraph/internal/datadir"
	"newsgraph/internal/event"
)

// runActors is `newsgraph actors add NAME CODE [--from DATE] [--until DATE]
// [--alias NAME]... [--file F]` and `newsgraph actors list [--file F]`: the
// user's own actors, in the Phoenix dictionary format, read by the event
// stage on top of the dictionaries (they win over them).
func runActors(_ context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: newsgraph actors add NAME CODE [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--alias NAME] | actors list")
	}
	switch args[0] {
	case "add":
		return actorsAdd(env, args[1:])
	case "list":
		return actorsList(env, args[1:])
	}
	return fmt.Errorf("unknown actors subcommand %q (add, list)", args[0])
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

var actorCode = regexp.MustCompile(`^[A-Z]{3}([A-Z]{3})*$`)

// userActorsPath is --file, else the data folder's actors.user.txt.
func userActorsPath(file string) (string, error) {
	if file != "" {
		return file, nil
	}
	d, err := datadir.Find()
	if err != nil {
		return "", fmt.Errorf("%w (or give --file)", err)
	}
	return filepath.Join(d, event.UserActorsFile), nil
}

func actorsAdd(env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("actors add", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("file", "", "actor `FILE` (default: DATA/actors.user.txt)")
	from := fs.String("from", "", "code valid from `DATE` (YYYY-MM-DD)")
	until := fs.String("until", "", "code valid until `DATE` (YYYY-MM-DD)")
	var aliases multiFlag
	fs.Var(&aliases, "alias", "another `NAME` for the actor (repeatable)")
	// allow flags after the positional arguments
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) != 2 {
		return fmt.Errorf("usage: newsgraph actors add NAME CODE [--from DATE] [--until DATE] [--alias NAME]")
	}
	name, code := pos[0], strings.ToUpper(pos[1])
	if !actorCode.MatchString(code) {
		return fmt.Errorf("actor code %q: want CAMEO letters in groups of three, e.g. MEXGOV", code)
	}
	dates := ""
	parse := func(s string) (string, error) {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return "", fmt.Errorf("date %q: want YYYY-MM-DD", s)
		}
		return t.Format("20060102"), nil
	}
	switch {
	case *from != "" && *until != "":
		a, err := parse(*from)
		if err != nil {
			return err
		}
		b, err := parse(*until)
		if err != nil {
			return err
		}
		dates = " " + a + "-" + b
	case *from != "":
		a, err := parse(*from)
		if err != nil {
			return err
		}
		dates = " >" + a
	case *until != "":
		b, err := parse(*until)
		if err != nil {
			return err
		}
		dates = " <" + b
	}
	path, err := userActorsPath(*file)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	entry := phoenixName(name) + "\n"
	for _, a := range aliases {
		entry += "+" + phoenixName(a) + "\n"
	}
	entry += "\t[" + code + dates + "]  # added " + time.Now().UTC().Format("2006-01-02") + "\n"
	if _, err := f.WriteString(entry); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added %s [%s%s] to %s\n", name, code, dates, path)
	return nil
}

// phoenixName writes a name as the dictionaries do: upper case, words
// joined by '_', a final '_' for whole-word matching.
func phoenixName(s string) string {
	return strings.Join(strings.Fields(strings.ToUpper(s)), "_") + "_"
}

func actorsList(env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("actors list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("file", "", "actor `FILE` (default: DATA/actors.user.txt)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := userActorsPath(*file)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		fmt.Fprintf(env.stdout, "no user actors yet (%s)\n", path)
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
		case strings.HasPrefix(t, "+"):
			name += ", " + strings.ReplaceAll(strings.Trim(t[1:], "_"), "_", " ")
		case strings.HasPrefix(t, "["):
			code := t[:strings.Index(t, "]")+1]
			fmt.Fprintf(env.stdout, "%s\t%s\n", name, code)
		default:
			name = strings.ReplaceAll(strings.Trim(t, "_"), "_", " ")
		}
	}
	return sc.Err()
}
