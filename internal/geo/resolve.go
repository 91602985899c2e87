package geo

import (
	"math"
	"slices"

	"newsgraph/internal/doc"
)

// Resolution weights. Scores are in log10-population units: a city's prior
// is log10(population) plus a bonus for its feature code, and the context
// bonuses say how many orders of magnitude of population a piece of
// evidence outweighs.
const (
	scoreCountry       = 12.0 // a country name nearly always means the country
	scoreRegion        = 12.0 // "Latin America", "Africa"
	scoreAdmin1        = 9.5  // "New York", "Georgia": the admin area unless context says otherwise
	admin1Base         = 4.5  // ... if its towns add up to 100,000 people; less below (log10 units)
	bonusCapital       = 3.0  // PPLC
	bonusSeat1         = 1.0  // PPLA: seat of a first-order division
	bonusSeat2         = 0.3  // PPLA2
	penaltyAltName     = 1.0  // matched through an alternate name only
	penaltyBigName     = 4.0  // ... that is also a country's, admin1's or region's own name
	penaltyTownName    = 2.0  // ... that is also another town's own name
	bonusQualifier     = 10.0 // "Paris, Texas": the qualifier names the entry's admin1 or country
	bonusCountryCtx    = 2.5  // the entry's country is mentioned in the article
	bonusTopCountry    = 1.0  // ... and it is the article's main country
	bonusAdminCtx      = 2.0  // the entry's admin1 is mentioned in the article
	bonusHasCities     = 2.0  // an admin1 some of whose towns the article names
	penaltyCountryName = 50.0 // ... a country's or region's: "Mexico" is never Mexico City
	penaltyShadow      = 8.0  // an admin1 named like its country or its dominant city
	penaltySmallTwin   = 6.0  // a small town named like a country, admin1 or region
	penaltyOldName     = 3.0  // a country's non-curated alias
	bonusActorCapital  = 6.0  // a place standing for a government is its capital
	penaltyUnmentioned = 1.5  // a town in a country the article never names otherwise
	bonusDateline      = 3.0  // a dateline names a city ("WASHINGTON —")
	bonusLocal         = 4.0  // within 50 km of another place of the article
	bonusNear          = 2.0  // within 150 km
	bonusClose         = 1.0  // within 400 km
	bonusPair          = 2.5  // a plausible reading of another name lies within pairKm
	pairKm             = 30.0
	pairPlausible      = 3.0    // a reading is plausible within this much of its name's best prior
	pairBigTown        = 100000 // ... or when it is a city of its own name this big (London, Ontario)
)

type group struct {
	key      string
	members  []int   // indexes into cands
	entries  []int   // candidate entries (deduplicated)
	flags    []uint8 // name flags per entry
	qual     []Match
	demonym  bool
	dateline bool
	actor    bool
	pick     int // chosen index into entries
	// paired marks entries that lie within pairKm of a plausible reading
	// of another name of the article (see pairUp)
	paired []bool
	conf   float64
	score  []float64
}

type docContext struct {
	cw     map[[2]byte]float64 // country weights
	top    [2]byte
	admin  map[int]int  // admin1 entries mentioned (number of names)
	cities map[int]int  // admin1 entries with a town mentioned (number of names)
	points [][3]float64 // lat, lon, group index of anchor places
	// own holds what each name's first pick put into the context (pass 2
	// only): a name is judged by the rest of the article, not by the echo
	// of its own first reading (London read as London, England must not
	// earn England's country bonus from itself).
	own []support
}

// support is one name's share of the second-pass context.
type support struct {
	cc     [2]byte
	w      float64
	admin  int // admin1 entry marked mentioned, or -1
	cities int // admin1 entry marked as having a named town, or -1
}

// countryWeight is cc's weight in the context without group gi's own share.
func (ctx *docContext) countryWeight(cc [2]byte, gi int) float64 {
	w := ctx.cw[cc]
	if ctx.own != nil && ctx.own[gi].cc == cc {
		w -= ctx.own[gi].w
	}
	return w
}

