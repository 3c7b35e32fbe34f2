package rollup

import "math"

// Deal is a stored deal as the cells see it.
type Deal struct {
	Key         KeyID
	Stage       Stage
	Type        Type
	Customer    string // "" for none
	Amount      int64
	Cost        int64
	HasCost     bool
	Discount    float64 // percent
	HasDiscount bool
	Created     Day // NoDay: not given
	Closed      Day // NoDay: not given; an open deal's expected close date
}

// counters is what d adds to its key's counters.
func (d *Deal) counters() Counters {
	c := Counters{Deals: 1, Amounts: abs(d.Amount), Costs: abs(d.Cost)}
	if d.Created != NoDay {
		c.Dated = 1
	}
	if d.Stage == Won && d.Closed != NoDay {
		c.Won = 1
	}
	if d.Stage == Lost {
		c.Lost = 1
	}
	return c
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// micro is a discount in millionths of a percent: discounts are summed as
// integers, so that a sum is the same whatever order deals were added and
// removed in.
func micro(discount float64) int64 { return int64(math.Round(discount * 1e6)) }

// closedCell is what d adds to the cell of its close day (d.Closed set).
func (d *Deal) closedCell() Cell {
	var c Cell
	switch d.Stage {
	case Won:
		c[fWon], c[fWonAmount] = 1, d.Amount
		if d.Amount < 0 {
			c[fCredits], c[fCreditAmount] = 1, d.Amount
		}
		if d.HasCost {
			c[fWithCost], c[fWithCostAmount], c[fCost] = 1, d.Amount, d.Cost
		}
		if d.HasDiscount && d.Amount >= 0 {
			c[fWithDiscount], c[fDiscount] = 1, micro(d.Discount)
			if d.Discount > 0 {
				c[fDiscounted] = 1
			}
		}
		switch {
		case d.Type == Expansion:
			c[fExpTyped], c[fExpTypedAmount] = 1, d.Amount
		case d.Type == Untyped && d.Customer != "":
			c[fExpCand], c[fExpCandAmount] = 1, d.Amount
		}
	case Lost:
		c[fLost], c[fLostAmount] = 1, d.Amount
	default:
		c[fOpenClose], c[fOpenCloseAmount] = 1, d.Amount
	}
	return c
}

// createdCell is what d adds to the cell of its created day (d.Created
// set).
func (d *Deal) createdCell() Cell {
	var c Cell
	c[fCreated], c[fCreatedAmount] = 1, d.Amount
	if d.Stage == Open {
		c[fCreatedOpen] = 1
	}
	return c
}

// firstDay reports whether d counts in its customer's first won day when
// it closed on it: an untyped won deal with a customer.
func (d *Deal) firstDay() bool {
	return d.Stage == Won && d.Type == Untyped && d.Customer != "" && d.Closed != NoDay
}

// Customer is a customer as the cells see it: its owner and team (Key,
// with Currency ""), and its first interval: its acquisition date and the
// day it ended (its churn date), then its later intervals (Lifecycle). An
// acquisition date is acquired_at, else its first won deal's close date.
type Customer struct {
	Key      KeyID
	Acquired Day // NoDay: a prospect, counted nowhere
	Churned  Day // NoDay: not churned
	Later    []Interval
}

func (c *Customer) counters() Counters {
	k := Counters{Customers: 1}
	if c.Acquired != NoDay {
		k.Acquired = 1
	}
	return k
}

// Spend is a spend row as the cells see it (Key has only a currency).
type Spend struct {
	Key    KeyID
	Date   Day
	Amount int64
}
