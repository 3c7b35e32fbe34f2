package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// The aggregate queries follow DESIGN.md §4 literally. Where it is silent,
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
//     in the range or a customer in S, E, N or C; by month, every month the
//     range touches, each month measured over its own days (its S is the
//     customers active the day before that month).
//   - A cycle is whole days, closed_at − created_at; the median is exact,
//     read off SQLite's counts of won deals per cycle length.

// ScopeKind says whose deals and customers a metric counts (DESIGN.md §4).
type ScopeKind string

// The three scopes of DESIGN.md §7.
const (
	ScopeCompany ScopeKind = "company"
	ScopeOwner   ScopeKind = "owner"
	ScopeTeam    ScopeKind = "team"
)

// Scope is the company, one owner or one team. Deals and customers are
// filtered by their own owner or team column; spend has no owner and is
// counted only for the company.
type Scope struct {
	Kind  ScopeKind
	Value string
}

// AggregateQuery asks for the aggregates of one effective period and scope.
type AggregateQuery struct {
	// From and To are the effective range [start, min(end, as-of)] of
	// DESIGN.md §3, as inclusive ISO dates (YYYY-MM-DD).
	From, To string
	Scope    Scope
	// Currency is the database's currency: money fields count only deals
	// and spend in it (DESIGN.md §1).
	Currency string
}

// GroupBy is how `metrics --by` splits a query into groups.
type GroupBy string

// The groupings of `salesgoal metrics --by`.
const (
	ByOwner GroupBy = "owner"
	ByTeam  GroupBy = "team"
	ByMonth GroupBy = "month"
)

// Group is the aggregates of one owner, team or month.
type Group struct {
	// Key is the owner or team (empty for deals and customers without
	// one), or the month as YYYY-MM.
	Key string
	// From and To are the range the group's aggregates cover: the query's
	// range, or for a month the part of it within the month.
	From, To   string
	Aggregates metric.Aggregates
}

// LeftOut counts what the aggregates of a query could not use, for
// --explain and footnotes.
type LeftOut struct {
	// Open deals in scope without a created date: they count in no period
	// (DESIGN.md §1).
	UndatedOpen int64
	// Spend rows dated in the range whose currency is not the database's.
	OtherCurrencySpend int64
}

// Aggregates computes, inside SQLite, every count and sum the metrics of
// DESIGN.md §4 need over one effective range and scope.
//
// For an owner or team scope, Spend and SpendRows stay 0: spend has no
// owner, so cac and spend exist only for the whole company and the caller
// shows them as null (metric.Metric.CompanyOnly).
func (db *DB) Aggregates(ctx context.Context, q AggregateQuery) (metric.Aggregates, error) {
	gs, err := db.aggregates(ctx, q, "")
	if err != nil {
		return metric.Aggregates{}, err
	}
	return gs[0].Aggregates, nil
}

// AggregatesBy computes the aggregates of q for each owner, team or month,
// with one group-by query per kind of row rather than one query per group.
//
// By month, every calendar month the range touches is a group, empty or
// not, and a month's aggregates cover only its part of the range. By owner
// or team, the groups are those with something in the range (a deal closed
// or created in it, or a customer active or acquired in it), sorted by
// name; spend is never split by owner or team.
func (db *DB) AggregatesBy(ctx context.Context, q AggregateQuery, by GroupBy) ([]Group, error) {
	switch by {
	case ByOwner, ByTeam, ByMonth:
	default:
		return nil, fmt.Errorf("group by %q: want owner, team or month", by)
	}
	return db.aggregates(ctx, q, by)
}

// LeftOut counts the open deals in scope that have no created date and the
// spend rows in the range in another currency.
func (db *DB) LeftOut(ctx context.Context, q AggregateQuery) (LeftOut, error) {
	var lo LeftOut
	where, args := scopeFilter(q.Scope, "d")
	// The unary + keeps SQLite on the created_at index: open deals are
	// many, those without a created date few.
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM deals d
		WHERE +d.stage = 'open' AND d.created_at IS NULL`+where, args...).Scan(&lo.UndatedOpen)
	if err != nil {
		return lo, fmt.Errorf("count undated deals: %w", err)
	}
	if q.Scope.Kind == ScopeCompany || q.Scope.Kind == "" {
		err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM spend
			WHERE date BETWEEN ? AND ? AND currency <> ?`, q.From, q.To, q.Currency).Scan(&lo.OtherCurrencySpend)
		if err != nil {
			return lo, fmt.Errorf("count spend: %w", err)
		}
	}
	return lo, nil
}

