package store

import (
	"github.com/jackc/pgx/v5"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// copyFirstWon is freshCustomers' writing of the customers' first won
// days on PostgreSQL, rather than hundreds of round trips: into an empty
// customers table (empty) the states go straight in with one COPY, each
// customer a new implicit one; into one with rows, with one COPY into a
// temporary table and one upsert from it, the same statement
// firstWonWriter runs a few hundred customers at a time. It returns the
// customers it added, or -1 when it did not count them (the upsert).
func (t *ImportTx) copyFirstWon(empty bool) (int64, error) {
	rows := make(chan []any, 1024)
	var named error
	go func() {
		defer close(rows)
		named = t.tracker.Named(func(id string, f rollup.FirstDay) error {
			var fw, blob any
			if f.Day != rollup.NoDay {
				fw, blob = f.Day.String(), f.Encode()
			}
			if empty {
				rows <- []any{id, int64(1), fw, blob}
			} else {
				rows <- []any{id, fw, blob}
			}
			return nil
		})
	}()
	added := int64(-1)
	err := t.conn.Raw(func(dc any) error {
		c, err := dc.(*pgConn).pgx()
		if err != nil {
			return err
		}
		src := pgx.CopyFromFunc(func() ([]any, error) {
			row, ok := <-rows
			if !ok {
				return nil, nil
			}
			return row, nil
		})
		if empty {
			added, err = c.CopyFrom(t.ctx, pgx.Identifier{"customers"}, []string{"id", "implicit", "first_won_at", "first_won_deals"}, src)
			return err
		}
		if _, err := c.Exec(t.ctx, `CREATE TEMP TABLE first_won_rows (id TEXT, first_won_at TEXT, first_won_deals BYTEA) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := c.CopyFrom(t.ctx, pgx.Identifier{"first_won_rows"}, []string{"id", "first_won_at", "first_won_deals"}, src); err != nil {
			return err
		}
		_, err = c.Exec(t.ctx, pgQuery(`INSERT INTO customers (id, implicit, first_won_at, first_won_deals)
			SELECT id, 1, first_won_at, first_won_deals FROM pg_temp.first_won_rows
			ON CONFLICT (id) DO UPDATE SET first_won_at = excluded.first_won_at, first_won_deals = excluded.first_won_deals
			WHERE customers.first_won_at IS NOT excluded.first_won_at OR customers.first_won_deals IS NOT excluded.first_won_deals`))
		return err
	})
	for range rows { // a COPY stopped early: let the tracker finish
	}
	if err != nil {
		return 0, err
	}
	return added, named
}
