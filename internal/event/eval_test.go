package event

import (
	"fmt"
	"os"
	"testing"

	"newsgraph/internal/cameo"
)

const shared = "../../../shared/data"

func loadDict(t testing.TB, dir string) *cameo.Dict {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no dictionaries at %s", dir)
	}
	d, err := cameo.Load(dir, shared+"/cameo")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestUnitRecords runs the PETRARCH unit-test records with their own
// dictionaries and checks the share coded exactly.
func TestUnitRecords(t *testing.T) {
	d := loadDict(t, shared+"/events-dev")
	f, err := os.Open(shared + "/events-dev/petr_unittest.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	c := NewCoder(d, Options{})
	rep, err := c.Evaluate(f, debugPrint)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("records=%d exact=%+v records_exact=%.3f", rep.Records, rep.Exact, rep.RecordsExact)
	if rep.RecordsExact < 0.3 {
		t.Errorf("records_exact %.3f < 0.3", rep.RecordsExact)
	}
}

// TestPloverDev runs the PLOVER gold-standard dev half with the Phoenix
// dictionaries and our curated additions.
func TestPloverDev(t *testing.T) {
	st := loadStage(t)
	f, err := os.Open(shared + "/events-dev/plover_gsr_dev.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rep, err := st.Coder().Evaluate(f, debugPrint)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("records=%d plover=%+v plover_country=%.3f records_exact=%.3f", rep.Records, rep.Plover, rep.PloverCountry.F1, rep.RecordsExact)
}

func debugPrint(rec Record, got []Coded) {
	if os.Getenv("EVDEBUG") != "" {
		fmt.Printf("%s\t%s\n  want %v\n  got ", rec.ID, rec.Text, rec.Events)
		for _, g := range got {
			pl := ""
			if g.Code != "" {
				pl = g.Code
			}
			fmt.Printf("%s>%s:%s(%s) ", g.Source, g.Target, pl, g.Rule)
		}
		fmt.Println()
	}
}

func TestPloverActor(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"USAGOV", "USAGOV"},
		{"USA", "USA"},
		{"IGOUNOWFP", "IGO"},
		{"IGOUNO", "IGO"},
		{"NGOHRIAMN", "NGOHRI"},
		{"SCGSRB", "SRB"},
		{"SCGSRBGOV", "SRBGOV"},
		{"TMPCRM", "TLSCRM"},
		{"ANGREB", "AGOREB"},
		{"TMP", "TLS"},
		{"IMGMUSALQ", "IMG"},
		{"TURREBLAB", "TURREBLAB"},
		{"---GOV", "---GOV"},
		{"HKGPPL", "HKGCVL"},
	} {
		if got := PloverActor(c.in); got != c.want {
			t.Errorf("PloverActor(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAnnotatedTypes(t *testing.T) {
	for _, c := range []struct {
		id   string
		gold []string
		want []string // nil: every type is scored
	}{
		{"PLOVER-GSR01-DEMAND-0015", []string{"DEMAND"}, []string{"REQUEST"}},
		{"PLOVER-GSR01-FIGHT-0003", []string{"FIGHT"}, []string{"ASSAULT"}},
		{"PLOVER-GSR01-REJECT-0013", nil, []string{"REJECT"}}, // gold lost in conversion: still only REJECT
		{"PLOVER-GSR01-AGREE-0001", []string{"AGREE", "CONSULT"}, []string{"AGREE", "CONSULT"}},
		{"rec-17", []string{"AGREE"}, nil},                // no declared type
		{"PLOVER-GSR01-FOO-0001", []string{"AGREE"}, nil}, // not a PLOVER type
	} {
		rec := Record{ID: c.id}
		for _, g := range c.gold {
			rec.Events = append(rec.Events, GoldEvent{Plover: g})
		}
		got := annotatedTypes(rec)
		if (got == nil) != (c.want == nil) || len(got) != len(c.want) {
			t.Errorf("%s: got %v, want %v", c.id, got, c.want)
			continue
		}
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%s: got %v, want %v", c.id, got, c.want)
			}
		}
	}
}

func TestCountDyads(t *testing.T) {
	k := func(a, b, c string) scoreKey { return scoreKey{a, b, c} }
	for _, tc := range []struct {
		name       string
		gold, pred []scoreKey
		tp, npred  int
	}{
		{"compound target, both found",
			[]scoreKey{k("QATGOV", "ARE", "CONSULT"), k("QATGOV", "SAU", "CONSULT")},
			[]scoreKey{k("QATGOV", "AREGOV", "CONSULT"), k("QATGOV", "SAU", "CONSULT")}, 2, 2},
		{"wrong targets earn one match only",
			[]scoreKey{k("QATGOV", "ARE", "CONSULT"), k("QATGOV", "SAU", "CONSULT")},
			[]scoreKey{k("QATGOV", "IRN", "CONSULT"), k("QATGOV", "IRQ", "CONSULT")}, 1, 2},
		{"gold without target",
			[]scoreKey{k("HUNGOV", "", "AGREE")},
			[]scoreKey{k("HUNGOV", "ROUREF", "AGREE")}, 1, 1},
		{"an extra dyad is a false positive",
			[]scoreKey{k("PSEGOV", "IRQ", "SUPPORT")},
			[]scoreKey{k("PSEGOV", "IRQ", "SUPPORT"), k("PSEGOV", "LBY", "SUPPORT")}, 1, 2},
		{"other source or type",
			[]scoreKey{k("USA", "", "REJECT")},
			[]scoreKey{k("USAGOV", "", "REJECT"), k("USA", "", "ACCUSE")}, 0, 2},
	} {
		var p PRF
		countDyads(&p, tc.gold, tc.pred)
		if p.TP != tc.tp || p.Pred != tc.npred || p.Gold != len(tc.gold) {
			t.Errorf("%s: tp %d pred %d gold %d; want tp %d pred %d", tc.name, p.TP, p.Pred, p.Gold, tc.tp, tc.npred)
		}
	}
}
