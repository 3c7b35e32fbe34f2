package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The aggregate queries follow docs/metrics.md literally. Where it is silent,
// this is what they do:
//
//   - Spend has no owner. For an owner or team scope the store does not
//     read spend at all (Spend and SpendRows are 0); the caller shows cac
//     and spend as null (metric.Metric.CompanyOnly), never as 0.
//   - Customers that only deals name (implicit ones) have no owner and no
//     team, so they count for the company, and under the empty owner or
//     team of --by, but never for a named owner or team.
//   - Discounts are percentages: avg-discount and discounted-deals count
//     won deals in every currency. Money fields count only the database's.
//   - OtherCurrency counts deals, not uses: a deal in another currency that
//     was both created and won in the range is left out once.
//   - A deal without a customer is never an expansion deal by history; a
//     typed upsell or cross-sell is one whoever its customer is.
//   - By owner or team, the groups are those with a deal closed or created
//     in the range or a customer in S or N; by month, every month the
//     range touches, each month measured over its own days (its S is the
//     customers active the day before that month).
//   - A cycle is whole days, closed_at − created_at; the median is exact,
//     read off SQLite's counts of won deals per cycle length.

// DB is the source the measure package measures from.
var _ measure.Source = (*DB)(nil)

// sqlQuery is a measure.Query as the SQL takes it: the days as YYYY-MM-DD
// text, the form the tables store them in.
type sqlQuery struct {
	From, To string
	Scope    metric.Scope
	Currency string
}

func sqlQueryOf(q measure.Query) sqlQuery {
	return sqlQuery{From: metric.FormatDate(q.From), To: metric.FormatDate(q.To), Scope: q.Scope, Currency: q.Currency}
}

// Aggregates computes, inside SQLite, every count and sum the metrics of
// docs/metrics.md need over one effective range and scope.
//
// For an owner or team scope, Spend and SpendRows stay 0: spend has no
// owner, so cac and spend exist only for the whole company and the caller
// shows them as null (metric.Metric.CompanyOnly).
func (db *DB) Aggregates(ctx context.Context, q measure.Query) (metric.Aggregates, error) {
	gs, err := db.aggregates(ctx, q, "")
	if err != nil {
		return metric.Aggregates{}, err
	}
	return gs[0].Aggregates, nil
}

// AggregatesBy computes the aggregates of q for each owner, team or month
// (measure.Group says which groups there are), with one group-by query per
// kind of row rather than one query per group.
func (db *DB) AggregatesBy(ctx context.Context, q measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	switch by {
	case measure.ByOwner, measure.ByTeam, measure.ByMonth:
	default:
		return nil, fmt.Errorf("group by %q: want owner, team or month", by)
	}
	return db.aggregates(ctx, q, by)
}

// LeftOut counts the open deals in scope that have no created date and the
// spend rows in the range in another currency.
func (db *DB) LeftOut(ctx context.Context, mq measure.Query) (measure.LeftOut, error) {
	var lo measure.LeftOut
	q := sqlQueryOf(mq)
	where, args := scopeFilter(q.Scope, "d")
	// The unary + keeps SQLite on the created_at index: open deals are
	// many, those without a created date few.
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM deals d
		WHERE +d.stage = 'open' AND d.created_at IS NULL`+where, args...).Scan(&lo.UndatedOpen)
	if err != nil {
		return lo, fmt.Errorf("count undated deals: %w", err)
	}
	if q.Scope.IsCompany() {
		err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM spend
			WHERE date BETWEEN ? AND ? AND currency <> ?`, q.From, q.To, q.Currency).Scan(&lo.OtherCurrencySpend)
		if err != nil {
			return lo, fmt.Errorf("count spend: %w", err)
		}
	}
	return lo, nil
}