// topFor is the article's main country as seen by group gi: the top
// country once gi's own share is taken out.
func (ctx *docContext) topFor(gi int) [2]byte {
	if ctx.own == nil || ctx.own[gi].cc != ctx.top {
		return ctx.top
	}
	var top [2]byte
	best := 0.0
	for cc := range ctx.cw {
		w := ctx.countryWeight(cc, gi)
		if w > best || (w == best && w > 0 && string(cc[:]) < string(top[:])) {
			best, top = w, cc
		}
	}
	return top
}

func (ctx *docContext) adminMentioned(a, gi int) bool {
	n := ctx.admin[a]
	if ctx.own != nil && ctx.own[gi].admin == a {
		n--
	}
	return n > 0
}

func (ctx *docContext) hasCities(a, gi int) bool {
	n := ctx.cities[a]
	if ctx.own != nil && ctx.own[gi].cities == a {
		n--
	}
	return n > 0
}

// resolve picks one entry per candidate, one sense per name per article.
func (g *Gazetteer) resolve(cands []candidate) []group {
	byKey := map[string]int{}
	var groups []group
	for i := range cands {
		c := &cands[i]
		k := c.key
		if c.demonym {
			k = "\x00" + k
		}
		gi, ok := byKey[k]
		if !ok {
			gi = len(groups)
			byKey[k] = gi
			groups = append(groups, group{key: k, demonym: c.demonym})
			gr := &groups[gi]
			for _, m := range c.matches {
				isDem := demonymOnly(m.Flags)
				if isDem != c.demonym {
					continue
				}
				if j := slices.Index(gr.entries, m.Entry); j >= 0 {
					gr.flags[j] |= m.Flags
					continue
				}
				gr.entries = append(gr.entries, m.Entry)
				gr.flags = append(gr.flags, m.Flags)
			}
		}
		groups[gi].members = append(groups[gi].members, i)
		groups[gi].dateline = groups[gi].dateline || c.dateline
		groups[gi].actor = groups[gi].actor || c.actor
		groups[gi].qual = append(groups[gi].qual, c.qual...)
	}
	g.pairUp(groups)
	// pass 1: priors, qualifiers and the countries named outright
	ctx := docContext{cw: map[[2]byte]float64{}, admin: map[int]int{}}
	for gi := range groups {
		gr := &groups[gi]
		for j, e := range gr.entries {
			if g.kind(e) == KindCountry && (gr.flags[j]&NameDemonym == 0 || len(gr.entries) == 1) {
				ctx.cw[g.country(e)] += float64(len(gr.members))
			}
		}
	}
	ctx.top = topCountry(ctx.cw)
	for gi := range groups {
		g.pick(&groups[gi], gi, &ctx, cands)
	}
	// pass 2 (and 3): the countries, admin areas and points of the previous
	// picks. A third pass runs when the second changed a pick: two names
	// that each read the other's first country can otherwise swap
	// ("Cumberland" first read as New South Wales pulls "TORRINGTON" there
	// while itself moving to Rhode Island)
	ctx2 := g.pickContext(groups)
	prev := make([]int, len(groups))
	for gi := range groups {
		prev[gi] = groups[gi].pick
		g.pick(&groups[gi], gi, &ctx2, cands)
	}
	changed := false
	for gi := range groups {
		changed = changed || groups[gi].pick != prev[gi]
	}
	if changed {
		ctx2 = g.pickContext(groups)
		for gi := range groups {
			g.pick(&groups[gi], gi, &ctx2, cands)
		}
	}
	g.dropStrays(groups, &ctx2)
	return groups
}

// Strays: a small town picked only because nothing else carries its name.
const (
	strayPop = 20000  // towns below this many people ...
	strayKm  = 1000.0 // ... this far from every other place of the article
)

