package store

import (
	"context"
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// buildCycles gives the rollups of a database imported before schema 9
// their month histograms of cycle lengths (rollup.BuildCycles), from the
// stored days, a month at a time.
func buildCycles(ctx context.Context, tx DBTX) error {
	// Migration 6's rebuild, run just before on a database older still,
	// keeps them already: they are built again from the days.
	if _, err := tx.ExecContext(ctx, `DELETE FROM rollups WHERE slot BETWEEN ? AND ?`,
		rollup.Slot(rollup.KindCycles, -1<<31), rollup.Slot(rollup.KindCycles, 1<<31-1)); err != nil {
		return err
	}
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MIN(slot), MAX(slot) FROM rollups WHERE slot BETWEEN ? AND ?`,
		rollup.Slot(rollup.KindDay, -1<<31), rollup.Slot(rollup.KindDay, 1<<31-1)).Scan(&lo, &hi); err != nil {
		return err
	}
	if !lo.Valid {
		return nil
	}
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		return err
	}
	_, first := rollup.SlotID(lo.Int64)
	_, last := rollup.SlotID(hi.Int64)
	load := loader{q: func(context.Context) (DBTX, error) { return tx, nil }}
	return rollup.BuildCycles(keys, &blobTable{ctx: ctx, q: tx}, rollup.Day(first), rollup.Day(last),
		func(from, to rollup.Day, fn func(rollup.Day, []byte) error) error {
			return load.Days(ctx, from, to, fn)
		})
}
