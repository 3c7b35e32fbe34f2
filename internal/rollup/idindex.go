package rollup

import (
	"bytes"
	"hash/maphash"
	"slices"
)

// idIndex numbers strings (customer ids) compactly: their bytes in one
// arena, an offset each, and an open-addressed table of numbers, about 20
// bytes a string where a map[string]int32 takes three times that.
type idIndex struct {
	arena []byte
	ends  []uint32 // the end of string i in arena
	table []int32  // number + 1 of the string in the slot; 0 for an empty slot
	seed  maphash.Seed
}

func newIDIndex() *idIndex {
	return &idIndex{table: make([]int32, 1024), seed: maphash.MakeSeed()}
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

// sorted returns the numbers of strings in ids sorted by their strings.
func (x *idIndex) sorted(ids []int32) []int32 {
	slices.SortFunc(ids, func(a, b int32) int { return bytes.Compare(x.bytes(a), x.bytes(b)) })
	return ids
}

// find returns the number of s, and whether it is there.
func (x *idIndex) find(s string) (int32, bool) {
	mask := uint64(len(x.table) - 1)
	for h := maphash.String(x.seed, s) & mask; ; h = (h + 1) & mask {
		v := x.table[h]
		if v == 0 {
			return 0, false
		}
		if x.equal(v-1, s) {
			return v - 1, true
		}
	}
}

// add returns the number of s, adding it when new.
func (x *idIndex) add(s string) (int32, bool) {
	if i, ok := x.find(s); ok {
		return i, false
	}
	if 2*(len(x.ends)+1) > len(x.table) {
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
	h := maphash.Bytes(x.seed, x.bytes(i)) & mask
	for x.table[h] != 0 {
		h = (h + 1) & mask
	}
	x.table[h] = i + 1
}

func (x *idIndex) grow() {
	x.table = make([]int32, 2*len(x.table))
	for i := range int32(len(x.ends)) {
		x.place(i)
	}
}