// dropStrays leaves out the names whose only reading is a far-off small
// town in a country nothing else in the article is in: "Heathrow" in a
// story on London's airports is the airport (not in our data), not
// Heathrow, Florida; such a pick is a guess and a wrong pin on the map.
// A qualifier ("Heathrow, Florida") or a dateline keeps it.
func (g *Gazetteer) dropStrays(groups []group, ctx *docContext) {
	var pts []groupPoint
	for gi := range groups {
		gr := &groups[gi]
		if len(gr.entries) == 0 {
			continue
		}
		lat, lon := g.point(gr.entries[gr.pick])
		pts = append(pts, groupPoint{lat, lon, gi})
	}
	for gi := range groups {
		gr := &groups[gi]
		if len(gr.entries) == 0 || gr.dateline || len(gr.qual) > 0 || gr.demonym {
			continue
		}
		e := gr.entries[gr.pick]
		if g.kind(e) != KindCity {
			continue
		}
		cc := g.country(e)
		if top := ctx.topFor(gi); top[0] == 0 || top == cc || ctx.countryWeight(cc, gi) > 0 {
			continue
		}
		// a town named only through an alternate (old, foreign) name or a
		// code in a country the story never names: Cairo's "Abbasiya" is
		// not Yehud, Israel, whose old Arabic name it is, nor the "NAO"
		// (National Audit Office) Nanchong, whose airport code it is
		if gr.flags[gr.pick]&(NamePrimary|NameCurated) == 0 {
			gr.entries = gr.entries[:0]
			continue
		}
		if g.pop(e) >= strayPop || len(pts) < 3 {
			continue
		}
		if lat, lon := g.point(e); !nearOther(pts, gi, lat, lon, strayKm) {
			gr.entries = gr.entries[:0]
		}
	}
}

// pickContext is the context the current picks make: country weights,
// admin areas and town points, with each name's own share kept apart.
func (g *Gazetteer) pickContext(groups []group) docContext {
	ctx := docContext{cw: map[[2]byte]float64{}, admin: map[int]int{}, cities: map[int]int{},
		own: make([]support, len(groups))}
	for gi := range groups {
		gr := &groups[gi]
		own := &ctx.own[gi]
		own.admin, own.cities = -1, -1
		if len(gr.entries) == 0 {
			continue
		}
		e := gr.entries[gr.pick]
		w := float64(len(gr.members))
		if gr.conf < 0.6 {
			w *= 0.5
		}
		if cc := g.country(e); cc[0] != 0 {
			ctx.cw[cc] += w
			own.cc, own.w = cc, w
		}
		switch g.kind(e) {
		case KindAdmin1:
			ctx.admin[e]++
			own.admin = e
		case KindCity, KindAdmin2:
			if a := g.adminOf(e); a >= 0 {
				if gr.conf >= 0.8 {
					ctx.admin[a]++
					own.admin = a
				}
				ctx.cities[a]++
				own.cities = a
			}
			lat, lon := g.point(e)
			ctx.points = append(ctx.points, [3]float64{lat, lon, float64(gi)})
		}
	}
	ctx.top = topCountry(ctx.cw)
	return ctx
}

// pairUp marks the town readings of each name that have a plausible town
// reading of another name of the article within pairKm: two names that can
// both be read as neighbouring places most likely are ("Edmonton" and
// "Enfield" in north London, not Alberta and Connecticut). Only readings
// within pairPlausible of their name's best prior count, so a village that
// happens to share a big city's name does not pull another name to it.
func (g *Gazetteer) pairUp(groups []group) {
	var pts []groupPoint
	for gi := range groups {
		gr := &groups[gi]
		gr.paired = make([]bool, len(gr.entries))
		if gr.demonym {
			continue
		}
		best := math.Inf(-1)
		for j, e := range gr.entries {
			best = max(best, g.prior(e, gr.flags[j]))
		}
		for j, e := range gr.entries {
			if k := g.kind(e); k != KindCity && k != KindAdmin2 {
				continue
			}
			if g.prior(e, gr.flags[j]) < best-pairPlausible && (g.pop(e) < pairBigTown || gr.flags[j]&NamePrimary == 0) {
				continue
			}
			lat, lon := g.point(e)
			pts = append(pts, groupPoint{lat, lon, gi})
		}
	}
	for gi := range groups {
		gr := &groups[gi]
		for j, e := range gr.entries {
			if k := g.kind(e); k != KindCity && k != KindAdmin2 {
				continue
			}
			lat, lon := g.point(e)
			gr.paired[j] = nearOther(pts, gi, lat, lon, pairKm)
		}
	}
}

