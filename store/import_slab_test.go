package store

import (
	"math"
	"testing"
)

func TestSlab(t *testing.T) {
	var s slab
	s.reset(2)
	// More values than the room of two rows: the slab grows, and the
	// arguments made before still hold their values.
	want := []any{"D-1", "", "Deal, \"one\"", int64(0), int64(-12345), int64(math.MaxInt64), 12.5, math.Copysign(0, -1), "C-9", int64(255), int64(256), math.Inf(1)}
	var got []any
	for _, w := range want {
		switch v := w.(type) {
		case string:
			got = append(got, s.str(v))
		case int64:
			got = append(got, s.int64(v))
		case float64:
			got = append(got, s.float64(v))
		}
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("argument %d = %#v, want %#v", i, got[i], want[i])
		}
		if sameValue(got[i], want[i]) != true || text(got[i]) != text(want[i]) {
			t.Errorf("argument %d: %#v does not read as %#v", i, got[i], want[i])
		}
	}
	// Filled again, the slab gives the new values.
	s.reset(2)
	if v := s.str("D-2"); v != "D-2" {
		t.Errorf("after reset: %#v, want D-2", v)
	}
	if v := s.int64(7); v.(int64) != 7 {
		t.Errorf("after reset: %#v, want 7", v)
	}
}

func TestSlabAllocatesNothing(t *testing.T) {
	var s slab
	s.reset(batchRows)
	id := "D-0000001"
	n := testing.AllocsPerRun(100, func() {
		s.reset(batchRows)
		for range batchRows {
			_, _, _ = s.str(id), s.int64(1_000_000), s.float64(12.5)
		}
	})
	if n != 0 {
		t.Errorf("a batch's values took %v allocations, want 0", n)
	}
}
