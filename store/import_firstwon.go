package store

import (
	"context"
	"database/sql"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Each customer keeps its first won day (first_won_at: the earliest close
// of its won deals, from which its acquisition date derives when it has
// no acquired_at) and what closed on it (first_won_deals, rollup.FirstDay).
// A deals import follows the customers whose won deals it writes
// (rollup.Tracker) and, as it finishes, stores their new state and moves
// their cells.

// loadChunk is how many customers one lookup reads.
const loadChunk = 500

// loadFirstWon gives the tracker the stored state of the customers of the
// won deals in cs that it has not met yet.
func (t *ImportTx) loadFirstWon(cs []dealChange) error {
	if t.tracker.Fresh() {
		return nil
	}
	seen := map[string]bool{}
	var ids []any
	note := func(v *dealRow) {
		id := text(v[dealCustomer])
		if id != "" && text(v[dealStage]) == "won" && day(v[dealClosed]) != rollup.NoDay && !seen[id] && t.tracker.Need(id) {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for i := range cs {
		if cs[i].old != nil {
			note(&cs[i].old.vals)
		}
		note(&cs[i].new)
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), loadChunk)]
		ids = ids[len(chunk):]
		args := padIDs(append(t.ids[:0], chunk...))
		t.ids = args
		if err := t.loadStates(`SELECT id, first_won_at, first_won_deals FROM customers WHERE id IN (`+marks("?", len(args))+`)`, args); err != nil {
			return err
		}
		for _, id := range chunk {
			if t.tracker.Need(id.(string)) { // not in the table yet: it has won nothing
				t.tracker.Load(id.(string), rollup.NoFirstDay())
			}
		}
	}
	return nil
}

// settleFirstWon ends a deals import's part of the customers: it adds the
// implicit customers the file named (into an empty deals table: the other
// imports add them batch by batch), works out again the first won day of
// the customers that lost every deal of theirs, moves the customer cells
// of those acquired by their first won deal whose first won day changed,
// and stores each changed state with its first-day cells. A customer's
// state before the import is read from its row, as the cells are moved:
// it is there until the new one is stored, and the tracker, which loaded
// it to count the deals from, keeps only the new one (12 bytes a customer
// and its group less at a re-import's peak).
func (t *ImportTx) settleFirstWon() error {
	defer t.tracker.Release() // its states are stored now: the commit reuses the memory
	fresh, added := t.tracker.Fresh(), false
	if fresh {
		var err error
		if added, err = t.freshCustomers(); err != nil {
			return err
		}
	}
	if redo := t.tracker.Redo(); len(redo) > 0 {
		if err := t.reread(redo); err != nil {
			return err
		}
	}
	n := t.tracker.Moved()
	if n == 0 {
		return nil
	}
	look, done, err := t.customerLookup(n, added, !fresh)
	if err != nil {
		return err
	}
	err = t.tracker.Each(func(id string, after rollup.FirstDay) (bool, error) {
		c, ok, err := look(id)
		if err != nil {
			return false, err
		}
		before := rollup.NoFirstDay() // fresh: the row holds the state freshCustomers wrote
		if ok && !fresh {
			before = c.firstWon
		}
		if before.Equal(after) {
			return false, nil
		}
		if ok && c.acquired == rollup.NoDay && !c.lifecycle && before.Day != after.Day {
			key := t.keys.ID(rollup.Key{Owner: c.owner, Team: c.team})
			if err := t.changes.Customer(&rollup.Customer{Key: key, Acquired: before.Day, Churned: c.churned}, -1); err != nil {
				return false, err
			}
			if err := t.changes.Customer(&rollup.Customer{Key: key, Acquired: after.Day, Churned: c.churned}, 1); err != nil {
				return false, err
			}
		}
		return true, t.changes.FirstDayMoved(before, after)
	})
	done()
	if err != nil || fresh {
		return err // fresh: freshCustomers wrote the states
	}
	w := &firstWonWriter{ctx: t.ctx, q: t.tx, raw: t.ins}
	defer w.close()
	if err := t.tracker.Each(func(id string, after rollup.FirstDay) (bool, error) { return true, w.add(id, after) }); err != nil {
		return err
	}
	return w.flush()
}

// firstWonWriter stores customers' states in upserts of refreshRows.
type firstWonWriter struct {
	ctx  context.Context
	q    DBTX
	args []any
	full *sql.Stmt // the upsert of refreshRows, prepared once
	// raw, when set, runs the upserts beneath the driver (import_raw.go),
	// which copies their values into one buffer it reuses: through the
	// driver, which converts and copies each, a first import's 100,000
	// customers allocated 37 MB, a tenth of what its 1M deals did.
	raw       *inserter
	fullQuery string // the upsert of refreshRows, built once
}

// refreshRows is how many customers one upsert of states carries.
const refreshRows = 250

func (w *firstWonWriter) add(id string, f rollup.FirstDay) error {
	var fw, blob any
	if f.Day != rollup.NoDay {
		fw, blob = f.Day.String(), f.Encode()
	}
	w.args = append(w.args, id, fw, blob)
	if len(w.args) == 3*refreshRows {
		return w.flush()
	}
	return nil
}

func (w *firstWonWriter) flush() error {
	if len(w.args) == 0 {
		return nil
	}
	n := len(w.args) / 3
	query := w.fullQuery
	if n < refreshRows || query == "" {
		query = `INSERT INTO customers (id, implicit, first_won_at, first_won_deals) VALUES ` + marks("(?, 1, ?, ?)", n) + `
		ON CONFLICT (id) DO UPDATE SET first_won_at = excluded.first_won_at, first_won_deals = excluded.first_won_deals
		WHERE customers.first_won_at IS NOT excluded.first_won_at OR customers.first_won_deals IS NOT excluded.first_won_deals`
		if n == refreshRows {
			w.fullQuery = query
		}
	}
	if w.raw != nil {
		if ran, err := w.raw.execQuery(query, w.args); ran {
			w.args = w.args[:0]
			return err
		}
	}
	p, canPrepare := w.q.(interface {
		PrepareContext(context.Context, string) (*sql.Stmt, error)
	})
	var err error
	switch {
	case n < refreshRows || !canPrepare:
		_, err = w.q.ExecContext(w.ctx, query, w.args...)
	case w.full == nil:
		if w.full, err = p.PrepareContext(w.ctx, query); err != nil {
			return err
		}
		fallthrough
	default:
		_, err = w.full.ExecContext(w.ctx, w.args...)
	}
	w.args = w.args[:0]
	return err
}

// close closes the upsert prepared.
func (w *firstWonWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// freshCustomers stores, after a deals file imported into an empty deals
// table, the first won day of every customer it named, in id order, and
// adds those the table lacks as implicit customers. It reports whether the
// customers table was empty before: every customer is then one it added.
func (t *ImportTx) freshCustomers() (empty bool, err error) {
	var before int64
	if err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM customers`).Scan(&before); err != nil {
		return false, err
	}
	empty, added := before == 0, int64(-1) // -1: count them
	if empty && !t.db.server() {
		// Every customer named is new (a first import): they are all
		// counted, and their rows need no lookup (customerLookup).
		added = int64(t.tracker.Names())
	}
	if t.db.server() {
		if added, err = t.copyFirstWon(empty); err != nil { // pg_firstwon.go
			return false, err
		}
	} else if err := t.writeNamed(); err != nil {
		return false, err
	}
	if added < 0 {
		var after int64
		if err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM customers`).Scan(&after); err != nil {
			return false, err
		}
		added = after - before
	}
	return empty, t.countImplicit(added)
}

