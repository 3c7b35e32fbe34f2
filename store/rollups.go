package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// The rollups (docs/architecture.md, "Rollups") are kept in two tables:
// rollup_keys, the dictionary of owner, team and currency with each key's
// counters, and rollups, one blob per slot (rollup.Slot: a day's cells, a
// month of customers, a bucket of fingerprints, the series). Package
// rollup decides what they hold; the store keeps them, in the import's
// transaction, and reads them for a measurement in one read transaction.

// spillBudget is how many bytes of an import's changes to the rollups are
// kept in memory before they are spilled to a temporary table: held in a
// slice a slot, they take up to twice that (docs/architecture.md,
// "Memory").
var spillBudget = 256 << 10

// loadKeys reads the dictionary of keys.
func loadKeys(ctx context.Context, q DBTX) (*rollup.Keys, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, owner, team, currency, deals, dated, won, lost, customers, acquired,
		amounts, costs, spend FROM rollup_keys`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	k := rollup.NewKeys()
	for rows.Next() {
		var id int64
		var key rollup.Key
		var c rollup.Counters
		if err := rows.Scan(&id, &key.Owner, &key.Team, &key.Currency, &c.Deals, &c.Dated, &c.Won, &c.Lost,
			&c.Customers, &c.Acquired, &c.Amounts, &c.Costs, &c.Spend); err != nil {
			return nil, err
		}
		k.Load(rollup.KeyID(id), key, c)
	}
	return k, rows.Err()
}

// blobTable keeps the rollups for an import (rollup.Table), inside its
// transaction; spilled records go to a temporary table of the
// transaction's connection.
type blobTable struct {
	ctx     context.Context
	q       DBTX
	spilled bool
	batch   *batch // on PostgreSQL (pg_rollups.go); nil on SQLite
	// raw, when set, reads the spilled records beneath the driver, into
	// parts, reused from chunk to chunk: through the driver each part was
	// copied twice, a tenth of what a first import allocated.
	raw   *inserter
	parts []byte
}

func (t *blobTable) Get(kind rollup.Kind, id int64) ([]byte, error) {
	if t.batch != nil {
		return t.getBatched(kind, rollup.Slot(kind, id))
	}
	var b []byte
	err := t.q.QueryRowContext(t.ctx, `SELECT cells FROM rollups WHERE slot = ?`, rollup.Slot(kind, id)).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return b, err
}

func (t *blobTable) Put(kind rollup.Kind, id int64, blob []byte) error {
	if t.batch != nil {
		return t.putBatched(rollup.Slot(kind, id), blob)
	}
	var err error
	if blob == nil {
		_, err = t.q.ExecContext(t.ctx, `DELETE FROM rollups WHERE slot = ?`, rollup.Slot(kind, id))
	} else {
		_, err = t.q.ExecContext(t.ctx, `INSERT INTO rollups (slot, cells) VALUES (?, ?)
			ON CONFLICT (slot) DO UPDATE SET cells = excluded.cells`, rollup.Slot(kind, id), blob)
	}
	return err
}

func (t *blobTable) PutKey(id rollup.KeyID, k rollup.Key, c rollup.Counters) error {
	if t.batch != nil {
		t.putKeyBatched(id, k, c)
		return nil
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO rollup_keys (id, owner, team, currency, deals, dated, won, lost,
		customers, acquired, amounts, costs, spend) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		`+keyConflict, int64(id), k.Owner, k.Team, k.Currency, c.Deals, c.Dated, c.Won, c.Lost, c.Customers, c.Acquired, c.Amounts, c.Costs, c.Spend)
	return err
}

// keyConflict is how a key written again changes its row: its counters.
const keyConflict = `ON CONFLICT (id) DO UPDATE SET deals = excluded.deals, dated = excluded.dated, won = excluded.won,
	lost = excluded.lost, customers = excluded.customers, acquired = excluded.acquired,
	amounts = excluded.amounts, costs = excluded.costs, spend = excluded.spend`

