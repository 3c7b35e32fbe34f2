package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Dump writes every row of every table of the database at path as text, in
// a stable order, without creating or migrating anything. Tests compare
// dumps taken before and after a refused command to prove that the
// database was left row-for-row unchanged.
func Dump(ctx context.Context, path string, w io.Writer) error {
	var sqldb *sql.DB
	list := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if IsServer(path) {
		cfg, err := pgx.ParseConfig(path)
		if err != nil {
			return err
		}
		sqldb = stdlib.OpenDB(*cfg)
		list = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`
	} else {
		var err error
		if sqldb, err = sql.Open("sqlite", fileURI(path)+"?mode=ro&_pragma=busy_timeout(10000)"); err != nil {
			return err
		}
	}
	defer sqldb.Close()
	rows, err := sqldb.QueryContext(ctx, list)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		if err := dumpTable(ctx, sqldb, t, w); err != nil {
			return fmt.Errorf("dump %s: %w", t, err)
		}
	}
	return nil
}

func dumpTable(ctx context.Context, db *sql.DB, table string, w io.Writer) error {
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT * FROM %q ORDER BY 1, 2`, table))
	if err != nil {
		// A one-column table cannot be ordered by column 2.
		rows, err = db.QueryContext(ctx, fmt.Sprintf(`SELECT * FROM %q ORDER BY 1`, table))
		if err != nil {
			return err
		}
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "table %s (%s)\n", table, strings.Join(cols, ", "))
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				cells[i] = "NULL"
			case []byte:
				cells[i] = fmt.Sprintf("%q", v)
			default:
				cells[i] = fmt.Sprintf("%#v", v)
			}
		}
		fmt.Fprintln(w, strings.Join(cells, "|"))
	}
	return rows.Err()
}
