package rollup

// A tracker keeps what grows with the customers in pages of a fixed size,
// never copied (docs/architecture.md, "Memory"): a slice grown by append
// holds up to a quarter more than it needs, and, the moment it grows, its
// old array and the new one at once.

// pageBits numbers the values of a page: 4,096 a page.
const pageBits = 12

// paged is a list of values in pages of 1<<pageBits, the last one filled
// in part.
type paged[T any] struct {
	pages [][]T
	n     int32
}

// Len is how many values p holds.
func (p *paged[T]) Len() int { return int(p.n) }

// at is value i.
func (p *paged[T]) at(i int32) *T { return &p.pages[i>>pageBits][i&(1<<pageBits-1)] }

// push adds v at the end and returns its index.
func (p *paged[T]) push(v T) int32 {
	if int(p.n)>>pageBits == len(p.pages) {
		p.pages = append(p.pages, make([]T, 1<<pageBits))
	}
	i := p.n
	*p.at(i) = v
	p.n++
	return i
}

// arenaBits numbers the bytes of a page of an arena: 64 KiB a page.
const arenaBits = 16

// arena keeps strings, each whole in one page, behind its length (a
// uvarint): one longer than a page has a page of its own. A string is
// known by its place: its page, then its offset, in 32 bits.
type arena struct {
	pages [][]byte
}

// add stores s and returns its place.
func (a *arena) add(s string) uint32 {
	var n [10]byte
	head := putUvarint(n[:0], uint64(len(s)))
	need := len(head) + len(s)
	last := len(a.pages) - 1
	if last < 0 || cap(a.pages[last])-len(a.pages[last]) < need {
		a.pages = append(a.pages, make([]byte, 0, max(need, 1<<arenaBits)))
		last++
	}
	if last >= 1<<(32-arenaBits) {
		panic("rollup: more customer ids than a tracker holds")
	}
	at := uint32(last<<arenaBits | len(a.pages[last]))
	a.pages[last] = append(append(a.pages[last], head...), s...)
	return at
}

// bytes is the string at place at, in the arena.
func (a *arena) bytes(at uint32) []byte {
	p := a.pages[at>>arenaBits][at&(1<<arenaBits-1):]
	r := reader{b: p}
	n := r.uvarint()
	return r.b[:n]
}
