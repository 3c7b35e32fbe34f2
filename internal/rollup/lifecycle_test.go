package rollup

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLifecycle(t *testing.T) {
	d := func(s string) Day {
		x, ok := ParseDay(s)
		if !ok {
			t.Fatalf("bad day %q", s)
		}
		return x
	}
	iv := func(s, e string) Interval {
		end := NoDay
		if e != "" {
			end = d(e)
		}
		return Interval{d(s), end}
	}
	none := Facts{Acquired: NoDay, FirstWon: NoDay, Churned: NoDay}
	with := func(f func(*Facts)) Facts {
		x := none
		f(&x)
		return x
	}
	churn := func(s string, line int) Event { return Event{Day: d(s), Kind: Churn, Line: line} }
	back := func(s string, line int) Event { return Event{Day: d(s), Kind: Reactivate, Line: line} }
	tests := []struct {
		name  string
		facts Facts
		want  []Interval
		bad   []int // the lines of the events in conflict
	}{
		{"a prospect", none, nil, nil},
		{"acquired, never left", with(func(f *Facts) { f.Acquired = d("2027-01-01") }), []Interval{iv("2027-01-01", "")}, nil},
		{"acquired by its first won deal", with(func(f *Facts) { f.FirstWon = d("2027-02-01") }), []Interval{iv("2027-02-01", "")}, nil},
		{"acquired and lost on one day: a first interval of no day", with(func(f *Facts) { f.Acquired, f.Churned = d("2027-01-01"), d("2027-01-01") }),
			[]Interval{iv("2027-01-01", "2027-01-01")}, nil},
		{"churned, back with a won deal", with(func(f *Facts) {
			f.Acquired, f.Churned, f.Won = d("2027-01-01"), d("2027-02-01"), []Day{d("2027-01-10"), d("2027-03-01")}
		}), []Interval{iv("2027-01-01", "2027-02-01"), iv("2027-03-01", "")}, nil},
		{"churn events with a return", with(func(f *Facts) {
			f.Acquired = d("2027-01-01")
			f.Events = []Event{churn("2027-04-01", 3), back("2027-02-15", 2), churn("2027-02-01", 1)}
		}), []Interval{iv("2027-01-01", "2027-02-01"), iv("2027-02-15", "2027-04-01")}, nil},
		{"back on the day it left: it never left", with(func(f *Facts) {
			f.Acquired = d("2027-01-01")
			f.Events = []Event{churn("2027-02-01", 1), back("2027-02-01", 2)}
		}), []Interval{iv("2027-01-01", "")}, nil},
		{"back and gone on one day: it never came back", with(func(f *Facts) {
			f.Acquired, f.Won = d("2027-01-01"), []Day{d("2027-03-01")}
			f.Events = []Event{churn("2027-02-01", 1), churn("2027-03-01", 2)}
		}), []Interval{iv("2027-01-01", "2027-02-01")}, nil},
		{"on one day, a churn comes before a return", with(func(f *Facts) {
			f.Acquired = d("2027-01-01")
			f.Events = []Event{churn("2027-02-01", 1), back("2027-03-01", 2), churn("2027-03-01", 3)}
		}), []Interval{iv("2027-01-01", "2027-02-01"), iv("2027-03-01", "")}, []int{3}},
		{"a churn of a customer not active, a return of one active", with(func(f *Facts) {
			f.Acquired = d("2027-01-01")
			f.Events = []Event{back("2027-01-15", 1), churn("2027-02-01", 2), churn("2027-02-10", 3)}
		}), []Interval{iv("2027-01-01", "2027-02-01")}, []int{1, 3}},
		{"events of a customer never acquired, or before acquired_at", with(func(f *Facts) {
			f.Acquired = d("2027-03-01")
			f.Events = []Event{churn("2027-02-01", 1), back("2027-02-10", 2)}
		}), []Interval{iv("2027-03-01", "")}, []int{1, 2}},
		{"a return of one never acquired", with(func(f *Facts) { f.Events = []Event{back("2027-02-10", 1)} }), nil, []int{1}},
		{"subscriptions merged: active while one runs", with(func(f *Facts) {
			f.Subscriptions = []Interval{iv("2027-03-01", ""), iv("2027-01-01", "2027-02-01"), iv("2027-01-20", "2027-02-10"), iv("2027-02-10", "2027-02-20")}
		}), []Interval{iv("2027-01-01", "2027-02-20"), iv("2027-03-01", "")}, nil},
		{"a subscription that ends the day it began never runs", with(func(f *Facts) {
			f.Acquired, f.Churned = d("2027-01-01"), d("2027-02-01")
			f.Subscriptions = []Interval{iv("2027-03-01", "2027-03-01")}
		}), []Interval{iv("2027-01-01", "2027-02-01")}, nil},
		{"a churn event closes what a subscription keeps open; the next one reopens", with(func(f *Facts) {
			f.Acquired = d("2027-01-01")
			f.Subscriptions = []Interval{iv("2027-01-01", ""), iv("2027-03-01", "")}
			f.Events = []Event{churn("2027-02-01", 1)}
		}), []Interval{iv("2027-01-01", "2027-02-01"), iv("2027-03-01", "")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := Lifecycle(&tt.facts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("intervals (-want +got):\n%s", diff)
			}
			var lines []int
			for _, b := range bad {
				lines = append(lines, b.Event.Line)
			}
			if diff := cmp.Diff(tt.bad, lines); diff != "" {
				t.Errorf("conflicts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncodeLater(t *testing.T) {
	acq := Day(20000)
	later := []Interval{{20100, 20150}, {20200, NoDay}}
	if got := decodeLater(acq, encodeLater(acq, later)); !cmp.Equal(got, later) {
		t.Errorf("decodeLater(encodeLater) = %v, want %v", got, later)
	}
	if encodeLater(acq, nil) != "" || decodeLater(acq, "") != nil {
		t.Error("no later interval should encode as nothing")
	}
}
