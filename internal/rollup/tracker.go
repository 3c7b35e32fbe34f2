package rollup

import "slices"

// Tracker follows, through one import, the first won day of every
// customer whose won deals the import adds or takes away. Into an empty
// deals table (fresh) every customer starts with none; otherwise the
// store loads a customer's stored state (Need, Load) before its deals are
// counted.
type Tracker struct {
	fresh  bool
	ids    *idIndex
	after  []FirstDay
	before map[int32]FirstDay // the stored states loaded; fresh: none
	redo   map[int32]bool     // customers whose first day must be read again
	moved  map[int32]bool     // customers whose state a deal changed
	order  []int32            // moved, sorted by id (Each), once the import has counted every deal
}

// NewTracker returns a tracker; fresh when the deals table was empty.
func NewTracker(fresh bool) *Tracker {
	return &Tracker{fresh: fresh, ids: newIDIndex(), before: map[int32]FirstDay{}, redo: map[int32]bool{}, moved: map[int32]bool{}}
}

// Fresh reports whether every customer started without a won deal.
func (t *Tracker) Fresh() bool { return t.fresh }

// Need reports whether the stored state of customer id must be loaded
// before its deals are counted.
func (t *Tracker) Need(id string) bool {
	if t.fresh {
		return false
	}
	_, ok := t.ids.find(id)
	return !ok
}

// Load gives the stored state of customer id.
func (t *Tracker) Load(id string, f FirstDay) {
	i := t.slot(id)
	t.after[i] = f
	t.before[i] = FirstDay{Day: f.Day, Won: f.Won, Group: slices.Clone(f.Group)}
}

// Name notes a customer that a deal names, so that Named lists it.
func (t *Tracker) Name(id string) { t.slot(id) }

func (t *Tracker) slot(id string) int32 {
	i, added := t.ids.add(id)
	if added {
		t.after = append(t.after, NoFirstDay())
	}
	return i
}

// Won counts a won deal of d.Customer with a close day, added (sign 1) or
// taken away (−1). Without Load first, and not fresh, it panics: the
// store loads what Need asks for.
func (t *Tracker) Won(d *Deal, sign int64) {
	i, ok := t.ids.find(d.Customer)
	if !ok {
		if !t.fresh {
			panic("rollup: a customer's first won day counted before it was loaded")
		}
		i = t.slot(d.Customer)
	}
	t.moved[i] = true
	if t.redo[i] {
		return // its state will be read again from the deals as they end up
	}
	if !t.after[i].Add(d, sign) {
		t.redo[i] = true
	}
}

// Redo lists, sorted, the customers whose first won day must be read
// again from their won deals: the deals of their first day were all taken
// away. The store gives each its state (Load) before Each.
func (t *Tracker) Redo() []string {
	out := make([]string, 0, len(t.redo))
	for i := range t.redo {
		out = append(out, t.ids.str(i))
	}
	slices.Sort(out)
	return out
}

// Reread gives the state of a customer of Redo, read from its deals.
func (t *Tracker) Reread(id string, f FirstDay) {
	i, ok := t.ids.find(id)
	if !ok {
		return
	}
	t.after[i] = f
	delete(t.redo, i)
}

// Each calls fn, in id order, for every customer whose state an import
// changed, with its state before and after.
func (t *Tracker) Each(fn func(id string, before, after FirstDay) error) error {
	if len(t.order) != len(t.moved) {
		t.order = t.order[:0]
		for i := range t.moved {
			t.order = append(t.order, i)
		}
		t.ids.sorted(t.order)
	}
	for _, i := range t.order {
		before, ok := t.before[i]
		if !ok {
			before = NoFirstDay()
		}
		if before.Equal(t.after[i]) {
			continue
		}
		if err := fn(t.ids.str(i), before, t.after[i]); err != nil {
			return err
		}
	}
	return nil
}

// Named calls fn, in id order, with every customer a deal named (Name).
func (t *Tracker) Named(fn func(id string, f FirstDay) error) error {
	ids := make([]int32, t.ids.Len())
	for i := range ids {
		ids[i] = int32(i)
	}
	for _, i := range t.ids.sorted(ids) {
		if err := fn(t.ids.str(i), t.after[i]); err != nil {
			return err
		}
	}
	return nil
}
