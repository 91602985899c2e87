package event

import (
	"strings"

	"newsgraph/internal/cameo"
)

// binding is what a verb found: its actors and code.
type binding struct {
	subj     []int // group indexes (compound members)
	obj      []int
	code     string
	rule     string
	pattern  bool // code came from a pattern (not just the verb)
	compound bool // % pattern: members act on each other
	negInPat bool // the pattern itself spells out the negation
	passive  bool
	patObj   bool // the pattern itself bound the object ("(IN +)")
}

// events codes every verb of the sentence.
func (c *Coder) events(s *sentence) []Coded {
	var out []Coded
	subjOf := map[int][]int{} // verb index → subject groups
	statusOf := map[int]string{}
	codeOf := map[int]string{}
	consumed := map[int]bool{}
	for vi, vh := range s.verbs {
		if consumed[vi] {
			continue
		}
		b := c.bind(s, vi, subjOf)
		subjOf[vi] = b.subj
		status := c.status(s, vh, b)
		if (status == "asserted" || status == "intent" || status == "future") && c.underDirective(s, vi, codeOf) {
			// "demanded that the US cancel its plans": what is demanded
			// has not happened
			status = "hypothetical"
		}
		if vi > 0 && vh.start > 0 && conjs[s.w[vh.start-1].W] && statusOf[vi-1] != "" && statusOf[vi-1] != "asserted" {
			// "to protect X and ensure Y": coordinated verbs share the mood
			status = statusOf[vi-1]
		}
		ref := c.reference(s, b, vh)
		purpose := false
		if status == "asserted" && vh.start > 1 && s.w[vh.start-1].W == "TO" {
			// "strategies to combat X", "telephoned Kozyrev on Tuesday
			// to discuss", "blocked roads to press their demands": an
			// infinitive on a noun is a purpose, not an act that happened
			pw := s.w[vh.start-2]
			if !pw.Punct && c.verbAt(s, vh.start-2) < 0 && !aux[pw.W] &&
				(s.gAt[vh.start-2] >= 0 || pw.POS == "" || strings.HasPrefix(pw.POS, "NN")) {
				status = "intent"
				// "is ready/willing to contribute troops" announces the
				// act: an intent, not a purpose
				purpose = !readyAdj[pw.W]
			}
		}
		// infinitive complement: "agreed to meet", "refused to attend"
		if ci := c.complement(s, vi); ci >= 0 {
			consumed[ci] = true
			lemma := vh.v.Lemma
			specific := b.pattern || (b.code != "" && b.code != "---" && !intentVerb[lemma] && !transparentVerb[lemma])
			if specific && len(b.obj) == 0 {
				// "threatened to deliver blows to the US": the target is
				// the complement's
				cb := c.bind(s, ci, map[int][]int{ci: b.subj})
				b.obj = cb.obj
			}
			if !specific {
				cb := c.bind(s, ci, map[int][]int{ci: b.subj})
				cb.subj = b.subj
				if len(b.obj) > 0 && len(cb.obj) == 0 {
					cb.obj = b.obj
				}
				subjOf[ci] = b.subj
				if cb.code != "" && cb.code != "---" {
					code := cb.code
					vowed := false
					switch {
					case negVerb[lemma]:
						if status != "hypothetical" {
							status = "negated"
						}
					case intentVerb[lemma]:
						if c.d.Tables != nil && len(c.d.Tables.Desc) > 0 && cameo.IsNumeric(code) {
							if ic := cameo.Intent(code); ic != "" {
								code = ic
							} else if vowVerb[lemma] && cameo.QuadClass(code) == 4 {
								// "have sworn to fight", "vowed to
								// retaliate": a vow of force is CAMEO's
								// threat, and the threat happened
								code = threatOf(code)
								vowed = true
							} else if agreeVerb[lemma] && cameo.QuadClass(code) != 4 {
								// "agreed to postpone the demonstration":
								// an agreement, whatever is agreed
								code = "030"
							}
						}
						if status == "asserted" && !vowed {
							status = "intent"
						}
					}
					cb.code = code
					cb.rule = vh.v.Lemma + " TO " + cb.rule
					b = cb
					vh = s.verbs[ci]
				}
			}
		}
		if g, ok := c.obligation(s, vh, b); ok && status == "asserted" {
			// "Russia said Sudan must return the helicopter": saying
			// that another actor must act is demanding it (CAMEO 10)
			b.code = "100"
			b.obj = s.comps[s.groups[g].comp]
			b.rule += " [says X must: demand]"
		}
		if (vh.v.Lemma == "CONCEDE" || vh.v.Lemma == "ADMIT") && clauseFollows(s, vh.end) && cameo.IsNumeric(b.code) && cameo.Root(b.code) != "01" {
			// "Hussein conceded (that) they were high": conceding a
			// fact is acknowledging it (015), not yielding (08)
			b.code = "015"
			b.rule += " [concedes that: acknowledge]"
		}
		if status == "asserted" && cameo.IsNumeric(b.code) && cameo.Root(b.code) == "01" && outOfQuestion(s, vh.end) {
			// "US authorities said that removing the sanctions on
			// Burma is out of the question": declaring something out
			// of the question is rejecting it (CAMEO 12)
			b.code = "120"
			b.rule += " [says X is out of the question: reject]"
		}
		if b.code == "" || b.code == "---" {
			continue
		}
		if !b.pattern && strings.HasPrefix(b.code, "15") && !c.anyArmed(s, b.subj) && !c.anyArmed(s, b.obj) {
			// CAMEO 15 is a show of military or police power: a bare
			// "mobilized pressure groups", "rallied supporters" by and
			// of unarmed actors is no such thing
			continue
		}
		// a paired code ("0334:038") is judged by its first half
		first := strings.SplitN(b.code, ":", 2)[0]
		if status == "negated" && !b.negInPat && cameo.IsNumeric(first) && c.d.Tables != nil && len(c.d.Tables.Desc) > 0 {
			switch cameo.Root(first) {
			case "03", "04", "05", "06", "07", "08":
				// CAMEO: not agreeing, meeting, helping or yielding is
				// rejecting (12); the rejection is what happened
				b.code = "120"
				b.rule += " [negated cooperation: reject]"
				status = "asserted"
			}
		}
		first = strings.SplitN(b.code, ":", 2)[0]
		if (status == "future" || status == "hypothetical") && cameo.IsNumeric(first) && c.d.Tables != nil &&
			len(c.d.Tables.Desc) > 0 && conditionAfter(s, vh) {
			switch q := cameo.QuadClass(first); {
			case q == 4 || q == 3 || strings.HasPrefix(first, "087") || strings.HasPrefix(first, "16"):
				// "will withdraw its troops unless ...": a conditional
				// sanction or attack is a threat, and the threat happened
				b.code = "130"
				b.rule += " [conditional: threaten]"
				status = "asserted"
			}
		}
		first = strings.SplitN(b.code, ":", 2)[0]
		if cameo.IsNumeric(first) && cameo.Root(first) == "13" && c.selfOrNone(s, b) {
			// "threatened to hold a strike unless Israel rescinded ...":
			// a threat is aimed at the actor whose act is the condition
			if g := conditionSubject(s, vh); g >= 0 {
				b.obj = s.comps[s.groups[g].comp]
			}
		}
		if status == "future" && (c.reportedWould(s, vh.start) || c.laterSpeaker(s, vi) != nil) && cameo.IsNumeric(first) && c.d.Tables != nil && len(c.d.Tables.Desc) > 0 &&
			cameo.QuadClass(first) == 4 && cameo.Root(first) != "14" && cameo.Root(first) != "16" {
			// "farmers said they would blockade Paris": an act of force
			// announced in reported speech is a threat (13), and the
			// threat is what happened (an announced sanction is already
			// the sanction; a bare "will break relations" stays future)
			b.code = "130"
			b.rule += " [announced force: threaten]"
			status = "asserted"
		}
		statusOf[vi] = status
		codeOf[vi] = b.code
		modifier := c.opt.Background && (c.modifierParticiple(s, vh) || adverbialClause(s, vh))
		evs := c.emit(s, vh, b, status)
		for i := range evs {
			evs[i].Reference = ref
			evs[i].Purpose = purpose && status == "intent"
			if modifier {
				evs[i].Background = true
				evs[i].Confidence -= 0.2
			}
		}
		out = append(out, evs...)
	}
	shareObject(s, out)
	if c.opt.Nominal {
		out = append(out, c.nominal(s)...)
	}
	return dropStatements(out)
}

