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

// Inputs counts, company-wide, the rows the metrics need beyond plain
// deals (costs, discounts, spend, acquisition and churn dates), for the
// Measurable check of docs/goals.md.
func (db *DB) Inputs(ctx context.Context) (metric.Inputs, error) {
	var in metric.Inputs
	err := db.db.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM deals WHERE created_at IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE stage IN ('won', 'lost') AND closed_at IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE stage = 'won' AND closed_at IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE stage = 'won' AND cost IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE stage = 'won' AND discount IS NOT NULL),
			(SELECT COUNT(*) FROM spend),
			(SELECT COUNT(*) FROM customers WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL),
			(SELECT COUNT(*) FROM customers WHERE churned_at IS NOT NULL)`).Scan(
		&in.Deals, &in.ClosedDeals, &in.WonDeals, &in.DealsWithCost, &in.DealsWithDiscount,
		&in.SpendRows, &in.Customers, &in.ChurnedCustomers)
	if err != nil {
		return in, fmt.Errorf("count metric inputs: %w", err)
	}
	return in, nil
}
