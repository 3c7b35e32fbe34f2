package store

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// On PostgreSQL an import's rows go to the server with COPY, the fastest
// way in, into a temporary table of the import's transaction (dropped at
// its commit or rollback), and from there into the table by the same
// INSERT … ON CONFLICT statement the SQLite path runs (plan.sql): the
// same upsert rules, the same count of rows inserted or changed.

// copyMerge is the temporary table of one import and the statement that
// merges it.
type copyMerge struct {
	columns []string // the temporary table's columns: the plan's, and hash for deals
	merge   string   // INSERT INTO table … SELECT … FROM pg_temp.import_rows ON CONFLICT …
}

// prepare makes the temporary table, shaped as the plan's columns of its
// table, and the merge.
func (m *copyMerge) prepare(in *inserter, c *pgx.Conn) error {
	p := in.plan
	m.columns = append([]string(nil), p.insert...)
	if p.hashed {
		m.columns = append(m.columns, "hash")
	}
	cols := strings.Join(m.columns, ", ")
	if _, err := c.Exec(in.ctx, `CREATE TEMP TABLE import_rows ON COMMIT DROP AS SELECT `+cols+` FROM `+p.table+` WITH NO DATA`); err != nil {
		return fmt.Errorf("the import's temporary table: %w", err)
	}
	// The upsert of one row, its VALUES tuple read from the temporary
	// table instead: each ? is the next column, a literal stays.
	one := p.sql(1)
	head, rest, ok := strings.Cut(one, " VALUES (")
	tuple, tail, ok2 := strings.Cut(rest, ") ON CONFLICT")
	if !ok || !ok2 {
		return fmt.Errorf("the import's statement has no VALUES: %s", one)
	}
	items := strings.Split(tuple, ", ")
	next := 0
	for i, it := range items {
		if it == "?" {
			items[i] = m.columns[next]
			next++
		}
	}
	m.merge = pgQuery(head + " SELECT " + strings.Join(items, ", ") + " FROM pg_temp.import_rows ON CONFLICT" + tail)
	return nil
}

// copyRows upserts the n rows whose arguments are vals through the
// temporary table. PostgreSQL's upsert refuses to change one row twice in
// one statement, where SQLite's applies the rows in turn: rows that
// repeat a key of the batch (a file that repeats an id, which the import
// then refuses naming both lines) are merged in waves, each holding a key
// once, in the file's order.
func (in *inserter) copyRows(vals []any, n int) error {
	w := len(vals) / n
	keyWidth := strings.Count(in.plan.conflict, ",") + 1 // the key's columns come first
	seen := make(map[string]int, n)
	var waves [][]any
	for i := range n {
		row := vals[i*w : (i+1)*w]
		k := fmt.Sprintf("%q", row[:keyWidth])
		wave := seen[k]
		seen[k] = wave + 1
		if wave == len(waves) {
			waves = append(waves, make([]any, 0, len(vals)))
		}
		waves[wave] = append(waves[wave], row...)
	}
	if len(waves) == 1 {
		return in.copyWave(vals, n)
	}
	for _, v := range waves {
		if err := in.copyWave(v, len(v)/w); err != nil {
			return err
		}
	}
	return nil
}

// copyWave copies and merges n rows, no key twice.
func (in *inserter) copyWave(vals []any, n int) error {
	return in.conn.Raw(func(dc any) error {
		c, err := dc.(*pgConn).pgx()
		if err != nil {
			return err
		}
		m := in.copy
		if m.merge == "" {
			if err := m.prepare(in, c); err != nil {
				return err
			}
		} else if _, err := c.Exec(in.ctx, `TRUNCATE pg_temp.import_rows`); err != nil {
			return err
		}
		w := len(m.columns)
		if _, err := c.CopyFrom(in.ctx, pgx.Identifier{"pg_temp", "import_rows"}, m.columns,
			pgx.CopyFromSlice(n, func(i int) ([]any, error) { return vals[i*w : (i+1)*w], nil })); err != nil {
			return err
		}
		tag, err := c.Exec(in.ctx, m.merge)
		if err != nil {
			return err
		}
		in.rows += int64(n)
		in.affected += tag.RowsAffected()
		return nil
	})
}
