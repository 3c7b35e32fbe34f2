package store

import (
	"context"
	"fmt"

	"github.com/salesgoal/salesgoal/metric"
)

// ScopeExists reports whether an owner or team appears on any deal or
// customer, so that a goal for a misspelt name is caught (the Specific
// check of docs/goals.md). The company always exists.
func (db *DB) ScopeExists(ctx context.Context, s metric.Scope) (bool, error) {
	var col string
	switch s.Level {
	case metric.Owner:
		col = "owner"
	case metric.Team:
		col = "team"
	default:
		return true, nil
	}
	var n int
	err := db.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		EXISTS (SELECT 1 FROM deals WHERE %[1]s = ?1) OR EXISTS (SELECT 1 FROM customers WHERE %[1]s = ?1)`, col),
		s.Value).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up %s %q: %w", s.Level, s.Value, err)
	}
	return n == 1, nil
}

// Inputs is what the data holds, company-wide, for docs/metrics.md's
// "Measurable or null": the record of the fields each kind's imports
// carried, and the counts of dated, won, lost deals and of customers with
// an acquisition date.
func (db *DB) Inputs(ctx context.Context) (metric.Inputs, error) {
	in := metric.Inputs{Carried: map[string][]string{}}
	err := db.db.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM deals WHERE created_at IS NOT NULL),
			EXISTS (SELECT 1 FROM deals WHERE stage = 'won' AND closed_at IS NOT NULL),
			EXISTS (SELECT 1 FROM deals WHERE stage = 'lost'),
			EXISTS (SELECT 1 FROM customers WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL)`).Scan(
		&in.DatedDeals, &in.WonDeals, &in.LostDeals, &in.AcquiredCustomers)
	if err != nil {
		return in, fmt.Errorf("count metric inputs: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT kind, field FROM carried ORDER BY kind, field`)
	if err != nil {
		return in, fmt.Errorf("read what the imports carried: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, field string
		if err := rows.Scan(&kind, &field); err != nil {
			return in, fmt.Errorf("read what the imports carried: %w", err)
		}
		in.Carried[kind] = append(in.Carried[kind], field)
	}
	return in, rows.Err()
}