func (t *blobTable) Spill(chunk int64, seq int, part []byte) error {
	if !t.spilled {
		if _, err := t.q.ExecContext(t.ctx, `CREATE TEMP TABLE rollup_spill (chunk INTEGER, seq INTEGER, part BLOB,
			PRIMARY KEY (chunk, seq)) WITHOUT ROWID`); err != nil {
			return err
		}
		t.spilled = true
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO temp.rollup_spill (chunk, seq, part) VALUES (?, ?, ?)`, chunk, seq, part)
	return err
}

// spilledQuery reads a chunk's spilled parts.
const spilledQuery = `SELECT part FROM temp.rollup_spill WHERE chunk = ? ORDER BY seq`

func (t *blobTable) Spilled(chunk int64) ([][]byte, error) {
	if t.raw != nil {
		var ends []int
		buf := t.parts[:0]
		ran, err := t.raw.query(spilledQuery, []any{chunk}, func(s *rawStmt) {
			buf = s.blob(0, buf)
			ends = append(ends, len(buf))
		})
		if ran {
			t.parts = buf
			out, start := make([][]byte, len(ends)), 0
			for i, end := range ends {
				out[i], start = buf[start:end:end], end
			}
			return out, err
		}
	}
	rows, err := t.q.QueryContext(t.ctx, spilledQuery, chunk)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// drop removes the temporary table of spilled records.
func (t *blobTable) drop() error {
	if !t.spilled {
		return nil
	}
	t.spilled = false
	_, err := t.q.ExecContext(t.ctx, `DROP TABLE temp.rollup_spill`)
	return err
}

// loader reads the rollups for a measurement (rollup.Loader) through the
// read transaction of a Snapshot.
type loader struct {
	q func(context.Context) (DBTX, error)
	// raw, when set, reads the slots beneath the driver, reporting
	// whether it did (Snapshot.rawSlots).
	raw func(ctx context.Context, from, to int64, fn func(int64, []byte) error) (bool, error)
	// rawRates, when set, reads the rates beneath the driver, reporting
	// whether it did (Snapshot.rawRates).
	rawRates func(ctx context.Context, curs []string, from, to rollup.Day) ([]row.Rate, bool, error)
}

func (l loader) Keys(ctx context.Context) (*rollup.Keys, error) {
	q, err := l.q(ctx)
	if err != nil {
		return nil, err
	}
	return loadKeys(ctx, q)
}

func (l loader) Days(ctx context.Context, from, to rollup.Day, fn func(rollup.Day, []byte) error) error {
	return l.slots(ctx, rollup.Slot(rollup.KindDay, int64(from)), rollup.Slot(rollup.KindDay, int64(to)), func(id int64, b []byte) error {
		return fn(rollup.Day(id), b)
	})
}

func (l loader) All(ctx context.Context, kind rollup.Kind, fn func(int64, []byte) error) error {
	return l.slots(ctx, rollup.Slot(kind, -1<<31), rollup.Slot(kind, 1<<31-1), fn)
}

func (l loader) Range(ctx context.Context, kind rollup.Kind, from, to int64, fn func(int64, []byte) error) error {
	return l.slots(ctx, rollup.Slot(kind, from), rollup.Slot(kind, to), fn)
}

func (l loader) slots(ctx context.Context, from, to int64, fn func(int64, []byte) error) error {
	visit := func(s int64, b []byte) error {
		_, id := rollup.SlotID(s)
		return fn(id, b)
	}
	if l.raw != nil {
		if ran, err := l.raw(ctx, from, to, visit); ran {
			return err
		}
	}
	q, err := l.q(ctx)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, slotsQuery, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s int64
		var b sql.RawBytes // not copied: fn is done with it before the next row
		if err := rows.Scan(&s, &b); err != nil {
			return err
		}
		if err := visit(s, b); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (l loader) Carried(ctx context.Context) (map[string][]string, error) {
	q, err := l.q(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, field FROM carried ORDER BY kind, field`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var kind, field string
		if err := rows.Scan(&kind, &field); err != nil {
			return nil, err
		}
		out[kind] = append(out[kind], field)
	}
	return out, rows.Err()
}
