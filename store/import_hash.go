package store

import (
	"encoding/binary"
	"math"

	"github.com/cespare/xxhash/v2"
)

// Every deal is stored with the fingerprint of the file row that last
// wrote it (its hash column): a hash of the row's id, of the columns the
// file changes on a row that exists, and of their values. A deal whose
// fingerprint a re-import meets again would be written exactly as it is:
// the import reads the stored fingerprints of each batch's ids and skips
// those rows before any write, without reading their columns or counting
// them again. Two different rows of one id share a fingerprint with a
// chance of one in 2⁶⁴.

// fingerprint is the hash of a deal row's arguments (xxHash64, over the
// plan's columns and the row's values, each after its type and length).
func (b *Batch) fingerprint(args []any) int64 {
	if b.plan.signature == nil {
		sig := []byte("salesgoal deal v1")
		for _, c := range b.plan.update {
			sig = append(append(sig, 0), c...)
		}
		b.plan.signature = sig
	}
	buf := append(b.buf[:0], b.plan.signature...)
	buf = appendValue(append(buf, 0), args[0]) // the id
	for _, i := range b.plan.updateAt {
		buf = appendValue(buf, args[i])
	}
	b.buf = buf
	return int64(xxhash.Sum64(buf))
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