// shareObject gives a verb coordinated with the next one by "or"/"and"
// and nothing else ("had killed or wounded over 2,600 Iraqis") the
// object of that verb when it found none of its own: the object search
// stops at the second verb, but the two share it.
func shareObject(s *sentence, evs []Coded) {
	for i := range evs {
		e := &evs[i]
		if e.Target != "" {
			continue
		}
		for j := range evs {
			f := evs[j]
			if j == i || f.Target == "" || f.Source != e.Source || f.Trigger[0] < e.Trigger[1] {
				continue
			}
			joined, glue := true, false
			for _, w := range s.w {
				if w.Start >= e.Trigger[1] && w.End <= f.Trigger[0] {
					switch w.W {
					case "OR", "AND":
						glue = true
					case ",":
					default:
						joined = false
					}
				}
			}
			if !glue {
				// the multi-word verb may end in the conjunction itself
				// ("+KILLED_OR")
				for _, w := range s.w {
					if w.Start >= e.Trigger[0] && w.End == e.Trigger[1] && (w.W == "OR" || w.W == "AND") {
						glue = true
					}
				}
			}
			if joined && glue {
				e.Target, e.TgtSpan = f.Target, f.TgtSpan
				e.NeedsTarget = false
				e.Confidence = max(e.Confidence, f.Confidence)
				e.Rule += " [object shared with the coordinated verb]"
				break
			}
		}
	}
}

// nominalCodes are event nouns coded when they name both sides with
// "between": talks and negotiations (046), meetings (040), fighting (190).
var nominalCodes = map[string]string{
	"TALKS": "046", "NEGOTIATIONS": "046", "MEETING": "040", "MEETINGS": "040", "SUMMIT": "040",
	"CLASHES": "190", "CLASH": "190", "FIGHTING": "190", "BATTLE": "190", "BATTLES": "190", "HOSTILITIES": "190",
}

// nominal codes an event named by a noun with both sides after
// "between" ("Talks between Israel and Syria resumed", "clashes between
// police and protesters"): each side with the other. A planned or
// proposed one is not coded.
func (c *Coder) nominal(s *sentence) []Coded {
	var out []Coded
	for k := 0; k+2 < len(s.w); k++ {
		code, ok := nominalCodes[s.w[k].W]
		if !ok || s.w[k+1].W != "BETWEEN" {
			continue
		}
		j := k + 2
		for j < len(s.w) && (dets[s.w[j].W] || s.gAt[j] < 0 && !s.w[j].Punct && !s.w[j].Cap && j < k+4) && s.gAt[j] < 0 {
			j++
		}
		if j >= len(s.w) || s.gAt[j] < 0 {
			continue
		}
		comp := s.comps[s.groups[s.gAt[j]].comp]
		if len(comp) < 2 {
			continue
		}
		if k > 0 {
			switch s.w[k-1].W {
			case "PLANNED", "PROPOSED", "UPCOMING", "FUTURE", "POSSIBLE", "NO", "NEW":
				continue
			}
		}
		for _, x := range comp {
			for _, y := range comp {
				gx, gy := s.groups[x], s.groups[y]
				if x == y || gx.code == gy.code {
					continue
				}
				out = append(out, Coded{
					Source: gx.code, Target: gy.code, Code: code, Status: "asserted",
					SrcSpan:    [2]int{s.w[gx.start].Start, s.w[gx.end-1].End},
					TgtSpan:    [2]int{s.w[gy.start].Start, s.w[gy.end-1].End},
					Trigger:    [2]int{s.w[k].Start, s.w[k].End},
					Rule:       "nominal: " + s.w[k].W + " BETWEEN",
					Confidence: 0.5, Verb: s.w[k].W,
				})
			}
		}
	}
	return out
}

// finiteAt reports whether the verb looks finite (past or present
// tense): the POS tag when there is one, else its ending.
func (c *Coder) finiteAt(s *sentence, vh verbHit) bool {
	w := s.w[vh.i]
	if w.POS != "" {
		return w.POS == "VBD" || w.POS == "VBZ" || w.POS == "VBP"
	}
	return strings.HasSuffix(w.W, "ED") || (strings.HasSuffix(w.W, "S") && !strings.HasSuffix(w.W, "SS")) ||
		w.W != vh.v.Lemma && !strings.HasSuffix(w.W, "ING")
}

// adverbialClause reports a verb in a clause opened by "as", "after",
// "while", "before", "since" or "following" after the main clause
// (", as authorities in Croatia cracked down on ..."): background to
// what the sentence reports.
func adverbialClause(s *sentence, vh verbHit) bool {
	if w := s.w[vh.i].W; vh.start == vh.i && vh.start > 2 && s.w[vh.start-1].W == "AND" && strings.HasSuffix(w, "ING") {
		// ", setting fire to their mattresses and smashing furniture":
		// a participle joined to a background participle clause
		for k := vh.start - 2; k > 0; k-- {
			if s.w[k].W == "," {
				if n := s.w[k+1].W; k+1 < vh.start && strings.HasSuffix(n, "ING") && n != "SAYING" && n != "ADDING" && mainBefore(s, k) {
					return true
				}
				break
			}
			if s.w[k].Punct || s.w[k].W == "AND" {
				break
			}
		}
	}
	if w := s.w[vh.i].W; vh.start == vh.i && vh.start > 1 && s.w[vh.start-1].W == "," && strings.HasSuffix(w, "ING") &&
		s.w[vh.i].POS != "NN" && w != "SAYING" && w != "ADDING" && mainBefore(s, vh.start-1) {
		// ", killing at least 156 people", ", urging the counterpart
		// to sign": a participle clause after the main clause
		// elaborates the news; reported speech (", saying ...") is
		// the news itself
		return true
	}
	for k := vh.start - 1; k > 0; k-- {
		w := s.w[k].W
		switch w {
		case "AS", "AFTER", "WHILE", "BEFORE", "SINCE", "WHEREAS":
			return s.w[k-1].W == ","
		case ",", ";", "THAT":
			return false
		}
	}
	return false
}

// mainBefore reports a finite-looking verb (past tense or after an
// auxiliary) before position end, outside quotations' openings.
func mainBefore(s *sentence, end int) bool {
	for k := 1; k < end; k++ {
		w := s.w[k].W
		if aux[w] || strings.HasSuffix(w, "ED") && !s.w[k].Cap && !dets[s.w[k-1].W] {
			return true
		}
	}
	return false
}

// eventNouns name acts and statements: a participle on them ("operations
// targeting X", "a declaration demanding that") reports the act itself.
var eventNouns = set("OPERATION", "OPERATIONS", "ATTACK", "ATTACKS", "STRIKES", "RAID", "RAIDS", "CAMPAIGN",
	"OFFENSIVE", "MEASURES", "EFFORT", "EFFORTS", "TALKS", "PROTEST", "PROTESTS", "DEMONSTRATION",
	"DEMONSTRATIONS", "DECLARATION", "STATEMENT", "LETTER", "COMMUNIQUE", "RESOLUTION", "REPORT",
	"APPEAL", "MESSAGE", "SPEECH", "MOVE", "MOVES", "PLAN", "DECISION", "ORDER")

