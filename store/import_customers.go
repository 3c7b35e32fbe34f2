package store

import (
	"context"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// refreshCustomers runs after a deals import that changed rows, in its
// transaction: it adds the customers that deals name but no customers
// file has given (implicit ones), and recomputes each customer's first won
// date, from which its acquisition date derives when it has no
// acquired_at. One grouped pass over deals feeds both, through a temporary
// table of one row per customer; every other step works on customers. It
// returns the customers added.
func refreshCustomers(ctx context.Context, tx DBTX) (int64, error) {
	var added int64
	for i, q := range []string{
		`CREATE TEMP TABLE deal_customers (customer_id TEXT PRIMARY KEY, first_won TEXT) WITHOUT ROWID`,
		`INSERT INTO temp.deal_customers
		 SELECT customer_id, MIN(CASE WHEN stage = 'won' THEN closed_at END)
		 FROM deals WHERE customer_id <> '' GROUP BY customer_id`,
		`INSERT INTO customers (id, implicit)
		 SELECT customer_id, 1 FROM temp.deal_customers WHERE true
		 ON CONFLICT (id) DO NOTHING`,
		`UPDATE customers SET first_won_at = w.first_won
		 FROM temp.deal_customers AS w
		 WHERE customers.id = w.customer_id AND customers.first_won_at IS NOT w.first_won`,
		// A customer whose only won deal moved to another customer or stage.
		`UPDATE customers SET first_won_at = NULL
		 WHERE first_won_at IS NOT NULL AND id NOT IN
		   (SELECT customer_id FROM temp.deal_customers WHERE first_won IS NOT NULL)`,
		`DROP TABLE temp.deal_customers`,
	} {
		res, err := tx.ExecContext(ctx, q)
		if err != nil {
			return 0, err
		}
		if i == 2 {
			if added, err = res.RowsAffected(); err != nil {
				return 0, err
			}
		}
	}
	return added, nil
}

// firstWonMax bounds the customers firstWon follows. Past it the import
// forgets them and refreshes customers with SQL, so that a file of a
// million one-deal customers cannot make memory grow with it.
const firstWonMax = 1 << 17

// firstWon collects, while a deals file is read into an empty deals table,
// what refreshCustomers would otherwise compute by grouping every deal by
// customer: each customer's earliest won close date. The table started
// empty, so the file's valid rows are all its deals. It holds one entry
// per customer (at most firstWonMax), not one per row.
type firstWon struct {
	// at maps a customer id to its place in won. The map is never assigned
	// to again once a customer is in it: assigning would replace the key
	// with the record's string, which shares the memory of its whole line.
	at  map[string]int32
	won []string // earliest won closed_at; "" = none won
}

func newFirstWon() *firstWon { return &firstWon{at: map[string]int32{}} }

// add counts one valid deal.
func (f *firstWon) add(customer, stage, closed string) {
	if f.at == nil || customer == "" {
		return
	}
	d := closed
	if stage != row.StageWon {
		d = ""
	}
	i, ok := f.at[customer]
	switch {
	case !ok:
		if len(f.won) == firstWonMax {
			f.at, f.won = nil, nil // too many customers: refreshCustomers does it in SQL
			return
		}
		f.at[strings.Clone(customer)] = int32(len(f.won))
		f.won = append(f.won, strings.Clone(d))
	case d != "" && (f.won[i] == "" || d < f.won[i]):
		f.won[i] = strings.Clone(d)
	}
}

// usable reports whether every customer of the file was followed.
func (f *firstWon) usable() bool { return f != nil && f.at != nil }

// refreshRows is how many customers one upsert of refresh carries.
const refreshRows = 250

// refresh is refreshCustomers for an import into an empty deals table,
// from what add collected instead of a grouped pass over every deal: each
// customer's first won date is NULL unless the file gives it one, and the
// customers the file names but the table lacks are added as implicit
// ones. It returns the customers added.
func (f *firstWon) refresh(ctx context.Context, tx DBTX) (int64, error) {
	var before, after int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers`).Scan(&before); err != nil {
		return 0, err
	}
	// No deal was stored before this import, so no customer has a won one
	// but those the file gives below.
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET first_won_at = NULL WHERE first_won_at IS NOT NULL`); err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(f.at))
	for id := range f.at {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the primary key's order: appends rather than page splits
	args := make([]any, 0, 2*refreshRows)
	for chunk := range slices.Chunk(ids, refreshRows) {
		args = args[:0]
		for _, id := range chunk {
			var won any
			if d := f.won[f.at[id]]; d != "" {
				won = d
			}
			args = append(args, id, won)
		}
		q := `INSERT INTO customers (id, implicit, first_won_at) VALUES ` +
			strings.Repeat("(?, 1, ?), ", len(chunk)-1) + `(?, 1, ?)
			ON CONFLICT (id) DO UPDATE SET first_won_at = excluded.first_won_at
			WHERE customers.first_won_at IS NOT excluded.first_won_at`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return 0, err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM customers`).Scan(&after); err != nil {
		return 0, err
	}
	return after - before, nil
}
