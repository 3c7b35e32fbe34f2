package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// A file imported into an empty table takes the bulk path: inside the
// import's transaction the table's secondary indexes are dropped, the rows
// are inserted without the upsert's comparisons, and the indexes are built
// again from the sorted table before the commit. Maintaining two indexes
// in random key order row by row costs several times more than building
// them once at the end. DDL is transactional in SQLite: a refused file, a
// failed import or a killed process leaves the indexes as they were, and
// readers keep seeing the old snapshot until the commit.

// dropIndexes drops the indexes a migration created on table (not the one
// SQLite keeps for its primary key) and returns the statements that create
// them again, read from sqlite_master: the migrations stay the one place
// that defines them.
func dropIndexes(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`, table)
	if err != nil {
		return nil, err
	}
	var names, creates []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return nil, err
		}
		names, creates = append(names, name), append(creates, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", name, err)
		}
	}
	return creates, nil
}

// createIndexes runs the statements dropIndexes returned.
func createIndexes(ctx context.Context, tx *sql.Tx, creates []string) error {
	for _, q := range creates {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
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
func (f *firstWon) add(customer, stage string, closed any) {
	if f.at == nil || customer == "" {
		return
	}
	d, _ := closed.(string)
	if stage != crm.StageWon {
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
