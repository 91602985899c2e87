// Package doc holds the one data type that flows through newsgraph: an
// Article and every annotation made on it.
//
// Annotations never copy text: each is a Span of byte offsets into
// Article.Text (spaCy's Doc/Span model), so every stage, the store and the
// exports agree on where a thing was said. The JSON form of Article is the
// contract between the pipeline, the store, the API and the exports; it is
// documented in docs/schema.md.
//
// doc imports nothing from the project and holds no behaviour beyond small
// accessors: stages live in their own packages.
package doc

import "time"

// Span is a half-open byte range [Start, End) into Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Article is one news item and everything newsgraph learned about it.
type Article struct {
	// ID is the article's identity: the given id, or else the exact-duplicate
	// hash of its normalised text (see Hash).
	ID     string `json:"id"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"` // outlet name or host
	Title  string `json:"title,omitempty"`
	Byline string `json:"byline,omitempty"`
	// Published is the publication time; zero when unknown. Relative dates
	// ("today", "next week") are normalised against it.
	Published time.Time `json:"published,omitzero"`
	// Origin names where the article was read from (file path, file:line,
	// WARC record offset, feed URL): it is what error messages point at.
	Origin string `json:"origin,omitempty"`
	Lang   string `json:"lang,omitempty"` // ISO 639-1, e.g. "en", "es"
	Text   string `json:"text"`

	// Hash is the hex SHA-256 prefix of the normalised text (exact duplicates);
	// SimHash the 64-bit fingerprint for near duplicates, as 16 hex digits.
	Hash    string `json:"hash,omitempty"`
	SimHash string `json:"simhash,omitempty"`

	Sentences []Sentence   `json:"sentences,omitempty"`
	Tokens    []Token      `json:"tokens,omitempty"`
	Mentions  []Mention    `json:"mentions,omitempty"` // entity mentions (NER spans, pronouns)
	Entities  []Entity     `json:"entities,omitempty"` // canonical entities within the document
	Places    []Place      `json:"places,omitempty"`
	Focus     *Focus       `json:"focus,omitempty"`
	Events    []Event      `json:"events,omitempty"`
	Themes    []ThemeHit   `json:"themes,omitempty"`
	Scores    []ThemeScore `json:"theme_scores,omitempty"`
	Tone      *Tone        `json:"tone,omitempty"`
	Dates     []Date       `json:"dates,omitempty"`
	EventDate string       `json:"event_date,omitempty"` // the article's main event date, ISO 8601
	Quotes    []Quote      `json:"quotes,omitempty"`
	Trips     []Trip       `json:"itineraries,omitempty"`
}

// Slice returns the text a span covers.
func (a *Article) Slice(s Span) string { return a.Text[s.Start:s.End] }

// Sentence is a sentence span with the half-open range of its tokens in
// Article.Tokens.
type Sentence struct {
	Span
	FirstToken int `json:"first_token"`
	EndToken   int `json:"end_token"`
}

// Token is one token; POS and Chunk are filled by the syntax stage, NER by
// the entity tagger (BIO tags, e.g. "B-PER").
type Token struct {
	Span
	POS   string `json:"pos,omitempty"`
	Chunk string `json:"chunk,omitempty"`
	NER   string `json:"ner,omitempty"`
}

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Mention is one reference to an entity in the text: a name found by the
// tagger, a title-only reference ("the Secretary"), a pronoun ("he") or a
// metonym ("Washington" for the US government).
type Mention struct {
	Span
	Type   string  `json:"type"`            // PER, ORG, LOC, MISC
	Entity int     `json:"entity"`          // index into Article.Entities, -1 if unlinked
	Kind   string  `json:"kind,omitempty"`  // "name", "title", "pronoun", "metonym"
	Score  float64 `json:"score,omitempty"` // tagger confidence in [0,1]
}

// Entity is one real-world entity as the document refers to it: every
// mention that coreference links to it points here.
type Entity struct {
	ID       string `json:"id"`                // stable within the article, e.g. "e1"
	Type     string `json:"type"`              // PER, ORG, LOC, MISC
	Name     string `json:"name"`              // canonical name, e.g. "Marco Rubio"
	Role     string `json:"role,omitempty"`    // "Secretary of State"
	Country  string `json:"country,omitempty"` // ISO2 of the role's country, e.g. "US"
	Actor    string `json:"actor,omitempty"`   // CAMEO actor code, e.g. "USAGOV"
	Mentions []int  `json:"mentions"`          // indexes into Article.Mentions
}

