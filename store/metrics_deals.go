package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// The queries over deals behind the metrics: those closed in a range and
// those created in it.

// expansionSQL is true for a won deal that is an expansion deal
// (docs/metrics.md): typed upsell or cross-sell, or untyped with a customer
// who had won a deal, by anyone, that closed strictly before this one. The
// customer's first_won_at is the earliest close of its won deals (the
// import keeps it up to date), so "an earlier won deal" is first_won_at <
// closed_at. Renewals and new business never count.
const expansionSQL = `d.stage = 'won' AND (d.type IN ('upsell', 'cross-sell') OR (d.type = '' AND d.customer_id <> ''
	AND EXISTS (SELECT 1 FROM customers x WHERE x.id = d.customer_id AND x.first_won_at < d.closed_at)))`

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
func (db *DB) closedAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
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
func (db *DB) createdAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
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
// slower than reading the table once (docs/architecture.md, and the
// numbers in the benchmark's comment). The span is read off the index
// itself.
func (db *DB) indexHint(ctx context.Context, column string, q sqlQuery) (string, error) {
	// Each bound is one lookup at an end of an index: deals(created_at),
	// and the partial deals(closed_at) of won and lost deals.
	// One MIN or MAX per SELECT: SQLite reads an end of the index only for
	// a lone min() or max(); both in one SELECT scan the whole index.
	spanSQL := `SELECT (SELECT MIN(created_at) FROM deals), (SELECT MAX(created_at) FROM deals)`
	if column == "closed_at" {
		spanSQL = `SELECT (SELECT MIN(closed_at) FROM deals WHERE stage IN ('won', 'lost')),
			(SELECT MAX(closed_at) FROM deals WHERE stage IN ('won', 'lost'))`
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
