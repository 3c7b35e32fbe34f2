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
	cells   map[KeyID]*Cell
	lags    map[lagKey]lagVal
	entries []byte // room to encode a group of lags in
	// Room encode reuses from day to day: the keys, the lags of each
	// section, a section's bytes.
	keys       []KeyID
	won, other []lagKey
	section    []byte
}

func newDayCells() *dayCells {
	return &dayCells{cells: map[KeyID]*Cell{}, lags: map[lagKey]lagVal{}}
}

// reset empties d, keeping the room its maps have grown to: a commit
// fills one day after another.
func (d *dayCells) reset() {
	clear(d.cells)
	clear(d.lags)
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

// A day's blob is its version, then its cells, then two sections of lags
// each after its length in bytes: those of won deals, which every pass
// reads (cycles), and those of lost and open deals, which only pipeline
// coverage needs and the other passes skip.

// dayVersion is the format of the days this package writes: their groups
// of lags say their length in bytes. Days of blobVersion, written before
// (schema 8), are read too; schema 9's migration writes them again.
const dayVersion = 2

// decode adds the cells of a stored blob to d.
func (d *dayCells) decode(blob []byte) error {
	return eachInDay(blob, d, true, true)
}

// cellOf and lagOf let a dayCells be filled by eachInDay.
func (d *dayCells) cellOf(k KeyID, c *Cell) { d.cell(k).add(c, 1) }
func (d *dayCells) lagOf(k KeyID, stage Stage, lag int32, n, amount int64) {
	d.lag(lagKey{k, stage, lag}, n, amount)
}

// encode writes d as a blob; nil when the day holds nothing. A count
// below zero means the changes did not match what was stored.
func (d *dayCells) encode() ([]byte, error) {
	keys := d.keys[:0]
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
	won, other := d.won[:0], d.other[:0]
	for k, v := range d.lags {
		if v.n < 0 || v.n == 0 && v.amount != 0 {
			return nil, fmt.Errorf("%w: %d deals of key %d with lag %d", ErrCorrupt, v.n, k.key, k.lag)
		}
		switch {
		case v.n == 0:
		case k.stage == Won:
			won = append(won, k)
		default:
			other = append(other, k)
		}
	}
	d.keys, d.won, d.other = keys, won, other
	if len(keys) == 0 && len(won) == 0 && len(other) == 0 {
		return nil, nil
	}
	slices.Sort(keys)
	b := putUvarint(nil, dayVersion)
	b = putUvarint(b, uint64(len(keys)))
	var prev KeyID
	for _, k := range keys {
		b = putUvarint(b, uint64(k-prev))
		b = putCell(b, d.cells[k])
		prev = k
	}
	for _, lags := range [2][]lagKey{won, other} {
		d.section = d.putLags(d.section[:0], lags)
		b = putUvarint(b, uint64(len(d.section)))
		b = append(b, d.section...)
	}
	return b, nil
}

// putLags writes lags in groups of one key and stage, each group's
// entries after their length in bytes: a pass that needs the won lags of
// a few keys skips the others' (whole.go).
func (d *dayCells) putLags(b []byte, lags []lagKey) []byte {
	slices.SortFunc(lags, func(a, b lagKey) int {
		switch {
		case a.key != b.key:
			return cmpInt(a.key, b.key)
		case a.stage != b.stage:
			return cmpInt(a.stage, b.stage)
		}
		return cmpInt(a.lag, b.lag)
	})
	var prev KeyID
	for i := 0; i < len(lags); {
		j := i + 1
		for j < len(lags) && lags[j].key == lags[i].key && lags[j].stage == lags[i].stage {
			j++
		}
		b = putUvarint(b, uint64(lags[i].key-prev))
		b = append(b, byte(lags[i].stage))
		b = putUvarint(b, uint64(j-i))
		var lag int32
		entries := d.entries[:0]
		for _, k := range lags[i:j] {
			v := d.lags[k]
			entries = putVarint(entries, int64(k.lag-lag))
			entries = putUvarint(entries, uint64(v.n))
			entries = putVarint(entries, v.amount)
			lag = k.lag
		}
		b = putUvarint(b, uint64(len(entries)))
		b = append(b, entries...)
		d.entries = entries
		prev = lags[i].key
		i = j
	}
	return b
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
// them.
type dayVisitor interface {
	cellOf(k KeyID, c *Cell)
	lagOf(k KeyID, stage Stage, lag int32, n, amount int64)
}

// eachInDay reads a stored day's blob into v: its cells, with won the lags
// of won deals, and with others those of lost and open deals.
func eachInDay(blob []byte, v dayVisitor, won, others bool) error {
	return eachInDayOf(blob, v, won, others, nil)
}

// eachInDayOf is eachInDay, but for the lags of the keys wonOf holds
// alone (all with nil).
func eachInDayOf(blob []byte, v dayVisitor, won, others bool, wonOf []bool) error {
	r := reader{b: blob}
	if r.done() {
		return nil
	}
	sized := true
	switch r.uvarint() {
	case dayVersion:
	case blobVersion:
		sized = false
	default:
		return ErrCorrupt
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
		v.cellOf(key, &c)
	}
	for section := range 2 {
		n := int(r.uvarint())
		if r.err != nil || n > len(r.b) {
			return ErrCorrupt
		}
		lags := reader{b: r.b[:n]}
		r.b = r.b[n:]
		if section == 0 && !won || section == 1 && !others {
			continue
		}
		key = 0
		var group reader
		for !lags.done() {
			key += KeyID(lags.uvarint())
			stage := Stage(lags.byte())
			count := lags.uvarint()
			entries := &lags
			if sized {
				size := int(lags.uvarint())
				if lags.err != nil || size > len(lags.b) {
					return ErrCorrupt
				}
				group = reader{b: lags.b[:size]}
				entries = &group
				lags.b = lags.b[size:]
				if section == 0 && wonOf != nil && (int(key) >= len(wonOf) || !wonOf[key]) {
					continue
				}
			}
			want := section == 1 || wonOf == nil || int(key) < len(wonOf) && wonOf[key]
			var lag int32
			for range count {
				lag += int32(entries.varint())
				n := int64(entries.uvarint())
				amount := entries.varint()
				if entries.err != nil {
					return entries.err
				}
				if want {
					v.lagOf(key, stage, lag, n, amount)
				}
			}
			if sized && !entries.done() {
				return ErrCorrupt
			}
		}
		if lags.err != nil {
			return lags.err
		}
	}
	if !r.done() {
		return ErrCorrupt
	}
	return r.err
}
