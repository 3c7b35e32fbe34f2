package metric

import (
	"fmt"
	"strconv"
)

// The metrics of the categories measured on deals alone: cycle time,
// prospects, win rate, revenue, margin and expansion (docs/metrics.md).

// What the deal metrics rest on.
var (
	basisCycled          = Basis{One: "deal won", Noun: "deals won", Count: cycled} // those whose cycle counts
	basisWonMoney        = Basis{One: "deal won", Noun: "deals won", Count: func(a Aggregates) int64 { return a.WonMoney }}
	basisCreated         = Basis{One: "deal created", Noun: "deals created", Count: func(a Aggregates) int64 { return a.NewDeals }}
	basisClosed          = Basis{One: "deal closed", Noun: "deals closed", Count: func(a Aggregates) int64 { return a.Won + a.Lost }}
	basisWonWithCost     = Basis{One: "won deal with a cost", Noun: "won deals with a cost", Count: func(a Aggregates) int64 { return a.WonWithCost }}
	basisWonWithDiscount = Basis{One: "won deal with a discount given", Noun: "won deals with a discount given", Count: func(a Aggregates) int64 { return a.WonWithDiscount }}
	basisExpansion       = Basis{One: "expansion deal won", Noun: "expansion deals won", Count: func(a Aggregates) int64 { return a.Expansion }}
)

// What the deal metrics need beyond won deals, created dates, amounts and
// discounts (inputs.go).
var (
	needLostDeals = Need{Input: InputLostDeals,
		Missing: "no deal was ever lost, so every win rate would read 100%: import deals with their lost stage (--stage maps your CRM's label)"}
	needCosts = Need{Input: InputCosts,
		Missing: "no deals file carried costs: import deals with a cost column"}
)

// The deals in another currency than the database's that money metrics
// leave out (docs/import.md): won, created or expansion deals.
func otherWon(a Aggregates) int64       { return a.Won - a.WonMoney }
func otherCreated(a Aggregates) int64   { return a.NewDeals - a.NewDealsMoney }
func otherExpansion(a Aggregates) int64 { return a.Expansion - a.ExpansionMoney }

// cycled is the number of deals won in the period whose cycle counts: not
// those that closed before they were created, nor those without a created
// date (docs/import.md, "Unusual values").
func cycled(a Aggregates) int64 { return a.Won - a.WonEarly - a.WonUndated }

// cycleNote is the note of the cycle-time metrics: what was counted, and
// which won deals were left out.
func cycleNote(a Aggregates) string {
	return "deals won in the period; lost and open deals not counted" + cycleLeftOut(a)
}

// cycleLeftOut is the clause on the won deals cycle time leaves out, or
// "" when there are none.
func cycleLeftOut(a Aggregates) string {
	s := ""
	if a.WonEarly > 0 {
		s += "; " + count(a.WonEarly, "won deal", "won deals") + " that closed before " + pick(a.WonEarly, "it was", "they were") + " created left out"
	}
	if a.WonUndated > 0 {
		s += "; " + count(a.WonUndated, "won deal", "won deals") + " without a created date left out"
	}
	return s
}

