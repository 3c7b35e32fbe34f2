package rollup

// Cell is the counts and sums of one key's rows on one day. Which rows a
// field counts is said beside it; the day is the close date for the won,
// lost and expected-to-close fields, the created date for the created
// ones, the customer's first won day for the first-day ones and the date
// for spend. Amounts are integer minor units; discounts millionths of a
// percent.
type Cell [nFields]int64

// The fields of a Cell.
const (
	// Won deals closed on the day: their count, the sum of their amounts.
	fWon = iota
	fWonAmount
	// Of them, those with a negative amount (credits), and their sum.
	fCredits
	fCreditAmount
	// Of them, those that carry a cost: count, sum of amounts, sum of costs.
	fWithCost
	fWithCostAmount
	fCost
	// Of those with an amount of 0 or more: those whose discount is given,
	// the sum of those discounts, and those with a discount above 0.
	fWithDiscount
	fDiscount
	fDiscounted
	// Typed upsell or cross-sell: count and amount.
	fExpTyped
	fExpTypedAmount
	// Untyped with a customer: count and amount. They are expansion deals
	// unless they closed on their customer's first won day (fFirstDay).
	fExpCand
	fExpCandAmount
	// Untyped won deals with a customer that closed on that customer's
	// first won day: count and amount (kept on that day).
	fFirstDay
	fFirstDayAmount
	// Lost deals closed on the day: count and amount.
	fLost
	fLostAmount
	// Open deals expected to close on the day: count and amount.
	fOpenClose
	fOpenCloseAmount
	// Deals created on the day: count, amount, and how many are open.
	fCreated
	fCreatedAmount
	fCreatedOpen
	// Spend rows dated on the day, and their sum.
	fSpendRows
	fSpendAmount
	nFields
)

// countFields are the fields that count rows, which can never be below 0.
var countFields = []int{fWon, fCredits, fWithCost, fWithDiscount, fDiscounted, fExpTyped, fExpCand,
	fFirstDay, fLost, fOpenClose, fCreated, fCreatedOpen, fSpendRows}

// add adds c, times sign, to x.
func (x *Cell) add(c *Cell, sign int64) {
	for i := range x {
		x[i] += sign * c[i]
	}
}

// zero reports whether every field is 0.
func (x *Cell) zero() bool {
	for _, v := range x {
		if v != 0 {
			return false
		}
	}
	return true
}

// closed reports whether the cell holds a won or lost deal: what makes an
// owner or team a group of `metrics --by` (with a created deal).
func (x *Cell) closed() bool { return x[fWon] != 0 || x[fLost] != 0 }

// Stage is a deal's stage as the cells keep it.
type Stage uint8

// The stages (docs/import.md).
const (
	Won Stage = iota
	Lost
	Open
)

// StageOf reads a stored stage ("won", "lost" or "open").
func StageOf(s string) Stage {
	switch s {
	case "won":
		return Won
	case "lost":
		return Lost
	}
	return Open
}

// Type is how a deal's type counts for expansion (docs/metrics.md).
type Type uint8

// The types that matter to the cells.
const (
	Untyped   Type = iota // no type: expansion when its customer won before
	Expansion             // upsell or cross-sell: always expansion
	OtherType             // new or renewal: never expansion
)

// TypeOf reads a stored type.
func TypeOf(s string) Type {
	switch s {
	case "":
		return Untyped
	case "upsell", "cross-sell":
		return Expansion
	}
	return OtherType
}