// groupPoint is a point a name group of the article may stand for.
type groupPoint struct {
	lat, lon float64
	gi       int // the group
}

// nearOther reports whether a point of a group other than gi lies within
// km of lat, lon.
func nearOther(pts []groupPoint, gi int, lat, lon, km float64) bool {
	for _, p := range pts {
		if p.gi != gi && Distance(lat, lon, p.lat, p.lon) < km {
			return true
		}
	}
	return false
}

func topCountry(cw map[[2]byte]float64) [2]byte {
	var top [2]byte
	best := 0.0
	for cc, w := range cw {
		if w > best || (w == best && string(cc[:]) < string(top[:])) {
			best, top = w, cc
		}
	}
	return top
}

func (g *Gazetteer) prior(e int, flags uint8) float64 {
	var s float64
	switch g.kind(e) {
	case KindCountry:
		s = scoreCountry
	case KindRegion:
		s = scoreRegion
	case KindAdmin1:
		// the area's town population stands for its size: a Barbados
		// parish or an Antiguan one ("Saint Thomas", "Saint Peter") is no
		// match for a US state or a Canadian province
		s = min(scoreAdmin1, admin1Base+math.Log10(float64(g.pop(e))+10))
	case KindAdmin2:
		s = 1.5 + 0.6*math.Log10(float64(g.pop(e))+10)
	default:
		s = math.Log10(float64(g.pop(e)) + 10)
		switch g.fcode(e) {
		case "PPLC":
			s += bonusCapital
		case "PPLA":
			s += bonusSeat1
		case "PPLA2":
			s += bonusSeat2
		case "PPLX", "PPLH", "PPLQ", "PPLW":
			s -= 1
		}
	}
	if flags&(NamePrimary|NameCurated|NameDemonym|NameAbbrev) == 0 {
		s -= penaltyAltName
	}
	return s
}

