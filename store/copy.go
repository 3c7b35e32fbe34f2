package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// Copying a database to another, of either engine (`salesgoal copy`, and
// `backup` from a server): every table but the record of migrations,
// row for row, the rollups' blobs as they are (both engines keep the same
// bytes, docs/architecture.md), read in one read transaction of the
// source and written in one transaction of the destination.

// copyTables are the tables copied, parents before children.
var copyTables = []string{"settings", "sources", "deals", "customers", "spend", "imports", "carried",
	"churn_events", "subscriptions", "customer_intervals", "rates",
	"goals", "goal_assessments", "rollup_keys", "rollups"}

// goalLinks are the columns by which goals name goals: written once every
// goal is in, since a goal may name one with a larger id.
var goalLinks = []string{"parent_id", "baseline_goal"}

// ErrNotEmpty refuses to copy into a database that holds data.
var ErrNotEmpty = errors.New("the destination already holds data")

// Copied is how many rows a copy wrote, by table.
type Copied map[string]int64

// CopyTo copies everything this database holds into dst, in one
// transaction of dst. A dst that holds any row (but its record of
// migrations) is refused with ErrNotEmpty, unless replace, which first
// deletes all of its rows in the same transaction.
func (db *DB) CopyTo(ctx context.Context, dst *DB, replace bool) (Copied, error) {
	if dst == db {
		return nil, fmt.Errorf("copy %s onto itself", db.path)
	}
	sv, err := db.Version(ctx)
	if err != nil {
		return nil, err
	}
	dv, err := dst.Version(ctx)
	if err != nil {
		return nil, err
	}
	if sv != dv {
		return nil, fmt.Errorf("%s has schema version %d and %s %d: open each with this salesgoal first", db.path, sv, dst.path, dv)
	}
	src, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer src.Rollback()
	tx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var has bool
	held := map[string]bool{}
	for _, t := range copyTables {
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&has); err != nil {
			return nil, err
		}
		if held[t] = has; has && !replace {
			return nil, fmt.Errorf("copy into %s: %w (its table %s has rows)", dst.path, ErrNotEmpty, t)
		}
	}
	for i := len(copyTables) - 1; i >= 0; i-- {
		t := copyTables[i]
		if !held[t] {
			continue
		}
		if t == "goals" {
			if _, err := tx.ExecContext(ctx, `UPDATE goals SET parent_id = NULL, baseline_goal = NULL`); err != nil {
				return nil, err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return nil, fmt.Errorf("empty %s: %w", t, err)
		}
	}
	n := Copied{}
	for _, t := range copyTables {
		c, err := copyTable(ctx, src, tx, t)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t, err)
		}
		n[t] = c
	}
	if err := copyGoalLinks(ctx, src, tx); err != nil {
		return nil, err
	}
	return n, tx.Commit()
}

// copyRows is how many rows one INSERT of a copy carries: under both
// engines' limits on arguments for the widest table.
const copyRows = 500

// copyTable copies the rows of one table, in batches.
func copyTable(ctx context.Context, src, dst *sql.Tx, table string) (int64, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table+` ORDER BY 1`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	link := map[int]bool{}
	if table == "goals" {
		for i, c := range cols {
			for _, l := range goalLinks {
				link[i] = link[i] || c == l
			}
		}
	}
	head := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES `
	tuple := "(" + marks("?", len(cols)) + ")"
	var args []any
	var n, pending int64
	flush := func() error {
		if pending == 0 {
			return nil
		}
		q := head + marks(tuple, int(pending))
		_, err := dst.ExecContext(ctx, q, args...)
		args, pending = args[:0], 0
		return err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i := range vals {
			if link[i] {
				vals[i] = nil // copyGoalLinks
			}
		}
		args = append(args, vals...)
		pending++
		n++
		if pending == copyRows {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}

// copyGoalLinks sets the goals' links to goals, once all are in.
func copyGoalLinks(ctx context.Context, src, dst *sql.Tx) error {
	rows, err := src.QueryContext(ctx, `SELECT id, parent_id, baseline_goal FROM goals
		WHERE parent_id IS NOT NULL OR baseline_goal IS NOT NULL ORDER BY id`)
	if err != nil {
		return err
	}
	type links struct {
		id           int64
		parent, from sql.NullInt64
	}
	var ls []links
	for rows.Next() {
		var l links
		if err := rows.Scan(&l.id, &l.parent, &l.from); err != nil {
			rows.Close()
			return err
		}
		ls = append(ls, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range ls {
		if _, err := dst.ExecContext(ctx, `UPDATE goals SET parent_id = ?, baseline_goal = ? WHERE id = ?`, l.parent, l.from, l.id); err != nil {
			return fmt.Errorf("copy the goals' links: %w", err)
		}
	}
	return nil
}

// sqliteSnapshot copies a PostgreSQL database into a new SQLite file, a
// temporary one of the given kind in dir named after base, synced and
// checked, and returns its name: a backup any salesgoal can open.
func (db *DB) sqliteSnapshot(ctx context.Context, dir, base, kind string) (string, error) {
	tmp, err := safefile.Temp(dir, base, kind)
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	tmp.Close()
	fail := func(err error) (string, error) {
		removeDatabase(name)
		return "", err
	}
	lite, err := open(ctx, name, BusyTimeout*time.Millisecond, access{initialise: true})
	if err != nil {
		return fail(err)
	}
	_, err = db.CopyTo(ctx, lite, false)
	if err == nil {
		_, err = lite.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if cerr := lite.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = safefile.SyncFile(name)
	}
	if err == nil {
		err = checkFile(ctx, name)
	}
	if err != nil {
		return fail(err)
	}
	os.Remove(name + "-wal")
	os.Remove(name + "-shm")
	return name, nil
}
