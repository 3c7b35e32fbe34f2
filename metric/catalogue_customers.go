package metric

import "fmt"

// The metrics of the categories measured on customers and spend: customer
// acquisition cost, retention and churn (docs/metrics.md).

// What the customer metrics rest on.
var (
	basisNewCustomers   = Basis{One: "new customer", Noun: "new customers", Count: func(a Aggregates) int64 { return a.NewCustomers }}
	basisCustomersStart = Basis{One: "customer at the start", Noun: "customers at the start", Count: func(a Aggregates) int64 { return a.CustomersStart }}
)

var cacMetrics = []Metric{
	{
		ID: "cac", Category: "cac", Unit: UnitCurrency, Better: Lower, CompanyOnly: true,
		Description: "spend divided by the customers acquired in the period",
		Basis:       basisNewCustomers,
		Needs:       []Need{needSpend, needAcquired},
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
				"acquisition date in the period (acquired_at, else the close date of the first won deal); customers who came back are reactivations, not new")
		},
	},
}

var retentionMetrics = []Metric{
	{
		ID: "retention-rate", Category: "retention", Unit: UnitPercent, Better: Higher,
		LossAccumulates: true,
		Description:     "share of the customers active before the period who are still active at its end",
		Basis:           basisCustomersStart,
		Needs:           []Need{needAcquired, needChurnDates},
		// retention: 100 × R / S, the customers active the day before the
		// period began who are still active on its last day, over all of
		// them. Customers acquired in the period count in neither.
		formula: func(a Aggregates) Value {
			e := cohort(a, fmt.Sprintf("%d still active at the end", a.Retained))
			if a.CustomersStart == 0 {
				return null("no customers were active the day before the period", e)
			}
			return number(100*float64(a.Retained)/float64(a.CustomersStart), e)
		},
	},
	{
		ID: "reactivated-customers", Category: "retention", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "customers who came back in the period after they had left",
		Basis:       Basis{One: "reactivated customer", Noun: "reactivated customers", Count: func(a Aggregates) int64 { return a.Reactivated }},
		Needs:       []Need{needAcquired, needChurnDates},
		// retention: the customers of whom a later interval (not the
		// first, which makes a new customer) began in the period.
		formula: func(a Aggregates) Value {
			return tally(a.Reactivated, "customer reactivated", "customers reactivated",
				"came back in the period after they had left (a reactivation, a subscription or a won deal after a churn); not counted as new customers")
		},
	},
}

var churnMetrics = []Metric{
	{
		ID: "churn-rate", Category: "churn", Unit: UnitPercent, Better: Lower, Accumulates: true,
		Description: "share of the customers active before the period who are no longer active at its end",
		Basis:       basisCustomersStart,
		Needs:       []Need{needAcquired, needChurnDates},
		// churn: 100 × C / S with C = S − R, the customers active the day
		// before the period began who are no longer active at its end, over
		// all of them; retention + churn = 100.
		formula: func(a Aggregates) Value {
			e := cohort(a, fmt.Sprintf("%d churned", a.Churned()))
			if a.CustomersStart == 0 {
				return null("no customers were active the day before the period", e)
			}
			return number(100*float64(a.Churned())/float64(a.CustomersStart), e)
		},
	},
	{
		ID: "churned-customers", Category: "churn", Unit: UnitCount, Better: Lower, Accumulates: true,
		Description: "customers active before the period who are no longer active at its end",
		Basis:       basisCustomersStart,
		Needs:       []Need{needAcquired, needChurnDates},
		// churn: C = S − R, the customers active before the period who are
		// no longer active at its end.
		formula: func(a Aggregates) Value {
			v := tally(a.Churned(), "customer churned", "customers churned", "")
			v.Explain = cohort(a, v.Explain.Numerator)
			v.Explain.Denominator = ""
			return v
		},
	},
}

// cohort explains a value of the starting cohort: counted over S, with S,
// R and the customers acquired in the period, who count in neither
// retention nor churn, said apart.
func cohort(a Aggregates, counted string) Explanation {
	note := fmt.Sprintf("starting cohort %d: %d still active at the end, %d lost; %s in the period, counted in neither retention nor churn",
		a.CustomersStart, a.Retained, a.Churned(), count(a.NewCustomers, "customer acquired", "customers acquired"))
	if a.Reactivated > 0 {
		// docs/metrics.md, "Customers who leave and come back".
		note += fmt.Sprintf("; %s after they had left (a member of the cohort who came back by the end is retained)",
			count(a.Reactivated, "customer came back", "customers came back"))
	}
	return Explanation{
		Numerator:   counted,
		Denominator: fmt.Sprintf("%d active the day before the period", a.CustomersStart),
		Note:        note,
	}
}
