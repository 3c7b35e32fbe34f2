package store

import (
	"slices"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// On PostgreSQL every statement is a round trip to the server, and an
// import's commit of the rollups reads and writes one blob per day it
// touched: thousands of round trips for a large file. So there the
// blobTable batches them (docs/architecture.md, "Two engines"): it reads
// the stored blobs readAhead slots at a time (rollup.Changes commits the
// slots in order), and keeps the blobs it is given until putBudget bytes
// or putSlots of them are waiting, then writes them all with one upsert
// and one delete. SQLite, in process, reads and writes slot by slot.
// (Variables, so that the tests make them small.)
var (
	readAhead int64 = 64
	putBudget       = 1 << 20
	putSlots        = 256
)

// batch is what a batching blobTable holds between round trips.
type batch struct {
	lo, hi  int64            // the slots read ahead, lo > hi when none
	read    map[int64][]byte // the blobs stored in lo…hi (absent: none)
	pending map[int64][]byte // blobs waiting to be written; nil deletes
	size    int
}

func newBatch() *batch {
	return &batch{lo: 1, hi: 0, read: map[int64][]byte{}, pending: map[int64][]byte{}}
}

// getBatched is Get through the batch.
func (t *blobTable) getBatched(s int64) ([]byte, error) {
	b := t.batch
	if blob, ok := b.pending[s]; ok {
		return blob, nil
	}
	if s < b.lo || s > b.hi {
		clear(b.read)
		b.lo, b.hi = 1, 0
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
			b.read[slot] = cells
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		b.lo, b.hi = s, s+readAhead-1
	}
	return b.read[s], nil
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

// flush writes the blobs waiting in the batch: the deleted ones with one
// statement, the others with one upsert. The blobs read ahead are
// forgotten, as some may have changed.
func (t *blobTable) flush() error {
	b := t.batch
	if b == nil || len(b.pending) == 0 {
		return nil
	}
	var gone, slots []int64
	var cells [][]byte
	for s, blob := range b.pending {
		if blob == nil {
			gone = append(gone, s)
		} else {
			slots = append(slots, s)
		}
	}
	slices.Sort(slots) // rows locked in one order by every import
	for _, s := range slots {
		cells = append(cells, b.pending[s])
	}
	clear(b.pending)
	clear(b.read)
	b.lo, b.hi, b.size = 1, 0, 0
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

var _ rollup.Table = (*blobTable)(nil)
