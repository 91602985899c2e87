package cameo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestActorsDatedCodes(t *testing.T) {
	src := `
MEXICO_  [MEX]
+MEXICAN_
BARACK_OBAMA
+PRESIDENT_OBAMA_
	[USAELI 780101-090120]
	[USAGOV >090120]
ARGENTIN  [ARG]
`
	var a Actors
	if err := a.Read(strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		words []string
		date  string
		code  string
		n     int
	}{
		{[]string{"MEXICAN", "PRESIDENT"}, "2020-01-01", "MEX", 1},
		{[]string{"BARACK", "OBAMA"}, "2005-01-01", "USAELI", 2},
		{[]string{"PRESIDENT", "OBAMA"}, "2010-01-01", "USAGOV", 2},
		{[]string{"ARGENTINA"}, "2010-01-01", "ARG", 1}, // stem entry
	} {
		e, n := a.Longest(tc.words)
		if n != tc.n || e == nil {
			t.Errorf("%v: matched %d words", tc.words, n)
			continue
		}
		d, _ := time.Parse("2006-01-02", tc.date)
		if got := e.CodeAt(d); got != tc.code {
			t.Errorf("%v at %s = %s, want %s", tc.words, tc.date, got, tc.code)
		}
	}
}

func TestAgentsPrefixAndPlurals(t *testing.T) {
	src := "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nMSF {} [NGO~]\nCONGRESS!PERSON! [~LEG]\nAUTHORITY [~GOV]\n"
	var g Agents
	if err := g.Read(strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		w      string
		code   string
		prefix bool
	}{{"POLICE", "COP", false}, {"MSF", "NGO", true}, {"CONGRESSMEN", "LEG", false}, {"AUTHORITIES", "GOV", false}} {
		v, n := g.Trie.Longest([]string{tc.w})
		if n != 1 {
			t.Errorf("%s not matched", tc.w)
			continue
		}
		ag := v.(*Agent)
		if ag.Code != tc.code || ag.Prefix != tc.prefix {
			t.Errorf("%s = %+v", tc.w, ag)
		}
	}
	if _, n := g.Trie.Longest([]string{"POLICES"}); n != 0 {
		t.Errorf("POLICE {} must not get a plural")
	}
}

func TestVerbPatterns(t *testing.T) {
	src := `
&MILITARY
+TROOPS
+ARMY
--- ACCUSE [112] ---
ACCUSE
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}
- * + OF &MILITARY [1123]
- IN_* [114]
`
	v, err := ReadVerbs(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if c := v.Forms["ACCUSED"]; len(c) == 0 || c[0].Block.Code != "112" {
		t.Fatalf("ACCUSED: %+v", c)
	}
	if c := v.Forms["CORDONED"]; len(c) == 0 || len(c[0].After) != 1 || c[0].After[0] != "OFF" {
		t.Fatalf("CORDONED OFF: %+v", c)
	}
	b := v.Forms["ACCUSE"][0].Block
	if len(b.Patterns) != 2 {
		t.Fatalf("%d patterns", len(b.Patterns))
	}
	p := b.Patterns[0]
	if p.Code != "1123" || len(p.Post) != 3 || p.Post[0].Kind != ElemTarget || len(p.Post[2].Alts) != 4 {
		t.Errorf("pattern %+v", p)
	}
}

func TestCodesTables(t *testing.T) {
	for code, q := range map[string]int{"042": 1, "0314": 1, "064": 2, "112": 3, "190": 4, "1721": 4, "xyz": 0} {
		if got := QuadClass(code); got != q {
			t.Errorf("QuadClass(%s) = %d, want %d", code, got, q)
		}
	}
	if Intent("042") != "036" || Intent("064") != "0314" || Intent("190") != "" {
		t.Error("Intent mapping")
	}
	if Base("1056") != "105" || Root("042") != "04" {
		t.Error("Base/Root")
	}
}

func TestVerbForms(t *testing.T) {
	for _, tc := range []struct{ stem, want string }{
		{"SUE", "SUING"}, {"ARGUE", "ARGUING"}, {"ISSUE", "ISSUING"}, {"AGREE", "AGREEING"},
		{"ACCUSE", "ACCUSING"}, {"STOP", "STOPPING"}, {"DENY", "DENIED"}, {"DYE", "DYEING"},
	} {
		found := false
		for _, f := range verbForms(tc.stem) {
			found = found || f == tc.want
		}
		if !found {
			t.Errorf("verbForms(%s) = %v, want %s among them", tc.stem, verbForms(tc.stem), tc.want)
		}
	}
}

func TestReconcileCountryCodes(t *testing.T) {
	dir := t.TempDir()
	cameoTSV := filepath.Join(dir, "countries.tsv")
	geoTSV := filepath.Join(dir, "geo.tsv")
	// rows as in the CAMEO data's countries.tsv, with its copy errors
	if err := os.WriteFile(cameoTSV, []byte("CAMEO_CODE\tNAME\tISO2\tISO3\tCOW_ALPHA\tCOW_NUM\tFIPS10\n"+
		"ISL\tICELAND\tIS\tISL\tICE\t395\tIC\n"+
		"ISR\tISRAEL\tIS\tIL\tISR\t666\tIS\n"+
		"MOZ\tMOZAMBIQUE\tMZ\tMOZ\tMZM\t541\tMZ\n"+
		"MMR\tMYANMAR\tMZ\tMOZ\tMYA\t775\tMZ\n"+
		"ROM\tROMANIA\tRO\tROU\tRUM\t360\tRO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(geoTSV, []byte("iso2\tiso3\tfips\tname\n"+
		"IS\tISL\tIC\tIceland\nIL\tISR\tIS\tIsrael\nMZ\tMOZ\tMZ\tMozambique\nMM\tMMR\tBM\tMyanmar\nRO\tROU\tRO\tRomania\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCountries(cameoTSV)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ByISO2["MZ"].CAMEO; got != "MMR" {
		t.Fatalf("before reconciling, the table's own error should show: MZ → %s", got)
	}
	if err := c.Reconcile(geoTSV); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ iso2, cameo, fips string }{
		{"IS", "ISL", "IC"}, {"IL", "ISR", "IS"}, {"MZ", "MOZ", "MZ"}, {"MM", "MMR", "BM"},
		{"RO", "ROM", "RO"}, // CAMEO's own code is not ISO: the row keeps its columns
	} {
		row := c.ByISO2[tt.iso2]
		if row == nil || row.CAMEO != tt.cameo || row.FIPS != tt.fips {
			t.Errorf("ByISO2[%s] = %+v, want CAMEO %s FIPS %s", tt.iso2, row, tt.cameo, tt.fips)
		}
	}
	if row := c.ByCAMEO["ROU"]; row == nil || row.CAMEO != "ROM" {
		t.Errorf("ByCAMEO[ROU] = %+v, want Romania's row by its ISO3", row)
	}
	if err := c.Reconcile(filepath.Join(dir, "missing.tsv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Reconcile(missing) = %v, want a not-exist error", err)
	}
}
