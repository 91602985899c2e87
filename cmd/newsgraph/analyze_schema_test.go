package main

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
)

// fill sets every exported field reachable from v to a non-zero value
// (one element per slice, allocated pointers), so that marshalling shows
// every key, omitempty or not.
func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

// jsonKeys collects, for each object path ("article", "events[].source"),
// the keys found there.
func jsonKeys(v any, path string, out map[string]map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if out[path] == nil {
			out[path] = map[string]bool{}
		}
		for k, e := range x {
			out[path][k] = true
			child := k
			if path != "article" {
				child = path + "." + k
			}
			jsonKeys(e, child, out)
		}
	case []any:
		for _, e := range x {
			jsonKeys(e, path+"[]", out)
		}
	}
}

// docSections splits docs/schema.md into the text under each heading,
// keyed by every `path` the heading names.
func docSections(md string) map[string]string {
	secs := map[string]string{}
	var names []string
	var body strings.Builder
	flush := func() {
		for _, n := range names {
			secs[n] += body.String()
		}
		body.Reset()
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "#") {
			flush()
			names = names[:0]
			parts := strings.Split(line, "`")
			for i := 1; i < len(parts); i += 2 { // inside backticks
				names = append(names, parts[i])
			}
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	return secs
}

// TestSchemaDocumented fails when the JSON form of doc.Article has a key
// that docs/schema.md does not document in the table of its object.
func TestSchemaDocumented(t *testing.T) {
	md, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	var a doc.Article
	fill(reflect.ValueOf(&a).Elem(), 0)
	b, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatal(err)
	}
	keys := map[string]map[string]bool{}
	jsonKeys(generic, "article", keys)
	secs := docSections(string(md))
	var paths []string
	for p := range keys {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		sec, ok := secs[p]
		if !ok {
			t.Errorf("docs/schema.md has no section headed `%s`", p)
			continue
		}
		for k := range keys[p] {
			if !strings.Contains(sec, "| `"+k+"` |") {
				t.Errorf("docs/schema.md section `%s` does not document key %q", p, k)
			}
		}
	}
	if len(paths) < 10 {
		t.Errorf("only %d object paths found; the filler is broken", len(paths))
	}
}