// Place is a resolved place mention.
type Place struct {
	Span
	Name        string  `json:"name"` // gazetteer name, e.g. "Mexico City"
	Kind        string  `json:"kind"` // "city", "admin1", "country", "region", "demonym"
	GeonameID   int     `json:"geonameid,omitempty"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code,omitempty"` // PPLC, PCLI, ADM1, ...
	Country     string  `json:"country,omitempty"`      // ISO2
	Admin1      string  `json:"admin1,omitempty"`       // GeoNames admin1 code, e.g. "09"
	Admin1Name  string  `json:"admin1_name,omitempty"`
	Confidence  float64 `json:"confidence"`
	// Members lists member countries (ISO2) of a region such as "Latin America".
	Members []string `json:"members,omitempty"`
	// Role is "" for a place where something is or happens, "actor" for a
	// capital standing for its government ("Washington said": metonymy, kept
	// so event coding can use it, but not a location), "dateline" for the
	// place an article was filed from.
	Role string `json:"role,omitempty"`
}

// Focus is the article's geographic focus.
type Focus struct {
	Country   string `json:"country,omitempty"` // ISO2
	City      string `json:"city,omitempty"`
	GeonameID int    `json:"geonameid,omitempty"`
}

// Actor is one side of a coded event.
type Actor struct {
	Code   string `json:"code"`           // CAMEO actor code, e.g. "USAGOV"
	Text   string `json:"text,omitempty"` // the words it was coded from
	Span   *Span  `json:"span,omitempty"`
	Entity int    `json:"entity,omitempty"` // index into Entities+1; 0 when none
}

// Event is one coded event (a GDELT "mention" row, before deduplication).
type Event struct {
	ID        string  `json:"id"`
	Sentence  int     `json:"sentence"`
	Trigger   Span    `json:"trigger"` // the verb phrase that fired
	Source    Actor   `json:"source"`
	Target    Actor   `json:"target"`
	Code      string  `json:"code"` // CAMEO event code, e.g. "042"
	BaseCode  string  `json:"base_code"`
	RootCode  string  `json:"root_code"`
	Goldstein float64 `json:"goldstein"`
	QuadClass int     `json:"quad_class"`
	IsRoot    bool    `json:"is_root"`
	PLOVER    string  `json:"plover,omitempty"`
	Mode      string  `json:"plover_mode,omitempty"`
	// Location is an index into Places+1 (0: none); LocationInherited marks a
	// location taken from the article's focus rather than the sentence.
	Location          int    `json:"location,omitempty"`
	LocationInherited bool   `json:"location_inherited,omitempty"`
	Date              string `json:"date,omitempty"` // ISO 8601
	DateInherited     bool   `json:"date_inherited,omitempty"`
	// Status is "asserted", "future", "intent", "negated" or "hypothetical";
	// only asserted events happened.
	Status     string  `json:"status"`
	Reference  bool    `json:"reference,omitempty"` // background mention of a past event
	Rule       string  `json:"rule,omitempty"`      // the pattern that fired
	Confidence float64 `json:"confidence"`
}

// ThemeHit is one matched theme term.
type ThemeHit struct {
	Span
	Theme  string  `json:"theme"`
	Weight float64 `json:"weight"`
}

// ThemeScore is an article-level theme score.
type ThemeScore struct {
	Theme string  `json:"theme"`
	Score float64 `json:"score"`
	Count int     `json:"count,omitempty"` // hits of the theme itself (not of its children)
}

// Tone is GDELT's V2Tone for the article.
type Tone struct {
	Tone             float64 `json:"tone"`
	Positive         float64 `json:"positive"`
	Negative         float64 `json:"negative"`
	Polarity         float64 `json:"polarity"`
	ActivityDensity  float64 `json:"activity_density"`
	SelfGroupDensity float64 `json:"self_group_density"`
	WordCount        int     `json:"word_count"`
	// Sentences holds the per-sentence tone, aligned with Article.Sentences.
	Sentences []float64 `json:"sentences,omitempty"`
}

// Date is a temporal expression normalised against the publication date.
type Date struct {
	Span
	Value       string `json:"value"`       // ISO 8601: 2026-11-26, 2026-W48, 2026-11, 2023
	Granularity string `json:"granularity"` // "day", "week", "month", "year", "time"
	Relative    bool   `json:"relative,omitempty"`
}

// Quote is direct or reported speech.
type Quote struct {
	Span               // the quoted or reported content
	Speaker     Span   `json:"speaker"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Entity      int    `json:"entity,omitempty"` // index into Entities+1; 0 when none
	Actor       string `json:"actor,omitempty"`  // CAMEO code of the speaker, when known
	Verb        string `json:"verb,omitempty"`
	Direct      bool   `json:"direct"`
}

// Trip is one person's itinerary as the article tells it.
type Trip struct {
	Person string `json:"person"`
	Entity int    `json:"entity,omitempty"` // index into Entities+1
	Legs   []Leg  `json:"legs"`
}

// Leg is one stop of a trip.
type Leg struct {
	Place    string `json:"place"`
	Role     string `json:"role"`   // "origin", "arrival", "visit", "departure", "next"
	Status   string `json:"status"` // "past", "ongoing", "planned"
	Date     string `json:"date,omitempty"`
	Span     Span   `json:"span"`
	PlaceRef int    `json:"place_ref,omitempty"` // index into Places+1; 0 when unresolved
}