// writeNamed stores the first won day of every customer the deals named,
// in id order, adding those the table lacks as implicit customers.
func (t *ImportTx) writeNamed() error {
	w := &firstWonWriter{ctx: t.ctx, q: t.tx, raw: t.ins}
	defer w.close()
	if err := t.tracker.Named(w.add); err != nil {
		return err
	}
	return w.flush()
}

// reread works out the first won day of the customers ids (sorted) again
// from their won deals as the import leaves them.
func (t *ImportTx) reread(ids []string) error {
	if _, err := t.tx.ExecContext(t.ctx, `CREATE TEMP TABLE reread_ids (id TEXT PRIMARY KEY) WITHOUT ROWID`); err != nil {
		return err
	}
	defer t.tx.ExecContext(t.ctx, `DROP TABLE temp.reread_ids`)
	for _, id := range ids { // those left without a won deal keep this
		t.tracker.Reread(id, rollup.NoFirstDay())
	}
	err := inChunks(ids, func(args []any) error {
		_, err := t.tx.ExecContext(t.ctx, `INSERT INTO temp.reread_ids (id) VALUES `+marks("(?)", len(args)), args...)
		return err
	})
	if err != nil {
		return err
	}
	// In the table's order: sorting the won deals by customer took SQLite
	// 2 MiB at the end of a re-import (docs/architecture.md, "Memory").
	return wonDeals(t.ctx, t.tx, t.keys, `AND customer_id IN (SELECT id FROM temp.reread_ids)`, func(d *rollup.Deal) error {
		t.tracker.RereadWon(d)
		return nil
	})
}

// inChunks calls fn with the ids, loadChunk at a time, as arguments.
func inChunks(ids []string, fn func(args []any) error) error {
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), loadChunk)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn(args); err != nil {
			return err
		}
	}
	return nil
}
