package metric

// Unit is what a metric's value counts. Its string form is the id used in
// JSON output ("unit":"currency").
type Unit string

// The units of DESIGN.md §4.
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

// The two directions of DESIGN.md §4's "better" column.
const (
	Higher Direction = "higher"
	Lower  Direction = "lower"
)

// String returns "higher" or "lower".
func (d Direction) String() string { return string(d) }

// Metric describes one metric of DESIGN.md §4: what it measures, in which
// unit, and which way is better.
type Metric struct {
	// ID is the kebab-case id used on the command line and in JSON.
	ID string
	// Category is the id of the category the metric belongs to.
	Category string
	Unit     Unit
	Better   Direction
	// Accumulates is true for metrics that grow as the period runs
	// (revenue, counts, sums, churn-rate); progress projects them by
	// run-rate (DESIGN.md §6).
	Accumulates bool
	// CompanyOnly is true for metrics that cannot be scoped to an owner or
	// a team: spend has no owner (DESIGN.md §4).
	CompanyOnly bool
	// Description says in a sales manager's words what the metric is, for
	// help text and --explain.
	Description string
}

// IsRate reports whether the metric is a percentage, the only kind of
// metric a target in percentage points (+5pp) can apply to.
func (m Metric) IsRate() bool { return m.Unit == UnitPercent }

// categories lists the nine categories in the order of DESIGN.md §4, which
// is also the order of the report's sections.
var categories = []string{
	"cycle-time", "prospects", "win-rate", "revenue", "margin",
	"cac", "retention", "churn", "expansion",
}

// catalogue lists every metric in the order of DESIGN.md §4's table: by
// category, the category's primary metric first.
var catalogue = []Metric{
	{ID: "avg-cycle-days", Category: "cycle-time", Unit: UnitDays, Better: Lower,
		Description: "average days from created to closed over deals won in the period"},
	{ID: "median-cycle-days", Category: "cycle-time", Unit: UnitDays, Better: Lower,
		Description: "median days from created to closed over deals won in the period"},
	{ID: "new-deals", Category: "prospects", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "deals created in the period, any stage"},
	{ID: "pipeline-value", Category: "prospects", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description: "total amount of the deals created in the period"},
	{ID: "win-rate", Category: "win-rate", Unit: UnitPercent, Better: Higher,
		Description: "share of the deals closed in the period that were won"},
	{ID: "revenue", Category: "revenue", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description: "total amount of the deals won in the period"},
	{ID: "avg-deal-size", Category: "revenue", Unit: UnitCurrency, Better: Higher,
		Description: "revenue divided by the number of deals won in the period"},
	{ID: "gross-margin", Category: "margin", Unit: UnitPercent, Better: Higher,
		Description: "amount less cost, as a share of amount, over won deals that have a cost"},
	{ID: "discounted-deals", Category: "margin", Unit: UnitCount, Better: Lower, Accumulates: true,
		Description: "deals won in the period with a discount"},
	{ID: "avg-discount", Category: "margin", Unit: UnitPercent, Better: Lower,
		Description: "average discount over won deals whose discount is given"},
	{ID: "cac", Category: "cac", Unit: UnitCurrency, Better: Lower, CompanyOnly: true,
		Description: "spend divided by the customers acquired in the period"},
	{ID: "spend", Category: "cac", Unit: UnitCurrency, Better: Lower, Accumulates: true, CompanyOnly: true,
		Description: "marketing and sales spend dated in the period"},
	{ID: "new-customers", Category: "cac", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "customers acquired in the period"},
	{ID: "retention-rate", Category: "retention", Unit: UnitPercent, Better: Higher,
		Description: "customers active at the end of the period less those acquired in it, as a share of those active before it"},
	{ID: "churn-rate", Category: "churn", Unit: UnitPercent, Better: Lower, Accumulates: true,
		Description: "share of the customers active before the period who churned in it"},
	{ID: "churned-customers", Category: "churn", Unit: UnitCount, Better: Lower, Accumulates: true,
		Description: "customers active before the period who churned in it"},
	{ID: "expansion-revenue", Category: "expansion", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description: "total amount of expansion deals (upsell, cross-sell, repeat business) won in the period"},
	{ID: "expansion-deals", Category: "expansion", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "expansion deals (upsell, cross-sell, repeat business) won in the period"},
}

// Categories returns the ids of the nine categories in DESIGN.md §4 order.
func Categories() []string {
	return append([]string(nil), categories...)
}

// Metrics returns every metric in DESIGN.md §4 order, primaries first
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
