package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// This file is the metrics of docs/metrics.md in plain SQL over the
// deals, customers and spend tables, as the store computed them before it
// kept rollups: the property test (metrics_property_test.go) checks the
// rollups against it after random sequences of imports. It trusts nothing
// the imports derive: a customer's first won day is read off the deals,
// and the customers that deals name but no customers file gave are there
// with no owner or team.

// sqlOracle computes the aggregates with SQL through q.
type sqlOracle struct{ q DBTX }

// The oracle answers what the rollups answer but the series of the HTML
// report's paths, which the property test checks day by day against the
// oracle's aggregates over each day's part of the range.
var _ measure.Aggregator = sqlOracle{}

// AggregatesIn computes the aggregates of each span on its own.
func (o sqlOracle) AggregatesIn(ctx context.Context, q measure.Query, spans []measure.Span) ([]measure.Group, error) {
	out := make([]measure.Group, len(spans))
	for i, s := range spans {
		q.From, q.To = s.From, s.To
		a, err := o.Aggregates(ctx, q)
		if err != nil {
			return nil, err
		}
		out[i] = measure.Group{Key: fmt.Sprint(i), From: s.From, To: s.To, Aggregates: a}
	}
	return out, nil
}

// ScopeExists reports whether an owner or team appears on any deal or
// customer.
func (o sqlOracle) ScopeExists(ctx context.Context, s metric.Scope) (bool, error) {
	col := map[metric.Level]string{metric.Owner: "owner", metric.Team: "team"}[s.Level]
	if col == "" {
		return true, nil
	}
	var n int
	err := o.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM deals WHERE `+col+` = ?1) OR EXISTS (SELECT 1 FROM customers WHERE `+col+` = ?1)`, s.Value).Scan(&n)
	return n == 1, err
}

// Inputs is what the data holds, read off the tables.
func (o sqlOracle) Inputs(ctx context.Context) (metric.Inputs, error) {
	in := metric.Inputs{Carried: map[string][]string{}}
	err := o.q.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM deals WHERE created_at IS NOT NULL),
			EXISTS (SELECT 1 FROM deals WHERE stage = 'won' AND closed_at IS NOT NULL),
			EXISTS (SELECT 1 FROM deals WHERE stage = 'lost'),
			EXISTS (SELECT 1 FROM (`+intervalsSQL+`)),
			EXISTS (SELECT 1 FROM (`+intervalsSQL+`) WHERE NOT first)`).Scan(
		&in.DatedDeals, &in.WonDeals, &in.LostDeals, &in.AcquiredCustomers, &in.Reactivations)
	if err != nil {
		return in, err
	}
	rows, err := o.q.QueryContext(ctx, `SELECT kind, field FROM carried ORDER BY kind, field`)
	if err != nil {
		return in, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, field string
		if err := rows.Scan(&kind, &field); err != nil {
			return in, err
		}
		in.Carried[kind] = append(in.Carried[kind], field)
	}
	if err := rows.Err(); err != nil {
		return in, err
	}
	// The days the spend runs over, whatever its currency.
	var first, last sql.NullString
	if err := o.q.QueryRowContext(ctx, `SELECT MIN(date), MAX(date) FROM spend`).Scan(&first, &last); err != nil {
		return in, err
	}
	if first.Valid {
		if in.SpendFrom, err = time.Parse(time.DateOnly, first.String); err != nil {
			return in, err
		}
		if in.SpendTo, err = time.Parse(time.DateOnly, last.String); err != nil {
			return in, err
		}
	}
	return in, nil
}

// customersSQL is every customer, with the acquisition date of
// docs/metrics.md: acquired_at, else the close of its first won deal.
const customersSQL = `SELECT c.id, c.owner, c.team, c.churned_at, COALESCE(c.acquired_at, fw.first) AS acq
	FROM (SELECT id, owner, team, acquired_at, churned_at FROM customers
		UNION SELECT DISTINCT customer_id, '', '', NULL, NULL FROM deals WHERE customer_id <> '' AND customer_id NOT IN (SELECT id FROM customers)) c
	LEFT JOIN (SELECT customer_id, MIN(closed_at) AS first FROM deals WHERE stage = 'won' AND customer_id <> '' GROUP BY customer_id) fw
		ON fw.customer_id = c.id`

