package store

import (
	"github.com/jackc/pgx/v5"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// copyFirstWon is freshCustomers' writing of the customers' first won
// days on PostgreSQL: the states go in with one COPY into a temporary
// table and one upsert from it, the same statement firstWonWriter runs a
// few hundred customers at a time, rather than hundreds of round trips.
func (t *ImportTx) copyFirstWon() error {
	rows := make(chan []any, 1024)
	var named error
	go func() {
		defer close(rows)
		named = t.tracker.Named(func(id string, f rollup.FirstDay) error {
			var fw, blob any
			if f.Day != rollup.NoDay {
				fw, blob = f.Day.String(), f.Encode()
			}
			rows <- []any{id, fw, blob}
			return nil
		})
	}()
	err := t.conn.Raw(func(dc any) error {
		c, err := dc.(*pgConn).pgx()
		if err != nil {
			return err
		}
		if _, err := c.Exec(t.ctx, `CREATE TEMP TABLE first_won_rows (id TEXT, first_won_at TEXT, first_won_deals BYTEA) ON COMMIT DROP`); err != nil {
			return err
		}
		var row []any
		src := pgx.CopyFromFunc(func() ([]any, error) {
			var ok bool
			row, ok = <-rows
			if !ok {
				return nil, nil
			}
			return row, nil
		})
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
		return err
	}
	return named
}
