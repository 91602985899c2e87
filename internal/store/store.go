// Package store defines what newsgraph keeps and how it is asked for it:
// the Store interface every backend implements (SQLite embedded by default
// in store/sqlite, PostgreSQL at scale in store/postgres), the shared
// request and result types, and a conformance suite (store/storetest) that
// each backend runs so they answer alike.
//
// Model. An article is identified by its ID (the given id, else
// dedup.Hash of its text). Articles whose text is an exact or near
// duplicate (SimHash within dedup.MaxDistance) of an already stored story
// are stored once: the first becomes the story (full text, annotations,
// full-text index), later copies become mentions of it (id, outlet, url,
// date), GDELT-style. Every article, canonical or not, has exactly one
// mention row, so "was article X stored?" is always answerable and
// re-ingesting anything adds nothing.
//
// Queries are written in the language of package query; backends compile
// its AST to parameterised SQL and never splice user text into SQL.
package store

import (
	"context"
	"errors"
	"time"

	"newsgraph/internal/doc"
)

// ErrNotFound is returned (wrapped) when an id names nothing stored.
var ErrNotFound = errors.New("not found")

// ErrInvalid is returned (wrapped) for a request the store refuses
// (article without text or id, bad alert, limit out of range, ...).
// Query syntax errors match query.ErrSyntax instead.
var ErrInvalid = errors.New("invalid request")

