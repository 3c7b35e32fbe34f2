package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// On PostgreSQL an import's rows go to the server with COPY, the fastest
// way in.
//
// Into a table with rows (the upsert path) each batch is copied into a
// temporary table of the import's transaction (dropped at its commit or
// rollback) and merged from there by the same INSERT … ON CONFLICT
// statement the SQLite path runs (plan.sql): the same upsert rules, the
// same count of rows inserted or changed.
//
// Into an empty table (the bulk path) every row is new, so the rows are
// copied straight into the table; deals by one COPY that runs from the
// first batch to the last on a goroutine of its own: the server writes rows
// while salesgoal reads the file. The connection is the COPY's meanwhile,
// so the rollups' changes spill to a temporary file rather than to it
// (fileSpills). A key the file repeats stops the COPY (the primary key
// refuses it) where SQLite's insert kept the first row: either way
// RepeatedKey reports it, and the importer reads the file again on the
// upsert path, which names every repeated line; the failed transaction is
// rolled back.

// copyMerge is how one import's rows are copied: the columns, and on the
// upsert path the statement that merges the temporary table.
type copyMerge struct {
	columns []string // the plan's columns, hash for deals, source on the bulk path
	merge   string   // INSERT INTO table … SELECT … FROM pg_temp.import_rows ON CONFLICT …
	bulk    bool
	source  any  // the source's id, a column on the bulk path; nil for none
	refused bool // the bulk COPY met a repeated key: the transaction is over
	// The bulk path's COPY: feed carries the batches' rows to it, done
	// its end (the rows copied, or why it stopped).
	feed    chan []byte // the rows of a batch, in COPY's text format
	free    chan []byte // the buffers the COPY is done with
	done    chan copyEnd
	running bool
	err     error // what the COPY ended with, for flush to return
}

// prepare decides the columns, and for the upsert path makes the
// temporary table, shaped as the plan's columns of its table, and the
// merge.
func (m *copyMerge) prepare(in *inserter, c *pgx.Conn) error {
	p := in.plan
	m.bulk = p.bulk
	m.columns = append([]string(nil), p.insert...)
	if p.hashed {
		m.columns = append(m.columns, "hash")
	}
	if m.bulk {
		// The customers' literal (implicit = 0) is the column's default.
		if p.source != 0 {
			m.columns = append(m.columns, "source")
			m.source = p.source
		}
		return nil
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

// copyRows upserts the n rows whose arguments are vals. PostgreSQL's
// upsert refuses to change one row twice in one statement, where
// SQLite's applies the rows in turn: rows that repeat a key of the batch
// (a file that repeats an id, which the import then refuses naming both
// lines) are merged in waves, each holding a key once, in the file's
// order.
func (in *inserter) copyRows(vals []any, n int) error {
	switch {
	case in.plan.bulk && in.plan.kind == row.KindDeals:
		return in.feed(vals, n)
	case in.plan.bulk:
		// Customers and spend read their stored rows between batches:
		// one COPY a batch.
		return in.copyWave(vals, n)
	}
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

// copyWave copies n rows, no key twice, and on the upsert path merges
// them.
func (in *inserter) copyWave(vals []any, n int) error {
	m := in.copy
	if m.refused {
		in.rows += int64(n)
		return nil
	}
	return in.conn.Raw(func(dc any) error {
		c, err := dc.(*pgConn).pgx()
		if err != nil {
			return err
		}
		if m.columns == nil {
			if err := m.prepare(in, c); err != nil {
				return err
			}
		} else if !m.bulk {
			if _, err := c.Exec(in.ctx, `TRUNCATE pg_temp.import_rows`); err != nil {
				return err
			}
		}
		w := len(vals) / n
		row := make([]any, len(m.columns))
		src := pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			copy(row, vals[i*w:(i+1)*w])
			if m.source != nil {
				row[w] = m.source
			}
			return row, nil
		})
		table := pgx.Identifier{"pg_temp", "import_rows"}
		if m.bulk {
			table = pgx.Identifier{in.plan.table}
		}
		copied, err := c.CopyFrom(in.ctx, table, m.columns, src)
		in.rows += int64(n)
		var pe *pgconn.PgError
		if m.bulk && errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
			m.refused = true
			return nil
		}
		if err != nil {
			return err
		}
		if m.bulk {
			in.affected += copied
			return nil
		}
		tag, err := c.Exec(in.ctx, m.merge)
		in.affected += tag.RowsAffected()
		return err
	})
}
