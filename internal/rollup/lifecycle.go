package rollup

import (
	"cmp"
	"slices"
)

// A customer's lifecycle (docs/metrics.md, "Customers who leave and come
// back"): the intervals it is active in, each from its first day up to,
// not including, the day it ends (NoDay: still active). The customers
// file gives one interval; churn events, subscriptions and won deals give
// more. Lifecycle works them out from what the imports stored; the store
// keeps the result and the cells count it.

// Interval is one stretch of activity: active on Start and on every day
// before End (NoDay: not ended).
type Interval struct{ Start, End Day }

// Holds reports whether the customer is active on d in this interval.
func (iv Interval) Holds(d Day) bool { return iv.Start <= d && (iv.End == NoDay || d < iv.End) }

// EventKind is what a line of a churn-events file says happened.
type EventKind uint8

// The events of a churn-events file.
const (
	Churn      EventKind = iota // the customer left
	Reactivate                  // the customer came back
)

// Event is one line of a churn-events file as the lifecycle reads it.
type Event struct {
	Day  Day
	Kind EventKind
	Line int // its line in the file being imported; 0 for one stored earlier
}

// Facts are what the imports stored of one customer.
type Facts struct {
	// Acquired is acquired_at; FirstWon the close of its first won deal,
	// which starts the first interval when Acquired is not given.
	Acquired, FirstWon Day
	// Churned is the customers file's churned_at.
	Churned Day
	// Events are its churn events and reactivations, in any order.
	Events []Event
	// Subscriptions are its subscriptions that count (not trials, not
	// free), in any order.
	Subscriptions []Interval
	// Won are the close days of its won deals, in any order: a won deal of
	// a customer who is not active opens an interval.
	Won []Day
}

// Conflict is an event the other facts contradict: a churn of a customer
// who is not active, or a reactivation of one who is.
type Conflict struct {
	Event Event
}

// Lifecycle works out a customer's intervals from its facts, oldest
// first: the first starts on Acquired (else on the earliest day of a
// subscription or a won deal); each subscription that starts while the
// customer is inactive, each won deal closed while it is inactive and
// each reactivation opens one; churned_at, a churn event and the end of
// the last of the subscriptions running close the one open. On one day,
// what starts comes before what ends, and churns before reactivations; a
// customer who leaves and comes back on the same day never left. Nothing
// before Acquired counts. An interval of no day is kept only as the first
// (acquired and lost on one day: a new customer all the same).
func Lifecycle(f *Facts) ([]Interval, []Conflict) {
	type step struct {
		day   Day
		order int8 // 0 start, 1 end, 2 churn event, 3 reactivation
		ev    int  // the index of the event, for order 2 and 3
	}
	var steps []step
	if f.Acquired != NoDay {
		steps = append(steps, step{day: f.Acquired})
	} else if f.FirstWon != NoDay {
		steps = append(steps, step{day: f.FirstWon})
	}
	for _, d := range f.Won {
		steps = append(steps, step{day: d})
	}
	for _, iv := range mergeSubscriptions(f.Subscriptions) {
		if iv.End != NoDay {
			steps = append(steps, step{day: iv.End, order: 1})
		}
	}
	for _, s := range f.Subscriptions {
		if s.End == NoDay || s.End > s.Start {
			steps = append(steps, step{day: s.Start})
		}
	}
	if f.Churned != NoDay {
		steps = append(steps, step{day: f.Churned, order: 1})
	}
	for i, e := range f.Events {
		o := int8(2)
		if e.Kind == Reactivate {
			o = 3
		}
		steps = append(steps, step{day: e.Day, order: o, ev: i})
	}
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.order, b.order)) })
	var out []Interval
	var bad []Conflict
	active, started := false, false
	open := func(d Day) {
		if n := len(out); n > 0 && out[n-1].End == d {
			out[n-1].End = NoDay // back on the day it left: it never left
		} else {
			out = append(out, Interval{Start: d, End: NoDay})
		}
		active, started = true, true
	}
	closeAt := func(d Day) {
		if n := len(out); n > 1 && out[n-1].Start == d {
			out = out[:n-1] // back and gone on one day: it never came back
		} else {
			out[n-1].End = d
		}
		active = false
	}
	for _, s := range steps {
		if f.Acquired != NoDay && s.day < f.Acquired {
			if s.order >= 2 {
				bad = append(bad, Conflict{f.Events[s.ev]})
			}
			continue
		}
		switch s.order {
		case 0:
			if !active {
				open(s.day)
			}
		case 1:
			if active {
				closeAt(s.day)
			}
		case 2:
			if !active {
				bad = append(bad, Conflict{f.Events[s.ev]})
				continue
			}
			closeAt(s.day)
		case 3:
			if active || !started {
				bad = append(bad, Conflict{f.Events[s.ev]})
				continue
			}
			open(s.day)
		}
	}
	return out, bad
}

// mergeSubscriptions is the stretches during which at least one of the
// subscriptions runs, oldest first.
func mergeSubscriptions(subs []Interval) []Interval {
	s := slices.Clone(subs)
	slices.SortFunc(s, func(a, b Interval) int { return cmp.Compare(a.Start, b.Start) })
	var out []Interval
	for _, iv := range s {
		if iv.End != NoDay && iv.End <= iv.Start {
			continue // ended the day it began: never running
		}
		if n := len(out); n > 0 && (out[n-1].End == NoDay || iv.Start <= out[n-1].End) {
			if out[n-1].End != NoDay && (iv.End == NoDay || iv.End > out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// CustomerOf is the cell of a customer of key k with intervals ivs
// (none: a prospect).
func CustomerOf(k KeyID, ivs []Interval) Customer {
	c := Customer{Key: k, Acquired: NoDay, Churned: NoDay}
	if len(ivs) > 0 {
		c.Acquired, c.Churned, c.Later = ivs[0].Start, ivs[0].End, ivs[1:]
	}
	return c
}

// encodeLater writes the intervals after the first, each start from the
// previous end (or acq), each end as in a customers blob.
func encodeLater(acq Day, later []Interval) string {
	if len(later) == 0 {
		return ""
	}
	var b []byte
	prev := acq
	for _, iv := range later {
		b = putVarint(b, int64(iv.Start-prev))
		if iv.End == NoDay {
			b = putUvarint(b, 0)
		} else {
			b = putUvarint(b, zig(int64(iv.End-iv.Start))+1)
		}
		prev = iv.Start
	}
	return string(b)
}

// decodeLater reads what encodeLater wrote.
func decodeLater(acq Day, s string) []Interval {
	if s == "" {
		return nil
	}
	r := reader{b: []byte(s)}
	var out []Interval
	prev := acq
	for !r.done() {
		iv := Interval{Start: prev + Day(r.varint()), End: NoDay}
		if c := r.uvarint(); c > 0 {
			iv.End = iv.Start + Day(unzig(c-1))
		}
		out = append(out, iv)
		prev = iv.Start
	}
	return out
}
