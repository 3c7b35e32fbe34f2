package rollup

import "slices"

// Tracker follows, through one import, the first won day of every
// customer whose won deals the import adds or takes away. Into an empty
// deals table (fresh) every customer starts with none; otherwise the
// store loads a customer's stored state (Need, Load) before its deals are
// counted. A customer takes about 40 bytes: its id once, a state of 16
// bytes, and a node of 24 for each key of its first-day group.
type Tracker struct {
	fresh  bool
	ids    *idIndex
	states []state
	nodes  []node  // the first-day groups, as lists
	free   int32   // a list of unused nodes
	before []state // the stored states loaded, beside states; fresh: none
	order  []int32 // the moved customers, sorted by id (Each)
	moved  int     // how many customers are moved
}

// state is one customer's first won day, the won deals that closed on
// it, the first node of its group, and what the import did to it.
type state struct {
	day   Day
	won   int32
	group int32 // 1 + the index of its first node; 0 for none
	flags uint8
}

// Flags of a state.
const (
	moved = 1 << iota // a deal of the customer was counted
	redo              // its first day must be read again
)

// node is one key of a group, linked to the next (1 + its index; 0 ends).
type node struct {
	key    KeyID
	next   int32
	n      int32
	amount int64
}

// NewTracker returns a tracker; fresh when the deals table was empty.
func NewTracker(fresh bool) *Tracker {
	return &Tracker{fresh: fresh, ids: newIDIndex()}
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
	t.set(i, f)
	for int(i) >= len(t.before) {
		t.before = append(t.before, state{day: NoDay})
	}
	t.store(&t.before[i], f)
}

// Name notes a customer that a deal names, so that Named lists it.
func (t *Tracker) Name(id string) { t.slot(id) }

func (t *Tracker) slot(id string) int32 {
	i, added := t.ids.add(id)
	if added {
		t.states = append(t.states, state{day: NoDay})
	}
	return i
}

// get is the state of customer i.
func (t *Tracker) get(i int32) FirstDay { return t.load(&t.states[i]) }

// stored is the state customer i had before the import.
func (t *Tracker) stored(i int32) FirstDay {
	if int(i) >= len(t.before) {
		return NoFirstDay()
	}
	return t.load(&t.before[i])
}

// load reads a state and its group.
func (t *Tracker) load(s *state) FirstDay {
	f := FirstDay{Day: s.day, Won: int64(s.won)}
	for n := s.group; n != 0; n = t.nodes[n-1].next {
		e := &t.nodes[n-1]
		f.Group = append(f.Group, GroupEntry{Key: e.key, N: int64(e.n), Amount: e.amount})
	}
	return f
}

// set stores the state of customer i, reusing its nodes.
func (t *Tracker) set(i int32, f FirstDay) { t.store(&t.states[i], f) }

// store writes f into s, reusing its nodes.
func (t *Tracker) store(s *state, f FirstDay) {
	for n := s.group; n != 0; {
		next := t.nodes[n-1].next
		t.nodes[n-1].next, t.free = t.free, n
		n = next
	}
	s.day, s.won, s.group = f.Day, int32(f.Won), 0
	for _, e := range slices.Backward(f.Group) {
		n := t.free
		if n != 0 {
			t.free = t.nodes[n-1].next
		} else {
			t.nodes = append(t.nodes, node{})
			n = int32(len(t.nodes))
		}
		t.nodes[n-1] = node{key: e.Key, next: s.group, n: int32(e.N), amount: e.Amount}
		s.group = n
	}
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
	s := &t.states[i]
	if s.flags&moved == 0 {
		s.flags |= moved
		t.moved++
	}
	if s.flags&redo != 0 {
		return // its state will be read again from the deals as they end up
	}
	if sign > 0 && s.day != NoDay && d.Closed > s.day {
		return // after the first day: nothing changes (FirstDay.Add), the common case
	}
	f := t.get(i)
	if !f.Add(d, sign) {
		t.states[i].flags |= redo
		return
	}
	t.set(i, f)
}

// Redo lists, sorted, the customers whose first won day must be read
// again from their won deals: the deals of their first day were all taken
// away. The store gives each its state (Reread) before Each.
func (t *Tracker) Redo() []string {
	var out []string
	for i := range t.states {
		if t.states[i].flags&redo != 0 {
			out = append(out, t.ids.str(int32(i)))
		}
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
	t.set(i, f)
	t.states[i].flags &^= redo
}

// Each calls fn, in id order, for every customer whose state an import
// changed, with its state before and after.
func (t *Tracker) Each(fn func(id string, before, after FirstDay) error) error {
	if len(t.order) != t.moved {
		t.order = t.order[:0]
		for i := range t.states {
			if t.states[i].flags&moved != 0 {
				t.order = append(t.order, int32(i))
			}
		}
		t.ids.sorted(t.order)
	}
	for _, i := range t.order {
		before, after := t.stored(i), t.get(i)
		if before.Equal(after) {
			continue
		}
		if err := fn(t.ids.str(i), before, after); err != nil {
			return err
		}
	}
	return nil
}

// Names is how many customers the deals named (Name, Won).
func (t *Tracker) Names() int { return t.ids.Len() }

// Named calls fn, in id order, with every customer a deal named (Name).
func (t *Tracker) Named(fn func(id string, f FirstDay) error) error {
	ids := make([]int32, t.ids.Len())
	for i := range ids {
		ids[i] = int32(i)
	}
	for _, i := range t.ids.sorted(ids) {
		if err := fn(t.ids.str(i), t.get(i)); err != nil {
			return err
		}
	}
	return nil
}
