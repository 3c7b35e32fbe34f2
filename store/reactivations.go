package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// Reactivation is a customer who came back: the first day of a later
// interval (docs/metrics.md, "Customers who leave and come back").
type Reactivation struct {
	Customer string
	Day      time.Time
}

// Reactivations lists, for --explain, the customers of scope sc who came
// back in [from, to], each on the first day it did, by day then id; at
// most limit of them.
func (s *Snapshot) Reactivations(ctx context.Context, from, to time.Time, sc metric.Scope, limit int) ([]Reactivation, error) {
	q, err := s.query(ctx)
	if err != nil {
		return nil, err
	}
	where, args := "", []any{metric.FormatDate(from), metric.FormatDate(to)}
	switch sc.Level {
	case metric.Owner:
		where, args = " AND c.owner = ?", append(args, sc.Value)
	case metric.Team:
		where, args = " AND c.team = ?", append(args, sc.Value)
	}
	var out []Reactivation
	err = eachRow(ctx, q, `SELECT i.customer_id, MIN(i.start_at) AS back FROM customer_intervals i JOIN customers c ON c.id = i.customer_id
		WHERE c.lifecycle = 1 AND i.start_at BETWEEN ? AND ?`+where+`
			AND i.start_at > (SELECT MIN(j.start_at) FROM customer_intervals j WHERE j.customer_id = i.customer_id)
		GROUP BY i.customer_id ORDER BY back, i.customer_id LIMIT ?`, func(rows *sql.Rows) error {
		var id, d string
		if err := rows.Scan(&id, &d); err != nil {
			return err
		}
		day, err := metric.ParseDate(d)
		out = append(out, Reactivation{id, day})
		return err
	}, append(args, limit)...)
	return out, err
}
