package store

import (
	"context"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The store answers what measuring asks from the rollups (package rollup
// sums them; docs/metrics.md gives the rules). Commands measure through a
// Snapshot, so that every number of one run comes from the same data;
// these methods of DB each take a snapshot of their own.

// DB is a source the measure package measures from.
var _ measure.Source = (*DB)(nil)

// snap runs fn on a snapshot of its own.
func (db *DB) snap(ctx context.Context, fn func(*Snapshot) error) error {
	s := db.Snapshot()
	defer s.Close()
	return fn(s)
}

// Aggregates computes every count and sum the metrics of docs/metrics.md
// need over one effective range and scope. For an owner or team scope,
// Spend and SpendRows stay 0: spend has no owner.
func (db *DB) Aggregates(ctx context.Context, q measure.Query) (a metric.Aggregates, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { a, err = s.Aggregates(ctx, q); return err })
	return a, err
}

// AggregatesBy computes the aggregates of q for each owner, team or month
// (measure.Group says which groups there are).
func (db *DB) AggregatesBy(ctx context.Context, q measure.Query, by measure.GroupBy) (gs []measure.Group, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { gs, err = s.AggregatesBy(ctx, q, by); return err })
	return gs, err
}

// LeftOut counts the open deals in scope that have no created date and the
// spend rows in the range in another currency.
func (db *DB) LeftOut(ctx context.Context, q measure.Query) (lo measure.LeftOut, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { lo, err = s.LeftOut(ctx, q); return err })
	return lo, err
}

// OtherCurrencies counts the deals of q's scope won or created in the
// range in each currency other than the database's, most first.
func (db *DB) OtherCurrencies(ctx context.Context, q measure.Query) (cs []measure.CurrencyCount, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { cs, err = s.OtherCurrencies(ctx, q); return err })
	return cs, err
}

// CoverageDeals counts what pipeline coverage needs (measure.CoverageQuery).
func (db *DB) CoverageDeals(ctx context.Context, q measure.CoverageQuery) (c measure.CoverageCounts, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { c, err = s.CoverageDeals(ctx, q); return err })
	return c, err
}

// ScopeExists reports whether an owner or team appears on any deal or
// customer, so that a goal for a misspelt name is caught. The company
// always exists.
func (db *DB) ScopeExists(ctx context.Context, sc metric.Scope) (ok bool, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { ok, err = s.ScopeExists(ctx, sc); return err })
	return ok, err
}

// Inputs is what the data holds, company-wide (docs/metrics.md,
// "Measurable or null").
func (db *DB) Inputs(ctx context.Context) (in metric.Inputs, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { in, err = s.Inputs(ctx); return err })
	return in, err
}

// AggregatesIn computes the aggregates of each of spans, consecutive
// ranges that make up q's range, in one pass (measure.Span).
func (db *DB) AggregatesIn(ctx context.Context, q measure.Query, spans []measure.Span) (gs []measure.Group, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { gs, err = s.AggregatesIn(ctx, q, spans); return err })
	return gs, err
}

// Series computes the aggregates of a range day by day, for one scope or
// for every owner and team (measure.SeriesQuery): the HTML report's charts.
func (db *DB) Series(ctx context.Context, q measure.SeriesQuery) (ss []measure.Series, err error) {
	err = db.snap(ctx, func(s *Snapshot) error { ss, err = s.Series(ctx, q); return err })
	return ss, err
}