// intervalsSQL is every interval of every customer (docs/metrics.md,
// "Customers who leave and come back"): those kept for a customer whose
// lifecycle is kept, else its one interval, from its acquisition date to
// its churn date; first marks each customer's first interval. (The kept
// intervals are read as stored: TestAggregatesMatchOracle checks how
// they are worked out.)
const intervalsSQL = `SELECT c.id, c.owner, c.team, i.start_at AS s, i.end_at AS e,
		i.start_at = (SELECT MIN(j.start_at) FROM customer_intervals j WHERE j.customer_id = c.id) AS first
	FROM customers c JOIN customer_intervals i ON i.customer_id = c.id WHERE c.lifecycle = 1
	UNION ALL
	SELECT c.id, c.owner, c.team, c.acq, c.churned_at, 1 FROM (` + customersSQL + `) c
	WHERE c.acq IS NOT NULL AND c.id NOT IN (SELECT id FROM customers WHERE lifecycle = 1)`

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
func (o sqlOracle) Aggregates(ctx context.Context, q measure.Query) (metric.Aggregates, error) {
	gs, err := o.aggregates(ctx, q, "")
	if err != nil {
		return metric.Aggregates{}, err
	}
	return gs[0].Aggregates, nil
}

// AggregatesBy computes the aggregates of q for each owner, team or month
// (measure.Group says which groups there are), with one group-by query per
// kind of row rather than one query per group.
func (o sqlOracle) AggregatesBy(ctx context.Context, q measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	switch by {
	case measure.ByOwner, measure.ByTeam, measure.ByMonth:
	default:
		return nil, fmt.Errorf("group by %q: want owner, team or month", by)
	}
	return o.aggregates(ctx, q, by)
}

