package goal

import "github.com/salesgoal/salesgoal/metric"

// Evidence is what the SMART assessment needs to know from the data. The
// caller (package measure, from the stored data) gathers it; Assess only
// reads it.
type Evidence struct {
	// Baseline is the metric over the goal's baseline period, with the
	// number of deals or customers it rests on.
	Baseline Observation
	// History is the metric over up to 8 periods of the same length just
	// before the goal's period, oldest first (metric.Period.History).
	History []Observation
	// Inputs says what the data holds, company-wide.
	Inputs metric.Inputs
	// ScopeExists is true when the goal's owner or team appears in the
	// deals or customers (always true for the company).
	ScopeExists bool
	// Parent is the goal named as parent, nil when it does not exist.
	// Ancestors are the parent's parent and so on, nearest first, to catch
	// a goal that would end up serving itself.
	Parent    *Goal
	Ancestors []Goal
	// Children are the goals that serve this one, their targets resolved:
	// Relevant checks that they add up to its target (docs/goals.md,
	// "Roll-up").
	Children []Goal
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
	// HasData is true when the data holds something in the period (a deal
	// closed or created, a customer, spend): a period before the data
	// begins has sums of 0, but no history to compare with.
	HasData bool
}

// LowSample reports whether the value rests on fewer than
// metric.LowSampleBelow deals or customers.
func (o Observation) LowSample() bool {
	return o.Value != nil && o.Basis >= 0 && o.Basis < metric.LowSampleBelow
}
