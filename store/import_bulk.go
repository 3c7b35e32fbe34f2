package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
