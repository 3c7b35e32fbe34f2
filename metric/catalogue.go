package metric

import "slices"

// Unit is what a metric's value counts. Its string form is the id used in
// JSON output ("unit":"currency").
type Unit string

// The units of docs/metrics.md.
const (
	UnitCurrency Unit = "currency" // major units of the database's currency, 2 decimals
	UnitPercent  Unit = "percent"  // 0 to 100
	UnitDays     Unit = "days"
	UnitCount    Unit = "count"
)

// String returns the unit's id.
func (u Unit) String() string { return string(u) }

// Direction says which way a metric improves.
type Direction string

// The two directions of the "better" column of docs/metrics.md.
const (
	Higher Direction = "higher"
	Lower  Direction = "lower"
)

// String returns "higher" or "lower".
func (d Direction) String() string { return string(d) }

// Metric is one entry of the catalogue of docs/metrics.md: what it
// measures, in which unit, which way is better, what its value rests on,
// what the data must hold for it to be measurable, and its formula.
//
// Adding a metric touches, besides tests:
//   - the entry of its category in catalogue_deals.go or
//     catalogue_customers.go, with its formula, basis and needs;
//   - aggregates.go, if the formula needs a count or sum that Aggregates
//     does not have yet: the field, and its line in Add;
//   - the store's query that fills that count or sum
//     (store/metrics_deals.go or store/metrics_customers.go).
//
// An input no metric needed before adds an Input and its line in
// Inputs.Holds (inputs.go); a new category adds its slice to catalogue
// below and its section title to the report.
type Metric struct {
	// ID is the kebab-case id used on the command line and in JSON.
	ID string
	// Category is the id of the category the metric belongs to.
	Category string
	Unit     Unit
	Better   Direction
	// Accumulates is true for metrics that grow as the period runs
	// (revenue, counts, sums, churn-rate); progress projects them by
	// run rate, and reads them as a quota or, lower being better, a cap
	// (docs/goals.md, Kind).
	Accumulates bool
	// LossAccumulates is true for a rate whose complement grows as the
	// period runs: customers are lost over the whole period, so progress
	// projects the loss, 100 − value, by run rate (retention-rate).
	LossAccumulates bool
	// CompanyOnly is true for metrics that cannot be scoped to an owner or
	// a team: spend has no owner (docs/metrics.md).
	CompanyOnly bool
	// Description says in a sales manager's words what the metric is, for
	// help text and --explain.
	Description string
	// Basis is what the value rests on; the zero Basis for a metric that
	// rests on no deals or customers (spend).
	Basis Basis
	// Needs are what the data must hold for the metric to be measurable,
	// in the order the Measurable check asks for them (docs/goals.md).
	Needs []Need
	// otherCurrency counts the deals in another currency that a money
	// metric leaves out; nil for a metric that adds up no money.
	otherCurrency func(Aggregates) int64
	// formula computes the value from the aggregates of one period and
	// scope. Amounts arrive in minor units and leave in major units; a
	// zero denominator gives null.
	formula func(Aggregates) Value
}

// IsRate reports whether the metric is a percentage, the only kind of
// metric a target in percentage points (+5pp) can apply to.
func (m Metric) IsRate() bool { return m.Unit == UnitPercent }

// Basis is what a metric's value rests on: how many deals or customers it
// was computed over, and what they are called. The Measurable check warns
// when a baseline rests on fewer than 10 (docs/goals.md).
type Basis struct {
	// One and Noun name one and several of what Count counts: "deal won",
	// "deals won".
	One, Noun string
	Count     func(Aggregates) int64
}

// Of writes n of what the basis counts: "1 deal won", "3 deals won".
func (b Basis) Of(n int64) string {
	return count(n, b.One, b.Noun)
}

// LowSampleBelow is the number of deals or customers below which a value
// is low sample: one deal more or less moves it a lot (docs/metrics.md).
const LowSampleBelow = 10

// RestsOn returns how many deals or customers m's value over a rests on,
// and their noun; -1 and "" for a metric that does not rest on deals or
// customers (spend).
func (m Metric) RestsOn(a Aggregates) (int64, string) {
	if m.Basis.Count == nil {
		return -1, ""
	}
	return m.Basis.Count(a), m.Basis.Noun
}

// HasRows reports whether a holds any of the rows m is computed from:
// spend rows for spend and cac, customers (the starting cohort or those
// acquired) for the customer metrics, deals closed or created for the
// others. A period without them has no value in a trend, a gap rather
// than a 0 (docs/metrics.md, "Trends").
func (m Metric) HasRows(a Aggregates) bool {
	for _, n := range m.Needs {
		switch n.Input {
		case InputSpend:
			return a.SpendRows > 0
		case InputAcquired:
			return a.CustomersStart+a.NewCustomers > 0
		}
	}
	return a.Won+a.Lost+a.NewDeals > 0
}

// OtherCurrency returns how many deals in another currency than the
// database's m left out of a: 0 for a metric that adds up no money.
func (m Metric) OtherCurrency(a Aggregates) int64 {
	if m.otherCurrency == nil {
		return 0
	}
	return m.otherCurrency(a)
}

// catalogue lists every metric in the order of docs/metrics.md: by
// category, the category's primary metric first. The order of the
// categories is also the order of the report's sections.
var catalogue = slices.Concat(
	cycleTimeMetrics, prospectsMetrics, winRateMetrics, revenueMetrics, marginMetrics,
	cacMetrics, retentionMetrics, churnMetrics, expansionMetrics,
)

// categories are the categories of the catalogue, in its order.
var categories = categoriesOf(catalogue)

func categoriesOf(ms []Metric) []string {
	var out []string
	for _, m := range ms {
		if !slices.Contains(out, m.Category) {
			out = append(out, m.Category)
		}
	}
	return out
}

// Categories returns the ids of the nine categories in docs/metrics.md
// order.
func Categories() []string {
	return append([]string(nil), categories...)
}

// Metrics returns every metric in docs/metrics.md order, primaries first
// within each category.
func Metrics() []Metric {
	return append([]Metric(nil), catalogue...)
}

// Lookup returns the metric with the given id.
func Lookup(id string) (Metric, bool) {
	for _, m := range catalogue {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}

// Primary returns a category's primary metric, the one a goal measures
// when it names only the category.
func Primary(category string) (Metric, bool) {
	for _, m := range catalogue {
		if m.Category == category {
			return m, true
		}
	}
	return Metric{}, false
}

// InCategory returns the metrics of a category, primary first, or nil for
// an unknown category.
func InCategory(category string) []Metric {
	var out []Metric
	for _, m := range catalogue {
		if m.Category == category {
			out = append(out, m)
		}
	}
	return out
}
