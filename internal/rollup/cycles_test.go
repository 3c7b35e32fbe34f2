package rollup

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

func TestMonthCyclesRoundTrip(t *testing.T) {
	m := monthCycles{}
	m.add(cycleKey{4, 36}, 2)
	m.add(cycleKey{0, -3}, 1)
	m.add(cycleKey{4, 9}, 1)
	m.add(cycleKey{0, 700}, 5)
	m.add(cycleKey{0, 700}, -5) // taken away again: no entry
	blob, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	back := monthCycles{}
	if err := back.decode(blob); err != nil {
		t.Fatal(err)
	}
	want := monthCycles{{4, 36}: 2, {0, -3}: 1, {4, 9}: 1}
	if diff := cmp.Diff(want, back, cmp.AllowUnexported(cycleKey{})); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if b, err := (monthCycles{}).encode(); b != nil || err != nil {
		t.Errorf("an empty month encodes as %v, %v; want nil: no blob", b, err)
	}
	m.add(cycleKey{4, 9}, -2)
	if _, err := m.encode(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("encode of a negative count: %v, want ErrCorrupt", err)
	}
	if err := (monthCycles{}).decode([]byte{1, 0, 1}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("decode of a cut blob: %v, want ErrCorrupt", err)
	}
}

// TestFixtureCycles: the fixture's histograms, by owner and team in every
// currency. January 2027: D1 (ana/east, 15 days), D8 (ana/east, 0), D3
// (bo/east, 31); February: D2 (ana/east, 36), D5 (ana/east in EUR, 9).
func TestFixtureCycles(t *testing.T) {
	m := fixture(t, 1<<20)
	ana, _ := m.keys.Lookup(Key{"ana", "east", "USD"}) // the first key of ana/east
	bo, _ := m.keys.Lookup(Key{"bo", "east", "USD"})
	want := map[int32]monthCycles{
		day(t, "2027-01-01").Month(): {{ana, 15}: 1, {ana, 0}: 1, {bo, 31}: 1},
		day(t, "2027-02-01").Month(): {{ana, 36}: 1, {ana, 9}: 1},
	}
	if diff := cmp.Diff(want, storedCycles(t, m), cmp.AllowUnexported(cycleKey{})); diff != "" {
		t.Errorf("histograms (-want +got):\n%s", diff)
	}
}

