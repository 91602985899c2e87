package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// evaluators maps `newsgraph eval KIND` to its implementation. Each prints
// one JSON object of figures on stdout.
func evaluators() map[string]func(ctx context.Context, env *cmdEnv, args []string) error {
	return map[string]func(ctx context.Context, env *cmdEnv, args []string) error{
		// "extract": evalExtract, "ner": evalNER, "geo": evalGeo, ... are added by their files.
		"geo": evalGeo,
		"ner": evalNER, "pos": evalPOS, "chunk": evalChunk,
		"themes":  evalThemes,
		"extract": evalExtract,

		"events":     evalEvents,
		"eventmerge": evalEventMerge,
	}
}

func runEval(ctx context.Context, env *cmdEnv, args []string) error {
	ev := evaluators()
	var kinds []string
	for k := range ev {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(args) == 0 {
		return fmt.Errorf("which evaluation? one of: %s", strings.Join(kinds, ", "))
	}
	f, ok := ev[args[0]]
	if !ok {
		return fmt.Errorf("unknown evaluation %q; one of: %s", args[0], strings.Join(kinds, ", "))
	}
	return f(ctx, env, args[1:])
}
