package crm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The key of a line (its id; for spend its date and channel), by which an
// import matches rows and finds the lines a file repeats.

// Key is the key of a row Convert filled: its id; for spend its date and
// channel.
func (r *Reader) Key(x *row.Row) string {
	if r.cols.Kind == row.KindSpend {
		return x.Spend.Date + "\x1f" + x.Spend.Channel
	}
	switch r.cols.Kind {
	case row.KindCustomers:
		return x.Customer.ID
	case row.KindSubscriptions:
		return x.Subscription.ID
	case row.KindChurnEvents:
		e := &x.Event
		kind := "churn"
		if e.Reactivation {
			kind = "reactivation"
		}
		return e.CustomerID + "\x1f" + e.Day + "\x1f" + kind
	}
	return x.Deal.ID
}

// LineKey is the key of the line Next moved to, without checking the rest
// of it; false when it has none.
func (r *Reader) LineKey() (string, bool) {
	if r.cols.Kind == row.KindChurnEvents {
		d, err := r.dates.Parse(r.get(fldChurned))
		if err != nil {
			return "", false
		}
		kind := "churn"
		if v, _ := parseFlag(r.get(fldReactivation)); v {
			kind = "reactivation"
		}
		return r.get(fldCustomer) + "\x1f" + d + "\x1f" + kind, true
	}
	if r.cols.Kind != row.KindSpend {
		return r.get(fldID), true
	}
	d, err := r.dates.Parse(r.get(fldDate))
	if err != nil {
		return "", false
	}
	return d + "\x1f" + r.get(fldChannel), true
}

// Duplicate is the problem of a line whose key is also on line other (0:
// somewhere earlier in the file).
func (r *Reader) Duplicate(line int, key string, other int) *RowError {
	what, f := "id", fldID
	switch r.cols.Kind {
	case row.KindSpend:
		what, f = "date and channel", fldDate
	case row.KindChurnEvents:
		what, f = "event (customer, date, kind)", fldChurned
	}
	shown := strconv.Quote(strings.ReplaceAll(key, "\x1f", ", "))
	msg := fmt.Sprintf("%s %s appears earlier in the file", what, shown)
	if other > 0 {
		msg = fmt.Sprintf("%s %s is also on line %d", what, shown, other)
	}
	return r.problemAt(line, f, dupError(msg))
}