func storedCycles(t *testing.T, m *memTable) map[int32]monthCycles {
	t.Helper()
	got := map[int32]monthCycles{}
	err := m.All(context.Background(), KindCycles, func(id int64, blob []byte) error {
		got[int32(id)] = monthCycles{}
		return got[int32(id)].decode(blob)
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestWholeMonthsAndEdges: a range's whole months read the month
// histograms, its ragged edges the days' lags; cycles by hand from the
// fixture (view_test.go): closed 2027-01-20 D1 (15 days), D3 (31), D8 (0);
// 2027-02-10 D5 (9, EUR); 2027-02-15 D2 (36).
func TestWholeMonthsAndEdges(t *testing.T) {
	company := metric.Scope{Level: metric.Company}
	ana := metric.Scope{Level: metric.Owner, Value: "ana"}
	for _, tt := range []struct {
		name     string
		from, to string
		scope    metric.Scope
		by       By
		want     [][3]float64 // each group's won deals, cycle sum, median
		other    int64        // OtherCurrency of the first group
	}{
		// Three whole months: 0 9 15 31 36.
		{"Q1, whole", "2027-01-01", "2027-03-31", company, ByNone, [][3]float64{{5, 91, 15}}, 1},
		// The edge 01-21..31 has no won deal; February and March whole:
		// 9 and 36, median (9 + 36) / 2. D5 (EUR, no rate) was won and
		// created (02-01) in the range: counted once, from its day's lags.
		{"an edge and whole months", "2027-01-21", "2027-03-31", company, ByNone, [][3]float64{{2, 45, 22.5}}, 1},
		// The edge 01-20..31 has D1 and D8, February is whole: 0 9 15 36.
		{"ana, an edge and a month", "2027-01-20", "2027-02-28", ana, ByNone, [][3]float64{{4, 60, 12}}, 1},
		// No whole month: the days alone. D5 alone, created on 02-01.
		{"part of a month", "2027-02-01", "2027-02-10", company, ByNone, [][3]float64{{1, 9, 9}}, 1},
		// D5 created 02-01, before the range: left out on its close day
		// alone, OtherCurrency still 1 (won in it, in EUR).
		{"edge days only", "2027-02-02", "2027-02-20", company, ByNone, [][3]float64{{2, 45, 22.5}}, 1},
		// By month: January cut to 01-10..31 (its days: 0 15 31), February
		// whole (9 36).
		{"by month", "2027-01-10", "2027-02-28", company, ByMonth, [][3]float64{{3, 46, 15}, {2, 45, 22.5}}, 0},
	} {
		for _, budget := range []int{1 << 20, 40} {
			m := fixture(t, budget)
			v, err := NewView(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			gs, err := v.Aggregates(context.Background(), "USD", []Request{{From: day(t, tt.from), To: day(t, tt.to), Scope: tt.scope, By: tt.by}})
			if err != nil {
				t.Fatal(err)
			}
			var got [][3]float64
			for _, g := range gs[0] {
				a := g.Aggregates
				got = append(got, [3]float64{float64(a.Won - a.WonUndated), float64(a.CycleDaysSum), a.CycleDaysMedian})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s, budget %d: (won dated, cycle sum, median) (-want +got):\n%s", tt.name, budget, diff)
			}
			if o := gs[0][0].Aggregates.OtherCurrency; o != tt.other {
				t.Errorf("%s, budget %d: OtherCurrency = %d, want %d", tt.name, budget, o, tt.other)
			}
		}
	}
}

// TestWholeMonthsReadHistograms: without the histograms, the whole
// months of a range would count no cycle, and its edges still would: the
// pass reads them, not the days' lags.
func TestWholeMonthsReadHistograms(t *testing.T) {
	m := fixture(t, 1<<20)
	for s := range maps.Clone(m.blobs) {
		if kind, _ := SlotID(s); kind == KindCycles {
			delete(m.blobs, s)
		}
	}
	v, err := NewView(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	// 01-20..31 is an edge (D1 15, D8 0, D3 31), February is whole.
	gs, err := v.Aggregates(context.Background(), "USD", []Request{{From: day(t, "2027-01-20"), To: day(t, "2027-02-28"), Scope: metric.Scope{Level: metric.Company}}})
	if err != nil {
		t.Fatal(err)
	}
	if a := gs[0][0].Aggregates; a.CycleDaysSum != 46 || a.CycleDaysMedian != 15 {
		t.Errorf("without histograms: cycle sum %d, median %v; want 46, 15 (the edge's days alone)", a.CycleDaysSum, a.CycleDaysMedian)
	}
}

// legacyDay writes a day's blob as days were written before their
// groups of lags said their length (blobVersion; schema 8): the same
// bytes without the lengths.
func legacyDay(t *testing.T, blob []byte) []byte {
	t.Helper()
	r := reader{b: blob}
	if v := r.uvarint(); v != dayVersion {
		t.Fatalf("day of version %d", v)
	}
	cells := r.b
	for range r.uvarint() {
		r.uvarint()
		var c Cell
		r.cell(&c, 1)
	}
	b := append(putUvarint(nil, blobVersion), cells[:len(cells)-len(r.b)]...)
	for range 2 {
		n := int(r.uvarint())
		lags := reader{b: r.b[:n]}
		r.b = r.b[n:]
		var sec []byte
		for !lags.done() {
			sec = putUvarint(sec, lags.uvarint()) // the key's difference
			sec = append(sec, lags.byte())        // the stage
			sec = putUvarint(sec, lags.uvarint()) // the count
			size := int(lags.uvarint())
			sec = append(sec, lags.b[:size]...)
			lags.b = lags.b[size:]
		}
		b = append(putUvarint(b, uint64(len(sec))), sec...)
	}
	if r.err != nil || len(r.b) != 0 {
		t.Fatalf("day blob: %v, %d bytes left", r.err, len(r.b))
	}
	return b
}

// TestBuildCycles: the migration to schema 9 reads days written before
// (without the groups' lengths), writes them again as imports write them
// now, and gives them the histograms the imports keep.
func TestBuildCycles(t *testing.T) {
	m := fixture(t, 1<<20)
	want := maps.Clone(m.blobs)
	first, last := Day(1<<31-1), NoDay
	for s, blob := range m.blobs {
		kind, id := SlotID(s)
		switch kind {
		case KindCycles:
			delete(m.blobs, s)
		case KindDay:
			d := newDayCells()
			if err := d.decode(blob); err != nil {
				t.Fatal(err)
			}
			old := legacyDay(t, blob)
			if bytes.Equal(old, blob) {
				t.Fatalf("day %s: the legacy form is today's", Day(id))
			}
			back := newDayCells()
			if err := back.decode(old); err != nil {
				t.Fatalf("day %s as written before: %v", Day(id), err)
			}
			if !cmp.Equal(d.cells, back.cells) || !cmp.Equal(d.lags, back.lags, cmp.AllowUnexported(lagVal{})) {
				t.Errorf("day %s as written before reads otherwise", Day(id))
			}
			m.blobs[s] = old
			first, last = min(first, Day(id)), max(last, Day(id))
		}
	}
	err := BuildCycles(m.keys, m, first, last, func(from, to Day, fn func(Day, []byte) error) error {
		return m.Days(context.Background(), from, to, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.blobs) != len(want) {
		t.Errorf("%d blobs after the migration, want %d", len(m.blobs), len(want))
	}
	for s, blob := range want {
		if kind, id := SlotID(s); !bytes.Equal(m.blobs[s], blob) {
			t.Errorf("blob %d/%d after the migration differs from what the imports keep", kind, id)
		}
	}
}
