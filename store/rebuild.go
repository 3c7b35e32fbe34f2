package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// The rollups are built again from the rows by the migration that
// introduced them (for a database imported before) and by the hidden
// `salesgoal debug rebuild-rollups`; a test checks that a rebuild gives
// what the imports kept.

// RebuildRollups builds the rollups again from the deals, customers and
// spend, in one transaction, and returns the bytes they take.
func (db *DB) RebuildRollups(ctx context.Context) (int64, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if err := rebuildRollups(ctx, tx); err != nil {
		return 0, err
	}
	var size int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(cells)), 0) FROM rollups`).Scan(&size); err != nil {
		return 0, err
	}
	return size, tx.Commit()
}

// rebuildRollups replaces the rollups and the customers' first won days
// with what the rows give. Amounts beyond the
// limit, which only an older salesgoal accepted, are counted as they are.
func rebuildRollups(ctx context.Context, tx DBTX) error { return rebuild(ctx, tx, true) }

// rebuild is rebuildRollups; lifecycles says the schema keeps customers'
// intervals (migration 7), which migration 6's rebuild runs before.
func rebuild(ctx context.Context, tx DBTX, lifecycles bool) error {
	for _, q := range []string{`DELETE FROM rollups`, `DELETE FROM rollup_keys`,
		// Every customer a deal names is one, as the imports make them.
		`INSERT INTO customers (id, implicit) SELECT DISTINCT customer_id, 1 FROM deals WHERE customer_id <> '' ON CONFLICT (id) DO NOTHING`,
		`UPDATE customers SET first_won_at = NULL, first_won_deals = NULL WHERE first_won_at IS NOT NULL OR first_won_deals IS NOT NULL`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild the rollups: %w", err)
		}
	}
	keys := rollup.NewKeys()
	table := &blobTable{ctx: ctx, q: tx}
	defer table.drop()
	ch := rollup.NewChanges(keys, table, spillBudget)
	ch.NoLimit = true
	if err := eachRow(ctx, tx, `SELECT `+strings.Join(dealColumns, ", ")+`, hash FROM deals`, func(rows *sql.Rows) error {
		var s storedDeal
		if err := s.scan(rows); err != nil {
			return err
		}
		d := dealOf(keys, &s.vals)
		return ch.Deal(&d, 1)
	}); err != nil {
		return fmt.Errorf("rebuild the rollups of deals: %w", err)
	}
	w := &firstWonWriter{q: tx, ctx: ctx}
	defer w.close()
	if err := firstDays(ctx, tx, keys, "", func(id string, f rollup.FirstDay) error {
		if err := ch.FirstDayMoved(rollup.NoFirstDay(), f); err != nil {
			return err
		}
		return w.add(id, f)
	}); err != nil {
		return fmt.Errorf("rebuild the customers' first won days: %w", err)
	}
	if err := w.flush(); err != nil {
		return err
	}
	intervals := map[string][]rollup.Interval{} // of the customers whose lifecycle is kept
	lifecycle := "lifecycle"
	if !lifecycles {
		lifecycle = "0"
	} else if err := eachRow(ctx, tx, `SELECT customer_id, start_at, end_at FROM customer_intervals ORDER BY customer_id, start_at`, func(rows *sql.Rows) error {
		var id, s string
		var e sql.NullString
		if err := rows.Scan(&id, &s, &e); err != nil {
			return err
		}
		intervals[id] = append(intervals[id], rollup.Interval{Start: day(s), End: day(e.String)})
		return nil
	}); err != nil {
		return fmt.Errorf("rebuild the rollups of customers: %w", err)
	} else if err := rebuildReopenings(ctx, tx, keys, ch, intervals); err != nil {
		return fmt.Errorf("rebuild the rollups of customers: %w", err)
	}
	if err := eachRow(ctx, tx, `SELECT id, owner, team, acquired_at, first_won_at, churned_at, `+lifecycle+` FROM customers`, func(rows *sql.Rows) error {
		var id, owner, team string
		var acq, fw, churn sql.NullString
		var life bool
		if err := rows.Scan(&id, &owner, &team, &acq, &fw, &churn, &life); err != nil {
			return err
		}
		c := customerCell(keys, owner, team, sqlNull(acq), sqlNull(fw), sqlNull(churn))
		if life {
			c = rollup.CustomerOf(c.Key, intervals[id])
		}
		return ch.Customer(&c, 1)
	}); err != nil {
		return fmt.Errorf("rebuild the rollups of customers: %w", err)
	}
	if err := eachRow(ctx, tx, `SELECT `+strings.Join(spendColumns, ", ")+` FROM spend`, func(rows *sql.Rows) error {
		v := make([]any, len(spendColumns))
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		s := spendOf(keys, v)
		return ch.Spend(&s, 1)
	}); err != nil {
		return fmt.Errorf("rebuild the rollups of spend: %w", err)
	}
	return ch.Commit()
}

// eachRow runs query with args and calls fn on each row. fn may write to
// other tables (the spilled records' temporary one) while the rows are
// read.
func eachRow(ctx context.Context, q DBTX, query string, fn func(*sql.Rows) error, args ...any) error {
	return scanEach(fn)(q.QueryContext(ctx, query, args...))
}

// scanEach calls fn on each of the rows a query returned, or returns the
// query's error: scanEach(fn)(q.QueryContext(…)), whatever q is.
func scanEach(fn func(*sql.Rows) error) func(*sql.Rows, error) error {
	return func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}

// firstDays works out, from the won deals with a close date, the first won
// day of each customer that has one (those the filter, an SQL condition
// on deals starting with AND, keeps), in id order.
func firstDays(ctx context.Context, q DBTX, keys *rollup.Keys, filter string, fn func(string, rollup.FirstDay) error) error {
	var id string
	f := rollup.NoFirstDay()
	err := wonDeals(ctx, q, keys, filter+` ORDER BY customer_id`, func(d *rollup.Deal) error {
		if d.Customer != id && id != "" {
			if err := fn(id, f); err != nil {
				return err
			}
			f = rollup.NoFirstDay()
		}
		id = d.Customer
		f.Add(d, 1)
		return nil
	})
	if err != nil || id == "" {
		return err
	}
	return fn(id, f)
}

// wonDeals calls fn with each won deal with a close date and a customer
// that the rest of the query (an SQL condition on deals starting with
// AND, then an order if any) keeps.
func wonDeals(ctx context.Context, q DBTX, keys *rollup.Keys, rest string, fn func(*rollup.Deal) error) error {
	rows, err := q.QueryContext(ctx, `SELECT customer_id, owner, team, currency, type, amount, closed_at FROM deals
		WHERE stage = 'won' AND closed_at IS NOT NULL AND customer_id <> '' `+rest)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c, owner, team, cur, typ string
		var amount int64
		var closed string
		if err := rows.Scan(&c, &owner, &team, &cur, &typ, &amount, &closed); err != nil {
			return err
		}
		d := rollup.Deal{Key: keys.ID(rollup.Key{Owner: owner, Team: team, Currency: cur}), Stage: rollup.Won,
			Type: rollup.TypeOf(typ), Customer: c, Amount: amount, Closed: day(closed)}
		if err := fn(&d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DescribeRollups writes what the rollups and the customers' first won
// days hold as text, whatever numbers the keys were given
// (rollup.Describe): what tests compare.
func (db *DB) DescribeRollups(ctx context.Context) (string, error) {
	var out string
	err := db.snap(ctx, func(s *Snapshot) error {
		q, err := s.query(ctx)
		if err != nil {
			return err
		}
		firstDays := map[string]rollup.FirstDay{}
		err = eachRow(ctx, q, `SELECT id, first_won_at, first_won_deals FROM customers WHERE first_won_at IS NOT NULL OR first_won_deals IS NOT NULL`,
			func(rows *sql.Rows) error {
				var id string
				var fw sql.NullString
				var blob []byte
				if err := rows.Scan(&id, &fw, &blob); err != nil {
					return err
				}
				f, err := rollup.DecodeFirstDay(day(fw.String), blob)
				firstDays[id] = f
				return err
			})
		if err != nil {
			return err
		}
		out, err = rollup.Describe(ctx, loader{q: s.query}, firstDays)
		return err
	})
	return out, err
}