// modifierParticiple reports a participle that describes a noun rather
// than reporting the sentence's news: "refugees fleeing the civil war",
// "a guard involved in a shooting", "the Beagle Channel, disputed by
// Argentina and Chile". Participles on event nouns ("operations
// targeting X") are the act and do not count.
func (c *Coder) modifierParticiple(s *sentence, vh verbHit) bool {
	if vh.start == 0 {
		return false
	}
	w := s.w[vh.i]
	prev := s.w[vh.start-1]
	ing := strings.HasSuffix(w.W, "ING")
	ed := strings.HasSuffix(w.W, "ED") || w.POS == "VBN"
	if w.POS != "" && w.POS != "VBG" && w.POS != "VBN" {
		return false
	}
	if !ing && !ed {
		return false
	}
	if ed && prev.W == "," {
		// ", disputed by X": a passive participle clause on the noun
		// before the comma
		return vh.end < len(s.w) && s.w[vh.end].W == "BY" && vh.start >= 2 && !s.w[vh.start-2].Punct
	}
	if prev.Punct || aux[prev.W] || beForms[prev.W] || conjs[prev.W] || pronoun[prev.W] || preps[prev.W] ||
		dets[prev.W] || negWords[prev.W] || strings.HasSuffix(prev.W, "LY") || eventNouns[prev.W] || c.isVerbWord(prev.W) ||
		number(prev.W) || prev.W == "TO" || prev.W == "'S" {
		return false
	}
	// ", a body linked to X": a participle in an appositive describes
	// its noun whatever follows it
	appositive := vh.start >= 3 && (s.w[vh.start-2].W == "A" || s.w[vh.start-2].W == "AN") && s.w[vh.start-3].W == ","
	if ed && !appositive && !(vh.end < len(s.w) && (s.w[vh.end].W == "BY" || s.w[vh.end].W == "IN" || s.w[vh.end].W == "WITH")) {
		// a bare past form after a noun is the finite verb ("rebels
		// attacked"); a reduced relative needs its by/in/with phrase
		return false
	}
	if ed && s.gAt[vh.start-1] >= 0 {
		// "Burundian militiamen armed with": ambiguous with the main verb
		return false
	}
	return true
}

// timePP reports a temporal phrase ("on Monday", "in March") that may
// stand between a verb and its prepositional object.
func timePP(s *sentence, k int) bool {
	if k+1 >= len(s.w) {
		return false
	}
	switch s.w[k+1].W {
	case "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
		"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
		"OCTOBER", "NOVEMBER", "DECEMBER", "PRINCIPLE":
		return true
	}
	return len(s.w[k+1].W) == 4 && s.w[k+1].W[0] >= '1' && s.w[k+1].W[0] <= '2'
}

// baseVerb reports whether w is the base form of a dictionary verb.
func (c *Coder) baseVerb(w string) bool {
	for _, v := range c.d.Verbs.Forms[w] {
		if v.Form == v.Lemma {
			return true
		}
	}
	return false
}

// underDirective reports whether verb vi sits in a "that" clause governed
// by a demand or appeal ("urged that X withdraw").
func (c *Coder) underDirective(s *sentence, vi int, codeOf map[int]string) bool {
	vh := s.verbs[vi]
	for pv := vi - 1; pv >= 0; pv-- {
		p := s.verbs[pv]
		that := false
		for k := p.end; k < vh.start; k++ {
			if s.w[k].W == "THAT" {
				that = true
			}
		}
		if !that {
			continue
		}
		code := codeOf[pv]
		if code == "" {
			code = p.v.Code
			if code == "" {
				code = p.v.Block.Code
			}
		}
		code = strings.SplitN(code, ":", 2)[0]
		if cameo.IsNumeric(code) && (cameo.Root(code) == "10" || cameo.Root(code) == "02") {
			return true
		}
		switch p.v.Lemma {
		case "DEMAND", "URGE", "ASK", "INSIST", "REQUEST", "CALL", "PRESS", "PROPOSE", "SUGGEST", "RECOMMEND":
			return true
		}
		return false
	}
	return false
}

// obligation finds "said (that) X must/should ..." after a statement
// verb (CAMEO 01): the group X, which the speaker is not part of.
func (c *Coder) obligation(s *sentence, vh verbHit, b binding) (int, bool) {
	code := strings.SplitN(b.code, ":", 2)[0]
	if len(b.subj) == 0 || !cameo.IsNumeric(code) || cameo.Root(code) != "01" || c.d.Tables == nil || len(c.d.Tables.Desc) == 0 {
		return -1, false
	}
	k := vh.end
	for k < len(s.w) && k < vh.end+3 && (s.w[k].W == "ON" && timePP(s, k) || complementFiller[s.w[k].W] && s.w[k].W != "ON" ||
		k > 0 && s.w[k-1].W == "ON" && timePP(s, k-1)) {
		k++ // "said on Tuesday that", "said today that"
	}
	if k < len(s.w) && s.w[k].W == "THAT" {
		k++
	}
	if k >= len(s.w) || s.gAt[k] < 0 {
		return -1, false
	}
	g := s.gAt[k]
	comp := s.comps[s.groups[g].comp]
	for _, x := range comp {
		for _, y := range b.subj {
			if x == y {
				return -1, false
			}
		}
	}
	end := s.groups[comp[len(comp)-1]].end
	for j := end; j < len(s.w) && j < end+3; j++ {
		w := s.w[j]
		switch w.W {
		case "MUST", "SHOULD":
			return g, true
		}
		// auxiliaries, adverbs and the phrase's head noun ("British
		// forces must") may come between
		if w.Punct || subords[w.W] || conjs[w.W] || c.verbAt(s, j) >= 0 || s.gAt[j] >= 0 {
			break
		}
	}
	return -1, false
}

// selfOrNone reports a binding without an object, or whose object is of
// the subject's own country ("threatened to ban voting in East Jerusalem").
func (c *Coder) selfOrNone(s *sentence, b binding) bool {
	if len(b.obj) == 0 {
		return true
	}
	if len(b.subj) == 0 {
		return false
	}
	sc := s.groups[b.subj[0]].code
	for _, o := range b.obj {
		oc := s.groups[o].code
		if len(oc) < 3 || len(sc) < 3 || oc[:3] != sc[:3] {
			return false
		}
	}
	return true
}

// conditionSubject returns the first actor group of an "unless"/"if"
// clause after the verb, or -1.
func conditionSubject(s *sentence, vh verbHit) int {
	for k := vh.end; k < len(s.w); k++ {
		if w := s.w[k].W; w == "UNLESS" || w == "IF" {
			for j := k + 1; j < len(s.w) && j < k+6; j++ {
				if s.gAt[j] >= 0 {
					return s.gAt[j]
				}
				if s.w[j].Punct {
					break
				}
			}
			return -1
		}
	}
	return -1
}

// conditionAfter reports an "unless"/"if" clause after the verb.
func conditionAfter(s *sentence, vh verbHit) bool {
	for k := vh.end; k < len(s.w); k++ {
		if w := s.w[k].W; w == "UNLESS" || w == "IF" {
			return true
		}
	}
	return false
}

