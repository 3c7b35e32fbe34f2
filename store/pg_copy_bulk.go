package store

import (
	"errors"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5/pgconn"
)

// The bulk path's COPY of deals on PostgreSQL (pg_copy.go): one COPY from
// the first batch to the last, fed batch by batch from the goroutine that
// writes, while the file is still being read. Each batch is written in
// COPY's text format (pg_copy_text.go) as it is given, so the COPY holds
// bytes, not the batch's values, and the few buffers go round between the
// two goroutines rather than a copy of each batch's values being made.

// copyEnd is how the bulk COPY ended: the rows it copied, or why it stopped.
type copyEnd struct {
	copied int64
	err    error
}

// feedBatches is how many batches wait for the COPY, at most.
const feedBatches = 16

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
	var buf []byte
	select {
	case buf = <-m.free:
	default:
	}
	buf, err := appendCopyRows(buf, vals, len(vals)/n, m.source)
	if err != nil {
		return err
	}
	in.rows += int64(n)
	select {
	case m.feed <- buf:
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
	m.feed, m.free, m.done, m.running = make(chan []byte, feedBatches), make(chan []byte, feedBatches+1), make(chan copyEnd, 1), true
	go func() {
		var end copyEnd
		end.err = in.conn.Raw(func(dc any) error {
			c, err := dc.(*pgConn).pgx()
			if err != nil {
				return err
			}
			src := &copyFeed{feed: m.feed, free: m.free}
			tag, err := c.PgConn().CopyFrom(in.ctx, src, copyStatement(in.plan.table, m.columns))
			end.copied = tag.RowsAffected()
			return err
		})
		for range m.feed { // a COPY stopped early: let the writer go on
		}
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
