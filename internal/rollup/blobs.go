package rollup

import (
	"cmp"
	"fmt"
	"slices"
)

// The blobs beside the days': customers by the month they were acquired
// in, the open deals without a close date by the day they were created
// (a series read whole), the open deals without a created date by key,
// and the spend rows by day and currency (what a measurement leaves out).

// custKey is one customer cell: the customers of one owner and team
// acquired on one day and churned on another (NoDay: not churned), with
// the same later intervals (later: encodeLater's bytes; "" for none).
type custKey struct {
	key          KeyID
	acq, churned Day
	later        string
}

// custBlobVersion is the format of a customers blob: that of blobVersion
// with each cell's later intervals after its count. A blob of blobVersion
// (written before customers had later intervals) is read too.
const custBlobVersion = 2

type custCells map[custKey]int64

func (m custCells) decode(blob []byte) error {
	return eachCustomer(blob, func(k custKey, n int64) { m[k] += n })
}

// eachCustomer reads a customers blob.
func eachCustomer(blob []byte, fn func(custKey, int64)) error {
	r := reader{b: blob}
	version := uint64(blobVersion)
	if !r.done() {
		version = r.uvarint()
	}
	if version != blobVersion && version != custBlobVersion {
		r.fail()
	}
	var k custKey
	for !r.done() {
		if d := KeyID(r.uvarint()); d != 0 {
			k.key += d
			k.acq = 0 // acquisition days restart with each key
		}
		k.acq += Day(r.varint())
		k.churned = NoDay
		if c := r.uvarint(); c > 0 {
			k.churned = k.acq + Day(unzig(c-1))
		}
		n := int64(r.uvarint())
		k.later = ""
		if version == custBlobVersion {
			l := r.uvarint()
			if l > uint64(len(r.b)) {
				r.fail()
			} else if l > 0 {
				k.later, r.b = string(r.b[:l]), r.b[l:]
			}
		}
		if r.err != nil {
			return r.err
		}
		fn(k, n)
	}
	return r.err
}

func unzig(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func zig(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func (m custCells) encode() ([]byte, error) {
	keys := make([]custKey, 0, len(m))
	for k, n := range m {
		if n < 0 {
			return nil, fmt.Errorf("%w: %d customers acquired on %s", ErrCorrupt, n, k.acq)
		}
		if n > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.SortFunc(keys, func(a, b custKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.acq, b.acq), cmp.Compare(a.churned, b.churned), cmp.Compare(a.later, b.later))
	})
	b := putUvarint(nil, custBlobVersion)
	var prev custKey
	for _, k := range keys {
		if k.key != prev.key {
			prev.acq = 0
		}
		b = putUvarint(b, uint64(k.key-prev.key))
		b = putVarint(b, int64(k.acq-prev.acq))
		if k.churned == NoDay {
			b = putUvarint(b, 0)
		} else {
			b = putUvarint(b, zig(int64(k.churned-k.acq))+1)
		}
		b = putUvarint(b, uint64(m[k]))
		b = putUvarint(b, uint64(len(k.later)))
		b = append(b, k.later...)
		prev = k
	}
	return b, nil
}

// dayCounts is a series of counts by day.
type dayCounts map[Day]int64

func (m dayCounts) decode(blob []byte) error {
	r := reader{b: blob}
	r.header()
	var d Day
	for !r.done() {
		d += Day(r.varint())
		m[d] += r.varint()
	}
	return r.err
}

func (m dayCounts) encode() ([]byte, error) {
	days := make([]Day, 0, len(m))
	for d, n := range m {
		if n < 0 {
			return nil, fmt.Errorf("%w: %d open deals created on %s", ErrCorrupt, n, d)
		}
		if n > 0 {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return nil, nil
	}
	slices.Sort(days)
	b := putUvarint(nil, blobVersion)
	var prev Day
	for _, d := range days {
		b = putVarint(b, int64(d-prev))
		b = putVarint(b, m[d])
		prev = d
	}
	return b, nil
}

// undated counts, by key, the open deals without a created date
// (LeftOut), and of them those without a close date either (the open
// deals pipeline coverage cannot place).
type undated map[KeyID][2]int64

func (m undated) decode(blob []byte) error {
	r := reader{b: blob}
	r.header()
	var k KeyID
	for !r.done() {
		k += KeyID(r.uvarint())
		v := m[k]
		v[0] += r.varint()
		v[1] += r.varint()
		m[k] = v
	}
	return r.err
}

func (m undated) add(k KeyID, open, noDates int64) {
	v := m[k]
	v[0] += open
	v[1] += noDates
	m[k] = v
}

func (m undated) encode() ([]byte, error) {
	keys := make([]KeyID, 0, len(m))
	for k, v := range m {
		if v[0] < 0 || v[1] < 0 {
			return nil, fmt.Errorf("%w: %v undated open deals of key %d", ErrCorrupt, v, k)
		}
		if v != [2]int64{} {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.Sort(keys)
	b := putUvarint(nil, blobVersion)
	var prev KeyID
	for _, k := range keys {
		b = putUvarint(b, uint64(k-prev))
		b = putVarint(b, m[k][0])
		b = putVarint(b, m[k][1])
		prev = k
	}
	return b, nil
}

// dayKey is a day and a key.
type dayKey struct {
	day Day
	key KeyID
}

// spendRows counts the spend rows of each day and currency: the rows in
// another currency than the database's are counted for the footnote
// without reading the days.
type spendRows map[dayKey]int64

func (m spendRows) decode(blob []byte) error {
	r := reader{b: blob}
	r.header()
	var d Day
	for !r.done() {
		d += Day(r.varint())
		k := KeyID(r.uvarint())
		m[dayKey{d, k}] += r.varint()
	}
	return r.err
}

func (m spendRows) encode() ([]byte, error) {
	keys := make([]dayKey, 0, len(m))
	for k, n := range m {
		if n < 0 {
			return nil, fmt.Errorf("%w: %d spend rows on %s", ErrCorrupt, n, k.day)
		}
		if n > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.SortFunc(keys, func(a, b dayKey) int { return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.key, b.key)) })
	b := putUvarint(nil, blobVersion)
	var prev Day
	for _, k := range keys {
		b = putVarint(b, int64(k.day-prev))
		b = putUvarint(b, uint64(k.key))
		b = putVarint(b, m[k])
		prev = k.day
	}
	return b, nil
}