// dropStatements removes plain "X said" events (CAMEO 010) when the same source
// has another event in the sentence: the report is about that event.
func dropStatements(evs []Coded) []Coded {
	has := map[string]bool{}
	for _, e := range evs {
		if cameo.IsNumeric(e.Code) && cameo.Root(e.Code) != "01" {
			has[e.Source] = true
		}
	}
	// a battle outranks a bare movement verb's generic 040 ("fighting
	// raged ... before Iranian troops fled the battlefield, *leaving* 220
	// men killed" is no consultation): a verb coded 040 by no pattern of
	// its own is dropped from a sentence that reports fighting
	fight := false
	for _, e := range evs {
		if cameo.IsNumeric(e.Code) {
			switch cameo.Root(e.Code) {
			case "18", "19", "20":
				fight = true
			}
		}
	}
	out := evs[:0]
	for _, e := range evs {
		if e.Code == "010" && has[e.Source] {
			continue
		}
		if fight && e.Code == "040" && !strings.Contains(e.Rule, "[") {
			continue
		}
		out = append(out, e)
	}
	return out
}

// reference reports a background mention of a past event: "recent U.S.
// operations", "the 2019 attack", "three years ago", "against the
// backdrop of", a past perfect.
func (c *Coder) reference(s *sentence, b binding, vh verbHit) bool {
	if s.historical {
		return true
	}
	if len(b.subj) > 0 {
		g := s.groups[b.subj[0]]
		for k := g.start - 1; k >= 0 && k >= g.start-3; k-- {
			if refWords[s.w[k].W] {
				return true
			}
		}
	}
	for k := max(0, vh.start-3); k < vh.start; k++ {
		if s.w[k].W == "HAD" {
			return true
		}
	}
	for k := range s.w {
		switch s.w[k].W {
		case "AGO", "BACKDROP":
			return true
		}
	}
	return false
}

// complement returns the verb index of an infinitive complement of verb
// vi ("X agreed to meet Y"), or -1.
func (c *Coder) complement(s *sentence, vi int) int {
	if vi+1 >= len(s.verbs) {
		return -1
	}
	vh, nx := s.verbs[vi], s.verbs[vi+1]
	k := vh.end
	to := false
	for k < nx.start && k < vh.end+5 {
		w := s.w[k].W
		if w == "TO" {
			to = true
		} else if !(strings.HasSuffix(w, "LY") || complementFiller[w]) {
			return -1
		}
		k++
	}
	if k == nx.start && to {
		return vi + 1
	}
	return -1
}

// complementFiller may stand between a verb and its "to" complement
// ("threatened today to hold", "agreed on Monday to meet").
var complementFiller = set("NOT", "ALSO", "ON", "WORK", "HELP", "BE", "TODAY", "YESTERDAY", "AGAIN", "NOW",
	"THEN", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "IN", "PRINCIPLE",
	"LAST", "WEEK", "NEVER", "EVEN", "STILL", "ALREADY")

