package rollup

import (
	"fmt"
	"slices"
)

// A day's blob holds the cells of every key that has something on the day,
// and its lags: for each key and stage, the deals closed (or expected to
// close) on the day by how many days after they were created, with their
// count and the sum of their amounts. Lags answer what cells cannot: the
// median cycle, the deals both created and won in a range, and the deals
// still open on a day.

// lagKey is one entry of a day's lags.
type lagKey struct {
	key   KeyID
	stage Stage
	lag   int32 // closed − created, in days; negative for a deal closed before it was created
}

type lagVal struct{ n, amount int64 }

// dayCells is one day's cells being changed.
type dayCells struct {
	cells map[KeyID]*Cell
	lags  map[lagKey]lagVal
}

func newDayCells() *dayCells {
	return &dayCells{cells: map[KeyID]*Cell{}, lags: map[lagKey]lagVal{}}
}

func (d *dayCells) cell(k KeyID) *Cell {
	c, ok := d.cells[k]
	if !ok {
		c = &Cell{}
		d.cells[k] = c
	}
	return c
}

func (d *dayCells) lag(k lagKey, n, amount int64) {
	v := d.lags[k]
	v.n += n
	v.amount += amount
	if v.n == 0 && v.amount == 0 {
		delete(d.lags, k)
		return
	}
	d.lags[k] = v
}

// decodeDay adds the cells of a stored blob to d.
func (d *dayCells) decode(blob []byte) error {
	r := reader{b: blob}
	r.header()
	if r.done() {
		return r.err
	}
	var key KeyID
	for range r.uvarint() {
		key += KeyID(r.uvarint())
		r.cell(d.cell(key), 1)
	}
	key = 0
	for range r.uvarint() {
		key += KeyID(r.uvarint())
		stage := Stage(r.byte())
		var lag int32
		for range r.uvarint() {
			lag += int32(r.varint())
			n := int64(r.uvarint())
			d.lag(lagKey{key, stage, lag}, n, r.varint())
		}
	}
	if r.err == nil && !r.done() {
		r.fail()
	}
	return r.err
}

// encode writes d as a blob; nil when the day holds nothing. A count
// below zero means the changes did not match what was stored.
func (d *dayCells) encode() ([]byte, error) {
	keys := make([]KeyID, 0, len(d.cells))
	for k, c := range d.cells {
		for _, f := range countFields {
			if c[f] < 0 {
				return nil, fmt.Errorf("%w: field %d of key %d is %d", ErrCorrupt, f, k, c[f])
			}
		}
		if !c.zero() {
			keys = append(keys, k)
		}
	}
	lags := make([]lagKey, 0, len(d.lags))
	for k, v := range d.lags {
		if v.n < 0 || v.n == 0 && v.amount != 0 {
			return nil, fmt.Errorf("%w: %d deals of key %d with lag %d", ErrCorrupt, v.n, k.key, k.lag)
		}
		if v.n > 0 {
			lags = append(lags, k)
		}
	}
	if len(keys) == 0 && len(lags) == 0 {
		return nil, nil
	}
	slices.Sort(keys)
	slices.SortFunc(lags, func(a, b lagKey) int {
		switch {
		case a.key != b.key:
			return cmpInt(a.key, b.key)
		case a.stage != b.stage:
			return cmpInt(a.stage, b.stage)
		}
		return cmpInt(a.lag, b.lag)
	})
	b := putUvarint(nil, blobVersion)
	b = putUvarint(b, uint64(len(keys)))
	var prev KeyID
	for _, k := range keys {
		b = putUvarint(b, uint64(k-prev))
		b = putCell(b, d.cells[k])
		prev = k
	}
	// Lags in groups of one key and stage.
	var groups int
	for i, k := range lags {
		if i == 0 || k.key != lags[i-1].key || k.stage != lags[i-1].stage {
			groups++
		}
	}
	b = putUvarint(b, uint64(groups))
	prev = 0
	for i := 0; i < len(lags); {
		j := i + 1
		for j < len(lags) && lags[j].key == lags[i].key && lags[j].stage == lags[i].stage {
			j++
		}
		b = putUvarint(b, uint64(lags[i].key-prev))
		b = append(b, byte(lags[i].stage))
		b = putUvarint(b, uint64(j-i))
		var lag int32
		for _, k := range lags[i:j] {
			v := d.lags[k]
			b = putVarint(b, int64(k.lag-lag))
			b = putUvarint(b, uint64(v.n))
			b = putVarint(b, v.amount)
			lag = k.lag
		}
		prev = lags[i].key
		i = j
	}
	return b, nil
}

func cmpInt[T ~int32 | ~uint32 | ~uint8 | ~int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dayVisitor receives a stored day's cells and lags, as eachInDay reads
// them without building maps.
type dayVisitor interface {
	cell(k KeyID, c *Cell)
	lag(k KeyID, stage Stage, lag int32, n, amount int64)
}

// eachInDay reads a stored day's blob into v.
func eachInDay(blob []byte, v dayVisitor) error {
	r := reader{b: blob}
	r.header()
	if r.done() {
		return r.err
	}
	var key KeyID
	var c Cell
	for range r.uvarint() {
		key += KeyID(r.uvarint())
		c = Cell{}
		r.cell(&c, 1)
		if r.err != nil {
			return r.err
		}
		v.cell(key, &c)
	}
	key = 0
	for range r.uvarint() {
		key += KeyID(r.uvarint())
		stage := Stage(r.byte())
		var lag int32
		for range r.uvarint() {
			lag += int32(r.varint())
			n := int64(r.uvarint())
			amount := r.varint()
			if r.err != nil {
				return r.err
			}
			v.lag(key, stage, lag, n, amount)
		}
	}
	return r.err
}