// OtherCurrencies counts the deals of q's scope won or created in the
// range in each currency other than the database's, most first: when
// every deal of a period is in another currency, the footnote names the
// one the database should most likely count in.
func (db *DB) OtherCurrencies(ctx context.Context, mq measure.Query) ([]measure.CurrencyCount, error) {
	q := sqlQueryOf(mq)
	where, args := scopeFilter(q.Scope, "d")
	rows, err := db.db.QueryContext(ctx, named(`SELECT d.currency, COUNT(*) FROM deals d
		WHERE d.currency <> $cur AND ((d.stage = 'won' AND d.closed_at BETWEEN $from AND $to) OR d.created_at BETWEEN $from AND $to)`+where+`
		GROUP BY d.currency ORDER BY COUNT(*) DESC, d.currency`), append([]any{q.Currency, q.From, q.To}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count deals in other currencies: %w", err)
	}
	defer rows.Close()
	var out []measure.CurrencyCount
	for rows.Next() {
		var c measure.CurrencyCount
		if err := rows.Scan(&c.Currency, &c.Deals); err != nil {
			return nil, fmt.Errorf("count deals in other currencies: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// groupKeys are the SQL expressions that put a row into its group, one per
// kind of row (a deal closed in the range, a deal created in it, a spend
// row, a customer). Company-wide, every row is in the one group ”.
type groupKeys struct {
	closed, created, spend, customer string
}

func keysFor(by measure.GroupBy) groupKeys {
	switch by {
	case measure.ByOwner:
		return groupKeys{"d.owner", "d.owner", "", "c.owner"}
	case measure.ByTeam:
		return groupKeys{"d.team", "d.team", "", "c.team"}
	case measure.ByMonth:
		return groupKeys{"substr(d.closed_at, 1, 7)", "substr(d.created_at, 1, 7)", "substr(s.date, 1, 7)", "g.k"}
	}
	return groupKeys{"''", "''", "''", "''"}
}

// scopeFilter is the WHERE clause (starting with AND) that keeps the rows of
// table alias t in scope.
func scopeFilter(s metric.Scope, t string) (string, []any) {
	switch s.Level {
	case metric.Owner:
		return " AND " + t + ".owner = ?", []any{s.Value}
	case metric.Team:
		return " AND " + t + ".team = ?", []any{s.Value}
	}
	return "", nil
}

// aggregates runs the queries (deals closed in the range, deals created in
// it, customers, spend) grouped by the keys of by, and merges their rows
// into groups.
func (db *DB) aggregates(ctx context.Context, mq measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	if mq.From.IsZero() || mq.To.IsZero() {
		return nil, fmt.Errorf("aggregates: the range needs a first and a last day")
	}
	q := sqlQueryOf(mq)
	if mq.To.Before(mq.From) {
		return nil, fmt.Errorf("aggregates: range %s..%s ends before it starts", q.From, q.To)
	}
	bounds := groupBounds(mq, by)
	keys := keysFor(by)
	// The queries read different rows and fill different fields, so they
	// run at once, each on its own connection (WAL lets readers share the
	// file) and into its own groups, merged after: two parallel readers
	// are 1.4–1.8 times faster than one (docs/architecture.md).
	steps := []func(get func(string) *metric.Aggregates) error{
		func(get func(string) *metric.Aggregates) error { return db.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.createdAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error {
			return db.customerAggregates(ctx, q, keys, bounds, get)
		},
	}
	// Spend has no owner: it is counted only company-wide (or by month).
	if q.Scope.IsCompany() && by != measure.ByOwner && by != measure.ByTeam {
		steps = append(steps, func(get func(string) *metric.Aggregates) error { return db.spendAggregates(ctx, q, keys, get) })
	}
	parts := make([]map[string]*metric.Aggregates, len(steps))
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		parts[i] = map[string]*metric.Aggregates{}
		wg.Go(func() {
			errs[i] = step(func(k string) *metric.Aggregates {
				a, ok := parts[i][k]
				if !ok {
					a = &metric.Aggregates{}
					parts[i][k] = a
				}
				return a
			})
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	groups := map[string]*measure.Group{}
	for _, b := range bounds {
		groups[b.Key] = &measure.Group{Key: b.Key, From: b.From, To: b.To}
	}
	for _, part := range parts {
		for k, a := range part {
			g, ok := groups[k]
			if !ok {
				g = &measure.Group{Key: k, From: mq.From, To: mq.To}
				groups[k] = g
			}
			g.Aggregates.Add(a)
		}
	}
	out := make([]measure.Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// groupBounds returns the groups that exist before any row is read: the
// one company-wide group, or every month the range touches, cut to the
// range. Owners and teams come from the data.
func groupBounds(q measure.Query, by measure.GroupBy) []measure.Group {
	switch by {
	case measure.ByOwner, measure.ByTeam:
		return nil
	case measure.ByMonth:
		var gs []measure.Group
		for m := metric.MonthOf(q.From); !m.Start.After(q.To); m = m.Shift(1) {
			g := measure.Group{Key: m.Label, From: m.Start, To: m.End}
			if g.From.Before(q.From) {
				g.From = q.From
			}
			if g.To.After(q.To) {
				g.To = q.To
			}
			gs = append(gs, g)
		}
		return gs
	}
	return []measure.Group{{Key: "", From: q.From, To: q.To}}
}

// named turns the $cur, $from and $to placeholders of a query into the
// numbered ?1, ?2, ?3 that take the first three arguments; plain ? that
// follow take the arguments after them.
func named(query string) string {
	return strings.NewReplacer("$cur", "?1", "$from", "?2", "$to", "?3").Replace(query)
}
