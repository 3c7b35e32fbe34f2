package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"math"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Every deal is stored with the fingerprint of the file row that last
// wrote it (its hash column): a hash of the row's id, of the columns the
// file changes on a row that exists, and of their values. A deal whose
// fingerprint a re-import meets again would be written exactly as it is:
// it is skipped before any write, without reading its row. The stored
// fingerprints are kept, sorted, in the rollups' buckets (rollup.Bucket),
// read at once when a deals file is imported into a table that has rows.
// Two different rows share a fingerprint with a chance of one in 2⁶⁴.

// fingerprint is the hash of a deal row's arguments.
func (b *Batch) fingerprint(args []any) int64 {
	buf := append(b.buf[:0], "salesgoal deal v1"...)
	for _, c := range b.plan.update {
		buf = append(buf, 0)
		buf = append(buf, c...)
	}
	buf = appendValue(append(buf, 0), args[0]) // the id
	for _, i := range b.plan.updateAt {
		buf = appendValue(buf, args[i])
	}
	b.buf = buf
	sum := sha256.Sum256(buf)
	return int64(binary.LittleEndian.Uint64(sum[:8]))
}

// appendValue writes a column's value, its type first.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		b = binary.AppendUvarint(append(b, 's'), uint64(len(x)))
		return append(b, x...)
	case int64:
		return binary.AppendVarint(append(b, 'i'), x)
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, 'f'), math.Float64bits(x))
	}
	return append(b, 'n')
}

// maxHashes is how many fingerprints an import reads into memory (8 bytes
// each). Past it, every row of the file is looked up: slower, as exact.
const maxHashes = 1_500_000

// hashSet is the fingerprints of every stored deal, sorted.
type hashSet []uint64

func (s hashSet) has(h uint64) bool {
	_, ok := rollup.FindHash(s, h)
	return ok
}

// loadHashes reads the stored fingerprints, nil when there are more than
// maxHashes deals.
func loadHashes(ctx context.Context, tx DBTX, deals int64) (hashSet, error) {
	if deals > maxHashes {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT cells FROM rollups WHERE slot BETWEEN ? AND ? ORDER BY slot`,
		rollup.Slot(rollup.KindHashes, 0), rollup.Slot(rollup.KindHashes, rollup.HashBuckets-1))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := make(hashSet, 0, deals)
	for rows.Next() {
		var blob []byte
		if err := rows.Scan(&blob); err != nil {
			return nil, err
		}
		if s, err = rollup.DecodeHashes(s, blob); err != nil {
			return nil, err
		}
	}
	return s, rows.Err()
}
