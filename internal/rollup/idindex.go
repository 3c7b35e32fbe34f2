package rollup

import (
	"bytes"
	"hash/maphash"
	"slices"
)

// idIndex numbers strings (customer ids) compactly: their bytes in one
// arena, an offset each, and an open-addressed table of numbers, about 20
// bytes a string where a map[string]int32 takes more than twice that.
type idIndex struct {
	arena []byte
	ends  []uint32 // the end of string i in arena
	table []uint32 // number + 1 of the string in the slot; 0 for an empty slot
	tags  []uint8  // the top byte of the slot's string's hash, compared first
	seed  maphash.Seed
}

func newIDIndex() *idIndex {
	return &idIndex{table: make([]uint32, 1024), tags: make([]uint8, 1024), seed: maphash.MakeSeed()}
}

func (x *idIndex) Len() int { return len(x.ends) }

// bytes returns the bytes of string i, in the arena.
func (x *idIndex) bytes(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = x.ends[i-1]
	}
	return x.arena[start:x.ends[i]]
}

// str returns string i.
func (x *idIndex) str(i int32) string { return string(x.bytes(i)) }

func (x *idIndex) equal(i int32, s string) bool { return string(x.bytes(i)) == s }

// sorted sorts ids, numbers of strings, by their strings, in place:
// without keys beside them (16 bytes a string, 1.6 MiB at 100,000), for
// an import sorts its customers as it finishes, at its peak of memory.
func (x *idIndex) sorted(ids []int32) []int32 {
	slices.SortFunc(ids, func(a, b int32) int { return bytes.Compare(x.bytes(a), x.bytes(b)) })
	return ids
}

// find returns the number of s, and whether it is there.
func (x *idIndex) find(s string) (int32, bool) {
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

// add returns the number of s, adding it when new.
func (x *idIndex) add(s string) (int32, bool) {
	if i, ok := x.find(s); ok {
		return i, false
	}
	if 8*(len(x.ends)+1) > 7*len(x.table) { // at most seven eighths full
		x.grow()
	}
	i := int32(len(x.ends))
	x.arena = append(x.arena, s...)
	x.ends = append(x.ends, uint32(len(x.arena)))
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
	for i := range int32(len(x.ends)) {
		x.place(i)
	}
}
