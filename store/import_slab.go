package store

import "unsafe"

// A batch of deals binds each row's id, name, customer, amount, cost,
// discount and fingerprint as interface values. Boxing each into an
// interface of its own copied it into an allocation of its own: seven a
// row, 60 bytes of every 300 an import of a million deals allocated. So a
// batch keeps those values in a slab of its own, reused batch after batch,
// and each argument's interface points at its entry there.
//
// An argument is therefore good only until its batch is prepared again:
// whatever keeps a value longer takes it out of the interface first
// (text(v), v.(int64)), as every reader of a batch does (Write reads a
// batch's arguments before the batch is handed back to be filled again).

// slab holds the values a batch's arguments point at.
type slab struct {
	strs   []string
	ints   []int64
	floats []float64
}

// reset empties the slab for the next filling of its batch, whose
// previous arguments are all read by then.
func (s *slab) reset(rows int) {
	if cap(s.strs) == 0 {
		// Room for a full batch. (A slab that outgrew it would move on to
		// a larger array, and the arguments would point at the old one,
		// which keeps their values: right still, only wasteful.)
		s.strs, s.ints, s.floats = make([]string, 0, 3*rows), make([]int64, 0, 3*rows), make([]float64, 0, rows)
	}
	s.strs, s.ints, s.floats = s.strs[:0], s.ints[:0], s.floats[:0]
}

func (s *slab) str(v string) any {
	s.strs = append(s.strs, v)
	return pointAt(&s.strs[len(s.strs)-1])
}

func (s *slab) int64(v int64) any {
	s.ints = append(s.ints, v)
	return pointAt(&s.ints[len(s.ints)-1])
}

func (s *slab) float64(v float64) any {
	s.floats = append(s.floats, v)
	return pointAt(&s.floats[len(s.floats)-1])
}

// pointAt is an interface holding the value at p that points at p, where
// an interface made the usual way points at a copy. An interface is two
// words, its dynamic type and a pointer to its value (for a value that is
// not a pointer itself); boxing T's zero value allocates nothing.
func pointAt[T string | int64 | float64](p *T) any {
	var zero T
	v := any(zero)
	(*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] = unsafe.Pointer(p)
	return v
}
