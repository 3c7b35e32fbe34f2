package store

import (
	"errors"
	"fmt"
	"os"
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
	// The bulk path's COPY: feed carries the batches' values to it, done
	// its end (the rows copied, or why it stopped).
	feed    chan []any
	done    chan copyEnd
	running bool
	err     error // what the COPY ended with, for flush to return
}

type copyEnd struct {
	copied int64
	err    error
}

// feedBatches is how many batches wait for the COPY, at most.
const feedBatches = 64

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

// feed hands the n rows whose arguments are vals to the bulk path's
// COPY, starting it the first time.
func (in *inserter) feed(vals []any, n int) error {
	m := in.copy
	if m.refused || m.err != nil {
		in.rows += int64(n)
		return nil
	}
	if !m.running {
		if err := in.startCopy(); err != nil {
			return err
		}
	}
	in.rows += int64(n)
	select {
	case m.feed <- append([]any(nil), vals...): // not the batch's slice, which is reused
	case end := <-m.done:
		m.running = false
		in.ended(end)
	}
	return nil
}

// startCopy starts the bulk path's COPY on a goroutine of its own.
func (in *inserter) startCopy() error {
	m := in.copy
	if m.columns == nil {
		if err := m.prepare(in, nil); err != nil {
			return err
		}
	}
	m.feed, m.done, m.running = make(chan []any, feedBatches), make(chan copyEnd, 1), true
	w := len(in.plan.insert)
	if in.plan.hashed {
		w++
	}
	go func() {
		var end copyEnd
		end.err = in.conn.Raw(func(dc any) error {
			c, err := dc.(*pgConn).pgx()
			if err != nil {
				return err
			}
			src := &feedSource{feed: m.feed, width: w, row: make([]any, len(m.columns)), source: m.source}
			end.copied, err = c.CopyFrom(in.ctx, pgx.Identifier{in.plan.table}, m.columns, src)
			for range m.feed { // a COPY stopped early: let the writer go on
			}
			return err
		})
		m.done <- end
	}()
	return nil
}

// ended records how the bulk COPY ended.
func (in *inserter) ended(end copyEnd) {
	m := in.copy
	in.affected += end.copied
	var pe *pgconn.PgError
	switch {
	case errors.As(end.err, &pe) && pe.Code == "23505": // unique_violation
		m.refused = true
	case end.err != nil:
		m.err = end.err
	}
}

// copyRest ends the bulk path's COPY, once every batch is given; a no-op
// elsewhere, and on SQLite.
func (in *inserter) copyRest() {
	m := in.copy
	if m == nil || !m.running {
		return
	}
	m.running = false
	close(m.feed)
	in.ended(<-m.done)
}

// flush ends the bulk path's COPY and reports what stopped it, if
// anything (a repeated key leaves the transaction unable to finish); a
// no-op elsewhere, and on SQLite.
func (in *inserter) flush() error {
	if in.copy == nil {
		return nil
	}
	in.copyRest()
	if in.copy.err != nil {
		return in.copy.err
	}
	if in.copy.refused {
		return errors.New("the file repeats a key")
	}
	return nil
}

// feedSource is the bulk COPY's rows, batch after batch as they come.
type feedSource struct {
	feed   chan []any
	batch  []any
	width  int
	row    []any
	source any
}

func (f *feedSource) Next() bool {
	for len(f.batch) == 0 {
		b, ok := <-f.feed
		if !ok {
			return false
		}
		f.batch = b
	}
	copy(f.row, f.batch[:f.width])
	if f.source != nil {
		f.row[f.width] = f.source
	}
	f.batch = f.batch[f.width:]
	return true
}

func (f *feedSource) Values() ([]any, error) { return f.row, nil }

func (f *feedSource) Err() error { return nil }

// fileSpills keeps an import's spilled rollup changes in a temporary file
// (mode 0600, removed as soon as it is made where the system allows,
// else when the import ends) rather than in a temporary table, for the
// bulk path on PostgreSQL, whose connection the COPY holds: memory stays
// flat however large the file.
type fileSpills struct {
	*blobTable
	f    *os.File
	name string
	at   map[int64][][2]int64 // each chunk's parts: offset and length
	end  int64
}

func (h *fileSpills) Spill(chunk int64, seq int, part []byte) error {
	if h.f == nil {
		f, err := os.CreateTemp("", "salesgoal-spill-*.tmp")
		if err != nil {
			return fmt.Errorf("keep the rollups' changes: %w", err)
		}
		h.f, h.name, h.at = f, f.Name(), map[int64][][2]int64{}
		if os.Remove(h.name) == nil {
			h.name = ""
		}
	}
	if _, err := h.f.WriteAt(part, h.end); err != nil {
		return fmt.Errorf("keep the rollups' changes: %w", err)
	}
	h.at[chunk] = append(h.at[chunk], [2]int64{h.end, int64(len(part))})
	h.end += int64(len(part))
	return nil
}

func (h *fileSpills) Spilled(chunk int64) ([][]byte, error) {
	var out [][]byte
	for _, p := range h.at[chunk] {
		b := make([]byte, p[1])
		if _, err := h.f.ReadAt(b, p[0]); err != nil {
			return nil, fmt.Errorf("read the rollups' changes back: %w", err)
		}
		out = append(out, b)
	}
	delete(h.at, chunk)
	return out, nil
}

// close closes and removes the file.
func (h *fileSpills) close() {
	if h == nil || h.f == nil {
		return
	}
	h.f.Close()
	if h.name != "" {
		os.Remove(h.name)
	}
	h.f = nil
}
