package store

import (
	"context"
	"fmt"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The queries over customers and spend behind the metrics.

// customerAggregates counts S, R and N of docs/metrics.md with P = [s, e]:
// a customer is active on day d when acquired on or before d and not
// churned on or before d, so "active on s−1" (S) is acq < s and (no churn
// or churn ≥ s), and "still active on e" (R) is acq < s and (no churn or
// churn > e). The acquisition date is acquired_at, else the close of the
// first won deal; customers with neither are prospects and count nowhere.
func (db *DB) customerAggregates(ctx context.Context, q sqlQuery, k groupKeys, bounds []measure.Group, get func(string) *metric.Aggregates) error {
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
		COUNT(*) FILTER (WHERE acq < ?1 AND (churned_at IS NULL OR churned_at > ?2)) AS cr,
		COUNT(*) FILTER (WHERE acq BETWEEN ?1 AND ?2) AS cn
	FROM (SELECT owner, team, churned_at, COALESCE(acquired_at, first_won_at) AS acq
		FROM customers c WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL` + where + ` LIMIT -1) c
	GROUP BY key`
	if key != "''" {
		// Owners and teams without any customer in play are not groups.
		query += " HAVING cs + cn > 0"
	}
	rows, err := db.db.QueryContext(ctx, query, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var s, r, n int64
		if err := rows.Scan(&key, &s, &r, &n); err != nil {
			return fmt.Errorf("aggregate customers: %w", err)
		}
		if len(bounds) == 1 {
			key = bounds[0].Key // one month, or the company's one group
		}
		g := get(key)
		g.CustomersStart, g.Retained, g.NewCustomers = s, r, n
	}
	return rows.Err()
}

// customersByMonth counts S, R and N for every month at once. SQLite
// counts the customers by the month they were acquired in and the month
// they churned in ("<" before the range, ">" after it or never), a few
// hundred cells; as every month's first and last days are edges of those
// buckets, each month's counts are sums of cells:
//
//	S = acquired before the month, churned in it or later
//	R = acquired before the month, churned after it
//	N = acquired in the month
func (db *DB) customersByMonth(ctx context.Context, q sqlQuery, bounds []measure.Group, get func(string) *metric.Aggregates) error {
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
			if c.a < i && c.c > i {
				g.Retained += n
			}
			if c.a == i {
				g.NewCustomers += n
			}
		}
	}
	return nil
}

// spendAggregates sums the spend rows dated in the range in the database's
// currency.
func (db *DB) spendAggregates(ctx context.Context, q sqlQuery, k groupKeys, get func(string) *metric.Aggregates) error {
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