// Store is a newsgraph backend. All methods are safe for concurrent use.
type Store interface {
	// PutBatch stores articles in one transaction: all or nothing.
	// Idempotent: an article whose ID is already stored (as story or
	// mention) is skipped. Results align with as.
	PutBatch(ctx context.Context, as []*doc.Article) ([]PutResult, error)
	// Put stores one article (PutBatch of one).
	Put(ctx context.Context, a *doc.Article) (PutResult, error)
	// Get returns a stored article with its annotations. For an id stored
	// as a mention it returns the canonical story's article, with Record.ID
	// the requested id and Record.Story the story's id.
	Get(ctx context.Context, id string) (*Record, error)
	// Has reports, for each id, whether it is stored (story or mention).
	Has(ctx context.Context, ids []string) (map[string]bool, error)

	// Search returns stories matching q, newest first unless q.Order says
	// otherwise.
	Search(ctx context.Context, q Query) (*SearchResult, error)
	// Articles streams the full stored articles of the stories matching q
	// (q.Limit 0 = all), in q.Order, for exports. fn's error stops it.
	Articles(ctx context.Context, q Query, fn func(*doc.Article) error) error
	// Timeline counts matching stories per publication day, optionally
	// split by a dimension.
	Timeline(ctx context.Context, q TimelineQuery) (*Timeline, error)
	// Entities lists entities of the matching stories, most frequent first.
	Entities(ctx context.Context, q EntityQuery) ([]EntitySummary, error)
	// Entity returns one entity with its timeline and co-occurring entities.
	Entity(ctx context.Context, id string, q EntityQuery) (*EntityDetail, error)
	// Events lists coded events of the matching stories, newest first.
	Events(ctx context.Context, q EventQuery) ([]EventRecord, error)
	// Places lists resolved places of the matching stories, most frequent first.
	Places(ctx context.Context, q PlaceQuery) ([]PlaceSummary, error)
	// Network is the actor graph of the matching stories' events.
	Network(ctx context.Context, q NetworkQuery) (*Network, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	AlertStore
	Close() error
}

// AlertStore keeps saved queries (watchlists) and which articles already
// fired them. Firing itself (matching new articles, delivering to log, SSE,
// webhook) is the API's job; RecordHit gives it at-most-once delivery.
type AlertStore interface {
	// SaveAlert creates (ID empty: one is assigned) or replaces an alert.
	// The query must parse.
	SaveAlert(ctx context.Context, a Alert) (Alert, error)
	ListAlerts(ctx context.Context) ([]Alert, error)
	GetAlert(ctx context.Context, id string) (Alert, error)
	// DeleteAlert removes an alert and its hits; ErrNotFound if none.
	DeleteAlert(ctx context.Context, id string) error
	// RecordHit records that alert fired for article on channel ("log",
	// "sse", "webhook", ...). It returns true only the first time for a
	// given (alert, article, channel): deliver only when it says true.
	RecordHit(ctx context.Context, alertID, articleID, channel string) (bool, error)
	// Hits lists an alert's hits, newest first.
	Hits(ctx context.Context, alertID string, limit int) ([]AlertHit, error)
}

// FeedStore keeps a crawler's per-feed state, so polling is polite
// (conditional requests) and resumable. It is separate from Store: a
// backend may implement it (sqlite does) and a crawler asks for it with a
// type assertion.
type FeedStore interface {
	// Feed returns a feed's state; ErrNotFound if never saved.
	Feed(ctx context.Context, url string) (FeedState, error)
	SaveFeed(ctx context.Context, f FeedState) error
	ListFeeds(ctx context.Context) ([]FeedState, error)
	// MarkSeen records item keys (GUIDs or links) of a feed and returns
	// those not seen before, in input order; it also adds them to
	// FeedState.ItemsSeen.
	MarkSeen(ctx context.Context, feedURL string, keys []string) ([]string, error)
}

// PutStatus says what PutBatch did with one article.
type PutStatus string

const (
	Added     PutStatus = "added"    // new story
	Mentioned PutStatus = "mention"  // exact/near duplicate of Story: stored as its mention
	Existing  PutStatus = "existing" // ID already stored: nothing done
)

// PutResult is the outcome for one article.
type PutResult struct {
	ID     string    `json:"id"`
	Story  string    `json:"story"` // canonical story id
	Status PutStatus `json:"status"`
}

// Record is a stored article with its place among stories.
type Record struct {
	ID       string        `json:"id"`    // requested id
	Story    string        `json:"story"` // canonical story id
	Article  *doc.Article  `json:"article"`
	Mentions []MentionInfo `json:"mentions"` // every outlet's copy, the story's own first
}

// MentionInfo is one outlet's copy of a story.
type MentionInfo struct {
	ID        string    `json:"id"`
	Story     string    `json:"story"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Origin    string    `json:"origin,omitempty"`
	Distance  int       `json:"distance"` // SimHash distance to the story (0: exact)
}

// Order of search results.
type Order string

const (
	Newest    Order = "newest" // default
	Oldest    Order = "oldest"
	Relevance Order = "relevance" // full-text rank (falls back to newest without terms)
)

// Query selects stories. Text is in the query language; "" matches all.
type Query struct {
	Text   string   `json:"q"`
	IDs    []string `json:"ids,omitempty"` // restrict to these article ids (alerts on new articles)
	Limit  int      `json:"limit"`         // 0: DefaultLimit (Search) or all (Articles)
	Offset int      `json:"offset"`
	Order  Order    `json:"order,omitempty"`
	// Facets asks Search for counts by source, theme, country, event root
	// and actor over all matching stories (FacetLimit each, default 10).
	Facets     bool `json:"facets,omitempty"`
	FacetLimit int  `json:"facet_limit,omitempty"`
}

// Limits for paging.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// CoOccurScan is how many of an entity's most recent stories its
// co-occurring entities are counted over (EntityDetail.CoOccurSample).
const CoOccurScan = 1000

// SearchResult is one page of matching stories.
type SearchResult struct {
	Total  int                `json:"total"` // all matching stories
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets,omitempty"` // keys: source, theme, country, event, actor
	// FacetSample, when non-zero, says facets were counted over only this
	// many of the Total matches (a backend's cap for interactive latency).
	FacetSample int `json:"facet_sample,omitempty"`
}

// Hit is one matching story.
type Hit struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Lang      string    `json:"lang,omitempty"`
	Snippet   string    `json:"snippet,omitempty"` // start of the text
	Mentions  int       `json:"mentions"`          // copies stored, the story's own included
	Tone      *float64  `json:"tone,omitempty"`
	Score     float64   `json:"score,omitempty"` // relevance (higher is better) when ordered by it
}

// Facet is a value and how many matching stories have it.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Timeline dimensions.
const (
	ByNone    = ""
	ByTheme   = "theme"
	ByCountry = "country" // place countries (ISO2)
	ByEvent   = "event"   // CAMEO event root
	BySource  = "source"
)

// TimelineQuery asks for counts of matching stories per day.
type TimelineQuery struct {
	Text string `json:"q"`
	By   string `json:"by,omitempty"`  // one of ByNone, ByTheme, ByCountry, ByEvent, BySource
	Top  int    `json:"top,omitempty"` // keep the Top keys by total (default 10) when By is set
}

// Timeline is a sparse series of day counts (days with no story omitted).
type Timeline struct {
	By      string   `json:"by,omitempty"`
	Buckets []Bucket `json:"buckets"` // ordered by day, then key
}

// Bucket is the count for one day (and one key when split).
type Bucket struct {
	Day   string `json:"day"` // YYYY-MM-DD (UTC)
	Key   string `json:"key,omitempty"`
	Count int    `json:"count"`
}

