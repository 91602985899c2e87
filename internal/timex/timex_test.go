package timex

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
)

// ref is a Thursday.
var ref = time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)

func TestExtract(t *testing.T) {
	tests := []struct {
		text, span, value, gran string
	}{
		{"Rubio arrived in Mexico City today, officials said.", "today", "2026-11-26", Day},
		{"The talks began yesterday.", "yesterday", "2026-11-25", Day},
		{"Rebels attacked the town last night, officials said.", "last night", "2026-11-25", Day},
		{"A decision is due in a week.", "in a week", "2026-W49", Week},
		{"Los rebeldes atacaron anoche la ciudad.", "anoche", "2026-11-25", Day},
		{"Talks resume tonight.", "tonight", "2026-11-26", Day},
		{"He will travel tomorrow.", "tomorrow", "2026-11-27", Day},
		{"The minister spoke on Wednesday.", "Wednesday", "2026-11-25", Day},
		{"The minister will speak on Monday.", "Monday", "2026-11-30", Day},
		{"They met last Friday.", "last Friday", "2026-11-20", Day},
		{"They met last Thursday.", "last Thursday", "2026-11-19", Day},
		{"They meet next Tuesday.", "next Tuesday", "2026-12-01", Day},
		{"Talks resume next week.", "next week", "2026-W49", Week},
		{"Prices fell last month.", "last month", "2026-10", Month},
		{"Growth slowed this year.", "this year", "2026", Year},
		{"The law passed three years ago.", "three years ago", "2023", Year},
		{"It happened two days ago.", "two days ago", "2026-11-24", Day},
		{"A decision is due in two weeks.", "in two weeks", "2026-W50", Week},
		{"The deal was signed Nov. 26.", "Nov. 26", "2026-11-26", Day},
		{"Elections are on November 26, 2026.", "November 26, 2026", "2026-11-26", Day},
		{"The date 2026-11-26 was set.", "2026-11-26", "2026-11-26", Day},
		{"Filed 11/26/2026 in court.", "11/26/2026", "2026-11-26", Day},
		{"Signed on 26 November 2026.", "26 November 2026", "2026-11-26", Day},
		{"The company was founded in 2019.", "2019", "2019", Year},
		{"Sales rose in March 2025.", "March 2025", "2025-03", Month},
		{"Exports fell in October.", "October", "2026-10", Month},
		{"A fiscal plan is due Jan. 5.", "Jan. 5", "2027-01-05", Day},
		{"The meeting is at 3 p.m. in Geneva.", "3 p.m.", "2026-11-26T15:00", Time},
		{"Profits rose in the first quarter of 2026.", "first quarter of 2026", "2026-Q1", Quarter},
		{"Inflation was high in the 1990s.", "1990s", "199", Decade},
		{"It rose for the first time since April of last year.", "April of last year", "2025-04", Month},
		{"Cenergy reported fourth quarter net income.", "fourth quarter", "2026-Q4", Quarter},
		{"Ocurrió en marzo del año pasado.", "marzo del año pasado", "2025-03", Month},
		{"This morning the minister resigned.", "This morning", "2026-11-26", Day},
		// Spanish
		{"El presidente habló el martes.", "el martes", "2026-11-24", Day},
		{"Ayer llegó a la capital.", "Ayer", "2026-11-25", Day},
		{"Hoy se reúnen los ministros.", "Hoy", "2026-11-26", Day},
		{"Viajará la próxima semana.", "la próxima semana", "2026-W49", Week},
		{"Ocurrió la semana pasada.", "la semana pasada", "2026-W47", Week},
		{"Se firmó hace tres años.", "hace tres años", "2023", Year},
		{"Se firmó el 26 de noviembre de 2026.", "26 de noviembre de 2026", "2026-11-26", Day},
		{"Las ventas cayeron el mes pasado.", "el mes pasado", "2026-10", Month},
		{"Se reunirán mañana en Quito.", "mañana", "2026-11-27", Day},
		{"Se fundó en 2019.", "2019", "2019", Year},
		{"Regresa el próximo lunes.", "el próximo lunes", "2026-11-30", Day},
		{"Firmado el pasado 15 de diciembre en Ginebra.", "15 de diciembre", "2025-12-15", Day},
		{"Citados el próximo 19 de septiembre.", "19 de septiembre", "2027-09-19", Day},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ds := Extract(tt.text, ref)
			if len(ds) != 1 {
				t.Fatalf("got %d dates %+v, want 1", len(ds), describe(tt.text, ds))
			}
			d := ds[0]
			if got := tt.text[d.Start:d.End]; got != tt.span || d.Value != tt.value || d.Granularity != tt.gran {
				t.Errorf("got %q=%s (%s), want %q=%s (%s)", got, d.Value, d.Granularity, tt.span, tt.value, tt.gran)
			}
		})
	}
}

func TestQuarterNotYetBegun(t *testing.T) {
	feb := time.Date(1987, 2, 26, 0, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"Cenergy reported fourth quarter net income.": "1986-Q4",
		"Sales will rise in the fourth quarter.":      "1987-Q4",
	} {
		if ds := Extract(text, feb); len(ds) != 1 || ds[0].Value != want {
			t.Errorf("%q: got %v, want %s", text, ds, want)
		}
	}
}

func TestNoDate(t *testing.T) {
	for _, text := range []string{
		"Officials may decide soon.",
		"They shipped 2000 tonnes of wheat.",
		"Troops march on the capital.",
		"The 155,221 bags were sold for 6.4 mln.",
		"Por la mañana hubo protestas.",
		"Over the past year prices rose.",
		"Troops suffered casualties in a week-old offensive.",
	} {
		if ds := Extract(text, ref); len(ds) != 0 {
			t.Errorf("%q: unexpected dates %v", text, describe(text, ds))
		}
	}
}

func TestZeroReference(t *testing.T) {
	ds := Extract("He arrived today and leaves on 2026-11-30.", time.Time{})
	if len(ds) != 2 {
		t.Fatalf("got %d dates", len(ds))
	}
	if ds[0].Value != "" || !ds[0].Relative {
		t.Errorf("today without a reference: got %+v, want unnormalised relative span", ds[0])
	}
	if ds[1].Value != "2026-11-30" {
		t.Errorf("absolute date: got %q", ds[1].Value)
	}
}

func TestStageOnExample(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip("shared example absent:", err)
	}
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{Text: string(b), Published: ref}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range a.Dates {
		if a.Slice(d.Span) == "today" && d.Value == "2026-11-26" {
			found = true
		}
	}
	if !found {
		t.Errorf("today not normalised: %v", describe(a.Text, a.Dates))
	}
	if a.EventDate != "2026-11-26" {
		t.Errorf("event date %q", a.EventDate)
	}
}

func describe(text string, ds []doc.Date) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(text[d.Start:d.End] + "=" + d.Value + " ")
	}
	return b.String()
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("Secretary Rubio arrived in Mexico City today and will leave for Ecuador next week, three years after the 2023 accord signed on Nov. 26. ", 6)
	s, _ := New()
	a := &doc.Article{Text: text, Published: ref}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = s.Process(context.Background(), a)
	}
}
