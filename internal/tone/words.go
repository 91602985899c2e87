package tone

// negators flip the polarity of a tone word up to three words later in the
// same sentence ("not good", "no es bueno"); VADER's list, plus Spanish.
var negators = map[string]bool{
	"not": true, "n't": true, "no": true, "never": true, "none": true, "nobody": true, "nothing": true,
	"nowhere": true, "neither": true, "nor": true, "without": true, "cannot": true, "hardly": true,
	"rarely": true, "seldom": true, "despite": true, "aint": true, "dont": true, "didnt": true,
	"doesnt": true, "isnt": true, "wasnt": true, "wont": true, "cant": true, "couldnt": true,
	"shouldnt": true, "wouldnt": true, "arent": true, "werent": true, "havent": true, "hasnt": true,
	"nunca": true, "jamás": true, "ni": true, "sin": true, "nadie": true, "nada": true, "tampoco": true,
}

// activityWords approximate GDELT's activity reference density when no
// part-of-speech layer is present: action verbs of news reporting in
// English and Spanish, in the forms news uses.
var activityWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"arrive", "arrived", "arrives", "visit", "visited", "visits", "met", "meet", "meets", "meeting",
		"sign", "signed", "signs", "attack", "attacked", "attacks", "kill", "killed", "kills", "arrest",
		"arrested", "arrests", "deploy", "deployed", "deploying", "launch", "launched", "launches",
		"announce", "announced", "announces", "fight", "fought", "fighting", "seize", "seized", "strike",
		"struck", "march", "marched", "protest", "protested", "negotiate", "negotiated", "agree", "agreed",
		"reject", "rejected", "accuse", "accused", "target", "targeting", "targeted", "curb", "curbing",
		"combat", "combating", "combatting", "tackle", "tackling", "destroy", "destroyed", "build", "built",
		"raid", "raided", "bomb", "bombed", "fire", "fired", "shoot", "shot", "capture", "captured",
		"invade", "invaded", "impose", "imposed", "cut", "raise", "raised", "ban", "banned", "sanction",
		"sanctioned", "discuss", "discussed", "pursue", "pursuing", "deport", "deported", "depart",
		"departs", "departed", "travel", "traveled", "travelled", "continue", "continues", "secure",
		"secured", "strengthen", "strengthening", "intensify", "intensified", "protect", "ensure",
		"llegó", "visitó", "firmó", "atacó", "mató", "detuvo", "desplegó", "anunció", "negoció",
		"acordaron", "rechazó", "acusó", "combatir", "viajó", "reunió", "impuso",
	} {
		m[w] = true
	}
	return m
}()

// selfGroup are the first-person pronouns of GDELT's self/group reference
// density (we, us, our, I, ...), in English and Spanish.
var selfGroup = map[string]bool{
	"i": true, "me": true, "my": true, "mine": true, "myself": true, "we": true, "us": true, "our": true,
	"ours": true, "ourselves": true,
	"yo": true, "mí": true, "mi": true, "mis": true, "nosotros": true, "nosotras": true, "nos": true,
	"nuestro": true, "nuestra": true, "nuestros": true, "nuestras": true,
}
