package timex

import "time"

// months maps English and Spanish month names and abbreviations to their
// number. abbrev marks the forms that need a following "." or day number
// to count, since they are also ordinary words ("mar", "sep").
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
	"julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"ene": 1, "abr": 4, "ago": 8, "dic": 12,
}

var abbrev = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"ene": true, "abr": true, "ago": true, "dic": true,
}

// ambiguousMonth lists month names that are also common words; they count
// only when capitalised and supported by a day, a year or a preposition.
var ambiguousMonth = map[string]bool{"may": true, "march": true, "mayo": false}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"lunes": time.Monday, "martes": time.Tuesday, "miércoles": time.Wednesday, "miercoles": time.Wednesday,
	"jueves": time.Thursday, "viernes": time.Friday, "sábado": time.Saturday, "sabado": time.Saturday,
	"domingo": time.Sunday,
}

// dayWords are deictic day expressions and their offset from the reference
// day. "mañana" is handled apart: it is also "morning".
var dayWords = map[string]int{
	"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
	"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "anoche": -1,
}

// unit is a calendar unit of a relative expression.
type unit int

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
	uDecade
	uQuarter
)

var units = map[string]unit{
	"day": uDay, "days": uDay, "week": uWeek, "weeks": uWeek, "month": uMonth, "months": uMonth,
	"year": uYear, "years": uYear, "decade": uDecade, "decades": uDecade, "quarter": uQuarter,
	"día": uDay, "días": uDay, "dia": uDay, "dias": uDay, "semana": uWeek, "semanas": uWeek,
	"mes": uMonth, "meses": uMonth, "año": uYear, "años": uYear, "trimestre": uQuarter,
	"década": uDecade, "décadas": uDecade,
}

// numberWords are the spelt-out counts that appear in "three years ago" and
// "hace tres años".
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "fifty": 50, "hundred": 100,
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
	"ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
	"treinta": 30, "cincuenta": 50, "cien": 100,
}

// direction words that modify a following unit or weekday.
var (
	nextWords = map[string]bool{"next": true, "coming": true, "próximo": true, "próxima": true,
		"proximo": true, "proxima": true, "upcoming": true}
	lastWords = map[string]bool{"last": true, "past": true, "previous": true, "pasado": true,
		"pasada": true, "anterior": true}
	thisWords = map[string]bool{"this": true, "este": true, "esta": true, "current": true}
)

// yearCues are words after which a bare four-digit number is a year.
var yearCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "during": true, "from": true,
	"before": true, "after": true, "early": true, "late": true, "mid": true, "of": true, "through": true,
	"en": true, "desde": true, "hasta": true, "durante": true, "antes": true, "después": true,
	"year": true, "año": true, "del": true, "fiscal": true,
}

// monthCues are words after which a bare month name ("in November") is a
// date rather than a name or verb.
var monthCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "during": true, "from": true, "early": true,
	"late": true, "mid": true, "last": true, "next": true, "this": true, "of": true, "through": true,
	"before": true, "after": true, "en": true, "desde": true, "hasta": true, "de": true, "durante": true,
	"para": true,
}

// futureCues mark a sentence about what will happen, so a bare weekday is
// the coming one rather than the last one.
var futureCues = map[string]bool{
	"will": true, "'ll": true, "shall": true, "scheduled": true, "expected": true, "plans": true,
	"planned": true, "due": true, "upcoming": true, "set": true, "going": true,
	"será": true, "serán": true, "viajará": true, "prevé": true, "previsto": true, "prevista": true,
	"próximo": true, "próxima": true, "irá": true, "llegará": true,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4,
	"primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4,
}

var partsOfDay = map[string]bool{
	"morning": true, "afternoon": true, "evening": true, "night": true,
	"mañana": true, "tarde": true, "noche": true, "madrugada": true,
}

// starters holds every word an expression can begin with, so the scanner
// rejects ordinary words with one map look-up.
var starters = func() map[string]bool {
	m := map[string]bool{
		"mañana": true, "manana": true, "pasado": true, "the": true, "la": true, "el": true,
		"hace": true, "in": true, "dentro": true, "anoche": true,
	}
	for _, set := range []map[string]bool{nextWords, lastWords, thisWords} {
		for w := range set {
			m[w] = true
		}
	}
	for w := range months {
		m[w] = true
	}
	for w := range weekdays {
		m[w] = true
	}
	for w := range dayWords {
		m[w] = true
	}
	for w := range numberWords {
		m[w] = true
	}
	for w := range ordinals {
		m[w] = true
	}
	return m
}()

// startLens has, for each first byte, a bit per length of the starters
// beginning with it: most words are rejected without a map look-up.
// Decades ("1990s") start with a digit and are let through.
var startLens = func() (t [256]uint32) {
	for w := range starters {
		if len(w) < 32 {
			t[w[0]] |= 1 << len(w)
		}
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= 1 << 5
	}
	return t
}()
