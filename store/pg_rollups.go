package store

import (
	"maps"
	"slices"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// On PostgreSQL every statement is a round trip to the server, and an
// import's commit of the rollups reads and writes one blob per day it
// touched: thousands of round trips for a large file. So there the
// blobTable batches them (docs/architecture.md, "Two engines"): it reads
// the stored blobs readAhead slots at a time, a window for each kind of
// slot (rollup.Changes commits the days in order, and a month's cycles
// between them), and keeps the blobs and keys it is given until putBudget
// bytes or putSlots blobs are waiting, then writes them all with one
// upsert each and one delete. Into a rollups table that held nothing
// when the import first asked (a first import into a new database) it
// reads nothing back but what it wrote itself. SQLite, in process, reads
// and writes slot by slot. (Variables, so that the tests make them
// small.)
var (
	readAhead int64 = 64
	putBudget       = 1 << 20
	putSlots        = 256
)

// batch is what a batching blobTable holds between round trips.
type batch struct {
	windows map[rollup.Kind]*window // the slots read ahead
	pending map[int64][]byte        // blobs waiting to be written; nil deletes
	keys    map[rollup.KeyID]keyRow // keys waiting to be written
	size    int
	// empty: the rollups table held no rows before this batch wrote
	// any (0: not asked yet, 1: empty, -1: not empty); written are the
	// slots it wrote since.
	empty   int8
	written map[int64]bool
}

// window is a range of slots read ahead, lo > hi when none.
type window struct {
	lo, hi int64
	read   map[int64][]byte // the blobs stored in lo…hi (absent: none)
}

// keyRow is a key of the dictionary and its counters, to be written.
type keyRow struct {
	key rollup.Key
	c   rollup.Counters
}

func newBatch() *batch {
	return &batch{windows: map[rollup.Kind]*window{}, pending: map[int64][]byte{}, keys: map[rollup.KeyID]keyRow{},
		written: map[int64]bool{}}
}

// getBatched is Get through the batch.
func (t *blobTable) getBatched(kind rollup.Kind, s int64) ([]byte, error) {
	b := t.batch
	if blob, ok := b.pending[s]; ok {
		return blob, nil
	}
	if b.empty == 0 && len(b.written) == 0 {
		var some bool
		if err := t.q.QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM rollups)`).Scan(&some); err != nil {
			return nil, err
		}
		b.empty = 1
		if some {
			b.empty = -1
		}
	}
	if b.empty == 1 && !b.written[s] {
		return nil, nil
	}
	w := b.windows[kind]
	if w == nil {
		w = &window{lo: 1, hi: 0, read: map[int64][]byte{}}
		b.windows[kind] = w
	}
	if s < w.lo || s > w.hi {
		clear(w.read)
		w.lo, w.hi = 1, 0
		rows, err := t.q.QueryContext(t.ctx, `SELECT slot, cells FROM rollups WHERE slot BETWEEN ? AND ?`, s, s+readAhead-1)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var slot int64
			var cells []byte
			if err := rows.Scan(&slot, &cells); err != nil {
				return nil, err
			}
			w.read[slot] = cells
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		w.lo, w.hi = s, s+readAhead-1
	}
	return w.read[s], nil
}

// putBatched is Put through the batch.
func (t *blobTable) putBatched(s int64, blob []byte) error {
	b := t.batch
	b.pending[s] = blob
	b.size += len(blob) + 16
	if b.size >= putBudget || len(b.pending) >= putSlots {
		return t.flush()
	}
	return nil
}

// flush writes the blobs and keys waiting in the batch: the deleted blobs
// with one statement, the others with one upsert, the keys with another.
// The blobs read ahead are forgotten, as some may have changed.
func (t *blobTable) flush() error {
	b := t.batch
	if b == nil {
		return nil
	}
	if err := t.flushKeys(); err != nil {
		return err
	}
	if len(b.pending) == 0 {
		return nil
	}
	var gone, slots []int64
	var cells [][]byte
	for s, blob := range b.pending {
		switch {
		case blob != nil:
			slots = append(slots, s)
		case b.empty != 1 || b.written[s]: // else there is nothing to delete
			gone = append(gone, s)
		}
		b.written[s] = true
	}
	slices.Sort(slots) // rows locked in one order by every import
	for _, s := range slots {
		cells = append(cells, b.pending[s])
	}
	clear(b.pending)
	for _, w := range b.windows {
		clear(w.read)
		w.lo, w.hi = 1, 0
	}
	b.size = 0
	if len(gone) > 0 {
		if _, err := t.q.ExecContext(t.ctx, `DELETE FROM rollups WHERE slot = ANY(?::bigint[])`, gone); err != nil {
			return err
		}
	}
	if len(slots) == 0 {
		return nil
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO rollups (slot, cells) SELECT * FROM unnest(?::bigint[], ?::bytea[])
		ON CONFLICT (slot) DO UPDATE SET cells = excluded.cells`, slots, cells)
	return err
}

// putKeyBatched is PutKey through the batch: the keys wait for flush.
func (t *blobTable) putKeyBatched(id rollup.KeyID, k rollup.Key, c rollup.Counters) {
	t.batch.keys[id] = keyRow{k, c}
}

// flushKeys writes the keys waiting, all with one upsert (a column an
// array), in the order of their ids.
func (t *blobTable) flushKeys() error {
	keys := t.batch.keys
	if len(keys) == 0 {
		return nil
	}
	var ids, deals, dated, won, lost, customers, acquired, amounts, costs, spend []int64
	var owners, teams, currencies []string
	for _, id := range slices.Sorted(maps.Keys(keys)) {
		k := keys[id]
		ids, owners, teams, currencies = append(ids, int64(id)), append(owners, k.key.Owner), append(teams, k.key.Team), append(currencies, k.key.Currency)
		deals, dated, won, lost = append(deals, k.c.Deals), append(dated, k.c.Dated), append(won, k.c.Won), append(lost, k.c.Lost)
		customers, acquired = append(customers, k.c.Customers), append(acquired, k.c.Acquired)
		amounts, costs, spend = append(amounts, k.c.Amounts), append(costs, k.c.Costs), append(spend, k.c.Spend)
	}
	clear(keys)
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO rollup_keys (id, owner, team, currency, deals, dated, won, lost,
		customers, acquired, amounts, costs, spend)
		SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
			?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
		`+keyConflict, ids, owners, teams, currencies, deals, dated, won, lost, customers, acquired, amounts, costs, spend)
	return err
}

var _ rollup.Table = (*blobTable)(nil)
