package quotes

// speechVerbs are the verbs of saying that attribute a quote or reported
// statement, English and Spanish, in the forms news uses.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"stated": true, "states": true, "declared": true, "announced": true, "noted": true, "notes": true,
	"warned": true, "warns": true, "explained": true, "insisted": true, "insists": true, "stressed": true,
	"emphasized": true, "emphasised": true, "argued": true, "argues": true, "claimed": true, "claims": true,
	"asserted": true, "acknowledged": true, "admitted": true, "confirmed": true, "denied": true,
	"wrote": true, "writes": true, "tweeted": true, "posted": true, "urged": true, "replied": true,
	"responded": true, "remarked": true, "commented": true, "described": true, "voiced": true,
	"expressed": true, "pledged": true, "promised": true, "vowed": true, "reiterated": true,
	"predicted": true, "suggested": true, "maintained": true, "contended": true, "countered": true,
	"recalled": true, "conceded": true, "disclosed": true, "reported": true, "estimated": true,
	"forecast": true, "cautioned": true, "complained": true, "asked": true,
	"dijo": true, "afirmó": true, "declaró": true, "señaló": true, "aseguró": true, "indicó": true,
	"explicó": true, "advirtió": true, "añadió": true, "agregó": true, "destacó": true, "subrayó": true,
	"manifestó": true, "expresó": true, "sostuvo": true, "comentó": true, "reiteró": true, "anunció": true,
	"apuntó": true, "precisó": true, "informó": true, "denunció": true, "enfatizó": true, "insistió": true,
	"dice": true, "afirma": true, "asegura": true, "señala": true, "reconoció": true, "admitió": true,
	"confirmó": true, "negó": true, "criticó": true, "calificó": true, "describió": true,
}

// speechNouns follow a light verb ("voiced concern", "expressed hope") and
// belong to the verb phrase.
var speechNouns = map[string]bool{
	"concern": true, "concerns": true, "hope": true, "confidence": true, "support": true, "opposition": true,
	"doubts": true, "doubt": true, "optimism": true, "frustration": true, "alarm": true, "regret": true,
	"satisfaction": true, "disappointment": true, "skepticism": true, "scepticism": true, "outrage": true,
	"preocupación": true, "apoyo": true, "rechazo": true, "esperanza": true, "confianza": true,
}

// lightVerbs take a speech noun ("voiced concern"), and count as speech
// only with one.
var lightVerbs = map[string]bool{"voiced": true, "expressed": true, "raised": true, "manifestó": true, "expresó": true}

// auxiliaries and adverbs that may sit between a speaker and the verb.
var auxiliaries = map[string]bool{
	"has": true, "have": true, "had": true, "will": true, "would": true, "also": true, "later": true,
	"again": true, "reportedly": true, "publicly": true, "repeatedly": true, "previously": true,
	"recently": true, "then": true, "had.": true, "ha": true, "han": true, "había": true, "habían": true,
	"también": true, "already": true, "earlier": true, "privately": true, "separately": true,
}

// agentNouns head a noun phrase that can speak.
var agentNouns = map[string]bool{
	"officials": true, "official": true, "authorities": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "minister": true, "ministers": true, "ministry": true, "government": true,
	"president": true, "secretary": true, "administration": true, "police": true, "military": true,
	"army": true, "analysts": true, "analyst": true, "experts": true, "expert": true, "sources": true,
	"source": true, "diplomats": true, "diplomat": true, "leaders": true, "leader": true, "lawmakers": true,
	"senator": true, "governor": true, "mayor": true, "ambassador": true, "statement": true,
	"company": true, "bank": true, "economists": true, "economist": true, "witnesses": true,
	"residents": true, "activists": true, "prosecutors": true, "officers": true, "envoy": true,
	"chancellor": true, "premier": true, "chairman": true, "executive": true, "director": true,
	"commission": true, "committee": true, "council": true, "agency": true, "department": true,
	"ministerio": true, "gobierno": true, "autoridades": true, "funcionarios": true, "presidente": true,
	"presidenta": true, "canciller": true, "secretario": true, "portavoz": true, "vocero": true,
	"ministro": true, "ministra": true, "analistas": true, "expertos": true, "fuentes": true,
	"countries": true, "nations": true, "both": true, "union": true, "group": true, "organization": true,
	"organisation": true, "people": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"ella": true, "él": true, "ellos": true,
}

