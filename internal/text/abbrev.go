package text

// Abbreviations the tokenizer keeps their final period on, in two kinds:
// titles, which stand before a name and so never end a sentence ("Sen.
// Rubio"), and the rest ("Inc.", "Jan.", "Calif."), which may end one and
// are split after only when a sentence plainly starts next. Matching is
// case-sensitive: "Miss." is the title, "miss." is not an abbreviation.
// Dotted forms (U.S., e.g., EE.UU.) and single-capital initials ("J.")
// need no list.
const (
	notAbbrev = iota
	abbrevTitle
	abbrevOther
)

// abbrevKind classifies word, the text before a final '.'.
func abbrevKind(word string) int {
	switch word {
	// English titles and forms of address.
	case "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Sen", "Sens", "Rep", "Reps",
		"Gov", "Govs", "Lt", "Gen", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig",
		"Rev", "Revd", "Fr", "Msgr", "Hon", "Pres", "Supt", "Insp", "Det", "Atty", "Amb", "Sec", "Secs",
		"Gens", "Mt", "Ft", "Pt", "Vs", "vs", "Ald", "Assemb", "Del", "Dep", "Dist", "Pfc", "Spc", "Cmdt",
		// Spanish, Portuguese, French, German titles.
		"Sr", "Sra", "Sres", "Srta", "Dra", "Ud", "Uds", "Vd", "Vds", "Lic", "Ing", "Arq", "Abog", "Mons", "Dña", "Dª", "Hno",
		"Mme", "Mlle", "Mgr", "Pr", "Hr", "Exmo", "Excmo", "Ilmo", "Gral", "Cnel", "Tte", "Cap":
		return abbrevTitle
	// Company and name suffixes.
	case "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Jr", "Jrs", "Esq", "Cia", "Cía", "Av", "Avda", "Ave",
		"Blvd", "Rd", "St", "Sq", "Dept", "Univ", "Assn", "Assoc", "Inst", "Intl", "Natl", "Govt",
		// Months and days.
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		"ene", "feb", "abr", "sept", "oct", "nov", "dic", // not "ago": "a year ago."
		// U.S. states (AP style), Canadian provinces.
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
		"La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
		"Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "Alta",
		// Common lowercase abbreviations.
		"etc", "approx", "est", "cf", "ca", "viz", "al", "fig", "vol", "vols", "pp", "op", "ed", "eds",
		"incl", "excl", "dept", "govt", "tel", "ext", // not "pct", "mln": Reuters writes them undotted
		"Fig", "Vol", "Ed", "Eds", "Ch", "Sta", "Sto", "pág", "págs", "núm", "aprox", "h", "hrs",
		"Núm":
		return abbrevOther
	}
	return notAbbrev
}

// isAbbrev reports whether word followed by '.' is an abbreviation;
// after is the text after the period. "No." and "Art." count only before a
// number ("No. 5"), since "no." often ends a sentence.
func isAbbrev(word, after string) bool {
	switch word {
	case "No", "no", "Art", "art", "Nos", "nos", "Nr", "Nro", "p", "pp":
		j := 0
		for j < len(after) && (after[j] == ' ' || after[j] == '\t') {
			j++
		}
		return j > 0 && j < len(after) && after[j] >= '0' && after[j] <= '9'
	}
	return abbrevKind(word) != notAbbrev
}
