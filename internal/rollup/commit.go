package rollup

import "slices"

// Commit applies the changes to the stored blobs, slot by slot, and
// stores the keys that changed. It holds in memory one chunk's spilled
// records and one slot's cells at a time.
func (c *Changes) Commit() error {
	slots := make([]int64, 0, len(c.slots))
	for s := range c.slots {
		slots = append(slots, s)
	}
	slices.Sort(slots)
	spilled := map[int64][][]byte{} // the spilled records of the current chunk's slots
	current := int64(-1)
	for _, s := range slots {
		if ch := chunk(s); ch != current {
			current = ch
			clear(spilled)
			if c.parts[ch] > 0 {
				parts, err := c.table.Spilled(ch)
				if err != nil {
					return err
				}
				for _, p := range parts {
					if err := splitPart(p, spilled); err != nil {
						return err
					}
				}
			}
		}
		if err := c.commitSlot(s, spilled[s]); err != nil {
			return err
		}
	}
	if err := c.commitCycles(); err != nil {
		return err
	}
	c.cycles = cycleChanges{}
	c.bufs, c.slots, c.parts, c.size, c.part = map[int64][]byte{}, map[int64]bool{}, map[int64]int{}, 0, nil
	if err := c.commitMisc(MiscSeries, c.series); err != nil {
		return err
	}
	if err := c.commitMisc(MiscUndated, c.undated); err != nil {
		return err
	}
	if err := c.commitMisc(MiscSpend, c.spend); err != nil {
		return err
	}
	return c.Keys.Changed(c.table.PutKey)
}

// splitPart adds the records of a spilled part to each slot's list.
func splitPart(p []byte, into map[int64][][]byte) error {
	r := reader{b: p}
	for !r.done() {
		s := int64(r.uvarint())
		n := int(r.uvarint())
		if r.err != nil || n > len(r.b) {
			return ErrCorrupt
		}
		into[s] = append(into[s], r.b[:n])
		r.b = r.b[n:]
	}
	return r.err
}

// records calls apply with a slot's spilled records, then with those in
// memory.
func (c *Changes) records(s int64, spilled [][]byte, apply func([]byte) error) error {
	for _, recs := range spilled {
		if err := apply(recs); err != nil {
			return err
		}
	}
	if b := c.bufs[s]; len(b) > 0 {
		return apply(b)
	}
	return nil
}

func (c *Changes) commitSlot(s int64, spilled [][]byte) error {
	kind, id := SlotID(s)
	stored, err := c.table.Get(kind, id)
	if err != nil {
		return err
	}
	var blob []byte
	switch kind {
	case KindDay:
		d := c.day
		if d == nil {
			d = newDayCells()
			c.day = d
		}
		d.reset()
		if err := d.decode(stored); err != nil {
			return err
		}
		if err := c.dayCycles(Day(id), d, -1); err != nil {
			return err
		}
		if err := c.records(s, spilled, func(r []byte) error { return applyDay(d, r) }); err != nil {
			return err
		}
		if err := c.dayCycles(Day(id), d, 1); err != nil {
			return err
		}
		blob, err = d.encode()
	case KindCustomers:
		m := custCells{}
		if err := m.decode(stored); err != nil {
			return err
		}
		if err := c.records(s, spilled, func(r []byte) error { return applyCustomers(m, r) }); err != nil {
			return err
		}
		blob, err = m.encode()
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
	case spendRows:
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
