package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// replaceRows keeps the database as kept and replaces its rows with those
// of the database file at from (of the same schema), in one transaction
// that holds the write lock from before the copy is kept to the commit.
func (db *DB) replaceRows(ctx context.Context, from, kept string) (err error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Every row is replaced, parents and children alike, so the foreign
	// keys (whose ON DELETE RESTRICT would stop the deletes halfway) are
	// off for this connection until it goes back to the pool.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`)
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS backup`, plainName(from)); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE backup`)

	tx, err := conn.BeginTx(ctx, nil) // the write lock (_txlock=immediate)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// No other salesgoal can commit while the lock is held, so the copy
	// kept is exactly what the restore replaces.
	keptTmp, err := db.snapshot(ctx, filepath.Dir(kept), filepath.Base(kept), "kept")
	if err != nil {
		return fmt.Errorf("keep the database as it is: %w", err)
	}
	defer os.Remove(keptTmp)
	if err := safefile.Install(keptTmp, kept, false); err != nil {
		return fmt.Errorf("keep the database as it is: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(kept) // the database is as it was: nothing to keep
		}
	}()

	tables, err := tableNames(ctx, tx)
	if err != nil {
		return err
	}
	// As an import into an empty table does (import_bulk.go): indexes
	// dropped, rows loaded, indexes built again once, before the commit.
	var creates []string
	for _, t := range tables {
		c, err := dropIndexes(ctx, tx, t)
		if err != nil {
			return err
		}
		creates = append(creates, c...)
		if _, err := tx.ExecContext(ctx, `DELETE FROM main.`+quoteIdent(t)); err != nil {
			return err
		}
	}
	for _, t := range tables {
		cols, err := columnNames(ctx, tx, t)
		if err != nil {
			return err
		}
		list := strings.Join(cols, ", ")
		if _, err := tx.ExecContext(ctx, `INSERT INTO main.`+quoteIdent(t)+` (`+list+`) SELECT `+list+` FROM backup.`+quoteIdent(t)); err != nil {
			return err
		}
	}
	if err := createIndexes(ctx, tx, creates); err != nil {
		return err
	}
	return tx.Commit()
}

// tableNames lists the tables of the main database that hold rows to
// restore: every table, and SQLite's record of AUTOINCREMENT counters.
func tableNames(ctx context.Context, tx DBTX) ([]string, error) {
	return texts(ctx, tx, `SELECT name FROM main.sqlite_master
		WHERE type = 'table' AND (name NOT LIKE 'sqlite\_%' ESCAPE '\' OR name = 'sqlite_sequence') ORDER BY name`)
}

// columnNames lists the columns of a table of the main database, quoted.
func columnNames(ctx context.Context, tx DBTX, table string) ([]string, error) {
	cols, err := texts(ctx, tx, `SELECT name FROM pragma_table_info(?, 'main')`, table)
	for i, c := range cols {
		cols[i] = quoteIdent(c)
	}
	return cols, err
}

// texts runs a query of one text column and returns its values.
func texts(ctx context.Context, tx DBTX, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// plainName keeps SQLite from reading a file name that starts with
// "file:" as a URI.
func plainName(name string) string {
	if strings.HasPrefix(name, "file:") {
		return "./" + name
	}
	return name
}