// LeftOut counts the open deals in scope that have no created date and the
// spend rows in the range in another currency.
func (o sqlOracle) LeftOut(ctx context.Context, mq measure.Query) (measure.LeftOut, error) {
	var lo measure.LeftOut
	q := sqlQueryOf(mq)
	where, args := scopeFilter(q.Scope, "d")
	// The unary + keeps SQLite on the created_at index: open deals are
	// many, those without a created date few.
	err := o.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM deals d
		WHERE +d.stage = 'open' AND d.created_at IS NULL`+where, args...).Scan(&lo.UndatedOpen)
	if err != nil {
		return lo, fmt.Errorf("count undated deals: %w", err)
	}
	if q.Scope.IsCompany() {
		err = o.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM spend
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
func (o sqlOracle) OtherCurrencies(ctx context.Context, mq measure.Query) ([]measure.CurrencyCount, error) {
	q := sqlQueryOf(mq)
	where, args := scopeFilter(q.Scope, "d")
	rows, err := o.q.QueryContext(ctx, named(`SELECT d.currency, COUNT(*) FROM deals d
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
func (o sqlOracle) aggregates(ctx context.Context, mq measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	if mq.From.IsZero() || mq.To.IsZero() {
		return nil, fmt.Errorf("aggregates: the range needs a first and a last day")
	}
	q := sqlQueryOf(mq)
	if mq.To.Before(mq.From) {
		return nil, fmt.Errorf("aggregates: range %s..%s ends before it starts", q.From, q.To)
	}
	bounds := groupBounds(mq, by)
	keys := keysFor(by)
	// The queries read different rows and fill different fields: their
	// groups are merged after.
	steps := []func(get func(string) *metric.Aggregates) error{
		func(get func(string) *metric.Aggregates) error { return o.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return o.createdAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error {
			return o.customerAggregates(ctx, q, keys, bounds, get)
		},
	}
	// Spend has no owner: it is counted only company-wide (or by month).
	if q.Scope.IsCompany() && by != measure.ByOwner && by != measure.ByTeam {
		steps = append(steps, func(get func(string) *metric.Aggregates) error { return o.spendAggregates(ctx, q, keys, get) })
	}
	parts := make([]map[string]*metric.Aggregates, len(steps))
	for i, step := range steps {
		parts[i] = map[string]*metric.Aggregates{}
		err := step(func(k string) *metric.Aggregates {
			a, ok := parts[i][k]
			if !ok {
				a = &metric.Aggregates{}
				parts[i][k] = a
			}
			return a
		})
		if err != nil {
			return nil, err
		}
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

// The queries over deals behind the metrics: those closed in a range and
// those created in it.

// expansionSQL: a won deal typed upsell or cross-sell, or untyped with a
// customer who won a deal, by anyone, that closed strictly before it: the
// earliest won deal read off the deals table itself.
const expansionSQL = `d.stage = 'won' AND (d.type IN ('upsell', 'cross-sell') OR (d.type = '' AND d.customer_id <> ''
	AND (SELECT MIN(w.closed_at) FROM deals w WHERE w.customer_id = d.customer_id AND w.stage = 'won') < d.closed_at
	AND NOT EXISTS (SELECT 1 FROM customer_intervals i WHERE i.customer_id = d.customer_id AND i.start_at = d.closed_at
		AND i.start_at > (SELECT MIN(j.start_at) FROM customer_intervals j WHERE j.customer_id = d.customer_id))))`

// cycleSQL is a won deal's cycle in whole days, closed_at − created_at;
// NULL for a deal that closed before it was created or has no created
// date, which cycle time leaves out (docs/import.md, "Unusual values").
const cycleSQL = `CASE WHEN d.stage = 'won' AND d.closed_at >= d.created_at
	THEN CAST(julianday(d.closed_at) - julianday(d.created_at) AS INTEGER) END`

// closedAggregates counts and sums the deals won or lost in the range, and
// the median cycle of those won (of those whose cycle counts: cycleSQL).
//
// The rows are grouped by cycle length as well as by group: SQLite counts
// the won deals of each length (a few hundred rows, not one per deal), the
// sums are added up over those rows here, and the median is read off the
// counts, which spares a second pass over the deals to sort them.
func (o sqlOracle) closedAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "d")
	hint := ""
	// LIMIT -1 keeps the inner query from being flattened into the outer
	// one, which would compute won, cur, cycle and exp again for each
	// aggregate that uses them.
	query := `SELECT k, cycle,
		COUNT(*) FILTER (WHERE won),
		COUNT(*) FILTER (WHERE NOT won),
		COUNT(*) FILTER (WHERE won AND cur),
		COALESCE(SUM(amount) FILTER (WHERE won AND cur), 0),
		COALESCE(SUM(cycle), 0),
		COUNT(*) FILTER (WHERE won AND cur AND cost IS NOT NULL),
		COALESCE(SUM(amount) FILTER (WHERE won AND cur AND cost IS NOT NULL), 0),
		COALESCE(SUM(cost) FILTER (WHERE won AND cur), 0),
		COUNT(*) FILTER (WHERE won AND discount IS NOT NULL AND amount >= 0),
		TOTAL(discount) FILTER (WHERE won AND amount >= 0),
		COUNT(*) FILTER (WHERE won AND discount > 0 AND amount >= 0),
		COUNT(*) FILTER (WHERE exp),
		COUNT(*) FILTER (WHERE exp AND cur),
		COALESCE(SUM(amount) FILTER (WHERE exp AND cur), 0),
		COUNT(*) FILTER (WHERE won AND NOT cur),
		COUNT(*) FILTER (WHERE won AND early),
		COUNT(*) FILTER (WHERE won AND undated),
		COUNT(*) FILTER (WHERE won AND amount < 0),
		COUNT(*) FILTER (WHERE won AND cur AND amount < 0),
		COALESCE(SUM(amount) FILTER (WHERE won AND cur AND amount < 0), 0)
	FROM (SELECT ` + k.closed + ` AS k, d.stage = 'won' AS won, d.currency = $cur AS cur,
			d.amount AS amount, d.cost AS cost, d.discount AS discount,
			d.closed_at < d.created_at AS early, d.created_at IS NULL AS undated,
			` + cycleSQL + ` AS cycle,
			CASE WHEN ` + expansionSQL + ` THEN 1 ELSE 0 END AS exp
		FROM deals d` + hint + `
		WHERE d.stage IN ('won', 'lost') AND d.closed_at BETWEEN $from AND $to` + where + `
		LIMIT -1)
	GROUP BY k, cycle`
	rows, err := o.q.QueryContext(ctx, named(query), append([]any{q.Currency, q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate closed deals: %w", err)
	}
	defer rows.Close()
	hist := map[string][]cycleCount{}
	for rows.Next() {
		var key string
		var cycle sql.NullInt64
		var a metric.Aggregates
		if err := rows.Scan(&key, &cycle, &a.Won, &a.Lost, &a.WonMoney, &a.WonAmount, &a.CycleDaysSum,
			&a.WonWithCost, &a.WonWithCostAmount, &a.WonCost,
			&a.WonWithDiscount, &a.DiscountSum, &a.WonDiscounted,
			&a.Expansion, &a.ExpansionMoney, &a.ExpansionAmount, &a.OtherCurrency,
			&a.WonEarly, &a.WonUndated, &a.WonCredits, &a.WonCreditsMoney, &a.WonCreditAmount); err != nil {
			return fmt.Errorf("aggregate closed deals: %w", err)
		}
		get(key).Add(&a)
		if cycle.Valid && a.Won > 0 {
			hist[key] = append(hist[key], cycleCount{cycle.Int64, a.Won})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("aggregate closed deals: %w", err)
	}
	for key, h := range hist {
		get(key).CycleDaysMedian = median(h)
	}
	return nil
}

// cycleCount is how many won deals took a given number of days.
type cycleCount struct {
	days, n int64
}

// median returns the median of the cycles counted in h: the middle one, or
// the mean of the middle two when the count is even.
func median(h []cycleCount) float64 {
	sort.Slice(h, func(i, j int) bool { return h[i].days < h[j].days })
	var n int64
	for _, c := range h {
		n += c.n
	}
	if n == 0 {
		return 0
	}
	// The 1-based positions of the middle values: equal when n is odd.
	lo, hi := (n+1)/2, (n+2)/2
	var seen int64
	var loV, hiV int64
	found := false
	for _, c := range h {
		if !found && seen+c.n >= lo {
			loV, found = c.days, true
		}
		if seen+c.n >= hi {
			hiV = c.days
			break
		}
		seen += c.n
	}
	return float64(loV+hiV) / 2
}

// createdAggregates counts the deals created in the range, whatever their
// stage, and the other-currency ones among them not already counted as won
// in the range (a deal is left out once, not once per metric).
func (o sqlOracle) createdAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "d")
	hint := ""
	// By month, "won in the range" means won in the month it was created in.
	same := ""
	if k.closed != k.created {
		same = " AND " + k.closed + " = " + k.created
	}
	query := `SELECT k,
		COUNT(*),
		COUNT(*) FILTER (WHERE cur),
		COALESCE(SUM(amount) FILTER (WHERE cur), 0),
		COUNT(*) FILTER (WHERE open),
		COUNT(*) FILTER (WHERE NOT cur AND NOT won)
	FROM (SELECT ` + k.created + ` AS k, d.currency = $cur AS cur, d.amount AS amount, d.stage = 'open' AS open,
			d.stage = 'won' AND COALESCE(d.closed_at BETWEEN $from AND $to` + same + `, FALSE) AS won
		FROM deals d` + hint + `
		WHERE d.created_at BETWEEN $from AND $to` + where + `
		LIMIT -1)
	GROUP BY k`
	rows, err := o.q.QueryContext(ctx, named(query), append([]any{q.Currency, q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate created deals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var a metric.Aggregates
		var other int64
		if err := rows.Scan(&key, &a.NewDeals, &a.NewDealsMoney, &a.PipelineAmount, &a.OpenCreated, &other); err != nil {
			return fmt.Errorf("aggregate created deals: %w", err)
		}
		g := get(key)
		g.NewDeals, g.NewDealsMoney, g.PipelineAmount, g.OpenCreated = a.NewDeals, a.NewDealsMoney, a.PipelineAmount, a.OpenCreated
		g.OtherCurrency += other
	}
	return rows.Err()
}

// The queries over customers and spend behind the metrics.

// customerAggregates counts S, R, N and the reactivated customers of
// docs/metrics.md with P = [s, e]: a customer is active on day d when one
// of its intervals holds d (start ≤ d, and no end or end > d). Each
// customer is first reduced to whether it was active on s − 1, on e,
// whether its first interval began in P and whether a later one did.
func (o sqlOracle) customerAggregates(ctx context.Context, q sqlQuery, k groupKeys, bounds []measure.Group, get func(string) *metric.Aggregates) error {
	if k.customer == "g.k" && len(bounds) > 1 {
		for _, b := range bounds {
			one := q
			one.From, one.To = b.From.Format(time.DateOnly), b.To.Format(time.DateOnly)
			if err := o.customerAggregates(ctx, one, k, []measure.Group{b}, get); err != nil {
				return err
			}
		}
		return nil
	}
	where, args := scopeFilter(q.Scope, "c")
	key := strings.ReplaceAll(k.customer, "c.", "")
	if key == "g.k" {
		key = "''"
	}
	// The bounds are ?1 and ?2; the scope's value, a plain ?, is ?3.
	query := `SELECT ` + key + ` AS key, SUM(ins), SUM(ins AND ine), SUM(isn), SUM(isb) FROM (
		SELECT c.id, c.owner, c.team,
			MAX(c.s < ?1 AND (c.e IS NULL OR c.e >= ?1)) AS ins,
			MAX(c.s <= ?2 AND (c.e IS NULL OR c.e > ?2)) AS ine,
			MAX(c.first AND c.s BETWEEN ?1 AND ?2) AS isn,
			MAX(NOT c.first AND c.s BETWEEN ?1 AND ?2) AS isb
		FROM (` + intervalsSQL + `) c WHERE 1` + where + ` GROUP BY c.id, c.owner, c.team)
	GROUP BY key`
	if key != "''" {
		// Owners and teams without any customer in play are not groups.
		query += " HAVING SUM(ins) + SUM(isn) + SUM(isb) > 0"
	}
	rows, err := o.q.QueryContext(ctx, query, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var s, r, n, b int64
		if err := rows.Scan(&key, &s, &r, &n, &b); err != nil {
			return fmt.Errorf("aggregate customers: %w", err)
		}
		if len(bounds) == 1 {
			key = bounds[0].Key // one month, or the company's one group
		}
		g := get(key)
		g.CustomersStart, g.Retained, g.NewCustomers, g.Reactivated = s, r, n, b
	}
	return rows.Err()
}

// spendAggregates sums the spend rows dated in the range in the database's
// currency.
func (o sqlOracle) spendAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	rows, err := o.q.QueryContext(ctx, `SELECT `+k.spend+` AS k, COUNT(*), COALESCE(SUM(s.amount), 0)
		FROM spend s WHERE s.date BETWEEN ? AND ? AND s.currency = ? GROUP BY k`, q.From, q.To, q.Currency)
	if err != nil {
		return fmt.Errorf("aggregate spend: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n, sum int64
		if err := rows.Scan(&key, &n, &sum); err != nil {
			return fmt.Errorf("aggregate spend: %w", err)
		}
		g := get(key)
		g.SpendRows, g.Spend = n, sum
	}
	return rows.Err()
}

// CoverageDeals counts what pipeline coverage needs, company-wide, by owner,
// team and day: the deals won and lost in q's closed range (for the win
// rate of recent periods), and the deals open on the day before q.OpenFrom
// that can close from q.OpenFrom to q.OpenTo; and how many open deals of
// the data have no close date. An open-range deal counts when it was
// created by then (or has no created date) and its closed_at is in the
// range: for an open deal that is its expected close date; a deal won or
// lost in the range was still open on the as-of day, so that a report as
// of an earlier day counts what was open then.
//
// One query answers every owner, team, period end and range of recent
// periods of a report: the groups are some thousands at most, and measure
// adds up those a goal needs. It reads the table twice, not through an
// index (SQLite's plan through created_at, a multi-index OR, took four
// times as long); the open deals without a close date, which may be any
// share of it, are counted, not grouped, which over 1,000,000 deals saved
// a third of the time.
func (o sqlOracle) CoverageDeals(ctx context.Context, q measure.CoverageQuery) (measure.CoverageCounts, error) {
	var out measure.CoverageCounts
	day := metric.FormatDate
	rows, err := o.q.QueryContext(ctx, `SELECT d.owner, d.team, d.closed_at,
			COUNT(*) FILTER (WHERE d.closed_at <= ?2 AND d.stage = 'won'),
			COUNT(*) FILTER (WHERE d.closed_at <= ?2 AND d.stage = 'lost'),
			COUNT(*) FILTER (WHERE d.closed_at >= ?3),
			COUNT(*) FILTER (WHERE d.closed_at >= ?3 AND d.currency = ?5),
			COALESCE(SUM(d.amount) FILTER (WHERE d.closed_at >= ?3 AND d.currency = ?5), 0)
		FROM deals d NOT INDEXED
		WHERE (d.stage IN ('won', 'lost') AND d.closed_at BETWEEN ?1 AND ?2)
			OR (d.closed_at BETWEEN ?3 AND ?4 AND (d.created_at IS NULL OR d.created_at < ?3))
		GROUP BY d.owner, d.team, d.closed_at
		UNION ALL
		SELECT '', '', NULL, 0, 0, COUNT(*), 0, 0
		FROM deals d NOT INDEXED
		WHERE d.stage = 'open' AND d.closed_at IS NULL AND (d.created_at IS NULL OR d.created_at < ?3)`,
		day(q.ClosedFrom), day(q.ClosedTo), day(q.OpenFrom), day(q.OpenTo), q.Currency)
	if err != nil {
		return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g measure.DayGroup
		var closed sql.NullString
		if err := rows.Scan(&g.Owner, &g.Team, &closed, &g.Won, &g.Lost, &g.Deals, &g.DealsMoney, &g.Amount); err != nil {
			return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
		}
		if !closed.Valid {
			out.Undated += g.Deals
			continue
		}
		if g.Day, err = metric.ParseDate(closed.String); err != nil {
			return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
		}
		out.Days = append(out.Days, g)
	}
	return out, rows.Err()
}