// pick is one when n is 1, else many.
func pick(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// creditsOut is the clause on won deals with a negative amount (credits)
// that a metric leaves out, or "" when there are none.
func creditsOut(n int64) string {
	if n <= 0 {
		return ""
	}
	return "; " + count(n, "credit", "credits") + " (a negative amount) left out"
}

var cycleTimeMetrics = []Metric{
	{
		ID: "avg-cycle-days", Category: "cycle-time", Unit: UnitDays, Better: Lower,
		Description: "average days from created to closed over deals won in the period",
		Basis:       basisCycled,
		Needs:       []Need{needWonDeals, needDatedDeals},
		// cycle-time: the average number of days from created to closed over
		// the deals won in the period, leaving out those that closed before
		// they were created or have no created date.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator:   fmt.Sprintf("%d days from created to closed, added up", a.CycleDaysSum),
				Denominator: count(cycled(a), "deal won", "deals won"),
				Note:        cycleNote(a),
			}
			if a.Won == 0 {
				return null("no deals won in the period", e)
			}
			if cycled(a) == 0 {
				return null("no deal won in the period has a cycle"+cycleLeftOut(a), e)
			}
			return number(float64(a.CycleDaysSum)/float64(cycled(a)), e)
		},
	},
	{
		ID: "median-cycle-days", Category: "cycle-time", Unit: UnitDays, Better: Lower,
		Description: "median days from created to closed over deals won in the period",
		Basis:       basisCycled,
		Needs:       []Need{needWonDeals, needDatedDeals},
		// cycle-time: the median of those days, the mean of the middle two when
		// the count is even (the store computes it).
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator: "median days from created to closed over " + count(cycled(a), "deal won", "deals won"),
				Note:      cycleNote(a),
			}
			if a.Won == 0 {
				return null("no deals won in the period", e)
			}
			if cycled(a) == 0 {
				return null("no deal won in the period has a cycle"+cycleLeftOut(a), e)
			}
			return number(a.CycleDaysMedian, e)
		},
	},
}

var prospectsMetrics = []Metric{
	{
		ID: "new-deals", Category: "prospects", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "deals created in the period, any stage",
		Basis:       basisCreated,
		Needs:       []Need{needDatedDeals},
		// prospects: how many deals were created in the period, whatever their
		// stage.
		formula: func(a Aggregates) Value {
			return tally(a.NewDeals, "deal created", "deals created", "deals created in the period, any stage, any currency")
		},
	},
	{
		ID: "pipeline-value", Category: "prospects", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description:   "total amount of the deals created in the period",
		Basis:         basisCreated,
		Needs:         []Need{needDatedDeals, needAmounts},
		otherCurrency: otherCreated,
		// prospects: the total amount of the deals created in the period.
		formula: func(a Aggregates) Value {
			return amounts(a.PipelineAmount, count(a.NewDealsMoney, "deal", "deals")+" created in the period", otherCreated(a))
		},
	},
}

