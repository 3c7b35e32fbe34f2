package crm

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The lines of churn-events and subscriptions files (docs/import.md,
// "Churn events and subscriptions"): whether they hold together with what
// the customers already have is the store's to check, once the file is
// read.

// event reads a line of a churn-events file: a churn on churned_at (the
// event's date), a return on it when the reactivation column says so, or
// a churn followed by a return on reactivated_at.
func (r *Reader) event(e *row.ChurnEvent) {
	id := r.get(fldCustomer)
	if id == "" {
		r.bad(fldCustomer, "empty: every churn event needs a customer")
	}
	e.CustomerID = id
	day, ok := r.date(fldChurned)
	if day == "" && ok {
		r.bad(fldChurned, "empty: every churn event needs a date")
	}
	e.Day = day
	e.Reactivation = false
	if s := r.get(fldReactivation); s != "" {
		v, err := parseFlag(s)
		if err != nil {
			r.bad(fldReactivation, "%q %v", s, err)
		}
		e.Reactivation = v
	}
	back, _ := r.date(fldReactivatedAt)
	e.ReactivatedAt = back
	switch {
	case back != "" && e.Reactivation:
		r.bad(fldReactivatedAt, "given on a line that is itself a reactivation (%s says so)", r.column(fldReactivation))
	case back != "" && day != "" && back <= day:
		r.bad(fldReactivatedAt, "%s is not after the churn date %s", back, day)
	}
}

// notCounting are the subscription statuses that keep no customer active:
// trials and free plans.
var notCounting = map[string]bool{"trial": true, "trialing": true, "trialling": true, "intrial": true, "free": true, "freetrial": true}

// subscription reads a line of a subscriptions file. It counts (keeps its
// customer active) unless its status says it is a trial or free, its trial
// column is true, or its amount column says 0.
func (r *Reader) subscription(s *row.Subscription) {
	s.ID, s.CustomerID = r.get(fldID), r.get(fldCustomer)
	if s.ID == "" {
		r.bad(fldID, "empty: every subscription needs an id")
	}
	if s.CustomerID == "" {
		r.bad(fldCustomer, "empty: every subscription needs a customer")
	}
	start, ok := r.date(fldStarted)
	if start == "" && ok {
		r.bad(fldStarted, "empty: every subscription needs a start date")
	}
	end, _ := r.date(fldEnded)
	if start != "" && end != "" && end < start {
		r.bad(fldEnded, "%s is before the start date %s", end, start)
	}
	s.StartedAt, s.EndedAt, s.Counts = start, end, true
	if st := r.get(fldStatus); notCounting[HeaderKey(st)] {
		s.Counts = false
	}
	if t := r.get(fldTrial); t != "" {
		v, err := parseFlag(t)
		if err != nil {
			r.bad(fldTrial, "%q %v", t, err)
		}
		if v {
			s.Counts = false
		}
	}
	if strings.TrimSpace(r.get(fldAmount)) != "" {
		if amount, ok := r.money(fldAmount, "subscription", false); ok && amount == 0 {
			s.Counts = false
		}
	}
}
