// Package measure turns stored data into metric values: for a period and a
// scope (and grouped by owner, team or month), for a goal (its baseline, its
// history, its actual and progress) and for the report (every goal and
// every category's primary metric, now and over the previous period).
//
// Every measurement takes the same step: a period becomes its effective
// range as of the as-of date (docs/metrics.md), the range and scope become
// aggregates, and the aggregates become values, scoped. The data comes
// from a Source, which the store implements; the aggregates a Measurer has
// asked for are kept, so that a range is fetched once however many goals
// need it, and fetches are batched and run side by side.
package measure

import (
	"context"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Source is what measuring needs from the stored data. The store
// implements it; another storage engine would be a package beside the
// store implementing the same methods.
type Source interface {
	Aggregator
	// LeftOut counts what the aggregates of q could not use.
	LeftOut(ctx context.Context, q Query) (LeftOut, error)
	// OtherCurrencies counts the deals of q's scope won or created in q's
	// range in each currency other than q.Currency, most first.
	OtherCurrencies(ctx context.Context, q Query) ([]CurrencyCount, error)
	// ScopeExists reports whether an owner or team appears on any deal or
	// customer; the company always exists.
	ScopeExists(ctx context.Context, s metric.Scope) (bool, error)
	// Inputs is what the data holds, company-wide: the record of the
	// fields the imports carried, and the counts of rows the metrics need.
	Inputs(ctx context.Context) (metric.Inputs, error)
	// CoverageDeals counts, for pipeline coverage, the deals closed in a range
	// of recent periods and those that can still close in the rest of a
	// period, by owner, team and day (CoverageQuery).
	CoverageDeals(ctx context.Context, q CoverageQuery) (CoverageCounts, error)
	// Goal returns the saved goal with the given id, or an error matching
	// goal.ErrNotFound.
	Goal(ctx context.Context, id int64) (goal.Goal, error)
	// Series computes the aggregates of a range day by day, for one scope
	// or for every owner or team (SeriesQuery): the HTML report's charts.
	Series(ctx context.Context, q SeriesQuery) ([]Series, error)
}

// Aggregator computes the counts and sums the metrics need: the part of a
// Source that the aggregate cache asks.
type Aggregator interface {
	// Aggregates computes every count and sum the metrics need over one
	// range and scope.
	Aggregates(ctx context.Context, q Query) (metric.Aggregates, error)
	// AggregatesBy computes the aggregates of q for each owner, team or
	// month (see Group).
	AggregatesBy(ctx context.Context, q Query, by GroupBy) ([]Group, error)
	// AggregatesIn computes the aggregates of each of spans, consecutive
	// ranges of days that make up q's range, in one pass: a Group per
	// span, in order, its From and To the span's.
	AggregatesIn(ctx context.Context, q Query, spans []Span) ([]Group, error)
}

// Span is one range of days of an AggregatesIn query, both days included,
// at midnight UTC.
type Span struct {
	From, To time.Time
}

// Batcher is an Aggregator that answers many queries in one pass over
// the data it keeps (the store's rollups): the aggregate cache hands it
// every range it is about to need at once, rather than planning grouped
// queries.
type Batcher interface {
	Aggregator
	// AggregatesMany computes the aggregates of each query; out[i]
	// answers qs[i].
	AggregatesMany(ctx context.Context, qs []Query) ([]metric.Aggregates, error)
}

// Query asks for the aggregates of one range of days and one scope.
type Query struct {
	// From and To are the effective range [start, min(end, as-of)] of
	// docs/metrics.md, both days included, at midnight UTC (metric.Date).
	From, To time.Time
	Scope    metric.Scope
	// Currency is the database's currency: money fields count only deals
	// and spend in it (docs/import.md).
	Currency string
}

// GroupBy is how a query is split into groups (`metrics --by`).
type GroupBy string

// The groupings of `salesgoal metrics --by`.
const (
	ByOwner GroupBy = "owner"
	ByTeam  GroupBy = "team"
	ByMonth GroupBy = "month"
)

// Group is the aggregates of one owner, team or month.
//
// By month, every calendar month the range touches is a group, empty or
// not, and a month's aggregates cover only its part of the range. By owner
// or team, the groups are those with something in the range (a deal
// closed or created in it, or a customer active before it or acquired in
// it), sorted
// by name; spend is never split by owner or team.
type Group struct {
	// Key is the owner or team (empty for deals and customers without
	// one), or the month as YYYY-MM.
	Key string
	// From and To are the range the group's aggregates cover: the query's
	// range, or for a month the part of it within the month.
	From, To   time.Time
	Aggregates metric.Aggregates
}

// CoverageQuery asks, company-wide, for the deals won or lost from
// ClosedFrom to ClosedTo, and for the deals open on the day before
// OpenFrom whose close date falls from OpenFrom to OpenTo. The closed range
// ends before the open one starts: recent periods end before a running
// goal's period, which starts by the as-of day.
type CoverageQuery struct {
	ClosedFrom, ClosedTo time.Time
	OpenFrom, OpenTo     time.Time
	Currency             string // the database's: amounts count only deals in it
}

// CoverageCounts is the answer to a CoverageQuery: the deals of each
// owner, team and day, and how many open deals of the data have no
// expected close date.
type CoverageCounts struct {
	Days    []DayGroup
	Undated int64
}

// DayGroup is the deals of one owner and team on one day: those won and
// lost that day (in the closed range), or those that can close that day
// (in the open range), their count in any currency, and their count and
// amounts in the database's currency (metric.Pipeline's first three
// fields).
type DayGroup struct {
	Owner, Team string
	Day         time.Time
	Won, Lost   int64
	metric.Pipeline
}

// LeftOut counts what the aggregates of a query could not use, for
// --explain and footnotes.
type LeftOut struct {
	// Open deals in scope without a created date: they count in no period
	// (docs/import.md).
	UndatedOpen int64
	// Spend rows dated in the range whose currency is not the database's.
	OtherCurrencySpend int64
	// OtherCurrencies counts, for each currency other than the
	// database's, the deals in scope won or created in the range, most
	// first; asked only when every deal of the range is in another
	// currency (AllIn).
	OtherCurrencies []CurrencyCount
	// Converted is, for each currency converted into the database's, what
	// was converted (docs/metrics.md, "Several currencies"), by currency;
	// Policy is the rate policy it was converted by. Asked only for
	// --explain (Measurer.Conversions).
	Converted []Converted
	Policy    string
	// Converting is false with --no-convert.
	Converting bool
}

// Converter is a Source that converts other currencies and says what it
// converted (the store's rollups), for --explain.
type Converter interface {
	Conversions(ctx context.Context, q Query) ([]Converted, string, error)
}

// Converted is what the money metrics of a query converted from one
// currency: the deals won and created on days with a rate, the amounts
// won and created in the currency and converted, and the lowest and
// highest rate used (units of the database's currency for 1 unit, six
// decimals at most).
type Converted struct {
	Currency                   string
	Won, Created               int64
	WonAmount, WonInto         int64
	CreatedAmount, CreatedInto int64
	Low, High                  string
	// StaleWon and StaleCreated count the deals won and created that were
	// converted at close-date by a rate quoted more than a week before the
	// day it served; Oldest is the oldest such quote's day and For the day
	// it served.
	StaleWon, StaleCreated int64
	Oldest, For            time.Time
}

// CurrencyCount is how many deals are in one currency; Missing is, when
// money was being converted, the first day one of them had no rate for
// (zero when nothing was converted: no rates held, or --no-convert).
type CurrencyCount struct {
	Currency string
	Deals    int64
	Missing  time.Time
}

// AllIn returns, when every deal that money metrics counted over a is in
// another currency than the database's, the currency most of them are in:
// the database's currency is then most likely set wrong, and `salesgoal
// config set currency` with it is the fix. It returns "" when some deal is
// in the database's currency.
func (lo LeftOut) AllIn(a metric.Aggregates) string {
	if !allOther(a) || len(lo.OtherCurrencies) == 0 {
		return ""
	}
	return lo.OtherCurrencies[0].Currency
}

// allOther reports whether money metrics left out every deal they met
// over a: some were in another currency, none in the database's.
func allOther(a metric.Aggregates) bool {
	return a.OtherCurrency > 0 && a.WonMoney+a.NewDealsMoney+a.ExpansionMoney == 0
}
