package rollup

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrackerRereadWon: a customer whose first day lost its last deal is
// read again from its won deals, which come in the table's order, not by
// day; the state is what FirstDay.Add gives them in any order.
func TestTrackerRereadWon(t *testing.T) {
	won := func(day Day, key KeyID, typ Type, amount int64) Deal {
		return Deal{Key: key, Stage: Won, Type: typ, Customer: "C1", Amount: amount, Closed: day}
	}
	tests := []struct {
		name  string
		deals []Deal // as the table gives them
		want  FirstDay
	}{
		{"none left", nil, NoFirstDay()},
		// Day 20 first, then two of day 12: day 12 with both of its
		// deals; only the untyped one (key 2, 700) is in the group.
		{"a later day first", []Deal{won(20, 1, Untyped, 500), won(12, 2, Untyped, 700), won(12, 3, OtherType, 900)},
			FirstDay{Day: 12, Won: 2, Group: []GroupEntry{{Key: 2, N: 1, Amount: 700}}}},
		// Two untyped deals of one key on day 12 add up, one on day 30
		// after them is passed over.
		{"one key twice", []Deal{won(12, 2, Untyped, 100), won(30, 1, Untyped, 5), won(12, 2, Untyped, 250)},
			FirstDay{Day: 12, Won: 2, Group: []GroupEntry{{Key: 2, N: 2, Amount: 350}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker(false)
			// Stored: first won on day 10, one untyped deal of key 1.
			first := won(10, 1, Untyped, 300)
			stored := NoFirstDay()
			stored.Add(&first, 1)
			tr.Load("C1", stored)
			tr.Won(&first, -1) // its only deal of day 10 taken away
			if got := tr.Redo(); !cmp.Equal(got, []string{"C1"}) {
				t.Fatalf("Redo = %v, want [C1]", got)
			}
			tr.Reread("C1", NoFirstDay())
			for i := range tt.deals {
				tr.RereadWon(&tt.deals[i])
			}
			var got []FirstDay
			_ = tr.Each(func(id string, after FirstDay) (bool, error) {
				got = append(got, after)
				return true, nil
			})
			if diff := cmp.Diff([]FirstDay{tt.want}, got); diff != "" {
				t.Errorf("after (-want +got):\n%s", diff)
			}
		})
	}
}
