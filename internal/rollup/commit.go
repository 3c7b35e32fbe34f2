package rollup

import "slices"

// Commit applies the changes to the stored blobs, slot by slot, and
// stores the keys that changed. It holds one slot's cells in memory at a
// time.
func (c *Changes) Commit() error {
	slots := make([]int64, 0, len(c.bufs)+len(c.parts))
	for s := range c.bufs {
		slots = append(slots, s)
	}
	for s := range c.parts {
		if _, ok := c.bufs[s]; !ok {
			slots = append(slots, s)
		}
	}
	slices.Sort(slots)
	for _, s := range slots {
		if err := c.commitSlot(s); err != nil {
			return err
		}
	}
	c.bufs, c.parts, c.size = map[int64][]byte{}, map[int64]int{}, 0
	if err := c.commitMisc(MiscSeries, c.series); err != nil {
		return err
	}
	if err := c.commitMisc(MiscUndated, c.undated); err != nil {
		return err
	}
	return c.Keys.Changed(c.table.PutKey)
}

// records calls apply with a slot's spilled records, then with those in
// memory.
func (c *Changes) records(s int64, apply func([]byte) error) error {
	if c.parts[s] > 0 {
		if err := c.table.Spilled(s, apply); err != nil {
			return err
		}
	}
	if b := c.bufs[s]; len(b) > 0 {
		return apply(b)
	}
	return nil
}

func (c *Changes) commitSlot(s int64) error {
	kind, id := SlotID(s)
	stored, err := c.table.Get(kind, id)
	if err != nil {
		return err
	}
	var blob []byte
	switch kind {
	case KindDay:
		d := newDayCells()
		if err := d.decode(stored); err != nil {
			return err
		}
		if err := c.records(s, func(r []byte) error { return applyDay(d, r) }); err != nil {
			return err
		}
		blob, err = d.encode()
	case KindCustomers:
		m := custCells{}
		if err := m.decode(stored); err != nil {
			return err
		}
		if err := c.records(s, func(r []byte) error { return applyCustomers(m, r) }); err != nil {
			return err
		}
		blob, err = m.encode()
	case KindHashes:
		hs, err := DecodeHashes(nil, stored)
		if err != nil {
			return err
		}
		if err := c.records(s, func(r []byte) (err error) { hs, err = applyHashes(hs, r); return err }); err != nil {
			return err
		}
		blob = encodeHashes(hs)
	}
	if err != nil {
		return err
	}
	return c.table.Put(kind, id, blob)
}

// misc is a blob of KindMisc being changed.
type misc interface {
	decode([]byte) error
	encode() ([]byte, error)
}

// commitMisc adds the changes in delta to a stored misc blob.
func (c *Changes) commitMisc(id int64, delta misc) error {
	switch d := delta.(type) {
	case dayCounts:
		if len(d) == 0 {
			return nil
		}
	case undated:
		if len(d) == 0 {
			return nil
		}
	}
	stored, err := c.table.Get(KindMisc, id)
	if err != nil {
		return err
	}
	if err := delta.decode(stored); err != nil { // adds the stored counts to the changes
		return err
	}
	blob, err := delta.encode()
	if err != nil {
		return err
	}
	return c.table.Put(KindMisc, id, blob)
}
