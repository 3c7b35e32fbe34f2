package metric

// Aggregates are the counts and sums over one effective period P and one
// scope from which every metric of docs/metrics.md is computed. The store fills
// them inside SQLite; this package turns them into values with pure functions.
//
// "Money" fields count only deals and spend in the database's currency
// (docs/import.md: money is never summed across currencies); the plain counts
// include every currency. Amounts are integer minor units (cents).
type Aggregates struct {
	// Deals won in P (stage won, closed_at in P), any currency.
	Won int64
	// Deals lost in P, any currency.
	Lost int64
	// Open deals created in P: not counted by win-rate, reported by --explain.
	OpenCreated int64

	// Won deals in P in the database's currency, and the sum of their amounts.
	WonMoney  int64
	WonAmount int64

	// Cycle length in whole days (closed_at − created_at) over won in P,
	// leaving out (docs/import.md, "Unusual values") the won deals that
	// closed before they were created (WonEarly) and those without a
	// created date (WonUndated).
	CycleDaysSum    int64
	CycleDaysMedian float64 // mean of the middle two for an even count; 0 when no cycle counts
	WonEarly        int64
	WonUndated      int64

	// Won in P with a negative amount (credits): any currency (discounts
	// leave them out), and those in the database's currency with the sum
	// of their amounts (average deal size leaves them out; sums are net).
	WonCredits      int64
	WonCreditsMoney int64
	WonCreditAmount int64

	// Won in P in the database's currency that carry a cost: their count,
	// the sum of their amounts and the sum of their costs.
	WonWithCost       int64
	WonWithCostAmount int64
	WonCost           int64

	// Won in P whose discount is given (0 counts), the sum of those discounts
	// (percent), and how many of them have a discount above 0; credits
	// (a negative amount) left out.
	WonWithDiscount int64
	DiscountSum     float64
	WonDiscounted   int64

	// Deals created in P (any stage, any currency), and the sum of the
	// amounts of those in the database's currency.
	NewDeals       int64
	NewDealsMoney  int64
	PipelineAmount int64

	// Expansion deals won in P (any currency), and the count and amount of
	// those in the database's currency.
	Expansion       int64
	ExpansionMoney  int64
	ExpansionAmount int64

	// Spend rows dated in P in the database's currency, and their sum.
	SpendRows int64
	Spend     int64

	// Customers (docs/metrics.md, "Retention and churn"): S, the starting
	// cohort, active on the day before P starts; R, the members of S also
	// active on P's last day (a customer lost and won back inside P is
	// retained); N, those whose first interval began in P; Reactivated,
	// those of whom a later interval began in P (they came back). The
	// customers lost, C, are S − R (Churned).
	CustomersStart int64
	Retained       int64
	NewCustomers   int64
	Reactivated    int64

	// Deals in another currency that money metrics left out (won, created
	// or expansion in P), for the footnote.
	OtherCurrency int64
}

// Add adds the counts and sums of a to g, field by field, as the store
// merges the partial aggregates of its queries: each query fills its own
// fields, so adding merges them. CycleDaysMedian is added too, so only one
// of g and a may hold it.
func (g *Aggregates) Add(a *Aggregates) {
	g.Won += a.Won
	g.Lost += a.Lost
	g.OpenCreated += a.OpenCreated
	g.WonMoney += a.WonMoney
	g.WonAmount += a.WonAmount
	g.CycleDaysSum += a.CycleDaysSum
	g.CycleDaysMedian += a.CycleDaysMedian
	g.WonEarly += a.WonEarly
	g.WonUndated += a.WonUndated
	g.WonCredits += a.WonCredits
	g.WonCreditsMoney += a.WonCreditsMoney
	g.WonCreditAmount += a.WonCreditAmount
	g.WonWithCost += a.WonWithCost
	g.WonWithCostAmount += a.WonWithCostAmount
	g.WonCost += a.WonCost
	g.WonWithDiscount += a.WonWithDiscount
	g.DiscountSum += a.DiscountSum
	g.WonDiscounted += a.WonDiscounted
	g.NewDeals += a.NewDeals
	g.NewDealsMoney += a.NewDealsMoney
	g.PipelineAmount += a.PipelineAmount
	g.Expansion += a.Expansion
	g.ExpansionMoney += a.ExpansionMoney
	g.ExpansionAmount += a.ExpansionAmount
	g.SpendRows += a.SpendRows
	g.Spend += a.Spend
	g.CustomersStart += a.CustomersStart
	g.Retained += a.Retained
	g.NewCustomers += a.NewCustomers
	g.Reactivated += a.Reactivated
	g.OtherCurrency += a.OtherCurrency
}

// Churned is C, the customers of the starting cohort who were no longer
// active at the end of P: S − R.
func (g Aggregates) Churned() int64 { return g.CustomersStart - g.Retained }

// Empty reports whether nothing happened in the period for the scope: no
// deal closed or created, no customer at its start or acquired in it, no
// spend. A period before the data begins is empty; its counts and sums
// read 0, but there is nothing to compare a target with.
func (g Aggregates) Empty() bool {
	return g.Won+g.Lost+g.NewDeals+g.CustomersStart+g.NewCustomers+g.Reactivated+g.SpendRows == 0
}
