package metric

import (
	"fmt"
	"slices"
	"time"
)

// Input is something the data must hold for a metric to be measurable at
// all: amounts for revenue, costs for gross margin, a spend import for
// CAC. A metric whose input the data never held is null, with the reason,
// in every output (docs/metrics.md, "Measurable or null").
type Input int

// The inputs the metrics need.
const (
	InputDatedDeals Input = iota + 1 // deals with a created date
	InputWonDeals                    // won deals with a close date
	InputLostDeals                   // at least one lost deal: without one, every win rate reads 100%
	InputAmounts                     // a deals file carried amounts
	InputCosts                       // a deals file carried costs
	InputDiscounts                   // a deals file carried discounts
	InputSpend                       // a spend file was imported
	InputAcquired                    // customers with an acquisition date, given or from a won deal
	InputChurnDates                  // a customers file carried churn dates
)

// The kinds of file and the fields whose carrying decides an input, as
// the import records them.
const (
	KindDeals     = "deals"
	KindCustomers = "customers"
	KindSpend     = "spend"
)

// Inputs is what the data holds, company-wide: the record the imports
// kept of which fields each kind's files carried (a column that was
// present, even with every cell empty, or a --set value), and whether a
// few kinds of rows exist.
type Inputs struct {
	// Carried lists, for each kind of file ("deals", "customers",
	// "spend"), the fields its imports carried.
	Carried map[string][]string

	DatedDeals        bool // some deal has a created date
	WonDeals          bool // some won deal has a close date
	LostDeals         bool // some deal was lost
	AcquiredCustomers bool // some customer has an acquisition date
	Reactivations     bool // some customer came back: it has more than one active interval

	// SpendFrom and SpendTo are the first and the last day a spend row (of
	// any currency) is dated, zero without spend: spend is measured only
	// over days that meet them (During).
	SpendFrom, SpendTo time.Time

	// from and to are the days being measured (During); zero: no days in
	// particular, as when a goal's measurability is checked.
	from, to time.Time
}

// During is in for measuring the days [from, to]: spend, and so cac, is
// measured only when those days meet the days the imported spend runs
// over. A spend file stops somewhere: beyond it, spend is not known to be
// 0, it was not imported (docs/metrics.md, "Measurable or null").
func (in Inputs) During(from, to time.Time) Inputs {
	in.from, in.to = DateOf(from), DateOf(to)
	return in
}

// spendMeets reports whether the days being measured meet the days of
// the imported spend (always, with no days in particular; never when the
// spend files imported held no row).
func (in Inputs) spendMeets() bool {
	if in.from.IsZero() {
		return true
	}
	if in.SpendFrom.IsZero() {
		return false
	}
	return daysBetween(in.from, in.SpendTo) >= 0 && daysBetween(in.SpendFrom, in.to) >= 0
}

// carries reports whether a file of the kind ever carried the field.
func (in Inputs) carries(kind, field string) bool {
	return slices.Contains(in.Carried[kind], field)
}

// Holds reports whether the data holds input i. It is the one place that
// decides it from the record and the counts.
func (in Inputs) Holds(i Input) bool {
	switch i {
	case InputDatedDeals:
		return in.DatedDeals
	case InputWonDeals:
		return in.WonDeals
	case InputLostDeals:
		return in.LostDeals
	case InputAmounts:
		return in.carries(KindDeals, "amount")
	case InputCosts:
		return in.carries(KindDeals, "cost")
	case InputDiscounts:
		return in.carries(KindDeals, "discount")
	case InputSpend:
		return len(in.Carried[KindSpend]) > 0 && in.spendMeets()
	case InputAcquired:
		return in.AcquiredCustomers
	case InputChurnDates:
		return in.carries(KindCustomers, "churned_at")
	}
	return false
}

// Need is an input a metric needs, with the sentence that says, when the
// data lacks it, what is missing and what to import.
type Need struct {
	Input   Input
	Missing string
}

// Missing says why the data cannot measure m at all, or "" when it holds
// everything m needs. It is the one rule behind every null that means
// "never imported" rather than "nothing in this period": metrics, the
// report, a goal's Measurable check and status all ask it.
func (m Metric) Missing(in Inputs) string {
	for _, n := range m.Needs {
		if in.Holds(n.Input) {
			continue
		}
		if n.Input == InputSpend && len(in.Carried[KindSpend]) > 0 {
			if in.SpendFrom.IsZero() {
				return "the spend files imported held no row: import a spend file with its rows (date, amount, channel)"
			}
			return fmt.Sprintf("no spend was imported for %s .. %s (the spend imported runs %s .. %s): import the spend of those days",
				in.from.Format(time.DateOnly), in.to.Format(time.DateOnly), in.SpendFrom.Format(time.DateOnly), in.SpendTo.Format(time.DateOnly))
		}
		return n.Missing
	}
	return ""
}

// The needs several metrics share. Each reason is one line that says what
// the data lacks and what to import.
var (
	needDatedDeals = Need{Input: InputDatedDeals,
		Missing: "no deal has a created date: import deals with a created_at column"}
	needWonDeals = Need{Input: InputWonDeals,
		Missing: "the data holds no won deals: import deals with a won stage and close dates"}
	needAmounts = Need{Input: InputAmounts,
		Missing: "no deals file carried amounts: import deals with an amount column"}
	needDiscounts = Need{Input: InputDiscounts,
		Missing: "no deals file carried discounts: import deals with a discount column"}
	needAcquired = Need{Input: InputAcquired,
		Missing: "no customer has an acquisition date: import customers or won deals with a customer"}
	needChurnDates = Need{Input: InputChurnDates,
		Missing: "no file carried churn dates: import customers with a churned_at column, churn events or subscriptions"}
	needSpend = Need{Input: InputSpend,
		Missing: "no spend was imported: import a spend file (date, amount, channel)"}
)
