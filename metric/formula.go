package metric

import (
	"fmt"
	"strconv"
)

// Compute returns every metric of the catalogue, in DESIGN.md §4 order,
// computed from the aggregates of one period and scope.
func Compute(a Aggregates) []Value {
	out := make([]Value, 0, len(catalogue))
	for _, m := range catalogue {
		out = append(out, ComputeOne(m.ID, a))
	}
	return out
}

// ComputeOne returns one metric computed from the aggregates. An id that is
// not in the catalogue gives a null value whose note says so.
func ComputeOne(id string, a Aggregates) Value {
	m, ok := Lookup(id)
	f := formulas[id]
	if !ok || f == nil {
		return Value{Metric: Metric{ID: id}, Null: true, Explain: Explanation{Note: fmt.Sprintf("%q is not a metric", id)}}
	}
	v := f(a)
	v.Metric = m
	return v
}

// formulas implements each line of DESIGN.md §4's table. Amounts arrive in
// minor units and leave in major units; a zero denominator gives null.
var formulas = map[string]func(a Aggregates) Value{
	// cycle-time: the average number of days from created to closed over
	// the deals won in the period.
	"avg-cycle-days": func(a Aggregates) Value {
		e := Explanation{
			Numerator:   fmt.Sprintf("%d days from created to closed, added up", a.CycleDaysSum),
			Denominator: count(a.Won, "deal won", "deals won"),
			Note:        "deals won in the period; lost and open deals not counted",
		}
		if a.Won == 0 {
			return null("no deals won in the period", e)
		}
		return number(float64(a.CycleDaysSum)/float64(a.Won), e)
	},
	// cycle-time: the median of those days, the mean of the middle two when
	// the count is even (the store computes it).
	"median-cycle-days": func(a Aggregates) Value {
		e := Explanation{
			Numerator: "median days from created to closed over " + count(a.Won, "deal won", "deals won"),
			Note:      "deals won in the period; lost and open deals not counted",
		}
		if a.Won == 0 {
			return null("no deals won in the period", e)
		}
		return number(a.CycleDaysMedian, e)
	},
	// prospects: how many deals were created in the period, whatever their
	// stage.
	"new-deals": func(a Aggregates) Value {
		return number(float64(a.NewDeals), Explanation{
			Numerator: count(a.NewDeals, "deal created", "deals created"),
			Note:      "deals created in the period, any stage, any currency",
		})
	},
	// prospects: the total amount of the deals created in the period.
	"pipeline-value": func(a Aggregates) Value {
		return number(float64(a.PipelineAmount)/100, Explanation{
			Numerator: money(a.PipelineAmount) + " in amounts",
			Note:      "amounts of " + count(a.NewDealsMoney, "deal", "deals") + " created in the period" + leftOut(a.NewDeals-a.NewDealsMoney),
		})
	},
	// win-rate: of the deals closed in the period, the share that was won.
	"win-rate": func(a Aggregates) Value {
		closed := a.Won + a.Lost
		e := Explanation{
			Numerator:   fmt.Sprintf("%d won", a.Won),
			Denominator: fmt.Sprintf("%d closed (%d won + %d lost)", closed, a.Won, a.Lost),
			Note:        fmt.Sprintf("won %d, lost %d (open %d created in the period not counted)", a.Won, a.Lost, a.OpenCreated),
		}
		if closed == 0 {
			return null("no deals closed (won or lost) in the period", e)
		}
		return number(100*float64(a.Won)/float64(closed), e)
	},
	// revenue: the total amount of the deals won in the period.
	"revenue": func(a Aggregates) Value {
		return number(float64(a.WonAmount)/100, Explanation{
			Numerator: money(a.WonAmount) + " in amounts",
			Note:      "amounts of " + count(a.WonMoney, "deal", "deals") + " won in the period" + leftOut(a.Won-a.WonMoney),
		})
	},
	// revenue: the average deal size, revenue divided by the deals won.
	"avg-deal-size": func(a Aggregates) Value {
		e := Explanation{
			Numerator:   "revenue " + money(a.WonAmount),
			Denominator: count(a.WonMoney, "deal won", "deals won"),
			Note:        "deals won in the period" + leftOut(a.Won-a.WonMoney),
		}
		if a.WonMoney == 0 {
			return null("no deals won in the period"+leftOut(a.Won-a.WonMoney), e)
		}
		return number(float64(a.WonAmount)/100/float64(a.WonMoney), e)
	},
	// margin: amount less cost, as a share of amount, over the deals won in
	// the period that have a cost.
	"gross-margin": func(a Aggregates) Value {
		e := Explanation{
			Numerator: fmt.Sprintf("amount %s − cost %s = %s",
				money(a.WonWithCostAmount), money(a.WonCost), money(a.WonWithCostAmount-a.WonCost)),
			Denominator: "amount " + money(a.WonWithCostAmount),
			Note: count(a.WonWithCost, "won deal", "won deals") + " with a cost" +
				omitted(a.WonMoney-a.WonWithCost, "without a cost") + leftOut(a.Won-a.WonMoney),
		}
		if a.WonWithCost == 0 {
			return null("no deal won in the period has a cost", e)
		}
		if a.WonWithCostAmount == 0 {
			return null("the won deals that have a cost add up to an amount of 0", e)
		}
		return number(100*float64(a.WonWithCostAmount-a.WonCost)/float64(a.WonWithCostAmount), e)
	},
	// margin: how many deals won in the period were discounted (discount
	// above 0).
	"discounted-deals": func(a Aggregates) Value {
		return number(float64(a.WonDiscounted), Explanation{
			Numerator: count(a.WonDiscounted, "won deal", "won deals") + " with a discount",
			Note:      fmt.Sprintf("out of %d won in the period whose discount is given", a.WonWithDiscount),
		})
	},
	// margin: the average discount over the deals won in the period whose
	// discount is given; a discount of 0 counts.
	"avg-discount": func(a Aggregates) Value {
		e := Explanation{
			Numerator:   strconv.FormatFloat(a.DiscountSum, 'f', -1, 64) + "% in discounts, added up",
			Denominator: count(a.WonWithDiscount, "won deal", "won deals") + " with a discount given",
			Note:        "discounts of 0 count" + omitted(a.Won-a.WonWithDiscount, "without a discount given"),
		}
		if a.WonWithDiscount == 0 {
			return null("no deal won in the period has a discount given", e)
		}
		return number(a.DiscountSum/float64(a.WonWithDiscount), e)
	},
	// cac: customer acquisition cost, spend divided by new customers.
	"cac": func(a Aggregates) Value {
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
	// cac: total marketing and sales spend dated in the period.
	"spend": func(a Aggregates) Value {
		return number(float64(a.Spend)/100, Explanation{
			Numerator: money(a.Spend) + " spent",
			Note:      count(a.SpendRows, "spend row", "spend rows") + " dated in the period, company-wide",
		})
	},
	// cac: customers whose acquisition date falls in the period.
	"new-customers": func(a Aggregates) Value {
		return number(float64(a.NewCustomers), Explanation{
			Numerator: count(a.NewCustomers, "customer acquired", "customers acquired"),
			Note:      "acquisition date in the period (acquired_at, else the close date of the first won deal)",
		})
	},
	// retention: 100 × (E − N) / S, customers active at the end who were not
	// acquired in the period, over customers active the day before it began.
	"retention-rate": func(a Aggregates) Value {
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
	// churn: 100 × C / S, customers who churned in the period out of those
	// active the day before it began.
	"churn-rate": func(a Aggregates) Value {
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
	// churn: C, the customers active before the period who churned in it.
	"churned-customers": func(a Aggregates) Value {
		return number(float64(a.Churned), Explanation{
			Numerator: count(a.Churned, "customer churned", "customers churned"),
			Note:      "customers active before the period whose churn date is in it",
		})
	},
	// expansion: the total amount of the expansion deals won in the period
	// (upsell, cross-sell, or an untyped deal of an existing customer).
	"expansion-revenue": func(a Aggregates) Value {
		return number(float64(a.ExpansionAmount)/100, Explanation{
			Numerator: money(a.ExpansionAmount) + " in amounts",
			Note:      "amounts of " + count(a.ExpansionMoney, "expansion deal", "expansion deals") + " won in the period" + leftOut(a.Expansion-a.ExpansionMoney),
		})
	},
	// expansion: how many expansion deals were won in the period.
	"expansion-deals": func(a Aggregates) Value {
		return number(float64(a.Expansion), Explanation{
			Numerator: count(a.Expansion, "expansion deal won", "expansion deals won"),
			Note:      "upsell, cross-sell, or untyped deals of a customer with an earlier won deal; renewals and new business not counted",
		})
	},
}
