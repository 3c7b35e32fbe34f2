package rollup

import (
	"encoding/binary"
	"errors"
)

// The cells are stored as compact blobs of varints: small numbers (counts,
// lags, key deltas) take a byte, amounts a few. Every blob starts with its
// format's version, so that a later salesgoal can read an older one.

// blobVersion is the format of every blob this package writes.
const blobVersion = 1

// ErrCorrupt is a blob this package cannot read.
var ErrCorrupt = errors.New("rollup: unreadable cells")

func putUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func putVarint(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

// reader reads varints off a blob, remembering the first error.
type reader struct {
	b   []byte
	err error
}

// uvarint and varint read a one-byte varint (most are: counts, lags, key
// deltas) inline, without a call; longer ones through encoding/binary.
func (r *reader) uvarint() uint64 {
	if b := r.b; len(b) > 0 && b[0] < 0x80 {
		r.b = b[1:]
		return uint64(b[0])
	}
	return r.uvarintLong()
}

func (r *reader) varint() int64 {
	if b := r.b; len(b) > 0 && b[0] < 0x80 {
		r.b = b[1:]
		return int64(b[0]>>1) ^ -int64(b[0]&1) // zigzag, as binary.Varint
	}
	return r.varintLong()
}

func (r *reader) uvarintLong() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varintLong() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = ErrCorrupt
	}
	r.b = nil
}

func (r *reader) done() bool { return len(r.b) == 0 || r.err != nil }

// header checks the version a blob starts with.
func (r *reader) header() {
	if r.done() {
		return
	}
	if v := r.uvarint(); v != blobVersion && r.err == nil {
		r.fail()
	}
}

// putCell writes the fields of c that are not 0, after a mask of which
// they are.
func putCell(b []byte, c *Cell) []byte {
	var mask uint64
	for i, v := range c {
		if v != 0 {
			mask |= 1 << i
		}
	}
	b = putUvarint(b, mask)
	for _, v := range c {
		if v != 0 {
			b = putVarint(b, v)
		}
	}
	return b
}

// cell reads a cell written by putCell into c, added to what it holds
// times sign.
func (r *reader) cell(c *Cell, sign int64) {
	mask := r.uvarint()
	if mask>>nFields != 0 {
		r.fail()
		return
	}
	for i := 0; mask != 0; i, mask = i+1, mask>>1 {
		if mask&1 != 0 {
			c[i] += sign * r.varint()
		}
	}
}