func (g *Gazetteer) pick(gr *group, gi int, ctx *docContext, cands []candidate) {
	if len(gr.entries) == 0 {
		return
	}
	gr.score = gr.score[:0]
	// a name that is a country's, an admin1's or a region's own belongs to it
	// before any town that carries it as an alternate name ("Mexico")
	hasBig, hasCountry, hasTown := false, false, false
	for j, e := range gr.entries {
		k := g.kind(e)
		if (k == KindCountry || k == KindAdmin1 || k == KindRegion) && gr.flags[j]&(NamePrimary|NameCurated) != 0 {
			hasBig = true
			hasCountry = hasCountry || k != KindAdmin1
		}
		if (k == KindCity || k == KindAdmin2) && gr.flags[j]&NamePrimary != 0 {
			hasTown = true
		}
	}
	top := ctx.topFor(gi)
	for j, e := range gr.entries {
		s := g.prior(e, gr.flags[j])
		if hasBig && (g.kind(e) == KindCity || g.kind(e) == KindAdmin2) && gr.flags[j]&(NamePrimary|NameCurated) == 0 {
			s -= penaltyBigName
			if hasCountry {
				s -= penaltyCountryName
			}
		}
		if !hasBig && hasTown && (g.kind(e) == KindCity || g.kind(e) == KindAdmin2) && gr.flags[j]&(NamePrimary|NameCurated) == 0 &&
			!g.shortFormOf(gr.key, e) {
			// a town's own name belongs to it before a bigger town that carries
			// it as a nickname, old or foreign name ("Whitehall" is not
			// Atlanta, "Twickenham" not Huntsville, "White House" not
			// Casablanca); a short form of the big town's name is its own
			// ("Newcastle" for Newcastle upon Tyne)
			s -= penaltyTownName
		}
		// "Washington", "Oklahoma": the state, not the town; but a parish
		// of Barbados ("Saint Thomas") is no bigger than St. Thomas, Ontario,
		// and Jamaica's Kingston parish does not own the name in Queensland
		if hasBig && g.kind(e) == KindCity && g.pop(e) < 100000 && gr.flags[j]&NamePrimary != 0 &&
			(hasCountry || g.twinAdmin(gr, e)) {
			s -= penaltySmallTwin
		}
		if g.kind(e) == KindCountry && gr.flags[j]&(NamePrimary|NameCurated|NameAbbrev) == 0 {
			s -= penaltyOldName // "Gold Coast", "Zaire": an alias, often historical
		}
		if g.kind(e) == KindAdmin1 {
			if ctx.hasCities(e, gi) {
				s += bonusHasCities
			}
			s -= g.shadowed(gr, e)
		}
		cc := g.country(e)
		k := g.kind(e)
		if k != KindCountry && k != KindRegion && cc[0] != 0 {
			if ctx.countryWeight(cc, gi) > 0 {
				s += bonusCountryCtx
				if cc == top {
					s += bonusTopCountry
				}
			} else if top[0] != 0 {
				s -= penaltyUnmentioned
			}
			if a := g.adminOf(e); a >= 0 && a != e && ctx.adminMentioned(a, gi) {
				s += bonusAdminCtx
			}
		}
		for _, q := range gr.qual {
			switch g.kind(q.Entry) {
			case KindAdmin1:
				if g.adminOf(e) == q.Entry && q.Entry != e {
					s += bonusQualifier
				}
			case KindCountry:
				if cc == g.country(q.Entry) && k != KindCountry {
					s += bonusQualifier
				}
			}
		}
		if (k == KindCity || k == KindAdmin2) && len(ctx.points) > 0 {
			lat, lon := g.point(e)
			best := math.Inf(1)
			for _, p := range ctx.points {
				if int(p[2]) == gi {
					continue
				}
				best = min(best, Distance(lat, lon, p[0], p[1]))
			}
			switch {
			case best < 50:
				s += bonusLocal
			case best < 150:
				s += bonusNear
			case best < 400:
				s += bonusClose
			}
		}
		if gr.paired[j] {
			s += bonusPair
		}
		if gr.dateline {
			if k == KindCity {
				s += bonusDateline
			} else {
				s -= bonusDateline
			}
		}
		if gr.actor && g.fcode(e) == "PPLC" {
			s += bonusActorCapital
		}
		gr.score = append(gr.score, s)
	}
	best, second := 0, -1
	for j := 1; j < len(gr.score); j++ {
		if gr.score[j] > gr.score[best] || (gr.score[j] == gr.score[best] && g.pop(gr.entries[j]) > g.pop(gr.entries[best])) {
			second, best = best, j
		} else if second < 0 || gr.score[j] > gr.score[second] {
			second = j
		}
	}
	gr.pick = best
	if second < 0 {
		gr.conf = 0.95
	} else {
		gr.conf = 1 / (1 + math.Exp(-(gr.score[best] - gr.score[second])))
	}
	for _, m := range gr.members {
		if cands[m].loc {
			gr.conf = math.Min(0.99, gr.conf+0.05)
		}
	}
}

// twinAdmin reports whether town e shares its name with an admin1 of its
// own country that has more people than the town ("Washington", Pennsylvania
// and Washington State).
func (g *Gazetteer) twinAdmin(gr *group, e int) bool {
	for j, a := range gr.entries {
		if g.kind(a) == KindAdmin1 && gr.flags[j]&(NamePrimary|NameCurated) != 0 &&
			g.country(a) == g.country(e) && g.pop(a) > g.pop(e) {
			return true
		}
	}
	return false
}

