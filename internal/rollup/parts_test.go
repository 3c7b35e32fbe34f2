package rollup

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDay(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Day
		ok   bool
	}{
		{"1970-01-01", 0, true},
		{"1970-01-02", 1, true},
		{"1969-12-31", -1, true},
		{"2000-03-01", 11017, true},          // after a leap day of a year divisible by 400
		{"2027-01-31T10:00:00", 20849, true}, // the date part of a date-time
		{"", NoDay, false},
		{"2027-13-01", NoDay, false},
		{"2027/01/31", NoDay, false},
		{"27-01-31", NoDay, false},
	} {
		got, ok := ParseDay(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDay(%q) = %d, %t; want %d, %t", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// Every day of five centuries reads back as it is written.
	for d := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2300; d = d.AddDate(0, 0, 1) {
		s := d.Format(time.DateOnly)
		day, ok := ParseDay(s)
		if !ok || day.String() != s || DayOf(d) != day || !day.Time().Equal(d) {
			t.Fatalf("%s: ParseDay = %d (%s), DayOf = %d", s, day, day, DayOf(d))
		}
		if want := int32(d.Year())*12 + int32(d.Month()) - 1; day.Month() != want {
			t.Fatalf("%s: Month = %d, want %d", s, day.Month(), want)
		}
	}
}

// TestDayCellsRoundTrip: a day's cells and lags read back as written,
// keys and lags in any order, zero cells and lags left out.
func TestDayCellsRoundTrip(t *testing.T) {
	d := newDayCells()
	d.cell(7)[fWon], d.cell(7)[fWonAmount] = 2, -150
	d.cell(3)[fSpendRows], d.cell(3)[fSpendAmount] = 1, 1<<40
	d.cell(5)[fCreated] = 0 // nothing: left out
	d.lag(lagKey{7, Won, -3}, 1, -50)
	d.lag(lagKey{7, Won, 12}, 1, -100)
	d.lag(lagKey{3, Open, 0}, 4, 123456789)
	d.lag(lagKey{3, Lost, 5}, 1, 7)
	d.lag(lagKey{3, Lost, 5}, -1, -7) // taken away again
	blob, err := d.encode()
	if err != nil {
		t.Fatal(err)
	}
	back := newDayCells()
	if err := back.decode(blob); err != nil {
		t.Fatal(err)
	}
	delete(d.cells, 5)
	if diff := cmp.Diff(d.cells, back.cells); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(d.lags, back.lags, cmp.AllowUnexported(lagVal{})); diff != "" {
		t.Errorf("lags (-want +got):\n%s", diff)
	}
	// More deals taken away than were there: the changes did not match.
	d.lag(lagKey{7, Won, 12}, -2, 0)
	if _, err := d.encode(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("encode of a negative count: %v, want ErrCorrupt", err)
	}
	if err := newDayCells().decode([]byte{9, 1}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("decode of an unknown version: %v, want ErrCorrupt", err)
	}
}

// TestFirstDayAdd follows one customer's first won day through its won
// deals added and taken away.
func TestFirstDayAdd(t *testing.T) {
	deal := func(day Day, typ Type, key KeyID, amount int64) *Deal {
		return &Deal{Stage: Won, Type: typ, Customer: "C", Key: key, Amount: amount, Closed: day}
	}
	f := NoFirstDay()
	steps := []struct {
		name string
		d    *Deal
		sign int64
		ok   bool
		want FirstDay
	}{
		{"the first won deal", deal(100, Untyped, 1, 10), 1, true, FirstDay{Day: 100, Won: 1, Group: []GroupEntry{{1, 1, 10}}}},
		{"a later one changes nothing", deal(120, Untyped, 1, 5), 1, true, FirstDay{Day: 100, Won: 1, Group: []GroupEntry{{1, 1, 10}}}},
		{"a typed one on the same day", deal(100, Expansion, 2, 7), 1, true, FirstDay{Day: 100, Won: 2, Group: []GroupEntry{{1, 1, 10}}}},
		{"an untyped one of another key on it", deal(100, Untyped, 2, 3), 1, true, FirstDay{Day: 100, Won: 3, Group: []GroupEntry{{1, 1, 10}, {2, 1, 3}}}},
		{"an earlier one starts again", deal(90, Untyped, 2, 4), 1, true, FirstDay{Day: 90, Won: 1, Group: []GroupEntry{{2, 1, 4}}}},
		{"a later one taken away", deal(120, Untyped, 1, 5), -1, true, FirstDay{Day: 90, Won: 1, Group: []GroupEntry{{2, 1, 4}}}},
		{"the last of the first day taken away: read again", deal(90, Untyped, 2, 4), -1, false, FirstDay{Day: 90, Won: 0}},
	}
	for _, s := range steps {
		ok := f.Add(s.d, s.sign)
		if ok != s.ok {
			t.Fatalf("%s: Add = %t, want %t", s.name, ok, s.ok)
		}
		if ok && !f.Equal(s.want) {
			t.Fatalf("%s: %+v, want %+v", s.name, f, s.want)
		}
	}
	// The stored form reads back.
	g := FirstDay{Day: 30, Won: 3, Group: []GroupEntry{{4, 2, -5}, {1, 1, 9}}}
	back, err := DecodeFirstDay(30, g.Encode())
	if err != nil || !back.Equal(g) {
		t.Errorf("DecodeFirstDay = %+v, %v; want %+v", back, err, g)
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		cycles []int32
		want   float64
	}{
		{nil, 0},
		{[]int32{5}, 5},
		{[]int32{1, 3}, 2},
		{[]int32{9, 0, 15, 36, 31}, 15},
		{[]int32{2000, 3, 3, 5000}, 1001.5}, // the middle two, past the array of short cycles
		{[]int32{7, 7, 7, 7}, 7},
		// The short cycles' array grows as longer ones come: 0, 1 and 900
		// sorted, the middle is 1; then 600 and 2 (grown past 1 to 601,
		// not to 1023): 0 1 2 600 900, the middle is 2.
		{[]int32{1, 0, 900}, 1},
		{[]int32{1, 0, 900, 600, 2}, 2},
		{[]int32{1023, 1022, 1024}, 1023}, // the last short cycle, and the first long one
	} {
		var h hist
		for _, c := range tt.cycles {
			h.add(c, 1)
		}
		if got := h.median(); got != tt.want {
			t.Errorf("median of %v = %v, want %v", tt.cycles, got, tt.want)
		}
	}
}

// TestIDIndex numbers ids over several pages of the arena and of the
// places, one id longer than a page among them, then finds each by its
// hash and, once sorted, by bisection.
func TestIDIndex(t *testing.T) {
	x := newIDIndex()
	var ids []string
	for i := range 20000 { // 20,000 ids of 8 bytes and a byte of length: 3 pages of 64 KiB, 5 of places
		ids = append(ids, fmt.Sprintf("C-%06d", (i*7919)%20000))
	}
	ids = append(ids, strings.Repeat("L", 1<<arenaBits+10), "C-zz") // a page of its own, then a new page
	for i, id := range ids {
		if n, added := x.add(id); !added || n != int32(i) {
			t.Fatalf("add(%.10s) = %d, %t", id, n, added)
		}
	}
	if len(x.arena.pages) != 5 {
		t.Errorf("%d pages of ids, want 5", len(x.arena.pages))
	}
	findAll := func(how string) {
		for i, id := range ids {
			if n, ok := x.find(id); !ok || n != int32(i) || x.str(n) != id {
				t.Fatalf("%s: find(%.10s) = %d, %t", how, id, n, ok)
			}
		}
		if _, ok := x.find("C-999999"); ok {
			t.Errorf("%s: found an id never added", how)
		}
	}
	findAll("by hash")
	for _, id := range ids {
		if _, added := x.add(id); added {
			t.Fatalf("%.10s added twice", id)
		}
	}
	var got []string
	for _, i := range x.sort() {
		got = append(got, x.str(int32(i)))
	}
	if !slices.IsSorted(got) || len(got) != len(ids) {
		t.Error("sort is not in id order")
	}
	findAll("sorted")
}

// TestTrackerEach: a re-import's tracker counts won deals on the states
// loaded, lists those to read again, and walks the customers it moved in
// id order; one the store finds unchanged is left out of later walks.
func TestTrackerEach(t *testing.T) {
	d := func(s string) Day { return day(t, s) }
	tr := NewTracker(false)
	tr.Load("C2", FirstDay{Day: d("2027-01-10"), Won: 1, Group: []GroupEntry{{Key: 1, N: 1, Amount: 500}}})
	tr.Load("C1", NoFirstDay())
	tr.Load("C3", FirstDay{Day: d("2027-02-01"), Won: 1})
	tr.Load("C4", FirstDay{Day: d("2027-02-01"), Won: 1}) // no deal of its counted: not walked
	tr.Won(&Deal{Key: 1, Stage: Won, Type: Untyped, Customer: "C1", Amount: 100, Closed: d("2027-01-05")}, 1)
	tr.Won(&Deal{Key: 1, Stage: Won, Type: OtherType, Customer: "C3", Amount: 70, Closed: d("2027-03-01")}, 1) // after its first day
	tr.Won(&Deal{Key: 1, Stage: Won, Type: Untyped, Customer: "C2", Amount: 500, Closed: d("2027-01-10")}, -1) // its first day's last deal
	if got := tr.Redo(); !slices.Equal(got, []string{"C2"}) {
		t.Fatalf("Redo() = %v, want [C2]", got)
	}
	if got := tr.Moved(); got != 3 {
		t.Errorf("Moved() = %d, want 3 (C1, C2, C3)", got)
	}
	want := map[string]FirstDay{
		"C1": {Day: d("2027-01-05"), Won: 1, Group: []GroupEntry{{Key: 1, N: 1, Amount: 100}}},
		"C2": {Day: d("2027-01-20"), Won: 2}, // read again from its deals (Reread)
		"C3": {Day: d("2027-02-01"), Won: 1}, // unchanged
	}
	var named []string
	if err := tr.Named(func(id string, _ FirstDay) error { named = append(named, id); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(named, []string{"C1", "C2", "C3", "C4"}) {
		t.Errorf("Named walked %v, want C1 to C4", named)
	}
	tr.Reread("C2", want["C2"])   // once sorted: found by bisection
	tr.Reread("C9", NoFirstDay()) // never met: nothing happens
	var walks [2][]string
	for w := range walks {
		err := tr.Each(func(id string, after FirstDay) (bool, error) {
			if !after.Equal(want[id]) {
				t.Errorf("walk %d: %s = %+v, want %+v", w+1, id, after, want[id])
			}
			walks[w] = append(walks[w], id)
			return id != "C3", nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(walks[0], []string{"C1", "C2", "C3"}) || !slices.Equal(walks[1], []string{"C1", "C2"}) {
		t.Errorf("walks %v, want [C1 C2 C3] then [C1 C2]", walks)
	}
}
