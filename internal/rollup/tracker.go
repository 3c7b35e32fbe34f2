package rollup

import "slices"

// Tracker follows, through one import, the first won day of every
// customer whose won deals the import adds or takes away. Into an empty
// deals table (fresh) every customer starts with none; otherwise the
// store loads a customer's stored state (Need, Load) before its deals are
// counted, and reads it again as the import finishes (Each) rather than
// keep it. A customer takes about 30 bytes: its id once behind a byte of
// length, its place in the ids (4 bytes), a slot in the index of ids
// (seven eighths full at most), a state of 12 bytes, and a node of 24 for
// each key of its first-day group; all in pages (paged), never copied.
type Tracker struct {
	fresh  bool
	ids    *idIndex
	states paged[state]
	nodes  paged[node] // the first-day groups, as lists
	free   int32       // a list of unused nodes
}

// state is one customer's first won day, the won deals that closed on
// it, the first node of its group, and what the import did to it: 12
// bytes, the flags in the link's top bits.
type state struct {
	day  Day
	won  int32
	link uint32 // 1 + the index of its group's first node (0 for none); flags above groupBits
}

// groupBits is the bits of a state's link that number its first node.
const groupBits = 30

// Flags of a state.
const (
	moved uint32 = 1 << (groupBits + iota) // a deal of the customer was counted
	redo                                   // its first day must be read again
)

// group is 1 + the index of the first node of s's group; 0 for none.
func (s *state) group() int32 { return int32(s.link & (1<<groupBits - 1)) }

// setGroup links s to its group's first node, keeping its flags.
func (s *state) setGroup(n int32) { s.link = s.link&^(1<<groupBits-1) | uint32(n) }

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
func (t *Tracker) Load(id string, f FirstDay) { t.set(t.slot(id), f) }

// Name notes a customer that a deal names, so that Named lists it.
func (t *Tracker) Name(id string) { t.slot(id) }

func (t *Tracker) slot(id string) int32 {
	i, added := t.ids.add(id)
	if added {
		t.states.push(state{day: NoDay})
	}
	return i
}

// get is the state of customer i.
func (t *Tracker) get(i int32) FirstDay { return t.load(t.states.at(i)) }

// load reads a state and its group.
func (t *Tracker) load(s *state) FirstDay {
	f := FirstDay{Day: s.day, Won: int64(s.won)}
	for n := s.group(); n != 0; n = t.nodes.at(n - 1).next {
		e := t.nodes.at(n - 1)
		f.Group = append(f.Group, GroupEntry{Key: e.key, N: int64(e.n), Amount: e.amount})
	}
	return f
}

// set stores the state of customer i, reusing its nodes.
func (t *Tracker) set(i int32, f FirstDay) { t.store(t.states.at(i), f) }

// store writes f into s, reusing its nodes.
func (t *Tracker) store(s *state, f FirstDay) {
	for n := s.group(); n != 0; {
		e := t.nodes.at(n - 1)
		n, e.next, t.free = e.next, t.free, n
	}
	s.day, s.won = f.Day, int32(f.Won)
	s.setGroup(0)
	for _, e := range slices.Backward(f.Group) {
		n := t.free
		if n != 0 {
			t.free = t.nodes.at(n - 1).next
		} else {
			if t.nodes.Len() == 1<<groupBits-1 {
				panic("rollup: more first-day groups than a tracker numbers")
			}
			n = t.nodes.push(node{}) + 1
		}
		*t.nodes.at(n - 1) = node{key: e.Key, next: s.group(), n: int32(e.N), amount: e.Amount}
		s.setGroup(n)
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
	s := t.states.at(i)
	s.link |= moved
	if s.link&redo != 0 {
		return // its state will be read again from the deals as they end up
	}
	if !t.add(i, d, sign) {
		s.link |= redo
	}
}

// add counts d in the state of customer i (FirstDay.Add) and reports
// false when the state must be read again from the customer's deals.
func (t *Tracker) add(i int32, d *Deal, sign int64) bool {
	if s := t.states.at(i); sign > 0 && s.day != NoDay && d.Closed > s.day {
		return true // after the first day: nothing changes (FirstDay.Add), the common case
	}
	f := t.get(i)
	if !f.Add(d, sign) {
		return false
	}
	t.set(i, f)
	return true
}

// Redo lists, sorted, the customers whose first won day must be read
// again from their won deals: the deals of their first day were all taken
// away. The store gives each its state (Reread) before Each.
func (t *Tracker) Redo() []string {
	var out []string
	for i := range int32(t.states.Len()) {
		if t.states.at(i).link&redo != 0 {
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
	t.states.at(i).link &^= redo
}

// RereadWon counts a won deal with a close day of a customer of Redo,
// read from the deals in any order once Reread gave it no first day: the
// store need not sort them by customer.
func (t *Tracker) RereadWon(d *Deal) {
	if i, ok := t.ids.find(d.Customer); ok {
		t.add(i, d, 1) // adding never needs the deals read again
	}
}

// Each calls fn, in id order, for every customer whose won deals the
// import counted, with its state as the import leaves it. The store reads
// its state before the import from the database (where it stays until the
// store writes the new one) rather than the tracker keep it: fn reports
// whether the state changed, and later walks leave out those it did not.
func (t *Tracker) Each(fn func(id string, after FirstDay) (changed bool, err error)) error {
	for _, i := range t.ids.sort() {
		s := t.states.at(int32(i))
		if s.link&moved == 0 {
			continue
		}
		changed, err := fn(t.ids.str(int32(i)), t.get(int32(i)))
		if err != nil {
			return err
		}
		if !changed {
			s.link &^= moved
		}
	}
	return nil
}

// Moved is how many customers Each walks.
func (t *Tracker) Moved() int {
	n := 0
	for i := range int32(t.states.Len()) {
		if t.states.at(i).link&moved != 0 {
			n++
		}
	}
	return n
}

// Release lets go of every customer's state once the store has settled
// them (Each, Named), so that the memory serves what the import does next
// (the rollups' commit); only Fresh answers afterwards.
func (t *Tracker) Release() { *t = Tracker{fresh: t.fresh, ids: newIDIndex()} }

// Names is how many customers the deals named (Name, Won).
func (t *Tracker) Names() int { return t.ids.Len() }

// Named calls fn, in id order, with every customer a deal named (Name).
func (t *Tracker) Named(fn func(id string, f FirstDay) error) error {
	for _, i := range t.ids.sort() {
		if err := fn(t.ids.str(int32(i)), t.get(int32(i))); err != nil {
			return err
		}
	}
	return nil
}