// boundaries end a subject noun phrase when reading leftwards.
var boundaries = map[string]bool{
	",": true, ";": true, ":": true, "(": true, ")": true, "and": true, "but": true, "while": true,
	"although": true, "though": true, "because": true, "as": true, "when": true, "after": true,
	"before": true, "since": true, "if": true, "that": true, "which": true, "who": true, "where": true,
	"y": true, "pero": true, "mientras": true, "aunque": true, "que": true, "cuando": true, "--": true,
	"\"": true, "“": true, "”": true, "whereas": true, "so": true, "then": true,
}

// demonyms maps nationality adjectives to CAMEO country codes (ISO 3166
// alpha-3), so "Mexican authorities" can be coded MEXGOV without the NER
// layer.
var demonyms = map[string]string{
	"american": "USA", "u.s.": "USA", "us": "USA", "mexican": "MEX", "canadian": "CAN", "ecuadorian": "ECU",
	"ecuadorean": "ECU", "colombian": "COL", "venezuelan": "VEN", "brazilian": "BRA", "argentine": "ARG",
	"argentinian": "ARG", "chilean": "CHL", "peruvian": "PER", "cuban": "CUB", "guatemalan": "GTM",
	"honduran": "HND", "salvadoran": "SLV", "nicaraguan": "NIC", "panamanian": "PAN", "bolivian": "BOL",
	"chinese": "CHN", "russian": "RUS", "ukrainian": "UKR", "british": "GBR", "french": "FRA",
	"german": "DEU", "italian": "ITA", "spanish": "ESP", "japanese": "JPN", "korean": "KOR",
	"south korean": "KOR", "north korean": "PRK", "indian": "IND", "pakistani": "PAK", "iranian": "IRN",
	"iraqi": "IRQ", "israeli": "ISR", "palestinian": "PSE", "syrian": "SYR", "turkish": "TUR",
	"saudi": "SAU", "egyptian": "EGY", "european": "EUR", "australian": "AUS", "haitian": "HTI",
	"dominican": "DOM", "mexicano": "MEX", "mexicana": "MEX", "mexicanos": "MEX", "mexicanas": "MEX",
	"estadounidense": "USA", "estadounidenses": "USA", "ecuatoriano": "ECU", "ecuatorianas": "ECU",
	"ecuatorianos": "ECU", "colombiano": "COL", "colombianos": "COL", "venezolano": "VEN",
}

// roleCodes maps a speaker's head noun to a CAMEO role code.
var roleCodes = map[string]string{
	"authorities": "GOV", "officials": "GOV", "official": "GOV", "government": "GOV", "ministry": "GOV",
	"minister": "GOV", "president": "GOV", "administration": "GOV", "secretary": "GOV", "diplomats": "GOV",
	"diplomat": "GOV", "ambassador": "GOV", "leaders": "GOV", "lawmakers": "LEG",
	"police": "COP", "prosecutors": "JUD", "military": "MIL", "army": "MIL", "officers": "COP",
	"activists": "ACT", "companies": "BUS", "company": "BUS", "analysts": "", "residents": "CVL",
	"autoridades": "GOV", "funcionarios": "GOV", "gobierno": "GOV", "ministerio": "GOV", "presidente": "GOV",
	"presidenta": "GOV", "canciller": "GOV", "chancellor": "GOV", "premier": "GOV", "prime": "GOV",
	"defense": "MIL", "defence": "MIL", "general": "MIL", "admiral": "MIL", "commander": "MIL",
	"senator": "LEG", "congressman": "LEG", "congresswoman": "LEG", "judge": "JUD", "justice": "JUD",
	"attorney": "JUD", "governor": "GOV", "mayor": "GOV", "state": "GOV", "spokesman": "GOV",
	"spokeswoman": "GOV", "envoy": "GOV", "foreign": "GOV",
}

// subordinators open a clause whose content ends at the next comma.
var subordinators = map[string]bool{"while": true, "although": true, "though": true, "as": true,
	"because": true, "if": true, "when": true, "since": true, "whereas": true, "mientras": true,
	"aunque": true, "porque": true, "si": true, "cuando": true}
