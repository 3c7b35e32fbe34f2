package goal

import (
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// Evidence is what the SMART assessment needs to know from the data. The
// caller (the command line, through the store) gathers it; Assess only
// reads it.
type Evidence struct {
	// Baseline is the metric over the goal's baseline period, with the
	// number of deals or customers it rests on.
	Baseline Observation
	// History is the metric over up to 8 periods of the same length just
	// before the goal's period, oldest first (metric.Period.History).
	History []Observation
	// Inputs says what the data holds, company-wide.
	Inputs Inputs
	// ScopeExists is true when the goal's owner or team appears in the
	// deals or customers (always true for the company).
	ScopeExists bool
	// Parent is the goal named as parent, nil when it does not exist.
	// Ancestors are the parent's parent and so on, nearest first, to catch
	// a goal that would end up serving itself.
	Parent    *Goal
	Ancestors []Goal
}

// Observation is one metric's value over one period, with what it rests
// on.
type Observation struct {
	Period metric.Period
	Value  *float64 // nil when null
	// Basis is the number of deals or customers the value was computed
	// over, named by BasisNoun ("deals closed", "customers"); -1 when the
	// metric does not rest on deals or customers (spend).
	Basis     int64
	BasisNoun string
	// Complete is true when the whole period lies before the as-of date,
	// so the value is final.
	Complete bool
}

// Observe computes metric id from the aggregates of period p: the value
// with the deals or customers it rests on. asOf tells whether p is over.
func Observe(id string, p metric.Period, a metric.Aggregates, asOf time.Time) Observation {
	v := metric.ComputeOne(id, a)
	n, noun := basis(id, a)
	return Observation{Period: p, Value: v.Number(), Basis: n, BasisNoun: noun, Complete: p.Ended(asOf)}
}

// basis returns how many deals or customers a metric's value rests on:
// what the Measurable check warns about when it is under 10.
func basis(id string, a metric.Aggregates) (int64, string) {
	switch id {
	case "avg-cycle-days", "median-cycle-days":
		return a.Won, "deals won"
	case "new-deals", "pipeline-value":
		return a.NewDeals, "deals created"
	case "win-rate":
		return a.Won + a.Lost, "deals closed"
	case "revenue", "avg-deal-size":
		return a.WonMoney, "deals won"
	case "gross-margin":
		return a.WonWithCost, "won deals with a cost"
	case "discounted-deals", "avg-discount":
		return a.WonWithDiscount, "won deals with a discount given"
	case "cac", "new-customers":
		return a.NewCustomers, "new customers"
	case "retention-rate", "churn-rate", "churned-customers":
		return a.CustomersStart, "customers at the start"
	case "expansion-revenue", "expansion-deals":
		return a.Expansion, "expansion deals won"
	}
	return -1, ""
}

// Inputs counts, company-wide, the rows that metrics beyond plain deals
// need: the Measurable check fails a goal whose metric has nothing to be
// computed from.
type Inputs struct {
	Deals             int64 // deals with a created date
	ClosedDeals       int64 // won or lost
	WonDeals          int64
	DealsWithCost     int64
	DealsWithDiscount int64
	SpendRows         int64
	Customers         int64 // with an acquisition date
	ChurnedCustomers  int64 // with a churn date
}

// missing says what the data lacks for metric id, or "" when it has what
// the metric needs. fatal is false for a lack that makes the value dull
// rather than impossible (retention without churn dates reads 100%).
func (in Inputs) missing(id string) (reason string, fatal bool) {
	switch id {
	case "avg-cycle-days", "median-cycle-days", "revenue", "avg-deal-size", "expansion-revenue", "expansion-deals":
		if in.WonDeals == 0 {
			return "the data holds no won deals: import deals with a won stage and close dates", true
		}
	case "new-deals", "pipeline-value":
		if in.Deals == 0 {
			return "the data holds no deals with a created date: import deals with a created_at column", true
		}
	case "win-rate":
		if in.ClosedDeals == 0 {
			return "the data holds no won or lost deals: import deals with their stage and close dates", true
		}
	case "gross-margin":
		if in.DealsWithCost == 0 {
			return "no deal has a cost, so gross margin cannot be computed: import deals with a cost column", true
		}
	case "discounted-deals", "avg-discount":
		if in.DealsWithDiscount == 0 {
			return "no deal has a discount: import deals with a discount column", true
		}
	case "cac":
		if in.SpendRows == 0 {
			return "there are no spend rows, so CAC cannot be computed: import a spend file (date, amount, channel)", true
		}
		if in.Customers == 0 {
			return "no customer has an acquisition date, so CAC has nothing to divide by: import customers or won deals with a customer", true
		}
	case "spend":
		if in.SpendRows == 0 {
			return "there are no spend rows: import a spend file (date, amount, channel)", true
		}
	case "new-customers":
		if in.Customers == 0 {
			return "no customer has an acquisition date: import customers or won deals with a customer", true
		}
	case "retention-rate":
		if in.Customers == 0 {
			return "no customer has an acquisition date: import customers or won deals with a customer", true
		}
		if in.ChurnedCustomers == 0 {
			return "no customer has a churn date, so retention reads 100% whatever happens: import customers with a churned_at column", false
		}
	case "churn-rate", "churned-customers":
		if in.ChurnedCustomers == 0 {
			return "no customer has a churn date, so churn cannot be measured: import customers with a churned_at column", true
		}
	}
	return "", false
}
