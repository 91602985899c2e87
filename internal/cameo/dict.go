package cameo

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dict is everything the event coder reads: verbs, actors, agents,
// discards and the code tables. It is read-only after Load.
type Dict struct {
	Verbs    *Verbs
	Actors   *Actors
	Agents   *Agents
	Discards *Discards
	Tables   *Tables
	// Files lists the dictionary files read, for provenance.
	Files []string
}

// Load reads the dictionaries of dir. The verb dictionary is the file named
// CAMEO*.txt or *verbs*.txt; actors are *actors*.txt, agents *agents*.txt,
// discards *discards*.txt (PETRARCH2's and PETR.Validate's naming). The
// code tables are read from the sibling folders gdelt-lookups and plover
// of dir when present, else from tablesDir (may be "").
func Load(dir, tablesDir string) (*Dict, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("load CAMEO dictionaries: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	d := &Dict{Actors: &Actors{}, Agents: &Agents{}, Discards: &Discards{}}
	for _, n := range names {
		low := strings.ToLower(n)
		p := filepath.Join(dir, n)
		switch {
		case strings.HasSuffix(low, ".txt") && (strings.HasPrefix(low, "cameo.") || strings.Contains(low, "verbs")):
			if d.Verbs != nil {
				continue
			}
			v, err := LoadVerbs(p)
			if err != nil {
				return nil, err
			}
			d.Verbs = v
		case strings.Contains(low, "actors") && strings.HasSuffix(low, ".txt"):
			if err := d.Actors.AddFile(p); err != nil {
				return nil, err
			}
		case strings.Contains(low, "agents") && strings.HasSuffix(low, ".txt"):
			if err := d.Agents.AddFile(p); err != nil {
				return nil, err
			}
		case strings.Contains(low, "discards") && strings.HasSuffix(low, ".txt"):
			if err := d.Discards.AddFile(p); err != nil {
				return nil, err
			}
		default:
			continue
		}
		d.Files = append(d.Files, p)
	}
	if d.Verbs == nil {
		return nil, fmt.Errorf("load CAMEO dictionaries: no verb dictionary (CAMEO*.txt or *verbs*.txt) in %s", dir)
	}
	base := tablesDir
	if base == "" {
		base = filepath.Dir(dir)
	}
	lookups, plover := filepath.Join(base, "gdelt-lookups"), filepath.Join(base, "plover")
	if !exists(lookups) {
		lookups = ""
	}
	if !exists(plover) {
		plover = ""
	}
	t, err := LoadTables(lookups, plover)
	if err != nil {
		return nil, err
	}
	d.Tables = t
	return d, nil
}

// AddActors reads extra actor entries (curated office holders, user
// actors) that take priority over the dictionaries' entries.
func (d *Dict) AddActors(name string, r io.Reader) error {
	d.Actors.Priority = true
	defer func() { d.Actors.Priority = false }()
	if err := d.Actors.Read(r); err != nil {
		return fmt.Errorf("load actors %s: %w", name, err)
	}
	d.Files = append(d.Files, name)
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Supplement merges the blocks of a supplementary verb file (our own
// patterns, same format). A supplementary block's patterns apply only to
// the verbs it lists: those verbs get a copy of their dictionary block with
// the new patterns in front, so "ARRIVE (IN +)" does not leak to "COME".
func (d *Dict) Supplement(extra *Verbs) {
	for k, v := range extra.Synsets {
		if _, ok := d.Verbs.Synsets[k]; !ok {
			d.Verbs.Synsets[k] = v
		}
	}
	for _, b := range extra.Blocks {
		var orig *Block
		for _, vs := range extra.Forms {
			for _, v := range vs {
				if v.Block != b || orig != nil {
					continue
				}
				for _, c := range d.Verbs.Forms[v.Form] {
					if len(c.Before) == 0 && len(c.After) == 0 {
						orig = c.Block
						break
					}
				}
			}
		}
		nb := &Block{Name: b.Name, Code: b.Code, Patterns: append([]*Pattern{}, b.Patterns...)}
		if orig != nil && (b.Code == "" || b.Code == "---") {
			nb.Code = orig.Code
		}
		if orig != nil {
			nb.Patterns = append(nb.Patterns, orig.Patterns...)
		}
		sort.SliceStable(nb.Patterns, func(i, j int) bool { return nb.Patterns[i].Weight > nb.Patterns[j].Weight })
		d.Verbs.Blocks = append(d.Verbs.Blocks, nb)
		for form, vs := range extra.Forms {
			for _, v := range vs {
				if v.Block != b {
					continue
				}
				nv := *v
				nv.Block = nb
				c := append([]*Verb{&nv}, d.Verbs.Forms[form]...)
				sort.SliceStable(c, func(i, j int) bool {
					return len(c[i].Before)+len(c[i].After) > len(c[j].Before)+len(c[j].After)
				})
				d.Verbs.Forms[form] = c
			}
		}
	}
}
