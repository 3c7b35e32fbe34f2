package rollup

import "math"

// Key is what a cell is kept for besides its day: the owner and team of
// the deals or customers it counts, and their currency. Customers have no
// currency (""); spend has only a currency.
type Key struct {
	Owner, Team, Currency string
}

// KeyID is a Key's number in the dictionary the cells refer to.
type KeyID uint32

// Counters are kept for each key over all of its rows, whatever their
// dates: what the data holds (metric.Inputs), whether an owner or team
// appears at all, and the totals the amount limit bounds.
type Counters struct {
	Deals     int64 // deals of the key
	Dated     int64 // with a created date
	Won       int64 // won, with a close date
	Lost      int64 // lost
	Customers int64 // customers of the owner and team (Currency "")
	Acquired  int64 // of them, with an acquisition date
	Amounts   int64 // the sum of the deals' amounts as if every one were positive
	Costs     int64 // the sum of the deals' costs
	Spend     int64 // the sum of the spend in the currency (Owner and Team "")
}

func (c *Counters) add(d Counters, sign int64) {
	c.Deals += sign * d.Deals
	c.Dated += sign * d.Dated
	c.Won += sign * d.Won
	c.Lost += sign * d.Lost
	c.Customers += sign * d.Customers
	c.Acquired += sign * d.Acquired
	c.Amounts = satAdd(c.Amounts, sign*d.Amounts)
	c.Costs = satAdd(c.Costs, sign*d.Costs)
	c.Spend = satAdd(c.Spend, sign*d.Spend)
}

// satAdd adds the sums of positive values, staying at math.MaxInt64 once
// there: only amounts an older salesgoal accepted, before imports were
// limited, can get there, and then the money sums of the currency cannot
// be trusted (ErrOverflow).
func satAdd(a, b int64) int64 {
	if a == math.MaxInt64 {
		return a
	}
	s := a + b
	if b > 0 && s < a {
		return math.MaxInt64
	}
	return s
}

// Overflowed reports whether the sums of cur's amounts, costs or spend are
// beyond what 64 bits hold.
func (k *Keys) Overflowed(cur string) bool {
	t := k.Total(cur)
	return t.Amounts == math.MaxInt64 || t.Costs == math.MaxInt64 || t.Spend == math.MaxInt64
}

// Keys is the dictionary of keys and their counters. A key is never
// removed: its counters drop to zero.
type Keys struct {
	keys    []Key
	counts  []Counters
	index   map[Key]KeyID
	changed map[KeyID]bool // keys added or counted since loaded
}

// NewKeys returns an empty dictionary.
func NewKeys() *Keys {
	return &Keys{index: map[Key]KeyID{}, changed: map[KeyID]bool{}}
}

// Load adds a stored key under its stored id (ids are dense from 0).
func (k *Keys) Load(id KeyID, key Key, c Counters) {
	for int(id) >= len(k.keys) {
		k.keys = append(k.keys, Key{})
		k.counts = append(k.counts, Counters{})
	}
	k.keys[id], k.counts[id] = key, c
	k.index[key] = id
}

// ID returns the id of key, adding it when new.
func (k *Keys) ID(key Key) KeyID {
	if id, ok := k.index[key]; ok {
		return id
	}
	id := KeyID(len(k.keys))
	k.keys = append(k.keys, key)
	k.counts = append(k.counts, Counters{})
	k.index[key] = id
	k.changed[id] = true
	return id
}

// Lookup returns the id of key, if the dictionary holds it.
func (k *Keys) Lookup(key Key) (KeyID, bool) {
	id, ok := k.index[key]
	return id, ok
}

// Key returns the key of id.
func (k *Keys) Key(id KeyID) Key { return k.keys[id] }

// Len is the number of keys.
func (k *Keys) Len() int { return len(k.keys) }

// Counters returns the counters of id.
func (k *Keys) Counters(id KeyID) Counters { return k.counts[id] }

// count adds c, times sign, to the counters of id.
func (k *Keys) count(id KeyID, c Counters, sign int64) {
	k.counts[id].add(c, sign)
	k.changed[id] = true
}

// Changed calls fn with every key added or counted since the dictionary
// was loaded, in id order, and forgets them: what the store writes back.
func (k *Keys) Changed(fn func(KeyID, Key, Counters) error) error {
	for id := range KeyID(len(k.keys)) {
		if k.changed[id] {
			if err := fn(id, k.keys[id], k.counts[id]); err != nil {
				return err
			}
		}
	}
	clear(k.changed)
	return nil
}

// Total adds up the counters of every key with the currency cur.
func (k *Keys) Total(cur string) Counters {
	var t Counters
	for i, key := range k.keys {
		if key.Currency == cur {
			t.add(k.counts[i], 1)
		}
	}
	return t
}
