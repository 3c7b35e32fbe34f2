package rollup

import (
	"bytes"
	"hash/maphash"
	"slices"
)

// idIndex numbers strings (customer ids) compactly: their bytes in an
// arena, the place of each in pages, and an open-addressed table of
// numbers, about 20 bytes a string where a map[string]int32 takes more
// than twice that. Once sorted (sort), it finds a string by bisection, and
// the table holds the numbers in order.
type idIndex struct {
	arena  arena
	places paged[uint32] // where string i is in the arena
	table  []uint32      // number + 1 of the string in the slot; 0 for an empty slot
	tags   []uint8       // the top byte of the slot's string's hash, compared first
	seed   maphash.Seed
	byID   []uint32 // sorted: every number in the order of its string
}

func newIDIndex() *idIndex {
	return &idIndex{table: make([]uint32, 1024), tags: make([]uint8, 1024), seed: maphash.MakeSeed()}
}

func (x *idIndex) Len() int { return x.places.Len() }

// bytes returns the bytes of string i, in the arena.
func (x *idIndex) bytes(i int32) []byte { return x.arena.bytes(*x.places.at(i)) }

// str returns string i.
func (x *idIndex) str(i int32) string { return string(x.bytes(i)) }

func (x *idIndex) equal(i int32, s string) bool { return string(x.bytes(i)) == s }

// sort puts every number in the order of its string, in the table's
// memory (it holds more slots than strings), and lets go of what finds a
// string by its hash: an import sorts its customers as it finishes, at its
// peak of memory, and adds none afterwards. It returns the numbers in
// order.
func (x *idIndex) sort() []uint32 {
	if x.byID == nil {
		x.byID = x.table[:x.Len()]
		for i := range x.byID {
			x.byID[i] = uint32(i)
		}
		slices.SortFunc(x.byID, func(a, b uint32) int { return bytes.Compare(x.bytes(int32(a)), x.bytes(int32(b))) })
		x.table, x.tags = nil, nil
	}
	return x.byID
}

// find returns the number of s, and whether it is there.
func (x *idIndex) find(s string) (int32, bool) {
	if x.byID != nil {
		at, ok := slices.BinarySearchFunc(x.byID, s, func(i uint32, s string) int { return bytes.Compare(x.bytes(int32(i)), []byte(s)) })
		if !ok {
			return 0, false
		}
		return int32(x.byID[at]), true
	}
	mask := uint64(len(x.table) - 1)
	h := maphash.String(x.seed, s)
	tag := uint8(h >> 56)
	for at := h & mask; ; at = (at + 1) & mask {
		v := x.table[at]
		if v == 0 {
			return 0, false
		}
		if x.tags[at] == tag && x.equal(int32(v)-1, s) {
			return int32(v) - 1, true
		}
	}
}

// add returns the number of s, adding it when new. Once sorted, no string
// is added.
func (x *idIndex) add(s string) (int32, bool) {
	if i, ok := x.find(s); ok {
		return i, false
	}
	if x.byID != nil {
		panic("rollup: a customer added after the customers were sorted")
	}
	if 8*(x.Len()+1) > 7*len(x.table) { // at most seven eighths full
		x.grow()
	}
	i := x.places.push(x.arena.add(s))
	x.place(i)
	return i, true
}

func (x *idIndex) place(i int32) {
	mask := uint64(len(x.table) - 1)
	h := maphash.Bytes(x.seed, x.bytes(i))
	at := h & mask
	for x.table[at] != 0 {
		at = (at + 1) & mask
	}
	x.table[at], x.tags[at] = uint32(i+1), uint8(h>>56)
}

func (x *idIndex) grow() {
	x.table, x.tags = make([]uint32, 2*len(x.table)), make([]uint8, 2*len(x.table))
	for i := range int32(x.Len()) {
		x.place(i)
	}
}