// shadowed returns the penalty of an admin1 entry that shares its name
// with something that owns the name more: the country it belongs to
// ("Mexico", not the State of México) or a city that makes up much of it
// ("Mexico City", "Ankara", "Moscow"; but "Quebec" stays the province).
func (g *Gazetteer) shadowed(gr *group, a int) float64 {
	for j, e := range gr.entries {
		if gr.flags[j]&(NamePrimary|NameCurated) == 0 {
			continue
		}
		switch g.kind(e) {
		case KindCountry:
			if g.country(e) == g.country(a) {
				return penaltyShadow
			}
		case KindCity:
			if g.adminOf(e) == a && float64(g.pop(e)) >= 0.3*float64(g.pop(a)) {
				return penaltyShadow
			}
		}
	}
	return 0
}

// Distance returns the great-circle distance in km between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Parse finds and resolves the places of a text. toks are the text stage's
// tokens; mentions the entity tagger's (nil when it did not run).
func (g *Gazetteer) Parse(text string, toks []doc.Token, mentions []doc.Mention) ([]doc.Place, *doc.Focus) {
	ws := splitWords(text, toks)
	cands := g.recognize(text, ws, mentions)
	if len(cands) == 0 {
		return nil, nil
	}
	groups := g.resolve(cands)
	places := make([]doc.Place, 0, len(cands))
	for gi := range groups {
		gr := &groups[gi]
		if len(gr.entries) == 0 {
			continue
		}
		e := g.Entry(gr.entries[gr.pick])
		for _, ci := range gr.members {
			c := &cands[ci]
			p := doc.Place{
				Span:        c.span,
				Name:        e.Name,
				Kind:        e.Kind.String(),
				GeonameID:   e.ID,
				Lat:         round(e.Lat, 5),
				Lon:         round(e.Lon, 5),
				FeatureCode: e.FeatureCode,
				Country:     e.Country,
				Admin1:      e.Admin1,
				Admin1Name:  e.Admin1Name,
				Confidence:  round(gr.conf, 3),
				Members:     e.Members,
			}
			if gr.demonym {
				p.Kind = "demonym"
			}
			if c.actor {
				p.Role = RoleActor
			}
			if c.dateline {
				p.Role = RoleDateline
			}
			places = append(places, p)
		}
	}
	slices.SortFunc(places, func(a, b doc.Place) int { return a.Start - b.Start })
	return places, focus(places)
}

// Roles a place mention may play besides being where something is.
const (
	RoleActor    = "actor"    // metonymy: "Washington said"
	RoleDateline = "dateline" // "MEXICO CITY —"
)

func round(x float64, d int) float64 {
	p := math.Pow10(d)
	return math.Round(x*p) / p
}

// focus picks the article's main country and city: the country its places
// point to most (a dateline counts triple, demonyms half, actors barely),
// and the most mentioned city of that country.
func focus(places []doc.Place) *doc.Focus {
	cw := map[string]float64{}
	first := map[string]int{}
	for i, p := range places {
		if p.Country == "" {
			continue
		}
		w := 1.0
		switch {
		case p.Role == RoleActor:
			w = 0.2
		case p.Role == RoleDateline:
			w = 3
		case p.Kind == "demonym":
			w = 0.5
		}
		cw[p.Country] += w
		if _, ok := first[p.Country]; !ok {
			first[p.Country] = i
		}
	}
	if len(cw) == 0 {
		return nil
	}
	var top string
	for cc, w := range cw {
		if top == "" || w > cw[top] || (w == cw[top] && first[cc] < first[top]) {
			top = cc
		}
	}
	f := &doc.Focus{Country: top}
	cityW := map[int]float64{}
	names := map[int]string{}
	order := map[int]int{}
	for i, p := range places {
		if p.Country != top || p.Kind != "city" || p.Role == RoleActor {
			continue
		}
		w := 1.0
		if p.Role == RoleDateline {
			w = 3
		}
		cityW[p.GeonameID] += w
		names[p.GeonameID] = p.Name
		if _, ok := order[p.GeonameID]; !ok {
			order[p.GeonameID] = i
		}
	}
	best := 0
	for id, w := range cityW {
		if best == 0 || w > cityW[best] || (w == cityW[best] && order[id] < order[best]) {
			best = id
		}
	}
	if best != 0 {
		f.City, f.GeonameID = names[best], best
	}
	return f
}
