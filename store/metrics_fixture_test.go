package store

import (
	"context"
	"database/sql"
	"testing"
)

// The rows the metrics tests load, in the form an export gives them. Empty
// strings are empty cells; cost and discount are nil when not given.
type (
	fDeal struct {
		id, customer, owner, team, stage, typ string
		amount                                int64
		cost                                  *int64
		discount                              *float64
		currency                              string // "" = USD
		created, closed                       string
	}
	fCustomer struct {
		id, owner, team, acquired, churned string
	}
	fSpend struct {
		date, channel string
		amount        int64
		currency      string // "" = USD
	}
	fixture struct {
		deals     []fDeal
		customers []fCustomer
		spend     []fSpend
	}
)

func cost(c int64) *int64     { return &c }
func disc(d float64) *float64 { return &d }
func orUSD(c string) string {
	if c == "" {
		return "USD"
	}
	return c
}

// mustLoad writes the fixture's rows in one transaction, then does what an
// import does after writing rows: customers that deals name but the
// customers rows lack exist implicitly (no owner, no team), and every
// customer's first_won_at is the earliest close of its won deals.
func mustLoad(tb testing.TB, db *DB, f fixture) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	dealStmt, err := tx.PrepareContext(ctx, `INSERT INTO deals
		(id, customer_id, owner, team, stage, type, amount, cost, discount, currency, created_at, closed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range f.deals {
		var c, dc any
		if d.cost != nil {
			c = *d.cost
		}
		if d.discount != nil {
			dc = *d.discount
		}
		if _, err := dealStmt.ExecContext(ctx, d.id, d.customer, d.owner, d.team, d.stage, d.typ, d.amount, c, dc,
			orUSD(d.currency), null(d.created), null(d.closed)); err != nil {
			tb.Fatalf("deal %s: %v", d.id, err)
		}
	}
	for _, c := range f.customers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO customers (id, owner, team, acquired_at, churned_at) VALUES (?, ?, ?, ?, ?)`,
			c.id, c.owner, c.team, null(c.acquired), null(c.churned)); err != nil {
			tb.Fatalf("customer %s: %v", c.id, err)
		}
	}
	for _, s := range f.spend {
		if _, err := tx.ExecContext(ctx, `INSERT INTO spend (date, channel, amount, currency) VALUES (?, ?, ?, ?)`,
			s.date, s.channel, s.amount, orUSD(s.currency)); err != nil {
			tb.Fatalf("spend %s %s: %v", s.date, s.channel, err)
		}
	}
	deriveCustomers(tb, tx)
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// deriveCustomers adds the implicit customers and sets first_won_at, as the
// import does after every file.
func deriveCustomers(tb testing.TB, tx *sql.Tx) {
	tb.Helper()
	for _, q := range []string{
		`INSERT INTO customers (id, implicit)
			SELECT DISTINCT customer_id, 1 FROM deals
			WHERE customer_id <> '' AND customer_id NOT IN (SELECT id FROM customers)`,
		`UPDATE customers SET first_won_at =
			(SELECT MIN(closed_at) FROM deals WHERE stage = 'won' AND customer_id = customers.id)`,
	} {
		if _, err := tx.Exec(q); err != nil {
			tb.Fatal(err)
		}
	}
}