// EntityQuery lists entities mentioned in the stories matching Text.
type EntityQuery struct {
	Text   string `json:"q"`
	Type   string `json:"type,omitempty"` // PER, ORG, LOC, MISC; "" any
	Name   string `json:"name,omitempty"` // case-insensitive name prefix
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// EntitySummary is an entity across stories. ID is stable across stores:
// EntityID(type, name).
type EntitySummary struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Name      string `json:"name"`
	Role      string `json:"role,omitempty"`
	Country   string `json:"country,omitempty"`
	Actor     string `json:"actor,omitempty"`
	Articles  int    `json:"articles"` // stories mentioning it
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// EntityDetail is one entity: when it was in the news and with whom.
type EntityDetail struct {
	EntitySummary
	Timeline []Bucket   `json:"timeline"`
	CoOccur  []CoEntity `json:"co_occurring"`
	Recent   []Hit      `json:"recent"`
	// CoOccurSample, when non-zero, says co-occurring entities were
	// counted over only the entity's this many most recent stories (an
	// entity in thousands of stories would otherwise cost a join over
	// all of them on every page view).
	CoOccurSample int `json:"co_occur_sample,omitempty"`
}

// CoEntity is an entity seen in the same stories, and in how many.
type CoEntity struct {
	EntitySummary
	Together int `json:"together"`
}

// EventQuery lists events of the stories matching Text; Root, Code and
// Actor further restrict the events themselves.
type EventQuery struct {
	Text   string `json:"q"`
	Root   string `json:"root,omitempty"`  // CAMEO root, e.g. "04"
	Code   string `json:"code,omitempty"`  // CAMEO code prefix, e.g. "042"
	Actor  string `json:"actor,omitempty"` // actor code prefix on either side
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// EventRecord is a stored event with its article, resolved location and
// evidence sentence.
type EventRecord struct {
	doc.Event
	ArticleID string     `json:"article_id"`
	Published time.Time  `json:"published,omitzero"`
	Place     *doc.Place `json:"place,omitempty"`
	// SentenceText is the sentence the event was coded from: its evidence,
	// and what merging compares across reports. SentenceSpan is where it
	// lies in the article, so the trigger (a span of the article) can be
	// found in it: merging reads the trigger's tense.
	SentenceText string   `json:"sentence_text,omitempty"`
	SentenceSpan doc.Span `json:"sentence_span,omitzero"`
}

// PlaceQuery lists places of the stories matching Text.
type PlaceQuery struct {
	Text    string `json:"q"`
	Country string `json:"country,omitempty"` // ISO2
	Limit   int    `json:"limit"`
	Offset  int    `json:"offset"`
}

// PlaceSummary is a place across stories.
type PlaceSummary struct {
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	GeonameID int     `json:"geonameid,omitempty"`
	Country   string  `json:"country,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Articles  int     `json:"articles"`
}

// NetworkQuery builds the actor graph of the matching stories' events.
type NetworkQuery struct {
	Text     string `json:"q"`
	Root     string `json:"root,omitempty"`      // only events of this CAMEO root
	MinCount int    `json:"min_count,omitempty"` // drop edges seen fewer times (default 1)
	Limit    int    `json:"limit,omitempty"`     // strongest edges kept (default 200)
}

// Network is a directed, weighted actor graph.
type Network struct {
	Nodes []NetNode `json:"nodes"`
	Edges []NetEdge `json:"edges"`
}

// NetNode is an actor (CAMEO code).
type NetNode struct {
	ID     string `json:"id"`
	Label  string `json:"label,omitempty"` // most common source text
	Events int    `json:"events"`          // events it takes part in (kept edges)
}

// NetEdge is source → target with how many events and their mean Goldstein.
type NetEdge struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Count     int     `json:"count"`
	Goldstein float64 `json:"goldstein"`
	TopRoot   string  `json:"top_root,omitempty"` // most frequent CAMEO root
}

// Stats counts what a store holds.
type Stats struct {
	Stories  int `json:"stories"`
	Mentions int `json:"mentions"` // every stored article id
	Entities int `json:"entities"` // distinct entity ids
	Events   int `json:"events"`
	Places   int `json:"places"` // place mentions
	Alerts   int `json:"alerts"`
}

// Alert is a saved query.
type Alert struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Query   string    `json:"query"`
	Webhook string    `json:"webhook,omitempty"`
	Created time.Time `json:"created"`
}

// AlertHit is one delivery of an alert.
type AlertHit struct {
	AlertID   string    `json:"alert_id"`
	ArticleID string    `json:"article_id"`
	Channel   string    `json:"channel"`
	At        time.Time `json:"at"`
}

// FeedState is what a crawler remembers about a feed between polls.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	Errors       int       `json:"errors"` // consecutive failures
	ItemsSeen    int       `json:"items_seen"`
}
