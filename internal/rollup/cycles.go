package rollup

import (
	"fmt"
	"slices"
)

// Cycle histograms by month (docs/architecture.md, "Rollups"): for each
// calendar month and each owner and team, the won deals closed in it by
// the number of days from created to closed. They are the sums of the
// won lags of the month's days, without the currency and the amounts, so
// a month holds an entry for each cycle length an owner and team met in
// it, however many deals share it: a window of whole months reads these
// and only its ragged edges read the lags of its days. Cycle lengths are
// kept exactly (the median of docs/metrics.md is exact).
//
// A blob of KindCycles is its version, then, for each owner and team in
// order of the key that stands for them (pairKeys), the key's difference
// from the one before, the number of its entries, and each entry: the
// cycle length's difference from the one before, and the number of deals.

// cycleKey is an entry of a month's histogram: an owner and team (the
// first key of theirs, pairKeys) and a cycle length in days (negative for
// deals closed before they were created).
type cycleKey struct {
	pair KeyID
	lag  int32
}

// monthCycles is one month's histogram, or changes to it.
type monthCycles map[cycleKey]int64

func (m monthCycles) add(k cycleKey, n int64) {
	if v := m[k] + n; v != 0 {
		m[k] = v
	} else {
		delete(m, k)
	}
}

func (m monthCycles) decode(blob []byte) error {
	return eachCycle(blob, func(pair KeyID, lag int32, n int64) { m.add(cycleKey{pair, lag}, n) })
}

// encode writes m; nil when it holds nothing. A count below zero means
// the changes did not match what was stored.
func (m monthCycles) encode() ([]byte, error) {
	keys := make([]cycleKey, 0, len(m))
	for k, n := range m {
		if n < 0 {
			return nil, fmt.Errorf("%w: %d won deals of key %d with cycle %d", ErrCorrupt, n, k.pair, k.lag)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.SortFunc(keys, func(a, b cycleKey) int {
		if a.pair != b.pair {
			return cmpInt(a.pair, b.pair)
		}
		return cmpInt(a.lag, b.lag)
	})
	b := putUvarint(nil, blobVersion)
	var prev KeyID
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].pair == keys[i].pair {
			j++
		}
		b = putUvarint(b, uint64(keys[i].pair-prev))
		b = putUvarint(b, uint64(j-i))
		var lag int32
		for _, k := range keys[i:j] {
			b = putVarint(b, int64(k.lag-lag))
			b = putUvarint(b, uint64(m[k]))
			lag = k.lag
		}
		prev = keys[i].pair
		i = j
	}
	return b, nil
}

// eachCycle calls fn with every entry of a stored month's histogram.
func eachCycle(blob []byte, fn func(pair KeyID, lag int32, n int64)) error {
	r := reader{b: blob}
	r.header()
	var pair KeyID
	for !r.done() {
		pair += KeyID(r.uvarint())
		var lag int32
		for range r.uvarint() {
			lag += int32(r.varint())
			n := int64(r.uvarint())
			if r.err != nil {
				return r.err
			}
			fn(pair, lag, n)
		}
	}
	return r.err
}

// pairKeys gives each key the first key (the lowest id) of its owner and
// team, which stands for them in the histograms. Keys are never removed
// nor renumbered, and a new key takes the next id, so the key that stands
// for an owner and team never changes.
func pairKeys(k *Keys) []KeyID {
	pair, first := pairsOf(k)
	out := make([]KeyID, len(pair))
	for i, p := range pair {
		out[i] = first[p]
	}
	return out
}

// pairsOf groups the keys by owner and team, numbered in the order of
// their first key: each key's pair, and each pair's first key.
func pairsOf(k *Keys) (pair []int32, first []KeyID) {
	seen := map[[2]string]int32{}
	pair = make([]int32, k.Len())
	for i := range KeyID(k.Len()) {
		key := k.Key(i)
		p, ok := seen[[2]string{key.Owner, key.Team}]
		if !ok {
			p = int32(len(first))
			seen[[2]string{key.Owner, key.Team}] = p
			first = append(first, i)
		}
		pair[i] = p
	}
	return pair, first
}

// MonthStart is the first day of month m (Day.Month).
func MonthStart(m int32) Day { return civil(int(m/12), int(m%12)+1, 1) }

// cycleChanges is what a commit changes in the histograms: the changes
// of one month at a time, as the days are committed in order.
type cycleChanges struct {
	pairs []KeyID // pairKeys, when the commit began
	month int32
	delta monthCycles
}

// dayCycles counts the won lags of a day's cells, times sign, in its
// month's histogram: taken away as the day was stored, added as it is
// written back. A day of another month than the last commits that one
// first.
func (c *Changes) dayCycles(day Day, d *dayCells, sign int64) error {
	cc := &c.cycles
	if cc.delta == nil || cc.month != day.Month() {
		if err := c.commitCycles(); err != nil {
			return err
		}
		cc.month = day.Month()
	}
	if len(cc.pairs) != c.Keys.Len() {
		cc.pairs = pairKeys(c.Keys)
	}
	for k, v := range d.lags {
		if k.stage == Won && v.n != 0 {
			cc.delta.add(cycleKey{cc.pairs[k.key], k.lag}, sign*v.n)
		}
	}
	return nil
}

// commitCycles adds the changes gathered to their month's stored
// histogram.
func (c *Changes) commitCycles() error {
	cc := &c.cycles
	if cc.delta == nil {
		cc.delta = monthCycles{}
		return nil
	}
	if len(cc.delta) == 0 {
		return nil
	}
	stored, err := c.table.Get(KindCycles, int64(cc.month))
	if err != nil {
		return err
	}
	m := monthCycles{}
	if err := m.decode(stored); err != nil {
		return err
	}
	for k, n := range cc.delta {
		m.add(k, n)
	}
	clear(cc.delta)
	blob, err := m.encode()
	if err != nil {
		return err
	}
	return c.table.Put(KindCycles, int64(cc.month), blob)
}

// BuildCycles gives the month histograms to rollups kept without them,
// and writes their days again in the format of dayVersion (schema 9's
// migration): for each month from first's to last's, days calls fn with
// the stored blob of each of its days, in order, and the month's days and
// histogram are written once days returns (so a storage engine is done
// reading before it writes). No histogram may be stored yet.
func BuildCycles(keys *Keys, table Table, first, last Day, days func(from, to Day, fn func(Day, []byte) error) error) error {
	c := NewChanges(keys, table, 0)
	d := newDayCells()
	type dayBlob struct {
		day  Day
		blob []byte
	}
	var month []dayBlob
	for m := first.Month(); m <= last.Month(); m++ {
		month = month[:0]
		err := days(MonthStart(m), MonthStart(m+1)-1, func(day Day, blob []byte) error {
			d.reset()
			if err := d.decode(blob); err != nil {
				return fmt.Errorf("rollup of %s: %w", day, err)
			}
			b, err := d.encode()
			if err != nil {
				return fmt.Errorf("rollup of %s: %w", day, err)
			}
			month = append(month, dayBlob{day, b})
			return c.dayCycles(day, d, 1)
		})
		if err != nil {
			return err
		}
		for _, db := range month {
			if err := table.Put(KindDay, int64(db.day), db.blob); err != nil {
				return err
			}
		}
		if err := c.commitCycles(); err != nil {
			return err
		}
	}
	return nil
}