// bind finds the subject, object and code of verb vi.
func (c *Coder) bind(s *sentence, vi int, subjOf map[int][]int) binding {
	vh := s.verbs[vi]
	var b binding
	// passive: BE + participle
	f := vh.v.Form
	if strings.HasSuffix(f, "ED") || strings.HasSuffix(f, "EN") ||
		(f != vh.v.Lemma && !strings.HasSuffix(f, "ING") && !strings.HasSuffix(f, "S")) {
		for k := vh.start - 1; k >= 0 && k >= vh.start-3; k-- {
			w := s.w[k].W
			if beForms[w] {
				// "is opposed to", "is committed to": adjectival
				b.passive = !(vh.end < len(s.w) && s.w[vh.end].W == "TO")
				break
			}
			if !aux[w] && !strings.HasSuffix(w, "LY") {
				break
			}
		}
	}
	// subject: first free group to the left within the clause
	clauseStart := 0
	vpCoord := false
	if k := vh.start - 1; vi > 0 {
		for k >= 0 && (aux[s.w[k].W] || strings.HasSuffix(s.w[k].W, "LY")) {
			k--
		}
		if k > 0 && conjs[s.w[k].W] && subjOf[vi-1] == nil && c.verbAt(s, k-1) < 0 && s.verbs[vi-1].end <= k {
			// "A roadside bombing killed one U.S. soldier and wounded
			// two others": the coordinated verb shares the previous
			// verb's missing subject; the previous verb's object is
			// not its subject
			pv := s.verbs[vi-1]
			between := false
			for j := pv.end; j < k; j++ {
				if subords[s.w[j].W] || s.w[j].W == ";" || s.w[j].W == "," {
					between = true
				}
			}
			if !between {
				clauseStart = pv.end
				vpCoord = true
			}
		}
		if k >= 0 && conjs[s.w[k].W] && subjOf[vi-1] != nil {
			// "kidnapped 16 advisers and exploded bombs": a verb right
			// after "and" shares the previous verb's subject, whatever
			// the previous verb's object is
			pv := s.verbs[vi-1]
			between := false
			for j := pv.end; j < k; j++ {
				if subords[s.w[j].W] || s.w[j].W == ";" {
					between = true
				}
			}
			if !between {
				b.subj = subjOf[vi-1]
				clauseStart = pv.end
				vpCoord = true
			}
		}
	}
	for k := vh.start - 1; k >= 0 && !vpCoord; k-- {
		w := s.w[k].W
		if k < len(s.ap) && s.ap[k] || k < len(s.rel) && s.rel[k] && !(vh.start > k && s.rel[vh.start]) {
			// appositives and relative clauses hold no subject of a
			// verb outside them
			continue
		}
		if gi := s.gAt[k]; gi >= 0 {
			g := s.groups[gi]
			if first := s.groups[s.comps[g.comp][0]]; first.prep == "BETWEEN" && g.prep == "" {
				// "clashes between police and protesters left ...":
				// the list's later members are in the same phrase
				k = first.start
				continue
			}
			if g.prep == "" || ((g.prep == "OF" || g.prep == "IN" || g.prep == "FROM") && c.headedByNoun(s, g)) {
				b.subj = s.comps[g.comp]
				clauseStart = s.groups[b.subj[0]].start
				break
			}
			k = g.start
			continue
		}
		if subords[w] && w != "THAT" || w == ";" {
			clauseStart = k + 1
			break
		}
		if w == "THAT" {
			clauseStart = k + 1
			break
		}
		// a previous verb: coordination shares its subject
		if pv := c.verbAt(s, k); pv >= 0 && pv < vi {
			if coordBetween(s, s.verbs[pv].end, vh.start) {
				b.subj = subjOf[pv]
			} else if p := s.verbs[pv]; strings.HasSuffix(s.w[p.i].W, "ING") && p.start > 0 && s.gAt[p.start-1] >= 0 &&
				s.groups[s.gAt[p.start-1]].prep == "" && subjOf[pv] != nil && c.finiteAt(s, vh) {
				// "British aircraft using precision guided missiles
				// killed": a participle phrase on the subject, then
				// the main verb
				b.subj = subjOf[pv]
			}
			clauseStart = s.verbs[pv].end
			break
		}
	}
	// a pronoun subject ("Iraq said it would allow") is the subject of the
	// verb that reported it
	if b.subj == nil && vh.start > 0 {
		for k := vh.start - 1; k >= 0 && k >= vh.start-4; k-- {
			w := s.w[k].W
			if subjPronoun[w] {
				for pv := vi - 1; pv >= 0; pv-- {
					if subjOf[pv] != nil {
						b.subj = subjOf[pv]
						break
					}
				}
				if b.subj == nil {
					// "``We reject this plan,'' said the Syrian
					// foreign minister": the speaker comes after
					b.subj = c.laterSpeaker(s, vi)
				}
				break
			}
			if !aux[w] && !strings.HasSuffix(w, "LY") && !negWords[w] {
				break
			}
		}
	}
	// infinitive of purpose or participle: "met X to discuss", "operations
	// targeting": the controller's subject / the noun phrase before
	if vh.start > 0 && s.w[vh.start-1].W == "TO" {
		for pv := vi - 1; pv >= 0; pv-- {
			if subjOf[pv] != nil {
				b.subj = subjOf[pv]
				break
			}
		}
	} else if strings.HasSuffix(s.w[vh.i].W, "ING") && vh.start > 0 && s.w[vh.start-1].W == "," {
		// ", signaling ...": the subject of the sentence's main verb
		b.subj = nil
		if vi > 0 {
			b.subj = subjOf[0]
		}
	} else if strings.HasSuffix(s.w[vh.i].W, "ING") && vh.start > 0 && !aux[s.w[vh.start-1].W] && !beForms[s.w[vh.start-1].W] &&
		!s.w[vh.start-1].Punct && !conjs[s.w[vh.start-1].W] && !pronoun[s.w[vh.start-1].W] {
		// a participle on a noun ("operations targeting X"): its subject
		// is the actor in that noun phrase, if any
		b.subj = nil
		for k := vh.start - 1; k >= 0 && k >= vh.start-2; k-- {
			if gi := s.gAt[k]; gi >= 0 {
				b.subj = s.comps[s.groups[gi].comp]
				break
			}
			if s.w[k].Punct || dets[s.w[k].W] || preps[s.w[k].W] {
				break
			}
		}
		if b.subj == nil && speechNouns[s.w[vh.start-1].W] && vi > 0 && subjOf[vi-1] != nil {
			// "issued a declaration demanding that ...": the
			// statement's author demands
			b.subj = subjOf[vi-1]
		}
	}
	// object: first group to the right, up to the next clause break
	end := len(s.w)
	for k := vh.end; k < len(s.w); k++ {
		w := s.w[k].W
		if w == ";" || (subords[w] && w != "THAT") {
			end = k
			break
		}
		if pv := c.verbAt(s, k); pv > vi && k >= vh.end && s.w[k-1].W != "TO" {
			// the next finite verb ends the object; infinitives ("to")
			// and participles on a noun ("roads leading into X") do not
			w := s.w[k].W
			finite := strings.HasSuffix(w, "ED") || (strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS"))
			if p := s.w[k].POS; p != "" {
				finite = p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD"
			}
			pw := s.w[k-1]
			if strings.HasSuffix(w, "ING") {
				finite = false // "roads leading into X": the participle's object counts
			}
			if s.w[k].POS == "VBN" && !aux[pw.W] && !pw.Punct {
				finite = true // "measures aimed at X": a reduced relative clause
			}
			if finite || pw.W == "," {
				end = k
				break
			}
		}
	}
	var byGroup []int
	for k := vh.end; k < end; k++ {
		gi := s.gAt[k]
		if gi < 0 {
			if s.w[k].W == "," && b.obj == nil && byGroup == nil && k > vh.end && c.newClause(s, k, end) {
				// ", the White House announced": a comma before a new
				// subject and its verb ends the object search
				break
			}
			continue
		}
		g := s.groups[gi]
		if b.passive && g.prep == "BY" && byGroup == nil {
			byGroup = s.comps[g.comp]
			k = g.end - 1
			continue
		}
		if b.obj == nil {
			b.obj = s.comps[g.comp]
		} else if len(b.obj) == 1 && s.groups[b.obj[0]].agentOnly && !g.agentOnly && g.prep != "" && !b.passive {
			// "providing military intelligence to Macedonia": a role word
			// right after the verb is the theme; the named actor of the
			// following prepositional phrase is the target
			b.obj = s.comps[g.comp]
		}
		k = g.end - 1
	}
	if len(b.subj) > 1 && s.groups[b.subj[0]].anaphoric {
		b.compound = true
	}
	if b.passive {
		if byGroup != nil {
			b.subj, b.obj = byGroup, b.subj
		} else if b.subj != nil {
			// agentless passive: the subject is the target
			b.subj, b.obj = nil, b.subj
		}
	}
	// patterns
	block := vh.v.Block
	b.code = vh.v.Code
	if b.code == "" {
		b.code = block.Code
	}
	b.rule = vh.v.Lemma
	// patterns look further than the object: to the clause end, i.e. a
	// subordinator, a participial clause after a comma or a finite verb
	pend := len(s.w)
	for k := vh.end; k < len(s.w); k++ {
		w := s.w[k].W
		if w == ";" || (subords[w] && w != "THAT") || modals[w] && k > vh.end {
			// a modal opens the next verb phrase: "announced it would
			// prohibit all aid" is no "announce aid"
			pend = k
			break
		}
		if pv := c.verbAt(s, k); pv > vi && s.w[k-1].W != "TO" {
			finite := strings.HasSuffix(w, "ED") || (strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS"))
			if p := s.w[k].POS; p != "" {
				finite = p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD"
			}
			// a participle right after a noun opens a reduced relative
			// clause ("measures aimed at")
			pw := s.w[k-1]
			reduced := strings.HasSuffix(w, "ED") && !pw.Punct && s.gAt[k-1] < 0 && !aux[pw.W] && !dets[pw.W] &&
				!preps[pw.W] && !strings.HasSuffix(pw.W, "LY") && !conjs[pw.W]
			if s.w[k-1].W == "," || finite || reduced {
				pend = k
				break
			}
		}
	}
	if pend-vh.end > 20 {
		pend = vh.end + 20
	}
	// a verb with a code of its own uses only its own (and unannotated)
	// patterns; one without ("SUSPEND", code ---) borrows its synonyms'
	// ("- * AID [162] # HALT": suspending aid is halting it)
	own := b.code != "" && b.code != "---"
	for pass := 0; pass < 2 && !b.pattern; pass++ {
		for _, p := range block.Patterns {
			if (pass == 0 || own) && c.otherVerbs(p, block, vh.v.Lemma) {
				continue
			}
			m, ok := c.match(s, p, clauseStart, vh, pend)
			if !ok {
				continue
			}
			b.code = p.Code
			b.rule = p.Line
			b.pattern = true
			if m.src != nil {
				b.subj = m.src
			}
			if m.tgt != nil {
				b.obj = m.tgt
				b.patObj = true
			}
			if m.compound {
				b.compound = true
			}
			b.negInPat = m.neg
			break
		}
	}
	return b
}

// otherVerbs reports whether pattern p is annotated ("# TAKE") as the
// pattern of another verb of its synonym block than lemma. The
// dictionary's blocks join verbs of one CAMEO family, but a pattern's
// object often makes sense for one verb only: "take part" is joining
// (030), "captured part of a stronghold" is not.
func (c *Coder) otherVerbs(p *cameo.Pattern, block *cameo.Block, lemma string) bool {
	n, ok := c.notes[p]
	return ok && americanSpelling(n) != americanSpelling(lemma)
}

// americanSpelling folds the British -ISE/-YSE spelling of a verb into
// the American -IZE/-YZE: the dictionary lists both MOBILISE and
// MOBILIZE in one block and notes a pattern with either ("- *
// &MILITARY (ON BORDER) [154] # MOBILISE"), which is one verb.
func americanSpelling(v string) string {
	switch {
	case strings.HasSuffix(v, "ISE") && len(v) > 5:
		return v[:len(v)-3] + "IZE"
	case strings.HasSuffix(v, "YSE") && len(v) > 5:
		return v[:len(v)-3] + "YZE"
	}
	return v
}

// patternNote is the lemma of the verb of block that pattern p's note
// ("# TAKE", "# CALLED_OFF") names, or "".
func (c *Coder) patternNote(p *cameo.Pattern, block *cameo.Block) string {
	i := strings.LastIndexByte(p.Line, '#')
	if i < 0 {
		return ""
	}
	f := strings.Fields(p.Line[i+1:])
	if len(f) == 0 {
		return ""
	}
	note := strings.TrimRight(f[0], ",")
	// the note is a verb of the block, in any of its forms ("CALLED_OFF")
	for _, w := range strings.Split(note, "_") {
		for _, v := range c.d.Verbs.Forms[w] {
			if v.Block != block {
				continue
			}
			form := strings.Join(append(append(append([]string{}, v.Before...), v.Form), v.After...), "_")
			if form == note || v.Lemma == note {
				return v.Lemma
			}
		}
	}
	return ""
}

// headedByNoun reports whether an "of/in/from X" phrase hangs on a noun
// phrase that opens the clause ("A group of Moroccan diplomats held",
// "Opposition groups in Zimbabwe are demanding"): X then stands for the
// subject.
func (c *Coder) headedByNoun(s *sentence, g *group) bool {
	k := g.start - 1
	for k >= 0 && s.w[k].W != g.prep {
		k--
	}
	if k <= 0 {
		return false
	}
	for j := k - 1; j >= 0; j-- {
		w := s.w[j]
		if w.Punct || conjs[w.W] {
			return w.W == "," || w.W == ";"
		}
		if preps[w.W] || c.verbAt(s, j) >= 0 || aux[w.W] || s.gAt[j] >= 0 || subords[w.W] {
			return false
		}
	}
	return true
}

// newClause reports whether the comma at k opens a clause: an actor
// phrase followed by a verb before the window end.
func (c *Coder) newClause(s *sentence, k, end int) bool {
	sawGroup := false
	for j := k + 1; j < len(s.w) && j < k+8; j++ {
		if s.gAt[j] >= 0 {
			sawGroup = true
			j = s.groups[s.gAt[j]].end - 1
			continue
		}
		if c.verbAt(s, j) >= 0 {
			return sawGroup
		}
		if s.w[j].Punct {
			return false
		}
	}
	return false
}

var modals = set("WILL", "WOULD", "SHALL", "SHOULD", "MUST", "MAY", "MIGHT", "CAN", "COULD", "WO", "CA")

// readyAdj announce an act when followed by "to": "ready to contribute".
var readyAdj = set("READY", "WILLING", "PREPARED", "EAGER", "DETERMINED", "KEEN", "RESOLVED",
	"READINESS", "WILLINGNESS", "DETERMINATION", "INTENTION", "INTENT", "DESIRE", "PLAN", "PLANS", "DECISION")

// transparentVerb: "decided to allow" is the allowing.
var transparentVerb = set("DECIDE", "RESOLVE", "BEGIN", "START", "MANAGE", "MOVE", "VOTE")

// speechNouns are statements an actor issues: a participle on them
// ("a declaration demanding", "a statement condemning") is the author's
// act.
var speechNouns = set("DECLARATION", "STATEMENT", "LETTER", "COMMUNIQUE", "MESSAGE", "APPEAL", "NOTE",
	"RESOLUTION", "REPORT", "SPEECH", "BROADCAST", "PETITION")

// laterSpeaker finds the speaker of a quotation or reported clause whose
// reporting verb comes after it, past a comma or closing quote: ",
// the Syrian foreign minister said" or "said the Syrian foreign
// minister".
func (c *Coder) laterSpeaker(s *sentence, vi int) []int {
	vh := s.verbs[vi]
	for pv := vi + 1; pv < len(s.verbs); pv++ {
		rv := s.verbs[pv]
		if !reportVerb[rv.v.Lemma] {
			continue
		}
		sep := false
		for k := vh.end; k < rv.start; k++ {
			w := s.w[k].W
			sep = sep || w == "," || w == "''" || w == "\"" || w == "'"
		}
		if !sep {
			return nil
		}
		if k := rv.start - 1; k >= 0 && s.gAt[k] >= 0 && s.groups[s.gAt[k]].prep == "" {
			return s.comps[s.groups[s.gAt[k]].comp]
		}
		k := rv.end
		for k < len(s.w) && dets[s.w[k].W] {
			k++
		}
		if k < len(s.w) && s.gAt[k] >= 0 {
			return s.comps[s.groups[s.gAt[k]].comp]
		}
		return nil
	}
	return nil
}

// mandative verbs take a that-clause of what should happen.
var mandative = set("DEMANDED", "DEMANDS", "DEMAND", "DEMANDING", "URGED", "URGES", "URGE", "URGING",
	"INSISTED", "INSISTS", "PROPOSED", "PROPOSES", "SUGGESTED", "SUGGESTS", "RECOMMENDED", "RECOMMENDS",
	"ASKED", "ASKS", "REQUESTED", "REQUESTS")

// vowVerb declares what the actor will do: vowing force is a threat.
var vowVerb = set("VOW", "SWEAR", "PLEDGE", "PROMISE")

// threatOf is the CAMEO threat announcing a material conflict act: to
// reduce relations (131 non-force), to repress (137), or force (138).
func threatOf(code string) string {
	switch cameo.Root(code) {
	case "16":
		return "131"
	case "17":
		return "137"
	}
	return "138"
}

var agreeVerb = set("AGREE", "PROMISE", "PLEDGE", "OFFER", "COMMIT")

var subjPronoun = set("IT", "THEY", "HE", "SHE", "WE")

// interactive codes need a counterpart: statements, appeals, consultations,
// support, cooperation, aid, investigations, demands, disapproval,
// sanctions ("Microsoft has left the market" is no visit).
func interactive(code string) bool {
	if !cameo.IsNumeric(code) {
		return false
	}
	switch cameo.Root(code) {
	case "01", "02", "04", "05", "06", "07", "09", "10", "11", "16":
		return true
	}
	return false
}

// oneSided codes are acts usually reported without a target: yielding
// and withdrawing (08), rejecting (12), threatening (13: "threatened to
// kill the hostages"), protesting (14). PLOVER requires no recipient
// for any of them.
func oneSided(code string) bool {
	if !cameo.IsNumeric(code) {
		return false
	}
	switch cameo.Root(code) {
	case "08", "12", "13", "14":
		return true
	}
	return false
}

// anyArmed reports whether one of the groups is an armed actor.
func (c *Coder) anyArmed(s *sentence, gs []int) bool {
	for _, g := range gs {
		if g >= 0 && g < len(s.groups) && armed(s.groups[g].code) {
			return true
		}
	}
	return false
}

// armed reports whether an actor code names an armed or coercive actor.
func armed(code string) bool {
	for _, t := range []string{"MIL", "REB", "COP", "CRM", "UAF", "SPY", "INS"} {
		if strings.Contains(code[min(3, len(code)):], t) || strings.HasPrefix(code, t) {
			return true
		}
	}
	return false
}

// reciprocal codes are acts a compound subject does with each other.
// eachOther reports "each other" / "one another" right after the verb
// ("Armenia and Azerbaijan accused each other"): the members of a
// compound subject act on each other, whatever the code.
func eachOther(s *sentence, vh verbHit) bool {
	for k := vh.end; k+1 < len(s.w) && k <= vh.end+2; k++ {
		if (s.w[k].W == "EACH" && s.w[k+1].W == "OTHER") || (s.w[k].W == "ONE" && s.w[k+1].W == "ANOTHER") {
			return true
		}
	}
	return false
}

func reciprocal(code string) bool {
	if !cameo.IsNumeric(code) {
		return false
	}
	switch cameo.Root(code) {
	case "03", "04", "05", "06", "19":
		return true
	}
	return false
}

func coordBetween(s *sentence, from, to int) bool {
	for k := from; k < to; k++ {
		if conjs[s.w[k].W] || s.w[k].W == "," {
			return true
		}
	}
	return false
}

// verbAt returns the index in s.verbs of the verb covering word k, or -1.
func (c *Coder) verbAt(s *sentence, k int) int {
	for i, v := range s.verbs {
		if k >= v.start && k < v.end {
			return i
		}
	}
	return -1
}

type patMatch struct {
	src, tgt []int
	compound bool
	neg      bool
}

// match tries pattern p around verb vh: Pre elements in order between
// from and the verb, Post elements in order after it, before end.
func (c *Coder) match(s *sentence, p *cameo.Pattern, from int, vh verbHit, end int) (patMatch, bool) {
	var m patMatch
	// pre: match right to left, ending at the verb
	pos := vh.start
	pre := p.Pre
	mustAdj := false
	if len(pre) > 0 && pre[len(pre)-1].Kind == cameo.ElemWords && pre[len(pre)-1].Alts == nil {
		pre = pre[:len(pre)-1]
		mustAdj = true
	}
	lo := 0
	if from > 0 {
		lo = from
	}
	for i := len(pre) - 1; i >= 0; i-- {
		e := pre[i]
		adj := mustAdj && i == len(pre)-1 || (i+1 < len(pre) && pre[i+1].Adjacent)
		found := -1
		switch e.Kind {
		case cameo.ElemWords:
			for k := pos - 1; k >= lo && k >= 0; k-- {
				if n := matchAlts(s.w, k, e.Alts, pos); n > 0 && k+n <= pos {
					if adj && k+n != pos {
						break
					}
					found = k
					for _, alt := range e.Alts {
						for _, w := range alt {
							if negWords[w] {
								m.neg = true
							}
						}
					}
					break
				}
				if adj {
					// allow only the run to end at pos
					continue
				}
			}
		case cameo.ElemSource, cameo.ElemTarget, cameo.ElemCompound:
			for k := pos - 1; k >= 0; k-- {
				if gi := s.gAt[k]; gi >= 0 {
					g := s.groups[gi]
					comp := s.comps[g.comp]
					switch e.Kind {
					case cameo.ElemSource:
						m.src = comp
					case cameo.ElemTarget:
						m.tgt = comp
					case cameo.ElemCompound:
						if len(comp) < 2 {
							return m, false
						}
						m.src = comp
						m.compound = true
					}
					found = s.groups[comp[0]].start
					break
				}
			}
		case cameo.ElemSkip:
			found = pos
		}
		if found < 0 {
			return m, false
		}
		pos = found
	}
	// post: left to right; a "that" clause is outside the verb's phrase
	// unless the pattern spells "that" itself
	if !usesThat(p) {
		// ...up to the first verb of that clause ("demanded that its
		// partners refuse to recognize ... the border": not "&TOWN")
		for k := vh.end; k < end; k++ {
			if s.w[k].W != "THAT" {
				continue
			}
			for j := k + 1; j < end; j++ {
				if c.verbAt(s, j) >= 0 {
					end = j
					break
				}
			}
			break
		}
	}
	pos = vh.end
	for _, e := range p.Post {
		found := -1
		switch e.Kind {
		case cameo.ElemWords:
			if e.Alts == nil {
				continue
			}
			for k := pos; k < end; k++ {
				if n := matchAlts(s.w, k, e.Alts, end); n > 0 {
					if e.PP && k+n < len(s.w) && s.w[k].W == "TO" && c.baseVerb(s.w[k+n].W) {
						// "(TO ...)" is a prepositional phrase, not "to improve"
						continue
					}
					if e.PP && n == 1 && timePP(s, k) {
						// "telephoned Kozyrev on Tuesday" is not "call (ON)":
						// a bare preposition must not match a time phrase
						continue
					}
					found = k + n
					break
				}
				if e.Adjacent {
					break
				}
				if e.PP && preps[s.w[k].W] && !timePP(s, k) {
					// the PP must hang on the verb: another prepositional
					// phrase before it ("mobilized reservists for a war
					// against Iraq") takes what follows
					break
				}
			}
		case cameo.ElemSource, cameo.ElemTarget, cameo.ElemCompound:
			for k := pos; k < end; k++ {
				if gi := s.gAt[k]; gi >= 0 {
					g := s.groups[gi]
					comp := s.comps[g.comp]
					switch e.Kind {
					case cameo.ElemSource:
						m.src = comp
					case cameo.ElemTarget:
						m.tgt = comp
					case cameo.ElemCompound:
						if len(comp) < 2 {
							return m, false
						}
						m.tgt = comp
						m.compound = true
					}
					last := s.groups[comp[len(comp)-1]]
					found = last.end
					break
				}
				if e.Adjacent && !dets[s.w[k].W] {
					break
				}
			}
		case cameo.ElemSkip:
			found = pos
			for k := pos; k < end; k++ {
				if !s.w[k].Punct && !dets[s.w[k].W] {
					found = k + 1
					if gi := s.gAt[k]; gi >= 0 {
						found = s.groups[gi].end
					}
					break
				}
			}
		}
		if found < 0 {
			return m, false
		}
		pos = found
	}
	return m, true
}

func usesThat(p *cameo.Pattern) bool {
	for _, e := range p.Post {
		for _, alt := range e.Alts {
			for _, w := range alt {
				if w == "THAT" {
					return true
				}
			}
		}
	}
	return false
}

// matchAlts returns the length of the first alternative run matching at k.
func matchAlts(w []word, k int, alts [][]string, end int) int {
	for _, alt := range alts {
		if k+len(alt) > end || k+len(alt) > len(w) {
			continue
		}
		ok := true
		for j, a := range alt {
			if w[k+j].W != a {
				ok = false
				break
			}
		}
		if ok {
			return len(alt)
		}
	}
	return 0
}

// status reads negation, modality and hypotheticals around a verb.
func (c *Coder) status(s *sentence, vh verbHit, b binding) string {
	st := c.clauseStatus(s, vh, b)
	if st == "negated" && conditional(s, vh) {
		// "threatened to attack if the president did not resign": a
		// negation inside a condition says nothing about what happened
		// (and must not become an asserted rejection)
		return "hypothetical"
	}
	return st
}

// conditional reports whether the verb sits in a clause opened by
// if/unless/whether.
func conditional(s *sentence, vh verbHit) bool {
	for k := vh.start - 1; k >= 0; k-- {
		w := s.w[k].W
		if w == "IF" || w == "UNLESS" || w == "WHETHER" {
			return true
		}
		if w == "," || w == ";" || w == "THAT" {
			break
		}
	}
	return false
}

// clauseStatus is status without the negated-condition rule.
func (c *Coder) clauseStatus(s *sentence, vh verbHit, b binding) string {
	st := "asserted"
	for k := vh.start - 1; k >= 0 && k >= vh.start-5; k-- {
		w := s.w[k].W
		if s.gAt[k] >= 0 || s.w[k].Punct {
			break
		}
		switch {
		case negWords[w] && !b.negInPat:
			return "negated"
		case w == "WOULD" && c.reportedWould(s, k):
			// "Iraq said it would allow ...": in reported speech
			// "would" is the speaker's "will", a future, not a condition
			if st == "asserted" {
				st = "future"
			}
		case hypoWords[w]:
			st = "hypothetical"
		case futWords[w] && st == "asserted":
			st = "future"
		case w == "TO" && k > 0 && (s.w[k-1].W == "PLANS" || s.w[k-1].W == "PLAN" || s.w[k-1].W == "PLANNING" || s.w[k-1].W == "INTENDS"):
			st = "intent"
		}
		if !aux[w] && !strings.HasSuffix(w, "LY") && !negWords[w] && !hypoWords[w] && !futWords[w] {
			break
		}
	}
	// "Tanzania denied that its troops had crossed into Uganda": what is
	// denied did not happen (as far as the sentence asserts)
	for k := vh.start - 1; k >= 1 && k >= vh.start-12; k-- {
		w := s.w[k].W
		if w == "THAT" {
			if d := s.w[k-1].W; d == "DENIED" || d == "DENIES" || d == "DENY" || d == "DENYING" {
				return "negated"
			}
			if mandative[s.w[k-1].W] {
				// "demanded that its partners refuse to recognize":
				// the refusal is what is demanded, not what happened
				return "hypothetical"
			}
			break
		}
		if w == ";" || c.verbAt(s, k) >= 0 && k < vh.start-1 && s.gAt[k] < 0 && !aux[w] {
			break
		}
	}
	// clause-initial IF / UNLESS
	if conditional(s, vh) {
		return "hypothetical"
	}
	return st
}

// reportVerb introduces reported speech.
var reportVerb = set("SAY", "ANNOUNCE", "STATE", "DECLARE", "WARN", "INSIST", "CONFIRM", "ADD", "REPORT",
	"INDICATE", "TELL", "CLAIM", "PROMISE", "PLEDGE", "VOW", "DECIDE", "SIGNAL", "HINT", "THREATEN", "REITERATE")

// reportedWould reports whether the "would" (or the verb) at k is in the
// clause of a reporting verb: "X said (that) it would ...", "announced
// they would".
func (c *Coder) reportedWould(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		w := s.w[j]
		if vi := c.verbAt(s, j); vi >= 0 && s.gAt[j] < 0 {
			return reportVerb[s.verbs[vi].v.Lemma]
		}
		if reportVerb[w.W] || w.W == "SAID" || w.W == "SAYS" || w.W == "ANNOUNCED" {
			return true
		}
		if w.Punct || subords[w.W] && w.W != "THAT" || w.W == "IF" || w.W == "UNLESS" {
			return false
		}
	}
	return false
}

// emit turns a binding into coded events (paired codes, compounds).
func (c *Coder) emit(s *sentence, vh verbHit, b binding, status string) []Coded {
	codes := strings.SplitN(b.code, ":", 2)
	var out []Coded
	seen := map[string]bool{}
	keep := func(ev Coded) {
		if ev.Source == "" {
			return
		}
		if ev.Source == ev.Target {
			// an actor does not act on itself: the object phrase was
			// misread ("Palestinians and Israelis failed to reach
			// agreement on the fate of Palestinian offices"); the event
			// stands without a target if its kind allows that
			ev.Target, ev.TgtSpan = "", [2]int{}
		}
		if ev.Target == "" && c.opt.Discourse && !c.opt.RequireDyad && verbal(ev.Code) && cameo.Root(ev.Code) != "12" && cameo.Root(ev.Code) != "13" {
			// (a rejection or threat stands alone when no target is
			// found: "X rejected the plan"; the stage still looks for one)
			// the stage looks for the target in the previous sentence
			ev.NeedsTarget = true
		} else if ev.Target == "" && (c.opt.RequireDyad || interactive(ev.Code) ||
			!(b.pattern || cameo.QuadClass(ev.Code) == 4 && armed(ev.Source) || oneSided(ev.Code))) {
			// one-sided events only when a pattern vouches for them, or
			// for material conflict by armed actors ("U.S. military
			// operations targeting shipments")
			return
		}
		if (strings.HasPrefix(ev.Code, "042") || strings.HasPrefix(ev.Code, "043")) && len(ev.Source) >= 3 && len(ev.Target) >= 3 &&
			ev.Source[:3] == ev.Target[:3] {
			// a visit needs a host abroad: "Kirchner of Argentina arrived
			// in power" is no visit
			return
		}
		k := ev.Source + "|" + ev.Target + "|" + ev.Code
		if seen[k] {
			return
		}
		seen[k] = true
		ev.Confidence = 0.5
		if b.pattern {
			ev.Confidence = 0.7
		}
		if ev.Target == "" {
			ev.Confidence -= 0.2
		}
		if strings.HasPrefix(ev.Source, "---") || strings.HasPrefix(ev.Target, "---") {
			ev.Confidence -= 0.1
		}
		out = append(out, ev)
	}
	add := func(src, tgt int, code string, mirror bool) {
		if code == "" || code == "---" {
			return
		}
		ev := Coded{Code: code, Status: status, Rule: b.rule, Mirror: mirror, Verb: vh.v.Lemma,
			Trigger: [2]int{s.w[vh.start].Start, s.w[vh.end-1].End}}
		srcCodes, tgtCodes := []string{""}, []string{""}
		if src >= 0 {
			g := s.groups[src]
			ev.SrcSpan = [2]int{s.w[g.start].Start, s.w[g.end-1].End}
			srcCodes = strings.Split(g.code, "/")
		}
		if tgt >= 0 {
			g := s.groups[tgt]
			ev.TgtSpan = [2]int{s.w[g.start].Start, s.w[g.end-1].End}
			tgtCodes = strings.Split(g.code, "/")
		}
		for _, sc := range srcCodes {
			for _, tc := range tgtCodes {
				e := ev
				e.Source, e.Target = sc, tc
				keep(e)
			}
		}
	}
	if b.compound {
		members := b.subj
		if len(members) < 2 {
			members = b.obj
		}
		for _, x := range members {
			for _, y := range members {
				if x != y {
					add(x, y, codes[0], false)
				}
			}
		}
		return out
	}
	subj := b.subj
	if len(subj) == 0 {
		return nil
	}
	if len(subj) > 1 && len(b.obj) > 0 && reciprocal(codes[0]) && !b.patObj {
		// "the foreign ministers of India and Pakistan met in New
		// Delhi": a place after a locative preposition is where the
		// members met each other, not whom they met
		place := true
		for _, o := range b.obj {
			place = place && locative[s.groups[o].prep]
		}
		if place {
			b.obj = nil
		}
	}
	if len(subj) > 1 && len(b.obj) == 0 && (reciprocal(codes[0]) || eachOther(s, vh)) {
		// "X and Y agreed / met / cooperated": each with the other
		for _, x := range subj {
			for _, y := range subj {
				if x != y {
					add(x, y, codes[0], false)
				}
			}
		}
		return out
	}
	obj := b.obj
	if len(obj) == 0 {
		obj = []int{-1}
	}
	// the reverse side of a paired code is the same PLOVER event seen
	// from the recipient ("X visited Y": Y hosted X; "X met with Y": Y
	// met X) when both codes map to the same PLOVER type: PLOVER records
	// one event, actor to recipient, and the actor is the subject (a
	// compound subject, "X and Y met", makes both actors, above); a pair
	// of different types ([074:0861]: peacekeepers sent, their entry
	// allowed) is two events
	mirror := false
	if len(codes) > 1 && c.d.Tables != nil && (codes[0] != codes[1] || cameo.QuadClass(codes[0]) <= 2) {
		mirror = c.d.Tables.PloverOf(codes[0]).Event == c.d.Tables.PloverOf(codes[1]).Event
	}
	for _, x := range subj {
		for _, y := range obj {
			add(x, y, codes[0], false)
			if len(codes) > 1 && y >= 0 {
				add(y, x, codes[1], mirror)
			}
		}
	}
	return out
}

// outOfQuestion reports the idiom "out of the question" in the clause
// after word k (up to a semicolon or the next reporting clause's end).
func outOfQuestion(s *sentence, k int) bool {
	for j := k; j+3 < len(s.w); j++ {
		if s.w[j].W == ";" {
			return false
		}
		if s.w[j].W == "OUT" && s.w[j+1].W == "OF" && s.w[j+2].W == "THE" && s.w[j+3].W == "QUESTION" {
			return j == 0 || s.w[j-1].W != "NOT"
		}
	}
	return false
}

// clauseFollows reports a that-clause or a bare clause after word k
// ("conceded that ...", "conceded they were high").
func clauseFollows(s *sentence, k int) bool {
	if k >= len(s.w) {
		return false
	}
	switch s.w[k].W {
	case "THAT":
		return true
	case "THEY", "IT", "HE", "SHE", "WE", "I", "THERE":
		return k+1 < len(s.w) && (beForms[s.w[k+1].W] || aux[s.w[k+1].W])
	}
	return false
}
