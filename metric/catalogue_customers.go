package metric

import "fmt"

// The metrics of the categories measured on customers and spend: customer
// acquisition cost, retention and churn (docs/metrics.md).

// What the customer metrics rest on.
var (
	basisNewCustomers   = Basis{Noun: "new customers", Count: func(a Aggregates) int64 { return a.NewCustomers }}
	basisCustomersStart = Basis{Noun: "customers at the start", Count: func(a Aggregates) int64 { return a.CustomersStart }}
)

// What the customer metrics need besides acquisition and churn dates.
var (
	needSpend = Need{Input: InputSpend,
		Missing: "there are no spend rows: import a spend file (date, amount, channel)"}
	needSpendForCAC = Need{Input: InputSpend,
		Missing: "there are no spend rows, so CAC cannot be computed: import a spend file (date, amount, channel)"}
	needAcquiredForCAC = Need{Input: InputAcquired,
		Missing: "no customer has an acquisition date, so CAC has nothing to divide by: import customers or won deals with a customer"}
	needChurnedForRetention = Need{Input: InputChurned, Dull: true,
		Missing: "no customer has a churn date, so retention reads 100% whatever happens: import customers with a churned_at column"}
)

var cacMetrics = []Metric{
	{
		ID: "cac", Category: "cac", Unit: UnitCurrency, Better: Lower, CompanyOnly: true,
		Description: "spend divided by the customers acquired in the period",
		Basis:       basisNewCustomers,
		Needs:       []Need{needSpendForCAC, needAcquiredForCAC},
		// cac: customer acquisition cost, spend divided by new customers.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator:   "spend " + money(a.Spend),
				Denominator: count(a.NewCustomers, "new customer", "new customers"),
				Note:        count(a.SpendRows, "spend row", "spend rows") + " dated in the period, company-wide",
			}
			if a.NewCustomers == 0 {
				return null("no customers acquired in the period", e)
			}
			return number(float64(a.Spend)/100/float64(a.NewCustomers), e)
		},
	},
	{
		ID: "spend", Category: "cac", Unit: UnitCurrency, Better: Lower, Accumulates: true, CompanyOnly: true,
		Description: "marketing and sales spend dated in the period",
		Needs:       []Need{needSpend},
		// cac: total marketing and sales spend dated in the period.
		formula: func(a Aggregates) Value {
			return number(float64(a.Spend)/100, Explanation{
				Numerator: money(a.Spend) + " spent",
				Note:      count(a.SpendRows, "spend row", "spend rows") + " dated in the period, company-wide",
			})
		},
	},
	{
		ID: "new-customers", Category: "cac", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "customers acquired in the period",
		Basis:       basisNewCustomers,
		Needs:       []Need{needAcquired},
		// cac: customers whose acquisition date falls in the period.
		formula: func(a Aggregates) Value {
			return tally(a.NewCustomers, "customer acquired", "customers acquired",
				"acquisition date in the period (acquired_at, else the close date of the first won deal)")
		},
	},
}

var retentionMetrics = []Metric{
	{
		ID: "retention-rate", Category: "retention", Unit: UnitPercent, Better: Higher,
		LossAccumulates: true,
		Description:     "customers active at the end of the period less those acquired in it, as a share of those active before it",
		Basis:           basisCustomersStart,
		Needs:           []Need{needAcquired, needChurnedForRetention},
		// retention: 100 × (E − N) / S, customers active at the end who were not
		// acquired in the period, over customers active the day before it began.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator: fmt.Sprintf("%d active at the end − %d acquired in the period = %d",
					a.CustomersEnd, a.NewCustomers, a.CustomersEnd-a.NewCustomers),
				Denominator: fmt.Sprintf("%d active the day before the period", a.CustomersStart),
				Note:        "customers active at the end less those acquired in the period (a new customer lost within the period lowers it, so it can fall below 0), over those active before it",
			}
			if a.CustomersStart == 0 {
				return null("no customers were active the day before the period", e)
			}
			return number(100*float64(a.CustomersEnd-a.NewCustomers)/float64(a.CustomersStart), e)
		},
	},
}

var churnMetrics = []Metric{
	{
		ID: "churn-rate", Category: "churn", Unit: UnitPercent, Better: Lower, Accumulates: true,
		Description: "share of the customers active before the period who churned in it",
		Basis:       basisCustomersStart,
		Needs:       []Need{needChurned},
		// churn: 100 × C / S, customers who churned in the period out of those
		// active the day before it began.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator:   fmt.Sprintf("%d churned", a.Churned),
				Denominator: fmt.Sprintf("%d active the day before the period", a.CustomersStart),
				Note:        "customers active before the period whose churn date is in it",
			}
			if a.CustomersStart == 0 {
				return null("no customers were active the day before the period", e)
			}
			return number(100*float64(a.Churned)/float64(a.CustomersStart), e)
		},
	},
	{
		ID: "churned-customers", Category: "churn", Unit: UnitCount, Better: Lower, Accumulates: true,
		Description: "customers active before the period who churned in it",
		Basis:       basisCustomersStart,
		Needs:       []Need{needChurned},
		// churn: C, the customers active before the period who churned in it.
		formula: func(a Aggregates) Value {
			return tally(a.Churned, "customer churned", "customers churned", "customers active before the period whose churn date is in it")
		},
	},
}
