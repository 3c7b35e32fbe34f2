package store

import (
	"context"
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// rebuildReopenings counts again, for a rebuild of the rollups, the won
// deals that brought customers back (reopenings), keys numbered anew, and
// stores what closed on each such day.
func rebuildReopenings(ctx context.Context, tx DBTX, keys *rollup.Keys, ch *rollup.Changes, intervals map[string][]rollup.Interval) error {
	custs := map[string]*storedCustomer{}
	for id := range intervals {
		custs[id] = &storedCustomer{firstWon: rollup.NoDay}
	}
	err := eachRow(ctx, tx, `SELECT d.customer_id, d.closed_at, d.owner, d.team, d.currency, d.type, d.amount, c.first_won_at
		FROM deals d JOIN customers c ON c.id = d.customer_id
		WHERE c.lifecycle = 1 AND d.stage = 'won' AND d.closed_at IS NOT NULL`, func(rows *sql.Rows) error {
		var id, d, owner, team, cur, typ string
		var fw sql.NullString
		var amount int64
		if err := rows.Scan(&id, &d, &owner, &team, &cur, &typ, &amount, &fw); err != nil {
			return err
		}
		c, ok := custs[id]
		if !ok {
			return nil // a lifecycle without an interval
		}
		c.firstWon = day(fw.String)
		c.won = append(c.won, rollup.Deal{Key: keys.ID(rollup.Key{Owner: owner, Team: team, Currency: cur}), Stage: rollup.Won,
			Type: rollup.TypeOf(typ), Customer: id, Amount: amount, Closed: day(d)})
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customer_intervals SET won_deals = NULL WHERE won_deals IS NOT NULL`); err != nil {
		return err
	}
	for id, c := range custs {
		for i, f := range reopenings(c, intervals[id]) {
			if err := ch.FirstDayMoved(rollup.NoFirstDay(), f); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customer_intervals SET won_deals = ? WHERE customer_id = ? AND start_at = ?`,
				f.Encode(), id, intervals[id][i].Start.String()); err != nil {
				return err
			}
		}
	}
	return nil
}