var winRateMetrics = []Metric{
	{
		ID: "win-rate", Category: "win-rate", Unit: UnitPercent, Better: Higher,
		Description: "share of the deals closed in the period that were won",
		Basis:       basisClosed,
		Needs:       []Need{needLostDeals},
		// win-rate: of the deals closed in the period, the share that was won.
		formula: func(a Aggregates) Value {
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
	},
}

var revenueMetrics = []Metric{
	{
		ID: "revenue", Category: "revenue", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description:   "total amount of the deals won in the period",
		Basis:         basisWonMoney,
		Needs:         []Need{needWonDeals, needAmounts},
		otherCurrency: otherWon,
		// revenue: the total amount of the deals won in the period.
		formula: func(a Aggregates) Value {
			return amounts(a.WonAmount, count(a.WonMoney, "deal", "deals")+" won in the period", otherWon(a))
		},
	},
	{
		ID: "avg-deal-size", Category: "revenue", Unit: UnitCurrency, Better: Higher,
		Description:   "revenue divided by the number of deals won in the period",
		Basis:         basisWonMoney,
		Needs:         []Need{needWonDeals, needAmounts},
		otherCurrency: otherWon,
		// revenue: the average deal size, revenue divided by the deals won;
		// credits (a negative amount) are left out of both.
		formula: func(a Aggregates) Value {
			amount, deals := a.WonAmount-a.WonCreditAmount, a.WonMoney-a.WonCreditsMoney
			e := Explanation{
				Numerator:   "revenue " + money(amount),
				Denominator: count(deals, "deal won", "deals won"),
				Note:        "deals won in the period" + creditsOut(a.WonCreditsMoney) + leftOut(otherWon(a)),
			}
			if deals == 0 {
				return null("no deals won in the period"+creditsOut(a.WonCreditsMoney)+leftOut(otherWon(a)), e)
			}
			return number(float64(amount)/100/float64(deals), e)
		},
	},
}

var marginMetrics = []Metric{
	{
		ID: "gross-margin", Category: "margin", Unit: UnitPercent, Better: Higher,
		Description:   "amount less cost, as a share of amount, over won deals that have a cost",
		Basis:         basisWonWithCost,
		Needs:         []Need{needAmounts, needCosts},
		otherCurrency: otherWon,
		// margin: amount less cost, as a share of amount, over the deals won in
		// the period that have a cost.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator: fmt.Sprintf("amount %s − cost %s = %s",
					money(a.WonWithCostAmount), money(a.WonCost), money(a.WonWithCostAmount-a.WonCost)),
				Denominator: "amount " + money(a.WonWithCostAmount),
				Note: count(a.WonWithCost, "won deal", "won deals") + " with a cost" +
					omitted(a.WonMoney-a.WonWithCost, "without a cost") + leftOut(otherWon(a)),
			}
			if a.WonWithCost == 0 {
				return null("no deal won in the period has a cost", e)
			}
			if a.WonWithCostAmount == 0 {
				return null("the won deals that have a cost add up to an amount of 0", e)
			}
			return number(100*float64(a.WonWithCostAmount-a.WonCost)/float64(a.WonWithCostAmount), e)
		},
	},
	{
		ID: "discounted-deals", Category: "margin", Unit: UnitCount, Better: Lower, Accumulates: true,
		Description: "deals won in the period with a discount",
		Basis:       basisWonWithDiscount,
		Needs:       []Need{needDiscounts},
		// margin: how many deals won in the period were discounted (discount
		// above 0).
		formula: func(a Aggregates) Value {
			return number(float64(a.WonDiscounted), Explanation{
				Numerator: count(a.WonDiscounted, "won deal", "won deals") + " with a discount",
				Note:      fmt.Sprintf("out of %d won in the period whose discount is given", a.WonWithDiscount) + creditsOut(a.WonCredits),
			})
		},
	},
	{
		ID: "avg-discount", Category: "margin", Unit: UnitPercent, Better: Lower,
		Description: "average discount over won deals whose discount is given",
		Basis:       basisWonWithDiscount,
		Needs:       []Need{needDiscounts},
		// margin: the average discount over the deals won in the period whose
		// discount is given; a discount of 0 counts.
		formula: func(a Aggregates) Value {
			e := Explanation{
				Numerator:   strconv.FormatFloat(a.DiscountSum, 'f', -1, 64) + "% in discounts, added up",
				Denominator: count(a.WonWithDiscount, "won deal", "won deals") + " with a discount given",
				Note:        "discounts of 0 count" + omitted(a.Won-a.WonCredits-a.WonWithDiscount, "without a discount given") + creditsOut(a.WonCredits),
			}
			if a.WonWithDiscount == 0 {
				return null("no deal won in the period has a discount given", e)
			}
			return number(a.DiscountSum/float64(a.WonWithDiscount), e)
		},
	},
}

var expansionMetrics = []Metric{
	{
		ID: "expansion-revenue", Category: "expansion", Unit: UnitCurrency, Better: Higher, Accumulates: true,
		Description:   "total amount of expansion deals (upsell, cross-sell, repeat business) won in the period",
		Basis:         basisExpansion,
		Needs:         []Need{needWonDeals, needAmounts},
		otherCurrency: otherExpansion,
		// expansion: the total amount of the expansion deals won in the period
		// (upsell, cross-sell, or an untyped deal of an existing customer).
		formula: func(a Aggregates) Value {
			return amounts(a.ExpansionAmount, count(a.ExpansionMoney, "expansion deal", "expansion deals")+" won in the period", otherExpansion(a))
		},
	},
	{
		ID: "expansion-deals", Category: "expansion", Unit: UnitCount, Better: Higher, Accumulates: true,
		Description: "expansion deals (upsell, cross-sell, repeat business) won in the period",
		Basis:       basisExpansion,
		Needs:       []Need{needWonDeals},
		// expansion: how many expansion deals were won in the period.
		formula: func(a Aggregates) Value {
			return tally(a.Expansion, "expansion deal won", "expansion deals won",
				"upsell, cross-sell, or untyped deals of a customer with an earlier won deal; renewals and new business not counted")
		},
	},
}
