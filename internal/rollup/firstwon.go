package rollup

import (
	"cmp"
	"slices"
)

// A won deal of a customer is an expansion deal when it is typed upsell or
// cross-sell, or untyped and closed after the customer's first won day
// (docs/metrics.md). The cells count every untyped won deal with a
// customer as a candidate (fExpCand) and, on each customer's first won
// day, those that closed on it (fFirstDay): expansion is the candidates
// less those. So each customer keeps its first won day, how many won deals
// closed on it, and its untyped ones by key (FirstDay); an import follows
// the customers whose won deals it changes (Tracker), and moves their
// first-day cells, and the customer cells of those acquired by their first
// won deal, when their first won day changes.

// FirstDay is a customer's first won day and what closed on it.
type FirstDay struct {
	Day   Day          // NoDay: the customer has won no deal with a close date
	Won   int64        // the won deals that closed on Day
	Group []GroupEntry // of them, the untyped ones, by key
}

// GroupEntry is a customer's untyped won deals of one key on its first
// won day.
type GroupEntry struct {
	Key       KeyID
	N, Amount int64
}

// NoFirstDay is the state of a customer that has won nothing.
func NoFirstDay() FirstDay { return FirstDay{Day: NoDay} }

// Add counts a won deal with a close day, added (sign 1) or taken away
// (−1). It reports false when the first day cannot be known without the
// customer's other won deals: the last deal of the first day was taken
// away (the store then reads them again).
func (f *FirstDay) Add(d *Deal, sign int64) bool {
	switch {
	case sign < 0 && (f.Day == NoDay || d.Closed < f.Day):
		return false // it was not counted: the stored state is wrong, read it again
	case sign > 0 && (f.Day == NoDay || d.Closed < f.Day):
		*f = FirstDay{Day: d.Closed}
		fallthrough
	case d.Closed == f.Day:
		f.Won += sign
		if d.Type == Untyped && !f.group(d.Key, sign, sign*d.Amount) {
			return false
		}
		return f.Won > 0
	}
	return true
}

// group counts n untyped deals of key k with amount; false when that
// takes away deals the group does not hold.
func (f *FirstDay) group(k KeyID, n, amount int64) bool {
	for i := range f.Group {
		if f.Group[i].Key == k {
			f.Group[i].N += n
			f.Group[i].Amount += amount
			switch {
			case f.Group[i].N < 0, f.Group[i].N == 0 && f.Group[i].Amount != 0:
				return false
			case f.Group[i].N == 0:
				f.Group = slices.Delete(f.Group, i, i+1)
			}
			return true
		}
	}
	f.Group = append(f.Group, GroupEntry{k, n, amount})
	return n > 0
}

// Equal reports whether f and g are the same state.
func (f FirstDay) Equal(g FirstDay) bool {
	if f.Day != g.Day || f.Won != g.Won || len(f.Group) != len(g.Group) {
		return false
	}
	a, b := slices.Clone(f.Group), slices.Clone(g.Group)
	byKey := func(x, y GroupEntry) int { return cmp.Compare(x.Key, y.Key) }
	slices.SortFunc(a, byKey)
	slices.SortFunc(b, byKey)
	return slices.Equal(a, b)
}

// Encode writes the count and group of f (its day is stored as a date).
func (f FirstDay) Encode() []byte {
	if f.Day == NoDay {
		return nil
	}
	g := slices.Clone(f.Group)
	slices.SortFunc(g, func(x, y GroupEntry) int { return cmp.Compare(x.Key, y.Key) })
	b := putUvarint(nil, blobVersion)
	b = putUvarint(b, uint64(f.Won))
	for _, e := range g {
		b = putUvarint(b, uint64(e.Key))
		b = putUvarint(b, uint64(e.N))
		b = putVarint(b, e.Amount)
	}
	return b
}

// DecodeFirstDay reads a customer's state: its first won day and what
// Encode wrote.
func DecodeFirstDay(day Day, blob []byte) (FirstDay, error) {
	f := FirstDay{Day: day}
	if day == NoDay {
		return f, nil
	}
	r := reader{b: blob}
	r.header()
	f.Won = int64(r.uvarint())
	for !r.done() {
		e := GroupEntry{Key: KeyID(r.uvarint()), N: int64(r.uvarint())}
		e.Amount = r.varint()
		f.Group = append(f.Group, e)
	}
	if r.err != nil || f.Won <= 0 {
		return f, ErrCorrupt
	}
	return f, nil
}

// cells moves the first-day cells of f, times sign, into c.
func (f FirstDay) cells(c *Changes, sign int64) error {
	for _, e := range f.Group {
		var cell Cell
		cell[fFirstDay], cell[fFirstDayAmount] = e.N, e.Amount
		if err := c.cellAt(f.Day, e.Key, &cell, sign); err != nil {
			return err
		}
	}
	return nil
}