// groupKeys are the SQL expressions that put a row into its group, one per
// kind of row (a deal closed in the range, a deal created in it, a spend
// row, a customer). Company-wide, every row is in the one group ”.
type groupKeys struct {
	closed, created, spend, customer string
}

func keysFor(by GroupBy) groupKeys {
	switch by {
	case ByOwner:
		return groupKeys{"d.owner", "d.owner", "", "c.owner"}
	case ByTeam:
		return groupKeys{"d.team", "d.team", "", "c.team"}
	case ByMonth:
		return groupKeys{"substr(d.closed_at, 1, 7)", "substr(d.created_at, 1, 7)", "substr(s.date, 1, 7)", "g.k"}
	}
	return groupKeys{"''", "''", "''", "''"}
}

// scopeFilter is the WHERE clause (starting with AND) that keeps the rows of
// table alias t in scope.
func scopeFilter(s Scope, t string) (string, []any) {
	switch s.Kind {
	case ScopeOwner:
		return " AND " + t + ".owner = ?", []any{s.Value}
	case ScopeTeam:
		return " AND " + t + ".team = ?", []any{s.Value}
	}
	return "", nil
}

// aggregates runs the queries (deals closed in the range, deals created in
// it, customers, spend) grouped by the keys of by, and merges their rows
// into groups.
func (db *DB) aggregates(ctx context.Context, q AggregateQuery, by GroupBy) ([]Group, error) {
	if _, err := time.Parse(time.DateOnly, q.From); err != nil {
		return nil, fmt.Errorf("aggregates: from %q is not a date", q.From)
	}
	if _, err := time.Parse(time.DateOnly, q.To); err != nil {
		return nil, fmt.Errorf("aggregates: to %q is not a date", q.To)
	}
	if q.To < q.From {
		return nil, fmt.Errorf("aggregates: range %s..%s ends before it starts", q.From, q.To)
	}
	bounds := groupBounds(q, by)
	keys := keysFor(by)
	// The queries read different rows and fill different fields, so they
	// run at once, each on its own connection (WAL lets readers share the
	// file) and into its own groups, merged after: PERF.md measured two
	// parallel readers 1.4–1.8 times faster than one.
	steps := []func(get func(string) *metric.Aggregates) error{
		func(get func(string) *metric.Aggregates) error { return db.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.createdAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error {
			return db.customerAggregates(ctx, q, keys, bounds, get)
		},
	}
	// Spend has no owner: it is counted only company-wide (or by month).
	if (q.Scope.Kind == ScopeCompany || q.Scope.Kind == "") && by != ByOwner && by != ByTeam {
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
	groups := map[string]*Group{}
	for _, b := range bounds {
		groups[b.Key] = &Group{Key: b.Key, From: b.From, To: b.To}
	}
	for _, part := range parts {
		for k, a := range part {
			g, ok := groups[k]
			if !ok {
				g = &Group{Key: k, From: q.From, To: q.To}
				groups[k] = g
			}
			addAggregates(&g.Aggregates, a)
		}
	}
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// addAggregates adds the counts and sums of a to g. Each query fills only
// its own fields, so adding merges them; the median comes from one query.
func addAggregates(g, a *metric.Aggregates) {
	g.Won += a.Won
	g.Lost += a.Lost
	g.OpenCreated += a.OpenCreated
	g.WonMoney += a.WonMoney
	g.WonAmount += a.WonAmount
	g.CycleDaysSum += a.CycleDaysSum
	g.CycleDaysMedian += a.CycleDaysMedian
	g.WonWithCost += a.WonWithCost
	g.WonWithCostAmount += a.WonWithCostAmount
	g.WonCost += a.WonCost
	g.WonWithDiscount += a.WonWithDiscount
	g.DiscountSum += a.DiscountSum
	g.WonDiscounted += a.WonDiscounted
	g.NewDeals += a.NewDeals
	g.NewDealsMoney += a.NewDealsMoney
	g.PipelineAmount += a.PipelineAmount
	g.Expansion += a.Expansion
	g.ExpansionMoney += a.ExpansionMoney
	g.ExpansionAmount += a.ExpansionAmount
	g.SpendRows += a.SpendRows
	g.Spend += a.Spend
	g.CustomersStart += a.CustomersStart
	g.CustomersEnd += a.CustomersEnd
	g.NewCustomers += a.NewCustomers
	g.Churned += a.Churned
	g.OtherCurrency += a.OtherCurrency
}

// groupBounds returns the groups that exist before any row is read: the
// one company-wide group, or every month the range touches. Owners and
// teams come from the data.
func groupBounds(q AggregateQuery, by GroupBy) []Group {
	switch by {
	case ByOwner, ByTeam:
		return nil
	case ByMonth:
		var gs []Group
		from, _ := time.Parse(time.DateOnly, q.From)
		to, _ := time.Parse(time.DateOnly, q.To)
		for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
			g := Group{Key: m.Format("2006-01"), From: m.Format(time.DateOnly), To: m.AddDate(0, 1, -1).Format(time.DateOnly)}
			g.From = max(g.From, q.From)
			g.To = min(g.To, q.To)
			gs = append(gs, g)
		}
		return gs
	}
	return []Group{{Key: "", From: q.From, To: q.To}}
}

// expansionSQL is true for a won deal that is an expansion deal (DESIGN.md
// §4): typed upsell or cross-sell, or untyped with a customer who had won a
// deal, by anyone, that closed strictly before this one. The customer's
// first_won_at is the earliest close of its won deals (the import keeps it
// up to date), so "an earlier won deal" is first_won_at < closed_at.
// Renewals and new business never count.
const expansionSQL = `d.stage = 'won' AND (d.type IN ('upsell', 'cross-sell') OR (d.type = '' AND d.customer_id <> ''
	AND EXISTS (SELECT 1 FROM customers x WHERE x.id = d.customer_id AND x.first_won_at < d.closed_at)))`

// cycleSQL is a won deal's cycle in whole days, closed_at − created_at.
const cycleSQL = `CAST(julianday(d.closed_at) - julianday(d.created_at) AS INTEGER)`

// closedAggregates counts and sums the deals won or lost in the range, and
// the median cycle of those won.
//
// The rows are grouped by cycle length as well as by group: SQLite counts
// the won deals of each length (a few hundred rows, not one per deal), the
// sums are added up over those rows here, and the median is read off the
// counts, which spares a second pass over the deals to sort them.
func (db *DB) closedAggregates(ctx context.Context, q AggregateQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "d")
	hint, err := db.indexHint(ctx, "closed_at", q)
	if err != nil {
		return err
	}
	// LIMIT -1 keeps the inner query from being flattened into the outer
	// one, which would compute won, cur, cycle and exp again for each
	// aggregate that uses them.
	query := `SELECT k, cycle,
		COUNT(*) FILTER (WHERE won),
		COUNT(*) FILTER (WHERE NOT won),
		COUNT(*) FILTER (WHERE won AND cur),
		COALESCE(SUM(amount) FILTER (WHERE won AND cur), 0),
		COALESCE(SUM(cycle) FILTER (WHERE won), 0),
		COUNT(*) FILTER (WHERE won AND cur AND cost IS NOT NULL),
		COALESCE(SUM(amount) FILTER (WHERE won AND cur AND cost IS NOT NULL), 0),
		COALESCE(SUM(cost) FILTER (WHERE won AND cur), 0),
		COUNT(*) FILTER (WHERE won AND discount IS NOT NULL),
		TOTAL(discount) FILTER (WHERE won),
		COUNT(*) FILTER (WHERE won AND discount > 0),
		COUNT(*) FILTER (WHERE exp),
		COUNT(*) FILTER (WHERE exp AND cur),
		COALESCE(SUM(amount) FILTER (WHERE exp AND cur), 0),
		COUNT(*) FILTER (WHERE won AND NOT cur)
	FROM (SELECT ` + k.closed + ` AS k, d.stage = 'won' AS won, d.currency = $cur AS cur,
			d.amount AS amount, d.cost AS cost, d.discount AS discount,
			CASE WHEN d.stage = 'won' THEN ` + cycleSQL + ` END AS cycle,
			CASE WHEN ` + expansionSQL + ` THEN 1 ELSE 0 END AS exp
		FROM deals d` + hint + `
		WHERE d.stage IN ('won', 'lost') AND d.closed_at BETWEEN $from AND $to` + where + `
		LIMIT -1)
	GROUP BY k, cycle`
	rows, err := db.db.QueryContext(ctx, named(query), append([]any{q.Currency, q.From, q.To}, args...)...)
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
			&a.Expansion, &a.ExpansionMoney, &a.ExpansionAmount, &a.OtherCurrency); err != nil {
			return fmt.Errorf("aggregate closed deals: %w", err)
		}
		addAggregates(get(key), &a)
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
func (db *DB) createdAggregates(ctx context.Context, q AggregateQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "d")
	hint, err := db.indexHint(ctx, "created_at", q)
	if err != nil {
		return err
	}
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
	rows, err := db.db.QueryContext(ctx, named(query), append([]any{q.Currency, q.From, q.To}, args...)...)
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

// indexHint decides whether a query over the deals of the range should
// use the index on column (closed_at or created_at): it does when the
// range covers a small part of the dates the deals span. An index helps
// with a slice such as one quarter of three years; over most of the
// table, fetching rows through it in index order is two to three times
// slower than reading the table once (PERF.md, and the numbers in the
// benchmark's comment). The span is read off the index itself.
func (db *DB) indexHint(ctx context.Context, column string, q AggregateQuery) (string, error) {
	// Each bound is one lookup at an end of an index: deals(created_at),
	// and deals(stage, closed_at) per stage.
	spanSQL := `SELECT MIN(created_at), MAX(created_at) FROM deals`
	if column == "closed_at" {
		spanSQL = `SELECT MIN((SELECT MIN(closed_at) FROM deals WHERE stage = 'won'), (SELECT MIN(closed_at) FROM deals WHERE stage = 'lost')),
			MAX((SELECT MAX(closed_at) FROM deals WHERE stage = 'won'), (SELECT MAX(closed_at) FROM deals WHERE stage = 'lost'))`
	}
	var lo, hi sql.NullString
	if err := db.db.QueryRowContext(ctx, spanSQL).Scan(&lo, &hi); err != nil {
		return "", fmt.Errorf("date span of deals: %w", err)
	}
	if !lo.Valid {
		return "", nil
	}
	span := daysBetween(lo.String, hi.String) + 1
	overlap := daysBetween(max(lo.String, q.From), min(hi.String, q.To)) + 1
	if overlap*indexShare > span {
		return " NOT INDEXED", nil
	}
	return "", nil
}

// indexShare: the deals' index is used when the range overlaps at most one
// indexShare-th of the days they span.
const indexShare = 5

// daysBetween returns the days from one ISO date to another, or 0 when
// either is not a date.
func daysBetween(from, to string) int {
	a, errA := time.Parse(time.DateOnly, from[:min(len(from), 10)])
	b, errB := time.Parse(time.DateOnly, to[:min(len(to), 10)])
	if errA != nil || errB != nil {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}

// customerAggregates counts S, E, N and C of DESIGN.md §4 with P = [s, e]:
// a customer is active on day d when acquired on or before d and not
// churned on or before d, so "active on s−1" is acq < s and (no churn or
// churn ≥ s). The acquisition date is acquired_at, else the close of the
// first won deal; customers with neither are prospects and count nowhere.
func (db *DB) customerAggregates(ctx context.Context, q AggregateQuery, k groupKeys, bounds []Group, get func(string) *metric.Aggregates) error {
	if k.customer == "g.k" && len(bounds) > 1 {
		return db.customersByMonth(ctx, q, bounds, get)
	}
	where, args := scopeFilter(q.Scope, "c")
	key := k.customer
	if key == "g.k" {
		key = "''"
	}
	// The bounds are ?1 and ?2; the scope's value, a plain ?, is ?3.
	query := `SELECT ` + key + ` AS key,
		COUNT(*) FILTER (WHERE acq < ?1 AND (churned_at IS NULL OR churned_at >= ?1)) AS cs,
		COUNT(*) FILTER (WHERE acq <= ?2 AND (churned_at IS NULL OR churned_at > ?2)) AS ce,
		COUNT(*) FILTER (WHERE acq BETWEEN ?1 AND ?2) AS cn,
		COUNT(*) FILTER (WHERE acq < ?1 AND churned_at BETWEEN ?1 AND ?2) AS cc
	FROM (SELECT owner, team, churned_at, COALESCE(acquired_at, first_won_at) AS acq
		FROM customers c WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL` + where + ` LIMIT -1) c
	GROUP BY key`
	if key != "''" {
		// Owners and teams without any customer in play are not groups.
		query += " HAVING cs + ce + cn + cc > 0"
	}
	rows, err := db.db.QueryContext(ctx, query, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var s, e, n, c int64
		if err := rows.Scan(&key, &s, &e, &n, &c); err != nil {
			return fmt.Errorf("aggregate customers: %w", err)
		}
		if len(bounds) == 1 {
			key = bounds[0].Key // one month, or the company's one group
		}
		g := get(key)
		g.CustomersStart, g.CustomersEnd, g.NewCustomers, g.Churned = s, e, n, c
	}
	return rows.Err()
}

// customersByMonth counts S, E, N and C for every month at once. SQLite
// counts the customers by the month they were acquired in and the month
// they churned in ("<" before the range, ">" after it or never), a few
// hundred cells; as every month's first and last days are edges of those
// buckets, each month's counts are sums of cells:
//
//	S = acquired before the month, churned in it or later
//	E = acquired before or in the month, churned after it
//	N = acquired in the month
//	C = acquired before the month, churned in it
func (db *DB) customersByMonth(ctx context.Context, q AggregateQuery, bounds []Group, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "c")
	query := `SELECT ab, cb, COUNT(*) FROM (
		SELECT CASE WHEN acq < ?1 THEN '<' WHEN acq > ?2 THEN '>' ELSE substr(acq, 1, 7) END AS ab,
			CASE WHEN churned_at IS NULL OR churned_at > ?2 THEN '>' WHEN churned_at < ?1 THEN '<'
				ELSE substr(churned_at, 1, 7) END AS cb
		FROM (SELECT churned_at, COALESCE(acquired_at, first_won_at) AS acq
			FROM customers c WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL` + where + ` LIMIT -1)
		LIMIT -1)
	GROUP BY ab, cb`
	rows, err := db.db.QueryContext(ctx, query, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate customers by month: %w", err)
	}
	defer rows.Close()
	index := map[string]int{"<": -1, ">": len(bounds)}
	for i, b := range bounds {
		index[b.Key] = i
	}
	type cell struct{ a, c, n int }
	var cells []cell
	for rows.Next() {
		var ab, cb string
		var n int
		if err := rows.Scan(&ab, &cb, &n); err != nil {
			return fmt.Errorf("aggregate customers by month: %w", err)
		}
		a, okA := index[ab]
		c, okC := index[cb]
		if !okA || !okC {
			return fmt.Errorf("aggregate customers by month: no month %q or %q", ab, cb)
		}
		cells = append(cells, cell{a, c, n})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("aggregate customers by month: %w", err)
	}
	for i, b := range bounds {
		g := get(b.Key)
		for _, c := range cells {
			n := int64(c.n)
			if c.a < i && c.c >= i {
				g.CustomersStart += n
			}
			if c.a <= i && c.c > i {
				g.CustomersEnd += n
			}
			if c.a == i {
				g.NewCustomers += n
			}
			if c.a < i && c.c == i {
				g.Churned += n
			}
		}
	}
	return nil
}

// spendAggregates sums the spend rows dated in the range in the database's
// currency.
func (db *DB) spendAggregates(ctx context.Context, q AggregateQuery, k groupKeys, get func(string) *metric.Aggregates) error {
	rows, err := db.db.QueryContext(ctx, `SELECT `+k.spend+` AS k, COUNT(*), COALESCE(SUM(s.amount), 0)
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

// named turns the $cur, $from and $to placeholders of a query into the
// numbered ?1, ?2, ?3 that take the first three arguments; plain ? that
// follow take the arguments after them.
func named(query string) string {
	return strings.NewReplacer("$cur", "?1", "$from", "?2", "$to", "?3").Replace(query)
}
